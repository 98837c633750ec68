"""Permalinks: the URL that reopens a view (country, period, indicator and the page's own keys)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

from r2p.view import KEYS


def permalink(base_url: str | None, page_path: str, params: Mapping[str, str]) -> str:
    """The full link when the page's own URL is known, else a link relative to the app (`/page?…`).

    The shared view keys come first, then the page's keys in their order; values are URL-encoded (commas
    kept readable, as in `countries=SDN,MMR`)."""
    ordered = {key: params[key] for key in KEYS if key in params}
    ordered |= {key: value for key, value in params.items() if key not in ordered}
    query = urlencode({key: str(value) for key, value in ordered.items()}, safe=",")
    if base_url:
        scheme, netloc, path, _, _ = urlsplit(base_url)
        return urlunsplit((scheme, netloc, path, query, ""))
    path = f"/{page_path.strip('/')}" if page_path.strip("/") else "/"
    return f"{path}?{query}" if query else path
