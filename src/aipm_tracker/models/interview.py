"""Pydantic v2 models of the interview side of the progress file (schema 4): drill
cards scheduled with FSRS, the STAR story bank, job applications with their stages,
and contacts with follow-up dates.

No typer, no rich, no disk, no clock, no fsrs: the card's scheduling state is stored
in our own fields, and only :mod:`aipm_tracker.spacing` turns it into the fsrs
library's card and back.
"""

from datetime import date
from typing import Final, Literal

from pydantic import Field

from .common import Moment, StrictModel

Rating = Literal["again", "hard", "good", "easy"]
"""How well the user answered a drill question (FSRS's four grades, 1-4)."""

RATINGS: Final[tuple[Rating, ...]] = ("again", "hard", "good", "easy")
"""The ratings in the order of their numbers 1-4."""

CardPhase = Literal["learning", "review", "relearning"]
"""Where a card is in FSRS: still being learnt (short steps), in review (intervals of
days), or relearning after a lapse."""


class CardState(StrictModel):
    """A card's FSRS scheduling state after its latest review: ``phase``, the learning
    ``step`` (None in review), ``stability`` (days) and ``difficulty`` (1-10), when it
    is ``due`` next and its ``last_review`` (aware datetimes)."""

    phase: CardPhase
    step: int | None = Field(default=None, ge=0)
    stability: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    difficulty: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    due: Moment
    last_review: Moment | None = None


class Review(StrictModel):
    """One rating given in a drill: when (``at``), the ``rating`` and the ``due``
    moment it scheduled the card for."""

    at: Moment
    rating: Rating
    due: Moment


class Card(StrictModel):
    """A question's drill card: its scheduling state (``fsrs``) and its reviews,
    oldest first. A question never rated has no card and is due."""

    fsrs: CardState
    reviews: list[Review] = Field(default_factory=list)


class Story(StrictModel):
    """A STAR story for interviews: ``id`` (``s1``...), ``title``, situation, task,
    action and result in the user's words, the curriculum ``items`` it shows and the
    ``questions`` it answers, added ``at``."""

    id: str = Field(pattern=r"^s[1-9][0-9]*$")
    title: str = Field(min_length=1)
    situation: str = Field(min_length=1)
    task: str = Field(min_length=1)
    action: str = Field(min_length=1)
    result: str = Field(min_length=1)
    items: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    at: Moment


Stage = Literal[
    "saved", "applied", "screen", "interview", "offer", "accepted", "rejected", "withdrawn"
]
"""Where an application stands. The last three end it."""

STAGES: Final[tuple[Stage, ...]] = (
    "saved", "applied", "screen", "interview", "offer", "accepted", "rejected", "withdrawn"
)  # fmt: skip
"""The stages in pipeline order."""

CLOSED_STAGES: Final[tuple[Stage, ...]] = ("accepted", "rejected", "withdrawn")
"""Stages that end an application."""


class StageEntry(StrictModel):
    """An application reached ``stage`` at ``at`` (an aware datetime)."""

    stage: Stage
    at: Moment


class Application(StrictModel):
    """A job application: ``id`` (``a1``...), ``company``, ``role``, the saved ``job``
    it is for (a job ID or None) and its ``stages``, oldest first (never empty: the
    last is where it stands)."""

    id: str = Field(pattern=r"^a[1-9][0-9]*$")
    company: str = Field(min_length=1)
    role: str = Field(min_length=1)
    job: str | None = None
    stages: list[StageEntry] = Field(min_length=1)

    @property
    def stage(self) -> Stage:
        """Where it stands now: its latest stage."""
        return self.stages[-1].stage


class Contact(StrictModel):
    """A person in the user's network: ``id`` (``c1``...), ``name``, ``company``, a
    ``note``, the local date to ``follow_up`` on (None: none) and when it was added."""

    id: str = Field(pattern=r"^c[1-9][0-9]*$")
    name: str = Field(min_length=1)
    company: str | None = None
    note: str | None = None
    follow_up: date | None = None
    at: Moment
