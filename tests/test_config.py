"""Settings: numeric limits are checked, and a bad value is one clear line naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from r2p.config import SettingError, number_setting
from tests.helpers.cli import r2p


def test_a_number_setting_reads_the_environment_or_its_default(monkeypatch) -> None:
    monkeypatch.delenv("R2P_LOCK_TIMEOUT", raising=False)
    assert number_setting("lock_timeout") == 120
    monkeypatch.setenv("R2P_LOCK_TIMEOUT", "2.5")
    assert number_setting("lock_timeout") == 2.5


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "nan", "inf", "1e400"])
def test_a_number_setting_refuses_what_is_not_a_positive_number(monkeypatch, raw: str) -> None:
    monkeypatch.setenv("R2P_MAX_UPLOAD_MB", raw)
    with pytest.raises(SettingError, match=f"R2P_MAX_UPLOAD_MB must be a positive number, not '{raw}'"):
        number_setting("max_upload_mb")


def test_the_command_line_reports_a_bad_setting_without_a_traceback(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("R2P_DB", str(tmp_path / "r2p.duckdb"))
    monkeypatch.setenv("R2P_LOCK_TIMEOUT", "soon")
    done = r2p("init", "--no-demo")
    assert done.returncode == 2
    assert "R2P_LOCK_TIMEOUT must be a positive number, not 'soon'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r2p.duckdb").exists()
