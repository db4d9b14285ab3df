"""What a target role requires and where the user stands on each requirement: met,
open or waived, and how many hours of work it holds. The one definition of
"meeting a requirement" that readiness, the gaps, the burndown, ``next`` and every
report use. Pure: no I/O, no clock.

Meeting a requirement (curriculum schema 2)
    ``need: item``  the item is done (a quantity item: its amount reached the target);
    ``need: level`` the recorded proficiency level reaches the level asked;
    ``need: both``  the two. An ``any_of`` group is met when one option is.

Waived
    A requirement whose item is skipped (every option, for a group) is waived: the
    skip's reason is shown, it is never met, and readiness never reaches 100% with
    it.

Hours of work (the one denominator)
    An item part counts the item's study hours (:attr:`~aipm_tracker.models.Item.
    counted_hours`: none for a credential or months of experience, the target for
    an hours quantity, unknown for ``effort_hours: null``); a level part counts
    ``level x hours_per_level`` of practice (the item's, else the curriculum's, else
    :data:`~aipm_tracker.models.DEFAULT_HOURS_PER_LEVEL`, an estimate). A group
    counts its option with the least work left (ties: the first listed).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..models import AnyOf, Curriculum, Item, Requirement, Role, RoleRequirement, Standing
from .items import state

Standing_ = Literal["met", "open", "waived"]
"""Where the user stands on a requirement."""


class OptionStatus(NamedTuple):
    """The user's standing on one way of meeting a requirement (one item).

    ``hours_total`` / ``hours_done`` are hours of work (item study plus level
    practice; None total when the item's effort is unknown); ``level`` is the user's
    recorded level (None: not assessed), ``target_level`` the one asked (None: no
    level part); ``item_met`` / ``level_met`` say which parts are met.
    """

    item: Item
    need: str
    level: int | None
    target_level: int | None
    item_met: bool
    level_met: bool
    skipped: bool
    hours_total: float | None
    hours_done: float

    @property
    def met(self) -> bool:
        """Whether this option meets the requirement."""
        return self.item_met and self.level_met

    @property
    def hours_left(self) -> float | None:
        """Hours of work still to do on it (None: unknown)."""
        if self.hours_total is None:
            return None
        return max(self.hours_total - self.hours_done, 0.0)


class RequirementStatus(NamedTuple):
    """One requirement of a role and where the user stands on it.

    ``title`` is the item's title or the group's; ``options`` has one entry, or one
    per ``any_of`` option; ``counted`` is the option the hours come from (the met
    one, else the one with the least work left). ``waiver`` is the reason given when
    it is waived (possibly empty), else None.
    """

    title: str
    group: bool
    options: list[OptionStatus]
    counted: OptionStatus
    standing: Standing_
    waiver: str | None

    @property
    def item_ids(self) -> list[str]:
        """The item IDs that can meet it."""
        return [o.item.id for o in self.options]

    @property
    def hours_total(self) -> float | None:
        """Hours of work it holds (None: unknown)."""
        return self.counted.hours_total

    @property
    def hours_done(self) -> float:
        """Hours of that work done."""
        return self.counted.hours_done

    @property
    def hours_left(self) -> float | None:
        """Hours of work still to do (0 when met; None: unknown)."""
        return 0.0 if self.standing == "met" else self.counted.hours_left

    @property
    def estimated(self) -> bool:
        """Whether its hours rest on an estimate (unconfirmed effort, or level
        practice, which is always one)."""
        return self.counted.item.estimated or self.counted.target_level is not None


def hours_per_level(curriculum: Curriculum, item: Item) -> float:
    """Practice hours to raise ``item`` by one level: the item's, else the
    curriculum's (which defaults to :data:`~aipm_tracker.models.DEFAULT_HOURS_PER_LEVEL`)."""
    return item.hours_per_level if item.hours_per_level is not None else curriculum.hours_per_level


def option_status(curriculum: Curriculum, progress: Standing, req: Requirement) -> OptionStatus:
    """Where the user stands on one requirement option (see the module docstring)."""
    item = curriculum.item_map[req.item]
    st = state(progress, req.item)
    need = req.needs
    item_part = need in ("item", "both")
    level_part = need in ("level", "both")
    done = st.status == "done"
    if item.quantity is not None and st.amount is not None and st.amount >= item.quantity.target:
        done = True
    total: float | None = 0.0
    hours_done = 0.0
    if item_part:
        counted = item.counted_hours
        if counted is None:
            total = None
        else:
            total = counted
            if done:
                hours_done = counted
            elif item.quantity is not None and item.quantity.unit == "hours" and st.amount:
                hours_done = min(st.amount, counted)
    level = st.level
    target = req.level if level_part else None
    if target is not None:
        per = hours_per_level(curriculum, item)
        if total is not None:
            total += target * per
        hours_done += min(level or 0, target) * per
    return OptionStatus(
        item=item,
        need=need,
        level=level,
        target_level=target,
        item_met=done or not item_part,
        level_met=target is None or (level or 0) >= target,
        skipped=st.status == "skipped",
        hours_total=total,
        hours_done=hours_done,
    )


def _least_left(options: list[OptionStatus]) -> OptionStatus:
    def left(o: OptionStatus) -> float:
        return float("inf") if o.hours_left is None else o.hours_left

    return min(options, key=left)  # min keeps the first of equal ones


def requirement_status(
    curriculum: Curriculum, progress: Standing, req: RoleRequirement
) -> RequirementStatus:
    """Where the user stands on ``req`` (one requirement or an ``any_of`` group)."""
    reqs = req.any_of if isinstance(req, AnyOf) else [req]
    options = [option_status(curriculum, progress, r) for r in reqs]
    met = [o for o in options if o.met]
    live = [o for o in options if not o.skipped]
    if met:
        counted, standing = met[0], "met"
    elif not live:
        counted, standing = _least_left(options), "waived"
    else:
        counted, standing = _least_left(live), "open"
    waiver = None
    if standing == "waived":
        reasons = [state(progress, o.item.id).skip_reason or "" for o in options]
        waiver = "; ".join(dict.fromkeys(r for r in reasons if r))
    title = req.title if isinstance(req, AnyOf) else options[0].item.title
    return RequirementStatus(
        title=title,
        group=isinstance(req, AnyOf),
        options=options,
        counted=counted,
        standing=standing,  # type: ignore[arg-type]
        waiver=waiver,
    )


def role_status(curriculum: Curriculum, progress: Standing, role: Role) -> list[RequirementStatus]:
    """Every requirement of ``role`` (those it inherits through ``extends`` first),
    with the user's standing on each, in the role's order."""
    return [requirement_status(curriculum, progress, r) for r in curriculum.requirements(role)]


def open_requirement_items(
    curriculum: Curriculum, progress: Standing, role: Role | None
) -> dict[str, int | None]:
    """The items that can meet a requirement of ``role`` still open (neither met nor
    waived), each mapped to the level asked of it (None: no level part), in the
    role's order. Empty for no role."""
    if role is None:
        return {}
    result: dict[str, int | None] = {}
    for rs in role_status(curriculum, progress, role):
        if rs.standing == "open":
            for option in rs.options:
                result.setdefault(option.item.id, option.target_level)
    return result


def prerequisite_work(
    curriculum: Curriculum, progress: Standing, statuses: list[RequirementStatus]
) -> tuple[dict[str, float], int]:
    """The unfinished prerequisites (however deep) of the items the open requirements
    among ``statuses`` count, that no open requirement counts itself: their study
    hours by item ID, and how many of them are of unknown effort (counted as 0). A
    role closed under prerequisites (the bundled ones are) has none."""
    counted = {rs.counted.item.id for rs in statuses if rs.standing == "open"}
    finished = {i for i, st in progress.items.items() if st.status in ("done", "skipped")}
    found: dict[str, float] = {}
    unknown = 0
    stack = list(counted)
    while stack:
        for pre in curriculum.item_map[stack.pop()].prerequisites:
            if pre in counted or pre in found or pre in finished:
                continue
            study = curriculum.item_map[pre].counted_hours
            if study is None:
                unknown += 1
            found[pre] = study or 0.0
            stack.append(pre)
    return found, unknown
