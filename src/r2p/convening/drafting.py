"""The product's draft of a country's key judgements and "what changed and why": templated sentences, each built
from a fact it cites (a period, a number, a date) — offline, no language model. An editor approves them (see
r2p.convening.judgements) before they count as judgements."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from r2p.read import held, profile
from r2p.read.held import indicator_names as indicator_names  # re-exported: the briefing reads it from here
from r2p.reviews.queue import today as today_utc
from r2p.tiers.method import TierMethod, resolve_method
from r2p.triggers.rules import rule_book
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

WINDOW = timedelta(days=365)  # "what changed": the last twelve months, as the briefing's default
# NOTE: events are reported within weeks (ACLED weekly, UCDP's candidate data monthly); a feed whose newest event
# is more than a quarter old has stopped, and a quiet window then means no data, not no violence.
STALE_EVENTS = timedelta(days=90)
SHIFTS_NAMED = 2  # the parts of the score whose change is named in a driver sentence
MAX_JUDGEMENTS = 5


@dataclass(frozen=True, eq=False)
class Facts:
    """What the draft is written from: the country, the tier method in force, its history, reviews and events."""

    iso3: str
    name: str
    today: date
    method: TierMethod
    period: int | None  # the method's current period (r2p.tiers.current_period)
    scored: pd.DataFrame  # the country's scored years up to `period`, oldest first
    names: dict[str, str]  # indicator id → name
    reviews: pd.DataFrame  # the country's reviews, with `surge` (the rule is an event spike)
    events: pd.Series  # events, deaths, last_event in the last twelve months
    events_before: pd.Series  # the same in the twelve months before
    last_event_held: date | None  # the newest event held for any country: where the event data end

    @property
    def since(self) -> date:
        return self.today - WINDOW


def gather_facts(warehouse: Warehouse, iso3: str, today: date | None = None) -> Facts:
    """Read what the draft cites, as the warehouse holds it now (through one snapshot of it).

    NOTE: only the country's tier history and event windows are read here; what every draft and briefing reads
    alike (methods, names, the current period, reviews, the latest event) is held per warehouse version
    (r2p.read.held), as the briefing holds it."""
    warehouse = warehouse.snapshot()
    today = today or today_utc()
    chosen = resolve_method(None, scored=held.methods(warehouse))[0]
    names = held.country_names(warehouse)
    return facts(iso3, str(names.get(iso3, iso3)), today, chosen, held.period(warehouse, chosen),
                 profile.tier_history(warehouse, iso3, chosen.label), held.indicators(warehouse),
                 held.reviews(warehouse, today), event_windows(warehouse, iso3, today - WINDOW, today),
                 held.last_event(warehouse))


def facts(iso3: str, name: str, today: date, chosen: TierMethod, period: int | None, history: pd.DataFrame,
          names: dict[str, str], reviews: pd.DataFrame, windows: pd.DataFrame, last_held: object) -> Facts:
    """The facts from what has been read: `history` of `chosen` (profile.tier_history), every review
    (records.list_reviews), the country's `event_windows` and the latest event held for any country (the briefing
    hands on what it has read for itself)."""
    # NOTE: rows picked over plain lists and taken in one step (which keeps the dtypes): tens of rows, where each
    # pandas filter, sort and assign cost more than the work.
    periods = history["period"].tolist()
    scored = sorted((row for row, (year, tier) in enumerate(zip(periods, history["tier"].tolist(), strict=True))
                     if not pd.isna(tier) and year <= (period or 0)), key=periods.__getitem__)
    kinds = {rule.id: rule.kind for rule in rule_book().rules}
    reviews = reviews.take([row for row, code in enumerate(reviews["iso3"].tolist()) if code == iso3])
    reviews = reviews.reset_index(drop=True)
    reviews["surge"] = [_is_surge(kinds.get(rule, "")) for rule in reviews["rule_id"].tolist()]
    spans = windows["span"].tolist()
    return Facts(iso3=iso3, name=name, today=today, method=chosen, period=period,
                 scored=history.take(scored).reset_index(drop=True), names=names, reviews=reviews,
                 events=windows.iloc[spans.index("recent")], events_before=windows.iloc[spans.index("before")],
                 last_event_held=None if pd.isna(last_held) else pd.Timestamp(last_held).date())


def event_windows(warehouse: Warehouse, iso3: str, since: date, today: date) -> pd.DataFrame:
    """span (since: from `since` to `today`; recent: the WINDOW to `today`; before: the WINDOW before that), events,
    deaths, and the country's latest event held (last_event, on every row)."""
    return query(warehouse, "read/briefing_event_windows", window_params(iso3, since, today))


def window_params(iso3: str, since: date, today: date) -> dict[str, object]:
    """The parameters of read/briefing_event_windows (the bench times the same query with them)."""
    return {"iso3": iso3, "since": since, "today": today, "recent": today - WINDOW, "before": today - 2 * WINDOW,
            "recent_eve": today - WINDOW - timedelta(days=1)}


def draft(facts: Facts) -> tuple[tuple[str, ...], str]:
    """Three to five key judgements and the "what changed and why" paragraph."""
    shift, reviews = driver_shift(facts), reviews_sentence(facts)  # each said twice, worked out once
    judgements = [tier_now(facts), tier_path(facts), shift, reviews, data_end(facts)]
    kept = tuple(sentence for sentence in judgements if sentence)[:MAX_JUDGEMENTS]
    changed = [moves_in_window(facts, shift), events_sentence(facts), reviews]
    if is_stale(facts):
        changed.append(data_end(facts))
    return kept, " ".join(sentence for sentence in changed if sentence)


def tier_now(facts: Facts) -> str:
    label = facts.method.label
    if facts.period is None:
        return f"No tier method has scored {facts.name} yet ({label} holds no scores)."
    if facts.scored.empty or int(facts.scored["period"].iloc[-1]) != facts.period:
        return f"{label} gives {facts.name} no tier for {facts.period}, its current year."
    row = facts.scored.iloc[-1]
    if row["tier"] == INSUFFICIENT:
        said = (f"{label} has too little data to tier {facts.name} for {facts.period} "
                f"(reliability {_share(row['coverage'])}).")
    else:
        said = (f"{label} places {facts.name} in the {row['tier']} tier for {facts.period} "
                f"(score {_number(row['score'])}, reliability {_share(row['coverage'])}).")
    if pd.isna(row["assessed_tier"]):
        return said + f" No analyst has assessed {facts.period}."
    return (said + f" An analyst ({row['assessed_by']}, {pd.Timestamp(row['assessed_at']):%Y-%m-%d}) assessed "
            f"{facts.period} as {row['assessed_tier']}.")


def tier_path(facts: Facts) -> str | None:
    """The latest move of the model tier, or how long it has held."""
    if len(facts.scored) < 2:
        return None
    last, previous = facts.scored.iloc[-1], facts.scored.iloc[-2]
    scores = f"score {_number(previous['score'])} in {int(previous['period'])}, {_number(last['score'])} in " \
             f"{int(last['period'])}"
    if last["tier"] != previous["tier"]:
        return (f"The model tier ({facts.method.label}) moved from {previous['tier']} in {int(previous['period'])} "
                f"to {last['tier']} in {int(last['period'])} ({scores}).")
    tiers = facts.scored["tier"].tolist()
    run = next(i for i in range(len(tiers)) if all(t == tiers[-1] for t in tiers[i:]))
    start = int(facts.scored["period"].iloc[run])
    return (f"The model tier ({facts.method.label}) has held at {last['tier']} since {start} "
            f"({len(tiers) - run} scored years to {int(last['period'])}; {scores}).")


def driver_shift(facts: Facts) -> str | None:
    """The parts of the score (risk factors, or a forecast's drivers) that changed most in the latest year."""
    if len(facts.scored) < 2 or facts.method.scoring == "direct":  # a direct method's one part is its score
        return None
    last, previous = facts.scored.iloc[-1], facts.scored.iloc[-2]
    kind, now = profile.score_parts(last, facts.names)
    _, before = profile.score_parts(previous, facts.names)
    key = "factor" if "factor" in now.columns else "indicator_id"
    if now.empty or before.empty or key not in before.columns:
        return _ensemble_shift(facts, previous, last)
    # NOTE: over plain lists, not merged frames: a part's key is unique in each year's parts.
    earlier = dict(zip(before[key].tolist(), before["part"].tolist(), strict=True))
    both = [(part_key, name, part, earlier[part_key]) for part_key, name, part in
            zip(now[key].tolist(), now["name"].tolist(), now["part"].tolist(), strict=True)
            if part_key in earlier and str(part_key) != ""]  # a forecast's "the other predictors" row is no one driver
    moved = sorted((row for row in both if abs(row[2] - row[3]) > 0), key=lambda row: -abs(row[2] - row[3]))
    span = f"{int(previous['period'])} to {int(last['period'])}"
    if not moved:
        return f"None of {kind} behind the score changed from {span}."
    named = [f"{_label(facts, key, part_key, name)} ({_number(part_before)} to {_number(part)})"
             for part_key, name, part, part_before in moved[:SHIFTS_NAMED]]
    return f"From {span}, among {kind}, the largest shifts were in {' and '.join(named)}."


def _ensemble_shift(facts: Facts, previous: pd.Series, last: pd.Series) -> str | None:
    """An ensemble's parts are the methods it combines: how each one's value moved."""
    now, before = (json.loads(row["contributions"] or "{}").get("ensemble", {}) for row in (last, previous))
    shared = [part for part in now if part in before]
    if not shared:
        return None
    moves = " and ".join(f"{part} from {_number(before[part].get('value'))} to {_number(now[part].get('value'))}"
                         for part in shared)
    return (f"From {int(previous['period'])} to {int(last['period'])}, the methods {facts.method.label} combines "
            f"moved: {moves}.")


def reviews_sentence(facts: Facts) -> str:
    """Reviews opened in the last twelve months, surges first."""
    opened = facts.reviews[pd.to_datetime(facts.reviews["opened_at"]).dt.date >= facts.since]
    window = f"from {facts.since} to {facts.today}"
    if opened.empty:
        return f"No review was opened for {facts.name} {window}."
    rules = ", ".join(f"{rule} ×{count}" for rule, count in opened["rule_id"].value_counts().sort_index().items())
    waiting = int((opened["state"] != "decided").sum())
    said = f"{_count(len(opened), 'review')} opened for {facts.name} {window} ({rules}); {waiting} not yet decided."
    surges = opened[opened["surge"]]
    if not surges.empty:
        latest = surges.sort_values("opened_at").iloc[-1]
        evidence = textwrap.shorten(str(latest["evidence"]), 160, placeholder="…").rstrip(".") + "."
        said += (f" {_count(len(surges), 'review')} followed a surge in deaths; the latest, on "
                 f"{pd.Timestamp(latest['opened_at']):%Y-%m-%d}: {evidence}")
    return said


def data_end(facts: Facts) -> str:
    """Where the data end; said outright ("no data newer than …") when the newest data are old, so that a quiet
    window is not read as calm."""
    label, period, last = facts.method.label, facts.period, facts.last_event_held
    scores = "no tier method has scored any year" if period is None else f"{label}'s latest scored year is {period}"
    own = facts.events["last_event"]
    country = f"none for {facts.name}" if pd.isna(own) else f"for {facts.name}: {pd.Timestamp(own):%Y-%m-%d}"
    events = "no event data are held" if last is None else f"the event data held end on {last} ({country})"
    if period is None and last is None:
        return "No data are held yet: no tier method has scored any year, and no event data are loaded."
    if not is_stale(facts):
        return f"The newest data held: {scores}, and {events}."
    newest = str(last) if last is not None and (period is None or last.year >= period) else str(period)
    return (f"There are no data newer than {newest}: {scores}, and {events}. The absence of reported change "
            f"since then is not evidence of calm.")


def is_stale(facts: Facts) -> bool:
    """Whether the newest scores or events are old: scores of a year before last, events more than a quarter old."""
    old_scores = facts.period is None or facts.period < facts.today.year - 1
    old_events = facts.last_event_held is None or facts.today - facts.last_event_held > STALE_EVENTS
    return old_scores or old_events


def moves_in_window(facts: Facts, shift: str | None) -> str:
    """The model tier's moves in the scored years of the window (a year's tier covers the whole year); `shift`
    (driver_shift) says why, when the last move is in the latest scored year."""
    label, first = facts.method.label, facts.since.year
    if facts.scored.empty or int(facts.scored["period"].iloc[-1]) < first:
        latest = "none" if facts.scored.empty else int(facts.scored["period"].iloc[-1])
        return (f"{label} has no scored year for {facts.name} from {first} on (its latest: {latest}), so no tier "
                f"move can be reported for the twelve months to {facts.today}.")
    periods, tiers = [int(period) for period in facts.scored["period"].tolist()], facts.scored["tier"].tolist()
    moved = [(tiers[row - 1], periods[row - 1], tiers[row], periods[row]) for row in range(1, len(tiers))
             if tiers[row - 1] != tiers[row] and periods[row] >= first]  # each scored year against the one before
    latest = periods[-1]
    years = f"the scored year {first}" if latest == first else f"the scored years {first}–{latest}"
    if not moved:
        return f"The model tier ({label}) did not move in {years}."
    said = "; ".join(f"from {previous} in {previous_period} to {tier} in {period}"
                     for previous, previous_period, tier, period in moved)
    why = shift if moved[-1][3] == latest else None
    return f"The model tier ({label}) moved {said}." + (f" {why}" if why else "")


def events_sentence(facts: Facts) -> str | None:
    now, before = facts.events, facts.events_before
    if int(now["events"]) == 0 and int(before["events"]) == 0:
        return None  # said by data_end, or the country has no events in the feeds held
    if facts.last_event_held is None or facts.last_event_held < facts.since:
        return None  # the feeds end before the window: its zero is no news (data_end says where they end)
    return (f"{int(now['events'])} events with {int(now['deaths'])} deaths (best estimate) are held for "
            f"{facts.name} from {facts.since} to {facts.today}, against {int(before['events'])} events and "
            f"{int(before['deaths'])} deaths in the twelve months before.")


def _is_surge(kind: str) -> bool:
    return kind == "event_spike" or "surge" in kind


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def _label(facts: Facts, key: str, part_key: object, name: object) -> str:
    return str(name) if key == "factor" else facts.names.get(str(part_key), str(part_key))


def _number(value: object) -> str:
    return "none" if value is None or pd.isna(value) else f"{float(value):.3g}"


def _share(value: object) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{float(value):.0%}"
