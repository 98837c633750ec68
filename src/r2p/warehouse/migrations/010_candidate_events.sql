-- UCDP GED Candidate (monthly, provisional) beside the final GED (yearly): the period each UCDP GED load covers
-- per country, so a release covering a period supersedes the provisional events of that period, and the events
-- a page shows can say which are provisional.
-- NOTE: coverage, not event ids, decides: UCDP merges, splits and drops candidate events when it finalises them,
-- so matching ids alone would count a renumbered event twice.
CREATE TABLE event_coverage (
    ingest_id    INTEGER NOT NULL,
    iso3         VARCHAR NOT NULL,
    covers_from  DATE NOT NULL,       -- a final GED load covers whole years, a candidate load whole months
    covers_to    DATE NOT NULL,
    provisional  BOOLEAN NOT NULL     -- true for GED Candidate loads
);

-- Final GED loads made before this migration cover the whole years of their events.
INSERT INTO event_coverage
SELECT e.ingest_id, e.iso3, make_date(year(min(e.event_date)), 1, 1), make_date(year(max(e.event_date)), 12, 31),
       false
FROM (SELECT ingest_id, iso3, event_date FROM event UNION ALL SELECT ingest_id, iso3, event_date FROM event_vintage) e
JOIN ingest i ON i.ingest_id = e.ingest_id
WHERE i.source_id = 'ucdp'
GROUP BY e.ingest_id, e.iso3;
