"""The Overview's short lists are HTML tables: one row per frame row, every cell shown as its escaped text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd

from r2p.ui.tier_tables import html_table

HOSTILE = '<img src=x onerror="alert(1)"> | [link](http://x) **bold**'
TABLE_TAGS = {"div", "table", "thead", "tbody", "tr", "th", "td", "strong"}


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
