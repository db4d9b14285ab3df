"""Interview drills: which questions are due, the order a session asks them in,
cramming for an interview date, and how well the user recalls (retention).

Pure: the caller passes ``now`` (an aware datetime) and, for ``--by``, the local end
of the interview day. Scheduling itself (a rating -> the next due date) is FSRS's, in
:mod:`aipm_tracker.spacing`; here due dates are only read from the cards.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ..errors import UsageError
from ..models import QUESTION_TAGS, Curriculum, Question, Standing, Story


class DrillCard(NamedTuple):
    """One question as a drill shows it: the question's ``id``, ``text``, ``tags``,
    the ``items`` it exercises as ``(id, title)``, the user's ``stories`` for it (those
    naming the question or one of its items), when it is ``due`` (None: never rated,
    so due now), how many ``reviews`` it has had and the ``last_rating``."""

    id: str
    text: str
    tags: list[str]
    items: list[tuple[str, str]]
    stories: list[Story]
    due: datetime | None
    reviews: int
    last_rating: str | None


class DrillDue(NamedTuple):
    """What ``aipm drill due`` shows: ``due``, the questions due at ``now`` (overdue
    first, then new ones in curriculum order); ``questions`` in the bank; ``new``
    never rated; ``next_due``, the soonest due moment of those not due yet (None:
    none); ``orphans``, cards of questions the curriculum no longer has (kept)."""

    now: datetime
    due: list[DrillCard]
    questions: int
    new: int
    next_due: datetime | None
    orphans: list[str]


class Retention(NamedTuple):
    """How well the user recalls, over every review: ``reviews`` given, ``recalled``
    (rated hard, good or easy: not again), ``percent`` recalled (None: no reviews
    yet), ``cards`` reviewed at least once and ``questions`` in the bank."""

    reviews: int
    recalled: int
    percent: float | None
    cards: int
    questions: int


def check_tag(tag: str) -> str:
    """``tag`` if it is a question tag (any case). Raises :class:`UsageError`."""
    word = tag.strip().lower()
    if word not in QUESTION_TAGS:
        raise UsageError(f"{tag.strip()!r} is not a question tag: use {', '.join(QUESTION_TAGS)}")
    return word


def stories_for(standing: Standing, question: Question) -> list[Story]:
    """The user's stories that answer ``question``: those naming it, then those
    linked to one of the items it exercises, oldest first within each."""
    named = [s for s in standing.stories if question.id in s.questions]
    linked = [
        s
        for s in standing.stories
        if s not in named and any(item in question.items for item in s.items)
    ]
    return named + linked


def _card(curriculum: Curriculum, standing: Standing, question: Question) -> DrillCard:
    card = standing.cards.get(question.id)
    titles = curriculum.item_map
    return DrillCard(
        id=question.id,
        text=question.text,
        tags=list(question.tags),
        items=[(i, titles[i].title if i in titles else i) for i in question.items],
        stories=stories_for(standing, question),
        due=card.fsrs.due if card else None,
        reviews=len(card.reviews) if card else 0,
        last_rating=card.reviews[-1].rating if card and card.reviews else None,
    )


def drill_queue(
    curriculum: Curriculum,
    standing: Standing,
    now: datetime,
    *,
    by: datetime | None = None,
    tag: str | None = None,
    item: str | None = None,
) -> list[DrillCard]:
    """The questions a drill asks, in order: the cards due at ``now`` (or, cramming,
    by ``by``, the end of the interview day) soonest first, then the questions never
    rated in curriculum order; only those tagged ``tag`` or exercising ``item`` when
    given. A card due after ``by`` waits."""
    until = max(now, by) if by is not None else now
    chosen = [
        q
        for q in curriculum.questions
        if (tag is None or tag in q.tags) and (item is None or item in q.items)
    ]
    scheduled = [q for q in chosen if q.id in standing.cards]
    scheduled = [q for q in scheduled if standing.cards[q.id].fsrs.due <= until]
    scheduled.sort(key=lambda q: standing.cards[q.id].fsrs.due)
    new = [q for q in chosen if q.id not in standing.cards]
    return [_card(curriculum, standing, q) for q in [*scheduled, *new]]


def drill_due(curriculum: Curriculum, standing: Standing, now: datetime) -> DrillDue:
    """What is due at ``now`` (see :class:`DrillDue`)."""
    due = drill_queue(curriculum, standing, now)
    known = curriculum.question_map
    later = [c.fsrs.due for qid, c in standing.cards.items() if qid in known and c.fsrs.due > now]
    return DrillDue(
        now=now,
        due=due,
        questions=len(curriculum.questions),
        new=sum(1 for q in curriculum.questions if q.id not in standing.cards),
        next_due=min(later, default=None),
        orphans=sorted(qid for qid in standing.cards if qid not in known),
    )


def due_count(curriculum: Curriculum, standing: Standing, now: datetime) -> int:
    """How many questions are due at ``now`` (new ones included)."""
    cards = standing.cards
    return sum(1 for q in curriculum.questions if q.id not in cards or cards[q.id].fsrs.due <= now)


def retention(curriculum: Curriculum, standing: Standing) -> Retention:
    """The share of reviews recalled (not rated again), over every card."""
    ratings = [r.rating for card in standing.cards.values() for r in card.reviews]
    recalled = sum(1 for r in ratings if r != "again")
    return Retention(
        reviews=len(ratings),
        recalled=recalled,
        percent=100.0 * recalled / len(ratings) if ratings else None,
        cards=sum(1 for card in standing.cards.values() if card.reviews),
        questions=len(curriculum.questions),
    )


def resolve_question(curriculum: Curriculum, query: str) -> str:
    """A question ID from ``query``: the full ID, or a unique suffix after ``q.``
    (``data-pipeline``). Raises :class:`UsageError` (exit 2) with close matches."""
    import difflib

    text = query.strip()
    known = curriculum.question_map
    if text in known:
        return text
    found = [qid for qid in known if qid.endswith("." + text) or qid.endswith("-" + text)]
    if len(found) == 1:
        return found[0]
    close = found or difflib.get_close_matches(text, list(known), n=3)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(f"no question {text!r} in this curriculum.{hint}")
