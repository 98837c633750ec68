"""What changed, said honestly: moves and counts where the data reach into the window, and "no data newer than
<date>" where they end before it (an empty window is not news that nothing happened)."""

from __future__ import annotations

import pandas as pd

from r2p.convening.judgements import Judgements
from r2p.exports.briefing import Briefing
from r2p.exports.labels import format_as_of
from r2p.exports.pack_text import DRAFT

DRIVER_MOVES_SHOWN = 3


def draft_mark(written: Judgements | None) -> str:
    """' (DRAFT — not approved)' beside text that nobody has approved yet; nothing once approved."""
    return "" if written is not None and written.approved else f" ({DRAFT})"


def what_changed_summary(b: Briefing) -> list[str]:
    """Page 1: the analyst's account (when written), then the model tier and the events, each with where its
    data end."""
    written = b.convening.judgements
    text = written.what_changed.strip() if written is not None else ""
    lines = [f"{text}{draft_mark(written)}"] if text else []
    return lines + [tier_change(b), event_change(b)]


def change_lines(b: Briefing) -> list[str]:
    """The "What changed" section: tier and driver moves, assessments, events, engagements and reviews."""
    c = b.changes
    lines = [tier_change(b), *_driver_lines(b)]
    lines += [f"Analyst's tier recorded for {int(a.period)}: {a.assessed_tier} by {a.assessed_by} on "
              f"{str(a.assessed_at)[:10]}." for a in c.assessments.itertuples()]
    lines += [event_change(b),
              f"Engagements started: {len(c.started)} · ended: {len(c.ended)} "
              f"(on {', '.join(b.situation.rows['name'])}).",
              f"R2P Watch reviews opened: {len(c.opened)} · decided: {len(c.decided)}."]
    return lines


def tier_change(b: Briefing) -> str:
    label, period, since = b.method.label, b.snapshot.period, b.since
    if period is None:
        return f"Model tier ({label}): the model has not scored {b.name}, so no move can be reported."
    if period < since.year:
        return (f"Model tier ({label}): no data newer than {period}, the latest scored year, so no move since "
                f"{since} can be seen. {_latest_move(b)}")
    moves = b.changes.moves
    listed = "none" if moves.empty else "; ".join(
        f"{int(m.period)}: {m.from_tier} → {m.to_tier} (score {_num(m.from_score)} → {_num(m.to_score)})"
        for m in moves.itertuples())
    span = str(period) if period == since.year else f"{since.year}–{period}"
    return f"Model tier moves ({label}) in scored years {span}: {listed}. Now {b.snapshot.model_tier}."


def event_change(b: Briefing) -> str:
    c = b.changes
    if c.last_event is None or pd.isna(c.last_event):
        return (f"Events: none are held for {b.name} (event data cover other countries or are not loaded), "
                "so nothing can be said about violence from event data.")
    last = pd.Timestamp(c.last_event).date()
    as_of = f"event data as of {format_as_of(c.events_as_of)}"
    if last < b.since:
        return (f"Events: no data newer than {last} ({as_of}), so nothing can be said about events since "
                f"{b.since}.")
    count = f"Events from {b.since} to {b.today}: {c.events:,} (deaths, best estimate: {c.deaths:,})"
    as_of_day = pd.Timestamp(c.events_as_of).date() if pd.notna(c.events_as_of) else last
    uncovered = f"; no data newer than {as_of_day}, so later events are not covered" if as_of_day < b.today \
        else ""
    return f"{count}; latest event held {last}, {as_of}{uncovered}."


def _latest_move(b: Briefing) -> str:
    last = b.changes.latest_move
    if last.empty:
        return f"It has been {b.snapshot.model_tier} in every scored year held."
    move = last.iloc[0]
    return f"Its last move was in {int(move['period'])}: {move['from_tier']} → {move['to_tier']}."


def _driver_lines(b: Briefing) -> list[str]:
    snap = b.snapshot
    moved = snap.driver_moves[snap.driver_moves["shift"].abs() > 0].head(DRIVER_MOVES_SHOWN)
    if snap.period is None or moved.empty:
        return []
    shifts = "; ".join(f"{row.name} {row.before:.3g} → {row.now:.3g}" for row in moved.itertuples())
    return [f"Largest shifts in {snap.parts_kind} from {snap.period - 1} to {snap.period}: {shifts}."]


def _num(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.3g}"
