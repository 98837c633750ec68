"""cache.built: a figure (or any built object) is built once per warehouse version and handed back as is."""

from __future__ import annotations

from r2p.ui import cache
from r2p.warehouse import Warehouse

BUILDS: list[tuple[str, int]] = []


def _build(iso3: str, period: int) -> dict:
    BUILDS.append((iso3, period))
    return {"iso3": iso3, "period": period, "rows": len(cache.countries())}


def test_a_build_is_kept_per_version_and_arguments_and_redone_after_a_write(warehouse: Warehouse) -> None:
    first = cache.built(_build, "SDN", 2025)
    assert cache.built(_build, "SDN", 2025) is first and BUILDS == [("SDN", 2025)]  # a rerun: no rebuild, no copy
    assert cache.built(_build, "MMR", 2025) is not first and len(BUILDS) == 2  # other arguments: their own build
    with warehouse.write() as connection:  # a new version of the data (as an ingest or a saved assessment makes)
        connection.execute("CHECKPOINT")
    again = cache.built(_build, "SDN", 2025)
    assert again is not first and again == first and BUILDS[-1] == ("SDN", 2025) and len(BUILDS) == 3
