"""The Country page's scenarios-and-actors worksheet: the latest version for everyone, the editor's form for
editors (each save a new version)."""

from __future__ import annotations

import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.convening.worksheet import (
    LISTS,
    PERPETRATOR_FORMAT,
    PERPETRATORS,
    Perpetrator,
    Worksheet,
    WorksheetError,
    not_filled_in,
    parse_list,
    parse_perpetrators,
    perpetrator_lines,
    save_worksheet,
)
from r2p.ui.cache import cached
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import current_user, read_only_notice
from r2p.warehouse import Warehouse

_SAVED = "r2p_worksheet_saved"  # survives the rerun that redraws the worksheet with the new version
worksheet_of = cached("worksheet")


def show_worksheet(iso3: str, name: str) -> None:
    """The "Scenarios and actors" section of the Country page."""
    st.subheader("Scenarios and actors")
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(message)
    worksheet = worksheet_of(iso3)
    if worksheet is None or worksheet.is_empty():
        st.info(not_filled_in(name))
    else:
        _read_view(worksheet)
    user = current_user()
    if user.can("edit_worksheet"):
        _editor(iso3, name, worksheet, user)
    else:
        read_only_notice(user, "edit_worksheet", "edit the worksheet")


def _read_view(worksheet: Worksheet) -> None:
    st.caption(plain_markdown(f"Version {worksheet.version} · edited by {worksheet.edited_by} on "
                              f"{worksheet.edited_at:%Y-%m-%d %H:%M} UTC · after the UN Framework of Analysis "
                              "for Atrocity Crimes and the US Atrocity Risk Assessment Framework"))
    st.markdown(f"**{PERPETRATORS}**")
    st.markdown(_perpetrator_markdown(worksheet.perpetrators) if worksheet.perpetrators else "_None recorded._")
    for field, heading in LISTS.items():
        entries = getattr(worksheet, field)
        st.markdown(f"**{heading}**")
        st.markdown("\n".join(f"- {plain_markdown(entry)}" for entry in entries) if entries else "_None recorded._")


def _perpetrator_markdown(perpetrators: tuple[Perpetrator, ...]) -> str:
    lines = []
    for perpetrator in perpetrators:
        parts = [f"{label}: {plain_markdown(value)}" for label, value in
                 (("motive", perpetrator.motive), ("means", perpetrator.means),
                  ("opportunity", perpetrator.opportunity)) if value]
        lines.append(f"- **{plain_markdown(perpetrator.name)}**" + (f" — {'; '.join(parts)}" if parts else ""))
    return "\n".join(lines)


def _editor(iso3: str, name: str, worksheet: Worksheet | None, user: User) -> None:
    with st.expander(f"Edit the worksheet for {name} (as {plain_markdown(user.name)})"), \
            st.form("worksheet_form"):
        st.caption("One entry a line. Saving keeps every earlier version; the latest is shown.")
        perpetrators = st.text_area(f"{PERPETRATORS} ({PERPETRATOR_FORMAT})", key="worksheet_perpetrators",
                                    value=perpetrator_lines(worksheet.perpetrators) if worksheet else "")
        lists = {field: st.text_area(heading, key=f"worksheet_{field}",
                                     value="\n".join(getattr(worksheet, field)) if worksheet else "")
                 for field, heading in LISTS.items()}
        if not st.form_submit_button("Save worksheet", key="worksheet_save"):
            return
    try:
        version = save_worksheet(Warehouse.default(), iso3, parse_perpetrators(perpetrators),
                                 **{field: parse_list(text) for field, text in lists.items()}, user=user)
    except (WorksheetError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = f"Saved version {version} of the worksheet for {iso3}."
    st.rerun()
