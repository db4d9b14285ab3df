"""The burndown of a target role: its remaining required effort hours week by week,
replayed from the history, and the date they are done at the pace in use. Pure: the
local date and the user's time zone are passed in."""

from __future__ import annotations

import bisect
from datetime import date, timedelta, tzinfo
from typing import Literal, NamedTuple

from ..models import Curriculum, Progress, Role, Status
from .items import state
from .readiness import projected_date

PaceSource = Literal["profile", "history"]
"""Where a burndown's pace comes from: the profile's study pace or the history."""


class BurndownPoint(NamedTuple):
    """Required effort hours still to do at the end of local day ``day``."""

    day: date
    hours_remaining: float


class Burndown(NamedTuple):
    """Remaining required effort hours of a target role, week by week.

    ``points`` run oldest first, seven days apart, the last one on ``today``.
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
    """The burndown of ``role`` over at most ``weeks`` weeks (>= 1) before ``today``.

    Each item's status at the end of a day comes from the history: the last change
    on or before that day, dated when the user said it happened (``--at``) or else
    when it was recorded, and the newest point always agrees with ``aipm status``
    (see :func:`_timelines`). Event times are read as dates in the time zone ``tz``
    (the one ``today`` is a date of). Items skipped now count as neither required nor
    remaining at every point, so skipping one is never taken for study (it lowers the
    whole line instead). The series starts the week before the first recorded change
    (or ``weeks`` weeks ago, whichever is later).
    """
    effort = {
        req.item: curriculum.item_map[req.item].effort_hours
        for req in role.requirements
        if state(progress, req.item).status != "skipped"
    }
    # The series spans every change to the role's items (a skip included); only the
    # items still required move the line.
    role_items = {req.item for req in role.requirements}
    timelines = _timelines(progress, role_items, tz)
    if timelines:
        first_day = min(line[0][0] for line in timelines.values())
        span = max((today - first_day).days, 0) // 7 + 1
    else:
        span = 0
    count = min(max(weeks, 1), span)
    boundaries = [today - timedelta(days=7 * k) for k in range(count + 1)]  # newest first
    points = [
        BurndownPoint(day, _remaining(effort, _statuses(progress, effort, timelines, day)))
        for day in reversed(boundaries)
    ]
    pace, source = _pace(progress, points)
    return Burndown(
        role_id=role.id,
        role_title=role.title,
        hours_required=sum(effort.values()),
        points=points,
        pace=pace,
        pace_source=source,
        ready_on=projected_date(today, points[-1].hours_remaining, pace),
        observed_pace=_observed(points),
    )


Timeline = list[tuple[date, Status]]
"""One item's status changes as ``(local day it happened, status after)``, in history
order, the first entry's day being the earliest, each entry's day no later than the
next one's."""


def _timelines(progress: Progress, items: set[str], tz: tzinfo) -> dict[str, Timeline]:
    """For each of ``items`` the history changed, its :data:`Timeline`, headed by
    ``(day of its first change, status before it)``.

    A change happened on the day the user said (``--at``) or else on the day it was
    recorded; a change is never counted later than the item's next change (recording
    ``done --at 2023-05-01`` after ``start`` today moves the start back too), so
    that the status at the end of the newest day is always the item's current one."""
    found: dict[str, list[tuple[date, Status, Status]]] = {}
    for event in progress.history:
        day = event.when.astimezone(tz).date()
        for change in event.item_changes():
            if change.item in items:
                before = change.before.status if change.before else "todo"
                found.setdefault(change.item, []).append((day, before, change.after.status))
    timelines: dict[str, Timeline] = {}
    for item_id, changes in found.items():
        # The newest status is the current one, whatever the history says (a file
        # edited by hand): the newest point must agree with aipm status.
        line: Timeline = []
        latest = date.max
        newest: Status = state(progress, item_id).status
        for day, _before, after in reversed(changes):
            latest = min(latest, day)
            line.append((latest, newest if not line else after))
        line.append((latest, changes[0][1]))
        line.reverse()
        timelines[item_id] = line
    return timelines


def _statuses(
    progress: Progress, effort: dict[str, float], timelines: dict[str, Timeline], day: date
) -> dict[str, Status]:
    """The status of each item of ``effort`` at the end of local day ``day``: the last
    of its timeline on or before that day; before its first change, the status it had
    then; an item the history never changed has its current status."""
    statuses: dict[str, Status] = {}
    for item_id in effort:
        line = timelines.get(item_id)
        if line is None:
            statuses[item_id] = state(progress, item_id).status
            continue
        # The head (index 0) is the status before the first change; bisect on days
        # among the changes after it.
        index = bisect.bisect_right([d for d, _ in line[1:]], day)
        statuses[item_id] = line[index][1]
    return statuses


def _remaining(effort: dict[str, float], statuses: dict[str, Status]) -> float:
    return sum(hours for item_id, hours in effort.items() if statuses[item_id] != "done")


def _observed(points: list[BurndownPoint]) -> float | None:
    """The hours burned per week over ``points`` (seven days apart), or None when
    none were burned."""
    if len(points) > 1:
        burned = points[0].hours_remaining - points[-1].hours_remaining
        if burned > 0:
            return burned / (len(points) - 1)
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
