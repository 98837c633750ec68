"""Tables the tier and review pages share: tiers coloured as on the map, overdue reviews standing out."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd
import streamlit as st

from r2p.exports.labels import header
from r2p.figures.tier_style import tier_cell_style
from r2p.provenance import Provenance
from r2p.triggers.escalation import levels
from r2p.ui.downloads import table_downloads

OVERDUE_STYLE = "background-color: #fff3cd; color: #7a1d00; font-weight: 600"
ARROWS = {"up": "▲ riskier", "down": "▼ less risky", "changed": "◆ changed"}
DATE_FORMATS = {"due_date": "{:%Y-%m-%d}", "decided_at": "{:%Y-%m-%d %H:%M}"}
_PERCENT = ("coverage", "stale_share")
LONG_TEXT = 40
LIST_STYLE = "border-collapse:collapse;font-size:0.875rem;margin-bottom:0.5rem"
# At phone width a list wider than the screen scrolls inside its own box, never the page (WCAG 1.4.10)
LIST_BOX = "max-width:100%;overflow-x:auto"
CELL_STYLE = "border:1px solid #d0d0d0;padding:0.2rem 0.5rem;{align}"
ALIGN = {True: "text-align:right;white-space:nowrap", False: "text-align:left"}  # numbers: right, on one line
REVIEW_HEADERS = {"state": "State", "review_id": "Review", "name": "Country", "rule_id": "Rule", "level": "Level",
                  "owner": "Held by", "due_date": "Deadline", "iso3": "ISO3", "evidence": "Evidence",
                  "method_version": "Tier method", "decision": "Decision", "decided_by": "Decided by",
                  "decided_at": "Decided at", "rationale": "Why"}
LEVEL_HELP = "Escalation level (1 is the first): an undecided review moves up one when its deadline passes."


def show_tier_table(tiers: pd.DataFrame, method_label: str, key: str, height: int | None = None,
                    provenance: Provenance | None = None) -> None:
    """The rows `r2p tiers` prints: iso3, name, score, model tier, reliability, stale share, assessed tier."""
    columns = ["iso3", "name", "score", "tier", "coverage", "stale_share", "assessed_tier", "assessed_by"]
    labels = {"name": "Country", "tier": f"Model tier ({method_label})"}
    styled = tiers[columns].style.map(tier_cell_style, subset=["tier", "assessed_tier"])
    st.dataframe(styled, hide_index=True, width="stretch", key=key, height=height or "auto", placeholder="—",
                 column_config=column_config(columns, labels, score=_number("Score"), **_percent_columns()))
    if provenance:
        table_downloads(headed(tiers[columns], labels), key, f"Risk tiers ({method_label})", provenance)


def show_top_risk(tiers: pd.DataFrame, method_label: str, rows: int) -> None:
    """The highest scores, narrow enough to stand beside the map: rank, country, model tier, score."""
    top = top_risk(tiers, rows)
    show_list(top.assign(score=top["score"].map(_score)),
              {"rank": "#", "name": "Country", "tier": f"Tier ({method_label})", "score": "Score"},
              numeric=("rank", "score"))


def top_risk(tiers: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The first `rows` countries by score (tier_table order), numbered: rank, name, tier, score."""
    return tiers.head(rows).assign(rank=range(1, min(rows, len(tiers)) + 1))[["rank", "name", "tier", "score"]]


def show_movers(movers: pd.DataFrame, method_label: str, key: str, provenance: Provenance | None = None) -> None:
    """Countries whose model tier changed: direction, country, from → to, score before → now (narrow enough for
    half the page); the download holds every column, iso3 included."""
    columns = ["move", "iso3", "name", "from_tier", "to_tier", "from_score", "to_score"]
    shown = movers.assign(move=movers["direction"].map(ARROWS))[columns]
    labels = {"move": "Move", "name": "Country", "from_tier": f"From ({method_label})",
              "to_tier": f"To ({method_label})"}
    if shown.empty:
        st.caption("No country changed tier.")
    else:
        scores = [f"{_score(before) or '—'} → {_score(now) or '—'}"
                  for before, now in zip(shown["from_score"], shown["to_score"], strict=True)]
        listed = shown[["move", "name", "from_tier", "to_tier"]].assign(score=scores)
        show_list(listed, {"move": "Move", "name": "Country", "from_tier": "From", "to_tier": "To",
                           "score": "Score, before → now"}, numeric=("score",))
    if provenance:
        table_downloads(headed(shown, labels), key, f"Tier movers ({method_label})", provenance)


def html_table(frame: pd.DataFrame, headers: Mapping[str, str] | None = None, numeric: Iterable[str] = (),
               strong: Iterable[bool] = (), links: Iterable[str] = ()) -> str:
    """A short list as an HTML table: a real <table> a screen reader walks cell by cell (headers marked as column
    headers; `headers` maps column to header, the columns' own names by default), drawn with no script of its own.
    Every header and cell is escaped text (html.escape), "—" when missing; `strong`: per row, whether its first
    cell is shown in bold; `links`: columns of https addresses, each shown as a link to itself (anything else in
    them as text). NOTE: st.dataframe loads about 1.5 MB of JavaScript on a cold visit and draws on the main thread
    while the Overview's map loads, and a Markdown table is parsed in the browser character by character; this HTML
    is only sanitised and inserted."""
    right = set(numeric)
    aligns = [ALIGN[str(c) in right] for c in frame.columns]
    named = headers or {str(c): str(c) for c in frame.columns}
    head = "".join(f'<th scope="col" style="{CELL_STYLE.format(align=align)}">{html.escape(str(named[str(c)]))}'
                   "</th>" for c, align in zip(frame.columns, aligns, strict=True))
    bold = list(strong) or [False] * len(frame)
    linked = [str(c) in set(links) for c in frame.columns]
    rows = []
    for row, emphasised in zip(frame.itertuples(index=False), bold, strict=True):
        cells = [_html_link(value) if link else _html_cell(value) for value, link in zip(row, linked, strict=True)]
        if emphasised and cells:
            cells[0] = f"<strong>{cells[0]}</strong>"
        rows.append("<tr>" + "".join(f'<td style="{CELL_STYLE.format(align=align)}">{cell}</td>'
                                     for cell, align in zip(cells, aligns, strict=True)) + "</tr>")
    return (f'<div style="{LIST_BOX}"><table style="{LIST_STYLE}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def show_list(frame: pd.DataFrame, headers: Mapping[str, str] | None = None, numeric: Iterable[str] = (),
              strong: Iterable[bool] = (), links: Iterable[str] = ()) -> None:
    """html_table on the page: every list the pages show without a grid (escaped text only); without `headers`,
    the columns' names head them."""
    st.html(html_table(frame, headers, numeric, strong, links))  # escaped text only (tests/test_input_safety.py)


def _html_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return "—"
    return html.escape(" ".join(str(value).split()))


def _html_link(value: object) -> str:
    text = _html_cell(value)  # escaped, quotes included: safe inside the attribute
    return f'<a href="{text}">{text}</a>' if isinstance(value, str) and value.startswith("https://") else text


def _score(value: object) -> str | None:
    return None if pd.isna(value) else f"{value:.3f}"  # type: ignore[call-overload,str-format]


def show_table(frame: pd.DataFrame, key: str, title: str = "", provenance: Provenance | None = None,
               labels: Mapping[str, str] | None = None, filters: Mapping[str, object] | None = None) -> None:
    """Any table headed for people (labels, else r2p.exports.labels.header), long text wrapped in wide columns,
    and — with a provenance — its CSV/XLSX downloads headed the same way."""
    wide = {column: st.column_config.TextColumn(labels.get(column, header(column)) if labels else header(column),
                                                width="large")
            for column in frame.columns if _is_long_text(frame[column])}
    st.dataframe(frame, hide_index=True, width="stretch", key=key, placeholder="—",
                 column_config=column_config(list(frame.columns), labels, **wide))
    if provenance:
        table_downloads(headed(frame, labels or {}), key, title, provenance, filters)


def column_config(columns: Iterable[object], labels: Mapping[str, str] | None = None,
                  **typed: object) -> dict[str, object]:
    """Streamlit's column_config giving every column a header people read: `typed` column types first, then
    `labels`, then the shared headers of r2p.exports.labels (the same words the CSV and XLSX print)."""
    chosen = labels or {}
    return {str(c): chosen.get(str(c), header(c)) for c in columns} | typed


def headed(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The frame with the page's own headers (the export heads every other column with the shared ones)."""
    return frame.rename(columns=dict(labels))


def show_waiting_reviews(reviews: pd.DataFrame, key: str, provenance: Provenance) -> None:
    """The review queue's short form (queue order: overdue first, each marked in bold): state, review, country,
    rule, who holds it, deadline; with CSV/XLSX of the same rows and their escalation level."""
    if reviews.empty:
        st.caption("No review is waiting.")
        return
    columns = ["state", "review_id", "name", "rule_id", "level", "owner", "due_date"]
    shown = reviews.assign(level=reviews["level"].map(_level_label))[columns]
    show_list(review_text(shown.drop(columns="level")), REVIEW_HEADERS, numeric=("review_id", "due_date"),
              strong=shown["state"] == "overdue")
    table_downloads(shown, key, "Reviews", provenance)


def show_reviews(reviews: pd.DataFrame, key: str, empty: str = "No reviews.",
                 provenance: Provenance | None = None, grid: bool = True) -> None:
    """Reviews in queue order with overdue rows highlighted, each with its escalation level, the holder at that level
    and the deadline; decided ones say who decided, when and why. `grid`: a grid to sort and search (the Reviews
    page), else an HTML table with the same headers, long text wrapped (a country's few reviews; without the country
    columns when every row is one country's)."""
    if reviews.empty:
        st.caption(empty)
        return
    shown = reviews.assign(level=reviews["level"].map(_level_label))[list(REVIEW_HEADERS)]
    if grid:
        _review_grid(shown, key)
    else:
        # NOTE: the Country page's last grid: without one it loads none of the grid's ~1.5 MB of script
        listed = review_text(shown)
        if shown["iso3"].nunique() == 1:  # one country's reviews (its own page): the country columns repeat it
            listed = listed.drop(columns=["name", "iso3"])
        show_list(listed, REVIEW_HEADERS, numeric=("review_id", "due_date", "decided_at"),
                  strong=shown["state"] == "overdue")
        st.caption(f"Overdue reviews lead in bold. Level: {LEVEL_HELP}")
    if provenance:
        table_downloads(shown, key, "Reviews", provenance)


def review_text(shown: pd.DataFrame) -> pd.DataFrame:
    """The review rows as the grid prints them: `#12`, deadline `2025-01-05`, decided at `2025-01-05 14:30` (where
    the rows hold a decision time)."""
    text = shown.assign(review_id=shown["review_id"].map("#{}".format),
                        due_date=pd.to_datetime(shown["due_date"]).dt.strftime("%Y-%m-%d"))
    if "decided_at" in shown.columns:
        text["decided_at"] = pd.to_datetime(shown["decided_at"]).dt.strftime("%Y-%m-%d %H:%M")
    return text


def _review_grid(shown: pd.DataFrame, key: str) -> None:
    # NOTE: a Styler's display text wins over column_config formats, so dates are formatted here.
    formats = {column: text for column, text in DATE_FORMATS.items() if column in shown.columns}
    styled = shown.style.apply(_overdue_rows, axis=1).format(formats, na_rep="—")
    wide = {column: st.column_config.TextColumn(REVIEW_HEADERS[column], width="large")
            for column in ("evidence", "rationale")}
    st.dataframe(styled, hide_index=True, width="stretch", key=key, placeholder="—", column_config=REVIEW_HEADERS | {
        "review_id": st.column_config.NumberColumn("Review", format="#%d"),
        "level": st.column_config.TextColumn("Level", help=LEVEL_HELP),
        "due_date": st.column_config.DateColumn("Deadline"),
        "decided_at": st.column_config.DatetimeColumn("Decided at", format="YYYY-MM-DD HH:mm")} | wide)


def _level_label(number: object) -> str:
    """`2 · Office director`; a level no longer in escalation.yml shows its number only."""
    if pd.isna(number):
        return "—"
    names = {level.number: level.name for level in levels()}
    return f"{int(number)} · {names[int(number)]}" if int(number) in names else str(int(number))


def show_sources(sources: pd.DataFrame, key: str) -> None:
    """Per source: as-of date of the data, when it was last loaded, whether it is demo data."""
    columns = ["name", "as_of", "last_load", "observations", "events", "is_demo"]
    st.dataframe(sources[columns], hide_index=True, width="stretch", key=key, column_config=column_config(
        columns, {"name": "Source"}, as_of=st.column_config.DateColumn("Data as of"),
        last_load=st.column_config.DatetimeColumn("Loaded (UTC)", format="YYYY-MM-DD HH:mm"),
        is_demo=st.column_config.CheckboxColumn("Demo data")))


def _overdue_rows(row: pd.Series) -> list[str]:
    return [OVERDUE_STYLE if row["state"] == "overdue" else ""] * len(row)


def _percent_columns() -> dict[str, object]:
    # NumberColumn's "percent" format multiplies shares by 100.
    return {column: st.column_config.NumberColumn(header(column), format="percent") for column in _PERCENT}


def _number(label: str) -> object:
    return st.column_config.NumberColumn(label, format="%.3f")


def _is_long_text(values: pd.Series) -> bool:
    """Text that would be cut off in a default-width column (over LONG_TEXT characters somewhere)."""
    if values.dtype != object:
        return False
    return bool(values.map(lambda v: isinstance(v, str) and len(v) > LONG_TEXT).any())

