"""`r2p update`: fetch the latest public releases into a local cache, then ingest them."""

from __future__ import annotations

import fnmatch
import io
import os
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from r2p.config import setting

ByteProgress = Callable[[str, int, int | None], None]  # (file name, bytes so far, total or None)
CHUNK = 1 << 16
TIMEOUT_SECONDS = 30
NOT_PUBLIC = {"acled": "ACLED data need a registered account; export a file yourself and run `r2p ingest acled FILE`."}


class Offline(RuntimeError):
    """No connection to the release host; nothing was downloaded or changed."""


class NotPublished(RuntimeError):
    """The host (UCDP or the mirror) answered 404: the file is not there (yet)."""


@dataclass(frozen=True)
class Release:
    source: str
    name: str
    url: str
    path: str
    member: str | None = None
    optional: bool = False  # a monthly file (UCDP GED Candidate) the host may not hold yet: a 404 skips it

    def address(self, mirror: str) -> str:
        """The official URL, or the file's place under a mirror."""
        return f"{mirror.rstrip('/')}/{urllib.parse.quote(self.path)}" if mirror else self.url


@lru_cache(maxsize=1)
def releases() -> dict[str, tuple[Release, ...]]:
    text = resources.files("r2p.catalog").joinpath("releases.yml").read_text(encoding="utf-8")
    listed = yaml.safe_load(text)["sources"]
    return {source: tuple(Release(source, **entry) for entry in entries) for source, entries in listed.items()}


def cache_dir() -> Path:
    return Path(setting("cache_dir")).expanduser()


def download(release: Release, progress: ByteProgress) -> Path | None:
    """Fetch one release file into the cache (atomically: a failed download leaves the old copy); None when an
    optional file is not on the host (or the mirror) yet."""
    target = cache_dir() / release.source / release.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        payload = _fetch(release.address(setting("update_mirror")), release.name, progress)
    except NotPublished:
        if release.optional:
            return None
        raise
    if release.member and not setting("update_mirror"):
        payload = _unzip(payload, release.member, release.url)
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(payload)
    os.replace(partial, target)
    return target


def _fetch(address: str, name: str, progress: ByteProgress) -> bytes:
    request = urllib.request.Request(address, headers={"User-Agent": "r2p-watch"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            buffer = io.BytesIO()
            for block in iter(lambda: response.read(CHUNK), b""):
                buffer.write(block)
                progress(name, buffer.tell(), total)
            return buffer.getvalue()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise NotPublished(f"{address} answered HTTP 404 ({error.reason})") from error
        raise RuntimeError(f"{address} answered HTTP {error.code} ({error.reason})") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        host = urllib.parse.urlsplit(address).netloc
        reason = getattr(error, "reason", error)
        raise Offline(f"No network: cannot reach {host} ({reason}); nothing was downloaded or changed.") from error


def _unzip(payload: bytes, pattern: str, url: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        names = [n for n in archive.namelist() if fnmatch.fnmatch(Path(n).name, pattern)]
        if not names:
            raise RuntimeError(f"{url}: the download has no file matching {pattern!r}")
        return archive.read(names[0])
