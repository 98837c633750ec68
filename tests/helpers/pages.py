"""Page tests' shared steps: open the demo's reviews, open a page under AppTest, read what a person reads."""

from __future__ import annotations

from datetime import timedelta

from streamlit.testing.v1 import AppTest

from r2p.reviews.queue import today
from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.rendered import unescaped

TIMEOUT = 60


def opened_reviews(warehouse: Warehouse) -> None:
    """Open the demo's trigger reviews: the first half due a month ago (overdue), the rest due in the future.

    NOTE: `r2p init` has opened them already, as of the day it ran; they are opened again here so that which are
    overdue does not depend on how long ago the test warehouse was built."""
    with warehouse.write() as connection:
        connection.execute("DELETE FROM review")
        firings = evaluate_rules(connection)
        half = len(firings) // 2
        open_reviews(connection, firings[:half], today=today() - timedelta(days=30))
        open_reviews(connection, firings[half:], today=today())


def reviews_app(page: str = "pages/reviews.py") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    """What a person reads in the page's text elements (escaped Markdown shown as its rendered text)."""
    parts = [e.value for kind in ("markdown", "error", "warning", "info", "caption", "title", "subheader", "success")
             for e in app.get(kind)]
    return "\n".join(unescaped(str(p)) for p in parts)
