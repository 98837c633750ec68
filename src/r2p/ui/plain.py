"""Text from users, data, uploads or links shown through Streamlit's Markdown as exactly that text."""

from __future__ import annotations


def plain_markdown(text: str) -> str:
    """Every ASCII punctuation character backslash-escaped, so no HTML, link, image, emphasis, LaTeX or Streamlit
    directive can form; line breaks are kept (a CommonMark renderer gives back the text itself)."""
    escaped = "".join(f"\\{c}" if c.isascii() and not c.isalnum() and not c.isspace() else c for c in text)
    return "  \n".join(line.strip() for line in escaped.splitlines())


