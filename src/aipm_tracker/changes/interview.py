"""Changes on the interview side: drill ratings, STAR stories, applications and their
stages, contacts; each appends one entry, and is undone by taking it off again."""

from __future__ import annotations

from datetime import date, datetime

from ..errors import UsageError, required_text
from ..models import (
    RATINGS,
    STAGES,
    Application,
    Card,
    Contact,
    Event,
    Progress,
    Rating,
    Review,
    StageEntry,
    Story,
)


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
    from .. import spacing

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


def undo_interview(progress: Progress, event: Event, history: list[Event]) -> Progress:
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
