-- Each release's two-year risk list, one row per release and country: the release's newest list (the latest data
-- year it states $risk_id for, current or vintage), the country's rank in that list (1 = highest risk), and the
-- first new onset ($onset_id = 1, current values) in the two years after the data year. Demo loads are left out.
WITH stated AS (
    SELECT coalesce(r.release, 'unknown release') AS release, v.iso3, v.period,
           arg_max(v.value, v.ingest_id) AS risk, max(r.published) AS published, max(r.release_rank) AS release_rank
    FROM observation_release v
    JOIN load_release r ON r.ingest_id = v.ingest_id
    WHERE r.source_id = $source_id AND NOT r.is_demo AND v.indicator_id = $risk_id
    GROUP BY ALL
), listed AS (
    SELECT *, max(period) OVER (PARTITION BY release) AS data_year FROM stated
), ranked AS (
    SELECT release, max(published) OVER (PARTITION BY release) AS published,
           max(release_rank) OVER (PARTITION BY release) AS release_rank, data_year, iso3, risk,
           rank() OVER (PARTITION BY release ORDER BY risk DESC) AS rank
    FROM listed WHERE period = data_year
), outcomes AS (
    SELECT o.iso3, o.period, o.value
    FROM observation o
    JOIN load_release r ON r.ingest_id = o.ingest_id
    WHERE o.indicator_id = $onset_id AND NOT r.is_demo
)
SELECT k.release, k.published::VARCHAR AS published, k.data_year, k.rank::INTEGER AS rank, k.iso3,
       coalesce(c.name, k.iso3) AS country, k.risk,
       (SELECT max(period) FROM outcomes) AS outcomes_through,
       (SELECT min(o.period) FROM outcomes o
        WHERE o.iso3 = k.iso3 AND o.value = 1 AND o.period BETWEEN k.data_year + 1 AND k.data_year + 2) AS onset_year
FROM ranked k
LEFT JOIN country c ON c.iso3 = k.iso3
ORDER BY k.release_rank DESC, k.rank, k.iso3
