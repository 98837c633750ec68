-- Before loading staged_observation: keep as vintages (1) staged values whose key a newer release of the same
-- source holds (they stay out of `observation`), and (2) current values this load replaces that came from
-- another release (a reload of the same release, and demo data, replace without a trace, as before).
INSERT INTO observation_vintage
WITH new_load AS (
    SELECT source_id, release, release_rank FROM load_release WHERE ingest_id = $ingest_id
), met AS (
    SELECT s.iso3, s.indicator_id, s.period::INTEGER AS period, s.value AS staged_value,
           o.value AS current_value, o.ingest_id AS current_ingest,
           c.source_id = n.source_id AND c.release_rank > n.release_rank AS held_back,
           c.is_demo OR (c.source_id = n.source_id AND c.release IS NOT DISTINCT FROM n.release) AS same_release
    FROM staged_observation s
    JOIN observation o ON o.iso3 = s.iso3 AND o.indicator_id = s.indicator_id AND o.period = s.period
    JOIN load_release c ON c.ingest_id = o.ingest_id
    CROSS JOIN new_load n
)
SELECT iso3, indicator_id, period, staged_value, $ingest_id FROM met WHERE held_back
UNION ALL
SELECT iso3, indicator_id, period, current_value, current_ingest FROM met WHERE NOT held_back AND NOT same_release
