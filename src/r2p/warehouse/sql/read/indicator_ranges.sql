-- The valid range and unit of every indicator the warehouse knows.
SELECT indicator_id, unit, valid_min, valid_max FROM indicator
