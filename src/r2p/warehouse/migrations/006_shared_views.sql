-- Logic several queries share, kept once as views (a view holds no data: it is re-read on every query).
-- The assessment shown for a country and period: the latest one recorded (later ones never overwrite earlier).
CREATE VIEW latest_assessment AS
SELECT assessment_id, iso3, period, tier, rationale, author, created_at
FROM (
    SELECT *, row_number() OVER (PARTITION BY iso3, period ORDER BY created_at DESC, assessment_id DESC) AS n
    FROM assessment
)
WHERE n = 1;
