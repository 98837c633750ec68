"""Engagement page sections: filters, the two gap lists, one situation, one actor, and the registry's provenance."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from r2p.engagement.analysis import (
    NO_TIER,
    EngagementFilter,
    has_source,
    status_on,
    unsourced_share,
)
from r2p.engagement.dates import format_partial_date
from r2p.engagement.registry import Registry, lineage
from r2p.engagement.seed import SEED_SOURCE
from r2p.read.overview import GAP_MONTHS
from r2p.ui import engagement_data as data
from r2p.ui.cache import built
from r2p.ui.plain import plain_markdown
from r2p.vocabulary import ENGAGEMENT_KINDS, GROUPS, TIERS, actor_kind_label

EARLIEST = date(1945, 1, 1)  # the UN Charter: nothing in the registry is older
ENGAGEMENT_COLUMNS = {"engagement_id": "#", "actor": "actor", "situation": "situation", "kind_label": "kind",
                      "title": "title", "start": "started", "end": "ended", "status": "status",
                      "checked": "verified", "source_url": "source"}
_NAMED_BY = {"situation_id": "situation", "actor_id": "actor"}  # the column a one-situation (one-actor) table drops


def filter_controls() -> tuple[EngagementFilter, int]:
    """The filters, and the gap window in months."""
    listed = data.actor_list()
    labels = dict(zip(listed["actor_id"], listed["label"], strict=True))
    left, middle, right = st.columns(3)
    today = date.today()
    as_of = left.date_input("As of", value=today, min_value=EARLIEST, max_value=date(today.year + 10, 12, 31),
                            key="engagement_as_of", help="Show engagements active on this date.")
    months = left.number_input("Gap window (months)", min_value=1, max_value=120, value=GAP_MONTHS,
                               key="engagement_months",
                               help="An engaged High-or-above situation with no engagement started in this window "
                                    "is listed under 'High risk, no new engagement'.")
    groups = middle.multiselect("Actor group", GROUPS, key="engagement_groups")
    kinds = middle.multiselect("Kind", list(ENGAGEMENT_KINDS), format_func=ENGAGEMENT_KINDS.__getitem__,
                               key="engagement_kinds")
    tiers = right.multiselect("Tier", [*TIERS, NO_TIER], key="engagement_tiers")
    actors = right.multiselect("Actor", list(labels), format_func=lambda a: f"{labels[a]} ({a})",
                               key="engagement_actors")
    unverified = st.toggle("Include unverified entries", value=True, key="engagement_unverified")
    return EngagementFilter(as_of, actors, kinds, groups, tiers, unverified), int(months)


def registry_caption(registry: Registry, is_demo: bool) -> None:
    engagements = registry.engagements
    # NOTE: an engagement without a source URL counts as unverified, whatever its recorded flag says.
    unverified = int((~(engagements["verified"] & has_source(engagements["source_url"]))).sum()
                     + (~registry.actors["verified"]).sum())
    tiers = " Risk tiers on this page are computed from DEMO data." if is_demo else ""
    st.caption(f"Registry: {len(registry.actors)} actors, {len(registry.situations)} situations, "
               f"{len(engagements)} engagements ({unverified} entries unverified; "
               f"{unsourced_share(engagements):.1%} of engagements have no source and show as unverified). "
               f"{SEED_SOURCE} "
               f"An empty end date means no end is recorded.{tiers}")


def gaps_section(registry: Registry, tiers: pd.DataFrame, as_of: date, months: int, version: str) -> None:
    """Two lists, each named for what it measures: nobody engaged, and engaged but nothing new in the window.
    `tiers`: the method version's current tiers, as the gaps (engagement_data.gaps) read them."""
    tiers_available = not tiers.empty
    nobody, stale = data.gaps(version, as_of, months)
    st.subheader("High risk, nobody engaged")
    if tiers_available:
        st.caption(f"Situations at High or above (model tier, method {version}) with no engagement active on "
                   "this date.")
    else:
        st.warning(f"No risk tiers have been computed for method {version} yet, so gaps cannot be ranked by risk. "
                   "Listed instead: every situation with no active engagement.")
    _gap_table(nobody,
               "Every High-or-above situation has at least one active engagement on this date.", "engagement_gaps")
    st.subheader(f"High risk, no new engagement in {months} months")
    if not tiers_available:
        st.info("This list needs risk tiers: it appears once tiers are computed.")
        return
    latest = registry.engagements["started"].max()
    newest = f" (the newest engagement in the registry started on {latest:%Y-%m-%d})" if pd.notna(latest) else ""
    st.caption(f"Situations at High or above that are engaged, but where no engagement started in the {months} "
               "months to this date: the response may have stalled, or the registry does not hold it yet"
               f"{newest}.")
    _gap_table(stale,
               f"Every engaged High-or-above situation has an engagement started in the last {months} months.",
               "engagement_stale")


def _gap_table(gaps: pd.DataFrame, none: str, key: str) -> None:
    if gaps.empty:
        st.success(none)
        return
    shown = gaps.assign(last_started=pd.to_datetime(gaps["last_started"]).dt.date)
    st.dataframe(shown.rename(columns={"name": "Situation", "tier": "Tier", "active": "Active engagements",
                                       "last_started": "Last started"}).drop(columns="situation_id"),
                 hide_index=True, width="stretch", key=key)


def invitee_table(invitees: pd.DataFrame) -> pd.DataFrame:
    """Suggested invitees for people: name and reason first, the actor kind as words."""
    return invitees.assign(kind=invitees["kind"].map(actor_kind_label))[["name", "reason", "kind", "actor_id"]]


def engagements_of(column: str, value: str, as_of: date) -> pd.DataFrame:
    """engagement_table of one situation's (column "situation_id") or one actor's ("actor_id") engagements, without
    the column naming it; kept per warehouse version (engagement_data's NOTE)."""
    return built(_engagements_of, column, value, as_of)


def _engagements_of(column: str, value: str, as_of: date) -> pd.DataFrame:
    view = data.everything()
    return engagement_table(view[view[column] == value], as_of, (_NAMED_BY[column],))


def engagement_table(view: pd.DataFrame, as_of: date, without: tuple[str, ...] = ()) -> pd.DataFrame:
    """Engagements for people: partial dates as written, status on the date, dissolved actors marked, and
    "unverified" wherever an engagement was not checked or has no source."""
    marked = view["label"] + view["dissolved"].notna().map({True: " (dissolved)", False: ""})
    table = view.assign(actor=marked, status=status_on(view, as_of),
                        checked=view["verified"].map({True: "yes", False: "unverified"}),
                        start=[format_partial_date(v, p) for v, p in zip(view["started"], view["started_precision"],
                                                                         strict=True)],
                        end=[format_partial_date(v, p) for v, p in zip(view["ended"], view["ended_precision"],
                                                                       strict=True)])
    columns = {k: v for k, v in ENGAGEMENT_COLUMNS.items() if v not in without}
    return table.sort_values(["status", "started"], ascending=[True, False])[list(columns)].rename(columns=columns)


def situation_header(registry: Registry, situation_id: str, tier: str) -> None:
    row = registry.situations.set_index("situation_id").loc[situation_id]
    countries = str(row["countries"]).replace(";", ", ")
    # NOTE: registry text comes from imports: shown as plain text (plain_markdown), never as Markdown.
    st.caption(plain_markdown(f"{row['scope'].capitalize()} situation · countries: {countries} · model tier: {tier}"
                              + (f" · {row['note']}" if isinstance(row["note"], str) and row["note"] else "")))


def actor_section(registry: Registry, as_of: date) -> None:
    """Everything one actor is engaged on, its lineage, and whether it still exists."""
    actors = data.actor_list().set_index("actor_id")
    choices = dict(zip(actors.index, actors["label"] + " — " + actors["name"], strict=True))
    actor_id = st.selectbox("Actor", list(choices), key="engagement_actor_view", format_func=choices.__getitem__)
    actor = actors.loc[actor_id]
    established = format_partial_date(actor["established"], actor["established_precision"]) or "unknown"
    st.caption(plain_markdown(f"{actor['kind_label']} · established {established}"
                              + ("" if actor["verified"] else " · unverified")
                              + (f" · {actor['note']}" if _text(actor["note"]) else "")))
    if pd.notna(actor["dissolved"]):
        successor = f"its successor is {actor['successor_name']}" if _text(actor["successor_name"]) \
            else "no successor is recorded"
        st.warning(plain_markdown(f"{actor['name']} was dissolved "
                                  f"({format_partial_date(actor['dissolved'], actor['dissolved_precision'])}); "
                                  f"{successor}."))
    chain = lineage(registry.actors, actor_id)
    if len(chain) > 1:
        names = " → ".join(chain["short_name"].fillna(chain["name"]))
        st.markdown("**Lineage** (oldest first): " + plain_markdown(names))
    own = engagements_of("actor_id", actor_id, as_of)
    if own.empty:
        st.info("No engagement is recorded for this actor.")
    else:
        st.dataframe(own, hide_index=True, width="stretch", key="engagement_actor_table")


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value)
