"""The user's own items: the overlay ``aipm item add`` keeps in the progress file,
checked against the curriculum with the rules its own items follow, and merged into
it so that every command shows and counts them like the curriculum's. Also the
items a user told their target role to require (``aipm target --require``). Pure:
no I/O, no clock."""

from __future__ import annotations

import graphlib
from typing import NamedTuple

from ..errors import UsageError
from ..models import Curriculum, Item, OwnItem, Requirement, Role, Standing
from ..models.curriculum import ITEM_ID, requirement_items
from .items import check_category

_ITEM_ID = ITEM_ID

OWN_SUMMARY = "Your own item (added with aipm item add)."
"""The summary every one of the user's items shows: they give a title, not prose."""


class OwnProblem(NamedTuple):
    """What is wrong with the user's own item ``item`` (or, when ``item`` is None,
    with the profile's ``require`` list), in our words."""

    item: str | None
    message: str


def own_problems(curriculum: Curriculum, standing: Standing) -> list[OwnProblem]:
    """Everything wrong with the user's own items and required IDs against
    ``curriculum`` (the curriculum's items only, before the overlay): an ID the
    curriculum has (or lists as an old ID), an ID given twice, an unknown category,
    a prerequisite that names no item, a prerequisite cycle among them, a required ID
    that names no item. Empty when all is well."""
    problems: list[OwnProblem] = []
    seen: set[str] = set()
    own_ids = {o.id for o in standing.own_items}
    for own in standing.own_items:
        if own.id in curriculum.item_map or own.id in curriculum.alias_map:
            problems.append(
                OwnProblem(
                    own.id,
                    f"{own.id} is already an item of the curriculum {curriculum.id}; "
                    "give yours another ID",
                )
            )
        if own.id in seen:
            problems.append(OwnProblem(own.id, f"{own.id} is one of your items twice"))
        seen.add(own.id)
        if own.category not in curriculum.category_map:
            known = ", ".join(curriculum.category_map)
            problems.append(
                OwnProblem(own.id, f"{own.id}: no category {own.category!r} (categories: {known})")
            )
        for pre in own.prerequisites:
            if pre not in curriculum.item_map and pre not in own_ids:
                problems.append(OwnProblem(own.id, f"{own.id}: unknown prerequisite {pre!r}"))
    graph = {o.id: {p for p in o.prerequisites if p in own_ids} for o in standing.own_items}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        cycle: list[str] = exc.args[1]
        problems.append(OwnProblem(cycle[0], "prerequisite cycle: " + " -> ".join(cycle)))
    for required in standing.profile.require:
        if required not in curriculum.item_map and required not in own_ids:
            problems.append(
                OwnProblem(None, f"your target role is told to require {required!r}, no item")
            )
    return problems


def as_item(own: OwnItem) -> Item:
    """The user's item as a curriculum :class:`Item` (validated)."""
    return Item.model_validate(
        {
            "id": own.id,
            "title": own.title,
            "category": own.category,
            "kind": own.kind,
            "summary": OWN_SUMMARY,
            "why": "You added it to your own plan.",
            "effort_hours": own.effort_hours,
            "priority": own.priority,
            "prerequisites": own.prerequisites,
            "steps": own.steps,
        }
    )


def with_own(curriculum: Curriculum, standing: Standing, role_id: str | None) -> Curriculum:
    """``curriculum`` with the user's own items after its own (in the order added)
    and the role ``role_id`` (the user's target role) requiring the profile's
    ``require`` IDs too, after its own requirements. ``curriculum`` itself when there
    is nothing to add. The overlay must have no :func:`own_problems`."""
    require = standing.profile.require
    if not standing.own_items and not require:
        return curriculum
    roles: list[Role] = []
    for role in curriculum.roles:
        if role.id == role_id and require:
            have = {i for q in curriculum.requirements(role) for i in requirement_items(q)}
            extra = [Requirement(item=i) for i in require if i not in have]
            role = role.model_copy(update={"requires": [*role.requires, *extra]})
        roles.append(role)
    fields = {name: getattr(curriculum, name) for name in type(curriculum).model_fields}
    # model_construct, not model_copy: a copy would carry the cached lookups
    # (item_map ...) of the curriculum without the user's items.
    fields |= {
        "items": [*curriculum.items, *(as_item(o) for o in standing.own_items)],
        "roles": roles,
    }
    return Curriculum.model_construct(**fields)


def own_ids(standing: Standing) -> set[str]:
    """The IDs of the user's own items."""
    return {o.id for o in standing.own_items}


def new_own_item(
    curriculum: Curriculum,
    item_id: str,
    *,
    title: str,
    category: str,
    effort_hours: float,
    prerequisites: list[str],
    steps: list[str],
    priority: str,
) -> OwnItem:
    """The user's new item, checked against ``curriculum`` (with the user's items
    already in it). Raises :class:`UsageError` (exit 2), in our words, for an ID that
    is not a dotted lowercase ID or that the curriculum already has, an empty title,
    an unknown category, or an empty step."""
    wanted = item_id.strip().lower()
    if not _ITEM_ID.match(wanted):
        raise UsageError(
            f"{item_id!r} is not an item ID: use a dotted lowercase ID such as my.talk"
        )
    if wanted in curriculum.item_map or wanted in curriculum.alias_map:
        owner = curriculum.alias_map.get(wanted, wanted)
        raise UsageError(
            f"{wanted} is already an item of this curriculum ({curriculum.item_map[owner].title}); "
            "give yours another ID"
        )
    check_category(curriculum, category)
    if not title.strip():
        raise UsageError("the title is empty")
    if any(not text.strip() for text in steps):
        raise UsageError("a step is empty")
    return OwnItem.model_validate(
        {
            "id": wanted,
            "title": title.strip(),
            "category": category,
            "effort_hours": effort_hours,
            "priority": priority,
            "prerequisites": list(dict.fromkeys(prerequisites)),
            "steps": [text.strip() for text in steps],
        }
    )


def check_own(curriculum: Curriculum, standing: Standing) -> None:
    """Raise :class:`UsageError` (exit 2) with the first of :func:`own_problems`."""
    problems = own_problems(curriculum, standing)
    if problems:
        raise UsageError(problems[0].message)
