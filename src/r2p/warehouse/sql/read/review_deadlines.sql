-- Undecided reviews with their level, holder and deadline: the ones escalation may move up.
SELECT review_id, level, owner, due_date, decision FROM review WHERE decision IS NULL ORDER BY review_id
