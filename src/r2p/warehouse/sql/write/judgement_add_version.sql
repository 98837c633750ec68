-- Append one version of a country's key judgements (an approval is a version too); never edited in place.
INSERT INTO judgement (iso3, version, key_judgements, what_changed, approved, edited_by, edited_at, approved_by,
                       approved_at)
VALUES ($iso3, $version, $key_judgements, $what_changed, $approved, $edited_by, $edited_at, $approved_by,
        $approved_at)
