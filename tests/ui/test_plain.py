"""plain_markdown: whatever the text says (a note, an actor name, a link value), CommonMark gives back that text."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from r2p.ui.plain import plain_markdown, plain_table

HOSTILE = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    "![x](http://127.0.0.1:1/x.png)",
    "[click](javascript:alert(1)) <http://127.0.0.1:1/auto> **bold** _it_ `code` # heading",
    ":red[coloured] $x^2$ ~~struck~~ | a | b |",
    "1. not a list\n- nor this\n> nor a quote\n    nor code",
    "&lt;b&gt; entities stay &amp; literal \\ backslash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_rendered_markdown_is_the_text_and_nothing_else(text: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(plain_markdown(text))
    body = re.fullmatch(r"<p>(.*)</p>\n", rendered, flags=re.DOTALL)
    assert body, rendered  # one paragraph: no heading, list, quote, code block or table formed
    inner = body[1].replace("<br />\n", "\n")
    assert "<" not in inner.replace("&lt;", "")  # no element of any kind inside it
    expected = "\n".join(line.strip() for line in text.splitlines())
    assert html.unescape(inner) == expected


def test_a_table_for_st_table_holds_plain_text_cells_and_headers() -> None:
    frame = pd.DataFrame({"Title ![x](http://h/x.png)": ["![x](http://h/x.png) [link](http://h)", None, 1.5]})
    shown = plain_table(frame)
    assert list(shown.iloc[:, 0]) == [r"\!\[x\]\(http\:\/\/h\/x\.png\) \[link\]\(http\:\/\/h\)", "", r"1\.5"]
    assert shown.columns[0] == r"Title \!\[x\]\(http\:\/\/h\/x\.png\)"
