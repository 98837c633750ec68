-- Move an undecided review to its next level: the level's holder and a new deadline (a decided one never moves).
UPDATE review SET level = $level, owner = $owner, due_date = $due_date
WHERE review_id = $review_id AND decision IS NULL
