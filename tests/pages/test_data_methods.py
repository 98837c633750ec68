"""Data & methods: coverage per source, blind spots, both tier methods and the backtest figures."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from r2p.catalog import RISK_FACTORS
from r2p.read import explore
from r2p.tiers.backtest import backtest_report
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES, ROOT


def _page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return app.switch_page("pages/data_methods.py").run()


def _frames(app: AppTest) -> list:
    return [frame.value for frame in app.dataframe]


def test_backtest_figures_and_methods_are_shown(warehouse: Warehouse) -> None:
    app = _page()
    assert not app.exception
    expected = backtest_report(warehouse)
    overall = next(f for f in _frames(app) if "auc" in f.columns and "top30" in f.columns)
    assert list(overall["method_version"]) == ["composite-1", "ewp-1"]
    assert overall["auc"].round(6).tolist() == expected.loc[expected["year"] == "all", "auc"].round(6).tolist()
    titles = [e.label for e in app.expander]
    assert any("composite-1" in t for t in titles) and any("ewp-1" in t for t in titles)
    assert "computed on DEMO data" in " ".join(m.value for m in app.markdown)


def test_coverage_blind_spots_and_rejected_rows(warehouse: Warehouse) -> None:
    assert r2p("ingest", "table", str(EXAMPLES / "table_long.csv")).returncode == 0
    app = _page()
    coverage = _frames(app)[0].set_index("source_id")
    assert coverage.at["demo", "countries"] == 198 and coverage.at["table", "countries"] == 4
    assert bool(coverage.at["table", "stale"]) is False
    blind = explore.risk_factor_coverage(warehouse).query("indicators == 0")
    warnings = " ".join(w.value for w in app.warning)
    assert 10 not in set(blind["factor"])  # the example table's indicator informs factor 10
    assert f"{len(blind)} of 14 risk factors have no data" in warnings
    assert all(f"{RISK_FACTORS[f]}" in warnings for f in blind["factor"])
