-- The changes one digest covers, from the staged frame `items` (draft_id, recipient, item_key).
INSERT INTO digest_item (draft_id, recipient, item_key) SELECT draft_id, recipient, item_key FROM items
