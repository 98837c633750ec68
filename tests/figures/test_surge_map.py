"""The surge map builder: one point per admin-1 area with a surge, on the country outlines, with no basemap."""

from __future__ import annotations

import json

import pandas as pd

from r2p import geo
from r2p.figures.event_map import NO_BASEMAP, outlines_near
from r2p.figures.surge_map import surge_deck

AREAS = pd.DataFrame({"admin1": ["Southern", "Central", "Northern"], "surge_weeks": [3, 1, 2],
                      "latest_week": pd.to_datetime(["2025-11-03", "2025-10-06", "2025-09-01"]),
                      "peak_events": [12, 5, 8], "latitude": [-15.4, -13.5, None], "longitude": [35.3, 33.8, 34.0]})


def _deck() -> dict:
    return json.loads(surge_deck(AREAS, outlines_near(geo.load_country_shapes(), "MWI"), "MWI").to_json())


def test_no_basemap_no_provider_and_nothing_to_fetch() -> None:
    deck = _deck()
    assert deck["mapStyle"] == NO_BASEMAP and "http" not in json.dumps(deck)
    assert "mapProvider" not in deck or deck["mapProvider"] is None


def test_every_located_area_is_a_point_over_the_country_outline() -> None:
    layers = {layer["id"]: layer for layer in _deck()["layers"]}
    located = AREAS.dropna(subset=["latitude"])  # Northern has no position
    drawn = [point["place"] for point in layers["surge_areas"]["data"]]
    assert drawn == list(located["admin1"]) and len(drawn) < len(AREAS)
    assert [f["properties"]["iso3"] for f in layers["surge_country"]["data"]["features"]] == ["MWI"]
    assert "MWI" not in {f["properties"]["iso3"] for f in layers["surge_neighbours"]["data"]["features"]}
