"""The facts of a briefing on one country: risk snapshot, what changed since a date, the casualty trend and
recent events, the convening tools' content, engagement, invitees, reviews waiting, sources and method. The page's
preview, the PDF and the PPTX are all drawn from this."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pandas as pd

from r2p.config import setting
from r2p.engagement.analysis import active_on, related_situations, situation_tiers, situations_for_country
from r2p.engagement.invitees import suggested_invitees
from r2p.engagement.registry import Registry
from r2p.exports import briefing_reads as shared
from r2p.exports import changes
from r2p.exports.briefing_snapshot import Snapshot, snapshot
from r2p.exports.briefing_trend import Trend, trend
from r2p.exports.convening_rows import Convening, convening, draft_facts, event_windows
from r2p.read import profile
from r2p.reviews import queue as review_queue
from r2p.tiers.method import TierMethod, resolve_method
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

DEFAULT_LOOKBACK = timedelta(days=365)


class BriefingError(ValueError):
    """A briefing that cannot be prepared as asked; the message says why."""


@dataclass(frozen=True, eq=False)
class Changes:
    """What changed from `since` to `today`."""

    moves: pd.DataFrame
    assessments: pd.DataFrame
    events: int
    deaths: int
    last_event: object
    events_as_of: object
    started: pd.DataFrame
    ended: pd.DataFrame
    opened: pd.DataFrame
    decided: pd.DataFrame
    latest_move: pd.DataFrame  # the model tier's last move ever (MOVE_COLUMNS; empty when it never moved)


@dataclass(frozen=True, eq=False)
class Situation:
    """The country's situation in the engagement registry (or one made up for it), its related situations and
    the engagements active on them today."""

    situation_id: str
    name: str
    registered: bool
    tier: str
    rows: pd.DataFrame  # situation_id, name: the situation first, then the related ones
    engaged: pd.DataFrame  # engagement_view rows active today on those situations
    ranked: pd.DataFrame  # situation_id, tier, tier_rank of those situations (analysis.situation_tiers)


@dataclass(frozen=True, eq=False)
class Briefing:
    iso3: str
    name: str
    since: date
    today: date
    generated_at: datetime
    marking: str
    is_demo: bool
    method: TierMethod
    history: pd.DataFrame
    snapshot: Snapshot
    changes: Changes
    situation: Situation
    invitees: pd.DataFrame  # actor_id, name, kind, reason
    pending: pd.DataFrame  # the country's open and overdue reviews, overdue first
    sources: pd.DataFrame  # name, publisher, citation, is_demo, as_of, last_load
    trend: Trend
    convening: Convening

    @property
    def title(self) -> str:
        return f"{self.name} ({self.iso3})"


def default_since(today: date) -> date:
    """A year back: the window of the Country page's events, and one scored year of tier moves."""
    return today - DEFAULT_LOOKBACK


def gather_briefing(warehouse: Warehouse, iso3: str, since: date | None = None, method_name: str | None = None,
                    today: date | None = None, marking: str | None = None) -> Briefing:
    """Everything a briefing on the country states, read from the warehouse as it is now.

    NOTE: every table is read once, through one snapshot, and handed to each part that needs it (the key-judgement
    draft included): 20 queries (21 when asked for a method other than the draft's) where reading per part took
    29; all of the country's events are read in one pass (per year), not four; the 12 months the map shows come
    as its dots and their span, not as rows (trend). What every briefing reads alike (countries, methods, tiers,
    the engagement registry and its view, reviews, sources) is held once per warehouse version (briefing_reads,
    r2p.read.held, shared with the key-judgement draft), so a briefing after the first on that version runs 9
    queries, whichever the method (both methods' tier histories are one read).
    NOTE: the event windows stay a query of their own: folded into briefing_event_years as FILTERs they cost more
    CPU (24 ms against 13 + 9 for the busiest country at 5 M events), as each window's WHERE skips row groups."""
    warehouse = warehouse.snapshot()
    today = today or review_queue.today()
    since = since or default_since(today)
    if since > today:
        raise BriefingError(f"The 'since' date {since} is after today ({today}).")
    methods = shared.methods(warehouse)
    chosen = _method(methods, method_name)
    iso3, name = _country(warehouse, iso3)
    drafted = resolve_method(None, scored=methods)[0]  # the key-judgement draft's method: the default one
    last_held = shared.last_event(warehouse)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="r2p-briefing-events") as pool:
        # NOTE: the country's events per year, then the casualty trend and the event map (four reads, half of the
        # briefing's CPU for the busiest country at 5 M events), are read on a thread of their own, in that order,
        # while the rest is read and worked out: DuckDB runs a query without holding the GIL, so on two cores the
        # two overlap (p50 75 -> 57 ms there). Each read still runs when the briefing is asked for.
        years_read = pool.submit(query, warehouse, "read/briefing_event_years", {"iso3": iso3})
        trend_read = pool.submit(lambda: trend(warehouse, iso3, years_read.result(), last_held))
        # NOTE: both methods' histories in one read when they differ (a briefing asked for another method)
        histories = profile.tier_histories(warehouse, iso3, list(dict.fromkeys([chosen.label, drafted.label])))
        history = histories[chosen.label]
        names = shared.indicators(warehouse)
        period = shared.period(warehouse, chosen)
        # NOTE: tiers.current_tiers with the period just read, so the scores' coverage is not read a second time.
        tiers = shared.tiers(warehouse, chosen, period)
        registry, situation, view = _situation(*shared.registry(warehouse), tiers, iso3, name, today)
        reviews = shared.reviews(warehouse, today)
        sources = shared.sources(warehouse)
        windows = event_windows(warehouse, iso3, since, today)
        same = drafted.label == chosen.label
        facts = partial(draft_facts, iso3, name, today, chosen if same else drafted,
                        period if same else shared.period(warehouse, drafted), histories[drafted.label], names,
                        reviews, windows, last_held)
        return Briefing(
            iso3=iso3, name=name, since=since, today=today, generated_at=datetime.now(UTC),
            marking=marking or setting("handling_marking"), is_demo=bool(sources["is_demo"].any()), method=chosen,
            history=history, snapshot=snapshot(history, chosen, names, period),
            changes=_changes(history, period, view, situation, reviews, windows, years_read.result(), iso3, since,
                             today),
            situation=situation, invitees=suggested_invitees(registry, tiers, situation.situation_id, today, view),
            pending=review_queue.pending(reviews[reviews["iso3"] == iso3]), sources=sources,
            convening=convening(warehouse, iso3, today, facts),
            trend=trend_read.result(),  # last: waited for once everything else is done
        )


def _changes(history: pd.DataFrame, period: int | None, view: pd.DataFrame, situation: Situation,
             reviews: pd.DataFrame, windows: pd.DataFrame, years: pd.DataFrame, iso3: str, since: date,
             today: date) -> Changes:
    since_row = windows["span"].tolist().index("since")
    ids = list(situation.rows["situation_id"])
    # NOTE: moves up to the current period only: a later year scored on carried-forward data is no news.
    moved = changes.tier_moves(history[history["period"] <= (period or 0)], date.min)
    return Changes(
        moves=moved[moved["period"] >= since.year].reset_index(drop=True),
        assessments=changes.assessments_since(history, since),
        events=int(windows["events"].iloc[since_row]), deaths=int(windows["deaths"].iloc[since_row]),
        last_event=years["last_event"].max(), events_as_of=years["as_of"].max(),
        started=changes.engagements_started(view, ids, since, today),
        ended=changes.engagements_ended(view, ids, since, today),
        opened=changes.reviews_opened(reviews, iso3, since), decided=changes.reviews_decided(reviews, iso3, since),
        latest_move=moved.tail(1),
    )


def _situation(registry: Registry, view: pd.DataFrame, tiers: pd.DataFrame, iso3: str, name: str,
               today: date) -> tuple[Registry, Situation, pd.DataFrame]:
    """The country's own situation; for a country the registry does not track, one made up for it, so the
    regional-body and Special Adviser rules still suggest invitees. `view`: the registry's engagement_view (a
    made-up situation has no engagements, so it is the view of the registry returned too). Returns the registry
    holding the situation, the situation and the view."""
    covering = situations_for_country(registry.situations, iso3)
    registered = bool(covering)
    if not registered:
        made_up = pd.DataFrame([{"situation_id": f"country:{iso3}", "name": name, "scope": "country", "iso3": iso3,
                                 "countries": iso3, "note": None}])
        registry = dataclasses.replace(registry, situations=pd.concat([registry.situations, made_up],
                                                                      ignore_index=True))
        covering = [f"country:{iso3}"]
    own = covering[0]
    ids = [own, *related_situations(registry.situations, own)]
    # NOTE: the situations picked by position in one step (which keeps the dtypes), not by an index built per call
    listed = registry.situations["situation_id"].tolist()
    chosen = registry.situations.take([listed.index(situation_id) for situation_id in ids]).reset_index(drop=True)
    rows = chosen[["situation_id", "name"]]
    engaged = view[active_on(view, today) & view["situation_id"].isin(ids)].reset_index(drop=True)
    ranked = situation_tiers(chosen, tiers)
    return registry, Situation(own, str(rows["name"].iloc[0]), registered, str(ranked["tier"].iloc[0]), rows,
                               engaged, ranked), view


def _method(methods: list[str], name: str | None) -> TierMethod:
    try:
        return resolve_method(name, strict=True, scored=methods)[0]
    except KeyError as error:
        raise BriefingError(str(error.args[0])) from None


def _country(warehouse: Warehouse, iso3: str) -> tuple[str, str]:
    code = iso3.strip().upper()
    names = shared.country_names(warehouse)
    if code not in names.index:
        raise BriefingError(f"Unknown country code {iso3!r}: use an ISO 3166 alpha-3 code such as SDN.")
    return code, str(names[code])
