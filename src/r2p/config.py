"""Settings and paths: every setting has a name, an environment variable, a default and a help text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
EXAMPLES_DIR = DATA_DIR / "examples"


@dataclass(frozen=True)
class Setting:
    """One user-facing setting, read from the environment."""

    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, "") or self.default


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "warehouse",
        "R2P_DB",
        str(DATA_DIR / "r2p.duckdb"),
        "Where the DuckDB warehouse lives: a file path (default under data/), or an `md:` MotherDuck database.",
    ),
    Setting(
        "lock_timeout",
        "R2P_LOCK_TIMEOUT",
        "120",
        "Seconds a writer (ingest, init, an edit in the dashboard) waits for another writer to finish.",
    ),
    Setting(
        "max_errors",
        "R2P_MAX_ERRORS",
        "50",
        "How many validation problems an ingest lists before it only counts the rest.",
    ),
    Setting(
        "tier_method",
        "R2P_TIER_METHOD",
        "composite",
        "The tier method pages show by default: a method id (latest version) or a version label like composite-1.",
    ),
    Setting(
        "local_editor",
        "R2P_LOCAL_EDITOR",
        "",
        "Local mode for small offline teams: the editor's name. When empty the dashboard is read-only.",
    ),
    Setting(
        "cache_dir",
        "R2P_CACHE_DIR",
        str(DATA_DIR / "cache"),
        "Where `r2p update` keeps downloaded releases.",
    ),
    Setting(
        "update_mirror",
        "R2P_UPDATE_MIRROR",
        "",
        "A mirror `r2p update` fetches from instead of the official URLs (laid out source/file, like shared/data).",
    ),
    Setting(
        "handling_marking",
        "R2P_HANDLING_MARKING",
        "UNCLASSIFIED",
        "Handling marking printed on exports (for example UNCLASSIFIED or OFFICIAL USE ONLY).",
    ),
)


def setting(name: str) -> str:
    """The current value of a named setting."""
    for candidate in SETTINGS:
        if candidate.name == name:
            return candidate.value()
    raise KeyError(f"unknown setting {name!r}")


def warehouse_location() -> str:
    """The warehouse location from R2P_DB, or the default file under data/."""
    return setting("warehouse")
