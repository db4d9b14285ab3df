"""The progress store: load, lock, migrate, validate and atomically save one JSON file.

Never chooses paths (``paths`` does) and never prints. Every write goes through
:meth:`ProgressStore.update`, the single choke point where the lock is taken, the file
is re-read, the change is applied, the result is validated and then saved as:
temporary file in the same directory (mode 0600) -> write -> flush -> fsync ->
``os.replace`` over the target -> fsync of the directory. A progress file that does not
parse or validate is never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import CorruptProgressError, DataError, LockTimeoutError, StorageError
from .models import SCHEMA_VERSION, CurriculumRef, Progress

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a command waits for another ``aipm`` process to release the lock."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns a schema-``n`` document (a dict) into schema ``n + 1``.
Migrations run on the raw dict before validation; the result is written back only by
the next successful save."""


class ProgressStore:
    """The progress file at ``path`` for the curriculum ``ref``.

    ``lock_timeout`` is in seconds. Methods raise :class:`CorruptProgressError` for a
    file that does not parse or validate, :class:`LockTimeoutError` when the lock is
    held too long, and :class:`StorageError` when the disk refuses (all exit code 1).
    """

    def __init__(
        self, path: Path, ref: CurriculumRef, lock_timeout: float = LOCK_TIMEOUT_SECONDS
    ) -> None:
        self.path = path
        self.ref = ref
        self.lock_timeout = lock_timeout

    @property
    def lock_path(self) -> Path:
        """The lock file beside the progress file (``<name>.json.lock``)."""
        return self.path.with_name(self.path.name + ".lock")

    def load(self) -> Progress:
        """Read the progress file without locking (saves are atomic, so a reader sees
        either the old or the new file). A missing file is a fresh start."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress(schema_version=1, curriculum=self.ref)
        except OSError as exc:
            raise StorageError(
                f"{self.path}: cannot read the progress file: {exc.strerror}"
            ) from None
        return self._parse(raw)

    def parse(self, raw: bytes) -> Progress:
        """The progress in ``raw``, bytes read from :attr:`path`: parsed, migrated and
        validated exactly as :meth:`load` does (and raising what it raises)."""
        return self._parse(raw)

    def update(self, change: Callable[[Progress], Progress]) -> tuple[Progress, Progress]:
        """Apply ``change`` to the current progress under the lock and save the result.

        ``change`` receives the freshly read :class:`Progress` and returns the new one
        (it may raise a :class:`TrackerError`, in which case nothing is written). When
        the result equals what was read, nothing is written. Returns
        ``(before, after)``.
        """
        from filelock import FileLock, Timeout  # only commands that write pay its import

        self._ensure_dir()
        lock = FileLock(self.lock_path, timeout=self.lock_timeout, mode=0o600)
        try:
            with lock:
                current = self.load()
                new = change(current)
                if new.curriculum != self.ref:
                    new = new.model_copy(update={"curriculum": self.ref})
                if new != current:
                    self._save(new)
                return current, new
        except Timeout:
            raise LockTimeoutError(
                f"{self.path} is locked by another aipm process (waited "
                f"{self.lock_timeout:g} s for {self.lock_path}). Try again when it has "
                "finished."
            ) from None
        except OSError as exc:  # the lock file itself cannot be made or opened
            raise StorageError(
                f"{self.lock_path}: cannot take the lock: {exc.strerror or exc}. "
                "Nothing was changed."
            ) from None

    # ------------------------------------------------------------------ internals

    def _parse(self, raw: bytes) -> Progress:
        way_out = (
            "The file was left untouched. Repair it by hand, or move it aside to start "
            f"afresh: mv '{self.path}' '{self.path}.broken'"
        )
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise CorruptProgressError(
                f"{self.path}: the progress file is not UTF-8 text (byte {exc.start}). {way_out}"
            ) from None
        except json.JSONDecodeError as exc:
            raise CorruptProgressError(
                f"{self.path}:{exc.lineno}:{exc.colno}: the progress file is not valid "
                f"JSON: {exc.msg}. {way_out}"
            ) from None
        except RecursionError:
            raise CorruptProgressError(
                f"{self.path}: the progress file nests lists or objects too deeply to be "
                f"ours. {way_out}"
            ) from None
        if not isinstance(data, dict):
            raise CorruptProgressError(
                f"{self.path}: the progress file must hold a JSON object. {way_out}"
            )
        data = self._migrate(data)
        try:
            progress = Progress.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(top level)"
            more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            raise CorruptProgressError(
                f"{self.path}: the progress file is not valid: {where}: {first['msg']}{more}. "
                f"{way_out}"
            ) from None
        if progress.curriculum.id != self.ref.id:
            raise DataError(
                f"{self.path} holds progress for curriculum {progress.curriculum.id!r}, not "
                f"{self.ref.id!r}; it was left untouched. Use the matching --curriculum, or "
                "move the file aside."
            )
        return progress

    def _migrate(self, data: dict[str, Any]) -> dict[str, Any]:
        version = data.get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise CorruptProgressError(
                f"{self.path}: the progress file has no valid schema_version. The file was "
                "left untouched."
            )
        if version > SCHEMA_VERSION:
            raise DataError(
                f"{self.path} was written by a newer aipm (schema {version}; this one knows "
                f"{SCHEMA_VERSION}). Upgrade aipm-tracker; the file was left untouched."
            )
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
            data["schema_version"] = version
        return data

    def _ensure_dir(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StorageError(
                f"{self.path.parent}: cannot create the data directory: {exc.strerror}. "
                "Choose another with --data-dir or AIPM_DATA_DIR."
            ) from None

    def _save(self, progress: Progress) -> None:
        """Validate and atomically replace the progress file."""
        payload = serialize(Progress.model_validate(progress.model_dump()))
        try:
            write_atomic(self.path, payload.encode("utf-8"))
        except OSError as exc:
            raise StorageError(
                f"{self.path}: could not save progress: {exc.strerror or exc}. "
                "The previous file is unchanged."
            ) from None


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a reader or a crash sees either the old file
    or the new one, never a mix: temporary file in the same directory, write, flush,
    fsync, ``os.replace``, fsync of the directory. The file gets ``mode`` (0600 by
    default: progress is private). The temporary file is removed on any failure.
    Raises :class:`OSError`.
    """
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode != 0o600:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def serialize(progress: Progress) -> str:
    """The exact text written for ``progress``: indented JSON, fields left at their
    defaults omitted (they read back identically), trailing newline. Deterministic, so
    the same state always gives the same bytes (``undo`` relies on it)."""
    return progress.model_dump_json(indent=2, exclude_defaults=True) + "\n"


def save_export(path: Path, text: str, force: bool = False, protect: Path | None = None) -> None:
    """Write an exported report to ``path`` atomically (UTF-8, mode 0644 less the
    umask: a report is meant to be shared).

    Raises :class:`StorageError` (exit 1) when ``path`` exists and ``force`` is False,
    is a directory, its parent directory is missing, lies inside ``protect`` (the
    directory of the progress files, which a report must never replace), or the disk
    refuses the write.
    """
    if protect is not None and path.resolve().is_relative_to(protect.resolve()):
        raise StorageError(
            f"{path} is inside {protect}, where your progress is kept; write the report "
            "somewhere else"
        )
    if path.is_dir():
        raise StorageError(f"{path} is a directory; give a file name, e.g. {path / 'report.md'}")
    if not path.parent.is_dir():
        raise StorageError(f"{path.parent} does not exist; create it first or choose another path")
    if path.exists() and not force:
        raise StorageError(f"{path} already exists; add --force to replace it")
    umask = os.umask(0)
    os.umask(umask)
    try:
        write_atomic(path, text.encode("utf-8"), mode=0o666 & ~umask)
    except OSError as exc:
        raise StorageError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
