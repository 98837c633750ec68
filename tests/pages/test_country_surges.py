"""Country page, sub-national surges: the admin-1 surge weeks of the year to the country's last event, as a table
and an offline map, provisional (GED Candidate) weeks marked."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from r2p.read.surges import surge_rule
from r2p.ui.surges_view import MAP_SHOWN
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from tests.helpers.data import ROOT
from tests.helpers.pages import texts
from tests.ui.test_tier_tables import html_lists

TIMEOUT = 60


def _country(iso3: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": iso3, "period": "2025"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    return app


def _surge_table(app: AppTest) -> pd.DataFrame:
    """The surge weeks as the page prints them (an HTML table: the page draws no grid for them)."""
    assert not any("Area (admin-1)" in d.value.columns for d in app.dataframe)
    return next(t for t in html_lists(app) if "Area (admin-1)" in t.columns)


def _surge_maps(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart") if chart.key == "country_surge_map"]


def _surge_map(app: AppTest) -> dict:
    """The surge map, drawn once its expander is opened."""
    assert _surge_maps(app) == []  # not drawn before it is asked for
    assert "The surge areas on a map" in [e.label for e in app.expander]
    app.session_state[MAP_SHOWN] = True
    app.run()
    assert not app.exception, app.exception
    return next(iter(_surge_maps(app)))


def test_a_demo_surge_week_is_listed_and_mapped_as_the_rule_defines_it(warehouse: Warehouse) -> None:
    app = _country("MWI")  # the one demo country with a surge week
    table = _surge_table(app)
    assert list(table.columns) == ["Area (admin-1)", "Week of", "Events", f"Average of the {surge_rule().weeks_before} "
                                   "weeks before", "Times the average", "Deaths (best)", "Provisional"]
    row = table.iloc[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["Week of"]) and re.fullmatch(r"\d+\.\d", row.iloc[3])
    week = pd.Timestamp(row["Week of"]).date()
    rule = surge_rule()
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        weekly = [connection.execute(
            "SELECT count(*) FROM event WHERE iso3 = 'MWI' AND admin1 = $a AND event_date >= $s AND event_date < $e",
            {"a": row["Area (admin-1)"], "s": week - timedelta(weeks=k), "e": week - timedelta(weeks=k - 1)},
        ).fetchone()[0] for k in range(rule.weeks_before + 1)]
    assert int(row["Events"]) == weekly[0] >= rule.minimum
    assert weekly[0] >= rule.surge_ratio * sum(weekly[1:]) / rule.weeks_before
    figure = _surge_map(app)
    dots = next(trace for trace in figure["data"] if trace["type"] == "scattermap")
    assert [point[0] for point in dots["customdata"]] == [row["Area (admin-1)"]]
    assert figure["layout"]["map"]["style"] == "white-bg" and "http" not in json.dumps(figure)  # offline, no tiles
    assert "Sub-national surges" in [s.value for s in app.subheader]


def test_a_country_without_surges_says_so(warehouse: Warehouse) -> None:
    app = _country("MMR")
    assert "No admin-1 area of Myanmar had a surge week in the year to its latest event." in texts(app)
    assert not any("Area (admin-1)" in t.columns for t in html_lists(app))
    assert "The surge areas on a map" not in [e.label for e in app.expander]


def test_a_surge_from_a_candidate_release_is_marked_provisional(warehouse: Warehouse, tmp_path: Path) -> None:
    _load_a_surge(warehouse, tmp_path, "Ouaka prefecture")
    table = _surge_table(_country("CAF"))
    assert table[["Area (admin-1)", "Events", "Times the average", "Deaths (best)", "Provisional"]].values.tolist() \
        == [["Ouaka prefecture", "6", "6.0×", "12", "yes"]]


def test_a_hostile_area_name_is_shown_as_text_and_the_weeks_download(warehouse: Warehouse, tmp_path: Path) -> None:
    hostile = '<script>window.__xss=1</script> <img src=x onerror="alert(1)">'
    _load_a_surge(warehouse, tmp_path, hostile)
    app = _country("CAF")
    assert list(_surge_table(app)["Area (admin-1)"]) == [hostile]  # shown as the text it is
    markup = next(h.value for h in app.html if "Area (admin-1)" in h.value)
    assert "<script>" not in markup and "<img" not in markup and "&lt;script&gt;" in markup
    assert {"country_surges_csv", "country_surges_xlsx"} <= {b.key for b in app.get("download_button")}


def _load_a_surge(warehouse: Warehouse, tmp_path: Path, area: str) -> None:
    """A candidate UCDP release with one surge in CAF's `area`: one event a week for four weeks, then six."""
    days = ["2025-08-04", "2025-08-11", "2025-08-18", "2025-08-25"] + ["2025-09-02"] * 6
    quoted = '"' + area.replace('"', '""') + '"'
    rows = [f"{i},482,{day},{day},3,2,2,2,6.0,20.{i},{quoted},Group - Civilians" for i, day in enumerate(days, start=1)]
    path = tmp_path / "GEDEvent_v25_0_9.csv"
    path.write_text("id,country_id,date_start,date_end,type_of_violence,best,low,high,latitude,longitude,adm_1,"
                    "dyad_name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert ingest(warehouse, "ucdp", path).status == "loaded"
