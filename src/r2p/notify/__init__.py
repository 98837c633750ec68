"""Subscriptions and digests: what changed, drafted per recipient, approved by a person, delivered once."""
