"""Operating the warehouse: building it, updating from public releases, backup and restore."""
