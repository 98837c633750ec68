"""Tests for r2p.reference: the country table, the ccode crosswalk and their agreement with EWP/UCDP."""

from __future__ import annotations

import importlib.util
import runpy
from pathlib import Path

import pandas as pd
import pycountry
import pytest

from r2p.reference import iso3_for_ccode, load_ccode_crosswalk, load_countries, map_ccodes
from tests.helpers.data import ROOT as REPO_ROOT
from tests.helpers.data import require_shared

REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}
HISTORICAL_NON_PRIMARY = {265, 315, 680, 817}  # East Germany, Czechoslovakia, S. Yemen, S. Vietnam


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return load_countries()


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return load_ccode_crosswalk()


def name_index(countries: pd.DataFrame) -> dict[str, str]:
    """casefolded name or alias -> iso3."""
    index: dict[str, str] = {}
    for iso3, name, aliases in countries[["iso3", "name", "aliases"]].itertuples(index=False):
        for label in [name, *filter(None, aliases.split("|"))]:
            index[label.casefold()] = iso3
    return index


def test_columns_and_types(countries: pd.DataFrame) -> None:
    assert list(countries.columns) == ["iso3", "iso2", "iso_numeric", "name", "official_name", "un_status",
                                       "un_member_since", "un_region", "un_subregion", "aliases"]
    assert countries["iso_numeric"].dtype == "Int64"
    assert countries["un_member_since"].dtype == "Int64"


def test_membership(countries: pd.DataFrame) -> None:
    by_status = countries.groupby("un_status")["iso3"].apply(set).to_dict()
    assert len(by_status["member"]) == 193
    assert by_status["observer"] == {"VAT", "PSE"}
    assert by_status["territory"] == {"XKX", "TWN", "ESH"}
    members = countries[countries["un_status"] == "member"]
    assert members["un_member_since"].between(1945, 2011).all()
    assert countries.loc[countries["un_status"] != "member", "un_member_since"].isna().all()
    since = countries.set_index("iso3")["un_member_since"]
    expected = {"SSD": 2011, "CHE": 2002, "DEU": 1973, "MNE": 2006, "USA": 1945, "SRB": 2000}
    assert {iso3: since[iso3] for iso3 in expected} == expected


def test_codes(countries: pd.DataFrame) -> None:
    assert countries["iso3"].is_unique
    assert countries["iso3"].tolist() == sorted(countries["iso3"])
    for iso3, iso2, numeric in countries[["iso3", "iso2", "iso_numeric"]].itertuples(index=False):
        if iso3 == "XKX":  # Kosovo: user-assigned code, no ISO numeric
            assert iso2 == "XK" and pd.isna(numeric)
            continue
        iso = pycountry.countries.get(alpha_3=iso3)
        assert iso is not None, iso3
        assert (iso.alpha_2, int(iso.numeric)) == (iso2, numeric)
    assert countries.set_index("iso3").loc["NAM", "iso2"] == "NA"


def test_regions(countries: pd.DataFrame) -> None:
    assert set(countries["un_region"]) == REGIONS
    # Each sub-region belongs to exactly one region.
    assert countries.groupby("un_subregion")["un_region"].nunique().max() == 1
    region = countries.set_index("iso3")[["un_region", "un_subregion"]]
    assert tuple(region.loc["SDN"]) == ("Africa", "Northern Africa")
    assert tuple(region.loc["COD"]) == ("Africa", "Middle Africa")
    assert tuple(region.loc["MEX"]) == ("Americas", "Central America")
    assert tuple(region.loc["NRU"]) == ("Oceania", "Micronesia")
    assert tuple(region.loc["XKX"]) == ("Europe", "Southern Europe")


def test_names_and_aliases(countries: pd.DataFrame) -> None:
    names = countries.set_index("iso3")["name"]
    expected = {"SYR": "Syria", "IRN": "Iran", "COD": "DR Congo", "KOR": "South Korea",
                "CIV": "Côte d'Ivoire"}
    assert {iso3: names[iso3] for iso3 in expected} == expected
    index = name_index(countries)
    for label, iso3 in [("Myanmar (Burma)", "MMR"), ("Burma/Myanmar", "MMR"), ("Kyrgystan", "KGZ"),
                        ("Congo, Democratic Republic of (Zaire)", "COD"), ("DR Congo (Zaire)", "COD"),
                        ("Serbia (Yugoslavia)", "SRB"), ("Yemen (North Yemen)", "YEM"),
                        ("Cote D’Ivoire", "CIV"), ("Syrian Arab Republic", "SYR"), ("Congo", "COG")]:
        assert index.get(label.casefold()) == iso3, label


def test_aliases_are_unambiguous(countries: pd.DataFrame) -> None:
    seen: dict[str, str] = {}
    for iso3, name, aliases in countries[["iso3", "name", "aliases"]].itertuples(index=False):
        for label in {name, *filter(None, aliases.split("|"))}:
            assert seen.setdefault(label.casefold(), iso3) == iso3, label


def test_crosswalk_schema(crosswalk: pd.DataFrame, countries: pd.DataFrame) -> None:
    assert list(crosswalk.columns) == ["ccode", "iso3", "first_year", "last_year", "primary", "unit_name"]
    assert crosswalk["ccode"].dtype == "int64" and crosswalk["primary"].dtype == bool
    assert crosswalk["first_year"].dtype == "Int64" and crosswalk["last_year"].dtype == "Int64"
    assert set(crosswalk["iso3"]) <= set(countries["iso3"])


def test_crosswalk_has_no_overlaps(crosswalk: pd.DataFrame) -> None:
    first = crosswalk["first_year"].fillna(-10_000)
    last = crosswalk["last_year"].fillna(10_000)
    for year in range(1816, 2041):
        active = crosswalk[(first <= year) & (last >= year)]
        assert active["ccode"].is_unique, year
        assert active.loc[active["primary"], "iso3"].is_unique, year


@pytest.mark.parametrize(("ccode", "year", "iso3", "primary"), [
    (678, 1980, "YEM", True), (680, 1980, "YEM", False), (679, 1995, "YEM", True), (679, 1980, None, None),
    (347, 2010, "XKX", True), (347, 2000, None, None), (817, 1970, "VNM", False), (816, 1970, "VNM", True),
    (345, 1950, "SRB", True), (345, 2024, "SRB", True), (255, 1960, "DEU", True), (255, 2024, "DEU", True),
    (265, 1980, "DEU", False), (315, 1980, "CZE", False), (316, 1992, None, None), (316, 1993, "CZE", True),
    (317, 1993, "SVK", True), (365, 1950, "RUS", True), (713, 2024, "TWN", True), (2, 2024, "USA", True),
])
def test_crosswalk_facts(crosswalk: pd.DataFrame, ccode: int, year: int, iso3: str | None,
                         primary: bool | None) -> None:
    assert iso3_for_ccode(crosswalk, ccode, year) == iso3
    if primary is not None:
        first, last = crosswalk["first_year"].fillna(-10_000), crosswalk["last_year"].fillna(10_000)
        row = crosswalk[(crosswalk["ccode"] == ccode) & (first <= year) & (last >= year)]
        assert row["primary"].tolist() == [primary]


def test_map_ccodes_vectorised(crosswalk: pd.DataFrame) -> None:
    ccodes = pd.Series([678, 679, None, 999, 347], index=list("abcde"))
    years = pd.Series([1980, 1995, 2000, 2000, 2000.0])
    result = map_ccodes(crosswalk, ccodes, years)
    assert result.index.tolist() == list("abcde")
    assert result.dtype == "string"
    assert result.tolist()[:2] == ["YEM", "YEM"] and result.iloc[2:].isna().all()


def test_map_ccodes_prefers_primary() -> None:
    open_ended = pd.array([None, None], dtype="Int64")
    xwalk = pd.DataFrame({"ccode": [1, 1], "iso3": ["AAA", "BBB"], "first_year": open_ended,
                          "last_year": open_ended, "primary": [False, True], "unit_name": ["old", "main"]})
    assert map_ccodes(xwalk, pd.Series([1]), pd.Series([2000])).tolist() == ["BBB"]


def test_crosswalk_agrees_with_ewp(crosswalk: pd.DataFrame) -> None:
    forecasts = pd.read_csv(require_shared("ewp/final_forecasts_data_3Sep2025.csv"))
    wdi = pd.read_csv(require_shared("ewp/inputs/wdi.csv"), keep_default_na=False, na_values={"ccode": [""]})
    base = pd.read_csv(require_shared("ewp/basedata2025_4august2025.csv"), usecols=["ccode", "year"])
    assert len(forecasts) == 168
    wdi = wdi[wdi["ccode"].notna() & wdi["ccode"].isin(forecasts["ccode"])]
    assert wdi["ccode"].nunique() == 168  # every forecast country is in EWP's own ISO3 bridge
    # Compare only the country-years EWP itself uses: the WDI pull also tags Slovakia's pre-1993 rows
    # with 317, while EWP's template (and our crosswalk) starts 317 in 1993.
    wdi = wdi.merge(base.astype({"ccode": float}), on=["ccode", "year"])
    assert set(wdi.loc[wdi["year"] == 2024, "ccode"]) == set(forecasts["ccode"])
    mapped = map_ccodes(crosswalk, wdi["ccode"].astype(int), wdi["year"])
    disagree = wdi.loc[mapped.ne(wdi["iso3c"]).fillna(True), ["iso3c", "ccode", "year"]]
    assert disagree.empty, disagree.drop_duplicates(["iso3c", "ccode"]).to_string()


def test_every_ewp_country_year_maps(crosswalk: pd.DataFrame, countries: pd.DataFrame) -> None:
    base_csv = require_shared("ewp/basedata2025_4august2025.csv")
    base = pd.read_csv(base_csv, usecols=["ccode", "year", "country"])
    mapped = map_ccodes(crosswalk, base["ccode"], base["year"])
    assert mapped.notna().all(), base[mapped.isna()].drop_duplicates("ccode").to_string()
    # Names: EWP's G&W names and display names resolve (via aliases) to the crosswalk's ISO3.
    sheet = pd.read_csv(require_shared("ewp/countrynamesheet_complete.csv"))
    index = name_index(countries)
    for name, ccode, ewp_name in sheet[["country", "ccode", "ewp_name"]].itertuples(index=False):
        if ccode in HISTORICAL_NON_PRIMARY:
            continue
        expected = iso3_for_ccode(crosswalk, ccode, 1985 if ccode == 678 else 2024)
        assert index.get(name.casefold()) == expected, name
        assert index.get(ewp_name.casefold()) == expected, ewp_name


def test_ucdp_names_and_codes(crosswalk: pd.DataFrame, countries: pd.DataFrame) -> None:
    ucdp = pd.read_csv(require_shared("ucdp/BattleDeaths_v25_1.csv"), dtype=str)
    single = ucdp[~ucdp["gwno_loc"].str.contains(",")]
    mapped = map_ccodes(crosswalk, single["gwno_loc"].astype(int), single["year"].astype(int))
    assert mapped.notna().all()
    index = name_index(countries)
    by_name = single["location_inc"].str.casefold().map(index)
    assert by_name.tolist() == mapped.tolist()


def test_build_countries_reproduces_committed_files(tmp_path: Path) -> None:
    if importlib.util.find_spec("country_converter") is None:
        pytest.skip("country_converter not installed (pip install '.[build-data]')")
    script = REPO_ROOT / "scripts" / "build_countries.py"
    runpy.run_path(str(script), run_name="build_countries")["main"](["--out-dir", str(tmp_path)])  # in-process
    committed = REPO_ROOT / "src" / "r2p" / "reference"
    for name in ("countries.csv", "ccode_crosswalk.csv"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
