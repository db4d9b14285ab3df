"""The changes to the time log (``aipm log``), as pure functions like those of
:mod:`aipm_tracker.changes`: each takes the current :class:`Progress` and the aware
moment ``at`` it is recorded (the CLI reads the clock) and returns a new Progress with
one :class:`Event` appended, which :func:`aipm_tracker.changes.undo` reverts exactly.

What logging does to the item
    A to-do item becomes in progress, started when the time was spent (the same
    event). An item in progress whose start is later than the time logged is started
    then instead (you studied it, so you had started). A done item stays done (revision
    time counts as time). A skipped item is refused: skipped means "not applicable to
    me", so logging time on it asks the user to start it first.

    An item measured in hours (``quantity: {unit: hours}``, PMP's 35 contact hours)
    also gets the entry's hours added to its ``amount``, through the very rule
    ``aipm amount`` uses (:func:`aipm_tracker.changes.amount_state`): reaching the
    target marks it done. Removing an entry takes its hours off that amount again.
"""

from __future__ import annotations

from datetime import datetime

from .changes import amount_state, check_moment
from .errors import UsageError
from .models import MAX_ENTRY_MINUTES, Event, ItemProgress, ItemState, Progress, TimeEntry


def plus_minutes(amount: float | None, minutes: float) -> float:
    """``amount`` (hours; None: 0) with ``minutes`` added (negative: taken off), in
    hours, never below 0. A total within a thousandth of a minute of a whole minute is
    that minute, so that float rounding never piles up: 20 minutes logged three times
    is exactly 1 hour, and 6 minutes three times 0.3, not 0.30000000000000004."""
    total = (amount or 0.0) * 60 + minutes
    whole = round(total)
    if abs(total - whole) < 1e-3:
        total = whole
    return max(0.0, total) / 60


def next_entry_id(progress: Progress) -> str:
    """The ID of the next time-log entry: ``t`` and one more than the highest number
    any entry has had, in the log or in the history (an ID is never reused, so the
    history never names two entries alike)."""
    taken = [e.id for e in progress.time_log]
    taken += [ev.time_entry.id for ev in progress.history if ev.time_entry is not None]
    numbers = [int(t[1:]) for t in taken if t[1:].isdigit()]
    return f"t{max(numbers, default=0) + 1}"


def _clean_note(note: str | None) -> str:
    if note is None:
        return ""
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("the note is not valid UTF-8 text") from None
    text = note.strip()
    if not text:
        raise UsageError("the note is empty: give some words, or leave out --note")
    return text


def _logged_state(
    old: ItemState, item_id: str, minutes: int, when: datetime, target: float | None
) -> ItemState:
    """``old`` once ``minutes`` spent at ``when`` are logged on ``item_id`` (see the
    module docstring); ``target`` is the item's target in hours when it is measured in
    hours, else None. Raises :class:`UsageError` for a skipped item."""
    if old.status == "skipped":
        raise UsageError(
            f"{item_id} is skipped (not applicable to you), so time on it counts for "
            f"nothing; if you study it after all, start it first: aipm start {item_id}"
        )
    if target is not None:
        return amount_state(old, plus_minutes(old.amount, minutes), target, when)
    if old.status == "done":
        return old
    started = min(old.started_at, when) if old.started_at is not None else when
    return old.model_copy(update={"status": "in_progress", "started_at": started})


def log_time(
    progress: Progress,
    item_id: str,
    minutes: int,
    at: datetime,
    *,
    as_of: datetime | None = None,
    note: str | None = None,
    target: float | None = None,
) -> Progress:
    """Log ``minutes`` (whole, 1 to a day) of study on ``item_id`` (resolved by the
    caller), spent at ``as_of`` (``--at``; None: ``at``), with an optional ``note``,
    as one ``log`` event. ``target`` is the item's quantity target in hours when it is
    measured in hours (its amount grows too), else None.

    Raises :class:`UsageError` (exit 2) for an ``as_of`` in the future, an empty note
    or a skipped item, and for ``minutes`` outside 1 to a day (the CLI's parser
    refuses those first); nothing is changed then."""
    if not 1 <= minutes <= MAX_ENTRY_MINUTES:
        raise UsageError(f"{minutes} minutes is not a time to log: give 1 to {MAX_ENTRY_MINUTES}")
    when = check_moment(as_of, at)
    entry = TimeEntry(
        id=next_entry_id(progress),
        at=when,
        item=item_id,
        minutes=minutes,
        note=_clean_note(note),
    )
    current = progress.items.get(item_id)
    before = (current or ItemProgress()).item_state()
    after = _logged_state(before, item_id, minutes, when, target)
    event = Event(
        at=at,
        action="log",
        item=item_id,
        before=before if current is not None else None,
        after=after,
        as_of=when if when != at else None,
        time_entry=entry,
    )
    return _with(progress, item_id, current, after, [*progress.time_log, entry], event)


def remove_entry(
    progress: Progress, entry_id: str, at: datetime, *, target: float | None = None
) -> Progress:
    """Remove time-log entry ``entry_id`` (a wrong one), as one ``log-remove`` event
    that keeps the entry and its position. ``target`` is the entry's item's quantity
    target in hours when that item is measured in hours: its hours come off the
    item's amount (never below 0), with the status that amount gives. An item that
    logging started stays started.

    Raises :class:`UsageError` (exit 2) when no entry has that ID."""
    found = [n for n, e in enumerate(progress.time_log) if e.id == entry_id.strip().lower()]
    if not found:
        known = ", ".join(e.id for e in progress.time_log[-5:]) or "none yet"
        raise UsageError(
            f"no time-log entry {entry_id.strip()!r} (the latest: {known}); "
            "list them with: aipm log list"
        )
    index = found[0]
    entry = progress.time_log[index]
    current = progress.items.get(entry.item)
    before = (current or ItemProgress()).item_state()
    after = before
    if target is not None:
        after = amount_state(before, plus_minutes(before.amount, -entry.minutes), target, at)
    event = Event(
        at=at,
        action="log-remove",
        item=entry.item,
        before=before if current is not None else None,
        after=after,
        index=index,
        time_entry=entry,
    )
    entries = [e for e in progress.time_log if e.id != entry.id]
    return _with(progress, entry.item, current, after, entries, event)


def _with(
    progress: Progress,
    item_id: str,
    current: ItemProgress | None,
    after: ItemState,
    entries: list[TimeEntry],
    event: Event,
) -> Progress:
    """``progress`` with ``item_id``'s status fields ``after`` (its notes and
    evidence kept; an item without an entry gets one only when its state changes),
    the time log ``entries`` and ``event`` appended to the history."""
    items = dict(progress.items)
    if current is not None or after != ItemState():
        base = current or ItemProgress()
        items[item_id] = ItemProgress(
            **after.model_dump(), notes=base.notes, evidence=base.evidence
        )
    return progress.model_copy(
        update={"items": items, "time_log": entries, "history": [*progress.history, event]}
    )
