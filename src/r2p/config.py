"""Settings and paths: every setting has a name, an environment variable, a default and a help text."""

from __future__ import annotations

import math
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
        "events_parquet",
        "R2P_EVENTS_PARQUET",
        "",
        "Read events from Parquet instead of the warehouse's event table: a directory, file, glob or s3:// / "
        "https:// URL (object storage needs DuckDB's httpfs extension). Empty: events live in the warehouse.",
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
        "max_upload_mb",
        "R2P_MAX_UPLOAD_MB",
        "500",
        "Largest file (MB) an ingest or engagement import opens; a workbook may unzip to 10 times this at most.",
    ),
    Setting(
        "tier_method",
        "R2P_TIER_METHOD",
        "ensemble,forecast,composite",
        "The tier methods pages and commands use by default, in order of preference: the first with scores in the "
        "warehouse (method ids or version labels, comma-separated).",
    ),
    Setting(
        "accounts",
        "R2P_ACCOUNTS",
        "",
        "A TOML file of local accounts (names, roles, argon2id password hashes) for small or offline teams; "
        "manage it with `r2p accounts`. Empty: no local accounts (the dashboard is read-only without single sign-on).",
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
    Setting(
        "public_url",
        "R2P_PUBLIC_URL",
        "http://localhost:8501",
        "The dashboard's address as readers reach it: the base of every link a digest carries.",
    ),
    Setting(
        "smtp_url",
        "R2P_SMTP_URL",
        "",
        "The mail relay `r2p digest --send` delivers through: smtp://[user:password@]host[:port][?starttls=1] "
        "or smtps://[user:password@]host[:port]. Empty: no e-mail.",
    ),
    Setting(
        "mail_from",
        "R2P_MAIL_FROM",
        "r2p-watch@localhost.localdomain",
        "The sender address of digest e-mails (and of the .eml files in R2P_DIGEST_DIR).",
    ),
    Setting(
        "webhook_url",
        "R2P_WEBHOOK_URL",
        "",
        "An incoming webhook (Teams- or Slack-style) that receives each approved digest as a JSON POST with a "
        "`text` field. Empty: no webhook.",
    ),
    Setting(
        "digest_dir",
        "R2P_DIGEST_DIR",
        "",
        "A folder that receives each approved digest as one .eml file (for air-gapped networks). Empty: none.",
    ),
    Setting(
        "escalation_file",
        "R2P_ESCALATION_FILE",
        "",
        "The site's escalation levels (holders, recipients, decision days): a YAML file in the form of the shipped "
        "escalation.yml, used instead of it. Empty: the shipped example, whose recipients are @example.org.",
    ),
)


class SettingError(ValueError):
    """A setting whose value cannot be used; the message names the environment variable."""


def _find(name: str) -> Setting:
    for candidate in SETTINGS:
        if candidate.name == name:
            return candidate
    raise KeyError(f"unknown setting {name!r}")


def setting(name: str) -> str:
    """The current value of a named setting."""
    return _find(name).value()


def number_setting(name: str) -> float:
    """A setting that must be a positive number (a limit, a timeout)."""
    found = _find(name)
    raw = found.value()
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise SettingError(f"{found.env} must be a positive number, not {raw!r} (default {found.default}).")
    return value


def warehouse_location() -> str:
    """The warehouse location from R2P_DB, or the default file under data/."""
    return setting("warehouse")
