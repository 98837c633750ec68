"""Reading one CSV row's text cells into typed values, collecting a located Problem for each bad cell."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from datetime import date

from r2p.engagement.dates import parse_partial_date
from r2p.warehouse.ingest.result import Problem

IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_TRUE, _FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0"})


class Cells:
    """The cells of one row (spreadsheet numbering: the header is row 1)."""

    def __init__(self, record: Mapping[str, object], file: str, row: int | None) -> None:
        self.record, self.file, self.row = record, file, row
        self.problems: list[Problem] = []

    def raw(self, column: str) -> str:
        value = self.record.get(column)
        return "" if value is None else str(value).strip()

    def problem(self, column: str, message: str, value: str | None = None) -> None:
        shown = self.raw(column) if value is None else value
        self.problems.append(Problem(self.file, message, self.row, column, shown))

    def text(self, column: str, required: bool = False) -> str | None:
        value = self.raw(column)
        if not value and required:
            self.problem(column, "is required")
        return value or None

    def identifier(self, column: str, required: bool = False) -> str | None:
        value = self.text(column, required)
        if value is not None and not IDENTIFIER.match(value):
            self.problem(column, "is not a valid id (lower-case letters and digits, joined by '.', '_' or '-')")
            return None
        return value

    def choice(self, column: str, choices: Collection[str]) -> str | None:
        value = self.text(column, required=True)
        if value is not None and value not in choices:
            close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else f" (one of: {', '.join(choices)})"
            self.problem(column, f"is not a known value{hint}")
            return None
        return value

    def partial_date(self, column: str, required: bool = False) -> tuple[date | None, str | None]:
        value = self.text(column, required)
        if value is None:
            return None, None
        try:
            return parse_partial_date(value)
        except ValueError:
            self.problem(column, "is not a date (YYYY-MM-DD, or YYYY-MM or YYYY when the day is not known)")
            return None, None

    def flag(self, column: str) -> bool:
        value = self.raw(column).lower()
        if value in _TRUE | _FALSE:
            return value in _TRUE
        self.problem(column, "must be true or false")
        return False

    def url(self, column: str) -> str | None:
        value = self.text(column)
        if value is not None and not _URL.match(value):
            self.problem(column, "is not a web address (http:// or https://, no spaces)")
            return None
        return value

    def positive_integer(self, column: str) -> int | None:
        value = self.text(column, required=True)
        if value is None:
            return None
        if not value.isdigit() or int(value) == 0:
            self.problem(column, "is not a positive whole number")
            return None
        return int(value)

    def countries(self, column: str, known: Collection[str], required: bool = False) -> list[str]:
        """ISO3 codes separated by ';' (each must be a known country)."""
        value = self.text(column, required)
        codes = [code.strip().upper() for code in (value or "").split(";") if code.strip()]
        for code in codes:
            if code not in known:
                self.problem(column, "is not a known country code (use ISO 3166 alpha-3, e.g. SDN)", code)
        return codes
