"""Build src/r2p/reference/countries.csv and ccode_crosswalk.csv from maintained libraries.

Sources: country_converter's bundled ``country_data.tsv`` (short/official names, UN admission year, UN M49
region, Gleditsch-Ward code) read directly with pandas, and pycountry (ISO 3166 alpha-2, numeric, names).
Small hand-written overrides are the commented constants below; the extra aliases seen in
EWP/UCDP/WDI/V-Dem/Powell & Thyne files (with their source) are in ``scripts/country_overrides.csv``.
Nothing under shared/ is read at build time.

``un_subregion`` is always the *finest* UN M49 grouping: the intermediate region where M49 defines one
(Eastern/Middle/Southern/Western Africa; Caribbean, Central America, South America), otherwise the
sub-region (Northern Africa, Northern America, all of Asia, Europe and Oceania).

Usage: ``python scripts/build_countries.py [--out-dir DIR]`` (default: src/r2p/reference).
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pandas as pd
import pycountry

REPO = Path(__file__).resolve().parents[1]
ALIASES_CSV = Path(__file__).resolve().parent / "country_overrides.csv"
DEFAULT_OUT = REPO / "src" / "r2p" / "reference"
COUNTRY_COLUMNS = [
    "iso3", "iso2", "iso_numeric", "name", "official_name",
    "un_status", "un_member_since", "un_region", "un_subregion", "aliases",
]
CROSSWALK_COLUMNS = ["ccode", "iso3", "first_year", "last_year", "primary", "unit_name"]

# --- hand-written data -------------------------------------------------------------------------------
OBSERVERS = ("VAT", "PSE")  # UN non-member observer states
TERRITORIES = ("XKX", "TWN", "ESH")  # not UN members but tracked by atrocity/conflict sources
# Kosovo has no ISO 3166 entry; "XK"/"XKX" are the user-assigned codes used by the EU, WB and UCDP.
NON_ISO_ALPHA2 = {"XKX": "XK"}
# country_converter puts Nauru in Polynesia; UN M49 lists it under Micronesia.
SUBREGION_FIXES = {"NRU": "Micronesia"}
# The UN observer is the Holy See (not "Vatican City State"); Hungary dropped "Republic of" in 2012.
OFFICIAL_NAME_FIXES = {"VAT": "Holy See", "HUN": "Hungary"}
SUBREGION_TO_REGION = {
    **dict.fromkeys(["Eastern Africa", "Middle Africa", "Northern Africa", "Southern Africa",
                     "Western Africa"], "Africa"),
    **dict.fromkeys(["Caribbean", "Central America", "South America", "Northern America"], "Americas"),
    **dict.fromkeys(["Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia",
                     "Western Asia"], "Asia"),
    **dict.fromkeys(["Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"], "Europe"),
    **dict.fromkeys(["Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"], "Oceania"),
}
# Where country_converter's GWcode differs from EWP (countrynamesheet / inputs/wdi.csv), EWP wins:
# DEU 260->255 (EWP keeps Germany on 255 throughout), SRB 340->345 (Serbia = Yugoslavia's 345),
# YEM 680->679 (unified Yemen, COW-style), VNM 817->816 (817 is South Vietnam), CZE 315->316 (315 is
# Czechoslovakia); EWP's WDI crosswalk gives the microstates their COW numbers: KIR 970->946,
# NRU 971->970, TON 972->955, TUV 973->947 (so 970 is Nauru here, not Kiribati).
EWP_CCODE_FIXES = {"DEU": "255", "SRB": "345", "YEM": "679", "VNM": "816", "CZE": "316",
                   "KIR": "946", "NRU": "970", "TON": "955", "TUV": "947"}
# Current codes that only exist from a given year (before it the territory is another unit).
CCODE_FIRST_YEAR = {"CZE": 1993, "SVK": 1993, "YEM": 1990, "XKX": 2008}
# Historical / variant units: (ccode, iso3, first_year, last_year, primary, unit_name); None = open.
# primary=False marks a unit folded into a successor's territory, so it never competes with the
# successor's main series in the same year.
HISTORICAL_UNITS = [
    (678, "YEM", None, 1989, True, "Yemen Arab Republic (North Yemen)"),
    # G&W proper and UCDP keep 678 for unified Yemen after 1990; EWP uses 679 there.
    (678, "YEM", 1990, None, False, "Yemen (G&W/UCDP code after unification)"),
    (680, "YEM", 1967, 1989, False, "People's Democratic Republic of Yemen (South Yemen)"),
    # EWP recodes West Germany to 255 for all years, so 255 is the primary series; 260 is kept open-
    # ended (non-primary) because UCDP still writes 260 for unified Germany.
    (260, "DEU", 1949, None, False, "German Federal Republic (West Germany; UCDP: Germany)"),
    (265, "DEU", 1949, 1990, False, "German Democratic Republic (East Germany)"),
    (315, "CZE", None, 1992, False, "Czechoslovakia"),
    (817, "VNM", 1954, 1975, False, "Republic of Vietnam (South Vietnam)"),
    # G&W proper switches Serbia to 340 after Montenegro's 2006 independence; EWP/UCDP keep 345.
    (340, "SRB", 2006, None, False, "Serbia (G&W code after 2006)"),
]


def read_country_converter() -> pd.DataFrame:
    """country_converter's data table; its convert functions are broken on pandas 3.1, the TSV is not."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("country_converter is not installed: pip install 'country_converter==1.3.2'")
    tsv = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    # keep_default_na=False: Namibia's ISO2 is the string "NA".
    return pd.read_csv(tsv, sep="\t", keep_default_na=False, dtype=str).set_index("ISO3")


def require(ok: bool, message: str) -> None:
    """Build-time check that survives ``python -O`` (unlike assert)."""
    if not ok:
        raise SystemExit(f"build_countries: {message}")


def un_status(iso3: str, cc_row: pd.Series) -> str:
    if cc_row["UNmember"]:
        return "member"
    return "observer" if iso3 in OBSERVERS else "territory"


def read_extra_aliases(path: Path = ALIASES_CSV) -> dict[str, list[str]]:
    """iso3 -> extra aliases (names seen in EWP/UCDP/WDI/V-Dem/Powell & Thyne files)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df.groupby("iso3")["alias"].agg(list).to_dict()


def aliases_for(iso3: str, name: str, cc_row: pd.Series, extra: list[str]) -> str:
    found: list[str] = []
    country = pycountry.countries.get(alpha_3=iso3)
    for attr in ("name", "official_name", "common_name"):
        found.append(getattr(country, attr, "") or "")
    found += [cc_row["name_official"], *extra]
    unique = {a.strip() for a in found if a.strip() and a.strip() != name}
    return "|".join(sorted(unique, key=lambda a: (a.casefold(), a)))


def country_row(iso3: str, cc_row: pd.Series, extra: list[str]) -> dict[str, object]:
    country = pycountry.countries.get(alpha_3=iso3)
    iso2 = country.alpha_2 if country else NON_ISO_ALPHA2[iso3]
    subregion = SUBREGION_FIXES.get(iso3, cc_row["UNregion"])
    name = cc_row["name_short"]
    return {
        "iso3": iso3,
        "iso2": iso2,
        # No ISO numeric code for Kosovo (country_converter's 412 is not an ISO assignment).
        "iso_numeric": int(country.numeric) if country else pd.NA,
        "name": name,
        "official_name": OFFICIAL_NAME_FIXES.get(iso3, cc_row["name_official"]),
        "un_status": un_status(iso3, cc_row),
        "un_member_since": int(cc_row["UNmember"]) if cc_row["UNmember"] else pd.NA,
        "un_region": SUBREGION_TO_REGION[subregion],
        "un_subregion": subregion,
        "aliases": aliases_for(iso3, name, cc_row, extra),
    }


def build_countries(cc: pd.DataFrame) -> pd.DataFrame:
    members = cc.index[cc["UNmember"] != ""]
    wanted = sorted(set(members) | set(OBSERVERS) | set(TERRITORIES))
    extra = read_extra_aliases()
    require(set(extra) <= set(wanted), f"aliases for unknown iso3: {set(extra) - set(wanted)}")
    rows = [country_row(iso3, cc.loc[iso3], extra.get(iso3, [])) for iso3 in wanted]
    df = pd.DataFrame(rows, columns=COUNTRY_COLUMNS)
    for col in ("iso_numeric", "un_member_since"):
        df[col] = df[col].astype("Int64")
    check_countries(df)
    return df


def check_countries(df: pd.DataFrame) -> None:
    counts = df["un_status"].value_counts().to_dict()
    require(counts == {"member": 193, "observer": 2, "territory": 3}, f"unexpected counts {counts}")
    require(df["iso3"].is_unique, "duplicate iso3")
    owner: dict[str, str] = {}
    for iso3, name, aliases in df[["iso3", "name", "aliases"]].itertuples(index=False):
        for label in [name, *filter(None, aliases.split("|"))]:
            other = owner.setdefault(label.casefold(), iso3)
            # An ambiguous alias would silently merge two countries in name-based joins.
            require(other == iso3, f"name {label!r} used by both {other} and {iso3}")


def build_crosswalk(cc: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    names = countries.set_index("iso3")["name"]
    rows: list[dict[str, object]] = []
    for iso3 in countries["iso3"]:
        code = EWP_CCODE_FIXES.get(iso3, cc.loc[iso3, "GWcode"])
        if not code:
            continue  # Palestine, Holy See, Western Sahara: no G&W state code
        first_year = CCODE_FIRST_YEAR.get(iso3, pd.NA)
        rows.append(dict(ccode=int(code), iso3=iso3, first_year=first_year, last_year=pd.NA,
                         primary=True, unit_name=names[iso3]))
    for ccode, iso3, first, last, primary, unit in HISTORICAL_UNITS:
        rows.append(dict(ccode=ccode, iso3=iso3, first_year=first if first else pd.NA,
                         last_year=last if last else pd.NA, primary=primary, unit_name=unit))
    df = pd.DataFrame(rows, columns=CROSSWALK_COLUMNS)
    for col in ("first_year", "last_year"):
        df[col] = df[col].astype("Int64")
    df = df.sort_values(["ccode", "first_year"], na_position="first", kind="stable")
    check_crosswalk(df)
    return df.reset_index(drop=True)


def _overlap(a: pd.Series, b: pd.Series) -> bool:
    lo = max(a["first_year"] if pd.notna(a["first_year"]) else -9999,
             b["first_year"] if pd.notna(b["first_year"]) else -9999)
    hi = min(a["last_year"] if pd.notna(a["last_year"]) else 9999,
             b["last_year"] if pd.notna(b["last_year"]) else 9999)
    return lo <= hi


def check_crosswalk(df: pd.DataFrame) -> None:
    """At most one row per (ccode, year) and one primary row per (iso3, year)."""
    for key, subset in (("ccode", df), ("iso3", df[df["primary"]])):
        for value, group in subset.groupby(key):
            recs = [r for _, r in group.iterrows()]
            for i, a in enumerate(recs):
                for b in recs[i + 1:]:
                    require(not _overlap(a, b), f"overlapping year ranges for {key}={value}")


def write_csv(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    if "primary" in out:
        out["primary"] = out["primary"].map({True: "true", False: "false"})
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    cc = read_country_converter()
    countries = build_countries(cc)
    crosswalk = build_crosswalk(cc, countries)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(countries, args.out_dir / "countries.csv")
    write_csv(crosswalk, args.out_dir / "ccode_crosswalk.csv")
    print(f"countries: {len(countries)} rows, crosswalk: {len(crosswalk)} rows -> {args.out_dir}")


if __name__ == "__main__":
    main()
