"""A cache of validated files, so that a command does not parse and validate again what
an earlier command already did.

Two kinds of entry, one file each in the cache directory (:func:`paths.cache_dir`):

- ``curriculum-<place>.json``: a curriculum file that passed every check of
  :mod:`aipm_tracker.curriculum`, as the validated model's data;
- ``progress-<place>.json``: a progress file that passed the store's validation, without
  its history, which the read-only commands never look at (with 100,000 entries,
  parsing and validating it would be nearly all of their time).

``<place>`` names the source file's location, so an edited file replaces its entry
instead of adding one. An entry is used only if it was written for exactly the bytes
now in the source file (their sha256), by exactly this program (a digest of the code
that validates and rebuilds, the cache format and the pydantic version: an upgrade, or
an edit of an editable install, invalidates every entry), and its own payload is intact
(its sha256 is in the header). Anything else (a missing, truncated, corrupt, foreign or
stale entry) is a miss: the source is parsed and validated as if there were no cache,
and the entry is written afresh. Writing the cache never fails a command; a cache
directory that cannot be written only makes commands slower.

Entries are JSON, never pickles: a cache file is data and cannot run code. On a hit the
models are rebuilt without validation (:func:`_build`), since what they hold was
validated when the entry was written and the digests prove it is the same.

Entry layout: one header line (JSON: ``format``, ``program``, ``source`` digest,
``payload`` digest), then the payload (JSON: the model's ``model_dump(mode="json")``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import types
from collections.abc import Callable
from datetime import datetime
from functools import cache as _memo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import AwareDatetime, BaseModel
from pydantic.version import VERSION as PYDANTIC_VERSION

from . import models

if TYPE_CHECKING:
    from .store import ProgressStore

FORMAT = 1
"""The layout of an entry; bump it when the layout or the payload's meaning changes."""

_PROGRAM_FILES = (
    "models/__init__.py",
    "models/common.py",
    "models/curriculum.py",
    "models/progress.py",
    "curriculum.py",
    "yaml_lines.py",
    "line_data.py",
    "store.py",
    "cache.py",
)
"""The modules whose code decides what "valid" means and how a model is rebuilt."""

M = TypeVar("M", bound=BaseModel)


class _Unusable(ValueError):
    """An entry whose payload does not fit the models (treated as a miss)."""


def curriculum(
    directory: Path, source: Path, raw: bytes, parse: Callable[[], models.Curriculum]
) -> models.Curriculum:
    """The curriculum of the file ``source`` whose content is ``raw``: from the cache in
    ``directory`` if it holds one validated from these very bytes, else ``parse()``
    (which raises :class:`~aipm_tracker.errors.CurriculumError` for an invalid file,
    and then nothing is cached), then cached."""
    digest = hashlib.sha256(raw).hexdigest()
    entry = _entry(directory, "curriculum", source)
    data = _read(entry, digest)
    if data is not None:
        with contextlib.suppress(_Unusable):
            return _build(models.Curriculum, data)
    result = parse()
    _write(entry, digest, result.model_dump(mode="json"))
    return result


def progress(directory: Path, store: ProgressStore) -> models.Progress:
    """The progress file of ``store`` for a command that only reads it.

    On a hit (this file's bytes were validated before) the result has an empty
    ``history``: only a command that shows or changes the history needs it, and reads
    it with ``store.load()`` or ``store.update()``. On a miss the file is validated by
    ``store.parse`` (raising what ``store.load()`` raises) and returned whole.
    """
    # Hashed in chunks, not read whole: a hit never needs the bytes themselves.
    digest = store.digest()  # raises the store's own errors (unreadable, too large)
    if digest is None:  # missing: a fresh start
        return store.load()
    entry = _entry(directory, "progress", store.path)
    data = _read(entry, digest)
    if data is not None:
        with contextlib.suppress(_Unusable):
            head = _build(models.Progress, data)
            if head.curriculum.id == store.ref.id:  # else the store says why below
                # Renamed items are carried to their new IDs by the curriculum in use,
                # which may have changed since the entry was written.
                return store.normalize(head)
    raw = store.read_raw()
    if raw is None:  # removed since it was hashed
        return store.load()
    result = store.parse(raw)
    _write(entry, hashlib.sha256(raw).hexdigest(), _progress_head(result))
    return result


def remember_progress(directory: Path, path: Path, raw: bytes, saved: models.Progress) -> None:
    """Record that the progress file at ``path`` now holds ``raw``, the serialization
    of the validated ``saved`` (called after a save, so that the next read-only
    command finds it in the cache). Never raises."""
    digest = hashlib.sha256(raw).hexdigest()
    _write(_entry(directory, "progress", path), digest, _progress_head(saved))


# ------------------------------------------------------------------------ internals


def _progress_head(progress: models.Progress) -> dict[str, Any]:
    data = progress.model_dump(mode="json", exclude={"history"})
    data["history"] = []
    return data


def _entry(directory: Path, kind: str, source: Path) -> Path:
    try:
        place = str(source.resolve())
    except OSError:
        place = str(source.absolute())
    name = hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return directory / f"{kind}-{name}.json"


@_memo
def _program() -> str:
    digest = hashlib.sha256(f"aipm cache {FORMAT} pydantic {PYDANTIC_VERSION}".encode())
    here = Path(__file__).parent
    try:
        for name in _PROGRAM_FILES:
            digest.update((here / name).read_bytes())
    except OSError:  # not installed as files (e.g. a zip): the version must do
        from . import __version__

        digest.update(__version__.encode())
    return digest.hexdigest()


def _header(source_digest: str, payload: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "program": _program(),
        "source": source_digest,
        "payload": hashlib.sha256(payload).hexdigest(),
    }


def _read(entry: Path, source_digest: str) -> Any:
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
        return json.loads(payload)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested absurdly deep
        return None


def _write(entry: Path, source_digest: str, data: Any) -> None:
    """Replace ``entry`` atomically (temporary file and ``os.replace``, so a reader
    never sees half an entry). No fsync: after a crash a torn entry fails its payload
    digest and is rebuilt. Errors are swallowed: the cache is only an accelerator."""
    try:
        payload = json.dumps(data, separators=(",", ":")).encode("ascii")
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


# ----------------------------------------------------------- rebuilding the models


def _build(cls: type[M], values: Any) -> M:
    """An instance of ``cls`` from its ``model_dump(mode="json")`` data, without
    validation: what pydantic's ``model_construct`` does for a complete set of fields,
    several times faster. Raises :class:`_Unusable` if ``values`` (or a nested value)
    does not have exactly its model's fields or a value cannot be converted."""
    try:
        return _builder(cls)(values)  # type: ignore[no-any-return]
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _Unusable(cls.__name__) from exc


Convert = Callable[[Any], Any]

_set = object.__setattr__


@_memo
def _builder(cls: type[BaseModel]) -> Convert:
    """The function that turns the JSON form of a ``cls`` instance into the instance
    (see :func:`_build`; it raises ValueError or TypeError for a value that does not
    fit). One per class, with its conversions worked out once: a 10,000-item
    curriculum rebuilds some 30,000 models, so every call per model counts."""
    names = frozenset(cls.model_fields)
    steps = tuple(
        (name, convert)
        for name, field in cls.model_fields.items()
        if (convert := _converter(field.annotation)) is not None
    )
    new = cls.__new__

    def build(values: Any) -> BaseModel:
        if type(values) is not dict or values.keys() != names:
            raise ValueError(f"not the fields of {cls.__name__}")
        for name, convert in steps:
            values[name] = convert(values[name])
        obj = new(cls)
        _set(obj, "__dict__", values)
        _set(obj, "__pydantic_fields_set__", set(names))
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj

    return build


_PLAIN = (str, int, float, bool, type(None))


def _converter(tp: Any) -> Convert | None:
    """How to turn the JSON form of a value of type ``tp`` into the value (None: it
    is the value). Raises TypeError for a type this module does not know, so that a
    new kind of field fails the tests instead of being rebuilt wrong."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return _converter(args[0])
    if origin is Literal or tp in _PLAIN:
        return None
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot rebuild a value of type {tp}")
        inner = _converter(options[0])
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if origin is list:
        item = _converter(args[0])
        return None if item is None else (lambda v: list(map(item, v)))
    if origin is dict and args[0] is str:
        value = _converter(args[1])
        return None if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _builder(tp)
    if tp is AwareDatetime:
        # The dump of a validated AwareDatetime carries its offset, so the result is
        # aware. Its tzinfo is a datetime.timezone, not pydantic's TzInfo: they compare,
        # convert and serialize alike (tests/test_cache.py pins it), and the C parser
        # alone is several times faster than swapping the tzinfo in, for every note.
        return datetime.fromisoformat
    raise TypeError(f"cannot rebuild a value of type {tp}")
