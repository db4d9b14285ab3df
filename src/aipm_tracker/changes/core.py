"""What every change shares: the one event it appends (holding each changed item's
state before and after), and the checks of a moment and an evidence URL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..errors import UsageError, required_text
from ..models import (
    Action,
    Event,
    Evidence,
    ItemChange,
    ItemProgress,
    ItemState,
    Note,
    Progress,
    is_http_url,
)

Items = str | Sequence[str]
"""One item ID, or several changed together in one event (``aipm done A B C``)."""

Part = tuple[str, ItemState | None, Note | None, Evidence | None]
"""One item's part of a change: its ID, its new status fields (None: unchanged) and
the note and evidence appended to it (None: none)."""


def _ids(items: Items) -> list[str]:
    """``items`` as a list of IDs, each once, in the order given."""
    return list(dict.fromkeys([items] if isinstance(items, str) else items))


def _record(
    progress: Progress,
    item_id: str,
    action: Action,
    at: datetime,
    state: ItemState | None = None,
    note: Note | None = None,
    evidence: Evidence | None = None,
    as_of: datetime | None = None,
) -> Progress:
    """Apply a change to one item and append its :class:`Event`: the new status
    fields ``state`` (None: unchanged) and/or one appended ``note`` / ``evidence``."""
    return _record_all(progress, action, at, [(item_id, state, note, evidence)], as_of)


def _record_all(
    progress: Progress,
    action: Action,
    at: datetime,
    parts: list[Part],
    as_of: datetime | None = None,
) -> Progress:
    """Apply ``parts`` (see :data:`Part`) and append one :class:`Event`: a single
    item's event when one item changed, else one holding every item's
    :class:`ItemChange`. ``as_of`` is when the user said it happened (kept when it is
    not ``at``). Parts that change nothing are left out; none changing records
    nothing."""
    items = dict(progress.items)
    changed: list[ItemChange] = []
    for item_id, state, note, evidence in parts:
        old = items.get(item_id)
        current = old or ItemProgress()
        before = current.item_state()
        after = state if state is not None else before
        if after == before and note is None and evidence is None:
            continue
        items[item_id] = ItemProgress(
            **after.model_dump(),
            notes=[*current.notes, note] if note else current.notes,
            evidence=[*current.evidence, evidence] if evidence else current.evidence,
        )
        changed.append(
            ItemChange(
                item=item_id,
                before=before if old is not None else None,
                after=after,
                note=note,
                evidence=evidence,
            )
        )
    if not changed:
        return progress
    moment = as_of if as_of is not None and as_of != at else None
    if len(changed) == 1:
        one = changed[0]
        event = Event(
            at=at,
            action=action,
            item=one.item,
            before=one.before,
            after=one.after,
            note=one.note,
            evidence=one.evidence,
            as_of=moment,
        )
    else:
        event = Event(at=at, action=action, changes=changed, as_of=moment)
    return progress.model_copy(update={"items": items, "history": [*progress.history, event]})


def _event(progress: Progress, event: Event, **update: object) -> Progress:
    """``progress`` with ``update`` applied and ``event`` appended to the history."""
    return progress.model_copy(update={**update, "history": [*progress.history, event]})


def check_moment(as_of: datetime | None, at: datetime) -> datetime:
    """The moment a change happened: ``as_of`` (``--at``), or ``at`` (now) when None.
    Raises :class:`UsageError` (exit 2) when ``as_of`` is later than ``at``: aipm
    records what you did, not what you plan to do."""
    if as_of is None:
        return at
    if as_of > at:
        raise UsageError(
            f"--at {as_of.isoformat(timespec='minutes')} is in the future; aipm records "
            "what you have done, so give a time up to now (e.g. --at yesterday)."
        )
    return as_of


def _state(progress: Progress, item_id: str) -> ItemState:
    return (progress.items.get(item_id) or ItemProgress()).item_state()


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host.

    Raises :class:`UsageError` otherwise (evidence must be a link a mentor can open).
    """
    message = (
        f"{url!r} is not an http(s) URL; evidence must be a link such as "
        "https://example.com/certificate"
    )
    if not is_http_url(required_text(url, "URL")):
        raise UsageError(message)
    return url.strip()
