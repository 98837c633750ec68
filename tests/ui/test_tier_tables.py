"""The Overview's short lists are Markdown tables: one row per frame row, every cell shown as its plain text."""

from __future__ import annotations

import re

import pandas as pd
from markdown_it import MarkdownIt

from r2p.ui.tier_tables import markdown_table

HOSTILE = '<img src=x onerror="alert(1)"> | [link](http://x) **bold**'


def _rendered(table: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(table)


def test_every_row_and_header_becomes_one_table_row() -> None:
    frame = pd.DataFrame({"rank": [1, 2], "name": ["Sudan", "Myanmar"], "score": ["6.716", None]})
    table = markdown_table(frame, {"rank": "#", "name": "Country", "score": "Score"}, numeric=("rank", "score"))
    html = _rendered(table)
    assert re.findall(r"<th[^>]*>(.*?)</th>", html) == ["#", "Country", "Score"]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert cells == ["1", "Sudan", "6.716", "2", "Myanmar", "—"]  # a missing value reads as a dash
    assert 'style="text-align:right"' in html.split("</th>")[2]  # numbers right-aligned
    assert "| 2 | Myanmar | — |" in table  # numbers need no escaping


def test_dates_and_review_numbers_read_as_written() -> None:
    frame = pd.DataFrame({"review_id": ["#12"], "due_date": ["2025-01-05"], "score": ["-0.125"]})
    html = _rendered(markdown_table(frame, {"review_id": "Review", "due_date": "Deadline", "score": "Score"}))
    assert re.findall(r"<td>(.*?)</td>", html) == ["#12", "2025-01-05", "-0.125"]


def test_text_from_data_stays_plain_text_in_one_cell() -> None:
    frame = pd.DataFrame({"name": [HOSTILE, "line one\nline two"]})
    html = _rendered(markdown_table(frame, {"name": "Country"}))
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells[0] == ('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; | [link](http://x) **bold**')
    assert cells[1] == "line one line two"  # a line break would have ended the row
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
