-- One country's events per calendar year (briefing pack: the casualty trend): how many, and their deaths
-- (best estimate).
SELECT year(event_date)::INTEGER AS year, count(*)::BIGINT AS events,
       coalesce(sum(deaths_best), 0)::BIGINT AS deaths
FROM event
WHERE iso3 = $iso3
GROUP BY 1
ORDER BY 1
