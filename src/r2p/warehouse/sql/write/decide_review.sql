-- Record the decision on a review (a decided review is never changed again: the caller checks).
UPDATE review SET decision = $decision, rationale = $rationale, decided_by = $decided_by, decided_at = $decided_at
WHERE review_id = $review_id
