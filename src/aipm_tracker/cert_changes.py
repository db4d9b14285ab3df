"""The changes to experience and certification records (progress schema 8), as pure
functions, and how :func:`aipm_tracker.changes.undo` reverts them.

Each function takes the current :class:`Progress`, its arguments (already parsed: the
CLI resolves the certification ID and reads the clock) and the aware datetime ``at``
of the change, and returns a new :class:`Progress` with one :class:`Event` appended
that holds the exact record before and after. Bad input raises
:class:`~aipm_tracker.errors.UsageError` (exit 2) before anything changes.
"""

from __future__ import annotations

from datetime import date, datetime, time

from .errors import UsageError, required_text
from .models import (
    Attempt,
    CertRecord,
    Credit,
    Event,
    Experience,
    ExperienceKind,
    ItemProgress,
    ItemState,
    Progress,
    Result,
)

CERT_ACTIONS = ("cert_book", "cert_result", "cert_earned", "cert_credit")
"""The actions that change one certification record."""

EXPERIENCE_ACTIONS = ("experience_add", "experience_remove")
"""The actions that add or remove one experience entry."""


def _append(progress: Progress, event: Event, **update: object) -> Progress:
    return progress.model_copy(update={**update, "history": [*progress.history, event]})


def add_experience(
    progress: Progress,
    title: str,
    start: str,
    end: str | None,
    kind: ExperienceKind,
    this_month: str,
    at: datetime,
) -> Progress:
    """Add a period of work: ``title``, months ``start`` and ``end`` (``YYYY-MM``,
    both included; ``end`` None: ongoing) of ``kind``. The new entry's ID is ``e`` and
    one more than the highest in use. Raises :class:`UsageError` for an empty title,
    an ``end`` before ``start``, or a ``start`` or ``end`` after ``this_month`` (the
    current local month, ``YYYY-MM``): experience is what you have done."""
    name = required_text(title, "title")
    if start > this_month:
        raise UsageError(
            f"--from {start} is in the future (this month is {this_month}); record "
            "experience you have, up to this month"
        )
    if end is not None and end < start:
        raise UsageError(f"--to {end} is before --from {start}; a period ends after it starts")
    if end is not None and end > this_month:
        raise UsageError(
            f"--to {end} is in the future (this month is {this_month}); leave --to out "
            "for work that goes on"
        )
    numbers = [int(e.id[1:]) for e in progress.experience]
    entry = Experience.model_validate(
        {
            "id": f"e{max(numbers, default=0) + 1}",
            "title": name,
            "from": start,
            "to": end,
            "kind": kind,
        }
    )
    index = len(progress.experience)
    event = Event(at=at, action="experience_add", experience=entry, index=index)
    return _append(progress, event, experience=[*progress.experience, entry])


def remove_experience(progress: Progress, entry_id: str, at: datetime) -> Progress:
    """Remove the experience entry ``entry_id`` (``e3``). Raises :class:`UsageError`
    naming the IDs there are when there is no such entry."""
    wanted = entry_id.strip().lower()
    ids = [e.id for e in progress.experience]
    if wanted not in ids:
        known = ", ".join(ids) or "none yet"
        raise UsageError(
            f"no experience entry {entry_id.strip()!r} (yours: {known}); "
            "list them with: aipm experience list"
        )
    index = ids.index(wanted)
    entry = progress.experience[index]
    rest = [*progress.experience[:index], *progress.experience[index + 1 :]]
    event = Event(at=at, action="experience_remove", experience=entry, index=index)
    return _append(progress, event, experience=rest)


def _cert_event(
    progress: Progress, cert_id: str, action: str, new: CertRecord, at: datetime, **extra: object
) -> Progress:
    old = progress.certs.get(cert_id)
    event = Event.model_validate(
        {
            "at": at,
            "action": action,
            "cert_id": cert_id,
            "cert_before": old,
            "cert_after": new,
            **extra,
        }
    )
    certs = {**progress.certs, cert_id: new}
    return _append(progress, event, certs=certs, **_items_update(progress, extra))


def _items_update(progress: Progress, extra: dict[str, object]) -> dict[str, object]:
    item = extra.get("item")
    after = extra.get("after")
    if not isinstance(item, str) or not isinstance(after, ItemState):
        return {}
    current = progress.items.get(item) or ItemProgress()
    items = dict(progress.items)
    items[item] = ItemProgress(**after.model_dump(), notes=current.notes, evidence=current.evidence)
    return {"items": items}


def _record(progress: Progress, cert_id: str) -> CertRecord:
    return progress.certs.get(cert_id) or CertRecord()


def book_exam(progress: Progress, cert_id: str, on: date, today: date, at: datetime) -> Progress:
    """Book the exam of ``cert_id`` on the local date ``on``. Raises
    :class:`UsageError` for a date before ``today`` (a booking is ahead of you) or
    the date booked already."""
    if on < today:
        raise UsageError(
            f"{on.isoformat()} is before today ({today.isoformat()}); book an exam date "
            f"ahead, or record a past attempt with: aipm cert result {cert_id} pass|fail --on DATE"
        )
    old = _record(progress, cert_id)
    if old.exam_on == on:
        raise UsageError(f"the {cert_id} exam is booked on {on.isoformat()} already")
    return _cert_event(progress, cert_id, "cert_book", old.model_copy(update={"exam_on": on}), at)


def record_result(
    progress: Progress, cert_id: str, result: Result, on: date, today: date, at: datetime
) -> Progress:
    """Record an exam attempt of ``cert_id`` on the local date ``on`` with
    ``result``. A pass also marks the certification earned on ``on`` (when it was
    not earned already) and its item done, in the same event; the booking it was
    for is cleared. Raises :class:`UsageError` for a date after ``today``."""
    if on > today:
        raise UsageError(
            f"{on.isoformat()} is after today ({today.isoformat()}); record a result once "
            "you have it"
        )
    old = _record(progress, cert_id)
    update: dict[str, object] = {"attempts": [*old.attempts, Attempt(on=on, result=result)]}
    if old.exam_on is not None and old.exam_on <= today:
        update["exam_on"] = None
    extra: dict[str, object] = {}
    if result == "pass":
        update["exam_on"] = None
        if old.earned_on is None:
            update["earned_on"] = on
        extra = _done_part(progress, cert_id, on, at)
    return _cert_event(progress, cert_id, "cert_result", old.model_copy(update=update), at, **extra)


def _done_part(progress: Progress, cert_id: str, on: date, at: datetime) -> dict[str, object]:
    """The item part of an event that marks ``cert_id`` done (nothing when it is
    done already), completed at the start of the local day ``on`` (in ``at``'s zone;
    never after ``at``), so the burndown counts it on the day it was earned."""
    current = progress.items.get(cert_id)
    before = (current or ItemProgress()).item_state()
    if before.status == "done":
        return {}
    when = min(datetime.combine(on, time(), at.tzinfo), at)
    started = before.started_at if before.started_at and before.started_at <= when else when
    after = before.model_copy(
        update={
            "status": "done",
            "started_at": started,
            "completed_at": when,
            "skip_reason": None,
        }
    )
    return {"item": cert_id, "before": before if current is not None else None, "after": after}


def mark_earned(
    progress: Progress,
    cert_id: str,
    on: date,
    credential_id: str | None,
    today: date,
    at: datetime,
) -> Progress:
    """Record that ``cert_id`` was earned on the local date ``on``, with the
    ``credential_id`` the body gave (None: keep the one recorded); its item is marked
    done in the same event. Raises :class:`UsageError` for a date after ``today`` or
    an empty credential ID."""
    if on > today:
        raise UsageError(
            f"{on.isoformat()} is after today ({today.isoformat()}); record a certificate "
            "once you hold it"
        )
    old = _record(progress, cert_id)
    update: dict[str, object] = {"earned_on": on}
    if credential_id is not None:
        update["credential_id"] = required_text(credential_id, "credential ID")
    new = old.model_copy(update=update)
    if new == old:
        raise UsageError(f"{cert_id} is recorded as earned on {on.isoformat()} already")
    extra = _done_part(progress, cert_id, on, at)
    return _cert_event(progress, cert_id, "cert_earned", new, at, **extra)


def log_credit(
    progress: Progress,
    cert_id: str,
    amount: float,
    note: str | None,
    on: date,
    today: date,
    at: datetime,
) -> Progress:
    """Log ``amount`` (> 0) renewal credits (in the certification's unit: PDUs,
    SEUs, CPE) toward ``cert_id`` on the local date ``on``, with a ``note``. Raises
    :class:`UsageError` for an amount of 0 or less, a date after ``today`` or an
    empty note."""
    if not amount > 0:
        raise UsageError(f"{amount:g} is not an amount of credits: give a number above 0")
    if on > today:
        raise UsageError(f"--on {on.isoformat()} is after today ({today.isoformat()})")
    entry = Credit(
        on=on, amount=amount, note=required_text(note, "note") if note is not None else None
    )
    old = _record(progress, cert_id)
    new = old.model_copy(update={"credits": [*old.credits, entry]})
    return _cert_event(progress, cert_id, "cert_credit", new, at)


def undo_event(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """``progress`` with ``event`` (an experience or certification change, the newest)
    reverted exactly and ``history`` (the history without it) in place."""
    update: dict[str, object] = {"history": history}
    if event.action in EXPERIENCE_ACTIONS:
        assert event.experience is not None and event.index is not None
        entries = list(progress.experience)
        if event.action == "experience_add":
            entries.pop(event.index)
        else:
            entries.insert(event.index, event.experience)
        update["experience"] = entries
        return progress.model_copy(update=update)
    assert event.cert_id is not None
    certs = dict(progress.certs)
    if event.cert_before is None:
        certs.pop(event.cert_id, None)
    else:
        certs[event.cert_id] = event.cert_before
    update["certs"] = certs
    if event.item is not None:
        items = dict(progress.items)
        current = items.get(event.item) or ItemProgress()
        if event.before is None:
            items.pop(event.item, None)
        else:
            items[event.item] = ItemProgress(
                **event.before.model_dump(), notes=current.notes, evidence=current.evidence
            )
        update["items"] = items
    return progress.model_copy(update=update)
