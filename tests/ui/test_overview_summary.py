"""The Overview's summary strip is raw HTML: every text that comes from data reaches it escaped."""

from __future__ import annotations

from datetime import date

from r2p.read.overview import Summary
from r2p.ui.overview_summary import strip_html

HOSTILE = '<img src=x onerror="alert(1)">'


def _summary(unengaged: tuple[str, ...]) -> Summary:
    return Summary(tiers={"Very high": 3, "High": 5}, risers=2, fallers=1, changed=0, open=4, overdue=1,
                   unengaged=unengaged, as_of=date(2025, 9, 3))


def test_a_situation_name_with_markup_is_escaped() -> None:
    html = strip_html(_summary((HOSTILE, "Sudan")), "ensemble-1", 2024)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "Sudan" in html


def test_the_strip_states_each_count() -> None:
    html = strip_html(_summary(()), "ensemble-1", 2024)
    assert "Very high <b>3</b>" in html and "High <b>5</b>" in html
    assert "1 overdue" in html and ">5<" in html  # 4 open + 1 overdue waiting
    assert "2025-09-03" in html and "Tier movers since 2024" in html
