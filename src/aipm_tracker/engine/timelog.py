"""Reading the time log: the entries (``aipm log list``), this week's hours and the
observed pace (``aipm status``), and the plan against what was done for past weeks
(``aipm plan``). Pure: the moment, the local date and the user's time zone are passed
in; weeks are ISO weeks, Monday to Sunday, in that zone.

Plan against actual (earned value, as a PM knows it from PMI's PMBOK)
    For each past ISO week from the week of the first logged entry up to last week:

    - **planned** (planned value, PV): the hours the plan scheduled that week, which is
      the study pace (``hours_per_week``) in effect at the end of the week. The pace is
      the plan's one input the user sets, and the history records every change of it
      (``aipm target --hours-per-week``), so the plan as it was made needs no stored
      copy: a later change of pace does not rewrite past weeks. Weeks before the first
      pace was set are planned at that first pace (see :func:`pace_at`); a week
      after the pace was cleared planned 0 hours.
    - **logged** (actual hours, the AC of EVM in hours): the hours the time log holds
      for the week.
    - **earned** (earned value, EV): the planned hours of the work actually performed.
      An item's budget is its study hours plus the level practice the target role asks
      for (the hours the plan gives it). It earns its logged hours up to that budget,
      or what it has reached if that is more: its study hours once done, plus the
      practice hours of each required level reached (finishing early earns the rest).
      An item of unknown or zero budget earns its logged hours. A skipped item earns
      nothing. A week earns what the items' earned hours grew by during it; what was
      earned before the first week is not counted.
    - **variance** (schedule variance, SV = EV - PV, in hours) and **SPI** (schedule
      performance index, EV / PV; None when nothing was planned). SPI 1 is on
      schedule; below 1 behind, above 1 ahead.

    The totals are the same sums over all the past weeks (cumulative PV, AC, EV, SV,
    SPI).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from ..models import Curriculum, Progress, Role, Standing, TimeEntry
from .items import required_levels
from .requirements import hours_per_level

OBSERVED_WEEKS = 4
"""How many complete ISO weeks the observed pace averages over: a month of study,
long enough that one busy or empty week does not swing it, short enough to show a
change of habit within the month. The current week is left out (on a Monday it has
barely begun), and so are the weeks before the first logged entry (a user who began
logging two weeks ago is averaged over those two)."""


def monday_of(day: date) -> date:
    """The Monday that starts ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The local date of the aware ``moment`` in ``tz``."""
    return moment.astimezone(tz).date()


def _week_start(day: date, tz: tzinfo) -> datetime:
    """The aware moment local Monday ``day`` begins (midnight in ``tz``)."""
    return datetime(day.year, day.month, day.day, tzinfo=tz)


class LogRow(NamedTuple):
    """One time-log entry as ``aipm log list`` shows it: its ``id``, the aware moment
    ``at`` and local ``day`` it was spent, the ``item`` and its ``title`` (the ID when
    the curriculum no longer has it), the ``minutes``, the ``hours`` they make, and
    the ``note`` ("" when none)."""

    id: str
    at: datetime
    day: date
    item: str
    title: str
    minutes: int
    hours: float
    note: str


class LogList(NamedTuple):
    """``aipm log list``: the ``entries`` (oldest first) of the ISO week starting
    ``week`` (a Monday; None: every week) and of ``item`` (None: every item), and the
    ``hours`` they add up to."""

    week: date | None
    item: str | None
    entries: list[LogRow]
    hours: float


def log_list(
    curriculum: Curriculum,
    progress: Standing,
    tz: tzinfo,
    week: date | None = None,
    item: str | None = None,
) -> LogList:
    """The time-log entries, oldest first (by when they were spent), of the ISO week
    holding local date ``week`` (None: all) and of ``item`` (None: all)."""
    monday = monday_of(week) if week is not None else None
    rows = []
    for e in sorted(progress.time_log, key=lambda e: e.at):
        day = local_day(e.at, tz)
        if monday is not None and monday_of(day) != monday:
            continue
        if item is not None and e.item != item:
            continue
        known = curriculum.item_map.get(e.item)
        rows.append(
            LogRow(e.id, e.at, day, e.item, known.title if known else e.item, e.minutes,
                   e.hours, e.note)
        )  # fmt: skip
    return LogList(monday, item, rows, sum(r.hours for r in rows))


class WeekLog(NamedTuple):
    """The time log's line in ``aipm status``: ``week`` (this ISO week's Monday, local)
    and the ``hours`` logged in it; ``hours_per_week``, the pace set (None: not set);
    ``observed``, the hours logged per week over the last ``window_weeks`` complete
    weeks (see :data:`OBSERVED_WEEKS`; None when there is no complete week logged
    yet); ``completed``, the items finished in those weeks; ``entries``, how many
    entries the log holds."""

    week: date
    hours: float
    hours_per_week: float | None
    observed: float | None
    window_weeks: int
    completed: int
    entries: int


def _hours_in(entries: list[TimeEntry], start: datetime, end: datetime) -> float:
    return sum(e.hours for e in entries if start <= e.at < end)


def week_log(progress: Standing, now: datetime, tz: tzinfo) -> WeekLog:
    """This week's logged hours against the pace, and the observed pace (see
    :class:`WeekLog`), at the aware moment ``now`` in time zone ``tz``."""
    monday = monday_of(local_day(now, tz))
    this_week = _week_start(monday, tz)
    entries = progress.time_log
    weeks = 0
    if entries:
        first = monday_of(min(local_day(e.at, tz) for e in entries))
        weeks = max(0, min(OBSERVED_WEEKS, (monday - first).days // 7))
    window = _week_start(monday - timedelta(days=7 * weeks), tz)
    observed = _hours_in(entries, window, this_week) / weeks if weeks else None
    completed = sum(
        1
        for st in progress.items.values()
        if st.status == "done" and st.completed_at is not None
        and window <= st.completed_at < this_week
    )  # fmt: skip
    return WeekLog(
        week=monday,
        hours=_hours_in(entries, this_week, this_week + timedelta(days=7)),
        hours_per_week=progress.profile.hours_per_week,
        observed=observed,
        window_weeks=weeks,
        completed=completed if weeks else 0,
        entries=len(entries),
    )


class PastWeek(NamedTuple):
    """One past ISO week of the plan against what was done (see the module docstring):
    its Monday ``start`` and, in hours, what was ``planned`` (PV), ``logged`` (actual
    hours) and ``earned`` (EV); ``variance`` (EV - PV) and ``spi`` (EV / PV; None when
    nothing was planned)."""

    start: date
    planned: float
    logged: float
    earned: float
    variance: float
    spi: float | None


class Actual(NamedTuple):
    """The plan against what was done for every past week (``weeks``, oldest first),
    and the totals over them in hours: ``planned`` (PV), ``logged``, ``earned`` (EV),
    ``variance`` (SV = EV - PV) and ``spi`` (EV / PV; None when nothing was planned)."""

    weeks: list[PastWeek]
    planned: float
    logged: float
    earned: float
    variance: float
    spi: float | None


def _spi(earned: float, planned: float) -> float | None:
    return earned / planned if planned > 0 else None


def pace_at(progress: Progress, moment: datetime) -> float | None:
    """The study pace (hours a week) in effect at the aware ``moment``: the one the
    latest profile change recorded by then set. Before any pace was set (a user who
    logs last week's study right after setting a pace), the first pace ever set: the
    plan they were following. With no change in the history, the profile's now; None
    when no pace was ever set."""
    changes = [e for e in progress.history if e.profile_after is not None]
    paces = [p.hours_per_week for e in changes for p in (e.profile_before, e.profile_after) if p]
    first = next((h for h in paces if h), progress.profile.hours_per_week)
    earlier = [e for e in changes if e.at <= moment]
    if earlier:
        last = earlier[-1].profile_after
        if last is not None and last.hours_per_week:
            return last.hours_per_week
        if any(e.profile_after and e.profile_after.hours_per_week for e in earlier):
            return None  # the user cleared the pace: nothing was planned then
    return first


class _Budget(NamedTuple):
    """An item's planned hours: ``study`` hours, and ``per_level`` hours of practice
    for each of the ``levels`` the target role asks for."""

    study: float
    per_level: float
    levels: int

    @property
    def hours(self) -> float:
        return self.study + self.per_level * self.levels


def _budgets(curriculum: Curriculum, role: Role | None) -> dict[str, _Budget]:
    """Each item's :class:`_Budget` (items of unknown or zero budget are absent)."""
    required = required_levels(curriculum, role) if role is not None else {}
    budgets: dict[str, _Budget] = {}
    for item in curriculum.items:
        level = required.get(item.id) or 0
        budget = _Budget(item.counted_hours or 0.0, hours_per_level(curriculum, item), level)
        if budget.hours > 0:
            budgets[item.id] = budget
    return budgets


def _levels_by(progress: Progress, moment: datetime) -> dict[str, int]:
    """Each item's level as the history had it by the aware ``moment`` (when each
    change happened: ``--at``, else when recorded)."""
    levels: dict[str, int] = {}
    for event in progress.history:
        if event.when < moment:
            for change in event.item_changes():
                levels[change.item] = change.after.level or 0
    return levels


def _earned_by(progress: Progress, budgets: dict[str, _Budget], moment: datetime) -> float:
    """The earned hours of every item by the aware ``moment`` (see the module
    docstring): the hours logged on it up to its budget, or what it has reached if
    that is more (its study hours once done, plus the practice of each required level
    reached)."""
    logged: dict[str, float] = {}
    for e in progress.time_log:
        if e.at < moment:
            logged[e.item] = logged.get(e.item, 0.0) + e.hours
    levels = _levels_by(progress, moment)
    total = 0.0
    for item_id in set(logged) | set(progress.items):
        st = progress.items.get(item_id)
        if st is not None and st.status == "skipped":
            continue
        budget = budgets.get(item_id)
        hours = logged.get(item_id, 0.0)
        if budget is None:
            total += hours
            continue
        done = st is not None and st.status == "done" and (
            st.completed_at is not None and st.completed_at < moment
        )  # fmt: skip
        reached = (budget.study if done else 0.0) + budget.per_level * min(
            levels.get(item_id, 0), budget.levels
        )
        total += max(min(budget.hours, hours), reached)
    return total


def actual(
    curriculum: Curriculum, progress: Progress, role: Role | None, today: date, tz: tzinfo
) -> Actual | None:
    """The plan against what was done (see the module docstring) for the ISO weeks
    from the first logged entry's to the one before ``today``'s (a local date), in
    ``tz``, with the budgets of ``role``'s plan. None when no entry was logged before
    this week."""
    this_monday = monday_of(today)
    days = [local_day(e.at, tz) for e in progress.time_log]
    past = [d for d in days if d < this_monday]
    if not past:
        return None
    budgets = _budgets(curriculum, role)
    mondays = []
    monday = monday_of(min(past))
    while monday < this_monday:
        mondays.append(monday)
        monday += timedelta(days=7)
    bounds = [_week_start(m, tz) for m in [*mondays, this_monday]]
    earned = [_earned_by(progress, budgets, b) for b in bounds]
    weeks = []
    for n, start in enumerate(mondays):
        planned = pace_at(progress, bounds[n + 1] - timedelta(microseconds=1)) or 0.0
        logged = _hours_in(progress.time_log, bounds[n], bounds[n + 1])
        value = earned[n + 1] - earned[n]
        weeks.append(PastWeek(start, planned, logged, value, value - planned, _spi(value, planned)))
    pv = sum(w.planned for w in weeks)
    ev = earned[-1] - earned[0]
    return Actual(
        weeks=weeks,
        planned=pv,
        logged=sum(w.logged for w in weeks),
        earned=ev,
        variance=ev - pv,
        spi=_spi(ev, pv),
    )
