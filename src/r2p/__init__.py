"""R2P Watch: situational awareness for mass-atrocity prevention."""

__version__ = "0.1.0"
