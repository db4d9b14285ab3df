"""The progress store's backups: how they are named (their IDs are UTC times), which
of them an undo can still need, and what the store tells about them (its result
types)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from .errors import Fix, StorageError
from .files import parse_json
from .models import Progress


class Backup(NamedTuple):
    """One backup file: its ``id`` (what ``aipm backup restore`` takes), its
    ``path`` and its ``size`` in bytes."""

    id: str
    path: Path
    size: int


class BackupSummary(NamedTuple):
    """A backup and what it holds: ``progress`` when it parses, else ``problem``
    (the reason it does not)."""

    backup: Backup
    progress: Progress | None
    problem: str | None


class Restored(NamedTuple):
    """What :meth:`ProgressStore.restore` did: the ``backup`` restored, the state
    ``before`` (None when there was no readable file), the state ``after``,
    ``saved_as``, the ID of the new backup of the replaced file (None when there was
    none or it was unreadable), and ``kept``, where an unreadable file that was
    replaced was kept (else None)."""

    backup: Backup
    before: Progress | None
    after: Progress
    saved_as: str | None
    kept: Path | None


BACKUP_ID = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")
"""A backup ID: its UTC time as ``YYYYMMDDTHHMMSS.ffffffZ``."""

ID_FORMAT = "%Y%m%dT%H%M%S.%fZ"

LAST_ID = datetime.max.strftime(ID_FORMAT)
"""The latest backup ID there can be (the last microsecond of year 9999): no backup
can be named after it, so while a backup of this name exists no change can be saved."""


def backup_time(backup_id: str) -> datetime | None:
    """The UTC time (naive) a backup ID names, or None when ``backup_id`` is not a
    backup ID (``99999999T999999.999999Z`` matches the pattern but is no time)."""
    if not BACKUP_ID.match(backup_id):
        return None
    try:
        return datetime.strptime(backup_id, ID_FORMAT)
    except ValueError:
        return None


def replaced_backups(path: Path) -> list[str]:
    """The ``replaced_backup`` IDs named in the history of the backup at ``path``
    (read as plain JSON, not validated); [] when it cannot be read or parsed."""
    try:
        data = parse_json(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return []
    history = data.get("history") if isinstance(data, dict) else None
    if not isinstance(history, list):
        return []
    return [
        e["replaced_backup"]
        for e in history
        if isinstance(e, dict) and isinstance(e.get("replaced_backup"), str)
    ]


def list_backups(directory: Path) -> list[Backup]:
    """The backups in ``directory``, oldest first. Files whose names are not backup
    IDs (a UTC time that exists, see :func:`backup_time`) are ignored (and never
    deleted). Raises :class:`StorageError` when the directory cannot be read."""
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(f"cannot read the backups: {exc.strerror or exc}", directory) from None
    found = []
    for entry in entries:
        stem, dot, ext = entry.name.rpartition(".")
        if dot and ext == "json" and backup_time(stem) and entry.is_file():
            found.append(Backup(id=stem, path=Path(entry.path), size=entry.stat().st_size))
    return sorted(found, key=lambda b: b.id)


def next_id(existing: list[Backup], now: datetime | None) -> str:
    """A backup ID for ``now`` (aware; None: just after the newest backup), later than
    every one of ``existing`` (oldest first), even if the clock stepped back. Raises
    :class:`StorageError` when the newest is :data:`LAST_ID`."""
    at = (now or datetime.min.replace(tzinfo=UTC)).astimezone(UTC).replace(tzinfo=None)
    if existing:
        if existing[-1].id == LAST_ID:
            raise StorageError(
                "the backup is named for the last moment of year 9999, so no later "
                "backup can be made and no change can be saved.",
                existing[-1].path,
                fix=Fix(
                    f"Nothing was changed. Move it out of {existing[-1].path.parent} "
                    "(or rename it to its real time) and try again."
                ),
            )
        newest = datetime.strptime(existing[-1].id, ID_FORMAT)
        at = max(at, newest + timedelta(microseconds=1))
    return at.strftime(ID_FORMAT)


def pinned_backups(progress: Progress, backups: dict[str, Path]) -> set[str]:
    """The IDs of every backup a chain of undos from ``progress`` can need: those
    its restores replaced, and, in the state each of those holds, the backups its
    own restores replaced, and so on (undoing a restore brings back a history
    with restores of its own). ``backups`` maps the existing IDs to their files.
    A backup that cannot be read pins nothing further."""
    pinned: set[str] = set()
    todo = [e.replaced_backup for e in progress.history if e.replaced_backup]
    while todo:
        backup_id = todo.pop()
        if backup_id in pinned:
            continue
        pinned.add(backup_id)
        path = backups.get(backup_id)
        if path is None:
            continue
        todo.extend(replaced_backups(path))
    return pinned
