"""Undo: the newest change reverted exactly, by the module that knows its kind."""

from __future__ import annotations

from collections.abc import Callable

from .. import cert_changes
from ..errors import Fix, Step, TrackerError
from ..models import Event, ItemProgress, Profile, Progress
from .entries import undo_entry
from .interview import INTERVIEW_ACTIONS, undo_interview
from .jobs import undo_job
from .profile import undo_own


def undo(progress: Progress, backup: Callable[[str], Progress] | None = None) -> Progress:
    """Revert the newest change exactly and drop it from the history.

    The result serializes to the same bytes as the file before that change. Undoing
    a ``restore`` gives back the file it replaced, read with ``backup(ID)`` from the
    backup the restore names (the store's :meth:`~aipm_tracker.store.ProgressStore.
    backup_progress`). Raises :class:`TrackerError` (exit 1) when the history is empty,
    the last change restored a backup over a file that could not be read, or the
    backup it needs cannot be read.
    """
    if not progress.history:
        raise TrackerError("There is nothing to undo: the history is empty.")
    event = progress.history[-1]
    history = progress.history[:-1]
    if event.action == "restore":
        return _undo_restore(progress, event, backup)
    if event.action in INTERVIEW_ACTIONS:
        return undo_interview(progress, event, history)
    if event.action in ("log", "log-remove") and event.time_entry is not None:
        progress = _undo_log(progress, event)
        if event.item is None:
            return progress.model_copy(update={"history": history})
    if event.action in (*cert_changes.CERT_ACTIONS, *cert_changes.EXPERIENCE_ACTIONS):
        return cert_changes.undo_event(progress, event, history)
    if event.action in ("item-add", "item-remove"):
        return undo_own(progress, event, history)
    if event.action in ("note-edit", "note-remove", "evidence-edit", "evidence-remove"):
        return undo_entry(progress, event, history)
    if event.job_id is not None:
        return undo_job(progress, event, history)
    if event.item is None and not event.changes:
        profile = event.profile_before or Profile()
        return progress.model_copy(update={"profile": profile, "history": history})
    return _undo_items(progress, event, history)


def _undo_restore(
    progress: Progress, event: Event, backup: Callable[[str], Progress] | None
) -> Progress:
    """The progress before a ``restore`` ``event``: the file it replaced, read with
    ``backup(ID)``, or a fresh start when there was none (see :func:`undo`)."""
    if event.unreadable_kept is not None:
        raise TrackerError(
            f"The last change restored backup {event.backup} over a progress file that "
            f"could not be read; that file is kept at {event.unreadable_kept}, and undo "
            "cannot bring an unreadable file back.",
            fix=Fix("Restore another backup with: {command}", Step.RESTORE_BACKUP),
        )
    if event.replaced_backup is None:  # there was no file: back to a fresh start
        return Progress(schema_version=progress.schema_version, curriculum=progress.curriculum)
    if backup is None:
        raise TrackerError("undoing a restore needs the store's backups")
    return backup(event.replaced_backup).model_copy(update={"curriculum": progress.curriculum})


def _undo_items(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Put back each item ``event`` changed as it was before, and take off the note
    and evidence entry it appended."""
    items = dict(progress.items)
    # Undo newest first: an item changed twice in one event is put back in turn.
    for change in reversed(event.item_changes()):
        current = items.get(change.item) or ItemProgress()
        # Notes and evidence only ever grow by appending (edits are their own
        # events), and undo goes newest first, so the entry this event appended is
        # the last one.
        notes = current.notes[:-1] if change.note is not None else current.notes
        evidence = current.evidence[:-1] if change.evidence is not None else current.evidence
        if change.before is None:
            items.pop(change.item, None)
        else:
            items[change.item] = ItemProgress(
                **change.before.model_dump(), notes=notes, evidence=evidence
            )
    return progress.model_copy(update={"items": items, "history": history})


def _undo_log(progress: Progress, event: Event) -> Progress:
    """The time log as it was before a ``log`` (its entry taken out again) or a
    ``log-remove`` (the entry put back where it was); the item's status fields are
    reverted by :func:`undo` like any item change's. The history is left as it is."""
    entry = event.time_entry
    assert entry is not None
    entries = [e for e in progress.time_log if e.id != entry.id]
    if event.action == "log-remove":
        entries.insert(event.index if event.index is not None else len(entries), entry)
    return progress.model_copy(update={"time_log": entries})
