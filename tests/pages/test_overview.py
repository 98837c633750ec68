"""Overview page: the tier map's legend counts, movers, reviews waiting, the top-risk table, the method in the link."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from r2p.read import explore, standings
from r2p.read.overview import engagement_gaps
from r2p.reviews import queue as review_queue
from r2p.reviews.records import list_reviews
from r2p.tiers import current_period, tier_table
from r2p.ui.overview_summary import TOP_RISK_ROWS
from r2p.ui.overview_tables import SOURCES_SHOWN, TIERS_SHOWN
from r2p.vocabulary import INSUFFICIENT, TIERS
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY, ROOT
from tests.helpers.headers import raw_headers
from tests.helpers.pages import opened_reviews, texts
from tests.helpers.real_warehouse import real_warehouse
from tests.helpers.rendered import unescaped
from tests.ui.test_tier_tables import table_rows

TIMEOUT = 60


def _app(params: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _chart(app: AppTest, key: str) -> dict:
    return json.loads(next(c for c in app.get("plotly_chart") if c.key == key).proto.spec)


def _table(app: AppTest, first_column: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if d.value.columns[0] == first_column)


def _opened(app: AppTest, *expanders: str) -> AppTest:
    """The page after its below-the-fold expanders were opened (each draws its table only then)."""
    for key in expanders:
        app.session_state[key] = True
    app.run()
    assert not app.exception, app.exception
    return app


def _list_html(app: AppTest, first_header: str) -> str:
    return next(h.value for h in app.html if (rows := table_rows(h.value)) and rows[0][0] == first_header)


def _listed(app: AppTest, first_header: str) -> pd.DataFrame:
    """A short list's HTML table as a person reads it: its header row as columns, every cell as shown."""
    rows = table_rows(_list_html(app, first_header))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _legend(app: AppTest) -> list[str]:
    spec = _chart(app, "overview_tier_map")
    return [t["name"] for t in spec["data"] if t["type"] == "choroplethmap" and t.get("showlegend")]


def test_the_tier_legend_counts_are_the_tier_table_counts(warehouse: Warehouse) -> None:
    app = _app()
    counts = tier_table(warehouse, "composite-1")["tier"].value_counts()
    assert _legend(app) == [f"{tier} ({counts.get(tier, 0)})" for tier in (*TIERS, INSUFFICIENT)]
    title = _chart(app, "overview_tier_map")["layout"]["title"]["text"]
    assert "composite-1" in title and "DEMO" in title


def test_the_first_screen_draws_no_dataframe_and_the_tables_below_are_drawn_once_opened(warehouse: Warehouse) -> None:
    app = _app()
    assert len(app.dataframe) == 0 and len(app.table) == 0  # each would load ~1.5 MB of scripts while the map loads
    assert [e.label for e in app.expander][-2:] == [
        "Every country's tier, reliability and assessed tier (sortable; CSV and XLSX)",
        "Each source's as-of date and last load"]
    assert [s.value for s in app.subheader][-2:] == ["All countries, 2025 (composite-1)", "Data as of"]
    _opened(app, TIERS_SHOWN)
    assert [d.value.columns[0] for d in app.dataframe] == ["iso3"]
    _opened(app, SOURCES_SHOWN)
    assert [d.value.columns[0] for d in app.dataframe] == ["iso3", "name"]


def test_the_every_country_table_holds_the_rows_r2p_tiers_prints(warehouse: Warehouse) -> None:
    shown = _table(_opened(_app(), TIERS_SHOWN), "iso3")
    expected = tier_table(warehouse, "composite-1")
    assert list(shown["iso3"]) == list(expected["iso3"])
    assert list(shown["tier"]) == list(expected["tier"])
    assert {"coverage", "stale_share", "assessed_tier"} <= set(shown.columns)


def test_movers_are_the_countries_whose_tier_changed_since_the_previous_period(warehouse: Warehouse) -> None:
    history = query(warehouse, "read/tier_history_all", {"method_version": "composite-1"})
    latest = int(history["period"].max())
    tiers = history.pivot(index="iso3", columns="period", values="tier")[[latest - 1, latest]].dropna()
    changed = tiers[tiers[latest - 1] != tiers[latest]]
    expected = set(zip(changed.index, changed[latest - 1], changed[latest], strict=True))
    app = _app()
    movers = _listed(app, "Move")
    assert list(movers.columns) == ["Move", "Country", "From", "To", "Score, before → now"]
    shown = standings.tier_movers(warehouse, "composite-1", latest)  # the page's rows, in its order
    assert set(zip(shown["iso3"], movers["From"], movers["To"], strict=True)) == expected
    assert list(movers["Country"]) == list(shown["name"]) and len(movers) == len(expected)
    assert set(movers["Move"]) <= {"▲ riskier", "▼ less risky", "◆ changed"}
    assert list(movers["Score, before → now"]) == [f"{before:.3f} → {now:.3f}" for before, now
                                                   in zip(shown["from_score"], shown["to_score"], strict=True)]
    assert f"Tier movers since {latest - 1}" in texts(app)


def test_reviews_waiting_show_overdue_first(warehouse: Warehouse) -> None:
    opened_reviews(warehouse)
    app = _app()
    waiting = _listed(app, "State")
    queue = review_queue.pending(list_reviews(warehouse, review_queue.today()))
    assert list(waiting["Review"]) == [f"#{number}" for number in queue["review_id"]]  # queue order, every one
    assert waiting["State"].iloc[0] == "overdue" and set(waiting["State"]) == {"overdue", "open"}
    overdue = int((waiting["State"] == "overdue").sum())
    assert _list_html(app, "State").count("<strong>overdue</strong>") == overdue  # each overdue row in bold
    assert list(waiting["Deadline"]) == [f"{day:%Y-%m-%d}" for day in pd.to_datetime(queue["due_date"])]
    assert f">{overdue} overdue<" in _strip(app)
    assert f"(as of {FIXED_TODAY}, by r2p init): " in texts(app)  # when the trigger rules last ran


def test_the_method_selector_changes_every_tier_shown_and_lives_in_the_link(warehouse: Warehouse) -> None:
    app = _app()
    # R2P_TIER_METHOD prefers ensemble-1, then forecast-1: neither has scores on demo data, so the page opens on
    # composite-1, and one line says why.
    assert app.selectbox(key="method_select").value == "composite-1"
    assert "Opened on composite-1, the default" in texts(app)  # the first screen is short of room: one line,
    reason = "Opened on composite-1: the first method in R2P_TIER_METHOD's order of preference"
    assert reason in app.selectbox(key="method_select").help  # and the whole reason in the help mark
    app.selectbox(key="method_select").select("ewp-1").run()
    counts = tier_table(warehouse, "ewp-1")["tier"].value_counts()
    assert _legend(app) == [f"{tier} ({counts.get(tier, 0)})" for tier in (*TIERS, INSUFFICIENT)]
    assert app.query_params["method"] in ("ewp-1", ["ewp-1"])
    assert "All countries, 2025 (ewp-1)" in texts(app)
    assert "Opened on" not in texts(app)  # a method someone chose needs no reason
    reopened = _app({"method": "ewp-1"})
    assert reopened.selectbox(key="method_select").value == "ewp-1"


def test_the_default_method_comes_from_the_setting_and_a_bad_link_gives_a_notice(warehouse: Warehouse,
                                                                                  monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("R2P_TIER_METHOD", "forecast, ewp, composite")  # forecast-1 has no scores on demo data
    assert _app().selectbox(key="method_select").value == "ewp-1"
    app = _app({"method": "<script>"})
    assert "Unknown tier method '<script>' in the link" in unescaped(" ".join(w.value for w in app.warning))
    assert app.selectbox(key="method_select").value == "ewp-1"


def test_the_indicator_map_is_one_choice_away_and_only_the_chosen_map_is_built(warehouse: Warehouse) -> None:
    app = _app({"indicator": "wdi.infant_mortality", "period": "2010"})
    choice = app.radio(key="overview_map_choice")
    assert choice.options == ["Risk tiers (composite-1, 2010)", "Indicator map"]
    assert [c.key for c in app.get("plotly_chart")] == ["overview_tier_map"]  # the sidebar's year; no hidden map
    choice.set_value("indicator").run()
    assert [c.key for c in app.get("plotly_chart")] == ["overview_map"]
    assert "Infant mortality rate, 2010" in json.dumps(_chart(app, "overview_map"))
    app.selectbox(key="sidebar_country").select("MMR").run()  # the choice stays while the view changes
    assert [c.key for c in app.get("plotly_chart")] == ["overview_map"]


def test_sources_are_listed_with_their_as_of_date(warehouse: Warehouse) -> None:
    sources = _table(_opened(_app(), SOURCES_SHOWN), "name")
    assert list(sources["name"]) == ["R2P Watch demo data"] and sources["as_of"].notna().all()


def test_insufficient_data_is_counted_apart_from_low(warehouse: Warehouse) -> None:
    app = _app({"period": "1990"})
    insufficient = standings.tier_counts(tier_table(warehouse, "composite-1", 1990))[INSUFFICIENT]
    assert insufficient > 0 and f"Insufficient data ({insufficient})" in _legend(app)
    assert f"Grey: Insufficient data ({insufficient}), never shown as Low" in texts(app)


def test_nobody_engaged_is_counted_on_todays_date_for_the_shown_tiers(warehouse: Warehouse,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    days = (review_queue.today(), date(1990, 1, 1))  # before the demo's engagements began: more are unengaged
    expected = [engagement_gaps(warehouse, "composite-1", current_period(warehouse, "composite-1"), day)[0]
                for day in days]
    assert len(expected[0]) != len(expected[1])
    for day, nobody in zip(days, expected, strict=True):  # one warehouse version: only the date tells them apart
        monkeypatch.setattr(review_queue, "today", lambda day=day: day)
        strip = _strip(_app())
        assert f"High risk, nobody engaged</div><div style=\"font-size:1.6rem;font-weight:600;line-height:1.2\">" \
               f"{len(nobody)}<" in strip
        assert f">{'; '.join(nobody['name'][:3]) or 'none'}<" in strip


@pytest.fixture
def real(monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """The real-data warehouse as R2P_DB (built once per test process; the Overview only reads it)."""
    location = real_warehouse()
    monkeypatch.setenv("R2P_DB", str(location))
    return Warehouse(str(location))


def _strip(app: AppTest) -> str:
    return next(h.value for h in app.html if 'aria-label="Summary"' in h.value)


def test_on_real_data_the_strip_states_tiers_movers_reviews_nobody_engaged_and_as_of(real: Warehouse) -> None:
    app = _app()
    method = app.selectbox(key="method_select").value
    period = current_period(real, method)
    tiers = tier_table(real, method, period)
    strip = _strip(app)
    for tier, count in standings.tier_counts(tiers).items():
        assert f"{tier} <b>{count}</b>" in strip
    movers = standings.tier_movers(real, method, period)
    risers = int((movers["direction"] == standings.UP).sum())
    assert f"Tier movers since {period - 1}" in strip and f">{len(movers)}<" in strip and f"▲ {risers} riskier" in strip
    waiting = review_queue.pending(list_reviews(real, review_queue.today()))
    assert "Reviews waiting for a decision</div><div style" in strip and f">{len(waiting)}<" in strip
    nobody = engagement_gaps(real, method, period, review_queue.today())[0]
    assert f"High risk, nobody engaged</div><div style=\"font-size:1.6rem;font-weight:600;line-height:1.2\">" \
           f"{len(nobody)}<" in strip
    newest = str(explore.data_sources(real)["as_of"].max())[:10]
    assert f"Data as of</div><div style=\"font-size:1.6rem;font-weight:600;line-height:1.2\">{newest}<" in strip


def test_on_real_data_the_top_risk_list_stands_beside_the_map_with_headers_people_read(real: Warehouse) -> None:
    app = _app()
    method = app.selectbox(key="method_select").value
    top = _listed(app, "#")
    expected = tier_table(real, method, current_period(real, method)).head(TOP_RISK_ROWS)
    assert list(top.columns) == ["#", "Country", f"Tier ({method})", "Score"]
    assert list(top["Country"]) == list(expected["name"]) and list(top["#"]) == [str(n) for n in range(1, 13)]
    assert list(top["Score"]) == [f"{score:.3f}" for score in expected["score"]]
    assert list(top[f"Tier ({method})"]) == list(expected["tier"])
    assert raw_headers(_opened(app, TIERS_SHOWN, SOURCES_SHOWN)) == []  # no iso3, source_id, is_demo … as a header
    assert "Reviews waiting for a decision" in [s.value for s in app.subheader]
