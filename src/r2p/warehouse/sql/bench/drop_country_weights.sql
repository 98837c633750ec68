-- Drop the temporary country weights once the synthetic events are generated.
DROP TABLE bench_country_weight
