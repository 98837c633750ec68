"""Tables printed for people: missing values as '-', dates and moments without noise; CSV and JSON untouched."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from r2p.commands.output import Format, emit, readable_text

FRAME = pd.DataFrame({
    "iso3": ["SDN", "COG"],
    "assessed_tier": [None, "High"],
    "score": [0.994, np.nan],  # printed "0.994" and "-"
    "opened_at": pd.to_datetime(["2026-12-06 10:03:51.587082", None]),
    "deadline": pd.to_datetime(["2026-12-20", "2027-01-03"]),
    "decided_by": pd.Series([pd.NA, pd.NA], dtype="string"),
})


def test_a_missing_value_reads_as_a_dash_and_times_lose_their_noise() -> None:
    shown = readable_text(FRAME)
    assert shown.drop(columns="score").values.tolist() == [
        ["SDN", "-", "2026-12-06 10:03:51", "2026-12-20", "-"],
        ["COG", "High", "-", "2027-01-03", "-"],
    ]
    assert shown["score"].dtype == "float64"  # printed with one number of decimals, NaN as na_rep
    assert FRAME["opened_at"].dt.microsecond.iloc[0] == 587082  # the frame itself is not changed


def test_the_table_format_prints_no_none_nan_or_nat(capsys: pytest.CaptureFixture[str]) -> None:
    emit(FRAME, Format.table)
    printed = capsys.readouterr().out
    for noise in ("None", "NaN", "NaT", "<NA>", "00:00:00", ".587082"):
        assert noise not in printed
    header, first, second = printed.splitlines()
    assert header.split() == list(FRAME.columns)
    assert first.split()[2] == "0.994" and second.split()[2] == "-"


def test_csv_and_json_keep_every_value_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    emit(FRAME, Format.json)
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["assessed_tier"] is None and rows[0]["opened_at"].startswith("2026-12-06T10:03:51.587")
    emit(FRAME, Format.csv)
    assert "2026-12-06 10:03:51.587082" in capsys.readouterr().out
