-- Whether two staged events (temp table ingest_event) may share an event_id: a first look that is cheaper than
-- ingest_event_repeats (counting distinct 64-bit hashes, not ids; measured on 5 M events 0.7 CPU-s against 1.1).
-- Equal ids have equal hashes, so no repeat goes unseen; a hash collision only sends the load to
-- ingest_event_repeats, which finds the rows.
SELECT count(DISTINCT hash(event_id)) < count(*) AS maybe FROM ingest_event
