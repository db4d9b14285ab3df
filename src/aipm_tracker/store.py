"""The progress store: load, lock, migrate, validate, back up and atomically save one
JSON file.

Never chooses paths (``paths`` does) and never prints. Every write goes through
:meth:`ProgressStore.update` (or :meth:`ProgressStore.restore`), the single choke
point where, under the lock:

1. temporary files left by killed writers are removed;
2. the file is re-read and parsed (a file that does not parse is never written);
3. the change is applied and the result validated;
4. the bytes just read are kept as a timestamped backup (only a file that parsed is
   ever backed up, so a corrupt file never pushes a good backup out);
5. the new file is written: temporary file in the same directory (mode 0600) ->
   write -> flush -> fsync -> ``os.replace`` -> fsync of the directory;
6. backups beyond the newest ``keep_backups`` are deleted, except those a chain of
   undos can still need (the files restores replaced, transitively).

Backups are ``<backup dir>/<ID>.json`` where the ID is the UTC time of the backup,
``YYYYMMDDTHHMMSS.ffffffZ``: IDs sort in time order and are unique (a new ID is
always later than the newest existing one, even if the clock steps back).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import validation_words
from .backups import Backup as Backup  # re-exported: the store's result types
from .backups import BackupSummary as BackupSummary
from .backups import Restored as Restored
from .backups import list_backups, next_id, pinned_backups
from .errors import (
    CorruptProgressError,
    DataError,
    Fix,
    Step,
    StorageError,
    TrackerError,
    UsageError,
)
from .files import JSONProblem, open_regular, parse_json, unreadable_error, write_atomic
from .locking import LOCK_TIMEOUT_SECONDS, ProgressLock
from .migrations import MIGRATIONS
from .models import SCHEMA_VERSION, CurriculumRef, Event, Progress

MAX_PROGRESS_BYTES = 64 * 1024 * 1024
"""The most a progress file may hold (64 MiB). A larger file is refused unread, as
corrupt, and a change that would make the file larger is refused before a byte is
written (aipm never writes a file it would refuse to read). Ten years of daily use
is a few MB, the 20,000-change file of the realistic-scale benchmark 6.9 MB and the
100,000-change one 34 MB; 64 MiB is about 190,000 changes. The cap is also what
bounds how long a change holds the lock: reading, validating and writing a file at
the cap took 34 s on a loaded 2-CPU machine (README, "Performance"), where a
1,000,000-change file (some 340 MB) held it for more than ten minutes."""

BACKUPS_KEPT = 10
"""How many backups are kept by default (the newest)."""


class ProgressStore:
    """The progress file at ``path`` for the curriculum ``ref``.

    ``lock_timeout`` is in seconds. ``backup_dir`` holds the backups (default:
    ``backups/<file stem>`` beside the file); ``keep_backups`` (>= 1) is how many are
    kept. ``normalize`` is applied to every state read (e.g. carrying progress
    under renamed item IDs to the new ID). ``clock`` is the caller's clock (aware
    datetime), which names the backups; without one the store reads no clock and a
    backup is named by the time of the newest change recorded in either the state
    saved or the state it replaces (``at`` of its newest event). ``on_wait`` is
    called once, with the PID of the process holding the lock (None when the lock
    file names none) and ``lock_timeout``, when a command has waited
    :data:`~aipm_tracker.locking.LOCK_NOTICE_SECONDS` for the lock and goes on waiting (the store
    never prints: the caller says so).

    Methods raise :class:`CorruptProgressError` for a file that does not parse or
    validate, :class:`LockTimeoutError` when the lock is held too long, and
    :class:`StorageError` when the disk refuses (all exit code 1).
    """

    def __init__(
        self,
        path: Path,
        ref: CurriculumRef,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        *,
        backup_dir: Path | None = None,
        keep_backups: int = BACKUPS_KEPT,
        normalize: Callable[[Progress], Progress] | None = None,
        clock: Callable[[], datetime] | None = None,
        on_wait: Callable[[int | None, float], None] | None = None,
    ) -> None:
        self.path = path
        self.ref = ref
        self.backup_dir = backup_dir or path.parent / "backups" / path.stem
        self.keep_backups = max(1, keep_backups)
        self.normalize = normalize or (lambda progress: progress)
        self.clock = clock
        self.lock = ProgressLock(path.with_name(path.name + ".lock"), path, lock_timeout, on_wait)
        self._last_read: tuple[Progress, str] | None = None
        self.written_digest: str | None = None
        """The sha256 (hex) of the bytes this store last wrote to :attr:`path` (None
        before any write): what a cache keys the saved state on, taken from the very
        bytes written, so another process's later save can never be mistaken for it."""

    @property
    def lock_path(self) -> Path:
        """The lock file beside the progress file (``<name>.json.lock``). While a
        command holds the lock, the file holds its PID."""
        return self.lock.path

    def fresh(self) -> Progress:
        """The state of a user who has recorded nothing yet."""
        return Progress(schema_version=SCHEMA_VERSION, curriculum=self.ref)

    def load(self) -> Progress:
        """Read the progress file without locking (saves are atomic, so a reader sees
        either the old or the new file). A missing file is a fresh start."""
        raw = self._read(self.path)
        return self.fresh() if raw is None else self._progress_of(raw)[0]

    def load_with_digest(self) -> tuple[Progress, str | None]:
        """:meth:`load`, and the sha256 (hex) of the very bytes it parsed (None when
        there is no file), read once so that the two always agree (what the cache
        keys an entry on). Raises what :meth:`load` raises."""
        raw = self._read(self.path)
        if raw is None:
            return self.fresh(), None
        return self._progress_of(raw)

    def digest(self) -> str | None:
        """The sha256 (hex) of the progress file's bytes, read in 1 MiB chunks so that
        they are never all held in memory (at 100,000 history entries the file is some
        34 MB). None when there is no file. Raises :class:`StorageError` when it cannot
        be read and :class:`CorruptProgressError` when it is larger than
        :data:`MAX_PROGRESS_BYTES` (both exit 1)."""
        digest = hashlib.sha256()
        chunk = bytearray(2**20)
        size = 0
        try:
            with open_regular(self.path) as handle:
                while count := handle.readinto(chunk):
                    size += count
                    if size > MAX_PROGRESS_BYTES:
                        raise self._too_large(self.path)
                    digest.update(memoryview(chunk)[:count])
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise unreadable_error(self.path, exc) from None
        return digest.hexdigest()

    def line_of(self, own_item: str | None) -> int:
        """The line (1-based) of the progress file where the user's own item
        ``own_item`` begins (None: the profile's ``require`` list), to point at it in
        an error; 1 when it cannot be found or read."""
        needle = f'"id": "{own_item}"' if own_item is not None else '"require"'
        try:
            raw = self._read(self.path) or b""
        except TrackerError:
            return 1
        for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
            if needle in line:
                return number
        return 1

    def load_written(self) -> tuple[Progress, int | None]:
        """:meth:`load`, and the schema version the file was written in (None when
        there is no file); raises what :meth:`load` raises."""
        raw = self._read(self.path)
        if raw is None:
            return self.fresh(), None
        progress, version = self._parse_written(raw, self.path)
        return self.normalize(progress), version

    def update(self, change: Callable[[Progress], Progress]) -> tuple[Progress, Progress]:
        """Apply ``change`` to the current progress under the lock and save the result.

        ``change`` receives the freshly read :class:`Progress` and returns the new one
        (it may raise a :class:`TrackerError`, in which case nothing is written). When
        the result equals what was read, nothing is written. Returns
        ``(before, after)``.
        """
        with self._locked():
            raw = self._read(self.path)
            current = self.fresh() if raw is None else self._progress_of(raw)[0]
            new = change(current)
            if new.curriculum != self.ref:
                new = new.model_copy(update={"curriculum": self.ref})
            if new != current:
                self._save(new, previous=raw, at=_newest_change(new, current))
            return current, new

    def restore(self, backup_id: str | None, at: datetime) -> Restored:
        """Make backup ``backup_id`` (None: the newest) the current progress, as a
        change recorded in the history (``restore``) that ``undo`` reverts.

        The file it replaces is backed up first like before any save; an unreadable
        file is kept beside it as ``<stem>.unreadable-<ID>.json`` instead (never among
        the backups, where it could push a good one out). ``at`` is when (aware).
        Raises :class:`~aipm_tracker.errors.UsageError` (exit 2) for an unknown ID,
        :class:`TrackerError` when there are no backups, and
        :class:`CorruptProgressError` when the backup itself does not parse.
        """
        with self._locked():
            backup = self._find_backup(backup_id)
            raw_backup = self._read(backup.path)
            if raw_backup is None:
                raise StorageError("the backup disappeared; list them again", backup.path)
            restored = self.normalize(self._parse(raw_backup, backup.path))
            raw = self._read(self.path)
            before: Progress | None = None
            kept: Path | None = None
            replaced_id: str | None = None
            if raw is not None:
                try:
                    before = self.normalize(self._parse(raw, self.path))
                    replaced_id = self._next_id(at)  # the backup _save makes of ``raw``
                except CorruptProgressError:
                    kept = self.path.with_name(
                        f"{self.path.stem}.unreadable-{self._next_id(at)}{self.path.suffix}"
                    )
            event = Event(
                at=at,
                action="restore",
                backup=backup.id,
                replaced_backup=replaced_id,
                unreadable_kept=str(kept) if kept is not None else None,
            )
            after = restored.model_copy(
                update={"curriculum": self.ref, "history": [*restored.history, event]}
            )
            if kept is not None and raw is not None:
                self._write(kept, raw, "keep the unreadable file")
                raw = None  # it is kept aside, not among the backups
            try:
                saved_as = self._save(after, previous=raw, backup_id=replaced_id, at=at)
            except TrackerError:
                # Refused before the progress file was replaced: it still holds the
                # unreadable bytes, so the copy kept aside is not needed (and "nothing
                # was changed" stays true).
                if kept is not None:
                    with contextlib.suppress(OSError):
                        kept.unlink()
                raise
            return Restored(backup=backup, before=before, after=after, saved_as=saved_as, kept=kept)

    def save_job_text(self, relative: str, text: str) -> None:
        """Write a job description's ``text`` (UTF-8) at ``relative`` (``jobs/<ID>.txt``,
        from :func:`~aipm_tracker.paths.job_file`) beside the progress file, atomically
        and mode 0600, before the change that names it is saved. Raises
        :class:`StorageError` (exit 1)."""
        target = self.path.parent / relative
        self._ensure_dir(target.parent)
        self._write(target, text.encode("utf-8"), "save the job description")

    def job_text(self, relative: str) -> str:
        """The text of the saved job at ``relative`` (see :meth:`save_job_text`).
        Raises :class:`StorageError` (exit 1) when it is gone or cannot be read."""
        target = self.path.parent / relative
        try:
            with open_regular(target) as handle:
                return handle.read().decode("utf-8", "replace")
        except OSError as exc:
            raise StorageError(
                f"cannot read the saved job description: {exc.strerror or exc}.",
                target,
                fix=Fix("Remove the job and add its text again: {command}", Step.LIST_JOBS),
            ) from None

    def backups(self) -> list[Backup]:
        """The backups, oldest first (see :func:`~aipm_tracker.backups.list_backups`).
        Raises :class:`StorageError` when the backup directory cannot be read."""
        return list_backups(self.backup_dir)

    def read_backup(self, backup: Backup) -> Progress:
        """Parse ``backup`` like the progress file (migrated, validated, normalized).
        Raises :class:`CorruptProgressError` or :class:`DataError`."""
        raw = self._read(backup.path)
        if raw is None:
            raise StorageError("the backup is gone", backup.path)
        return self.normalize(self._parse(raw, backup.path))

    def summaries(self) -> list[BackupSummary]:
        """Every backup, oldest first, with its contents or why it cannot be read."""
        found = []
        for backup in self.backups():
            try:
                found.append(BackupSummary(backup, self.read_backup(backup), None))
            except TrackerError as exc:
                found.append(BackupSummary(backup, None, _within(exc, backup.path)))
        return found

    def backup_progress(self, backup_id: str) -> Progress:
        """The progress held by backup ``backup_id``, for undoing a restore. Raises
        :class:`TrackerError` (exit 1) when that backup is gone or cannot be read."""
        for backup in self.backups():
            if backup.id == backup_id:
                try:
                    return self.read_backup(backup)
                except TrackerError as exc:
                    raise TrackerError(
                        f"Cannot undo the restore: the backup {backup_id} that holds the file "
                        f"it replaced cannot be read ({exc.message})."
                    ) from None
        raise TrackerError(
            f"Cannot undo the restore: the backup {backup_id} that holds the file it "
            f"replaced is gone from {self.backup_dir}.",
            fix=Fix("Restore another backup with: {command}", Step.RESTORE_BACKUP),
        )

    def newest_good_backup(self) -> Backup | None:
        """The newest backup that parses and validates, or None."""
        for backup in reversed(self.backups()):
            with contextlib.suppress(TrackerError, OSError):
                self.read_backup(backup)
                return backup
        return None

    def stray_temp_files(self) -> list[Path]:
        """Temporary files a killed writer left: ``.<name>.*.tmp`` beside the progress
        file and ``.*.tmp`` in the backup directory. Only a writer holding the lock
        creates them, so under the lock every one of them is stray."""
        found = list(self.path.parent.glob(f".{self.path.name}.*.tmp"))
        found += list(self.path.parent.glob(f".{self.path.stem}.unreadable-*.tmp"))
        found += list(self.backup_dir.glob(".*.json.*.tmp"))
        return sorted(found)

    # ------------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock (see :class:`ProgressLock`) with the temporary files of
        killed writers removed."""
        self._ensure_dir(self.path.parent)
        with self.lock.held():
            for stray in self.stray_temp_files():
                with contextlib.suppress(OSError):
                    stray.unlink()
            yield

    def _read(self, path: Path) -> bytes | None:
        try:
            with open_regular(path) as handle:
                raw = handle.read(MAX_PROGRESS_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise unreadable_error(path, exc) from None
        if len(raw) > MAX_PROGRESS_BYTES:
            raise self._too_large(path)
        return raw

    def _too_large(self, path: Path) -> CorruptProgressError:
        return self._corrupt(
            path,
            f"the file is larger than {MAX_PROGRESS_BYTES // 2**20} MB, far more than any "
            "progress file.",
        )

    def _corrupt(
        self, path: Path, reason: str, line: int | None = None, column: int | None = None
    ) -> CorruptProgressError:
        """A :class:`CorruptProgressError` for the file at ``path`` with its way out."""
        return CorruptProgressError(reason, path, line, self._way_out(path), column=column)

    def _way_out(self, path: Path) -> Fix:
        if path != self.path:
            return Fix("The backup was left untouched; restore another one.")
        newest = self.newest_good_backup()
        if newest is not None:
            return Fix(
                "The file was left untouched. Restore the newest good backup with: {command}",
                Step.RESTORE_BACKUP,
                newest.id,
            )
        return Fix(
            "The file was left untouched and there is no good backup. Repair it by hand, "
            "or move it aside to start afresh: {command}",
            shell=f"mv '{path}' '{path}.broken'",
        )

    def _progress_of(self, raw: bytes) -> tuple[Progress, str]:
        """The normalized progress the progress-file bytes ``raw`` hold, and their
        sha256 (hex). A command
        that read the file before taking the lock (to resolve its curriculum) and
        finds the very same bytes under the lock gets the progress it read then
        instead of parsing and validating them again (at 20,000 history entries that
        is about a third of a ``done``; ``benchmarks/run.py``, "1k: aipm done").
        Progress is frozen, so sharing it is safe. Raises what :meth:`load` raises."""
        digest = hashlib.sha256(raw).hexdigest()
        if self._last_read is not None and self._last_read[1] == digest:
            return self._last_read
        self._last_read = (self.normalize(self._parse(raw, self.path)), digest)
        return self._last_read

    def _parse(self, raw: bytes, path: Path) -> Progress:
        return self._parse_written(raw, path)[0]

    def _parse_written(self, raw: bytes, path: Path) -> tuple[Progress, int]:
        """The progress in ``raw`` read from ``path``, and its schema as written."""
        try:
            data = parse_json(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise self._corrupt(
                path, f"the progress file is not UTF-8 text (byte {exc.start})."
            ) from None
        except JSONProblem as exc:
            raise self._corrupt(
                path, f"the progress file {exc.reason}.", exc.line, exc.column
            ) from None
        if not isinstance(data, dict):
            raise self._corrupt(path, "the progress file must hold a JSON object.")
        written = data["schema_version"] if isinstance(data.get("schema_version"), int) else 0
        data = self._migrate(data, path)
        try:
            progress = Progress.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(top level)"
            more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            reason = validation_words.describe(first)
            raise self._corrupt(
                path, f"the progress file is not valid: {where}: {reason}{more}."
            ) from None
        except RecursionError:
            raise self._corrupt(path, "the progress file nests too deeply to be ours.") from None
        if progress.curriculum.id != self.ref.id:
            raise DataError(
                f"holds progress for curriculum {progress.curriculum.id!r}, not "
                f"{self.ref.id!r}; it was left untouched.",
                path,
                fix=Fix("Use the matching --curriculum, or move the file aside."),
                subject=True,
            )
        return progress, written

    def _migrate(self, data: dict[str, Any], path: Path) -> dict[str, Any]:
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self._corrupt(path, "the progress file has no valid schema_version.")
        if version > SCHEMA_VERSION:
            raise DataError(
                f"was written by a newer aipm (schema {version}; this one knows {SCHEMA_VERSION}).",
                path,
                fix=Fix("Upgrade aipm-tracker; the file was left untouched."),
                subject=True,
            )
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
            data["schema_version"] = version
        return data

    def _ensure_dir(self, directory: Path) -> None:
        """Create ``directory`` and any missing parent with mode 0700 (mkdir's
        ``parents=True`` would give the parents the umask's default instead)."""
        missing = [d for d in (directory, *directory.parents) if not d.exists()]
        try:
            for d in reversed(missing):
                d.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            what = "backup directory" if directory == self.backup_dir else "data directory"
            raise StorageError(
                f"cannot create the {what}: {exc.strerror}.",
                directory,
                fix=(
                    Fix("Run {command} to see why.", Step.DOCTOR)
                    if directory == self.backup_dir
                    else Fix("Choose another with --data-dir or AIPM_DATA_DIR.")
                ),
            ) from None

    def _next_id(self, at: datetime | None) -> str:
        """A backup ID for now, later than every existing one (see
        :func:`~aipm_tracker.backups.next_id`): now is the caller's clock, or without
        one ``at`` (the time of the change being saved)."""
        return next_id(self.backups(), self.clock() if self.clock is not None else at)

    def _find_backup(self, backup_id: str | None) -> Backup:
        backups = self.backups()
        if not backups:
            raise TrackerError(f"There are no backups of {self.path} yet (in {self.backup_dir}).")
        if backup_id is None:
            return backups[-1]
        for backup in backups:
            if backup.id == backup_id.strip():
                return backup
        listed = ", ".join(b.id for b in backups[-3:])
        raise UsageError(
            f"no backup {backup_id!r}; the newest are {listed}.",
            fix=Fix("List them with: {command}", Step.LIST_BACKUPS),
        )

    def _write(self, path: Path, data: bytes, what: str) -> None:
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise StorageError(
                f"could not {what}: {exc.strerror or exc}.",
                path,
                fix=Fix("The previous file is unchanged."),
            ) from None

    def _save(
        self,
        progress: Progress,
        previous: bytes | None,
        backup_id: str | None = None,
        at: datetime | None = None,
    ) -> str | None:
        """Validate ``progress``, keep ``previous`` (the bytes of the file as read, if
        any) as a backup (named ``backup_id`` when given), replace the progress file
        atomically, rotate backups: the newest :attr:`keep_backups` are kept, and so is
        every backup a chain of undos from ``progress`` can reach (see
        :func:`~aipm_tracker.backups.pinned_backups`).
        ``at`` is when the change happened (see :meth:`_next_id`). Returns the ID of
        the backup made, if any."""
        payload = serialize(progress).encode("utf-8")
        if len(payload) > MAX_PROGRESS_BYTES:
            raise StorageError(
                f"the change would make the progress file larger than "
                f"{MAX_PROGRESS_BYTES // 2**20} MB, the most aipm reads back.",
                self.path,
                fix=Fix("Nothing was changed; the file is as it was."),
            )
        # The bytes about to be written must read back: a state built without
        # validation (``model_copy``) that breaks a rule is refused here, before the
        # first byte is written, not on the next read.
        Progress.model_validate_json(payload)
        if previous is None:
            backup_id = None
        else:
            if previous == payload:
                return None
            # Everything that can refuse (the backup directory) is checked before the
            # first byte is written, so a change is never saved and reported as failed.
            self._ensure_dir(self.backup_dir)
            self.backups()
            backup_id = backup_id or self._next_id(at)
            self._write(self.backup_dir / f"{backup_id}.json", previous, "save progress")
        try:
            self._write(self.path, payload, "save progress")
        except StorageError:
            if backup_id is not None:  # the change did not happen: neither did its backup
                with contextlib.suppress(OSError):
                    (self.backup_dir / f"{backup_id}.json").unlink()
            raise
        self.written_digest = hashlib.sha256(payload).hexdigest()
        with contextlib.suppress(StorageError):  # the change is saved; pruning can wait
            existing = self.backups()
            pinned = pinned_backups(progress, {b.id: b.path for b in existing})
            rotating = [b for b in existing if b.id not in pinned]
            for old in rotating[: -self.keep_backups]:
                with contextlib.suppress(OSError):
                    old.path.unlink()
        return backup_id


def _within(exc: TrackerError, path: Path) -> str:
    """What went wrong in the file at ``path`` (named by the caller): the reason with
    its line and column, without the path or the way out."""
    if exc.path is not None and Path(exc.path) == path:
        return exc.where + exc.reason.removesuffix(".")
    return exc.problem.removesuffix(".")


def _newest_change(*states: Progress) -> datetime | None:
    """The time of the newest change recorded in any of ``states`` (None: none)."""
    return max((s.history[-1].at for s in states if s.history), default=None)


def serialize(progress: Progress) -> str:
    """The exact text written for ``progress``: indented JSON, fields left at their
    defaults omitted (they read back identically), trailing newline. Deterministic, so
    the same state always gives the same bytes (``undo`` relies on it)."""
    return progress.model_dump_json(indent=2, exclude_defaults=True) + "\n"
