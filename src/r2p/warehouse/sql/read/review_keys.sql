-- What evidence has already opened a review, and which reviews are still undecided.
SELECT review_id, rule_id, iso3, evidence_key, decision FROM review
