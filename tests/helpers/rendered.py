"""What a person reads in a Markdown element whose text was escaped with r2p.ui.plain.plain_markdown."""

from __future__ import annotations

import re


def unescaped(markdown: str) -> str:
    """The text a CommonMark renderer shows for escaped punctuation: `\\<` reads as `<`."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
