"""Changes to items' status fields: start, done, skip, amounts, reset, levels, steps,
and the notes and evidence appended with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..errors import Fix, UsageError, required_text
from ..models import Evidence, ItemState, Note, Progress
from .core import Items, Part, _ids, _record, _record_all, _state, check_moment, check_url


def start(
    progress: Progress, items: Items, at: datetime, *, as_of: datetime | None = None
) -> Progress:
    """Mark each of ``items`` in progress, as one change. ``started_at`` is ``as_of``
    when given (``--at``: it corrects the start date), else kept if already set, else
    ``at``. Raises :class:`UsageError` for an ``as_of`` in the future."""
    when = check_moment(as_of, at)
    parts: list[Part] = []
    for item_id in _ids(items):
        old = _state(progress, item_id)
        started = when if as_of is not None else (old.started_at or when)
        new = old.model_copy(
            update={
                "status": "in_progress",
                "started_at": started,
                "completed_at": None,
                "skip_reason": None,
            }
        )
        parts.append((item_id, new, None, None))
    return _record_all(progress, "start", at, parts, as_of)


def _completed(item_id: str, old: ItemState, when: datetime, dated: bool) -> datetime:
    """When ``item_id`` (state ``old``) was finished: ``when``; a done item keeps its
    date unless ``dated`` (``--at`` corrects it). A ``dated`` moment before the item
    was started is refused (:class:`UsageError`), except on the very day it was
    started (a date without a time can say no more), which counts from the start."""
    if old.status == "done" and old.completed_at is not None and not dated:
        return old.completed_at
    started = old.started_at
    if not dated or started is None or when >= started:
        return when
    if when.date() == started.astimezone(when.tzinfo).date():
        return started
    raise UsageError(
        f"{item_id} was started on {started.date().isoformat()}, so it cannot have been "
        f"done on {when.date().isoformat()}, before that.",
        fix=Fix(f"Give a later --at, or record the start first: aipm start {item_id} --at DATE"),
    )


def done(
    progress: Progress,
    items: Items,
    at: datetime,
    level: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Mark each of ``items`` done at ``as_of`` (``--at``; default ``at``), as one
    change, optionally with a Dreyfus ``level`` (0-5), a ``note`` and an ``evidence``
    URL (http(s)) on each. Raises :class:`UsageError` for a bad URL, an ``as_of`` in
    the future or before an item was started."""
    when = check_moment(as_of, at)
    text = required_text(note, "note") if note is not None else None
    url = check_url(evidence) if evidence is not None else None
    parts: list[Part] = []
    for item_id in _ids(items):
        old = _state(progress, item_id)
        update: dict[str, object] = {
            "status": "done",
            "started_at": old.started_at or when,
            "completed_at": _completed(item_id, old, when, as_of is not None),
            "skip_reason": None,
        }
        if level is not None:
            update["level"] = level
        parts.append(
            (
                item_id,
                old.model_copy(update=update),
                Note(at=when, text=text) if text is not None else None,
                Evidence(at=when, url=url) if url is not None else None,
            )
        )
    return _record_all(progress, "done", at, parts, as_of)


def skip(
    progress: Progress,
    items: Items,
    at: datetime,
    reason: str | None = None,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Mark each of ``items`` not applicable, with one ``reason``, as one change: they
    leave every denominator."""
    check_moment(as_of, at)
    why = required_text(reason, "reason") if reason is not None else None
    parts: list[Part] = []
    for item_id in _ids(items):
        old = _state(progress, item_id)
        new = old.model_copy(update={"status": "skipped", "skip_reason": why, "completed_at": None})
        parts.append((item_id, new, None, None))
    return _record_all(progress, "skip", at, parts, as_of)


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
    return _record(progress, item_id, "amount", at, state=amount_state(old, total, target, at))


def amount_state(old: ItemState, total: float, target: float, at: datetime) -> ItemState:
    """The status fields of a quantity item (state ``old``) once ``total`` (>= 0, in
    its unit) is recorded toward its ``target``, at the aware moment ``at``: done when
    the total reaches the target (a done item keeps its date), else in progress, or to
    do at 0. The one rule :func:`record_amount` and the time log
    (:mod:`aipm_tracker.timelog`) share."""
    reached = total >= target
    update: dict[str, object] = {
        "amount": total,
        "status": "done" if reached else ("in_progress" if total > 0 else "todo"),
        "started_at": old.started_at or (at if total > 0 else None),
        "completed_at": (old.completed_at if old.status == "done" else at) if reached else None,
        "skip_reason": None,
    }
    return old.model_copy(update=update)


def reset(progress: Progress, items: Items, at: datetime) -> Progress:
    """Put each of ``items`` back to todo with no level, dates or ticked steps, as one
    change. Notes, evidence and the steps the user added are kept: they are the user's
    words and are never thrown away."""
    parts: list[Part] = [
        (i, ItemState(own_steps=_state(progress, i).own_steps), None, None) for i in _ids(items)
    ]
    return _record_all(progress, "reset", at, parts)


def set_level(
    progress: Progress,
    item_id: str,
    level: int,
    at: datetime,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Record the user's self-assessed Dreyfus ``level`` (0-5) on ``item_id``."""
    check_moment(as_of, at)
    old = _state(progress, item_id)
    new = old.model_copy(update={"level": level})
    return _record(progress, item_id, "level", at, state=new, as_of=as_of)


def add_note(
    progress: Progress,
    item_id: str,
    text: str,
    at: datetime,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Append a note dated ``as_of`` (default ``at``) to ``item_id``. Raises
    :class:`UsageError` if it is empty or dated in the future."""
    when = check_moment(as_of, at)
    entry = Note(at=when, text=required_text(text, "note"))
    return _record(progress, item_id, "note", at, note=entry, as_of=as_of)


def add_evidence(
    progress: Progress,
    items: Items,
    url: str,
    at: datetime,
    label: str | None = None,
    credential_id: str | None = None,
    *,
    as_of: datetime | None = None,
) -> Progress:
    """Append one evidence link (http(s) ``url``, optional ``label`` and
    ``credential_id``, e.g. a certification number), dated ``as_of`` (default
    ``at``), to each of ``items``, as one change: a project write-up can back several
    skills."""
    when = check_moment(as_of, at)
    entry = Evidence(
        at=when,
        url=check_url(url),
        label=required_text(label, "label") if label is not None else None,
        credential_id=(
            required_text(credential_id, "credential ID") if credential_id is not None else None
        ),
    )
    parts: list[Part] = [(i, None, None, entry) for i in _ids(items)]
    return _record_all(progress, "evidence", at, parts, as_of)


# --------------------------------------------------------------------------- steps


def tick_steps(
    progress: Progress,
    item_id: str,
    numbers: Sequence[int],
    given_steps: int,
    at: datetime,
    *,
    ticked: bool = True,
    as_of: datetime | None = None,
) -> Progress:
    """Tick (or with ``ticked=False`` untick) steps ``numbers`` (1-based, as ``aipm
    show`` numbers them) of ``item_id``, whose curriculum lists ``given_steps`` steps
    (the user's own steps follow them). Ticking a step of an item not started starts
    it (at ``as_of``, default ``at``). Raises :class:`UsageError` for a step the item
    does not have or an ``as_of`` in the future."""
    when = check_moment(as_of, at)
    old = _state(progress, item_id)
    total = given_steps + len(old.own_steps)
    for number in numbers:
        if not 1 <= number <= total:
            has = f"has {total} step{'' if total == 1 else 's'}" if total else "has no steps"
            raise UsageError(
                f"{item_id} {has}, so there is no step {number}.",
                fix=Fix(
                    f"See them numbered with: aipm show {item_id}; add your own with: "
                    f"aipm step add {item_id} TEXT"
                ),
            )
    done_steps = set(old.steps_done)
    done_steps = done_steps | set(numbers) if ticked else done_steps - set(numbers)
    update: dict[str, object] = {"steps_done": sorted(done_steps)}
    if ticked and old.status == "todo":
        update |= {"status": "in_progress", "started_at": old.started_at or when}
    new = old.model_copy(update=update)
    return _record(progress, item_id, "step", at, state=new, as_of=as_of)


def add_step(progress: Progress, item_id: str, text: str, at: datetime) -> Progress:
    """Add the user's own step ``text`` to ``item_id``, after its others."""
    old = _state(progress, item_id)
    new = old.model_copy(update={"own_steps": [*old.own_steps, required_text(text, "step")]})
    return _record(progress, item_id, "step", at, state=new)
