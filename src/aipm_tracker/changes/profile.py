"""Changes to what the user says about themselves: their own items and their profile
(target role, study pace, the items they require, their degree)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..errors import UsageError
from ..models import Event, OwnItem, Profile, Progress
from .core import _event


def add_own_item(progress: Progress, item: OwnItem, at: datetime) -> Progress:
    """Add the user's own ``item`` to the overlay on the curriculum. The caller has
    checked it against the curriculum (see :func:`aipm_tracker.engine.own_problems`)."""
    event = Event(
        at=at, action="item-add", item=item.id, own_item=item, index=len(progress.own_items)
    )
    return _event(progress, event, own_items=[*progress.own_items, item])


def remove_own_item(progress: Progress, item_id: str, at: datetime) -> Progress:
    """Remove the user's own item ``item_id`` from the overlay, and from the
    profile's ``require`` list; the progress recorded on it is kept (reported as an
    item the curriculum does not have, never dropped). Raises :class:`UsageError` when
    it is not one of the user's items or another of them needs it first."""
    ids = [o.id for o in progress.own_items]
    if item_id not in ids:
        mine = ", ".join(ids) or "none yet"
        raise UsageError(
            f"{item_id!r} is not one of your own items (yours: {mine}); the "
            "curriculum's items cannot be removed, only skipped: aipm skip ITEM"
        )
    needing = [o.id for o in progress.own_items if item_id in o.prerequisites]
    if needing:
        raise UsageError(
            f"{', '.join(needing)} of your own items need {item_id} first; remove "
            f"{'them' if len(needing) > 1 else 'it'} before it."
        )
    index = ids.index(item_id)
    own = [*progress.own_items[:index], *progress.own_items[index + 1 :]]
    before = progress.profile
    after = before.model_copy(update={"require": [r for r in before.require if r != item_id]})
    event = Event(
        at=at,
        action="item-remove",
        item=item_id,
        own_item=progress.own_items[index],
        index=index,
        profile_before=before if after != before else None,
        profile_after=after if after != before else None,
    )
    return _event(progress, event, own_items=own, profile=after)


def set_profile(
    progress: Progress,
    at: datetime,
    target_role: str | None = None,
    hours_per_week: float | None = None,
    require: Sequence[str] = (),
    unrequire: Sequence[str] = (),
    degree: str | None = None,
) -> Progress:
    """Set the target role, the study pace (hours per week) and/or the ``degree``
    the user holds (``four-year`` or ``secondary``); None leaves a field as it is.
    ``require`` adds item IDs the target role requires on top of the curriculum's,
    ``unrequire`` takes them off again. The caller checks that
    ``target_role`` and the items exist."""
    before = progress.profile
    update: dict[str, object] = {}
    if target_role is not None:
        update["target_role"] = target_role
    if hours_per_week is not None:
        update["hours_per_week"] = hours_per_week
    if degree is not None:
        update["degree"] = degree
    if require or unrequire:
        kept = [r for r in before.require if r not in unrequire]
        update["require"] = list(dict.fromkeys([*kept, *require]))
    after = Profile.model_validate({**before.model_dump(), **update})
    if after == before:
        return progress
    event = Event(at=at, action="target", profile_before=before, profile_after=after)
    return progress.model_copy(update={"profile": after, "history": [*progress.history, event]})


def undo_own(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Undo adding (remove it again) or removing (put it back where it was) one of
    the user's own items, and the profile the removal changed."""
    assert event.own_item is not None and event.index is not None
    own = list(progress.own_items)
    if event.action == "item-add":
        own.pop(event.index)
    else:
        own.insert(event.index, event.own_item)
    profile = event.profile_before if event.profile_before is not None else progress.profile
    return progress.model_copy(update={"own_items": own, "profile": profile, "history": history})
