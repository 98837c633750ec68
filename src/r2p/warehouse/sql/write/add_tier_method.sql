-- Record a tier-method version's definition and digest the first time it is scored.
INSERT INTO tier_method (version, name, definition, created_at, digest)
VALUES ($version, $name, $definition, $created_at, $digest)
