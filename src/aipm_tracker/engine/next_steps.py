"""What to work on next: the next-step score and the ranking (``aipm next``).

Only items that are not done or skipped and whose prerequisites are all done or
skipped are candidates. Their score is the sum of these terms, shown term by term by
``aipm next --explain``:

========== =========================================================
priority   core +3, recommended +2, optional +1
target     +3 if an open requirement of the target role names the item
unlocks    +1 per unfinished item that lists it as a prerequisite, at most +3
started    +2 if the item is in progress (finish what you started)
effort     -0.05 per effort hour, at most -2 (small wins first; unknown: 0)
demand     once jobs are saved: +2 times the share of saved postings that
           ask for the item (``aipm market``)
========== =========================================================

Ties are broken by curriculum order. The weights follow the idea of Taskwarrior's
urgency coefficients (taskwarrior.org/docs/urgency): a documented sum of terms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..models import Curriculum, Item, Role, Standing, Status
from .items import is_finished, state
from .requirements import open_requirement_items

if TYPE_CHECKING:
    from .match import Demand

PRIORITY_POINTS: dict[str, float] = {"core": 3.0, "recommended": 2.0, "optional": 1.0}
TARGET_POINTS = 3.0
UNLOCK_POINTS_EACH = 1.0
UNLOCK_POINTS_MAX = 3.0
STARTED_POINTS = 2.0
EFFORT_POINTS_PER_HOUR = -0.05
EFFORT_POINTS_MIN = -2.0
DEMAND_POINTS_MAX = 2.0


class ScoreTerm(NamedTuple):
    """One term of a next-step score: ``name`` (priority, target, unlocks, started,
    effort), its ``points`` and the ``reason`` in words."""

    name: str
    points: float
    reason: str


class NextStep(NamedTuple):
    """A ranked candidate: the item, the user's ``status`` on it, its effort in
    hours (None: unknown; ``estimated``: an estimate or unconfirmed) and its
    ``score`` (the sum of ``terms``, rounded to 2 decimals)."""

    item_id: str
    title: str
    category: str
    status: Status
    effort_hours: float | None
    score: float
    terms: list[ScoreTerm]
    estimated: bool = False


def _points(
    item: Item,
    required: dict[str, int | None],
    unlocks: int,
    status: Status,
    demand: Demand | None = None,
) -> list[tuple[str, float]]:
    """The score's terms as ``(name, points)`` in the order they are added: the one
    definition of the score (see the module docstring). ``unlocks`` is the number of
    unfinished items that list ``item`` as a prerequisite."""
    points = [("priority", PRIORITY_POINTS[item.priority])]
    if item.id in required:
        points.append(("target", TARGET_POINTS))
    if unlocks:
        points.append(("unlocks", min(UNLOCK_POINTS_EACH * unlocks, UNLOCK_POINTS_MAX)))
    if status == "in_progress":
        points.append(("started", STARTED_POINTS))
    effort = item.counted_hours or 0.0
    points.append(("effort", max(EFFORT_POINTS_PER_HOUR * effort, EFFORT_POINTS_MIN)))
    asked = demand.counts.get(item.id, 0) if demand and demand.postings else 0
    if demand and asked:
        points.append(("demand", round(DEMAND_POINTS_MAX * asked / demand.postings, 2)))
    return points


def _explained(
    item: Item,
    required: dict[str, int | None],
    unlocks: int,
    status: Status,
    demand: Demand | None = None,
) -> list[ScoreTerm]:
    """:func:`_points` with the reason for each term."""
    noun = "item" if unlocks == 1 else "items"
    reasons = {
        "priority": item.priority,
        "target": "required by the target role",
        "unlocks": f"prerequisite of {unlocks} {noun}",
        "started": "already in progress",
        "effort": "effort unknown"
        if item.counted_hours is None
        else f"{'~' if item.estimated else ''}{item.counted_hours:g} h of effort",
    }
    if demand:
        asked = demand.counts.get(item.id, 0)
        noun = "posting" if demand.postings == 1 else "postings"
        reasons["demand"] = f"asked by {asked} of {demand.postings} saved {noun}"
    return [
        ScoreTerm(name, points, reasons[name])
        for name, points in _points(item, required, unlocks, status, demand)
    ]


def score_terms(
    curriculum: Curriculum, progress: Standing, item: Item, required: dict[str, int | None]
) -> list[ScoreTerm]:
    """The terms of ``item``'s next-step score (see the module docstring);
    ``required`` maps the target role's item IDs to their levels
    (:func:`~aipm_tracker.engine.requirements.open_requirement_items`)."""
    dependents = curriculum.dependents.get(item.id, [])
    unlocks = len([d for d in dependents if not is_finished(progress, d)])
    return _explained(item, required, unlocks, state(progress, item.id).status)


def next_steps(
    curriculum: Curriculum,
    progress: Standing,
    role: Role | None,
    limit: int | None = None,
    demand: Demand | None = None,
) -> list[NextStep]:
    """Items ready to work on (prerequisites done or skipped), best first, at most
    ``limit`` (None: all). The ``target`` term goes to the items of the role's
    requirements still open: once a Scrum certificate is held, the other options of
    "a Scrum certificate" are no longer required. ``demand`` (see
    :func:`~aipm_tracker.engine.match.demand`) adds the ``demand`` term; None: no
    postings are weighed."""
    required = open_requirement_items(curriculum, progress, role)
    finished = {i for i, st in progress.items.items() if st.status in ("done", "skipped")}
    dependents = curriculum.dependents
    # Every candidate is scored, but only the ones returned get their terms explained:
    # with 10,000 items that is most of the work saved.
    ranked: list[tuple[float, Item, Status, int]] = []
    for item in curriculum.items:
        if item.id in finished or (
            item.prerequisites and not finished.issuperset(item.prerequisites)
        ):
            continue
        status = state(progress, item.id).status
        deps = dependents.get(item.id)
        unlocks = len([d for d in deps if d not in finished]) if deps else 0
        total = 0.0
        for _name, points in _points(item, required, unlocks, status, demand):
            total += points  # in order, not sum(): Python 3.12's sum() compensates
        ranked.append((round(total, 2), item, status, unlocks))
    ranked.sort(key=lambda r: -r[0])  # stable: ties keep curriculum order
    return [
        NextStep(
            item_id=item.id,
            title=item.title,
            category=item.category,
            status=status,
            effort_hours=item.counted_hours,
            score=score,
            terms=_explained(item, required, unlocks, status, demand),
            estimated=item.estimated,
        )
        for score, item, status, unlocks in (ranked if limit is None else ranked[:limit])
    ]
