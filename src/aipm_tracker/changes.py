"""The changes a user makes to their progress, as pure functions.

Each function takes the current :class:`Progress` and an aware datetime ``at`` (the
CLI reads the clock, not this module) and returns a new :class:`Progress` with the
change applied and one :class:`Event` appended to the history holding the item's whole
state before and after, so that :func:`undo` can revert it exactly. A change that
would leave the state as it is returns the progress unchanged and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .errors import Fix, Step, TrackerError, UsageError
from .models import (
    Action,
    Event,
    Evidence,
    ItemProgress,
    ItemState,
    Job,
    Note,
    Profile,
    Progress,
    is_http_url,
)


def _record(
    progress: Progress,
    item_id: str,
    action: Action,
    at: datetime,
    state: ItemState | None = None,
    note: Note | None = None,
    evidence: Evidence | None = None,
) -> Progress:
    """Apply a change to one item and append its :class:`Event`: the new status
    fields ``state`` (None: unchanged) and/or one appended ``note`` / ``evidence``."""
    old = progress.items.get(item_id)
    current = old or ItemProgress()
    before = current.item_state()
    after = state if state is not None else before
    if after == before and note is None and evidence is None:
        return progress
    new = ItemProgress(
        **after.model_dump(),
        notes=[*current.notes, note] if note else current.notes,
        evidence=[*current.evidence, evidence] if evidence else current.evidence,
    )
    items = dict(progress.items)
    items[item_id] = new
    event = Event(
        at=at,
        action=action,
        item=item_id,
        before=before if old is not None else None,
        after=after,
        note=note,
        evidence=evidence,
    )
    return progress.model_copy(update={"items": items, "history": [*progress.history, event]})


def _state(progress: Progress, item_id: str) -> ItemState:
    return (progress.items.get(item_id) or ItemProgress()).item_state()


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host.

    Raises :class:`UsageError` otherwise (evidence must be a link a mentor can open).
    """
    message = (
        f"{url!r} is not an http(s) URL; evidence must be a link such as "
        "https://example.com/certificate"
    )
    if not is_http_url(_clean(url, "URL")):
        raise UsageError(message)
    return url.strip()


def _clean(text: str, what: str) -> str:
    """``text`` stripped; raises :class:`UsageError` if it is empty or is not text
    that UTF-8 can hold (bytes a shell passed through that are not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"the {what} is not valid UTF-8 text") from None
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
    return _record(progress, item_id, "start", at, state=new)


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
    return _record(
        progress,
        item_id,
        "done",
        at,
        state=old.model_copy(update=update),
        note=Note(at=at, text=_clean(note, "note")) if note is not None else None,
        evidence=Evidence(at=at, url=check_url(evidence)) if evidence is not None else None,
    )


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
    return _record(progress, item_id, "skip", at, state=new)


def record_amount(
    progress: Progress,
    item_id: str,
    amount: float,
    target: float,
    at: datetime,
    *,
    replace: bool = False,
) -> Progress:
    """Add ``amount`` (in the quantity's unit: hours or months; ``replace``: set it
    instead) to what the user recorded toward ``item_id``'s quantity ``target``.
    Reaching the target marks the item done at ``at``; below it the item is in
    progress. Raises :class:`UsageError` when the total would be negative."""
    old = _state(progress, item_id)
    total = amount if replace else (old.amount or 0.0) + amount
    if total < 0:
        raise UsageError(
            f"that would leave {total:g} recorded on {item_id}; an amount cannot go below 0"
        )
    reached = total >= target
    update: dict[str, object] = {
        "amount": total,
        "status": "done" if reached else ("in_progress" if total > 0 else "todo"),
        "started_at": old.started_at or (at if total > 0 else None),
        "completed_at": (old.completed_at if old.status == "done" else at) if reached else None,
        "skip_reason": None,
    }
    return _record(progress, item_id, "amount", at, state=old.model_copy(update=update))


def reset(progress: Progress, item_id: str, at: datetime) -> Progress:
    """Put ``item_id`` back to todo with no level or dates. Notes and evidence are
    kept: they are the user's words and are never thrown away."""
    return _record(progress, item_id, "reset", at, state=ItemState())


def set_level(progress: Progress, item_id: str, level: int, at: datetime) -> Progress:
    """Record the user's self-assessed Dreyfus ``level`` (0-5) on ``item_id``."""
    old = _state(progress, item_id)
    return _record(progress, item_id, "level", at, state=old.model_copy(update={"level": level}))


def add_note(progress: Progress, item_id: str, text: str, at: datetime) -> Progress:
    """Append a dated note to ``item_id``. Raises :class:`UsageError` if it is empty."""
    return _record(progress, item_id, "note", at, note=Note(at=at, text=_clean(text, "note")))


def add_evidence(
    progress: Progress,
    item_id: str,
    url: str,
    at: datetime,
    label: str | None = None,
    credential_id: str | None = None,
) -> Progress:
    """Append an evidence link (http(s) ``url``, optional ``label`` and
    ``credential_id``, e.g. a certification number) to ``item_id``."""
    entry = Evidence(
        at=at,
        url=check_url(url),
        label=_clean(label, "label") if label is not None else None,
        credential_id=(
            _clean(credential_id, "credential ID") if credential_id is not None else None
        ),
    )
    return _record(progress, item_id, "evidence", at, evidence=entry)


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


def new_job(
    progress: Progress, text: str, at: datetime, title: str | None, company: str | None
) -> tuple[str, Job]:
    """The ID and record of a job description ``text`` added at ``at``: the ID is ``j-``
    and the first 6 hex digits of the text's sha256, more when another saved job's ID
    has them. ``title`` and ``company`` are cleaned (raises :class:`UsageError` when
    given empty)."""
    import hashlib

    from . import paths

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    size = 6
    while any(j.startswith(f"j-{digest[:size]}") for j in progress.jobs) and size < 64:
        known = progress.jobs.get(f"j-{digest[:size]}")
        if known is not None and known.sha256 == digest:
            break
        size += 2
    job_id = f"j-{digest[:size]}"
    job = Job(
        title=_clean(title, "title") if title is not None else None,
        company=_clean(company, "company") if company is not None else None,
        added_at=at,
        sha256=digest,
        file=paths.job_file(job_id),
    )
    return job_id, job


def add_job(progress: Progress, job_id: str, job: Job, at: datetime) -> Progress:
    """Save ``job`` (its text already written beside the progress file) under
    ``job_id``. Raises :class:`UsageError` when a job with the same text is saved
    already (its ID is named)."""
    for known_id, known in progress.jobs.items():
        if known.sha256 == job.sha256:
            raise UsageError(
                f"this job description is saved already, as {known_id}.",
                fix=Fix("See it with: {command}", Step.SHOW_JOB, known_id),
            )
    jobs = {**progress.jobs, job_id: job}
    event = Event(at=at, action="job_add", job_id=job_id, job_after=job)
    return progress.model_copy(update={"jobs": jobs, "history": [*progress.history, event]})


def remove_job(progress: Progress, job_id: str, at: datetime) -> Progress:
    """Forget the saved job ``job_id`` (the caller resolved it). Its text stays on
    disk, so that ``undo`` can bring the job back whole."""
    jobs = dict(progress.jobs)
    before = jobs.pop(job_id)
    event = Event(at=at, action="job_remove", job_id=job_id, job_before=before)
    return progress.model_copy(update={"jobs": jobs, "history": [*progress.history, event]})


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
        if event.unreadable_kept is not None:
            raise TrackerError(
                f"The last change restored backup {event.backup} over a progress file that "
                f"could not be read; that file is kept at {event.unreadable_kept}, and undo "
                "cannot bring an unreadable file back.",
                fix=Fix("Restore another backup with: {command}", Step.RESTORE_BACKUP),
            )
        if event.replaced_backup is None:  # there was no file: back to a fresh start
            return progress.model_copy(update={"profile": Profile(), "items": {}, "history": []})
        if backup is None:
            raise TrackerError("undoing a restore needs the store's backups")
        return backup(event.replaced_backup).model_copy(update={"curriculum": progress.curriculum})
    if event.job_id is not None:
        jobs = dict(progress.jobs)
        if event.job_before is None:
            jobs.pop(event.job_id, None)
        else:
            jobs[event.job_id] = event.job_before
        return progress.model_copy(update={"jobs": jobs, "history": history})
    if event.item is None:
        profile = event.profile_before or Profile()
        return progress.model_copy(update={"profile": profile, "history": history})
    current = progress.items.get(event.item) or ItemProgress()
    # Notes and evidence only ever grow, and undo goes newest first, so the entry this
    # event appended is the last one.
    notes = current.notes[:-1] if event.note is not None else current.notes
    evidence = current.evidence[:-1] if event.evidence is not None else current.evidence
    items = dict(progress.items)
    if event.before is None:
        items.pop(event.item, None)
    else:
        items[event.item] = ItemProgress(
            **event.before.model_dump(), notes=notes, evidence=evidence
        )
    return progress.model_copy(update={"items": items, "history": history})
