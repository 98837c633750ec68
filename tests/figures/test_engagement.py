"""The engagement matrix puts every cell on its own situation's row, whatever the facet holds."""

from __future__ import annotations

import pandas as pd

from r2p.figures.engagement import engagement_matrix


def _active(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["situation", "actor_id", "label", "group", "kind", "kind_label", "title",
                                       "dissolved"])


def test_cells_sit_on_their_situation_rows_even_when_a_facet_has_one_row() -> None:
    active = _active([
        ("Sudan", "un.pko", "UNMIS", "UN", "mandate", "Mandate or mission", "UNMIS", None),
        ("Chad", "un.sc", "Security Council", "UN", "resolution", "Resolution", "Res 1", None),
        ("Sudan", "us.state", "State", "US", "statement", "Statement", "Genocide determination", None),
    ])
    situations = pd.DataFrame({"situation_id": ["sdn", "tcd"], "name": ["Sudan", "Chad"]})
    figure = engagement_matrix(active, situations, "t")
    cells = [t for t in figure.data if t.type == "scatter" and t.text is not None]
    placed = {(x, y) for trace in cells for x, y in zip(trace.x, trace.y, strict=True)}
    assert placed == {("UNMIS", "Sudan"), ("Security Council", "Chad"), ("State", "Sudan")}
    assert list(figure.layout.yaxis.categoryarray) == ["Chad", "Sudan"]  # Sudan on top
    assert not any(t.type == "heatmap" for t in figure.data)
