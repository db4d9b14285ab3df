"""Editing and removing an item's notes and evidence entries, and undoing that."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..errors import Fix, UsageError, required_text
from ..models import Event, Evidence, ItemProgress, Note, Progress
from ..wording import plural
from .core import _event, check_moment, check_url


def _numbered(entries: Sequence[object], number: int, item_id: str, what: str) -> int:
    """The 0-based position of entry ``number`` (1-based, as ``aipm show`` numbers
    them) among ``entries``; raises :class:`UsageError` when there is none."""
    if 1 <= number <= len(entries):
        return number - 1
    count = len(entries)
    has = f"has {count} {plural(count, what)}" if count else f"has no {plural(0, what)}"
    raise UsageError(
        f"{item_id} {has}, so there is no {what} {number}.",
        fix=Fix(f"See them numbered with: aipm show {item_id}"),
    )


def _entries_event(
    progress: Progress, item_id: str, notes: list[Note], evidence: list[Evidence], event: Event
) -> Progress:
    current = progress.items.get(item_id) or ItemProgress()
    items = dict(progress.items)
    items[item_id] = current.model_copy(update={"notes": notes, "evidence": evidence})
    return _event(progress, event, items=items)


def edit_note(
    progress: Progress,
    item_id: str,
    number: int,
    text: str,
    at: datetime,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Replace the text of note ``number`` (1-based) of ``item_id``; with ``as_of`` its
    date too. Raises :class:`UsageError` for a number out of range or an empty text."""
    current = _entry_state(progress, item_id)
    index = _numbered(current.notes, number, item_id, "note")
    old = current.notes[index]
    new = Note(at=check_moment(as_of, at) if as_of else old.at, text=required_text(text, "note"))
    if new == old:
        return progress
    notes = [*current.notes[:index], new, *current.notes[index + 1 :]]
    event = Event(at=at, action="note-edit", item=item_id, index=index, note_before=old, note=new)
    return _entries_event(progress, item_id, notes, current.evidence, event)


def remove_note(progress: Progress, item_id: str, number: int, at: datetime) -> Progress:
    """Remove note ``number`` (1-based) of ``item_id`` (undo puts it back)."""
    current = _entry_state(progress, item_id)
    index = _numbered(current.notes, number, item_id, "note")
    notes = [*current.notes[:index], *current.notes[index + 1 :]]
    event = Event(
        at=at, action="note-remove", item=item_id, index=index, note_before=current.notes[index]
    )
    return _entries_event(progress, item_id, notes, current.evidence, event)


def edit_evidence(
    progress: Progress,
    item_id: str,
    number: int,
    at: datetime,
    *,
    url: str | None = None,
    label: str | None = None,
    credential_id: str | None = None,
    as_of: datetime | None = None,
) -> Progress:
    """Change the URL, label, credential ID and/or (``as_of``) date of evidence
    ``number`` (1-based) of ``item_id``; None leaves a field, an empty label or
    credential ID removes it. Raises :class:`UsageError` for a number out of range or a
    bad URL."""
    current = _entry_state(progress, item_id)
    index = _numbered(current.evidence, number, item_id, "evidence entry")
    old = current.evidence[index]
    update: dict[str, object] = {}
    if url is not None:
        update["url"] = check_url(url)
    if label is not None:
        update["label"] = required_text(label, "label") if label.strip() else None
    if credential_id is not None:
        update["credential_id"] = (
            required_text(credential_id, "credential ID") if credential_id.strip() else None
        )
    if as_of is not None:
        update["at"] = check_moment(as_of, at)
    new = Evidence.model_validate({**old.model_dump(), **update})
    if new == old:
        return progress
    evidence = [*current.evidence[:index], new, *current.evidence[index + 1 :]]
    event = Event(
        at=at,
        action="evidence-edit",
        item=item_id,
        index=index,
        evidence_before=old,
        evidence=new,
    )
    return _entries_event(progress, item_id, current.notes, evidence, event)


def remove_evidence(progress: Progress, item_id: str, number: int, at: datetime) -> Progress:
    """Remove evidence ``number`` (1-based) of ``item_id`` (undo puts it back)."""
    current = _entry_state(progress, item_id)
    index = _numbered(current.evidence, number, item_id, "evidence entry")
    evidence = [*current.evidence[:index], *current.evidence[index + 1 :]]
    event = Event(
        at=at,
        action="evidence-remove",
        item=item_id,
        index=index,
        evidence_before=current.evidence[index],
    )
    return _entries_event(progress, item_id, current.notes, evidence, event)


def _entry_state(progress: Progress, item_id: str) -> ItemProgress:
    return progress.items.get(item_id) or ItemProgress()


def undo_entry(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Undo an edit (the entry as it was) or a removal (put back where it was) of a
    note or evidence entry."""
    assert event.item is not None and event.index is not None
    current = progress.items[event.item]
    notes, evidence = list(current.notes), list(current.evidence)
    if event.action == "note-edit" and event.note_before is not None:
        notes[event.index] = event.note_before
    elif event.action == "note-remove" and event.note_before is not None:
        notes.insert(event.index, event.note_before)
    elif event.action == "evidence-edit" and event.evidence_before is not None:
        evidence[event.index] = event.evidence_before
    elif event.evidence_before is not None:
        evidence.insert(event.index, event.evidence_before)
    items = dict(progress.items)
    items[event.item] = current.model_copy(update={"notes": notes, "evidence": evidence})
    return progress.model_copy(update={"items": items, "history": history})
