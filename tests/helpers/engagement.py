"""Tiny engagement registries written as CSV text, and emptying a warehouse's registry."""

from __future__ import annotations

from io import StringIO

import pandas as pd

from r2p.engagement.registry import Registry, empty, shipped_coverage
from r2p.engagement.validation import validate_files
from r2p.reference import load_countries
from r2p.warehouse import Warehouse

COUNTRIES = frozenset(load_countries()["iso3"])
ACTORS = """actor_id,name,short_name,kind,parent_id,established,dissolved,successor_id,verified,source_url,note
un.sc,Security Council,UNSC,un_principal_organ,,1945-10-24,,,true,,
un.sapg,Special Adviser on the Prevention of Genocide,SAPG,un_secretariat_office,,2004,,,true,,
un.sar2p,Special Adviser on the Responsibility to Protect,SAR2P,un_secretariat_office,,2008,,,true,,
un.srsg_caac,SRSG Children and Armed Conflict,SRSG-CAAC,un_secretariat_office,,1996,,,true,,
un.pko,Peace operation,PKO,un_peace_operation,un.sc,2010-07-01,,,true,,
un.old,Old mission,OLD,un_peace_operation,un.sc,2001,2010-06-30,un.pko,true,,
un.sc.1,Sanctions committee,1 Committee,un_sanctions_committee,un.sc,2005,,,true,,
reg.old,Old regional body,ORB,regional_organisation,,1990,2001-12-31,reg.new,true,,
reg.new,New regional body,NRB,regional_organisation,,2002,,,true,,
us.state,Department of State,State,us_state,,1789,,,true,,
"""
SITUATIONS = """situation_id,name,scope,iso3,countries,note
sdn,Sudan,country,SDN,SDN,
sdn-darfur,Darfur (Sudan),sub-national,SDN,SDN,
ssd,South Sudan,country,SSD,SSD,
tcd,Chad,country,TCD,TCD,
sahel,Sahel,cross-border,,MLI;BFA;NER,
"""
ENGAGEMENTS = """engagement_id,actor_id,situation_id,kind,title,started,ended,verified,source_url,note
1,un.pko,sdn,mandate,Peace operation in Sudan,2010-07-01,,true,,
2,un.sc.1,sdn,sanctions,Sudan sanctions,2005-03-29,,true,,
3,un.srsg_caac,sdn,mandate,CAAC agenda,2024-06-11,,true,,
4,us.state,sdn-darfur,statement,Genocide determination,2004-09-09,2004-09-09,true,,
5,un.old,ssd,mandate,Old mission in South Sudan,2001,,true,,
6,un.sc,ssd,resolution,Resolution on South Sudan,2026-10-01,2026-10-01,true,,
7,un.sc,sahel,briefing,Briefing on the Sahel,2020-05,2020-05,false,,
"""
COVERAGE = pd.DataFrame({"actor_id": ["reg.old", "reg.new", "reg.new"], "iso3": ["SDN", "TCD", "MLI"],
                         "until": pd.to_datetime([None, None, "2020-01-01"]).astype("datetime64[us]")})


def raw(text: str) -> pd.DataFrame:
    return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)


def make_registry(actors: str = ACTORS, situations: str = SITUATIONS, engagements: str = ENGAGEMENTS,
                  coverage: pd.DataFrame = COVERAGE) -> Registry:
    nothing = Registry(empty("actors"), empty("situations"), empty("engagements"), shipped_coverage())
    parsed, problems = validate_files({"actors": raw(actors), "situations": raw(situations),
                                       "engagements": raw(engagements)}, nothing, COUNTRIES)
    assert problems == [], [str(p) for p in problems]
    return Registry.from_frames(*(parsed[t].drop(columns="_row") for t in ("actors", "situations", "engagements")),
                                coverage=coverage)


def tiers(**by_country: str) -> pd.DataFrame:
    return pd.DataFrame({"iso3": list(by_country), "tier": list(by_country.values())})


def empty_registry(warehouse: Warehouse) -> Warehouse:
    """`r2p init` loads the shipped registry; some tests need a warehouse without it."""
    with warehouse.write() as connection:
        connection.execute("DELETE FROM engagement; DELETE FROM situation; DELETE FROM actor")
    return warehouse
