"""The engagement map: which UN bodies, US offices and regional organisations are engaged on each situation."""
