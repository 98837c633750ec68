"""Seeds (small valid files per source) and the Hypothesis strategies that damage them, for the importer fuzz tests."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from hypothesis import strategies as st

from tests.helpers.data import EXAMPLES, ROOT, SHARED_DATA

FIXTURES = ROOT / "tests" / "fixtures"
SEED_ROWS = 8  # data rows kept from each seed file: enough for every layout, small enough to fuzz quickly
HUGE = 1 << 20  # a 1 MB cell
# Cells a careless export or a hostile file might hold where a number, a code or a date belongs.
NASTY_CELLS = (
    "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1e309", "1e-400", "", " ", "\t", "NA", "..", "-", "0x1F",
    "1,5", "1_000", "١٢", "-0", "2.5", "17.25", "abc", "2024-13-45", "31/02/2020", "12 Smarch 2024", "0000-00-00",
    "99999999999999999999", "-99999999999999999999", "3e300", "\x00", '"', "'", "=1+1", "None", "null", "TRUE",
    "\u202e", "SDN", "XXX", "1990.5", "-2147483649", "9223372036854775808",
)
ENCODINGS = ("latin-1", "utf-16", "utf-16-le", "utf-8-sig", "cp1252", "utf-32")
JUNK = (b"\xff\xfe\x80", b"\x00\x00\x00", b"\xc3\x28", b"\r\r\n", b'"', b"\xef\xbb\xbf", b"PK\x03\x04")


@dataclass(frozen=True)
class Seed:
    """A small valid input: sheets of text rows (CSV: one sheet) or, for GeoJSON, raw bytes."""

    name: str
    suffix: str
    sheets: dict[str, list[list[str]]] = field(default_factory=dict)
    raw: bytes = b""
    companions: dict[str, bytes] = field(default_factory=dict)  # files written beside it (an indicator sheet)


def csv_seed(name: str, path: Path, keep: int = SEED_ROWS, skip: int = 0) -> Seed:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for _, row in zip(range(skip + 1 + keep), csv.reader(handle), strict=False)]
    companion = path.with_name(f"{path.stem}.indicators.csv")
    extra = {"fuzz.indicators.csv": companion.read_bytes()} if companion.is_file() else {}
    return Seed(name, ".csv", {"data": rows}, companions=extra)


def xlsx_seed(name: str, path: Path, keep: int = SEED_ROWS) -> Seed:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = {sheet.title: [["" if v is None else str(v) for v in row]
                            for row in sheet.iter_rows(max_row=keep + 1, values_only=True)]
              for sheet in book.worksheets}
    book.close()
    return Seed(name, ".xlsx", sheets)


def geojson_seed(name: str, path: Path, keep: int = 3) -> Seed:
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:keep]
    return Seed(name, ".geojson", raw=json.dumps(collection).encode())


def all_seeds() -> dict[str, list[Seed]]:
    """Seeds per source; the shared real files seed too when they are present (a few rows of each)."""
    seeds = {
        "table": [csv_seed("table-long", EXAMPLES / "table_long.csv"),
                  xlsx_seed("table-wide", EXAMPLES / "table_wide.xlsx")],
        "ucdp": [csv_seed("ucdp-ged", FIXTURES / "ucdp" / "GEDEvent_v23_1_CAR_sample.csv")],
        "vdem": [csv_seed("vdem-cy", FIXTURES / "vdem" / "V-Dem-CY-Full+Others-v15.subset.csv")],
        "wdi": [csv_seed("wdi-bulk", FIXTURES / "wdi" / "WDICSV.csv", keep=40),
                csv_seed("wdi-api", FIXTURES / "wdi" / "API_SP.DYN.IMRT.IN_DS2_en_csv_v2_19.csv", skip=4),
                csv_seed("wdi-v2", FIXTURES / "wdi" / "wdi_api_v2.csv")],
        "acled": [csv_seed("acled", FIXTURES / "acled" / "acled_events.csv")],
        "ewp": [],
    }
    shared = {
        "ewp": [("ewp-base", "ewp/basedata2025_4august2025.csv"),
                ("ewp-forecasts", "ewp/final_forecasts_data_3Sep2025.csv"),
                ("ewp-compact", "ewp/forecasts3Sep2025.csv"), ("ewp-foos", "ewp/FOOSforecasts_3Sep2025.csv"),
                ("ewp-panel", "ewp/prepared2024predictors-2025-09-03.csv"),
                ("ewp-events", "ewp/EWP mass killing events master list_2025.xlsx")],
        "ucdp": [("ucdp-brd", "ucdp/BattleDeaths_v25_1.csv"), ("ucdp-geojson", "ucdp/GEDEvent_v23_1_CAR.geojson")],
        "vdem": [("vdem-ert", "vdem/ert.csv")],
    }
    for source, files in shared.items():
        for name, relative in files:
            path = SHARED_DATA / relative
            if not path.is_file() and os.environ.get("CI") == "true":  # as require_shared: CI must have them
                raise FileNotFoundError(f"fuzz seed missing under CI=true: {path}")
            if path.is_file():
                maker = {".csv": csv_seed, ".xlsx": xlsx_seed, ".geojson": geojson_seed}[path.suffix]
                seeds[source].append(maker(name, path))
    return seeds


def engagement_seed(directory: Path) -> dict[str, list[list[str]]]:
    """The three registry files an export wrote, a few rows each."""
    return {path.name: csv_seed(path.stem, path).sheets["data"] for path in sorted(directory.glob("*.csv"))}


# A row mutation: (operation, a, b, text); a and b are indices taken modulo the sheet's size when applied.
row_mutations = st.tuples(
    st.sampled_from(["cell", "column", "dup_header", "drop_column", "blank_header", "rename_header", "keep_rows",
                     "extra_field", "short_row", "header_only"]),
    st.integers(0, 1000), st.integers(0, 1000),
    st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=12), st.sampled_from(["huge-digits", "huge-text"])),
)
# A byte mutation of the written file.
byte_mutations = st.one_of(
    st.just(("none", 0, b"")),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 30), st.just(b"")),
    st.tuples(st.just("encode"), st.integers(0, len(ENCODINGS) - 1), st.just(b"")),
    st.tuples(st.just("insert"), st.integers(0, 1 << 30), st.sampled_from(JUNK)),
    st.tuples(st.just("junk"), st.just(0), st.binary(max_size=300)),
    st.just(("empty", 0, b"")),
)


def mutate_rows(rows: list[list[str]], mutations: list[tuple]) -> list[list[str]]:
    rows = [list(r) for r in rows] or [[]]
    for operation, a, b, text in mutations:
        text = {"huge-digits": "9" * HUGE, "huge-text": "x" * HUGE}.get(text, text)
        width = max(len(rows[0]), 1)
        col, row = a % width, 1 + b % max(len(rows) - 1, 1)
        if operation == "cell" and row < len(rows) and col < len(rows[row]):
            rows[row][col] = text
        elif operation == "column":
            for body in rows[1:]:
                if col < len(body):
                    body[col] = text
        elif operation in ("dup_header", "drop_column"):
            rows = [(r + [r[col]] if operation == "dup_header" else r[:col] + r[col + 1:]) if col < len(r) else r
                    for r in rows]
        elif operation in ("blank_header", "rename_header") and rows[0]:
            rows[0][col] = "" if operation == "blank_header" else text[:40]
        elif operation == "keep_rows":
            rows = rows[: 1 + a % len(rows)]
        elif operation == "extra_field" and row < len(rows):
            rows[row].append(text[:20])
        elif operation == "short_row" and row < len(rows) and rows[row]:
            rows[row].pop()
        elif operation == "header_only":
            rows = rows[:1]
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: str) -> str:
    # openpyxl refuses control characters in cells; a workbook cannot hold them, so neither does the fuzz input.
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")[:32767]


def mutate_bytes(data: bytes, mutation: tuple, text_file: bool) -> bytes:
    operation, number, junk = mutation
    if operation == "truncate":
        return data[: number % (len(data) + 1)]
    if operation == "encode" and text_file:
        encoding = ENCODINGS[number]
        return data.decode("utf-8").encode(encoding, errors="replace")
    if operation == "insert":
        at = number % (len(data) + 1)
        return data[:at] + junk + data[at:]
    if operation == "junk":
        return junk
    if operation == "empty":
        return b""
    return data


def write_input(seed: Seed, rows: list[tuple], damage: tuple, folder: Path) -> Path:
    """The damaged file (and any companion files) written into `folder` as fuzz<suffix>."""
    if seed.suffix == ".geojson":
        data = seed.raw
    elif seed.suffix == ".xlsx":
        first = next(iter(seed.sheets))
        data = xlsx_bytes(seed.sheets | {first: mutate_rows(seed.sheets[first], rows)})
    else:
        data = csv_bytes(mutate_rows(seed.sheets["data"], rows))
    path = folder / f"fuzz{seed.suffix}"
    path.write_bytes(mutate_bytes(data, damage, seed.suffix != ".xlsx"))
    for name, content in seed.companions.items():
        (folder / name).write_bytes(content)
    return path

