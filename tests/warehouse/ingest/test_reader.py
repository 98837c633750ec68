"""The one strict reader: text cells, spreadsheet row numbers, and refusals that name the file, row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from r2p.warehouse.ingest.reader import ROW, first_rows, header, read_csv, read_sheets
from r2p.warehouse.ingest.result import IngestRefused


def _csv(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _refusal(path: Path, **options: object) -> list[str]:
    with pytest.raises(IngestRefused) as refused:
        read_csv(path, "test", **options)
    return [str(p) for p in refused.value.problems]


def test_cells_stay_text_and_rows_keep_their_spreadsheet_numbers(tmp_path: Path) -> None:
    path = _csv(tmp_path, '\ufeffcountry;value;note\nNA;1,5;"two\nlines"\n\nSDN;;x\n')
    frame = read_csv(path, "test", ["country", "note"])
    assert frame.to_dict("list") == {"country": ["NA", "SDN"], "note": ["two\nlines", "x"], ROW: [2, 3]}
    assert header(path) == ["country", "value", "note"] and first_rows(path, 1) == [["country", "value", "note"]]


def test_rows_with_the_wrong_number_of_fields_are_each_located(tmp_path: Path) -> None:
    path = _csv(tmp_path, "a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    assert _refusal(path) == ["in.csv, row 3: '4,5': has 2 fields where the header has 3 (file cut short or damaged?)",
                              "in.csv, row 4: '6,7,8,9': has 4 fields where the header has 3 (file cut short or "
                              "damaged?)"]


def test_a_file_cut_inside_its_last_quoted_value_is_refused_but_a_whole_multi_line_value_is_not(
        tmp_path: Path) -> None:
    assert _refusal(_csv(tmp_path, 'a,b\n1,2\n3,"cut')) == ["in.csv, row 3: ends inside a quoted value (file cut "
                                                             "short?)"]
    assert len(read_csv(_csv(tmp_path, 'a,b\n1,"one\nmore"\n'), "test")) == 1


def test_header_names_are_checked_where_they_are_read(tmp_path: Path) -> None:
    path = _csv(tmp_path, ",a,A,b\n1,2,3,4\n")
    assert _refusal(path) == ['in.csv, row 1, column "column 1": header cell is empty',
                              'in.csv, row 1, column "A": appears twice in the header row (which one holds the data?)']
    assert list(read_csv(path, "test", ["b"])) == ["b", ROW]  # names outside the columns read do not matter
    assert _refusal(_csv(tmp_path, "x\n\n")) == ["in.csv: has a header but no data rows"]
    assert read_csv(tmp_path / "in.csv", "test", empty_ok=True).empty
    assert _refusal(_csv(tmp_path, "")) == ["in.csv: is empty: no header row and no data"]


def test_text_that_is_not_utf8_is_refused_at_its_byte(tmp_path: Path) -> None:
    path = _csv(tmp_path, "a,b\n1,C\xf4te\n".encode("latin-1"))
    assert _refusal(path) == ["in.csv, row 2: is not UTF-8 text (undecodable byte at offset 7); save it as CSV UTF-8"]


def test_workbook_sheets_are_read_as_text_with_the_same_numbering(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["country", "year"])
    book.active.append(["SDN", 2024])
    book.save(tmp_path / "book.xlsx")
    (sheet,) = read_sheets(tmp_path / "book.xlsx", "test").values()
    assert sheet.to_dict("list") == {"country": ["SDN"], "year": ["2024"], ROW: [2]}
    assert header(tmp_path / "book.xlsx") == ["country", "year"]
    _csv(tmp_path, b"not a zip", "bad.xlsx")
    with pytest.raises(IngestRefused, match="not a readable .xlsx workbook"):
        read_sheets(tmp_path / "bad.xlsx", "test")
