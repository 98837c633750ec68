"""The Overview's short lists are HTML tables: one row per frame row, every cell shown as its escaped text."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest

from r2p.ui.tier_tables import REVIEW_HEADERS, html_table, review_text

HOSTILE = '<img src=x onerror="alert(1)"> | [link](http://x) **bold**'
TABLE_TAGS = {"div", "table", "thead", "tbody", "tr", "th", "td", "strong"}


def html_lists(app: AppTest) -> list[pd.DataFrame]:
    """Every HTML table on a page as a person reads it: its header row as columns, every cell as shown."""
    tables = [table_rows(element.value) for element in app.html]
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in tables if rows]


class _Table(HTMLParser):
    """Each row's cells as a browser shows their text, and every tag met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.tags: set[str] = set()
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _parsed(fragment: str) -> _Table:
    table = _Table()
    table.feed(fragment)
    table.close()
    return table


def table_rows(fragment: str) -> list[list[str]]:
    """An HTML table's rows (the header row first), each cell as the text a person reads."""
    return _parsed(fragment).rows


def test_every_row_and_header_becomes_one_table_row() -> None:
    frame = pd.DataFrame({"rank": [1, 2], "name": ["Sudan", "Myanmar"], "score": ["6.716", None]})
    table = html_table(frame, {"rank": "#", "name": "Country", "score": "Score"}, numeric=("rank", "score"))
    assert table_rows(table) == [["#", "Country", "Score"], ["1", "Sudan", "6.716"], ["2", "Myanmar", "—"]]
    assert re.findall(r'<th scope="col"', table) == ['<th scope="col"'] * 3  # column headers for a screen reader
    assert re.findall(r"text-align:(\w+)", table) == ["right", "left", "right"] * 3  # numbers right-aligned,
    assert table.count("white-space:nowrap") == 6  # on one line


def test_dates_and_review_numbers_read_as_written_and_chosen_rows_lead_in_bold() -> None:
    frame = pd.DataFrame({"state": ["overdue", "open"], "review_id": ["#12", "#13"],
                          "due_date": ["2025-01-05", "2025-02-01"]})
    table = html_table(frame, {"state": "State", "review_id": "Review", "due_date": "Deadline"},
                       strong=frame["state"] == "overdue")
    assert table_rows(table)[1:] == [["overdue", "#12", "2025-01-05"], ["open", "#13", "2025-02-01"]]
    assert table.count("<strong>") == 1 and "<strong>overdue</strong>" in table


def test_text_from_data_stays_plain_text_in_one_cell() -> None:
    frame = pd.DataFrame({"name": [HOSTILE, "line one\nline two"]})
    table = html_table(frame, {"name": "<b>Country</b>"})
    parsed = _parsed(table)
    assert parsed.rows == [["<b>Country</b>"], [HOSTILE], ["line one line two"]]  # shown as text, one line each
    assert parsed.tags <= TABLE_TAGS  # no tag from the data: nothing but the table's own
    assert "<img" not in table and "<b>" not in table


def test_a_link_column_links_https_addresses_and_keeps_everything_else_text() -> None:
    frame = pd.DataFrame({"title": ["<script>x</script>", "b", "c"],
                          "source": ["https://undocs.org/S/RES/2765(2024)", 'https://x" onclick="alert(1)',
                                     "javascript:alert(1)"]})
    table = html_table(frame, {"title": "Title", "source": "Source"}, links=("source",))
    assert table_rows(table)[1:] == [["<script>x</script>", "https://undocs.org/S/RES/2765(2024)"],
                                     ["b", 'https://x" onclick="alert(1)'], ["c", "javascript:alert(1)"]]
    assert re.findall(r'<a href="([^"]*)">', table) == ["https://undocs.org/S/RES/2765(2024)",
                                                        "https://x&quot; onclick=&quot;alert(1)"]  # one attribute
    assert _parsed(table).tags <= TABLE_TAGS | {"a"} and "<script>" not in table


def test_review_rows_read_as_the_reviews_grid_prints_them() -> None:
    shown = pd.DataFrame([{column: f"<b>{column}</b>" for column in REVIEW_HEADERS}] * 2).assign(
        review_id=[12, 7], due_date=[datetime(2025, 1, 5), datetime(2025, 2, 1)],
        decided_at=[datetime(2025, 1, 6, 14, 30), None])
    table = html_table(review_text(shown), REVIEW_HEADERS)
    rows = table_rows(table)
    assert rows[0] == list(REVIEW_HEADERS.values()) and len(rows) == 3
    by_header = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["Review"], r["Deadline"], r["Decided at"]) for r in by_header] == [
        ("#12", "2025-01-05", "2025-01-06 14:30"), ("#7", "2025-02-01", "—")]
    assert by_header[0]["Why"] == "<b>rationale</b>" and "<b>" not in table  # user text stays text
