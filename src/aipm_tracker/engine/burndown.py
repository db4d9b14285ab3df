"""The burndown of a target role: the work its open requirements hold, week by week,
replayed from the history, and the date they are done at the pace in use. Pure: the
local date and the user's time zone are passed in."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import Literal, NamedTuple

from ..models import (
    Curriculum,
    Event,
    ItemProgress,
    ItemState,
    Progress,
    Role,
    RoleRequirement,
    Standing,
)
from .readiness import projected_date
from .requirements import requirement_status, role_status

PaceSource = Literal["profile", "history"]
"""Where a burndown's pace comes from: the profile's study pace or the history."""


class BurndownPoint(NamedTuple):
    """Required effort hours still to do at the end of local day ``day``: the Sunday
    that ends an ISO week, or today for the newest point."""

    day: date
    hours_remaining: float


class Burndown(NamedTuple):
    """Remaining required effort hours of a target role, week by week.

    ``points`` run oldest first: the end (Sunday) of each ISO week, then ``today``
    (when today is a Sunday, the newest week's end is today).
    ``pace`` is in hours per week: the profile's study pace when set
    (``pace_source`` ``"profile"``), else the pace the history shows over the points
    (``"history"``), else None. ``ready_on`` is the local date the remaining hours are
    done at that pace (None without a pace). ``observed_pace`` is the pace the history
    shows (hours per week over the points; None when none were done), shown beside a
    set pace so that the user can see whether the plan holds.
    """

    role_id: str
    role_title: str
    hours_required: float
    points: list[BurndownPoint]
    pace: float | None
    pace_source: PaceSource | None
    ready_on: date | None
    observed_pace: float | None = None

    @property
    def hours_remaining(self) -> float:
        """Required effort hours not yet done today."""
        return self.points[-1].hours_remaining


def burndown(
    curriculum: Curriculum,
    progress: Progress,
    role: Role,
    today: date,
    weeks: int = 12,
    *,
    tz: tzinfo,
) -> Burndown:
    """The burndown of ``role`` over at most ``weeks`` weeks (>= 1) before ``today``:
    the work its open requirements hold (item study plus level practice, the same
    count as readiness, :mod:`~aipm_tracker.engine.requirements`), in hours, at the
    end of each week.

    The history is replayed backwards from the current state (each event's ``before``
    undoes it), so the newest point always agrees with ``aipm status`` however the
    history began. Event times are read as dates in the time zone ``tz`` (the one
    ``today`` is a date of). Requirements waived now count as neither required nor
    remaining at every point, so waiving one is never taken for study (it lowers the
    whole line instead). The weeks are ISO weeks (Monday to Sunday), so that two runs
    on different days of a week label the same weeks: a point at the end of each
    Sunday, and the newest at the end of ``today``. The series starts with the end of
    the week before the first recorded change to a required item (or ``weeks`` weeks
    back, whichever is later).
    """
    now = role_status(curriculum, progress, role)
    waived = {i for rs in now if rs.standing == "waived" for i in rs.item_ids}
    live = [
        req
        for req, rs in zip(curriculum.requirements(role), now, strict=True)
        if rs.standing != "waived"
    ]
    role_items = {i for rs in now for i in rs.item_ids}
    spanned = [e for e in progress.history if e.item in role_items]
    # The Sunday that ended the last whole ISO week before today.
    last_sunday = today - timedelta(days=today.isoweekday() % 7 or 7)
    if spanned:
        first_day = min(e.at.astimezone(tz).date() for e in spanned)
        days = (last_sunday - first_day).days
        span = days // 7 + 2 if days >= 0 else 1
    else:
        span = 0
    count = min(max(weeks, 1), span)
    boundaries = [today] + [last_sunday - timedelta(days=7 * k) for k in range(count)]
    boundaries = boundaries[: count + 1]  # newest first
    events = [e for e in spanned if e.item not in waived]
    points = _replayed(curriculum, progress, live, events, boundaries, tz)
    pace, source = _pace(progress, points)
    required = sum(rs.hours_total or 0.0 for rs in now if rs.standing != "waived")
    return Burndown(
        role_id=role.id,
        role_title=role.title,
        hours_required=required,
        points=points,
        pace=pace,
        pace_source=source,
        ready_on=projected_date(today, points[-1].hours_remaining, pace),
        observed_pace=_observed(points),
    )


def _replayed(
    curriculum: Curriculum,
    progress: Progress,
    requirements: list[RoleRequirement],
    events: list[Event],
    boundaries: list[date],
    tz: tzinfo,
) -> list[BurndownPoint]:
    """The remaining hours at each of ``boundaries`` (newest first), undoing
    ``events`` (oldest first) from the current state; returned oldest first."""
    items = dict(progress.items)
    points: list[BurndownPoint] = []
    # Undo in history order, newest first: two changes can share a timestamp.
    pending = events[::-1]
    cursor = 0
    for boundary in boundaries:
        while cursor < len(pending) and pending[cursor].at.astimezone(tz).date() > boundary:
            event = pending[cursor]
            assert event.item is not None
            before = event.before or ItemState()
            items[event.item] = ItemProgress.model_construct(**dict(before), notes=[], evidence=[])
            cursor += 1
        then = Standing.model_construct(
            schema_version=progress.schema_version,
            curriculum=progress.curriculum,
            profile=progress.profile,
            items=items,
        )
        left = sum(
            requirement_status(curriculum, then, req).hours_left or 0.0 for req in requirements
        )
        points.append(BurndownPoint(boundary, left))
    points.reverse()
    return points


def _observed(points: list[BurndownPoint]) -> float | None:
    """The hours burned per week (of seven days) over ``points``, or None when none
    were burned."""
    if len(points) > 1:
        burned = points[0].hours_remaining - points[-1].hours_remaining
        days = (points[-1].day - points[0].day).days
        if burned > 0 and days > 0:
            return burned * 7 / days
    return None


def _pace(
    progress: Progress, points: list[BurndownPoint]
) -> tuple[float | None, PaceSource | None]:
    """The pace in hours per week and where it comes from: the profile's, else the
    hours burned per week over ``points`` when that is positive, else none."""
    pace = progress.profile.hours_per_week
    if pace:
        return pace, "profile"
    observed = _observed(points)
    if observed is not None:
        return observed, "history"
    return pace, None
