"""Controlled vocabularies: the risk tiers, and the engagement map's kinds of actor and engagement, scopes, dates."""

from __future__ import annotations

from types import MappingProxyType

# Highest risk first. "Insufficient data" is never a low tier: it sits apart.
TIERS: tuple[str, ...] = ("Very high", "High", "Elevated", "Moderate", "Low")
INSUFFICIENT = "Insufficient data"
HIGH_OR_ABOVE: frozenset[str] = frozenset(TIERS[:2])


def tier_rank(tier: str) -> int | None:
    """1 for Very high … 5 for Low; None for Insufficient data or an unknown label."""
    return TIERS.index(tier) + 1 if tier in TIERS else None

# Actor kind -> (label, group). The group orders the matrix columns: UN, US, Regional, Other.
ACTOR_KINDS = MappingProxyType({
    "un_principal_organ": ("UN principal organ", "UN"),
    "un_intergovernmental_body": ("UN intergovernmental subsidiary body", "UN"),
    "un_secretariat_office": ("UN Secretariat office", "UN"),
    "un_fund_agency": ("UN fund, programme or agency", "UN"),
    "un_peace_operation": ("UN peace operation or political mission", "UN"),
    "un_hrc_mechanism": ("Human Rights Council mechanism", "UN"),
    "un_investigative_mechanism": ("UN investigative mechanism", "UN"),
    "un_sanctions_committee": ("Security Council sanctions committee", "UN"),
    "un_initiative": ("UN system initiative", "UN"),
    "us_white_house": ("US White House / NSC", "US"),
    "us_state": ("US State Department bureau or office", "US"),
    "us_agency": ("Other US agency or federally chartered body", "US"),
    "us_congress": ("US Congress", "US"),
    "regional_organisation": ("Regional organisation or its mission", "Regional"),
    "court": ("International court (outside the UN)", "Other"),
    "ngo": ("NGO or research centre", "Other"),
})
GROUPS: tuple[str, ...] = ("UN", "US", "Regional", "Other")

ENGAGEMENT_KINDS = MappingProxyType({
    "mandate": "Mandate or mission",
    "sanctions": "Sanctions regime",
    "inquiry": "Commission of inquiry or fact-finding mission",
    "envoy": "Special envoy",
    "resolution": "Resolution",
    "statement": "Statement or determination",
    "investigation": "Investigation",
    "case": "Court case",
    "funding": "Funding programme",
    "briefing": "Briefing",
})

SCOPES: tuple[str, ...] = ("country", "sub-national", "cross-border")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")  # a date cell "2013" is year-precise, "2013-04" month-precise

# Stable ids of the actors the invitee rules name (see r2p.engagement.invitees).
CAAC_ACTOR = "un.srsg_caac"
SPECIAL_ADVISERS: tuple[str, ...] = ("un.sapg", "un.sar2p")


def actor_group(kind: str) -> str:
    """UN, US, Regional or Other for an actor kind ('Other' for an unknown kind)."""
    return ACTOR_KINDS.get(kind, ("", "Other"))[1]


def actor_kind_label(kind: str) -> str:
    return ACTOR_KINDS.get(kind, (kind, ""))[0]


def engagement_kind_label(kind: str) -> str:
    return ENGAGEMENT_KINDS.get(kind, kind)
