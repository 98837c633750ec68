"""The Country page's sub-national surges: a table of admin-1 surge weeks and, when opened, a map of the areas."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p import geo
from r2p.figures.event_map import outlines_near
from r2p.figures.surge_map import surge_map
from r2p.provenance import of_rows
from r2p.read.surges import surge_areas, surge_rule, surge_rule_text
from r2p.ui import cache
from r2p.ui.banner import provenance_caption
from r2p.ui.downloads import table_downloads
from r2p.ui.plain import plain_markdown
from r2p.ui.tier_tables import show_list

MAP_SHOWN = "country_surge_map_shown"  # the expander holding the map; True once opened


def show_subnational_surges(iso3: str, name: str) -> None:
    """Heading, the surge weeks of the year to the country's latest event (table), their areas (a map drawn
    when its expander is opened), caption."""
    surges = cache.country_surges(iso3)
    st.subheader("Sub-national surges")
    as_of = surges["as_of"].iloc[0] if len(surges) else None
    if surges.empty:
        st.info(f"No admin-1 area of {plain_markdown(name)} had a surge week in the year to its latest event.")
        st.caption(surge_rule_text(None))
        return
    # NOTE: an HTML table, not a grid: the page loads the grid's ~1.5 MB of script only while any grid remains.
    # Every surge week is listed (at most one row per admin-1 area and week of one year).
    listed = surge_text(surges)
    columns = table_columns()
    show_list(listed, numeric=[columns[c] for c in ("week_start", "events", "prior_average", "times", "deaths")])
    sources = cache.data_sources()
    provenance = of_rows(surges, sources, bool(sources["is_demo"].any()))
    table_downloads(surge_table(surges), "country_surges", f"Sub-national surges, {name}", provenance)
    # NOTE: the map is drawn only once opened (opening reruns the page): a second MapLibre map (a WebGL context)
    # beside the events map would hold the page up on machines drawing WebGL in software.
    mapped = st.expander("The surge areas on a map", key=MAP_SHOWN, on_change="rerun")
    if mapped.open:
        outlines = outlines_near(geo.load_country_shapes(), iso3)
        mapped.plotly_chart(surge_map(surge_areas(surges), outlines, iso3), width="stretch", key="country_surge_map",
                            config={"displaylogo": False})
        mapped.caption("Dot size grows with the number of surge weeks; each dot sits at the centroid of the area's "
                       "surge-week events.")
    provenance_caption(provenance)
    st.caption(surge_rule_text(as_of) + " Provisional: includes UCDP GED Candidate events.")


def table_columns() -> dict[str, str]:
    """Column -> heading of the surge table."""
    return {"admin1": "Area (admin-1)", "week_start": "Week of", "events": "Events",
            "prior_average": f"Average of the {surge_rule().weeks_before} weeks before", "times": "Times the average",
            "deaths": "Deaths (best)", "provisional": "Provisional"}


def surge_text(surges: pd.DataFrame) -> pd.DataFrame:
    """The surge table as the page prints it: the week as 2025-06-02, the average to one decimal."""
    columns = table_columns()
    table = surge_table(surges)
    return table.assign(**{
        columns["week_start"]: pd.to_datetime(table[columns["week_start"]]).dt.strftime("%Y-%m-%d"),
        columns["prior_average"]: table[columns["prior_average"]].map("{:.1f}".format)})


def surge_table(surges: pd.DataFrame) -> pd.DataFrame:
    """The surge weeks as shown: named columns, the ratio in words where the weeks before held no event."""
    times = surges["ratio"].map(lambda r: "new (none before)" if r == float("inf") else f"{r:.1f}×")
    provisional = surges["provisional"].fillna(False).astype(bool).map({True: "yes", False: ""})
    columns = table_columns()
    return surges.assign(times=times, provisional=provisional)[list(columns)].rename(columns=columns)
