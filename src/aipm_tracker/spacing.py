"""The one module that talks to the fsrs library (Free Spaced Repetition Scheduler,
https://github.com/open-spaced-repetition/py-fsrs): it turns a drill card's state
(:class:`~aipm_tracker.models.CardState`, our own fields) into an fsrs card, reviews it
with the user's rating, and turns the result back.

It is imported only inside the functions that rate a card, so that no other command
(``aipm status`` above all) loads fsrs. The scheduler uses fsrs's default parameters,
desired retention and learning steps (1 and 10 minutes, then days); fuzzing spreads
due dates a little at random, as FSRS intends, and is off when :data:`FUZZING` is
False (the tests).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import fsrs

from .models import CardState, Rating

FUZZING = True
"""Whether review intervals get fsrs's small random fuzz (tests turn it off, so that
every due date is exact)."""

_PHASES = {1: "learning", 2: "review", 3: "relearning"}
_RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}


@cache
def _scheduler(fuzzing: bool) -> fsrs.Scheduler:
    return fsrs.Scheduler(enable_fuzzing=fuzzing)


def review(state: CardState | None, rating: Rating, at: datetime) -> CardState:
    """The card's state after the user rated it ``rating`` at ``at`` (an aware
    datetime); ``state`` None is a question never rated (a new card). The returned
    ``due`` and ``last_review`` are in UTC."""
    card = _to_fsrs(state, at)
    reviewed, _log = _scheduler(FUZZING).review_card(
        card, fsrs.Rating(_RATINGS[rating]), at.astimezone(UTC)
    )
    return _from_fsrs(reviewed)


def _to_fsrs(state: CardState | None, at: datetime) -> fsrs.Card:
    # card_id is fsrs's own identifier (a timestamp by default); it plays no part in
    # the schedule, so a fixed one keeps the result a function of state and rating.
    if state is None:
        return fsrs.Card(card_id=1, due=at.astimezone(UTC))
    return fsrs.Card(
        card_id=1,
        state=fsrs.State(next(k for k, v in _PHASES.items() if v == state.phase)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due.astimezone(UTC),
        last_review=state.last_review.astimezone(UTC) if state.last_review else None,
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState.model_validate(
        {
            "phase": _PHASES[int(card.state)],
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": card.due,
            "last_review": card.last_review,
        }
    )
