-- Each recipient's changes already drafted into one of their digests (a change is told once).
SELECT DISTINCT recipient, item_key FROM digest_item
