"""The shared checks' fast paths give exactly what the cell-by-cell way gives, on the cells that matter."""

from __future__ import annotations

import pandas as pd
import pytest

from r2p.warehouse.ingest.validate import is_missing, parse_numbers, per_value


def _slow_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """parse_numbers as it was before its pyarrow fast path: pandas' to_numeric on every cell."""
    text = raw.fillna("").astype(str).str.strip()
    values = pd.to_numeric(text.where(~is_missing(raw), None), errors="coerce").astype("float64")
    return values, values.isna() & ~is_missing(raw)


def test_per_value_matches_transforming_every_cell() -> None:
    cells = pd.Series([" Battles", "riots", None, " Battles", "RIOTS", None], index=[10, 3, 7, 1, 2, 99],
                      dtype="string", name="event_type")
    expected = cells.str.strip().str.lower()
    got = per_value(cells, lambda distinct: distinct.str.strip().str.lower())
    pd.testing.assert_series_equal(got, expected)


def test_per_value_runs_the_transform_once_per_distinct_value() -> None:
    seen: list[int] = []

    def transform(distinct: pd.Series) -> pd.Series:
        seen.append(len(distinct))
        return distinct.str.len()

    per_value(pd.Series(["a", "bb", "a", "bb", "a"] * 1000), transform)
    assert seen == [2]


@pytest.mark.parametrize("cells", [
    ["1", " 2.5", "", "-3e2", "0", None],  # plain numbers: the pyarrow path
    ["1", "NA", "..", "2,000", "x", " 4 ", None, ""],  # markers and junk: the pandas path
    ["1", "inf", "nan", "7"],  # not finite: the pandas path says so the same way
])
def test_parse_numbers_matches_the_cell_by_cell_parse(cells: list[str | None]) -> None:
    raw = pd.Series(cells, index=range(5, 5 + len(cells)), dtype=object)
    values, bad = parse_numbers(raw)
    slow_values, slow_bad = _slow_numbers(raw)
    pd.testing.assert_series_equal(values, slow_values)
    pd.testing.assert_series_equal(bad, slow_bad, check_names=False)


def test_parse_numbers_flags_only_the_unreadable_cells() -> None:
    values, bad = parse_numbers(pd.Series(["12", "1,5", "", "abc", "3"]))
    assert bad.tolist() == [False, True, False, True, False]
    assert values[0] == 12 and values[4] == 3 and pd.isna(values[2])
