"""The changes a user makes to their progress, as pure functions.

Each function takes the current :class:`Progress` and an aware datetime ``at`` (the
CLI reads the clock, not this module) and returns a new :class:`Progress` with the
change applied and one :class:`Event` appended to the history holding the item's whole
state before and after, so that :func:`undo` can revert it exactly. A change that
would leave the state as it is returns the progress unchanged and records nothing.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from .errors import TrackerError, UsageError
from .models import Action, Event, Evidence, ItemProgress, Note, Profile, Progress


def _record(
    progress: Progress, item_id: str, action: Action, after: ItemProgress, at: datetime
) -> Progress:
    before = progress.items.get(item_id)
    if after == (before or ItemProgress()):
        return progress
    items = dict(progress.items)
    items[item_id] = after
    event = Event(at=at, action=action, item=item_id, before=before, after=after)
    return progress.model_copy(update={"items": items, "history": [*progress.history, event]})


def _state(progress: Progress, item_id: str) -> ItemProgress:
    return progress.items.get(item_id) or ItemProgress()


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host.

    Raises :class:`UsageError` otherwise (evidence must be a link a mentor can open).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"{url!r} is not an http(s) URL; evidence must be a link such as "
            "https://example.com/certificate"
        )
    return url


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError(f"the {what} is empty")
    return text


def start(progress: Progress, item_id: str, at: datetime) -> Progress:
    """Mark ``item_id`` in progress; ``started_at`` is kept if already set."""
    old = _state(progress, item_id)
    new = old.model_copy(
        update={
            "status": "in_progress",
            "started_at": old.started_at or at,
            "completed_at": None,
            "skip_reason": None,
        }
    )
    return _record(progress, item_id, "start", new, at)


def done(
    progress: Progress,
    item_id: str,
    at: datetime,
    level: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
) -> Progress:
    """Mark ``item_id`` done at ``at``, optionally with a Dreyfus ``level`` (0-5), a
    ``note`` and an ``evidence`` URL (http(s); raises :class:`UsageError` otherwise)."""
    old = _state(progress, item_id)
    update: dict[str, object] = {
        "status": "done",
        "started_at": old.started_at or at,
        "completed_at": old.completed_at if old.status == "done" else at,
        "skip_reason": None,
    }
    if level is not None:
        update["level"] = level
    if note is not None:
        update["notes"] = [*old.notes, Note(at=at, text=_clean(note, "note"))]
    if evidence is not None:
        update["evidence"] = [*old.evidence, Evidence(at=at, url=check_url(evidence))]
    return _record(progress, item_id, "done", old.model_copy(update=update), at)


def skip(progress: Progress, item_id: str, at: datetime, reason: str | None = None) -> Progress:
    """Mark ``item_id`` not applicable: it leaves every denominator."""
    old = _state(progress, item_id)
    new = old.model_copy(
        update={
            "status": "skipped",
            "skip_reason": _clean(reason, "reason") if reason is not None else None,
            "completed_at": None,
        }
    )
    return _record(progress, item_id, "skip", new, at)


def reset(progress: Progress, item_id: str, at: datetime) -> Progress:
    """Put ``item_id`` back to todo with no level or dates. Notes and evidence are
    kept: they are the user's words and are never thrown away."""
    old = _state(progress, item_id)
    new = ItemProgress(notes=old.notes, evidence=old.evidence)
    return _record(progress, item_id, "reset", new, at)


def set_level(progress: Progress, item_id: str, level: int, at: datetime) -> Progress:
    """Record the user's self-assessed Dreyfus ``level`` (0-5) on ``item_id``."""
    old = _state(progress, item_id)
    return _record(progress, item_id, "level", old.model_copy(update={"level": level}), at)


def add_note(progress: Progress, item_id: str, text: str, at: datetime) -> Progress:
    """Append a dated note to ``item_id``. Raises :class:`UsageError` if it is empty."""
    old = _state(progress, item_id)
    notes = [*old.notes, Note(at=at, text=_clean(text, "note"))]
    return _record(progress, item_id, "note", old.model_copy(update={"notes": notes}), at)


def add_evidence(
    progress: Progress, item_id: str, url: str, at: datetime, label: str | None = None
) -> Progress:
    """Append an evidence link (http(s) ``url``, optional ``label``) to ``item_id``."""
    old = _state(progress, item_id)
    entry = Evidence(at=at, url=check_url(url), label=_clean(label, "label") if label else None)
    return _record(
        progress,
        item_id,
        "evidence",
        old.model_copy(update={"evidence": [*old.evidence, entry]}),
        at,
    )


def set_profile(
    progress: Progress,
    at: datetime,
    target_role: str | None = None,
    hours_per_week: float | None = None,
) -> Progress:
    """Set the target role and/or the study pace (hours per week); None leaves a
    field as it is. The caller checks that ``target_role`` exists."""
    before = progress.profile
    update: dict[str, object] = {}
    if target_role is not None:
        update["target_role"] = target_role
    if hours_per_week is not None:
        update["hours_per_week"] = hours_per_week
    after = Profile.model_validate({**before.model_dump(), **update})
    if after == before:
        return progress
    event = Event(at=at, action="target", profile_before=before, profile_after=after)
    return progress.model_copy(update={"profile": after, "history": [*progress.history, event]})


def undo(progress: Progress) -> Progress:
    """Revert the newest change exactly and drop it from the history.

    The result serializes to the same bytes as the file before that change.
    Raises :class:`TrackerError` (exit 1) when the history is empty.
    """
    if not progress.history:
        raise TrackerError("There is nothing to undo: the history is empty.")
    event = progress.history[-1]
    history = progress.history[:-1]
    if event.item is None:
        profile = event.profile_before or Profile()
        return progress.model_copy(update={"profile": profile, "history": history})
    items = dict(progress.items)
    if event.before is None:
        items.pop(event.item, None)
    else:
        items[event.item] = event.before
    return progress.model_copy(update={"items": items, "history": history})
