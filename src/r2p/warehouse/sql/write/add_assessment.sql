-- Append an analyst assessment; returns its assessment_id (the latest per country and period is shown).
INSERT INTO assessment (iso3, period, tier, rationale, author, created_at)
VALUES ($iso3, $period, $tier, $rationale, $author, $created_at)
RETURNING assessment_id
