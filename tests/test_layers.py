"""Layering: only pages/, app.py and src/r2p/ui/ import streamlit; pages hold no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_layer_imports_streamlit() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src" / "r2p").rglob("*.py")
        if "streamlit" in _imports(path) and "ui" not in path.relative_to(ROOT / "src" / "r2p").parts
    ]
    assert offenders == []


def test_pages_are_thin_and_hold_no_sql() -> None:
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert "duckdb" not in _imports(page), page
        assert "SELECT " not in text.upper(), page
        assert len(text.splitlines()) <= 80, page
