"""A cache of validated curricula, so that a command does not parse the YAML and run
the cross-checks again for a curriculum file an earlier command already checked.

It is kept because it matters (callgrind, ``PYTHONHASHSEED=0``): the YAML parse and
the cross-checks it skips are about a fifth of ``aipm status`` with the bundled
curriculum and about 1,700 M instructions with a 1,000-item one (see README,
"Performance").

One entry per curriculum file, ``curriculum-<place>.json`` in the cache directory
(:func:`aipm_tracker.paths.cache_dir`), where ``<place>`` names the file's location, so
that an edited file replaces its entry instead of adding one. An entry is one header
line (JSON) and the payload, the curriculum's ``model_dump_json()``. The header holds:

- ``format``: :data:`FORMAT`, the layout of an entry;
- ``aipm`` and ``pydantic``: the versions of aipm-tracker and pydantic that wrote it
  (an upgrade of either invalidates every entry);
- ``source``: the sha256 of the curriculum file's bytes it was checked from;
- ``payload``: the sha256 of the payload (a torn or damaged entry fails it).

On a hit the payload is validated again by the models
(``Curriculum.model_validate_json``): a cache file is data that anyone who can write
the user's cache directory can forge, so nothing in it is trusted unvalidated, and an
entry that does not fit the models is a miss. The loader's cross-checks (known
prerequisites, no cycles, ...) are run on it too: the header's digest ties the entry
to the source bytes, but a forger can write the right digest beside any payload, and
the cache must never give a curriculum the loader would refuse (an unknown category
or a role naming no item crashed ``status``). They are cheap beside the YAML parse
the cache saves. A missing, damaged, stale or forged entry is a miss:
the file is parsed as if there were no cache and the entry is written afresh. Writing
never fails a command; an unwritable cache directory only makes commands slower.

The progress file's :class:`~aipm_tracker.models.Standing` (the file without its
history, all that ``status``, ``next``, ``gaps``, ``list`` and ``show`` read) is cached
the same way, in ``standing-<place>.json``, keyed by the sha256 of the file's bytes
(hashed in chunks: a hit never holds the file). With 1,000 items and 20,000 history
entries, validating the history is most of ``status`` (README, "Performance"). It is a
different type, so no reader can take the history it leaves out for an empty one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache as _memo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic.version import VERSION as PYDANTIC_VERSION

from .models import Curriculum, Progress, Standing

if TYPE_CHECKING:
    from .store import ProgressStore

FORMAT = 2
"""The layout of an entry; bump it when the layout or the payload's meaning changes."""


def curriculum(
    directory: Path,
    source: Path,
    raw: bytes,
    parse: Callable[[], Curriculum],
    accept: Callable[[Curriculum], bool],
) -> Curriculum:
    """The curriculum of the file ``source`` (a path) whose content is ``raw``.

    From the cache in ``directory`` when it holds an intact entry written by this
    aipm-tracker and pydantic for these very bytes, the entry validates and
    ``accept`` takes it (the loader's cross-checks); else ``parse()`` (the full parse
    and checks, which raises :class:`~aipm_tracker.errors.CurriculumError` for an
    invalid file, and then nothing is cached), whose result is cached. Raises only
    what ``parse`` raises.
    """
    digest = hashlib.sha256(raw).hexdigest()
    entry = _entry(directory, source)
    payload = _read(entry, digest)
    if payload is not None:
        try:
            found = Curriculum.model_validate_json(payload)
        except (ValidationError, ValueError, RecursionError):
            found = None  # forged, or written by a program whose models differed: a miss
        if found is not None and accept(found):
            return found
    result = parse()
    _write(entry, digest, result.model_dump_json().encode("utf-8"))
    return result


def standing(
    directory: Path,
    store: ProgressStore,
    carry: Callable[[Standing], Standing],
) -> Standing:
    """Where the user stands (the progress file of ``store`` without its history),
    for a command that only reads it. From the entry in ``directory`` when it was
    written for the file's current bytes and validates (then ``carry`` moves renamed
    items to the curriculum's current IDs, as the store does on a read); else the
    file is read and validated whole by ``store`` (a :class:`Progress`, which is a
    :class:`Standing`) and its standing cached. Raises what
    :meth:`ProgressStore.load` raises."""
    digest = store.digest()  # raises the store's own errors (unreadable, too large)
    if digest is not None:
        payload = _read(_entry(directory, store.path, "standing"), digest)
        if payload is not None:
            try:
                head = Standing.model_validate_json(payload)
            except (ValidationError, ValueError, RecursionError):
                head = None  # forged, or written by other models: a miss
            if head is not None and head.curriculum.id == store.ref.id:
                return carry(head)
    progress, digest = store.load_with_digest()
    if digest is not None:
        remember(directory, store.path, digest, progress)
    return progress


def remember(directory: Path, path: Path, digest: str, saved: Progress) -> None:
    """Record that the progress file at ``path``, whose bytes have sha256 ``digest``,
    holds ``saved`` (after a read or a save, so that the next read-only command finds
    its standing here). Never raises."""
    payload = saved.model_dump_json(exclude={"history"}).encode("utf-8")
    _write(_entry(directory, path, "standing"), digest, payload)


# ------------------------------------------------------------------------ internals


def _entry(directory: Path, source: Path, kind: str = "curriculum") -> Path:
    try:
        place = str(source.resolve())
    except OSError:
        place = str(source.absolute())
    name = hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return directory / f"{kind}-{name}.json"


@_memo
def _versions() -> tuple[str, str]:
    from . import __version__

    return __version__, PYDANTIC_VERSION


def _header(source_digest: str, payload: bytes) -> dict[str, Any]:
    aipm, pydantic = _versions()
    return {
        "format": FORMAT,
        "aipm": aipm,
        "pydantic": pydantic,
        "source": source_digest,
        "payload": hashlib.sha256(payload).hexdigest(),
    }


def _read(entry: Path, source_digest: str) -> bytes | None:
    """The payload of ``entry`` if it is intact and was written by this program for
    the source bytes with ``source_digest``; None otherwise (never raises)."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    header, _, payload = blob.partition(b"\n")
    try:
        if json.loads(header) != _header(source_digest, payload):
            return None
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested absurdly deep
        return None
    return payload


def _write(entry: Path, source_digest: str, payload: bytes) -> None:
    """Replace ``entry`` atomically (temporary file and ``os.replace``, so a reader
    never sees half an entry). No fsync: after a crash a torn entry fails its payload
    digest and is rebuilt. Errors are swallowed: the cache is only an accelerator."""
    try:
        blob = json.dumps(_header(source_digest, payload)).encode("ascii") + b"\n" + payload
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError, TypeError):
        pass
