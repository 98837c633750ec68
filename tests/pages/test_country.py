"""Country page: model tier beside the assessed tier, contributions, reliability, events map, reviews, and the
assessment form that only editors and admins see."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role, User
from r2p.exports.charts import FORMATS
from r2p.figures.maps import SHAPES_URL
from r2p.read import explore, profile, standings
from r2p.reviews import queue as review_queue
from r2p.reviews.records import decide, list_reviews
from r2p.tiers import current_period, tier_table
from r2p.tiers.method import method
from r2p.ui.country_charts import TRENDS_SHOWN
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.drivers import forecast_contributions
from tests.helpers.pages import opened_reviews, texts
from tests.helpers.real_warehouse import real_warehouse
from tests.helpers.signin import accounts_file, form, sign_in
from tests.helpers.warehouses import copy_of
from tests.ui.test_tier_tables import html_lists

TIMEOUT = 60


def _country(iso3: str, period: str = "2025") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": iso3, "period": period, "indicator": "ewp.risk_2yr"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    return app


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _numbers(value: object) -> list[float]:
    """A plotly JSON array: plotly encodes numeric arrays as base64 typed arrays."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)  # type: ignore[call-overload]


def _stored_tier(warehouse: Warehouse, iso3: str, period: int) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT method_version, tier, score FROM risk_score WHERE iso3 = $c AND period = $p"
                                  " ORDER BY 1", {"c": iso3, "p": period}).fetchall()


def test_the_tier_names_its_method_with_reliability_and_stale_share(warehouse: Warehouse) -> None:
    app = _country("MMR")
    row = profile.period_row(profile.tier_history(warehouse, "MMR", "composite-1"), 2025)
    metrics = _metrics(app)
    assert metrics["Model tier (composite-1, 2025)"] == row["tier"]
    assert metrics["Reliability (coverage)"] == f"{row['coverage']:.0%}"
    assert metrics["Stale share"] == f"{row['stale_share']:.0%}" and metrics["Assessed tier (analyst)"] == "none"
    charts = {c.key: json.loads(c.proto.spec) for c in app.get("plotly_chart")}
    assert "Model tier (composite-1)" in charts["country_tier_history"]["layout"]["title"]["text"]
    bars = charts["country_contributions"]["data"][0]
    assert sum(_numbers(bars["x"])) == pytest.approx(row["score"], abs=1e-4)


def test_the_situation_profile_shows_mass_killing_under_way_beside_its_tier_not_in_its_score(
        warehouse: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": "MMR", "period": "2025", "indicator": "ewp.risk_2yr", "method": "composite-2"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    row = profile.period_row(profile.tier_history(warehouse, "MMR", "composite-2"), 2025)
    flag = profile.score_flags(row)["ewp.mk_ongoing"]
    said = texts(app)
    assert f"**Mass killing ongoing** (2025): {'yes' if flag >= 1 else 'no'}" in said
    assert "not counted in this situation profile's score" in said
    assert "ewp.mk_ongoing" not in json.loads(row["contributions"]).get("indicators", {})  # not a scored part
    other = _country("MMR")  # composite-1 counts it in its score: no separate flag
    assert "not counted in this situation profile's score" not in texts(other)


def _as_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, iso3: str) -> AppTest:
    accounts_file(tmp_path, monkeypatch, {"ana.analyst": Role.EDITOR})
    return sign_in(_country(iso3), "ana.analyst")


def test_the_assessment_form_is_hidden_when_nobody_is_signed_in(warehouse: Warehouse) -> None:
    app = _country("SDN")
    assert "Read-only: sign in as editor (or above) to record an assessment." in texts(app)
    assert "assessment_form" not in {block.proto.form.form_id for block in app.get("form")}


def test_an_assessment_shows_beside_the_unchanged_model_tier(warehouse: Warehouse, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = _stored_tier(warehouse, "SDN", 2025)
    app = _as_editor(tmp_path, monkeypatch, "SDN")
    model = _metrics(app)["Model tier (composite-1, 2025)"]
    assessed = "Very high" if model != "Very high" else "Low"
    assessment = form(app, "assessment_form")
    assessment.selectbox[0].set_value(assessed)
    assessment.text_area[0].input("Credible reports of killings of civilians in Darfur this month.")
    assessment.button[0].click().run()
    assert not app.exception, app.exception
    metrics = _metrics(app)
    assert metrics["Model tier (composite-1, 2025)"] == model  # the model's tier is not replaced
    assert metrics["Assessed tier (analyst)"] == assessed
    assert f"SDN 2025 assessed {assessed} by ana.analyst" in texts(app)
    history = json.loads(next(c for c in app.get("plotly_chart") if c.key == "country_tier_history").proto.spec)
    marks = next(t for t in history["data"] if t["name"] == "Assessed tier (analyst)")
    assert _numbers(marks["x"]) == [2025] and marks["y"] == [assessed]
    assert _stored_tier(warehouse, "SDN", 2025) == before


def test_a_too_short_rationale_is_refused(warehouse: Warehouse, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    app = _as_editor(tmp_path, monkeypatch, "SDN")
    assessment = form(app, "assessment_form")
    assessment.selectbox[0].set_value("High")
    assessment.text_area[0].input("because")
    assessment.button[0].click().run()
    assert "rationale of at least 20 characters" in " ".join(e.value for e in app.error)
    assert _metrics(app)["Assessed tier (analyst)"] == "none"


def test_insufficient_data_says_why(warehouse: Warehouse) -> None:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        iso3, period = connection.execute("SELECT iso3, period FROM risk_score WHERE tier = $t"
                                          " AND method_version = 'composite-1' ORDER BY iso3 LIMIT 1",
                                          {"t": INSUFFICIENT}).fetchall()[0]
    app = _country(iso3, str(period))
    assert _metrics(app)[f"Model tier (composite-1, {period})"] == INSUFFICIENT
    warning = " ".join(w.value for w in app.warning)
    assert "Why the tier is Insufficient data: Reliability" in warning and "60%" in warning


def test_recent_events_are_on_an_offline_map_with_a_printable_download(warehouse: Warehouse) -> None:
    app = _country("MMR")
    figure = json.loads(next(c for c in app.get("plotly_chart") if c.key == "country_events").proto.spec)
    events = [trace for trace in figure["data"] if trace["type"] == "scattermap"]
    assert sum(len(trace["customdata"]) for trace in events) == len(profile.recent_events(warehouse, "MMR")) > 0
    assert figure["layout"]["map"]["style"] == "white-bg" and "http" not in json.dumps(figure)
    assert {t["geojson"] for t in figure["data"] if t["type"] == "choroplethmap"} == {SHAPES_URL}
    assert "Events in Myanmar in the 12 months to 2025-12-31" in texts(app)
    keys = [button.proto.id.split("-")[-1] for button in app.get("download_button")]
    assert [key for key in keys if key.startswith("country_events_")] == [f"country_events_{f}" for f in FORMATS]
    assert not app.get("deck_gl_json_chart")  # one map library on the page: Plotly's


def test_the_events_map_downloads_as_the_briefing_pack_prints_it(warehouse: Warehouse) -> None:
    from r2p.ui.country_events import event_view

    until = profile.last_country_event(warehouse, "MMR", 2025)["last_date"].iloc[0]
    shown = event_view("MMR", "Myanmar", pd.Timestamp(until).date(), True)  # reads R2P_DB: this warehouse
    assert not any(trace.type in ("scattermap", "choroplethmap") for trace in shown.printable.data)
    assert shown.printable.layout.title.text.startswith("Events located in Myanmar, ")
    assert shown.printable.layout.title.text.endswith(" — DEMO") and shown.count == len(shown.table)


def test_chart_data_and_the_events_table_are_drawn_once_opened(warehouse: Warehouse) -> None:
    app = _country("MMR")
    charts = len([chart for chart in app.get("plotly_chart") if chart.key != "country_events"])  # the map: its table
    assert [e.label for e in app.expander].count("Chart data as a table") == charts >= 2
    assert "Events as a table" in [e.label for e in app.expander]
    assert len(app.table) == 0 and not any("Type of violence" in d.value.columns for d in app.dataframe)
    app.session_state["country_tier_history_data"] = True
    app.session_state["country_events_data"] = True
    app.run()
    assert not app.exception, app.exception
    summary = next(c.value for c in app.caption if c.value.startswith("Chart\\: Model tier"))
    points = int(re.search(r"(\d+) data points", summary).group(1))
    assert len(app.table) == 1 and len(app.table[0].value) == points > 0
    listed = next(d.value for d in app.dataframe if "Type of violence" in d.value.columns)
    assert len(listed) == len(profile.recent_events(warehouse, "MMR")) > 0


def test_indicator_trends_are_drawn_once_opened_with_the_methods_indicators(warehouse: Warehouse) -> None:
    app = _country("MMR")
    assert "country_trends" not in [chart.key for chart in app.get("plotly_chart")]  # not before it is asked for
    assert "Indicator trends" in [s.value for s in app.subheader]
    app.session_state[TRENDS_SHOWN] = True
    app.run()
    assert not app.exception, app.exception
    series = explore.country_series(warehouse, "MMR")
    expected = profile.default_indicators(series, method(app.selectbox(key="method_select").value))
    assert app.multiselect(key="country_indicators").value == expected != []
    chart = json.loads(next(c for c in app.get("plotly_chart") if c.key == "country_trends").proto.spec)
    names = list(dict.fromkeys(series[series["indicator_id"].isin(expected)]["name"]))
    assert [trace["name"] for trace in chart["data"]] == names  # one panel per picked indicator
    assert chart["layout"]["title"]["text"] == "Indicator trends, Myanmar — DEMO"
    assert "Chart: Indicator trends, Myanmar — DEMO." in texts(app)  # its text alternative names it


def test_the_countrys_reviews_are_listed_as_text_in_queue_order_with_their_downloads(warehouse: Warehouse) -> None:
    opened_reviews(warehouse)
    queue = review_queue.filter_reviews(list_reviews(warehouse, review_queue.today()), iso3="MMR")
    hostile = "<script>window.__xss=1</script> Convene the desk."
    decide(warehouse, int(queue["review_id"].iloc[-1]), "act", hostile, User("Dana", Role.EDITOR, "local account"))
    app = _country("MMR")
    assert not any("rule_id" in d.value.columns for d in app.dataframe)  # no grid: its script is not loaded
    reviews = next(t for t in html_lists(app) if "Held by" in t.columns)
    assert list(reviews.columns) == ["State", "Review", "Rule", "Level", "Held by", "Deadline", "Evidence",
                                     "Tier method", "Decision", "Decided by", "Decided at", "Why"]  # not the country
    queue = review_queue.filter_reviews(list_reviews(warehouse, review_queue.today()), iso3="MMR")
    assert list(reviews["Review"]) == [f"#{number}" for number in queue["review_id"]] != []  # queue order, every one
    assert hostile in set(reviews["Why"])  # the rationale as text
    markup = next(h.value for h in app.html if "Held by" in h.value)
    assert "<script>" not in markup and markup.count("<strong>") == (queue["state"] == "overdue").sum()
    assert {"country_reviews_csv", "country_reviews_xlsx"} <= {b.key for b in app.get("download_button")}


def test_the_method_selector_switches_the_tier_shown(warehouse: Warehouse) -> None:
    app = _country("MMR")
    app.selectbox(key="method_select").select("ewp-1").run()
    row = profile.period_row(profile.tier_history(warehouse, "MMR", "ewp-1"), 2025)
    assert _metrics(app)["Model tier (ewp-1, 2025)"] == row["tier"]
    assert "indicators (ewp-1)" in json.dumps(next(c for c in app.get("plotly_chart")
                                                   if c.key == "country_contributions").proto.spec)


def test_a_forecasts_drivers_show_as_log_odds_from_a_stated_base(warehouse: Warehouse) -> None:
    contributions = forecast_contributions(base=-5.0)
    with duckdb.connect(str(warehouse.current_file())) as connection:
        connection.execute("INSERT INTO risk_score (iso3, period, method_version, score, tier, coverage, contributions,"
                           " stale_share) VALUES ('SDN', 2024, 'forecast-1', 0.2, 'Very high', 1.0, $c, 0.0)",
                           {"c": json.dumps(contributions)})
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": "SDN", "period": "2024", "method": "forecast-1"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    chart = next(json.loads(c.proto.spec) for c in app.get("plotly_chart") if c.key == "country_contributions")
    assert "the predictors that push the forecast most (forecast-1)" in chart["layout"]["title"]["text"]
    assert "log-odds" in chart["layout"]["xaxis"]["title"]["text"]
    assert "base -5.00" in chart["layout"]["xaxis"]["title"]["text"]
    assert sum(_numbers(chart["data"][0]["x"])) == pytest.approx(sum(contributions["indicators"].values()))


@pytest.fixture
def real(monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """The real-data warehouse as R2P_DB (built once per test process; these tests only read it)."""
    location = real_warehouse()
    monkeypatch.setenv("R2P_DB", str(location))
    return Warehouse(str(location))


def test_on_real_data_events_follow_the_chosen_year_and_name_their_own_release_date(real: Warehouse) -> None:
    until = pd.Timestamp(profile.last_country_event(real, "CAF", 2020)["last_date"].iloc[0]).date()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": "CAF", "period": "2020", "indicator": "vdem.v2x_polyarchy"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    headings = [s.value for s in app.subheader]
    assert f"Events in Central African Republic in the 12 months to {until}" in headings
    assert not any("2022-12-30" in heading for heading in headings)  # the last event anywhere, before
    events = json.loads(next(c for c in app.get("plotly_chart") if c.key == "country_events").proto.spec)
    shown = sum(len(trace["customdata"]) for trace in events["data"] if trace["type"] == "scattermap")
    assert shown == len(profile.country_events(real, "CAF", until)) > 0  # fewer than 2,000: one dot each
    captions = [c.value for c in app.caption]
    # GED 23.1's own as-of, not the 2024-12-31 of BRD 25.1, the same source's other release
    assert "Source: Uppsala Conflict Data Program · as of 2022-12-31" in captions, captions


def test_on_real_data_country_and_meeting_prep_open_on_the_country_with_the_most_at_stake(real: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    method = app.selectbox(key="method_select").value
    tiers = tier_table(real, method, current_period(real, method))
    expected = standings.most_at_stake(tiers, review_queue.pending(list_reviews(real, review_queue.today())))
    assert app.query_params["country"] in (expected, [expected])
    assert tiers.set_index("iso3").at[expected, "tier"] == tiers["tier"].iloc[0] == "Very high"
    assert app.title[0].value.endswith(f"({expected})")
    meeting = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    meeting.run().switch_page("pages/meeting_prep.py").run()
    assert not meeting.exception, meeting.exception
    assert meeting.selectbox(key="meeting_country").value == expected  # the situation with the most at stake


def test_on_an_empty_warehouse_the_page_says_why_it_draws_no_tier_chart(
        empty_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_DB", copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb").location)
    app = _country("SDN")
    assert "country_tier_history" not in [chart.key for chart in app.get("plotly_chart")]
    said = [info.value for info in app.info if info.value.startswith("No tier history to draw")]
    assert len(said) == 1 and "for Sudan" in said[0], [info.value for info in app.info]


def test_a_scored_country_draws_its_tier_chart_and_no_such_sentence(warehouse: Warehouse) -> None:
    app = _country("SDN")
    assert "country_tier_history" in [chart.key for chart in app.get("plotly_chart")]
    assert not [info.value for info in app.info if info.value.startswith("No tier history to draw")]
