"""Layering: every import points down the order pages → ui → exports → domain → figures → warehouse → config;
only pages/, app.py and src/r2p/ui/ import streamlit; `import r2p.cli` loads none of the app; pages hold no SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "r2p"

# Each top-level part of r2p and its floor: a module may import its own floor and the floors below, never above.
FLOORS: dict[str, int] = {
    "__init__": 0, "config": 0,
    "vocabulary": 1, "quoting": 1, "catalog": 1, "reference": 1, "geo": 1,
    "warehouse": 2,
    "figures": 3,
    "demo": 4, "tiers": 4, "triggers": 4, "reviews": 4, "engagement": 4, "read": 4, "access": 4, "ops": 4,
    "notes": 4, "provenance": 4, "view": 4, "convening": 4, "notify": 4,
    "exports": 5,
    "ui": 6,
    "cli": 7, "commands": 7, "bench": 7,
}
PAGES = 7  # pages/ and app.py sit on top with the command line


def _imports(path: Path) -> set[str]:
    """The modules a file imports, as dotted names (`from r2p import x` counts as r2p.x)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "r2p":  # `from r2p import geo` imports a module; `__version__` is the package's own
                names |= {f"r2p.{alias.name}" for alias in node.names if _is_module(alias.name)}
    return names


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").is_file() or (PACKAGE / name / "__init__.py").is_file()


def _floor(module: str) -> int:
    """The floor of an r2p module by its first part (`r2p.read.profile` → read); an unlisted part fails loudly."""
    part = module.split(".")[1] if "." in module else "__init__"
    assert part in FLOORS, f"r2p.{part} has no floor in tests/test_layers.py: place it"
    return FLOORS[part]


def _upward_imports() -> list[str]:
    found = []
    sources = [(path, _floor("r2p." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)))
               for path in PACKAGE.rglob("*.py")]
    sources += [(path, PAGES) for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]]
    for path, floor in sources:
        for module in sorted(_imports(path)):
            if module.startswith("r2p.") and _floor(module) > floor:
                found.append(f"{path.relative_to(ROOT)} (floor {floor}) imports {module} (floor {_floor(module)})")
    return found


def test_every_import_points_down_the_layers() -> None:
    assert _upward_imports() == []


def test_the_layer_check_finds_an_upward_import(tmp_path: Path) -> None:
    # The check itself can fail: a figure builder importing the UI is an upward import.
    planted = PACKAGE / "figures" / "_planted_upward_import.py"
    planted.write_text("from r2p.ui import cache\n", encoding="utf-8")
    try:
        assert any("_planted_upward_import.py" in line for line in _upward_imports())
    finally:
        planted.unlink()


def test_only_the_ui_layer_imports_streamlit() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "streamlit" for name in _imports(path))
        and path.relative_to(PACKAGE).parts[0] not in ("ui", "bench")  # bench runs the pages under AppTest
    ]
    assert offenders == []


@pytest.mark.slow
def test_the_command_line_loads_no_streamlit_and_no_command_module() -> None:
    # A fresh interpreter is the point: in this one, other tests have imported everything already.
    probe = ("import sys, r2p.cli; print(sorted(name for name in sys.modules if name.split('.')[0] in "
             "('streamlit', 'duckdb', 'pandas', 'plotly', 'fpdf', 'argon2') or name.startswith('r2p.commands.')))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_pages_are_thin_and_hold_no_sql() -> None:
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert "duckdb" not in _imports(page), page
        assert "SELECT " not in text.upper(), page
        assert len(text.splitlines()) <= 80, page
