"""Older EWP forecast releases made from the real 2025 list, and a warehouse holding several releases."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from tests.helpers.cli import r2p
from tests.helpers.data import require_shared

FORECASTS_2025 = "ewp/final_forecasts_data_3Sep2025.csv"
BASE_2025 = "ewp/basedata2025_4august2025.csv"
WINDOW = re.compile(r"^(?P<what>risk|rank|riskrank)\.(?P<window>\d{4}(?:and\d{4}|only))\.from\d{4}$")
# (file name, years back, seed): EWP 2023's list is from 2022 data (onsets 2023-2024, all known); EWP 2024's from
# 2023 data (2024 known, 2025 not); EWP 2025's own list (2025-2026) is not yet known.
OLDER = {"EWP 2023": ("final_forecasts_data_5Sep2023.csv", 2, 2023),
         "EWP 2024": ("final_forecasts_data_4Sep2024.csv", 1, 2024)}


def _shifted(name: str, years_back: int) -> str:
    if not WINDOW.match(name):
        return name
    return re.sub(r"\d{4}", lambda year: str(int(year[0]) - years_back), name)


def older_forecasts(folder: Path, release: str, put_fourth: str | None = "Sudan") -> Path:
    """The 2025 list as an older release: every forecast column's years moved back, each risk column shuffled
    (its rank column recomputed to match), and `put_fourth` (an ewp_name) moved to 4th place on the main list."""
    name, years_back, seed = OLDER[release]
    with require_shared(FORECASTS_2025).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [_shifted(column, years_back) for column in rows[0]]
    body = rows[1:]
    shuffle = random.Random(seed)
    risks = [i for i, column in enumerate(header) if (m := WINDOW.match(column)) and m["what"] == "risk"]
    for index in risks:
        values = [row[index] for row in body]
        shuffle.shuffle(values)
        for row, value in zip(body, values, strict=True):
            row[index] = value
    if put_fourth:
        _swap_to_fourth(body, header, risks[0], put_fourth)
    for index in risks:
        _rerank(body, header, index)
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])
    return path


def _swap_to_fourth(body: list[list[str]], header: list[str], risk: int, country: str) -> None:
    ordered = sorted(body, key=lambda row: -float(row[risk]))
    mover = next(row for row in body if row[header.index("ewp_name")] == country)
    fourth = ordered[3]
    mover[risk], fourth[risk] = fourth[risk], mover[risk]


def _rerank(body: list[list[str]], header: list[str], risk: int) -> None:
    window = WINDOW.match(header[risk])["window"]  # type: ignore[index]
    for index, column in enumerate(header):
        found = WINDOW.match(column)
        if found and found["what"] != "risk" and found["window"] == window:
            for row in body:
                row[index] = str(1 + sum(float(other[risk]) > float(row[risk]) for other in body))


def load_releases(location: Path, folder: Path) -> dict[str, Path]:
    """Base data and three forecast releases into a warehouse with no demo data, EWP 2024 last: its 2022 values
    replace EWP 2023's list as current, and EWP 2025's 2023 values keep its own 2023 list out."""
    env = {"R2P_DB": str(location)}
    assert r2p("init", "--no-demo", env=env).returncode == 0
    files = {"base": require_shared(BASE_2025), "EWP 2023": older_forecasts(folder, "EWP 2023"),
             "EWP 2025": require_shared(FORECASTS_2025), "EWP 2024": older_forecasts(folder, "EWP 2024", None)}
    for file in files.values():
        result = r2p("ingest", "ewp", str(file), env=env)
        assert result.returncode == 0, result.stderr
    return files
