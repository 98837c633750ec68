"""The tester's case for the current period: one `table` row for one country, one year past the demo data."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import r2p
from tests.helpers.data import FIXED_TODAY

LATER = FIXED_TODAY.year  # the demo spans 1990..last year, so this year is one past it
CURRENT = LATER - 1


def load_later_row(folder: Path) -> None:
    """`r2p ingest table` Chad's battle deaths for LATER into the warehouse R2P_DB names."""
    row = folder / "chad.csv"
    row.write_text(f"country,indicator,year,value\nTCD,ucdp.battle_deaths,{LATER},1200\n", encoding="utf-8")
    loaded = r2p("ingest", "table", str(row))
    assert loaded.returncode == 0, loaded.stderr
