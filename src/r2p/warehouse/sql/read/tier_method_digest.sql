-- The stored definition digest of a tier-method version, if it was scored before.
SELECT digest FROM tier_method WHERE version = $version
