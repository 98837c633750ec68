"""Download names and MIME types: a slug of what the file shows, `-DEMO` when it shows demo data."""

from __future__ import annotations

import re
import unicodedata

MIME_TYPES: dict[str, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
MAX_STEM = 80


def slug(text: str) -> str:
    """ASCII letters, digits and single hyphens: 'Côte d'Ivoire — 2025' -> 'cote-d-ivoire-2025'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:MAX_STEM].strip("-") or "export"


def filename(stem: str, extension: str, is_demo: bool) -> str:
    """e.g. `r2p-tier-history-sdn-DEMO.png`: a file saved from demo data says so in its name."""
    return f"{slug(stem)}{'-DEMO' if is_demo else ''}.{extension}"
