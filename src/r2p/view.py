"""The view a link encodes (country, period, indicator, tier method, Trends comparison, "since" date): one typed
object, parsed from the link here and echoed back by `as_params`; nothing from a URL is trusted."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.quoting import echoed, listed
from r2p.read.comparison import MAX_COUNTRIES, MAX_INDICATORS

PREFERRED_INDICATOR = "ewp.risk_2yr"
KEYS = ("country", "period", "indicator", "method", "countries", "indicators", "since")  # the link keys it owns
LIST_KEYS = ("countries", "indicators")  # comma-separated; a repeated key adds to the list
_YEAR = re.compile(r"-?[0-9]{1,4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODES = {"countries": ("Country code(s)", MAX_COUNTRIES), "indicators": ("Indicator(s)", MAX_INDICATORS)}

Notices = dict[str, list[str]]  # link key -> notices about its value (each page shows those about what it draws)


@dataclass(frozen=True)
class ViewState:
    """What the pages look at; mirrored in the URL so a copied link reopens the same view.

    `method` is a tier method version label ("" until r2p.tiers.method.resolve_method, the one door for it, has
    chosen one); `countries`/`indicators` are Trends' comparison and `since` Meeting prep's date — None until
    the link or the page sets them (the page then starts from the shared country, indicator or a year ago)."""

    country: str
    period: int
    indicator: str
    method: str = ""
    countries: tuple[str, ...] | None = None
    indicators: tuple[str, ...] | None = None
    since: date | None = None

    def as_params(self) -> dict[str, str]:
        """The link keys of every part that is set, in the order of KEYS."""
        params = {"country": self.country, "period": str(self.period)}
        if self.indicator:  # "" on a warehouse with no indicator data yet
            params["indicator"] = self.indicator
        if self.method:
            params["method"] = self.method
        for key, codes in (("countries", self.countries), ("indicators", self.indicators)):
            if codes is not None:
                params[key] = ",".join(codes)
        if self.since:
            params["since"] = self.since.isoformat()
        return params


@dataclass(frozen=True)
class Options:
    """What may be chosen: countries (iso3, name) and indicators with their year spans."""

    countries: pd.DataFrame  # iso3, name
    indicators: pd.DataFrame  # indicator_id, name, first_period, last_period

    def span(self, indicator: str) -> tuple[int, int]:
        row = self.indicators.set_index("indicator_id").loc[indicator]
        return int(row["first_period"]), int(row["last_period"])


def default_view(options: Options, top_country: str | None = None, period: int | None = None) -> ViewState:
    """EWP risk (or the first indicator) on the given top country (or the first), in `period` (the tier method's
    current one, r2p.tiers.current_period) when the indicator spans it, else in the indicator's latest year.
    With no indicator data (a new warehouse before any ingest) the indicator is "" and the year `period`, else
    this year: every page then says what to load."""
    ids = list(options.indicators["indicator_id"])
    codes = list(options.countries["iso3"])
    country = top_country if top_country in codes else next(iter(codes), "")
    if not ids:
        return ViewState(country, period if period is not None else date.today().year, "")
    indicator = PREFERRED_INDICATOR if PREFERRED_INDICATOR in ids else ids[0]
    first, last = options.span(indicator)
    return ViewState(country, period if period is not None and first <= period <= last else last, indicator)


def resolve_view(params: Mapping[str, str], options: Options, fallback: ViewState) -> tuple[ViewState, Notices]:
    """The view the link asks for, each invalid or missing part replaced by the fallback's, with a notice for each
    invalid one. The tier method is the fallback's: r2p.tiers.method.resolve_method decides it."""
    notices: Notices = {}
    country = str(params.get("country", fallback.country)).strip().upper()
    if country not in set(options.countries["iso3"]):
        notices["country"] = [f"Unknown country {echoed(params.get('country'))} in the link; "
                              f"showing {fallback.country}."]
        country = fallback.country
    indicator, period = _indicator_and_period(params, options, fallback, notices)
    countries = _codes(params, "countries", list(options.countries["iso3"]), fallback.countries, notices)
    indicators = _codes(params, "indicators", list(options.indicators["indicator_id"]), fallback.indicators, notices)
    since = _since(params, fallback.since, notices)
    return ViewState(country, period, indicator, fallback.method, countries, indicators, since), notices


def _indicator_and_period(params: Mapping[str, str], options: Options, fallback: ViewState,
                          notices: Notices) -> tuple[str, int]:
    if options.indicators.empty:  # NOTE: no data loaded yet: nothing to choose from, so the link is not corrected
        return fallback.indicator, fallback.period
    indicator = str(params.get("indicator", fallback.indicator)).strip()
    if indicator not in set(options.indicators["indicator_id"]):
        notices["indicator"] = [f"Unknown indicator {echoed(params.get('indicator'))} in the link; "
                                f"showing {fallback.indicator}."]
        indicator = fallback.indicator
    first, last = options.span(indicator)
    default = fallback.period if first <= fallback.period <= last else last  # the current period, if spanned
    period = _year(params.get("period"), default)
    if period is None or not first <= period <= last:
        if "period" in params:
            notices["period"] = [f"Year {echoed(params.get('period'))} in the link is not available for this "
                                 f"indicator ({first}–{last}); showing {default}."]
        period = default
    return indicator, period


def parse_codes(raw: str | None, allowed: Sequence[str], limit: int,
                upper: bool = False) -> tuple[list[str], list[str]]:
    """Split a comma-separated link value into known codes (in order, once each, at most `limit`) and the
    dropped ones (unknown, or beyond the limit)."""
    known = set(allowed)
    kept: list[str] = []
    dropped: list[str] = []
    for part in (raw or "").split(","):
        code = part.strip().upper() if upper else part.strip()
        if not code or code in kept or code in dropped:
            continue
        (kept if code in known and len(kept) < limit else dropped).append(code)
    return kept, dropped


def _codes(params: Mapping[str, str], key: str, allowed: list[str], fallback: tuple[str, ...] | None,
           notices: Notices) -> tuple[str, ...] | None:
    """The known codes of a list key; when it names none but unknown ones, the fallback's (an empty value is an
    empty choice: a session's emptied selection stays empty)."""
    if key not in params:
        return fallback
    noun, limit = _CODES[key]
    kept, dropped = parse_codes(params[key], allowed, limit, upper=key == "countries")
    if dropped:
        notices[key] = [f"{noun} {listed(dropped)} in the link are unknown (or too many, at most {limit}); dropped."]
    return tuple(kept) if kept or not dropped else fallback


def _since(params: Mapping[str, str], fallback: date | None, notices: Notices) -> date | None:
    value = params.get("since")
    if not value:
        return fallback
    text = str(value).strip()
    # NOTE: ASCII YYYY-MM-DD only: fromisoformat also takes "20240101", week dates and other digits.
    if _DATE.fullmatch(text):
        with contextlib.suppress(ValueError):  # e.g. 2024-02-30
            return date.fromisoformat(text)
    notices["since"] = [f"The date {echoed(value)} in the link is not a date (YYYY-MM-DD); using a year ago."]
    return fallback


def _year(value: object, default: int) -> int | None:
    if value is None:
        return default
    # NOTE: ASCII digits only: int() also takes "２０２５", "1_995" and 10 kB of digits.
    text = str(value).strip()
    return int(text) if _YEAR.fullmatch(text) else None
