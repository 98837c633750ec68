"""Deterministic, true-to-shape demo data: indicator series and geolocated events for every country."""
