-- Insert or replace indicators from the registered frame `staged_indicator` (the catalog's field names).
INSERT OR REPLACE INTO indicator
SELECT id, name, unit, higher_is_worse, risk_factors::INTEGER[], source, valid_min, valid_max, description
FROM staged_indicator
