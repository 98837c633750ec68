-- When one rule last opened a review per country (up to a date), so a repeat firing can be suppressed.
SELECT iso3, max(opened_at)::DATE AS last_fired
FROM review
WHERE rule_id = $rule_id AND opened_at::DATE <= $as_of
GROUP BY iso3
