"""Trigger rules (data) and their evaluation: a firing opens a review that someone must decide."""
