"""The application pipeline and the user's network: where each application stands,
the pipeline in one line, and the contacts whose follow-up date has come.

Pure: the caller passes ``today`` (a local date).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from ..models import CLOSED_STAGES, STAGES, Contact, Curriculum, Standing
from .drill import Retention, due_count, retention


class ApplicationRow(NamedTuple):
    """One application as ``apply list`` shows it: ``id``, ``company``, ``role``, the
    ``stage`` it is at, ``since`` when (an aware datetime) and its ``job`` ID."""

    id: str
    company: str
    role: str
    stage: str
    since: datetime
    job: str | None


class Pipeline(NamedTuple):
    """The pipeline in numbers: ``stages``, how many applications are at each stage
    (only stages with some, in pipeline order); ``open`` (not accepted, rejected or
    withdrawn) and ``total``."""

    stages: dict[str, int]
    open: int
    total: int


class FollowUp(NamedTuple):
    """A contact to follow up: the contact's ``id``, ``name`` and ``company``, the
    date ``on`` which it was due and how many ``days_late`` (0: today)."""

    id: str
    name: str
    company: str | None
    on: date
    days_late: int


class InterviewSummary(NamedTuple):
    """The interview side of ``status`` and the reports: ``drills_due`` of
    ``questions``, the ``pipeline``, the ``follow_ups`` due, drill ``retention`` and
    every application (``applications``, in the order added)."""

    drills_due: int
    questions: int
    pipeline: Pipeline
    follow_ups: list[FollowUp]
    retention: Retention
    applications: list[ApplicationRow]


def application_rows(standing: Standing) -> list[ApplicationRow]:
    """Every application, in the order added."""
    return [
        ApplicationRow(a.id, a.company, a.role, a.stage, a.stages[-1].at, a.job)
        for a in standing.applications
    ]


def pipeline(standing: Standing) -> Pipeline:
    """How many applications are at each stage (see :class:`Pipeline`)."""
    counts = {stage: 0 for stage in STAGES}
    for a in standing.applications:
        counts[a.stage] += 1
    return Pipeline(
        stages={s: n for s, n in counts.items() if n},
        open=sum(n for s, n in counts.items() if s not in CLOSED_STAGES),
        total=len(standing.applications),
    )


def follow_ups_due(standing: Standing, today: date) -> list[FollowUp]:
    """The contacts whose follow-up date is ``today`` or earlier, most overdue first."""
    due: list[Contact] = [
        c for c in standing.contacts if c.follow_up is not None and c.follow_up <= today
    ]
    due.sort(key=lambda c: (c.follow_up or today, c.id))
    return [
        FollowUp(c.id, c.name, c.company, c.follow_up, (today - c.follow_up).days)
        for c in due
        if c.follow_up is not None
    ]


def interview_summary(
    curriculum: Curriculum, standing: Standing, now: datetime, today: date
) -> InterviewSummary:
    """The interview side of ``status`` at ``now`` (aware) on the local ``today``."""
    return InterviewSummary(
        drills_due=due_count(curriculum, standing, now),
        questions=len(curriculum.questions),
        pipeline=pipeline(standing),
        follow_ups=follow_ups_due(standing, today),
        retention=retention(curriculum, standing),
        applications=application_rows(standing),
    )
