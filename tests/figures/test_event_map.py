"""The event map builder: a Plotly MapLibre map on a blank style (no tiles, nothing fetched but the app's own
shapes), the country among its neighbours, events sized by deaths, one legend entry per type of violence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from r2p import geo
from r2p.figures.event_map import (
    FOCUS_FILL,
    MAX_POINTS,
    NEIGHBOUR_FILL,
    OTHER_VIOLENCE,
    VIOLENCE,
    dot_size,
    event_map,
    event_summary,
    event_table,
    feature_bounds,
    outlines_near,
    violence_legend,
)
from r2p.figures.maps import SHAPES_URL

# three single events, as read/country_event_dots gives them (`events`: how many a dot holds)
EVENTS = pd.DataFrame({"event_date": pd.to_datetime(["2025-12-01", "2025-11-02", "2025-10-03"]),
                       "admin1": ["Kachin", None, "Rakhine"], "latitude": [25.4, 21.0, 20.1],
                       "longitude": [97.4, 96.0, 93.0], "violence_type": [1, 2, 3], "deaths_best": [4, 0, 400],
                       "events": [1, 1, 1]})


def _map(events: pd.DataFrame = EVENTS, focus: str = "MMR") -> go.Figure:
    return event_map(events, outlines_near(geo.load_country_shapes(), focus), focus)


def _events(figure: go.Figure) -> dict[str, go.Scattermap]:
    return {trace.name: trace for trace in figure.data if trace.type == "scattermap"}


def test_a_blank_style_and_nothing_to_fetch_but_the_apps_own_shapes() -> None:
    figure = _map()
    assert figure.layout.map.style == "white-bg" and "http" not in figure.to_json()
    assert {trace.geojson for trace in figure.data if trace.type == "choroplethmap"} == {SHAPES_URL}
    assert {trace.type for trace in figure.data} == {"choroplethmap", "scattermap"}


def test_every_event_is_drawn_sized_by_deaths_coloured_and_named_by_type() -> None:
    drawn = _events(_map())
    assert list(drawn) == [label for label, _ in VIOLENCE.values()]  # one legend entry per type held
    for kind, (label, colour) in VIOLENCE.items():
        trace = drawn[label]
        row = EVENTS[EVENTS["violence_type"] == kind].iloc[0]
        assert (list(trace.lon), list(trace.lat)) == ([row["longitude"]], [row["latitude"]])
        assert trace.marker.color == "rgb({},{},{})".format(*colour)
        assert list(trace.marker.size) == [dot_size(int(row["deaths_best"]))]
    sizes = [drawn[label].marker.size[0] for label, _ in VIOLENCE.values()]  # 4, 0 and 400 deaths
    assert sizes[2] > sizes[0] > sizes[1]


def test_the_tooltip_gives_date_type_deaths_and_place() -> None:
    drawn = _events(_map())
    assert [list(row) for row in drawn["State-based"].customdata] == [["2025-12-01", "State-based", 4, "Kachin"]]
    assert list(drawn["Non-state"].customdata[0])[3] == ""  # no admin-1 area held
    template = drawn["State-based"].hovertemplate
    assert all(f"%{{customdata[{n}]" in template for n in range(4)) and "deaths (best estimate)" in template


def test_an_unknown_type_of_violence_is_drawn_in_grey() -> None:
    drawn = _events(_map(EVENTS.assign(violence_type=[1, None, 7])))
    assert list(drawn) == ["State-based", OTHER_VIOLENCE[0]] and len(drawn[OTHER_VIOLENCE[0]].lon) == 2


def test_the_country_and_its_neighbours_are_the_base_layers() -> None:
    outlines = {trace.marker.line.color: trace for trace in _map().data if trace.type == "choroplethmap"}
    country, neighbours = outlines["rgb(60,60,60)"], outlines["rgb(150,150,150)"]
    assert list(country.locations) == ["MMR"] and country.colorscale[0][1] == "rgb({},{},{})".format(*FOCUS_FILL)
    assert {"THA", "BGD", "CHN", "IND", "LAO"} <= set(neighbours.locations)
    assert "MMR" not in neighbours.locations and "FRA" not in neighbours.locations
    assert neighbours.colorscale[0][1] == "rgb({},{},{})".format(*NEIGHBOUR_FILL)
    assert all(trace.hoverinfo == "skip" for trace in outlines.values())


def test_the_view_frames_the_country_or_its_events() -> None:
    view = _map().layout.map
    myanmar = [f for f in geo.load_country_shapes()["features"] if f["properties"]["iso3"] == "MMR"]
    west, south, east, north = feature_bounds(myanmar)
    assert west < view.center.lon < east and south < view.center.lat < north and view.zoom > 3
    small = event_map(EVENTS.assign(latitude=1.3, longitude=103.8), {"features": []}, "SGP")
    assert abs(small.layout.map.center.lon - 103.8) < 0.01 and not [t for t in small.data if t.type != "scattermap"]


def test_the_legend_names_every_violence_type_in_its_colour() -> None:
    legend = violence_legend()
    assert all(label in legend for label, _ in VIOLENCE.values()) and "#d55e00" in legend


def test_a_merged_dot_says_how_many_events_it_holds_and_shows_the_latest() -> None:
    # NOTE: which events merge is read/country_event_dots' rule (tests/read/test_profile.py); the map draws its dots
    dots = EVENTS.assign(events=[1, 1200, 3])
    drawn = _events(_map(dots))
    places = {label: list(trace.customdata[0])[3] for label, trace in drawn.items()}
    assert places == {"State-based": "Kachin", "Non-state": "1,200 events merged (latest shown)",
                      "One-sided (against civilians)": "3 events merged (latest shown), Rakhine"}
    assert list(drawn["Non-state"].customdata[0])[:3] == ["2025-11-02", "Non-state", 0]


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
