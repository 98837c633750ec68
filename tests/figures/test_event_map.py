"""The event map builder: a pydeck Deck with no basemap service, events sized by deaths, coloured by type."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit

from r2p import geo
from r2p.figures.event_map import (
    MAX_POINTS,
    NO_BASEMAP,
    VIOLENCE,
    event_deck,
    event_summary,
    event_table,
    feature_bounds,
    map_points,
    outlines_near,
    violence_legend,
)

EVENTS = pd.DataFrame({"event_date": pd.to_datetime(["2025-12-01", "2025-11-02", "2025-10-03"]),
                       "admin1": ["Kachin", None, "Rakhine"], "latitude": [25.4, 21.0, 20.1],
                       "longitude": [97.4, 96.0, 93.0], "violence_type": [1, 2, 3], "deaths_best": [4, 0, 400]})


def _deck() -> dict:
    outlines = outlines_near(geo.load_country_shapes(), "MMR")
    return json.loads(event_deck(EVENTS, outlines, "MMR").to_json())


def test_no_basemap_no_provider_and_nothing_to_fetch() -> None:
    deck = _deck()
    assert deck["mapStyle"] == NO_BASEMAP and "http" not in json.dumps(deck)
    assert "mapProvider" not in deck or deck["mapProvider"] is None


def test_the_no_basemap_style_is_the_placeholder_pydeck_writes_and_streamlit_drops() -> None:
    assert json.loads(pdk.Deck(layers=[], map_provider=None).to_json())["mapStyle"] == NO_BASEMAP
    # Streamlit's deck.gl component compares mapStyle with this literal and then draws no basemap (a
    # Streamlit upgrade that drops it would fetch Carto's basemap: tests/browser/test_event_map.py sees that).
    charts = (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("DeckGlJsonChart*.js")
    assert any(f"`{NO_BASEMAP}`" in chart.read_text() or f'"{NO_BASEMAP}"' in chart.read_text() for chart in charts)


def test_every_event_is_drawn_sized_by_deaths_and_coloured_by_type() -> None:
    events = next(layer for layer in _deck()["layers"] if layer["id"] == "events")
    assert events["radiusUnits"] == "pixels"  # not a JS expression
    drawn = events["data"]
    assert [e["deaths"] for e in drawn] == [4, 0, 400]
    assert drawn[2]["radius"] > drawn[0]["radius"] > drawn[1]["radius"]
    assert [e["colour"][:3] for e in drawn] == [list(VIOLENCE[t][1]) for t in (1, 2, 3)]
    assert drawn[0]["place"] == "Kachin" and drawn[1]["place"] == ""


def test_the_country_and_its_neighbours_are_the_base_layers() -> None:
    layers = {layer["id"]: layer for layer in _deck()["layers"]}
    assert [f["properties"]["iso3"] for f in layers["country"]["data"]["features"]] == ["MMR"]
    neighbours = {f["properties"]["iso3"] for f in layers["neighbours"]["data"]["features"]}
    assert {"THA", "BGD", "CHN", "IND", "LAO"} <= neighbours and "MMR" not in neighbours and "FRA" not in neighbours


def test_the_view_frames_the_country_or_its_events() -> None:
    deck = _deck()
    myanmar = [f for f in geo.load_country_shapes()["features"] if f["properties"]["iso3"] == "MMR"]
    west, south, east, north = feature_bounds(myanmar)
    view = deck["initialViewState"]
    assert west < view["longitude"] < east and south < view["latitude"] < north and view["zoom"] > 3
    small = json.loads(event_deck(EVENTS.assign(latitude=1.3, longitude=103.8), {"features": []}, "SGP").to_json())
    assert abs(small["initialViewState"]["longitude"] - 103.8) < 0.01


def test_the_legend_names_every_violence_type_in_its_colour() -> None:
    legend = violence_legend()
    assert all(label in legend for label, _ in VIOLENCE.values()) and "#d55e00" in legend


def test_beyond_the_point_limit_nearby_events_are_merged_keeping_every_event_and_death() -> None:
    count = 5000
    events = pd.DataFrame({"event_date": pd.date_range("2024-01-01", periods=count, freq="h"),
                           "admin1": ["North"] * count, "latitude": [10 + (n % 100) * 0.01 for n in range(count)],
                           "longitude": [20 + (n // 100) * 0.01 for n in range(count)],
                           "violence_type": [1 + n % 3 for n in range(count)], "deaths_best": [2] * count})
    merged = map_points(events, limit=1000)
    assert len(merged) <= 1000 and merged["events"].sum() == count and merged["deaths_best"].sum() == 2 * count
    assert set(merged["violence_type"]) == {1, 2, 3}  # types are never merged together
    assert len(map_points(events.head(1000), limit=1000)) == 1000  # at the limit, every event is its own dot
    deck = event_deck(events, outlines_near(geo.load_country_shapes(), "SDN"), "SDN")
    points = next(layer for layer in deck.layers if layer.id == "events").data
    assert len(points) <= MAX_POINTS and any("events merged" in point["place"] for point in points)


def test_the_legend_states_the_point_limit_the_map_uses() -> None:
    assert f"beyond {MAX_POINTS:,} events" in violence_legend()


def test_the_maps_text_alternative_lists_every_event_and_sums_deaths_by_type() -> None:
    events = pd.DataFrame({"event_date": pd.to_datetime(["2024-03-01", "2024-05-02", "2024-04-03"]),
                           "admin1": ["Darfur", None, "Khartoum"], "violence_type": [1, 3, 3],
                           "deaths_best": [10, 2, 5]})
    table = event_table(events)
    assert table.to_dict("list") == {"Date": ["2024-05-02", "2024-04-03", "2024-03-01"],
                                     "Admin-1 area": ["", "Khartoum", "Darfur"],
                                     "Type of violence": ["One-sided (against civilians)"] * 2 + ["State-based"],
                                     "Deaths (best estimate)": [2, 5, 10]}
    assert event_summary(table, "Sudan") == (
        "Map: 3 located events in Sudan from 2024-03-01 to 2024-05-02, 17 deaths (best estimate). One-sided "
        "(against civilians): 2 events, 7 deaths; State-based: 1 event, 10 deaths. The table below holds every event.")
    assert event_summary(table.iloc[:0], "Sudan") == "Map: no located events in Sudan."
