-- The Overview's "High risk, nobody engaged" (r2p.read.overview.unengaged; the same rows, order and columns as
-- r2p.engagement.analysis.unengaged over the registry and the tier table): situations whose highest model tier
-- among their countries ranks in $high and with no engagement active on $as_of, worst tier first ($tiers: the
-- tier labels, highest first, rank 1 the first; a situation with none of them is $no_tier), then by name. Without any tier for the
-- method version and period: every situation with no active engagement. An engagement is active from its start
-- to its end or its actor's dissolution, whichever is first, a partial date read as its last possible day.
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
)
SELECT s.situation_id, s.name,
       CASE WHEN st.tier_rank <= len($tiers) THEN $tiers[st.tier_rank] ELSE $no_tier END AS tier,
       coalesce(e.active, 0) AS active, e.last_started
FROM situation s
LEFT JOIN situation_tier st USING (situation_id)
LEFT JOIN engaged e USING (situation_id)
WHERE coalesce(e.active, 0) = 0
  AND (list_contains($high, st.tier_rank) OR NOT EXISTS (SELECT 1 FROM tiers))
ORDER BY coalesce(st.tier_rank, len($tiers) + 1), s.name, s.situation_id
