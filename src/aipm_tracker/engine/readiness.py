"""How ready the user is: category progress, readiness for the target role, the
projected date, the gaps, and the whole ``aipm status`` report. Pure: no I/O, no
clock (``today`` is passed in).

Readiness
    For the target role, the share of *required effort hours* the user has done:
    ``sum(effort_hours of required items done) / sum(effort_hours of required items)``,
    with skipped items (not applicable to the user) left out of both sums. Level gaps
    count the role's requirements whose Dreyfus target level is above the user's
    recorded level (an unrecorded level counts as 0, "none").
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import NamedTuple

from ..models import PRIORITY_ORDER, Curriculum, Role, Standing, Status
from .items import check_category, orphans, state
from .next_steps import NextStep, next_steps

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
        if status != "skipped":
            hours[item.category][1] += item.effort_hours
            if status == "done":
                hours[item.category][0] += item.effort_hours
            elif status == "in_progress":
                hours[item.category][2] += item.effort_hours
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
        hours[item.category] += item.effort_hours
    return [
        CategoryTotal(id=cid, title=cat.title, items=items[cid], hours=hours[cid])
        for cid, cat in curriculum.category_map.items()
    ]


# ------------------------------------------------------------------------- readiness


class Readiness(NamedTuple):
    """How ready the user is for ``role_id``.

    ``percent`` is 0-100 of required effort hours done; ``hours_*`` are hours;
    ``ready_on`` is the projected date all required hours are done at
    ``hours_per_week`` (None when that pace is not set, or the date is past year 9999).
    """

    role_id: str
    role_title: str
    items_required: int
    items_done: int
    items_skipped: int
    hours_required: float
    hours_done: float
    levels_required: int
    levels_met: int
    hours_per_week: float | None
    ready_on: date | None

    @property
    def percent(self) -> float:
        """Per cent (0-100) of required effort hours done."""
        return 100.0 * self.hours_done / self.hours_required if self.hours_required else 100.0

    @property
    def hours_remaining(self) -> float:
        """Required effort hours still to do."""
        return self.hours_required - self.hours_done

    @property
    def level_gaps(self) -> int:
        """Requirements whose target level is not reached yet."""
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


def readiness(curriculum: Curriculum, progress: Standing, role: Role, today: date) -> Readiness:
    """Readiness for ``role`` (see the module docstring); ``today`` (a local date)
    anchors ``ready_on``."""
    items_required = items_done = items_skipped = levels_required = levels_met = 0
    hours_required = hours_done = 0.0
    for req in role.requirements:
        item = curriculum.item_map[req.item]
        st = state(progress, req.item)
        if st.status == "skipped":
            items_skipped += 1
            continue
        items_required += 1
        hours_required += item.effort_hours
        if st.status == "done":
            items_done += 1
            hours_done += item.effort_hours
        if req.level is not None:
            levels_required += 1
            if (st.level or 0) >= req.level:
                levels_met += 1
    pace = progress.profile.hours_per_week
    ready_on = projected_date(today, hours_required - hours_done, pace)
    return Readiness(
        role_id=role.id,
        role_title=role.title,
        items_required=items_required,
        items_done=items_done,
        items_skipped=items_skipped,
        hours_required=hours_required,
        hours_done=hours_done,
        levels_required=levels_required,
        levels_met=levels_met,
        hours_per_week=pace,
        ready_on=ready_on,
    )


# ------------------------------------------------------------------------------ gaps


class Gap(NamedTuple):
    """A requirement of the target role the user lacks.

    ``needs_completion``: the item is not done (``hours_remaining`` hours of effort).
    ``needs_level``: the recorded Dreyfus ``level`` (None = not assessed) is below
    ``target_level``.
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
    hours_remaining: float


def gaps(curriculum: Curriculum, progress: Standing, role: Role) -> list[Gap]:
    """The requirements of ``role`` not yet met, most important first: by priority
    (core, recommended, optional), then category order, then curriculum order.
    Skipped items are not gaps."""
    position = {item_id: n for n, item_id in enumerate(curriculum.item_map)}
    cat_pos = {cid: n for n, cid in enumerate(curriculum.category_map)}
    result = []
    for req in role.requirements:
        item = curriculum.item_map[req.item]
        st = state(progress, req.item)
        if st.status == "skipped":
            continue
        needs_completion = st.status != "done"
        needs_level = req.level is not None and (st.level or 0) < req.level
        if needs_completion or needs_level:
            result.append(
                Gap(
                    item_id=item.id,
                    title=item.title,
                    category=item.category,
                    priority=item.priority,
                    status=st.status,
                    level=st.level,
                    target_level=req.level,
                    needs_completion=needs_completion,
                    needs_level=needs_level,
                    hours_remaining=item.effort_hours if needs_completion else 0.0,
                )
            )
    result.sort(
        key=lambda g: (PRIORITY_ORDER[g.priority], cat_pos[g.category], position[g.item_id])
    )
    return result


# ---------------------------------------------------------------------------- status


class StatusReport(NamedTuple):
    """What ``aipm status`` and the exported reports show: the curriculum's name,
    ``today`` (a local date), readiness (None without a target role), category
    summaries, the first next steps, the gaps and the orphaned progress IDs."""

    curriculum_id: str
    curriculum_title: str
    curriculum_version: str
    today: date
    readiness: Readiness | None
    categories: list[CategorySummary]
    next_steps: list[NextStep]
    gaps: list[Gap]
    orphans: list[str]


def status_report(
    curriculum: Curriculum,
    progress: Standing,
    role: Role | None,
    today: date,
    category: str | None = None,
    next_limit: int = 3,
) -> StatusReport:
    """Everything for a status screen or report, for ``today`` (a local date), with at
    most ``next_limit`` next steps. Raises :class:`UsageError` for an unknown
    ``category``."""
    return StatusReport(
        curriculum_id=curriculum.id,
        curriculum_title=curriculum.title,
        curriculum_version=curriculum.version,
        today=today,
        readiness=readiness(curriculum, progress, role, today) if role else None,
        categories=category_summaries(curriculum, progress, category),
        next_steps=next_steps(curriculum, progress, role, next_limit),
        gaps=gaps(curriculum, progress, role) if role else [],
        orphans=orphans(curriculum, progress),
    )
