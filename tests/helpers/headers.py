"""Headers a person reads above each table a page shows (st.dataframe's column_config label, else the column)."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

RAW_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")  # iso3, name, source_id, is_demo: an id, not a header


def shown_headers(app: AppTest) -> list[list[str]]:
    """Per dataframe on the page, the header of every column shown (the index hidden)."""
    headers = []
    for frame in app.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        headers.append([(config.get(str(column)) or {}).get("label") or str(column)
                        for column in frame.value.columns if not (config.get(str(column)) or {}).get("hidden")])
    return headers


def raw_headers(app: AppTest) -> list[str]:
    """Every header on the page that is a raw column id rather than words for people."""
    return [header for frame in shown_headers(app) for header in frame if RAW_ID.fullmatch(header)]
