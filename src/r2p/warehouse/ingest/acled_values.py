"""ACLED's rules for one column's distinct values: dates, country codes, event kinds, untracked territories.

The importer reads each rule once per distinct value (a 5 M-row export has a few thousand dates, a few hundred
codes and event kinds) and DuckDB spreads the results over the rows: see acled.py.
"""

from __future__ import annotations

import pandas as pd

from r2p.reference import load_countries
from r2p.warehouse.ingest.ucdp_common import rejects
from r2p.warehouse.ingest.validate import Reference, per_value, resolve_countries

DATE_FORMATS = ("ISO8601", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")  # ACLED's export writes "12 March 2024"
_STATE_FORCES = {"1", "state forces"}
_CIVILIAN_TARGETING = "civilian targeting"


def dates(text: pd.Series) -> pd.Series:
    """Each cell in the first format that reads it (vectorised per format, not per row)."""
    text = text.astype("string").str.strip()
    found = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for date_format in DATE_FORMATS:
        unread = found.isna() & text.notna()
        if not unread.any():
            break
        found = found.fillna(pd.to_datetime(text.where(unread), format=date_format, errors="coerce"))
    return found.dt.normalize()


def countries(frame: pd.DataFrame, codes: pd.Series, reference: Reference) -> pd.Series:
    """ISO3 by ISO numeric code; by name only for a country that has no numeric code at all (Kosovo)."""
    shipped = load_countries()
    coded = shipped.dropna(subset=["iso_numeric"])
    by_code = dict(zip(coded["iso_numeric"].astype("int64"), coded["iso3"], strict=True))
    iso3 = per_value(codes, lambda distinct: distinct.astype("int64").map(by_code).astype("string"))
    unknown = iso3.isna()
    if "country" in frame and unknown.any():  # names are read only where the code is not a country's
        codeless = set(shipped.loc[shipped["iso_numeric"].isna(), "iso3"])
        by_name = resolve_countries(frame.loc[unknown, "country"], reference)
        iso3 = iso3.fillna(by_name.where(by_name.isin(codeless)))
    return iso3


def untracked(frame: pd.DataFrame) -> pd.DataFrame:
    """Rejects for events in territories the country table does not hold, naming code and country."""
    names = frame["country"].astype(str) if "country" in frame else pd.Series("?", index=frame.index)
    return rejects(frame, "iso", "ISO 3166 numeric code " + frame["iso"].str.strip() + " (" + names
                   + ") is not a country R2P Watch tracks; event left out")


def kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """Per combination of event_type, sub_event_type, civilian_targeting, inter1, inter2 (those the export has):
    the UCDP violence type (<NA> where UCDP has none), whether it counts as civilian deaths, and source_ref."""
    sub_type = frame["sub_event_type"].str.strip() if "sub_event_type" in frame else ""
    return frame.assign(violence_type=_violence_types(frame), civilian=targets_civilians(frame),
                        source_ref=(frame["event_type"].str.strip() + " / " + sub_type).str.removesuffix(" / "))


def targets_civilians(frame: pd.DataFrame) -> pd.Series:
    """Civilian targeting as ACLED marks it; in exports from before that column (2023), its event type."""
    if "civilian_targeting" in frame:
        return _lowered(frame["civilian_targeting"]) == _CIVILIAN_TARGETING
    return _lowered(frame["event_type"]) == "violence against civilians"


def _lowered(text: pd.Series) -> pd.Series:
    return per_value(text, lambda distinct: distinct.str.strip().str.lower())


def _violence_types(frame: pd.DataFrame) -> pd.Series:
    """ACLED event type (+ actors, civilian targeting) -> UCDP violence type, <NA> where UCDP has none."""
    event_type = _lowered(frame["event_type"])
    has_inter = "inter1" in frame and "inter2" in frame
    no_inter = pd.Series(True, index=frame.index)  # where the export has no actor codes (a bare True fails `where`)
    state = (_is_state(frame["inter1"]) | _is_state(frame["inter2"])) if has_inter else no_inter
    armed = event_type.isin(["battles", "explosions/remote violence"])
    one_sided = (event_type == "violence against civilians") | (
        (event_type == "explosions/remote violence") & targets_civilians(frame))
    types = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    types = types.mask(armed, pd.Series(1, index=frame.index).where(state, 2))
    return types.mask(one_sided, 3)


def _is_state(inter: pd.Series) -> pd.Series:
    return _lowered(inter).isin(_STATE_FORCES)
