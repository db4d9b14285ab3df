"""How ready the user is: category progress, readiness for the target role, the
projected date, the gaps, and the whole ``aipm status`` report. Pure: no I/O, no
clock (``today`` is passed in).

Readiness
    For the target role, the share of the *work its requirements hold* the user has
    done: item study hours plus level practice, per requirement, as
    :mod:`~aipm_tracker.engine.requirements` defines them. A waived requirement (its
    item skipped) stays in the denominator and is never met, so readiness never
    reaches 100% with one; a requirement of unknown effort is left out of the hours
    and counted apart. 100% means every requirement is met.

Categories
    A category's hours are its items' study hours (credentials and months of
    experience count none; unknown effort none), skipped items left out: how far
    through the category's material the user is, not readiness.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

from ..models import PRIORITY_ORDER, Curriculum, Role, Standing, Status
from .applications import InterviewSummary, interview_summary
from .certs import Reminder, reminders
from .items import check_category, orphans, stale_facts, state
from .next_steps import NextStep, next_steps
from .requirements import RequirementStatus, prerequisite_work, role_status
from .timelog import WeekLog, week_log

# ------------------------------------------------------------------------ categories


class CategorySummary(NamedTuple):
    """Counts and effort hours of one category. Skipped items are counted in
    ``skipped`` only and left out of ``hours_total``/``percent``."""

    id: str
    title: str
    total: int
    done: int
    in_progress: int
    todo: int
    skipped: int
    hours_done: float
    hours_total: float
    hours_in_progress: float = 0.0

    @property
    def hours_todo(self) -> float:
        """Effort hours of the category's items not started (todo), skipped excluded."""
        return max(self.hours_total - self.hours_done - self.hours_in_progress, 0.0)

    @property
    def percent(self) -> float:
        """Per cent (0-100) of the category's effort hours done."""
        return 100.0 * self.hours_done / self.hours_total if self.hours_total else 0.0


def category_summaries(
    curriculum: Curriculum, progress: Standing, category: str | None = None
) -> list[CategorySummary]:
    """One :class:`CategorySummary` per category in curriculum order (only
    ``category`` when given; raises :class:`UsageError` if it is unknown)."""
    check_category(curriculum, category)
    counts: dict[str, dict[Status, int]] = {
        c: {"todo": 0, "in_progress": 0, "done": 0, "skipped": 0} for c in curriculum.category_map
    }
    # [done, total, in progress] effort hours per category
    hours: dict[str, list[float]] = {c: [0.0, 0.0, 0.0] for c in curriculum.category_map}
    for item in curriculum.items:
        status = state(progress, item.id).status
        counts[item.category][status] += 1
        effort = item.counted_hours
        if status != "skipped" and effort:
            hours[item.category][1] += effort
            if status == "done":
                hours[item.category][0] += effort
            elif status == "in_progress":
                hours[item.category][2] += effort
    result = []
    for cid, cat in curriculum.category_map.items():
        if category is not None and cid != category:
            continue
        c = counts[cid]
        result.append(
            CategorySummary(
                id=cid,
                title=cat.title,
                total=sum(c.values()),
                done=c["done"],
                in_progress=c["in_progress"],
                todo=c["todo"],
                skipped=c["skipped"],
                hours_done=hours[cid][0],
                hours_total=hours[cid][1],
                hours_in_progress=hours[cid][2],
            )
        )
    return result


class CategoryTotal(NamedTuple):
    """The size of one category: number of ``items`` and their effort ``hours``."""

    id: str
    title: str
    items: int
    hours: float


def category_totals(curriculum: Curriculum) -> list[CategoryTotal]:
    """Items and effort hours per category, in curriculum order (no progress)."""
    items = {cid: 0 for cid in curriculum.category_map}
    hours = {cid: 0.0 for cid in curriculum.category_map}
    for item in curriculum.items:
        items[item.category] += 1
        hours[item.category] += item.counted_hours or 0.0
    return [
        CategoryTotal(id=cid, title=cat.title, items=items[cid], hours=hours[cid])
        for cid, cat in curriculum.category_map.items()
    ]


# ------------------------------------------------------------------------- readiness


class Readiness(NamedTuple):
    """How ready the user is for ``role_id``: the one honest denominator.

    ``hours_required`` is the work the role's requirements hold (item study plus level
    practice, see :mod:`~aipm_tracker.engine.requirements`), waived ones included;
    ``hours_done`` the part of it done on requirements not waived;
    ``hours_remaining`` what is left on the open ones, which ``ready_on`` (a local
    date) is projected from at ``hours_per_week`` (None when that pace is not set, or
    the date is past year 9999). ``requirements`` counts them all, ``met`` the met
    ones, ``waived`` the waived ones; ``unknown`` the open ones of unknown effort
    (left out of every total); ``estimated`` whether any hours counted rest on an
    estimate. ``levels_required`` / ``levels_met`` count the level parts alone.
    ``hours_per_level`` is the curriculum's default level practice, in hours.
    ``hours_prerequisites`` is the study of unfinished prerequisites no requirement
    names (none in a role closed under prerequisites); ``ready_on`` counts it too, as
    the plan does (:mod:`~aipm_tracker.engine.plan`).
    """

    role_id: str
    role_title: str
    requirements: int
    met: int
    waived: int
    unknown: int
    hours_required: float
    hours_done: float
    hours_remaining: float
    levels_required: int
    levels_met: int
    hours_per_week: float | None
    ready_on: date | None
    estimated: bool = False
    hours_per_level: float = 10.0
    hours_prerequisites: float = 0.0

    @property
    def percent(self) -> float:
        """Per cent (0-100) of the required work done. 100 only when every
        requirement is met: while one is open or waived it is at most 99."""
        if self.met == self.requirements:
            return 100.0
        raw = 100.0 * self.hours_done / self.hours_required if self.hours_required else 0.0
        return min(raw, 99.0)

    @property
    def open(self) -> int:
        """Requirements neither met nor waived."""
        return self.requirements - self.met - self.waived

    @property
    def level_gaps(self) -> int:
        """Level parts not reached yet."""
        return self.levels_required - self.levels_met


def projected_date(today: date, hours_remaining: float, pace: float | None) -> date | None:
    """The day ``hours_remaining`` effort hours are done at ``pace`` hours per week,
    counted in whole days from ``today``. None without a positive pace, or when the
    date would lie beyond the calendar (a huge curriculum at a tiny pace)."""
    if not pace or pace <= 0:
        return None
    days = math.ceil(max(hours_remaining, 0.0) / pace * 7)
    if days > (date.max - today).days:
        return None
    return today + timedelta(days=days)


def readiness_of(
    curriculum: Curriculum,
    role: Role,
    statuses: list[RequirementStatus],
    pace: float | None,
    today: date,
    progress: Standing | None = None,
) -> Readiness:
    """:class:`Readiness` from the requirement ``statuses`` of ``role`` (with
    ``progress``, the unfinished prerequisites no requirement names count toward
    ``ready_on``)."""
    hours_required = hours_done = hours_remaining = 0.0
    met = waived = unknown = levels_required = levels_met = 0
    estimated = False
    for rs in statuses:
        if rs.standing == "met":
            met += 1
        elif rs.standing == "waived":
            waived += 1
        total = rs.hours_total
        if total is None:
            unknown += rs.standing == "open"
        else:
            hours_required += total
            estimated = estimated or rs.estimated
            if rs.standing != "waived":
                hours_done += rs.hours_done
            if rs.standing == "open":
                hours_remaining += total - rs.hours_done
        if rs.counted.target_level is not None:
            levels_required += 1
            levels_met += rs.counted.level_met and rs.standing != "waived"
    extra = 0.0
    if progress is not None:
        extra = sum(prerequisite_work(curriculum, progress, statuses)[0].values())
    return Readiness(
        role_id=role.id,
        role_title=role.title,
        requirements=len(statuses),
        met=met,
        waived=waived,
        unknown=unknown,
        hours_required=hours_required,
        hours_done=hours_done,
        hours_remaining=hours_remaining,
        levels_required=levels_required,
        levels_met=levels_met,
        hours_per_week=pace,
        ready_on=projected_date(today, hours_remaining + extra, pace),
        estimated=estimated,
        hours_per_level=curriculum.hours_per_level,
        hours_prerequisites=extra,
    )


def readiness(curriculum: Curriculum, progress: Standing, role: Role, today: date) -> Readiness:
    """Readiness for ``role`` (see :class:`Readiness`); ``today`` (a local date)
    anchors ``ready_on``."""
    statuses = role_status(curriculum, progress, role)
    return readiness_of(
        curriculum, role, statuses, progress.profile.hours_per_week, today, progress
    )


# ------------------------------------------------------------------------------ gaps


class Gap(NamedTuple):
    """A requirement of the target role the user has not met: open, or waived.

    ``item_id`` is the item counted (for a group, the option with the least work
    left); ``options`` every item that meets it (one, or the group's); ``title`` the
    item's or the group's. ``needs_completion``: the item is not done;
    ``needs_level``: the recorded level (None = not assessed) is below
    ``target_level``. ``hours_remaining`` is the work left in hours (None: unknown).
    ``waiver`` is the reason when it is waived (then it needs nothing), else None;
    ``estimated`` whether its hours rest on an estimate.
    """

    item_id: str
    title: str
    category: str
    priority: str
    status: Status
    level: int | None
    target_level: int | None
    needs_completion: bool
    needs_level: bool
    hours_remaining: float | None
    options: list[str]
    group: bool = False
    waiver: str | None = None
    estimated: bool = False
    amount: float | None = None
    quantity_target: float | None = None
    quantity_unit: str | None = None

    @property
    def waived(self) -> bool:
        """Whether the requirement is waived rather than open."""
        return self.waiver is not None


def gaps_of(
    curriculum: Curriculum, progress: Standing, statuses: list[RequirementStatus]
) -> list[Gap]:
    """The open and waived requirements among ``statuses``, open ones first, each
    most important first: by priority (core, recommended, optional), then category
    order, then curriculum order."""
    position = {item_id: n for n, item_id in enumerate(curriculum.item_map)}
    cat_pos = {cid: n for n, cid in enumerate(curriculum.category_map)}
    result = []
    for rs in statuses:
        if rs.standing == "met":
            continue
        o = rs.counted
        item = o.item
        st = state(progress, item.id)
        waived = rs.standing == "waived"
        result.append(
            Gap(
                item_id=item.id,
                title=rs.title,
                category=item.category,
                # A group matters as much as its most important option.
                priority=min((x.item.priority for x in rs.options), key=PRIORITY_ORDER.__getitem__),
                status=st.status,
                level=o.level,
                target_level=o.target_level,
                needs_completion=not waived and not o.item_met,
                needs_level=not waived and not o.level_met,
                hours_remaining=None if waived else rs.hours_left,
                options=rs.item_ids,
                group=rs.group,
                waiver=rs.waiver,
                estimated=rs.estimated,
                amount=st.amount if item.quantity else None,
                quantity_target=item.quantity.target if item.quantity else None,
                quantity_unit=item.quantity.unit if item.quantity else None,
            )
        )
    result.sort(
        key=lambda g: (
            g.waived,
            PRIORITY_ORDER[g.priority],
            cat_pos[g.category],
            position[g.item_id],
        )
    )
    return result


def gaps(curriculum: Curriculum, progress: Standing, role: Role) -> list[Gap]:
    """The requirements of ``role`` not met (see :func:`gaps_of`)."""
    return gaps_of(curriculum, progress, role_status(curriculum, progress, role))


# ---------------------------------------------------------------------------- status


class StatusReport(NamedTuple):
    """What ``aipm status`` and the exported reports show: the curriculum's name,
    ``today`` (a local date), readiness (None without a target role), category
    summaries, the first next steps, the gaps, the orphaned progress IDs, the
    curriculum's ``level_names`` (value -> name), the IDs of items whose facts are
    ``due_for_check`` (checked over 12 months before ``today``), the items with steps
    in hand (``milestones``), the IDs of the user's ``own_items`` and the
    ``interview`` side (drills due, the pipeline, follow-ups; None when not asked),
    the ``time_log``'s week (this week's hours against the pace and the observed pace;
    None when not asked) and the certification dates to be ``reminded`` of (a booked
    exam within 30 days, a renewal due within 90:
    :func:`~aipm_tracker.engine.certs.reminders`)."""

    curriculum_id: str
    curriculum_title: str
    curriculum_version: str
    today: date
    readiness: Readiness | None
    categories: list[CategorySummary]
    next_steps: list[NextStep]
    gaps: list[Gap]
    orphans: list[str]
    level_names: dict[int, str] | None = None
    due_for_check: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    own_items: tuple[str, ...] = ()
    interview: InterviewSummary | None = None
    time_log: WeekLog | None = None
    reminders: tuple[Reminder, ...] = ()


class Milestone(NamedTuple):
    """An item with steps the user is working on (started, done, or with a step
    ticked): its ``done`` steps of its ``total``."""

    item_id: str
    title: str
    done: int
    total: int


def milestones(curriculum: Curriculum, progress: Standing) -> list[Milestone]:
    """The items with steps that the user started, finished or ticked a step of, in
    curriculum order, with their steps done of their steps."""
    found = []
    for item in curriculum.items:
        st = state(progress, item.id)
        total = len(item.steps) + len(st.own_steps)
        if total and (st.status in ("in_progress", "done") or st.steps_done):
            done = sum(1 for n in st.steps_done if n <= total)
            found.append(Milestone(item.id, item.title, done, total))
    return found


def status_report(
    curriculum: Curriculum,
    progress: Standing,
    role: Role | None,
    today: date,
    category: str | None = None,
    next_limit: int = 3,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> StatusReport:
    """Everything for a status screen or report, for ``today`` (a local date), with at
    most ``next_limit`` next steps and, given ``now`` (aware), the interview side and
    the time log's week (ISO weeks in ``tz``, the user's time zone; default: ``now``'s
    offset). Raises :class:`UsageError` for an unknown ``category``."""
    statuses = role_status(curriculum, progress, role) if role else []
    pace = progress.profile.hours_per_week
    return StatusReport(
        curriculum_id=curriculum.id,
        curriculum_title=curriculum.title,
        curriculum_version=curriculum.version,
        today=today,
        readiness=readiness_of(curriculum, role, statuses, pace, today, progress) if role else None,
        categories=category_summaries(curriculum, progress, category),
        next_steps=next_steps(curriculum, progress, role, next_limit),
        gaps=gaps_of(curriculum, progress, statuses) if role else [],
        orphans=orphans(curriculum, progress),
        level_names=curriculum.level_names,
        due_for_check=tuple(item.id for item in curriculum.items if stale_facts(item, today)),
        milestones=tuple(milestones(curriculum, progress)),
        own_items=tuple(o.id for o in progress.own_items),
        interview=interview_summary(curriculum, progress, now, today) if now else None,
        time_log=week_log(progress, now, tz or now.tzinfo or UTC) if now else None,
        reminders=tuple(reminders(curriculum, progress, today)),
    )


class RoleSummary(NamedTuple):
    """One row of ``aipm roles``: a role's :class:`Readiness` and its first gap (the
    most important open requirement's title, None when none is open)."""

    readiness: Readiness
    top_gap: str | None


def role_summary(
    curriculum: Curriculum, progress: Standing, role: Role, today: date
) -> RoleSummary:
    """How the user stands on ``role``, for ``aipm roles``; ``today`` a local date."""
    statuses = role_status(curriculum, progress, role)
    pace = progress.profile.hours_per_week
    found = [g for g in gaps_of(curriculum, progress, statuses) if not g.waived]
    return RoleSummary(
        readiness=readiness_of(curriculum, role, statuses, pace, today, progress),
        top_gap=found[0].title if found else None,
    )
