#!/bin/sh
# Print the Python 3.11 interpreter `make` builds .venv with, and nothing else on stdout (messages go to stderr).
#   1. $PYTHON, when set (it must be 3.11);
#   2. python3.11, or python3 when that is 3.11, from PATH;
#   3. otherwise one from uv: uv from PATH, or installed from PyPI into a bootstrap venv with whatever
#      python3 there is, then `uv python install 3.11`, which downloads a standalone CPython from GitHub
#      (python-build-standalone). Set UV_PYTHON_INSTALL_MIRROR to fetch it from elsewhere.
# Exit 1 with the reason when none of these works.
set -eu
WANT=3.11
# The bootstrap venv lives outside the checkout (a cache, like uv's own Pythons in ~/.local/share/uv).
BOOTSTRAP="${R2P_UV_BOOTSTRAP:-${XDG_CACHE_HOME:-$HOME/.cache}/r2p/uv-bootstrap}"

say() { echo "find_python: $*" >&2; }

is_wanted() {  # is "$1" an interpreter of Python $WANT?
    [ -n "$1" ] && "$1" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$WANT' else 1)" \
        >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
    if is_wanted "$PYTHON"; then echo "$PYTHON"; exit 0; fi
    say "PYTHON=$PYTHON is not Python $WANT"; exit 1
fi
for name in "python$WANT" python3; do
    found=$(command -v "$name" 2>/dev/null || true)
    if is_wanted "$found"; then echo "$found"; exit 0; fi
done

uv=$(command -v uv 2>/dev/null || true)
if [ -z "$uv" ] && [ -x "$BOOTSTRAP/bin/uv" ]; then uv="$BOOTSTRAP/bin/uv"; fi
if [ -z "$uv" ]; then
    host=$(command -v python3 2>/dev/null || true)
    if [ -z "$host" ]; then say "no python$WANT, no python3 and no uv on PATH"; exit 1; fi
    say "no python$WANT on PATH: installing uv from PyPI into $BOOTSTRAP/ with $host"
    "$host" -m venv "$BOOTSTRAP" >&2 || { say "$host -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
    "$BOOTSTRAP/bin/python" -m pip install --quiet uv >&2 || { say "pip could not install uv from PyPI"; exit 1; }
    uv="$BOOTSTRAP/bin/uv"
fi
say "getting Python $WANT through $uv (a download from GitHub's python-build-standalone on first use)"
"$uv" python install "$WANT" >&2 || { say "uv python install $WANT failed (it needs github.com, or UV_PYTHON_INSTALL_MIRROR)"; exit 1; }
found=$("$uv" python find "$WANT") || { say "uv python find $WANT found nothing after installing"; exit 1; }
if is_wanted "$found"; then echo "$found"; exit 0; fi
say "uv gave $found, which is not Python $WANT"
exit 1
