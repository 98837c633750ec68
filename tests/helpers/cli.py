"""The `r2p` command run in-process, exactly as the console script runs it: exit code, stdout, stderr apart.

NOTE: a subprocess costs ~2-4 s of imports per call; in-process a call takes milliseconds, which is what makes
`make test-fast` fast. Only tests whose point is a second process (locks, kills, concurrency) spawn one.
"""

from __future__ import annotations

import subprocess
import sys
import traceback
from collections.abc import Mapping

from typer.testing import CliRunner

from r2p import cli


def r2p(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """Run `r2p ARGS…` through `r2p.cli:main` with stdin `input` and `env` overrides; the same result a
    subprocess would give: exit code (2 for a setting, permission or warehouse error; 1 and a traceback on
    stderr for an uncaught exception), and stdout and stderr as text."""
    with CliRunner().isolation(input=input, env=env) as (stdout, stderr, _):
        returncode = _main(["r2p", *args])
        sys.stdout.flush()
        sys.stderr.flush()
        return subprocess.CompletedProcess(["r2p", *args], returncode, stdout.getvalue().decode(),
                                           stderr.getvalue().decode())


def _main(argv: list[str]) -> int:
    """`r2p.cli.main()` with this argv, its exit turned into a code as the interpreter would."""
    saved, sys.argv = sys.argv, argv
    try:
        cli.main()
    except SystemExit as done:
        return _exit_code(done.code)
    except Exception:  # noqa: BLE001 - an uncaught error ends a real process with a traceback and exit 1
        traceback.print_exc()
        return 1
    finally:
        sys.argv = saved
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"): the interpreter prints it and exits 1
    return 1
