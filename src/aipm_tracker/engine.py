"""Pure computations over ``(Curriculum, Progress, today)``: no I/O, no clock reads.

Readiness
    For the target role, the share of *required effort hours* the user has done:
    ``sum(effort_hours of required items done) / sum(effort_hours of required items)``,
    with skipped items (not applicable to the user) left out of both sums. Level gaps
    count the role's requirements whose Dreyfus target level is above the user's
    recorded level (an unrecorded level counts as 0, "none").

Next-step score (shown term by term by ``aipm next --explain``)
    Only items that are not done or skipped and whose prerequisites are all done or
    skipped are candidates. Their score is the sum of:

    ========== =========================================================
    priority   core +3, recommended +2, optional +1
    target     +3 if the target role requires the item
    unlocks    +1 per unfinished item that lists it as a prerequisite, at most +3
    started    +2 if the item is in progress (finish what you started)
    effort     -0.05 per effort hour, at most -2 (small wins first)
    ========== =========================================================

    Ties are broken by curriculum order. The weights follow the idea of Taskwarrior's
    urgency coefficients (taskwarrior.org/docs/urgency): a documented sum of terms.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Literal, NamedTuple

from .errors import UnknownItemError, UsageError
from .models import (
    DREYFUS_LEVELS,
    PRIORITY_ORDER,
    Curriculum,
    Item,
    ItemProgress,
    Progress,
    Role,
    Status,
)

PRIORITY_POINTS: dict[str, float] = {"core": 3.0, "recommended": 2.0, "optional": 1.0}
TARGET_POINTS = 3.0
UNLOCK_POINTS_EACH = 1.0
UNLOCK_POINTS_MAX = 3.0
STARTED_POINTS = 2.0
EFFORT_POINTS_PER_HOUR = -0.05
EFFORT_POINTS_MIN = -2.0

# Not validated (every field given, no default factory run): validating would build
# the model's validator at import, which most commands never need.
_EMPTY = ItemProgress.model_construct(notes=[], evidence=[])


def state(progress: Progress, item_id: str) -> ItemProgress:
    """The user's state on ``item_id`` (a fresh todo state if never touched)."""
    return progress.items.get(item_id, _EMPTY)


def level_name(level: int | None) -> str:
    """``3`` -> ``"competent"`` (Dreyfus); None -> ``"not assessed"``."""
    return "not assessed" if level is None else DREYFUS_LEVELS.get(level, str(level))


# ------------------------------------------------------------------ item resolution


def _ends_with_word(item_id: str, q: str) -> bool:
    # A suffix counts only from a word boundary: 'nlp' finds 'ai.nlp' and 'basics'
    # finds 'ai.ml-basics', but 'cs' does not find 'ai.ml-basics'.
    return item_id.endswith(q) and item_id[-len(q) - 1 : -len(q)] in (".", "-")


def resolve_item(curriculum: Curriculum, query: str) -> str:
    """Resolve a user's ITEM argument to an item ID.

    Accepts, in order: the full ID, an old ID listed in an item's ``aliases``, a unique
    prefix (``ai.ml`` -> ``ai.ml-basics``), a unique suffix starting at a ``.`` or
    ``-`` (``nlp`` -> ``ai.nlp``), or a unique prefix of the part after the dot
    (``ml-b`` -> ``ai.ml-basics``).
    Matching is case-insensitive. Raises :class:`UnknownItemError` (exit 2) with
    close matches when nothing or more than one item matches.
    """
    q = query.strip().lower()
    ids = curriculum.item_map
    if q in ids:
        return q
    if q in curriculum.alias_map:
        return curriculum.alias_map[q]
    for matches in (
        [i for i in ids if i.startswith(q)],
        [i for i in ids if _ends_with_word(i, q)],
        [i for i in ids if i.split(".", 1)[-1].startswith(q)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1 and q:
            shown = matches[:8]
            more = f" and {len(matches) - len(shown)} more" if len(matches) > len(shown) else ""
            raise UnknownItemError(
                f"{query!r} is ambiguous: it matches {', '.join(shown)}{more}", shown
            )
    import difflib  # only an unknown item needs it

    close = difflib.get_close_matches(q, ids, n=5, cutoff=0.5)
    close += [i for i in ids if q and q in i and i not in close][: 5 - len(close)]
    hint = f" Did you mean: {', '.join(close)}?" if close else " See `aipm list` for all IDs."
    raise UnknownItemError(f"no item {query!r} in this curriculum.{hint}", close)


def resolve_role(curriculum: Curriculum, progress: Progress, override: str | None) -> Role | None:
    """The target role: ``override`` (``--target``), else the profile's, else the
    curriculum's ``default_role``, else its first role, else None (no roles at all).

    A profile role the curriculum no longer has falls back to the default (see
    :func:`stale_target_role`), so that a curriculum update never locks the user out.
    Raises :class:`UsageError` (exit 2) for an ``override`` the curriculum does not have.
    """
    if override is not None:
        role = curriculum.role_map.get(override)
        if role is None:
            known = ", ".join(curriculum.role_map) or "none"
            raise UsageError(f"no target role {override!r} in this curriculum (roles: {known})")
        return role
    saved = progress.profile.target_role
    if saved in curriculum.role_map:
        return curriculum.role_map[saved]
    if curriculum.default_role in curriculum.role_map:
        return curriculum.role_map[curriculum.default_role]
    return curriculum.roles[0] if curriculum.roles else None


def stale_target_role(curriculum: Curriculum, progress: Progress) -> str | None:
    """The profile's target role if this curriculum does not have it (else None)."""
    saved = progress.profile.target_role
    return saved if saved is not None and saved not in curriculum.role_map else None


def target_level(role: Role | None, item_id: str) -> int | None:
    """The Dreyfus level ``role`` asks for on ``item_id`` (None: no level, or not
    required)."""
    return _required_levels(role).get(item_id)


def _required_levels(role: Role | None) -> dict[str, int | None]:
    return {} if role is None else {req.item: req.level for req in role.requirements}


# ------------------------------------------------------------------------ summaries


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
    curriculum: Curriculum, progress: Progress, category: str | None = None
) -> list[CategorySummary]:
    """One :class:`CategorySummary` per category in curriculum order (only
    ``category`` when given; raises :class:`UsageError` if it is unknown)."""
    if category is not None and category not in curriculum.category_map:
        known = ", ".join(curriculum.category_map)
        raise UsageError(f"no category {category!r} (categories: {known})")
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


def readiness(curriculum: Curriculum, progress: Progress, role: Role, today: date) -> Readiness:
    """Readiness for ``role`` (see the module docstring); ``today`` anchors
    ``ready_on``."""
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


# ----------------------------------------------------------------------------- gaps


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


def gaps(curriculum: Curriculum, progress: Progress, role: Role) -> list[Gap]:
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


# ----------------------------------------------------------------------- next steps


class ScoreTerm(NamedTuple):
    """One term of a next-step score: ``name``, its ``points`` and why."""

    name: str
    points: float
    reason: str


class NextStep(NamedTuple):
    """A ranked candidate: the item, its ``score`` (sum of ``terms``)."""

    item_id: str
    title: str
    category: str
    status: Status
    effort_hours: float
    score: float
    terms: list[ScoreTerm]


def _is_finished(progress: Progress, item_id: str) -> bool:
    return state(progress, item_id).status in ("done", "skipped")


def blocked_by(curriculum: Curriculum, progress: Progress, item_id: str) -> list[str]:
    """The prerequisites of ``item_id`` that are neither done nor skipped."""
    item = curriculum.item_map[item_id]
    return [p for p in item.prerequisites if not _is_finished(progress, p)]


def score_terms(
    curriculum: Curriculum, progress: Progress, item: Item, required: dict[str, int | None]
) -> list[ScoreTerm]:
    """The terms of ``item``'s next-step score (see the module docstring)."""
    terms = [ScoreTerm("priority", PRIORITY_POINTS[item.priority], item.priority)]
    if item.id in required:
        terms.append(ScoreTerm("target", TARGET_POINTS, "required by the target role"))
    unlocks = [d for d in curriculum.dependents.get(item.id, []) if not _is_finished(progress, d)]
    if unlocks:
        points = min(UNLOCK_POINTS_EACH * len(unlocks), UNLOCK_POINTS_MAX)
        noun = "item" if len(unlocks) == 1 else "items"
        terms.append(ScoreTerm("unlocks", points, f"prerequisite of {len(unlocks)} {noun}"))
    if state(progress, item.id).status == "in_progress":
        terms.append(ScoreTerm("started", STARTED_POINTS, "already in progress"))
    effort = max(EFFORT_POINTS_PER_HOUR * item.effort_hours, EFFORT_POINTS_MIN)
    terms.append(ScoreTerm("effort", effort, f"{item.effort_hours:g} h of effort"))
    return terms


def next_steps(
    curriculum: Curriculum, progress: Progress, role: Role | None, limit: int | None = None
) -> list[NextStep]:
    """Items ready to work on (prerequisites done or skipped), best first, at most
    ``limit`` (None: all)."""
    required = _required_levels(role)
    finished = {i for i, st in progress.items.items() if st.status in ("done", "skipped")}
    dependents = curriculum.dependents
    # Every candidate is scored, but only the ones returned get their terms explained:
    # with 10,000 items that is most of the work saved.
    ranked: list[tuple[float, Item, Status]] = []
    for item in curriculum.items:
        if item.id in finished or (
            item.prerequisites and not finished.issuperset(item.prerequisites)
        ):
            continue
        status = state(progress, item.id).status
        # The terms of score_terms, added in the same order: the same float sum.
        total = PRIORITY_POINTS[item.priority]
        if item.id in required:
            total += TARGET_POINTS
        deps = dependents.get(item.id)
        unlocks = len([d for d in deps if d not in finished]) if deps else 0
        if unlocks:
            total += min(UNLOCK_POINTS_EACH * unlocks, UNLOCK_POINTS_MAX)
        if status == "in_progress":
            total += STARTED_POINTS
        total += max(EFFORT_POINTS_PER_HOUR * item.effort_hours, EFFORT_POINTS_MIN)
        ranked.append((round(total, 2), item, status))
    ranked.sort(key=lambda r: -r[0])  # stable: ties keep curriculum order
    return [
        NextStep(
            item_id=item.id,
            title=item.title,
            category=item.category,
            status=status,
            effort_hours=item.effort_hours,
            score=points,
            terms=score_terms(curriculum, progress, item, required),
        )
        for points, item, status in (ranked if limit is None else ranked[:limit])
    ]


# ---------------------------------------------------------------------- items, show


class ItemRow(NamedTuple):
    """One line of ``aipm list``."""

    id: str
    title: str
    category: str
    kind: str
    priority: str
    status: Status
    level: int | None
    target_level: int | None
    effort_hours: float


def item_rows(
    curriculum: Curriculum,
    progress: Progress,
    role: Role | None,
    category: str | None = None,
    status: Status | None = None,
) -> list[ItemRow]:
    """Items in curriculum order, filtered by ``category`` and ``status``.

    Raises :class:`UsageError` for an unknown ``category``."""
    if category is not None and category not in curriculum.category_map:
        known = ", ".join(curriculum.category_map)
        raise UsageError(f"no category {category!r} (categories: {known})")
    required = _required_levels(role)
    rows = []
    for item in curriculum.items:
        st = state(progress, item.id)
        if (category and item.category != category) or (status and st.status != status):
            continue
        rows.append(
            ItemRow(
                id=item.id,
                title=item.title,
                category=item.category,
                kind=item.kind,
                priority=item.priority,
                status=st.status,
                level=st.level,
                target_level=required.get(item.id),
                effort_hours=item.effort_hours,
            )
        )
    return rows


class ItemDetail(NamedTuple):
    """Everything ``aipm show`` tells about one item."""

    item: Item
    state: ItemProgress
    required: bool
    target_level: int | None
    prerequisites: list[tuple[str, Status]]
    unlocks: list[str]
    blocked_by: list[str]


def item_detail(
    curriculum: Curriculum, progress: Progress, item_id: str, role: Role | None
) -> ItemDetail:
    """The item, the user's state on it and its place in the prerequisite graph."""
    item = curriculum.item_map[item_id]
    required = _required_levels(role)
    return ItemDetail(
        item=item,
        state=state(progress, item_id),
        required=item_id in required,
        target_level=required.get(item_id),
        prerequisites=[(p, state(progress, p).status) for p in item.prerequisites],
        unlocks=list(curriculum.dependents.get(item_id, [])),
        blocked_by=blocked_by(curriculum, progress, item_id),
    )


class ReportEntry(NamedTuple):
    """One item of an exported report: its list row and the user's full state
    (dates, notes, evidence)."""

    row: ItemRow
    state: ItemProgress

    @property
    def touched(self) -> bool:
        """Whether the user did anything on the item: a status, a note or evidence."""
        return self.state.status != "todo" or bool(self.state.notes or self.state.evidence)


def report_entries(
    curriculum: Curriculum, progress: Progress, role: Role | None
) -> list[ReportEntry]:
    """Every item of the curriculum, in order, with the user's state."""
    return [
        ReportEntry(row=row, state=state(progress, row.id))
        for row in item_rows(curriculum, progress, role)
    ]


def renamed_ids(curriculum: Curriculum, progress: Progress) -> dict[str, str]:
    """Old item IDs in the progress file that the curriculum lists as an ``alias`` of
    a current item, mapped to that item's ID, when the move is safe: the current ID
    has no progress of its own and no other old ID moves to it. (Otherwise both are
    kept as they are, and the old one is reported as an orphan: nothing is merged or
    lost.)"""
    targets: dict[str, list[str]] = {}
    for old in progress.items:
        new = curriculum.alias_map.get(old)
        if new is not None and new not in progress.items:
            targets.setdefault(new, []).append(old)
    return {olds[0]: new for new, olds in targets.items() if len(olds) == 1}


def carry_renamed(curriculum: Curriculum, progress: Progress) -> Progress:
    """``progress`` with the entries and history events of renamed items (see
    :func:`renamed_ids`) moved to the items' current IDs, in place in the item order.
    The next save writes them under the new IDs; the file as it was is backed up."""
    moves = renamed_ids(curriculum, progress)
    if not moves:
        return progress
    items = {moves.get(key, key): value for key, value in progress.items.items()}
    history = [
        event.model_copy(update={"item": moves[event.item]})
        if event.item is not None and event.item in moves
        else event
        for event in progress.history
    ]
    return progress.model_copy(update={"items": items, "history": history})


def orphans(curriculum: Curriculum, progress: Progress) -> list[str]:
    """IDs in the progress file that the curriculum does not have (kept, never
    dropped; reported by ``aipm status``)."""
    return [i for i in progress.items if i not in curriculum.item_map]


# --------------------------------------------------------------------------- status


class StatusReport(NamedTuple):
    """What ``aipm status`` and the exported reports show."""

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
    progress: Progress,
    role: Role | None,
    today: date,
    category: str | None = None,
    next_limit: int = 3,
) -> StatusReport:
    """Everything for a status screen or report, for ``today`` (a local date)."""
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


# ------------------------------------------------------------------------- burndown


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
    done at that pace (None without a pace).
    """

    role_id: str
    role_title: str
    hours_required: float
    points: list[BurndownPoint]
    pace: float | None
    pace_source: Literal["profile", "history"] | None
    ready_on: date | None

    @property
    def hours_remaining(self) -> float:
        """Required effort hours not yet done today."""
        return self.points[-1].hours_remaining


def _remaining(effort: dict[str, float], statuses: dict[str, Status]) -> float:
    return sum(hours for item_id, hours in effort.items() if statuses[item_id] != "done")


def burndown(
    curriculum: Curriculum, progress: Progress, role: Role, today: date, weeks: int = 12
) -> Burndown:
    """The burndown of ``role`` over at most ``weeks`` weeks (>= 1) before ``today``.

    The history is replayed backwards from the current state (each event's ``before``
    undoes it), so the newest point always agrees with ``aipm status`` however the
    history began. Event times are read in the local time zone. Items skipped now count
    as neither required nor remaining at every point, so skipping one is never taken
    for study (it lowers the whole line instead). The series starts the week before the
    first recorded change (or ``weeks`` weeks ago, whichever is later).
    """
    effort = {
        req.item: curriculum.item_map[req.item].effort_hours
        for req in role.requirements
        if state(progress, req.item).status != "skipped"
    }
    statuses: dict[str, Status] = {i: state(progress, i).status for i in effort}
    hours_required = sum(effort.values())
    # The series spans every change to the role's items (a skip included); only the
    # items still required move the line.
    role_items = {req.item for req in role.requirements}
    spanned = [e for e in progress.history if e.item in role_items]
    events = [e for e in spanned if e.item in effort]
    if spanned:
        first_day = min(e.at.astimezone().date() for e in spanned)
        span = max((today - first_day).days, 0) // 7 + 1
    else:
        span = 0
    count = min(max(weeks, 1), span)
    boundaries = [today - timedelta(days=7 * k) for k in range(count + 1)]  # newest first
    points: list[BurndownPoint] = []
    # Undo in history order, newest first: two changes can share a timestamp.
    pending = events[::-1]
    cursor = 0
    for boundary in boundaries:
        while cursor < len(pending) and pending[cursor].at.astimezone().date() > boundary:
            event = pending[cursor]
            assert event.item is not None
            statuses[event.item] = event.before.status if event.before else "todo"
            cursor += 1
        points.append(BurndownPoint(boundary, _remaining(effort, statuses)))
    points.reverse()

    pace: float | None = progress.profile.hours_per_week
    source: Literal["profile", "history"] | None = "profile" if pace else None
    if not pace and len(points) > 1:
        burned = points[0].hours_remaining - points[-1].hours_remaining
        if burned > 0:
            pace, source = burned / (len(points) - 1), "history"
    remaining = points[-1].hours_remaining
    return Burndown(
        role_id=role.id,
        role_title=role.title,
        hours_required=hours_required,
        points=points,
        pace=pace,
        pace_source=source,
        ready_on=projected_date(today, remaining, pace),
    )


# -------------------------------------------------------------------- evidence pack


class EvidencePack(NamedTuple):
    """The target role's requirements with the user's proof: ``requirements`` are
    report entries (row and full state) in curriculum order, skipped ones left out;
    ``skipped`` the IDs of requirements the user marked not applicable."""

    requirements: list[ReportEntry]
    skipped: list[str]


def evidence_pack(curriculum: Curriculum, progress: Progress, role: Role) -> EvidencePack:
    """Every requirement of ``role`` with what proves it (an entry is proven when its
    state has an evidence link)."""
    required = _required_levels(role)
    entries = [e for e in report_entries(curriculum, progress, role) if e.row.id in required]
    return EvidencePack(
        requirements=[e for e in entries if e.state.status != "skipped"],
        skipped=[e.row.id for e in entries if e.state.status == "skipped"],
    )
