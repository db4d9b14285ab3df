"""What the progress store tells about its backups (its result types)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

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
