-- Whether a source holds demo data.
SELECT is_demo FROM source WHERE source_id = $source_id
