"""scripts/find_python.sh, which `make run` and `make test` build .venv with: python3.11 where there is one,
else a 3.11 from uv (uv itself installed from PyPI when missing), on a PATH holding only fakes."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.data import ROOT

SCRIPT = ROOT / "scripts" / "find_python.sh"
# A Python 3.12: fails the script's 3.11 check, makes a venv, and "installs uv from PyPI" into that venv.
PYTHON_312 = """#!/bin/sh
echo "python3 $*" >> "$LOG"
if [ "$1" = "-c" ]; then exit 1; fi
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then /bin/mkdir -p "$3/bin" && /bin/cp "$0" "$3/bin/python"; exit $?; fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then /bin/cp "$FAKE_UV" "${0%/*}/uv"; exit $?; fi
exit 2
"""
UV = """#!/bin/sh
echo "uv $*" >> "$LOG"
case "$1 $2" in
    "python install") if [ -n "${UV_OFFLINE:-}" ]; then echo "error: no github.com" >&2; exit 2; fi ;;
    "python find") echo "$PYTHON_311" ;;
    *) exit 2 ;;
esac
"""
PYTHON_311 = "#!/bin/sh\necho \"python3.11 $*\" >> \"$LOG\"\nexit 0\n"


@dataclass
class Machine:
    """A PATH of fakes and the log of what the script ran."""

    bin: Path
    env: dict[str, str]
    log: Path
    python_311: Path

    def add(self, name: str, text: str) -> Path:
        path = self.bin / name
        path.write_text(text)
        path.chmod(0o755)
        return path

    def run(self, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["/bin/sh", str(SCRIPT)], env={**self.env, **extra}, capture_output=True, text=True,
                              timeout=30, cwd=self.bin.parent, check=False)

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    """Only a Python 3.12 as python3 on PATH; a 3.11 that only uv knows about, outside PATH."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "uv-pythons").mkdir()
    python_311 = tmp_path / "uv-pythons" / "python3.11"
    python_311.write_text(PYTHON_311)
    python_311.chmod(0o755)
    fake_uv = tmp_path / "uv-package"
    fake_uv.write_text(UV)
    fake_uv.chmod(0o755)
    log = tmp_path / "calls.log"
    env = {"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path / "home"), "LOG": str(log),
           "FAKE_UV": str(fake_uv), "PYTHON_311": str(python_311)}
    built = Machine(tmp_path / "bin", env, log, python_311)
    built.add("python3", PYTHON_312)
    return built


def test_uv_on_path_provides_python_311(machine: Machine) -> None:
    machine.add("uv", UV)
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{machine.python_311}\n"
    assert "uv python install 3.11" in machine.calls() and "uv python find 3.11" in machine.calls()


def test_without_uv_it_is_installed_from_pypi_into_a_bootstrap_venv(machine: Machine, tmp_path: Path) -> None:
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{machine.python_311}\n"
    bootstrap = tmp_path / "home" / ".cache" / "r2p" / "uv-bootstrap"
    assert f"python3 -m venv {bootstrap}" in machine.calls()
    assert "python3 -m pip install --quiet uv" in machine.calls()
    assert (bootstrap / "bin" / "uv").is_file() and "uv python install 3.11" in machine.calls()
    machine.log.unlink()
    assert machine.run().stdout == f"{machine.python_311}\n"  # the second time, the bootstrap uv is reused
    assert not any(call.startswith("python3 -m") for call in machine.calls())


def test_python_311_on_path_is_used_without_uv(machine: Machine) -> None:
    machine.add("uv", UV)
    on_path = machine.add("python3.11", PYTHON_311)
    result = machine.run()
    assert result.returncode == 0 and result.stdout == f"{on_path}\n"
    assert not any(call.startswith("uv") for call in machine.calls())


def test_offline_it_fails_saying_what_uv_needs(machine: Machine) -> None:
    machine.add("uv", UV)
    result = machine.run(UV_OFFLINE="1")
    assert result.returncode == 1 and result.stdout == ""
    assert "github.com" in result.stderr and "UV_PYTHON_INSTALL_MIRROR" in result.stderr


def test_a_chosen_python_that_is_not_311_is_refused(machine: Machine) -> None:
    result = machine.run(PYTHON=str(machine.bin / "python3"))
    assert result.returncode == 1 and result.stdout == "" and "is not Python 3.11" in result.stderr


def test_the_makefile_builds_the_venv_with_the_script() -> None:
    dry_run = subprocess.run(["make", "-n", "-B", "install"], cwd=ROOT, capture_output=True, text=True, check=True,
                             timeout=30).stdout
    assert "scripts/find_python.sh" in dry_run and '"$interpreter" -m venv .venv' in dry_run
