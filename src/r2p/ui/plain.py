"""Text from users, data, uploads or links shown through Streamlit's Markdown as exactly that text."""

from __future__ import annotations

import pandas as pd


def plain_markdown(text: str) -> str:
    """Every ASCII punctuation character backslash-escaped, so no HTML, link, image, emphasis, LaTeX or Streamlit
    directive can form; line breaks are kept (a CommonMark renderer gives back the text itself)."""
    escaped = "".join(f"\\{c}" if c.isascii() and not c.isalnum() and not c.isspace() else c for c in text)
    return "  \n".join(line.strip() for line in escaped.splitlines())


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame for st.table, which renders Markdown in every cell and header: each one as plain text (an empty
    cell stays empty), so an imported title can neither fetch an image nor form a link."""
    def cell(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and value != value) else plain_markdown(str(value))
    return frame.map(cell).rename(columns=lambda name: plain_markdown(str(name)))
