"""The pack on real data (../shared/data): EWP's forecasts end in 2024 and the UCDP events held cover the Central
African Republic only, to 2022. What changed must say where the data end, not that nothing happened."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from r2p.access.rights import Role, User
from r2p.exports.briefing import default_since
from r2p.exports.pack import make_pack
from r2p.ops.build import ingest_and_score
from r2p.tiers import current_period
from r2p.tiers.method import method
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY, require_shared
from tests.helpers.warehouses import copy_of

FILES = (("ewp", "ewp/final_forecasts_data_3Sep2025.csv"), ("ucdp", "ucdp/GEDEvent_v23_1_CAR.geojson"))
MARKING = "UNCLASSIFIED"


@pytest.fixture(scope="module")
def real(empty_template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    paths = [(source, require_shared(name)) for source, name in FILES]
    warehouse = copy_of(empty_template_warehouse, tmp_path_factory.mktemp("real") / "r2p.duckdb")
    for source, path in paths:
        ingest_and_score(warehouse, source, path, user=User("loader", Role.ADMIN, "local"))
    return warehouse


def _pages(warehouse: Warehouse, iso3: str) -> list[str]:
    pack = make_pack(warehouse, iso3, "pdf", None, "ewp-1", FIXED_TODAY)
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pack.data)).pages]


def _last_event(warehouse: Warehouse, iso3: str) -> str:
    cursor = warehouse.reader().cursor()
    try:
        return str(cursor.execute("SELECT max(event_date) FROM event WHERE iso3 = ?", [iso3]).fetchone()[0])[:10]
    finally:
        cursor.close()


def test_sudans_pack_says_the_tier_data_end_and_no_events_are_held(real: Warehouse, warm_renderer: None) -> None:
    period = current_period(real, method("ewp-1"))
    since = default_since(FIXED_TODAY)
    assert period is not None and period < since.year  # the data end before the window opens
    pages = _pages(real, "SDN")
    first = pages[0]
    assert f"Model tier (ewp-1): no data newer than {period}, the latest scored year, so no move since {since}" \
        in first
    assert "Events: none are held for Sudan" in first
    assert f"in scored years {since.year}–{period}" not in " ".join(pages)  # the old, backwards span
    assert all(page.count(MARKING) == 2 and "DEMO" not in page for page in pages)


def test_an_event_series_that_ends_before_the_window_says_so(real: Warehouse, warm_renderer: None) -> None:
    last = _last_event(real, "CAF")
    assert last < str(default_since(FIXED_TODAY))
    first = _pages(real, "CAF")[0]
    assert f"Events: no data newer than {last}" in first and "Events from" not in first
