"""Packaged country reference tables (ISO/UN metadata) and the G&W/EWP ``ccode`` → ISO3 crosswalk."""

from __future__ import annotations

from importlib.resources import files

import pandas as pd

__all__ = ["iso3_for_ccode", "load_ccode_crosswalk", "load_countries", "map_ccodes"]

# Both files are built by scripts/build_countries.py; do not edit them by hand.
_COUNTRIES = "countries.csv"
_CROSSWALK = "ccode_crosswalk.csv"
_OPEN_START = -(10**6)  # stand-ins for an empty first_year / last_year (open-ended range)
_OPEN_END = 10**6


def _read(name: str, int_columns: tuple[str, ...]) -> pd.DataFrame:
    # keep_default_na=False: Namibia's iso2 is "NA"; only the integer columns treat "" as missing.
    with files(__name__).joinpath(name).open("rb") as handle:
        return pd.read_csv(
            handle,
            dtype={col: "Int64" for col in int_columns},
            keep_default_na=False,
            na_values={col: [""] for col in int_columns},
            encoding="utf-8",
        )


def load_countries() -> pd.DataFrame:
    """UN members, observers and tracked territories (one row per iso3, sorted by iso3).

    ``iso_numeric`` and ``un_member_since`` are nullable Int64; ``aliases`` is ``|``-separated.
    """
    return _read(_COUNTRIES, ("iso_numeric", "un_member_since"))


def load_ccode_crosswalk() -> pd.DataFrame:
    """Year-ranged ``ccode`` → ISO3 rows; empty ``first_year``/``last_year`` (``<NA>``) = open-ended.

    ``primary`` is True for a country's main series in a year, False for historical units folded into
    a successor (South Yemen, East Germany, South Vietnam, Czechoslovakia) and for code variants.
    """
    df = _read(_CROSSWALK, ("first_year", "last_year"))
    df["ccode"] = df["ccode"].astype("int64")
    df["primary"] = df["primary"].astype(str).str.lower().map({"true": True, "false": False}).astype(bool)
    return df


def _year_mask(crosswalk: pd.DataFrame, years: pd.Series) -> pd.Series:
    first = crosswalk["first_year"].fillna(_OPEN_START).to_numpy()
    last = crosswalk["last_year"].fillna(_OPEN_END).to_numpy()
    return (years >= first) & (years <= last)


def iso3_for_ccode(crosswalk: pd.DataFrame, ccode: int, year: int) -> str | None:
    """ISO3 for ``ccode`` in ``year``, or None if the code is not valid that year."""
    result = map_ccodes(crosswalk, pd.Series([ccode]), pd.Series([year]))
    value = result.iloc[0]
    return None if pd.isna(value) else str(value)


def map_ccodes(crosswalk: pd.DataFrame, ccodes: pd.Series, years: pd.Series) -> pd.Series:
    """Vectorised ``ccode``/``year`` → ISO3 (``string`` dtype, ``<NA>`` where unmatched).

    The result has the index of ``ccodes``; ``years`` is aligned by position. Where several rows match,
    a primary row wins (the built crosswalk has at most one row per (ccode, year) anyway).
    """
    if len(ccodes) != len(years):
        raise ValueError("ccodes and years must have the same length")
    query = pd.DataFrame({
        "pos": range(len(ccodes)),
        "ccode": pd.to_numeric(pd.Series(ccodes).to_numpy(), errors="coerce"),
        "year": pd.to_numeric(pd.Series(years).to_numpy(), errors="coerce"),
    }).dropna(subset=["ccode", "year"])
    query = query.astype({"ccode": "int64", "year": "int64"})  # both are whole numbers by construction
    merged = query.merge(crosswalk.astype({"ccode": "int64"}), on="ccode", how="inner")
    merged = merged[_year_mask(merged, merged["year"])]
    merged = merged.sort_values(["pos", "primary"], ascending=[True, False], kind="stable")
    best = merged.drop_duplicates("pos").set_index("pos")["iso3"]
    out = pd.Series(pd.NA, index=range(len(ccodes)), dtype="string")
    out.loc[best.index] = best.astype("string")
    out.index = ccodes.index
    return out
