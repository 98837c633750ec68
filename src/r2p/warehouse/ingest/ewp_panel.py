"""EWP country-year files: the base data (mass-killing outcomes) and the modelling panel (predictors)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.ewp_csv import column, read_text, release_date
from r2p.warehouse.ingest.ewp_units import ValueColumn, assign_countries, to_observations, whole_numbers
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.validate import Reference

BASE_COLUMNS = ("mk_onset", "mk_ongoing", "mk_offset", "mk_onset_count", "mk_ongoing_count", "mk_offset_count",
                "mk_location_ever", "mk_responsible_ever", "widetargeting", "narrowtargeting")
BASE_MARKERS = frozenset({"mk_onset_count", "mk_offset_count", "mk_ongoing_count", "mk_ongoing_code",
                          "mk_location_ever", "mk_responsible_ever", "mk_ongoing_widescope"})
EPISODE_CODES = "mk_ongoing_code"  # "; mmr2016s1; mmr2021s1": ns = non-state-led, otherwise state-led
_NON_STATE = re.compile(r"ns\d*$", re.IGNORECASE)
# The model's predictors. Left out: outcome leads (mk_onset_1/_2/_1or2), region dummies (reg.*), year and
# year_sq, and includesnonstate (a period dummy: 1 from 1989 for every country, a coding change, not a risk).
PREDICTORS = (
    "widetargeting", "narrowtargeting", "v2csgender_binary", "v2mecenefm_binary", "partyban.new.0",
    "partyban.new.1", "partyban.new.2", "minorityrule", "judicialreform", "religiousfreedom",
    "pol_killing_approved", "freediscussion", "social_inequality", "even_civilrights", "repress_civilsoc",
    "social_power_dist", "ses_power_dist", "popsize.log2", "gdppcgrowth", "un_imr_sqrt", "efindex", "discrimpop",
    "ios.iccpr1", "battledeaths.log2", "coup.try.5yr", "mk_ongoing_count_log2", "mean_mk_onset_interaction",
    "mk_onset_prev_year", "newcountry", "mk_ever", "countryage.new.log2",
)
PREDICTOR_ALIASES = {"wdi.popsize.log2": "popsize.log2"}  # the 2023 release's name for the same transform


def indicator_id(name: str) -> str:
    """`partyban.new.0` -> `ewp.partyban_new_0` (catalog ids allow only [a-z0-9_])."""
    return "ewp." + re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def predictor_columns(columns: list[str]) -> list[ValueColumn]:
    """The predictor columns present, under their catalog ids."""
    known = {p: p for p in PREDICTORS} | PREDICTOR_ALIASES
    return [ValueColumn(c, indicator_id(known[c.strip().lower()])) for c in columns
            if c.strip().lower() in known]


def read_base(path: Path, reference: Reference) -> Staged:
    """Mass-killing onset / ongoing / offset per country-year, plus ongoing episodes split by who led them."""
    kind = "ewp-base"
    frame = read_text(path, kind)
    present = [column(frame, name) for name in BASE_COLUMNS]
    values = [ValueColumn(c, indicator_id(c)) for c in present if c is not None]
    codes = column(frame, EPISODE_CODES)
    if codes is not None:
        frame, derived = _episode_counts(frame, codes)
        values += derived
    if not any(v.indicator_id in ("ewp.mk_onset", "ewp.mk_ongoing", "ewp.mk_onset_count") for v in values):
        raise IngestRefused([Problem(path.name, "lacks the outcome columns: expected mk_onset, mk_ongoing or"
                                     " mk_onset_count", 1)], kind, len(frame))
    return country_years(frame, path, reference, kind, values)


def _episode_counts(frame: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[ValueColumn]]:
    """Counts of ongoing state-led and non-state-led episodes from the `; `-separated code list."""
    codes = frame[name].fillna("").str.split(";").explode().str.strip()
    codes = codes[codes != ""]
    non_state = codes.str.contains(_NON_STATE).groupby(level=0).sum()
    total = codes.groupby(level=0).size()
    counts = pd.DataFrame({"total": total, "non_state": non_state}).reindex(frame.index, fill_value=0)
    frame = frame.assign(_state_led=(counts["total"] - counts["non_state"]).astype(str),
                         _non_state_led=counts["non_state"].astype(str))
    return frame, [ValueColumn("_state_led", "ewp.mk_ongoing_state_led", cite=name),
                   ValueColumn("_non_state_led", "ewp.mk_ongoing_nonstate_led", cite=name)]


def read_panel(path: Path, reference: Reference) -> Staged:
    """The modelling panel: one indicator per predictor, one row per country-year."""
    kind = "ewp-predictors"
    frame = read_text(path, kind)
    values = predictor_columns([str(c) for c in frame.columns])
    if not values:
        raise IngestRefused([Problem(path.name, "has none of the EWP predictor columns (e.g. "
                                     + ", ".join(PREDICTORS[:4]) + ")", 1)], kind, len(frame))
    return country_years(frame, path, reference, kind, values)


def country_years(frame: pd.DataFrame, path: Path, reference: Reference, kind: str,
                   values: list[ValueColumn]) -> Staged:
    """Country-year rows keyed by ccode and year: map the codes, then one observation per value cell."""
    code, year = column(frame, "ccode"), column(frame, "year")
    missing = [n for n, c in (("ccode", code), ("year", year)) if c is None]
    if missing:
        raise IngestRefused([Problem(path.name, f"lacks the required column(s) {', '.join(missing)}", 1)],
                            kind, len(frame))
    codes, problems = whole_numbers(frame, code, path.name, "a G&W/EWP country code")
    years, found = whole_numbers(frame, year, path.name, "a year")
    mapped, rejects = assign_countries(frame, codes, years, reference, code)
    observations, unreadable = to_observations(mapped, values, path.name, year)
    return Staged(kind, len(frame), observations, rejects=rejects, as_of=release_date(path),
                  problems=problems + found + unreadable)
