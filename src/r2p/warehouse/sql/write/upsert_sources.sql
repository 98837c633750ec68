-- Insert or replace sources from the registered frame `staged_source` (the catalog's field names).
INSERT OR REPLACE INTO source
SELECT id, name, publisher, url, license, citation, demo FROM staged_source
