"""The data queries the pages make (every read of r2p/ui/reads.py, which r2p/ui/cache.py caches), run uncached."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from r2p.convening.drafting import event_windows
from r2p.read.overview import GAP_MONTHS
from r2p.tiers.method import resolve_method
from r2p.ui.reads import READS
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse


@dataclass(frozen=True)
class View:
    """What the benchmarked pages show: the country with the most events, a synthetic indicator, the last year."""

    country: str
    indicator: str
    period: int
    today: date

    @property
    def method_label(self) -> str:
        return resolve_method()[0].label


def busiest_country(warehouse: Warehouse) -> str:
    """The country holding the most events: the heaviest Country page."""
    return str(query(warehouse, "bench/busiest_country")["iso3"].iloc[0])


def page_queries(warehouse: Warehouse, view: View) -> dict[str, Callable[[], Any]]:
    """name -> a call with the arguments the pages pass for `view`: every read of r2p/ui/reads.py, and the
    briefing's event summary on its own (the event query the briefing waits on)."""
    arguments = view_arguments(view)
    calls = {name: partial(read, warehouse, *_arguments(name, read, arguments)) for name, read in READS.items()}
    calls["country_event_summary"] = partial(event_windows, warehouse, view.country, arguments["since"], view.today)
    return calls


def view_arguments(view: View) -> dict[str, Any]:
    """The value of each parameter a read takes, by its name, for the benchmarked view."""
    label = view.method_label
    return {"iso3": view.country, "indicator_id": view.indicator, "period": view.period, "method_version": label,
            "method_name": label, "today": view.today, "since": view.today - timedelta(days=365),
            "this_year": view.today.year, "indicator_ids": (view.indicator,), "iso3s": (view.country,),
            "until": min(view.today, date(view.period, 12, 31)),  # the Country page's window end for `period`
            "as_of": view.today, "months": GAP_MONTHS}  # the Engagement page's gap lists as it opens


def _arguments(name: str, read: Callable[..., Any], arguments: dict[str, Any]) -> list[Any]:
    """The read's arguments after the warehouse; one it needs but no view value names is an error here."""
    values = []
    for parameter in list(inspect.signature(read).parameters.values())[1:]:
        if parameter.name in arguments:
            values.append(arguments[parameter.name])
        elif parameter.default is inspect.Parameter.empty:
            raise KeyError(f"read {name!r} takes {parameter.name!r}, which bench/page_queries.py cannot fill")
        else:
            break  # positional: a later argument cannot be given without this one
    return values
