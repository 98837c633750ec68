-- The two engagement gaps (r2p.read.overview.engagement_gaps: the Engagement page's two lists, the first also the
-- Overview's "High risk, nobody engaged"), one row per situation listed, `gap` naming its list:
--   'nobody': the situation's highest model tier among its countries ranks in $high and no engagement is active on
--             $as_of; without any tier for the method version and period, every situation with no active engagement.
--   'stale':  it ranks in $high and some engagement is active on $as_of, but none started in the $months months to
--             $as_of (none when $months is NULL, or without tiers: which situations are high risk is unknown).
-- Each list worst tier first ($tiers: the tier labels, highest first, rank 1 the first; a situation with none of
-- them is $no_tier), then by name. An engagement is active from its start to its end or its actor's dissolution,
-- whichever is first, a partial date read as its last possible day; last_started is the latest start by $as_of.
WITH tiers AS (
    SELECT r.iso3, r.tier, coalesce(list_position($tiers, r.tier), len($tiers) + 1) AS tier_rank
    FROM risk_score r
    JOIN country c USING (iso3)
    WHERE r.method_version = $method_version AND r.period = $period
),
situation_country AS (
    SELECT situation_id, upper(regexp_replace(unnest(string_split(countries, ';')), '^\s+|\s+$', '', 'g')) AS iso3
    FROM situation
),
situation_tier AS (
    SELECT sc.situation_id, min(t.tier_rank) AS tier_rank
    FROM situation_country sc
    JOIN tiers t USING (iso3)
    GROUP BY sc.situation_id
),
span AS (
    SELECT e.situation_id, e.started,
           least(CASE e.ended_precision WHEN 'year' THEN make_date(year(e.ended), 12, 31)
                                        WHEN 'month' THEN last_day(e.ended) ELSE e.ended END,
                 CASE a.dissolved_precision WHEN 'year' THEN make_date(year(a.dissolved), 12, 31)
                                            WHEN 'month' THEN last_day(a.dissolved) ELSE a.dissolved END) AS until
    FROM engagement e
    LEFT JOIN actor a USING (actor_id)
),
engaged AS (
    SELECT situation_id,
           count(*) FILTER (WHERE started <= $as_of AND (until IS NULL OR until >= $as_of)) AS active,
           max(started) FILTER (WHERE started <= $as_of) AS last_started
    FROM span
    GROUP BY situation_id
),
ranked AS (
    SELECT s.situation_id, s.name, st.tier_rank, coalesce(e.active, 0) AS active, e.last_started,
           list_contains($high, st.tier_rank) AS high
    FROM situation s
    LEFT JOIN situation_tier st USING (situation_id)
    LEFT JOIN engaged e USING (situation_id)
),
listed AS (
    SELECT *,
           CASE WHEN active = 0 AND (high OR NOT EXISTS (SELECT 1 FROM tiers)) THEN 'nobody'
                WHEN active > 0 AND high AND $months IS NOT NULL
                     AND (last_started IS NULL OR last_started <= $as_of - to_months($months)) THEN 'stale'
           END AS gap
    FROM ranked
)
SELECT gap, situation_id, name,
       CASE WHEN tier_rank <= len($tiers) THEN $tiers[tier_rank] ELSE $no_tier END AS tier,
       active, last_started
FROM listed
WHERE gap IS NOT NULL
ORDER BY gap, coalesce(tier_rank, len($tiers) + 1), name, situation_id
