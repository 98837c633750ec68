-- Whether any event of staged_event is already stored, current or as a vintage. When none is, the vintage
-- statements (drop_stale_vintage_events, keep_superseded_events, drop_replaced_events, events_held_back) have
-- nothing to do: a load of new events skips them.
SELECT EXISTS (
    SELECT 1 FROM (SELECT event_id FROM event UNION ALL SELECT event_id FROM event_vintage) k
    SEMI JOIN staged_event s ON s.event_id = k.event_id
) AS known
