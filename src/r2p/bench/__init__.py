"""`r2p bench`: a scaled synthetic warehouse and the latency, throughput and memory figures measured on it."""
