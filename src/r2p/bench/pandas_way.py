"""The baseline: the same page queries the way a typical Streamlit app does them, pandas over the files on every rerun.

Run as `python -m r2p.bench.pandas_way SPEC.json` in a child process, so its memory is measured apart from ours;
prints {"read_ms": {file: [ms...]}, "compute_ms": {query: [ms...]}, "peak_rss_mb": n} as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from r2p.bench.measure import peak_rss_mb, repeat_ms
from r2p.reference import load_countries

# Which file each query reads on every rerun.
READS = {"recent_events": "events", "latest_event_date": "events", "country_event_summary": "events",
         "country_series": "observations", "indicator_values": "observations", "compare_series": "observations"}


def read_events(path: Path) -> pd.DataFrame:
    events = pd.read_csv(path)
    events["event_date"] = pd.to_datetime(events["event_date"])
    return events


def read_observations(path: Path) -> pd.DataFrame:
    return pd.read_csv(path)


def computations(events: pd.DataFrame, observations: pd.DataFrame, spec: dict) -> dict[str, Callable[[], object]]:
    """Each page query in pandas over frames already read (what the app does after pd.read_csv)."""
    code, iso3, indicator, period = spec["iso_numeric"], spec["iso3"], spec["indicator"], spec["period"]
    today = date.fromisoformat(spec["today"])
    countries = load_countries()

    def recent_events() -> pd.DataFrame:
        last = events["event_date"].max()
        mine = events[(events["iso"] == code) & events["latitude"].notna() & events["longitude"].notna()
                      & (events["event_date"] > last - pd.DateOffset(months=12))]
        return mine.sort_values(["event_date", "event_id_cnty"], ascending=[False, True])

    def country_event_summary() -> dict:
        mine = events[events["iso"] == code]
        window = mine[mine["event_date"].between(pd.Timestamp(today - timedelta(days=365)), pd.Timestamp(today))]
        return {"events": len(window), "deaths": int(window["fatalities"].sum()), "last": mine["event_date"].max()}

    def compare_series() -> pd.DataFrame:
        chosen = observations[observations["indicator"] == indicator].merge(
            countries[["iso3", "un_subregion"]], left_on="country", right_on="iso3")
        region = countries.loc[countries["iso3"] == iso3, "un_subregion"].iloc[0]
        medians = chosen[chosen["un_subregion"] == region].groupby(["indicator", "year"])["value"].median()
        return pd.concat([chosen[chosen["country"] == iso3], medians.reset_index()])

    return {
        "recent_events": recent_events,
        "latest_event_date": lambda: events["event_date"].max(),
        "country_event_summary": country_event_summary,
        "country_series": lambda: observations[observations["country"] == iso3].sort_values(["indicator", "year"]),
        "indicator_values": lambda: observations[(observations["indicator"] == indicator)
                                                 & (observations["year"] == period)].sort_values("value",
                                                                                                 ascending=False),
        "compare_series": compare_series,
    }


def measure(spec: dict) -> dict:
    """Milliseconds to read each file (every rerun pays it) and to compute each query on the read frames."""
    events_path, observations_path = Path(spec["events_csv"]), Path(spec["observations_csv"])
    read = {"events": repeat_ms(lambda: read_events(events_path), spec["read_runs"], warm_up=0),
            "observations": repeat_ms(lambda: read_observations(observations_path), spec["read_runs"], warm_up=0)}
    events, observations = read_events(events_path), read_observations(observations_path)
    compute = {name: repeat_ms(function, spec["runs"])
               for name, function in computations(events, observations, spec).items()}
    return {"read_ms": read, "compute_ms": compute, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
