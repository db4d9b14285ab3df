"""The changes a user makes to their progress, as pure functions.

Each function takes the current :class:`Progress` and an aware datetime ``at`` (the
CLI reads the clock, not this module) and returns a new :class:`Progress` with the
change applied and one :class:`Event` appended to the history holding the item's whole
state before and after, so that :func:`undo` can revert it exactly. A change that
would leave the state as it is returns the progress unchanged and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from .errors import Fix, Step, TrackerError, UsageError
from .models import (
    RATINGS,
    STAGES,
    Action,
    Application,
    Card,
    Contact,
    Event,
    Evidence,
    ItemProgress,
    ItemState,
    Note,
    Profile,
    Progress,
    Rating,
    Review,
    StageEntry,
    Story,
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
        title=_clean(title, "title"),
        situation=_clean(situation, "situation"),
        task=_clean(task, "task"),
        action=_clean(action, "action"),
        result=_clean(result, "result"),
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
        company=_clean(company, "company"),
        role=_clean(role, "role"),
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
        name=_clean(name, "name"),
        company=_clean(company, "company") if company is not None else None,
        note=_clean(note, "note") if note is not None else None,
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
