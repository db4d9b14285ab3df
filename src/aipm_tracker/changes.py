"""The changes a user makes to their progress, as pure functions.

Each function takes the current :class:`Progress` and an aware datetime ``at`` (the
CLI reads the clock, not this module) and returns a new :class:`Progress` with the
change applied and one :class:`Event` appended to the history holding the item's whole
state before and after, so that :func:`undo` can revert it exactly. A change that
would leave the state as it is returns the progress unchanged and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from . import cert_changes
from .errors import Fix, Step, TrackerError, UsageError, required_text
from .models import (
    RATINGS,
    STAGES,
    Action,
    Application,
    Card,
    Contact,
    Event,
    Evidence,
    ItemChange,
    ItemProgress,
    ItemState,
    Job,
    Note,
    OwnItem,
    Profile,
    Progress,
    Rating,
    Review,
    StageEntry,
    Story,
    is_http_url,
)

Items = str | Sequence[str]
"""One item ID, or several changed together in one event (``aipm done A B C``)."""

Part = tuple[str, ItemState | None, Note | None, Evidence | None]
"""One item's part of a change: its ID, its new status fields (None: unchanged) and
the note and evidence appended to it (None: none)."""


def _ids(items: Items) -> list[str]:
    """``items`` as a list of IDs, each once, in the order given."""
    return list(dict.fromkeys([items] if isinstance(items, str) else items))


def _record(
    progress: Progress,
    item_id: str,
    action: Action,
    at: datetime,
    state: ItemState | None = None,
    note: Note | None = None,
    evidence: Evidence | None = None,
    as_of: datetime | None = None,
) -> Progress:
    """Apply a change to one item and append its :class:`Event`: the new status
    fields ``state`` (None: unchanged) and/or one appended ``note`` / ``evidence``."""
    return _record_all(progress, action, at, [(item_id, state, note, evidence)], as_of)


def _record_all(
    progress: Progress,
    action: Action,
    at: datetime,
    parts: list[Part],
    as_of: datetime | None = None,
) -> Progress:
    """Apply ``parts`` (see :data:`Part`) and append one :class:`Event`: a single
    item's event when one item changed, else one holding every item's
    :class:`ItemChange`. ``as_of`` is when the user said it happened (kept when it is
    not ``at``). Parts that change nothing are left out; none changing records
    nothing."""
    items = dict(progress.items)
    changed: list[ItemChange] = []
    for item_id, state, note, evidence in parts:
        old = items.get(item_id)
        current = old or ItemProgress()
        before = current.item_state()
        after = state if state is not None else before
        if after == before and note is None and evidence is None:
            continue
        items[item_id] = ItemProgress(
            **after.model_dump(),
            notes=[*current.notes, note] if note else current.notes,
            evidence=[*current.evidence, evidence] if evidence else current.evidence,
        )
        changed.append(
            ItemChange(
                item=item_id,
                before=before if old is not None else None,
                after=after,
                note=note,
                evidence=evidence,
            )
        )
    if not changed:
        return progress
    moment = as_of if as_of is not None and as_of != at else None
    if len(changed) == 1:
        one = changed[0]
        event = Event(
            at=at,
            action=action,
            item=one.item,
            before=one.before,
            after=one.after,
            note=one.note,
            evidence=one.evidence,
            as_of=moment,
        )
    else:
        event = Event(at=at, action=action, changes=changed, as_of=moment)
    return progress.model_copy(update={"items": items, "history": [*progress.history, event]})


def _event(progress: Progress, event: Event, **update: object) -> Progress:
    """``progress`` with ``update`` applied and ``event`` appended to the history."""
    return progress.model_copy(update={**update, "history": [*progress.history, event]})


def check_moment(as_of: datetime | None, at: datetime) -> datetime:
    """The moment a change happened: ``as_of`` (``--at``), or ``at`` (now) when None.
    Raises :class:`UsageError` (exit 2) when ``as_of`` is later than ``at``: aipm
    records what you did, not what you plan to do."""
    if as_of is None:
        return at
    if as_of > at:
        raise UsageError(
            f"--at {as_of.isoformat(timespec='minutes')} is in the future; aipm records "
            "what you have done, so give a time up to now (e.g. --at yesterday)."
        )
    return as_of


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
    if not is_http_url(required_text(url, "URL")):
        raise UsageError(message)
    return url.strip()


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


# ------------------------------------------------------------ editing notes, evidence


def _numbered(entries: Sequence[object], number: int, item_id: str, what: str) -> int:
    """The 0-based position of entry ``number`` (1-based, as ``aipm show`` numbers
    them) among ``entries``; raises :class:`UsageError` when there is none."""
    if 1 <= number <= len(entries):
        return number - 1
    count = len(entries)
    has = f"has {count} {what}{'' if count == 1 else 's'}" if count else f"has no {what}s"
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


# ------------------------------------------------------------------ the user's items


def add_own_item(progress: Progress, item: OwnItem, at: datetime) -> Progress:
    """Add the user's own ``item`` to the overlay on the curriculum. The caller has
    checked it against the curriculum (see :func:`aipm_tracker.engine.own_problems`)."""
    event = Event(
        at=at, action="item-add", item=item.id, own_item=item, index=len(progress.own_items)
    )
    return _event(progress, event, own_items=[*progress.own_items, item])


def remove_own_item(progress: Progress, item_id: str, at: datetime) -> Progress:
    """Remove the user's own item ``item_id`` from the overlay, and from the
    profile's ``require`` list; the progress recorded on it is kept (reported as an
    item the curriculum does not have, never dropped). Raises :class:`UsageError` when
    it is not one of the user's items or another of them needs it first."""
    ids = [o.id for o in progress.own_items]
    if item_id not in ids:
        mine = ", ".join(ids) or "none yet"
        raise UsageError(
            f"{item_id!r} is not one of your own items (yours: {mine}); the "
            "curriculum's items cannot be removed, only skipped: aipm skip ITEM"
        )
    needing = [o.id for o in progress.own_items if item_id in o.prerequisites]
    if needing:
        raise UsageError(
            f"{', '.join(needing)} of your own items need {item_id} first; remove "
            f"{'them' if len(needing) > 1 else 'it'} before it."
        )
    index = ids.index(item_id)
    own = [*progress.own_items[:index], *progress.own_items[index + 1 :]]
    before = progress.profile
    after = before.model_copy(update={"require": [r for r in before.require if r != item_id]})
    event = Event(
        at=at,
        action="item-remove",
        item=item_id,
        own_item=progress.own_items[index],
        index=index,
        profile_before=before if after != before else None,
        profile_after=after if after != before else None,
    )
    return _event(progress, event, own_items=own, profile=after)


def set_profile(
    progress: Progress,
    at: datetime,
    target_role: str | None = None,
    hours_per_week: float | None = None,
    require: Sequence[str] = (),
    unrequire: Sequence[str] = (),
    degree: str | None = None,
) -> Progress:
    """Set the target role, the study pace (hours per week) and/or the ``degree``
    the user holds (``four-year`` or ``secondary``); None leaves a field as it is.
    ``require`` adds item IDs the target role requires on top of the curriculum's,
    ``unrequire`` takes them off again. The caller checks that
    ``target_role`` and the items exist."""
    before = progress.profile
    update: dict[str, object] = {}
    if target_role is not None:
        update["target_role"] = target_role
    if hours_per_week is not None:
        update["hours_per_week"] = hours_per_week
    if degree is not None:
        update["degree"] = degree
    if require or unrequire:
        kept = [r for r in before.require if r not in unrequire]
        update["require"] = list(dict.fromkeys([*kept, *require]))
    after = Profile.model_validate({**before.model_dump(), **update})
    if after == before:
        return progress
    event = Event(at=at, action="target", profile_before=before, profile_after=after)
    return progress.model_copy(update={"profile": after, "history": [*progress.history, event]})


def check_rating(text: str) -> Rating:
    """The rating ``text`` names: again, hard, good or easy, or their numbers 1-4 (any
    case, first letter enough). Raises :class:`UsageError` (exit 2) otherwise."""
    word = text.strip().lower()
    if word in ("1", "2", "3", "4"):
        return RATINGS[int(word) - 1]
    found = [r for r in RATINGS if word and r.startswith(word)]
    if len(found) != 1:
        raise UsageError(
            f"{text.strip()!r} is not a rating: answer again, hard, good or easy (or 1-4)"
        )
    return found[0]


def rate(progress: Progress, question_id: str, rating: Rating, at: datetime) -> Progress:
    """Record a drill ``rating`` of ``question_id`` at ``at``: the card is scheduled
    with FSRS (:func:`aipm_tracker.spacing.review`) and one ``rate`` event holds its
    state before and the review appended."""
    from . import spacing

    old = progress.cards.get(question_id)
    state = spacing.review(old.fsrs if old else None, rating, at)
    entry = Review(at=at, rating=rating, due=state.due)
    cards = dict(progress.cards)
    cards[question_id] = Card(fsrs=state, reviews=[*(old.reviews if old else []), entry])
    event = Event(
        at=at,
        action="rate",
        question=question_id,
        card_before=old.fsrs if old else None,
        review=entry,
    )
    return progress.model_copy(update={"cards": cards, "history": [*progress.history, event]})


def _next_id(prefix: str, taken: list[str]) -> str:
    numbers = [int(t[1:]) for t in taken if t[1:].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def add_story(
    progress: Progress,
    at: datetime,
    title: str,
    star: tuple[str, str, str, str],
    items: list[str],
    questions: list[str],
) -> Progress:
    """Add a STAR story (``star``: situation, task, action, result) linked to curriculum
    ``items`` and ``questions`` (the caller resolved them). Raises
    :class:`UsageError` for an empty part."""
    situation, task, action, result = star
    story = Story(
        id=_next_id("s", [s.id for s in progress.stories]),
        title=required_text(title, "title"),
        situation=required_text(situation, "situation"),
        task=required_text(task, "task"),
        action=required_text(action, "action"),
        result=required_text(result, "result"),
        items=list(dict.fromkeys(items)),
        questions=list(dict.fromkeys(questions)),
        at=at,
    )
    event = Event(at=at, action="story", story=story)
    return progress.model_copy(
        update={"stories": [*progress.stories, story], "history": [*progress.history, event]}
    )


def add_application(
    progress: Progress, at: datetime, company: str, role: str, job: str | None = None
) -> Progress:
    """Add an application to ``role`` at ``company`` (for the saved ``job``, if any),
    at stage ``saved``. Raises :class:`UsageError` for an empty company or role."""
    application = Application(
        id=_next_id("a", [a.id for a in progress.applications]),
        company=required_text(company, "company"),
        role=required_text(role, "role"),
        job=job,
        stages=[StageEntry(stage="saved", at=at)],
    )
    event = Event(at=at, action="apply", application=application)
    return progress.model_copy(
        update={
            "applications": [*progress.applications, application],
            "history": [*progress.history, event],
        }
    )


def check_stage(text: str) -> str:
    """The stage ``text`` names (any case). Raises :class:`UsageError` (exit 2)."""
    word = text.strip().lower()
    if word not in STAGES:
        raise UsageError(f"{text.strip()!r} is not a stage: use one of {', '.join(STAGES)}")
    return word


def move_application(
    progress: Progress, application_id: str, stage: str, at: datetime, when: datetime
) -> Progress:
    """Move application ``application_id`` to ``stage`` as of ``when`` (``--at``;
    recorded at ``at``). Raises :class:`UsageError` for an unknown application or
    stage, the stage it is at already, or a moment before its latest stage."""
    found = [a for a in progress.applications if a.id == application_id]
    if not found:
        known = ", ".join(a.id for a in progress.applications) or "none yet"
        raise UsageError(
            f"no application {application_id!r} (yours: {known}); list them with: aipm apply list"
        )
    old = found[0]
    name = check_stage(stage)
    if old.stage == name:
        raise UsageError(f"{old.id} is at {name} already")
    if when < old.stages[-1].at:
        raise UsageError(
            f"{old.id} reached {old.stage} on {old.stages[-1].at.date().isoformat()}; "
            "a later stage cannot come before it"
        )
    entry = StageEntry.model_validate({"stage": name, "at": when})
    new = old.model_copy(update={"stages": [*old.stages, entry]})
    applications = [new if a.id == old.id else a for a in progress.applications]
    event = Event(at=at, action="stage", application_id=old.id, stage=entry)
    return progress.model_copy(
        update={"applications": applications, "history": [*progress.history, event]}
    )


def add_contact(
    progress: Progress,
    at: datetime,
    name: str,
    company: str | None = None,
    note: str | None = None,
    follow_up: date | None = None,
) -> Progress:
    """Add a contact to the user's network, with a local ``follow_up`` date if any.
    Raises :class:`UsageError` for an empty name, company or note."""
    contact = Contact(
        id=_next_id("c", [c.id for c in progress.contacts]),
        name=required_text(name, "name"),
        company=required_text(company, "company") if company is not None else None,
        note=required_text(note, "note") if note is not None else None,
        follow_up=follow_up,
        at=at,
    )
    event = Event(at=at, action="contact", contact=contact)
    return progress.model_copy(
        update={"contacts": [*progress.contacts, contact], "history": [*progress.history, event]}
    )


def _undo_interview(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Revert an event of the interview side (schema 4): each appended one entry, so
    undo (newest first) removes the last one it appended."""
    update: dict[str, object] = {"history": history}
    if event.action == "rate" and event.question is not None:
        cards = dict(progress.cards)
        card = cards.get(event.question)
        if event.card_before is None or card is None:
            cards.pop(event.question, None)
        else:
            cards[event.question] = Card(fsrs=event.card_before, reviews=card.reviews[:-1])
        update["cards"] = cards
    elif event.action == "story":
        update["stories"] = progress.stories[:-1]
    elif event.action == "apply":
        update["applications"] = progress.applications[:-1]
    elif event.action == "contact":
        update["contacts"] = progress.contacts[:-1]
    elif event.action == "stage":
        update["applications"] = [
            a.model_copy(update={"stages": a.stages[:-1]})
            if a.id == event.application_id and len(a.stages) > 1
            else a
            for a in progress.applications
        ]
    return progress.model_copy(update=update)


INTERVIEW_ACTIONS = ("rate", "story", "apply", "stage", "contact")
"""The actions of the interview side, which :func:`undo` reverts by what they appended."""


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
        title=required_text(title, "title") if title is not None else None,
        company=required_text(company, "company") if company is not None else None,
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
            return Progress(schema_version=progress.schema_version, curriculum=progress.curriculum)
        if backup is None:
            raise TrackerError("undoing a restore needs the store's backups")
        return backup(event.replaced_backup).model_copy(update={"curriculum": progress.curriculum})
    if event.action in INTERVIEW_ACTIONS:
        return _undo_interview(progress, event, history)
    if event.action in ("log", "log-remove") and event.time_entry is not None:
        progress = _undo_log(progress, event)
        if event.item is None:
            return progress.model_copy(update={"history": history})
    if event.action in (*cert_changes.CERT_ACTIONS, *cert_changes.EXPERIENCE_ACTIONS):
        return cert_changes.undo_event(progress, event, history)
    if event.action in ("item-add", "item-remove"):
        return _undo_own(progress, event, history)
    if event.action in ("note-edit", "note-remove", "evidence-edit", "evidence-remove"):
        return _undo_entry(progress, event, history)
    if event.job_id is not None:
        jobs = dict(progress.jobs)
        if event.job_before is None:
            jobs.pop(event.job_id, None)
        else:
            jobs[event.job_id] = event.job_before
        return progress.model_copy(update={"jobs": jobs, "history": history})
    if event.item is None and not event.changes:
        profile = event.profile_before or Profile()
        return progress.model_copy(update={"profile": profile, "history": history})
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


def _undo_own(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Undo adding (remove it again) or removing (put it back where it was) one of
    the user's own items, and the profile the removal changed."""
    assert event.own_item is not None and event.index is not None
    own = list(progress.own_items)
    if event.action == "item-add":
        own.pop(event.index)
    else:
        own.insert(event.index, event.own_item)
    profile = event.profile_before if event.profile_before is not None else progress.profile
    return progress.model_copy(update={"own_items": own, "profile": profile, "history": history})


def _undo_entry(progress: Progress, event: Event, history: list[Event]) -> Progress:
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
