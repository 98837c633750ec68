"""The view a link encodes (country, period, indicator): validated against what the warehouse holds."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from r2p.link_params import echoed

PREFERRED_INDICATOR = "ewp.risk_2yr"
KEYS = ("country", "period", "indicator")
_YEAR = re.compile(r"-?[0-9]{1,4}")


@dataclass(frozen=True)
class ViewState:
    """What every page looks at; mirrored in the URL so a copied link reopens the same view."""

    country: str
    period: int
    indicator: str

    def as_params(self) -> dict[str, str]:
        return {"country": self.country, "period": str(self.period), "indicator": self.indicator}


@dataclass(frozen=True)
class Options:
    """What may be chosen: countries (iso3, name) and indicators with their year spans."""

    countries: pd.DataFrame  # iso3, name
    indicators: pd.DataFrame  # indicator_id, name, first_period, last_period

    def span(self, indicator: str) -> tuple[int, int]:
        row = self.indicators.set_index("indicator_id").loc[indicator]
        return int(row["first_period"]), int(row["last_period"])


def default_view(options: Options, top_country: str | None = None) -> ViewState:
    """EWP risk (or the first indicator) in its latest year, on the given top country (or the first)."""
    ids = list(options.indicators["indicator_id"])
    indicator = PREFERRED_INDICATOR if PREFERRED_INDICATOR in ids else ids[0]
    country = top_country if top_country in set(options.countries["iso3"]) else options.countries["iso3"].iloc[0]
    return ViewState(country, options.span(indicator)[1], indicator)


def resolve_view(params: Mapping[str, str], options: Options, fallback: ViewState) -> tuple[ViewState, list[str]]:
    """The view the URL asks for, each invalid part replaced by the fallback's, with a notice saying so."""
    notices: list[str] = []
    country = str(params.get("country", fallback.country)).strip().upper()
    if country not in set(options.countries["iso3"]):
        notices.append(f"Unknown country {echoed(params.get('country'))} in the link; showing {fallback.country}.")
        country = fallback.country
    indicator = str(params.get("indicator", fallback.indicator)).strip()
    if indicator not in set(options.indicators["indicator_id"]):
        notices.append(f"Unknown indicator {echoed(params.get('indicator'))} in the link; "
                       f"showing {fallback.indicator}.")
        indicator = fallback.indicator
    first, last = options.span(indicator)
    period = _year(params.get("period"), last)
    if period is None or not first <= period <= last:
        if "period" in params:
            notices.append(f"Year {echoed(params.get('period'))} in the link is not available for this indicator "
                           f"({first}–{last}); showing {last}.")
        period = last
    return ViewState(country, period, indicator), notices


def _year(value: object, default: int) -> int | None:
    if value is None:
        return default
    # NOTE: ASCII digits only: int() also takes "２０２５", "1_995" and 10 kB of digits.
    text = str(value).strip()
    return int(text) if _YEAR.fullmatch(text) else None
