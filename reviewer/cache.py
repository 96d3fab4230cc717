"""An on-disk cache for data the check path would otherwise parse on every run.

Parsing the rule packs and the law catalogue costs about as much as checking a whole draft, and
they change only when the project is updated. The parsed objects are pickled under the user's
cache folder, keyed by the size and modification time of every source file and by the package
version, so an edited pack or a new release is parsed again. The cache is an optimisation only:
any failure to read or write it falls back to parsing, silently. ``REVIEWER_NO_CACHE=1`` turns
it off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TypeVar

from reviewer import __version__

T = TypeVar("T")

CACHE_ENV = "REVIEWER_CACHE_DIR"
NO_CACHE_ENV = "REVIEWER_NO_CACHE"


def cache_dir() -> Path:
    """Where cached objects live: $REVIEWER_CACHE_DIR, else $XDG_CACHE_HOME/reviewer, else ~/.cache/reviewer."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reviewer"


def _key(name: str, sources: Iterable[Path]) -> str:
    """A digest of the sources' identity (path, size, mtime) and the package version."""
    h = hashlib.sha256(f"{name}\0{__version__}".encode())
    for path in sorted(sources):
        st = path.stat()
        h.update(f"\0{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:24]


def cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier run with the same sources."""
    if os.environ.get(NO_CACHE_ENV):
        return build()
    try:
        path = cache_dir() / f"{name}-{_key(name, list(sources))}.pickle"
    except Exception:  # no home folder (a uid without a passwd entry) or an unreadable source
        return build()
    try:
        with open(path, "rb") as fh:
            return load_pickle(fh)  # type: ignore[return-value]  # what build() returned when it was written
    except Exception:  # missing, truncated or from an incompatible version: rebuild
        pass
    value = build()
    _write(path, value)
    _prune(path, name)
    return value


def load_pickle(fh: BinaryIO) -> object:
    """``pickle.load`` with the cyclic garbage collector paused: unpickling the rules creates tens
    of thousands of objects, none of them garbage, and the collections that allocation triggers
    cost a third of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def _prune(keep: Path, name: str) -> None:
    """Remove the entries an earlier version of the sources left behind."""
    try:
        for old in keep.parent.glob(f"{name}-*.pickle"):
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _write(path: Path, value: object) -> None:
    """Write atomically, so a parallel run never reads half a file."""
    import tempfile  # only when writing: most runs read the cache, and tempfile costs ~7 ms to import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # a read-only home or a full disk: the cache is only an optimisation
        try:
            os.unlink(tmp)
        except Exception:
            pass
