-- The name of every indicator that holds at least one value (the briefing and the key-judgement draft name the
-- parts of a score with these): the same indicators as indicators_with_data, without its year spans.
-- NOTE: one DISTINCT over observation's indicator column, not indicators_with_data's aggregate per load and join
-- to sources (briefing 5 M events / 1.3 M observations: about 5 ms against 55 ms).
SELECT indicator_id, name
FROM indicator
WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM observation)
ORDER BY name
