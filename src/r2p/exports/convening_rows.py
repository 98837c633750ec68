"""What the convening tools hold for a country, as the pack reads it: the key judgements (approved, or a draft),
the scenarios-and-actors worksheet, the selected options and the next UN decision points. The pack reaches into
r2p.convening here only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from r2p.convening.calendar import DecisionPoint
from r2p.convening.calendar import decision_points as calendar_points
from r2p.convening.drafting import Facts, event_windows, indicator_names
from r2p.convening.drafting import facts as draft_facts
from r2p.convening.judgements import Judgements, pack_judgements
from r2p.convening.options import SelectedOption, opposing_pairs, pack_options
from r2p.convening.worksheet import Worksheet, latest_worksheet
from r2p.warehouse.store import Warehouse

DECISION_POINTS_SHOWN = 6
__all__ = ["Convening", "convening", "draft_facts", "event_windows", "indicator_names"]  # the briefing's reads too


@dataclass(frozen=True, eq=False)
class Convening:
    """The analyst-written parts of the pack; None or empty where nothing has been written."""

    judgements: Judgements | None  # the saved version, else the product's draft (both DRAFT until approved)
    worksheet: Worksheet | None
    options: tuple[SelectedOption, ...]
    opposing: tuple[tuple[SelectedOption, SelectedOption], ...]  # selected options pulling in opposite directions
    decision_points: tuple[DecisionPoint, ...]  # on or after today, soonest first


def convening(warehouse: Warehouse, iso3: str, today: date, facts: Callable[[], Facts] | None = None) -> Convening:
    """Everything the convening tools hold for the country, as of `today`. `facts`: the key-judgement draft's facts
    from what the caller has read already (see judgements.pack_judgements)."""
    options = pack_options(warehouse, iso3)
    return Convening(pack_judgements(warehouse, iso3, today, facts), latest_worksheet(warehouse, iso3), options,
                     opposing_pairs(options), calendar_points(iso3, after=today, limit=DECISION_POINTS_SHOWN))
