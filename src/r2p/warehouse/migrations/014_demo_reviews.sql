-- A review opened while the warehouse held demo data is about demo data: it goes when the demo data go
-- (write/remove_demo_data). Reviews opened before this migration are kept: which data opened them is not known.
ALTER TABLE review ADD COLUMN is_demo BOOLEAN DEFAULT FALSE;
UPDATE review SET is_demo = FALSE WHERE is_demo IS NULL;
