-- Engagement map: short labels and notes on actors, the countries a situation covers, a title on engagements,
-- and the precision of every date (day | month | year: a year-precise date is stored as YYYY-01-01).
-- Additive only: 002's columns keep their meaning. `dissolved` and `ended` are the last day (inclusive).
ALTER TABLE actor ADD COLUMN short_name VARCHAR;
ALTER TABLE actor ADD COLUMN note VARCHAR;
ALTER TABLE actor ADD COLUMN established_precision VARCHAR DEFAULT 'day';
ALTER TABLE actor ADD COLUMN dissolved_precision VARCHAR DEFAULT 'day';
ALTER TABLE situation ADD COLUMN countries VARCHAR;                  -- ';'-separated ISO3 codes it covers
ALTER TABLE situation ADD COLUMN note VARCHAR;
ALTER TABLE engagement ADD COLUMN title VARCHAR;
ALTER TABLE engagement ADD COLUMN started_precision VARCHAR DEFAULT 'day';
ALTER TABLE engagement ADD COLUMN ended_precision VARCHAR DEFAULT 'day';
