"""Read-side domain queries behind the pages: countries, profiles, standings, comparisons, the audit trail."""
