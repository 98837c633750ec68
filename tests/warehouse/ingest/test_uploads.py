"""Upload safety: the size limit, macro-enabled and legacy workbooks, zip bombs, and no pickle or eval anywhere."""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from r2p.access.rights import command_line_user
from r2p.engagement.csvio import export_registry, import_registry
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.ingest.uploads import MAX_ENTRY_RATIO, UNZIPPED_FACTOR
from tests.helpers.data import EXAMPLES, ROOT
from tests.helpers.ingest import refusal, values_of

WORKBOOK = EXAMPLES / "table_wide.xlsx"


def _repacked(source: Path, target: Path, replace: dict[str, bytes], extra: dict[str, bytes]) -> Path:
    """A copy of a workbook with some parts rewritten and some added (deflated, as Excel writes them)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            copy.writestr(item.filename, replace.get(item.filename, original.read(item.filename)))
        for name, data in extra.items():
            copy.writestr(name, data)
    return target


def test_a_file_over_the_limit_is_refused_unread_naming_its_size_and_the_limit(
        warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "huge.csv"
    junk.write_bytes(b"\xff\xfe binary junk that parsing would call not UTF-8!!" * 100)  # 5000 bytes
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", str(4 / 1024))  # 4 kB
    problems = refusal(warehouse, "table", junk)
    assert problems == ["huge.csv: is 4.9 kB, over the upload limit of 4.0 kB (R2P_MAX_UPLOAD_MB); nothing was read"]


def test_the_same_file_loads_under_a_limit_it_fits(warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (EXAMPLES / "table_long.csv").stat().st_size
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", str(size / (1 << 20)))
    assert ingest(warehouse, "table", EXAMPLES / "table_long.csv").status == "loaded"
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", str((size - 1) / (1 << 20)))
    assert "over the upload limit" in refusal(warehouse, "table", EXAMPLES / "table_long.csv")[0]
    oversize = refusal(warehouse, "acled", EXAMPLES / "table_long.csv")  # checked before the source's own reading
    assert "over the upload limit" in oversize[0]


def test_the_indicator_sheet_beside_a_table_is_limited_too(
        warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = shutil.copyfile(EXAMPLES / "table_long.csv", tmp_path / "t.csv")
    (tmp_path / "t.indicators.csv").write_bytes((EXAMPLES / "table_long.indicators.csv").read_bytes() + b"\n" * 9000)
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", str(8 / 1024))
    assert re.match(r"t\.indicators\.csv: is 9\.\d kB, over the upload limit of 8\.0 kB", refusal(warehouse, "table",
                                                                                                  data)[0])


def test_an_oversize_registry_file_refuses_the_import_and_changes_nothing(
        warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export_registry(warehouse, tmp_path)
    actors = tmp_path / "actors.csv"
    actors.write_bytes(actors.read_bytes() + b"\n" * (1 << 20))
    before = warehouse.path.read_bytes()
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", "1")
    result = import_registry(warehouse, tmp_path, command_line_user())
    assert result.status == "refused"
    assert [str(p) for p in result.problems][0].startswith("actors.csv: is 1.0 MB, over the upload limit of 1.0 MB")
    assert warehouse.path.read_bytes() == before


@pytest.mark.parametrize("suffix", [".xlsm", ".xlsb", ".xls", ".XLSM"])
def test_macro_enabled_and_legacy_workbooks_are_refused_by_extension(warehouse: Warehouse, tmp_path: Path,
                                                                      suffix: str) -> None:
    path = shutil.copyfile(WORKBOOK, tmp_path / f"book{suffix}")
    for source in ("table", "ewp", "acled"):
        problems = refusal(warehouse, source, path)
        assert problems == [f"book{suffix}: is a macro-enabled or legacy Excel file ({suffix}), which is never opened;"
                            " save it as an Excel Workbook (.xlsx) or CSV UTF-8"]


def test_an_xlsx_declaring_a_macro_enabled_workbook_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    with zipfile.ZipFile(WORKBOOK) as book:
        types = book.read("[Content_Types].xml")
    declared = types.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    assert declared != types
    path = _repacked(WORKBOOK, tmp_path / "renamed.xlsx", {"[Content_Types].xml": declared}, {})
    assert "is a macro-enabled workbook" in refusal(warehouse, "table", path)[0]


def test_an_xlsx_carrying_a_vba_project_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _repacked(WORKBOOK, tmp_path / "vba.xlsx", {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not run"})
    assert "holds a VBA project" in refusal(warehouse, "ewp", path)[0]


def test_a_workbook_part_that_expands_like_a_zip_bomb_is_refused_unread(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _repacked(WORKBOOK, tmp_path / "bomb.xlsx", {}, {"xl/worksheets/sheet9.xml": b"0" * (20 << 20)})
    assert path.stat().st_size < 100_000  # 20 MB of zeros deflate to ~20 kB
    problems = refusal(warehouse, "table", path)
    assert re.fullmatch(rf"bomb\.xlsx: part xl/worksheets/sheet9\.xml expands \d+-fold \(over {MAX_ENTRY_RATIO}-fold\)"
                        r" when unzipped; refused unread \(a zip bomb\?\)", problems[0])


def test_a_workbook_that_unzips_to_more_than_ten_times_the_limit_is_refused(
        warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Low-entropy filler: compresses about 20-fold, under the per-part ratio, so only the total trips.
    filler = "".join(random.Random(7).choices("ab", weights=(40, 1), k=2 << 20)).encode()
    path = _repacked(WORKBOOK, tmp_path / "padded.xlsx", {}, {"docProps/padding.xml": filler})
    unzipped = sum(item.file_size for item in zipfile.ZipFile(path).infolist())
    limit = path.stat().st_size * 1.5
    assert unzipped > UNZIPPED_FACTOR * limit and max(
        item.file_size / item.compress_size for item in zipfile.ZipFile(path).infolist()) < MAX_ENTRY_RATIO
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", str(limit / (1 << 20)))
    assert "unzips to 2.0 MB, over 10 times the upload limit" in refusal(warehouse, "table", path)[0]


def test_formulas_in_a_workbook_are_never_evaluated(warehouse: Warehouse, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(WORKBOOK)
    sheet = book["data"]
    column = next(cell.column for cell in sheet[1] if str(cell.value) == "2024")
    row = next(cell.row for cell in sheet["A"] if cell.value == "SDN")
    sheet.cell(row, column, "=0.5+0.5")  # openpyxl stores no cached result, as a file from outside might not
    book.save(tmp_path / "formula.xlsx")
    assert ingest(warehouse, "table", tmp_path / "formula.xlsx").status == "loaded"
    assert "SDN" not in values_of(warehouse, "table.idp_share", 2024)  # read as empty: neither 1.0 nor the text


def test_no_code_unpickles_or_evaluates_anything() -> None:
    pattern = re.compile(r"\bpickle\b|read_pickle|\beval\(|\bexec\(|\bmarshal\b|\bshelve\b|yaml\.load\(|"
                         r"yaml\.unsafe_load|keep_vba|load_workbook\([^)]*keep_vba")
    offenders = [f"{path.relative_to(ROOT)}:{number}" for folder in ("src", "pages")
                 for path in (ROOT / folder).rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line)]
    offenders += [str(ROOT / "app.py")] if pattern.search((ROOT / "app.py").read_text(encoding="utf-8")) else []
    assert offenders == []


def test_a_workbook_with_a_damaged_content_types_part_is_refused_not_a_crash(warehouse: Warehouse,
                                                                             tmp_path: Path) -> None:
    data = bytearray(WORKBOOK.read_bytes())
    info = zipfile.ZipFile(WORKBOOK).getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)  # the part's compressed bytes
    data[start + 5:start + 40] = bytes(b ^ 0xFF for b in data[start + 5:start + 40])
    (tmp_path / "damaged.xlsx").write_bytes(bytes(data))
    problems = refusal(warehouse, "table", tmp_path / "damaged.xlsx")
    assert problems and all(p.startswith("damaged.xlsx") for p in problems)
