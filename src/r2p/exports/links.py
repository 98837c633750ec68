"""Permalinks: the URL that reopens a view (country, period, indicator, tier method, comparison, since)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from r2p.view import ViewState


def permalink(base_url: str | None, page_path: str, view: ViewState) -> str:
    """The full link when the page's own URL is known, else a link relative to the app (`/page?…`).

    The keys are the view's own (`ViewState.as_params`, in its order); values are URL-encoded (commas kept
    readable, as in `countries=SDN,MMR`)."""
    query = urlencode(view.as_params(), safe=",")
    if base_url:
        scheme, netloc, path, _, _ = urlsplit(base_url)
        return urlunsplit((scheme, netloc, path, query, ""))
    path = f"/{page_path.strip('/')}" if page_path.strip("/") else "/"
    return f"{path}?{query}"
