-- The observations a tier method needs: its indicators only.
SELECT iso3, indicator_id, period, value FROM observation WHERE list_contains($indicator_ids, indicator_id)
