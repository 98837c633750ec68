-- Each stored score's reliability of one method version: iso3, period, coverage and stale share (shares of the
-- method's indicator weight), which r2p.tiers.current reads to decide the method's current period.
SELECT iso3, period, coverage, stale_share FROM risk_score WHERE method_version = $method_version
