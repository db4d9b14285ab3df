"""What to tell the user after a change to one item: how its category stands, and
for a start or a finish what to do next about prerequisites and levels. Pure, over
``(Curriculum, Progress, Role)``, like the engine it draws on."""

from __future__ import annotations

from typing import Literal, NamedTuple

from . import engine
from .models import Curriculum, Progress, Role

ItemAction = Literal["start", "done", "skip", "reset"]
"""The item changes that report a follow-up (the history's ``action`` names)."""


class Followup(NamedTuple):
    """After ``action`` on an item: its category's ``category_title``, ``done`` items
    of ``counted`` (skipped ones left out); ``waiting``, the prerequisites not done yet
    (only after a start); ``target_level``, the target role's level for the item when
    the user's recorded level is below it (only after a start or a finish; else
    None); ``level``, the user's recorded level on the item (None: not assessed)."""

    category_title: str
    done: int
    counted: int
    waiting: list[str]
    target_level: int | None
    level: int | None = None


def followup(
    curriculum: Curriculum, after: Progress, role: Role | None, item_id: str, action: ItemAction
) -> Followup:
    """The :class:`Followup` of ``action`` on ``item_id``, from the state ``after`` it."""
    item = curriculum.item_map[item_id]
    summary = engine.category_summaries(curriculum, after, item.category)[0]
    waiting = engine.blocked_by(curriculum, after, item_id) if action == "start" else []
    target = engine.target_level(curriculum, role, item_id) if action in ("start", "done") else None
    level = engine.state(after, item_id).level
    return Followup(
        category_title=summary.title,
        done=summary.done,
        counted=summary.total - summary.skipped,
        waiting=waiting,
        target_level=target if target is not None and (level or 0) < target else None,
        level=level,
    )
