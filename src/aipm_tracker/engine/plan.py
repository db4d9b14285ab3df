"""The weekly study plan of a target role (``aipm plan``) and the pace needed to be
ready by a date. Pure: ``today`` (a local date) is passed in.

What is planned
    Every open requirement of the role (:mod:`~aipm_tracker.engine.requirements`)
    with the hours of work it still holds (item study plus level practice; a group's
    cheapest option), and every unfinished prerequisite of those items with its study
    hours. Waived requirements and items of unknown effort are left out (the plan
    says how many). Met requirements hold nothing.

In what order
    ``next``'s score decides (:mod:`~aipm_tracker.engine.next_steps`), but an item is
    placed only once every prerequisite it has is finished or placed earlier, so no
    item ever comes before its prerequisites. Ties keep curriculum order.

Into which weeks
    ISO weeks, Monday to Sunday, from the week of ``today``. By the end of a week's
    Sunday ``S`` the plan has placed ``pace x (S - today) / 7`` hours (the first week
    holds the days left of it), so the hours of the open requirements run out in the
    week that holds :func:`~aipm_tracker.engine.readiness.projected_date`, the very
    date ``aipm status`` shows as "Ready on": one computation, not two. An item
    larger than what is left of a week goes on in the next.
"""

from __future__ import annotations

import heapq
import math
from datetime import date, timedelta
from typing import NamedTuple

from ..models import Curriculum, Role, Standing
from .certs import Reminder, cert_dates
from .items import state
from .next_steps import _points
from .readiness import projected_date
from .requirements import open_requirement_items, prerequisite_work, role_status
from .timelog import Actual

EPSILON = 1e-9
"""Hours below this are rounding, not work."""


class PlannedItem(NamedTuple):
    """Hours of work on item ``id`` placed in one week."""

    id: str
    title: str
    hours: float


class PlanWeek(NamedTuple):
    """One ISO week of the plan: ``start`` is its Monday, ``hours`` the hours placed
    in it, ``items`` what they are spent on, in order, and ``exams`` the exams booked
    in it (``aipm cert book``)."""

    start: date
    hours: float
    items: list[PlannedItem]
    exams: tuple[Reminder, ...] = ()


class Plan(NamedTuple):
    """The plan of ``role_id`` at ``hours_per_week``.

    ``weeks`` run from the week of ``today``; ``ready_on`` is the projected date every
    open requirement is met (None: past the calendar); ``hours`` the hours planned;
    ``unknown`` the open requirements (or prerequisites) of unknown effort left out;
    ``waived`` the waived requirements left out. With ``by`` (a date), ``needed`` is
    the weekly hours that would be ready by then (None when ``by`` is not after
    ``today``) and ``on_time`` whether the pace gets there. ``actual`` is the plan
    against what was done for the past weeks (planned, logged and earned hours, SV and
    SPI: :mod:`~aipm_tracker.engine.timelog`; None when nothing was logged before this
    week or it was not asked for). ``dates`` are the certification dates from
    ``today`` on (booked exams and renewals due, soonest first:
    :func:`~aipm_tracker.engine.certs.cert_dates`), which the calendar holds too; each
    exam is also in the week that holds it.
    """

    role_id: str
    role_title: str
    hours_per_week: float
    weeks: list[PlanWeek]
    ready_on: date | None
    hours: float
    unknown: int
    waived: int
    by: date | None = None
    needed: float | None = None
    on_time: bool | None = None
    actual: Actual | None = None
    dates: tuple[Reminder, ...] = ()


class _Unit(NamedTuple):
    id: str
    title: str
    hours: float


def _units(curriculum: Curriculum, progress: Standing, role: Role) -> tuple[list[_Unit], int, int]:
    """The work to plan, in placing order, the number left out for unknown effort,
    and the number waived."""
    hours: dict[str, float] = {}
    unknown = waived = 0
    statuses = role_status(curriculum, progress, role)
    for rs in statuses:
        if rs.standing == "waived":
            waived += 1
        elif rs.standing == "open":
            left = rs.hours_left
            if left is None:
                unknown += 1
            else:
                hours[rs.counted.item.id] = hours.get(rs.counted.item.id, 0.0) + left
    pres, unknown_pres = prerequisite_work(curriculum, progress, statuses)
    hours.update(pres)
    finished = {i for i, st in progress.items.items() if st.status in ("done", "skipped")}
    return _ordered(curriculum, progress, role, hours, finished), unknown + unknown_pres, waived


def _ordered(
    curriculum: Curriculum,
    progress: Standing,
    role: Role,
    hours: dict[str, float],
    finished: set[str],
) -> list[_Unit]:
    """The items of ``hours`` best score first, each after its prerequisites."""
    required = open_requirement_items(curriculum, progress, role)
    position = {item_id: n for n, item_id in enumerate(curriculum.item_map)}
    waiting = {
        i: {p for p in curriculum.item_map[i].prerequisites if p not in finished and p in hours}
        for i in hours
    }
    dependents: dict[str, list[str]] = {}
    for i, pres in waiting.items():
        for p in pres:
            dependents.setdefault(p, []).append(i)

    def key(item_id: str) -> tuple[float, int]:
        item = curriculum.item_map[item_id]
        unlocks = len([d for d in curriculum.dependents.get(item_id, []) if d not in finished])
        status = state(progress, item_id).status
        total = 0.0
        for _name, points in _points(item, required, unlocks, status):
            total += points
        return (-round(total, 2), position[item_id])

    ready = [(key(i), i) for i, pres in waiting.items() if not pres]
    heapq.heapify(ready)
    result: list[_Unit] = []
    while ready:
        _, item_id = heapq.heappop(ready)
        result.append(_Unit(item_id, curriculum.item_map[item_id].title, hours[item_id]))
        for d in dependents.get(item_id, []):
            waiting[d].discard(item_id)
            if not waiting[d]:
                heapq.heappush(ready, (key(d), d))
    return result


def plan(
    curriculum: Curriculum,
    progress: Standing,
    role: Role,
    today: date,
    hours_per_week: float,
    by: date | None = None,
    actual: Actual | None = None,
) -> Plan:
    """The week-by-week plan of ``role`` from ``today`` at ``hours_per_week`` (> 0)
    hours a week (see the module docstring), and with ``by`` the pace needed to be
    ready on that date; ``actual`` (from :func:`~aipm_tracker.engine.timelog.actual`)
    is carried for the past weeks."""
    units, unknown, waived = _units(curriculum, progress, role)
    dates = tuple(cert_dates(curriculum, progress, today))
    total = sum(u.hours for u in units)
    ready_on = projected_date(today, total, hours_per_week)
    weeks = _weeks(units, today, hours_per_week, ready_on, dates)
    needed = None
    on_time = None
    if by is not None:
        days = (by - today).days
        needed = total * 7 / days if days > 0 else None
        on_time = ready_on is not None and ready_on <= by
    return Plan(
        role_id=role.id,
        role_title=role.title,
        hours_per_week=hours_per_week,
        weeks=weeks,
        ready_on=ready_on,
        hours=total,
        unknown=unknown,
        waived=waived,
        by=by,
        needed=needed,
        on_time=on_time,
        actual=actual,
        dates=dates,
    )


def _weeks(
    units: list[_Unit],
    today: date,
    hours_per_week: float,
    ready_on: date | None,
    dates: tuple[Reminder, ...],
) -> list[PlanWeek]:
    """The weeks of the plan from the one holding ``today`` to the one holding
    ``ready_on``: ``units`` in order, each week as many hours as the pace allows by
    its end, with the exams of ``dates`` it holds."""
    monday = today - timedelta(days=today.weekday())
    weeks: list[PlanWeek] = []
    placed = 0.0
    queue = [u for u in units if u.hours > EPSILON]
    last_monday = ready_on - timedelta(days=ready_on.weekday()) if ready_on is not None else None
    start = monday
    while queue and (last_monday is None or start <= last_monday):
        sunday = start + timedelta(days=6)
        # What the pace allows by the end of this week, less what is placed already;
        # the week of ready_on takes whatever is left (rounding).
        allowed = hours_per_week * (sunday - today).days / 7 - placed
        if start == last_monday:
            allowed = math.inf
        items, placed = _fill_week(queue, allowed, placed)
        exams = tuple(d for d in dates if d.what == "exam" and start <= d.on <= sunday)
        weeks.append(PlanWeek(start, sum(i.hours for i in items), items, exams))
        start += timedelta(days=7)
        if ready_on is None and len(weeks) > 5200:  # a century of weeks: no end in sight
            break
    return weeks


def _fill_week(
    queue: list[_Unit], allowed: float, placed: float
) -> tuple[list[PlannedItem], float]:
    """The items of one week: up to ``allowed`` hours taken off the front of
    ``queue`` (changed in place: a unit cut in two leaves its rest at the front),
    and the hours placed so far, ``placed`` plus these."""
    items: list[PlannedItem] = []
    while queue and allowed > EPSILON:
        unit = queue[0]
        take = min(unit.hours, allowed)
        items.append(PlannedItem(unit.id, unit.title, take))
        allowed -= take
        placed += take
        if unit.hours - take <= EPSILON:
            queue.pop(0)
        else:
            queue[0] = unit._replace(hours=unit.hours - take)
    return items, placed
