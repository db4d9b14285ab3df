"""Items and the user's state on them: resolving ITEM and role arguments, list rows,
the ``aipm show`` detail, the prerequisite graph, and renamed or orphaned entries of
the progress file. Pure: no I/O, no clock."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple, TypeVar

from ..errors import UnknownItemError, UsageError
from ..models import (
    DREYFUS_LEVELS,
    STALE_AFTER_MONTHS,
    AnyOf,
    Curriculum,
    Event,
    Item,
    ItemProgress,
    Progress,
    Role,
    Standing,
    Status,
)

# Not validated (every field given, no default factory run): validating would build
# the model's validator at import, which most commands never need.
S = TypeVar("S", bound=Standing)
"""A :class:`Standing` or a whole :class:`Progress`: what :func:`carry_renamed`
returns is what it was given."""

_EMPTY = ItemProgress.model_construct(notes=[], evidence=[])


def state(progress: Standing, item_id: str) -> ItemProgress:
    """The user's state on ``item_id`` (a fresh todo state if never touched)."""
    return progress.items.get(item_id, _EMPTY)


def level_name(level: int | None, names: dict[int, str] | None = None) -> str:
    """The name of proficiency ``level`` on the curriculum's scale ``names`` (value
    -> name; None: the Dreyfus scale): ``3`` -> ``"competent"``; None -> ``"not
    assessed"``."""
    if level is None:
        return "not assessed"
    return (DREYFUS_LEVELS if names is None else names).get(level, str(level))


def is_finished(progress: Standing, item_id: str) -> bool:
    """Whether the user is through with ``item_id``: done or skipped."""
    return state(progress, item_id).status in ("done", "skipped")


# ------------------------------------------------------------------ item resolution


def _ends_with_word(item_id: str, q: str) -> bool:
    # A suffix counts only from a word boundary: 'nlp' finds 'ai.nlp' and 'basics'
    # finds 'ai.ml-basics', but 'cs' does not find 'ai.ml-basics'.
    return item_id.endswith(q) and item_id[-len(q) - 1 : -len(q)] in (".", "-")


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text.lower()).split()


def _title_matches(curriculum: Curriculum, q: str) -> list[str]:
    """The items whose title holds every word of ``q`` as a whole word (``machine
    learning`` and ``machine-learning`` find "Machine-learning basics")."""
    wanted = _words(q)
    if not wanted:
        return []
    return [
        item.id for item in curriculum.items if all(word in _words(item.title) for word in wanted)
    ]


def resolve_item(curriculum: Curriculum, query: str) -> str:
    """Resolve a user's ITEM argument to an item ID.

    The rules, case-insensitive:

    1. the full ID, or an old ID listed in an item's ``aliases``, is taken at once;
    2. else the ID matches of the first of these that finds any: a prefix (``ai.ml``
       -> ``ai.ml-basics``), a suffix starting at a ``.`` or ``-`` (``nlp`` ->
       ``ai.nlp``), a prefix of the part after the dot (``ml-b`` -> ``ai.ml-basics``);
    3. together with the items whose title holds every word typed (``machine-learning``
       -> "Machine-learning basics").

    One item found is the answer. Two or more are ambiguous: ``scrum`` is the suffix
    of ``pm.agile-scrum`` but also a word of "Certified Scrum Master", so it raises
    :class:`UnknownItemError` (exit 2) listing them all, never picking one. Nothing
    found raises it with close IDs.
    """
    q = query.strip().lower()
    ids = curriculum.item_map
    if q in ids:
        return q
    if q in curriculum.alias_map:
        return curriculum.alias_map[q]
    by_id: list[str] = []
    for tier in (
        [i for i in ids if i.startswith(q)],
        [i for i in ids if _ends_with_word(i, q)],
        [i for i in ids if i.split(".", 1)[-1].startswith(q)],
    ):
        if tier:
            by_id = tier
            break
    matches = by_id + [i for i in _title_matches(curriculum, q) if i not in by_id]
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


def complete_item(curriculum: Curriculum, typed: str) -> list[str]:
    """The item IDs to offer for an ITEM being typed (shell completion), in curriculum
    order: those that start with ``typed``; else, in the forms :func:`resolve_item`
    accepts, those with a part after a ``.`` or ``-`` that starts with it (``nl`` ->
    ``ai.nlp``, ``basi`` -> ``ai.ml-basics``) and those whose title has words that
    start with each word typed (``machine-le`` -> "Machine-learning basics")."""
    q = typed.strip().lower()
    ids = list(curriculum.item_map)
    by_prefix = [i for i in ids if i.startswith(q)]
    if by_prefix or not q:
        return by_prefix
    wanted = _words(q)

    def part_starts(item_id: str) -> bool:
        return any(item_id[k + 1 :].startswith(q) for k, c in enumerate(item_id) if c in ".-")

    def title_starts(item: Item) -> bool:
        words = _words(item.title)
        return bool(wanted) and all(any(w.startswith(x) for w in words) for x in wanted)

    return [item.id for item in curriculum.items if part_starts(item.id) or title_starts(item)]


def resolve_role(curriculum: Curriculum, progress: Standing, override: str | None) -> Role | None:
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


def stale_target_role(curriculum: Curriculum, progress: Standing) -> str | None:
    """The profile's target role if this curriculum does not have it (else None)."""
    saved = progress.profile.target_role
    return saved if saved is not None and saved not in curriculum.role_map else None


def required_levels(curriculum: Curriculum, role: Role | None) -> dict[str, int | None]:
    """Every item that can meet a requirement of ``role`` (inherited ones and each
    option of an ``any_of`` group included), in order, mapped to the proficiency
    level asked for it (None: no level applies). Empty for no role."""
    if role is None:
        return {}
    result: dict[str, int | None] = {}
    for req in curriculum.requirements(role):
        for option in req.any_of if isinstance(req, AnyOf) else [req]:
            result.setdefault(option.item, option.level)
    return result


def target_level(curriculum: Curriculum, role: Role | None, item_id: str) -> int | None:
    """The level ``role`` asks for on ``item_id`` (None: no level, or not required)."""
    return required_levels(curriculum, role).get(item_id)


def check_category(curriculum: Curriculum, category: str | None) -> None:
    """Raise :class:`UsageError` (exit 2) naming the known categories if
    ``category`` is given and the curriculum does not have it."""
    if category is not None and category not in curriculum.category_map:
        known = ", ".join(curriculum.category_map)
        raise UsageError(f"no category {category!r} (categories: {known})")


# ---------------------------------------------------------------------- list, show


class ItemRow(NamedTuple):
    """One line of ``aipm list``: the item's facts (``effort_hours``: the study hours
    it counts, None when unknown; ``estimated`` when an estimate or unconfirmed), the
    user's ``status`` and proficiency ``level`` (None: not assessed), the level the
    target role asks for (None: none, or not required) and, for a quantity item, the
    ``amount`` recorded toward ``quantity_target`` in ``quantity_unit``; whether it is
    one of the user's ``own`` items, and its steps ticked of its steps
    (``steps_total`` 0: none)."""

    id: str
    title: str
    category: str
    kind: str
    priority: str
    status: Status
    level: int | None
    target_level: int | None
    effort_hours: float | None
    estimated: bool = False
    amount: float | None = None
    quantity_target: float | None = None
    quantity_unit: str | None = None
    own: bool = False
    steps_done: int = 0
    steps_total: int = 0


class StepRow(NamedTuple):
    """One step of an item as ``aipm show`` numbers it: ``number`` (1-based), its
    ``text``, whether it is one the user added (``own``) and whether it is ``done``."""

    number: int
    text: str
    own: bool
    done: bool


def steps(curriculum: Curriculum, progress: Standing, item_id: str) -> list[StepRow]:
    """The steps of ``item_id``: the curriculum's, then the user's own, numbered from 1
    (empty for an item the curriculum does not have and the user added none to)."""
    item = curriculum.item_map.get(item_id)
    st = state(progress, item_id)
    texts = [(t, False) for t in (item.steps if item else [])]
    texts += [(t, True) for t in st.own_steps]
    ticked = set(st.steps_done)
    return [StepRow(n, t, own, n in ticked) for n, (t, own) in enumerate(texts, 1)]


def step_count(curriculum: Curriculum, progress: Standing, item_id: str) -> tuple[int, int]:
    """``(done, total)`` steps of ``item_id`` (``(0, 0)``: it has none)."""
    rows = steps(curriculum, progress, item_id)
    return sum(r.done for r in rows), len(rows)


def item_rows(
    curriculum: Curriculum,
    progress: Standing,
    role: Role | None,
    category: str | None = None,
    status: Status | None = None,
) -> list[ItemRow]:
    """Items in curriculum order, filtered by ``category`` and ``status``.

    Raises :class:`UsageError` for an unknown ``category``."""
    check_category(curriculum, category)
    required = required_levels(curriculum, role)
    mine = {o.id for o in progress.own_items}
    rows = []
    for item in curriculum.items:
        st = state(progress, item.id)
        if (category and item.category != category) or (status and st.status != status):
            continue
        total = len(item.steps) + len(st.own_steps)
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
                effort_hours=item.counted_hours,
                estimated=item.estimated,
                amount=st.amount,
                quantity_target=item.quantity.target if item.quantity else None,
                quantity_unit=item.quantity.unit if item.quantity else None,
                own=item.id in mine,
                steps_done=sum(1 for n in st.steps_done if n <= total),
                steps_total=total,
            )
        )
    return rows


class ItemDetail(NamedTuple):
    """Everything ``aipm show`` tells about one item: the curriculum ``item``, the
    user's ``state``, whether the target role requires it and at what level, its
    ``prerequisites`` as ``(item ID, status)``, the IDs it ``unlocks`` and the
    prerequisites it is still ``blocked_by``; whether it is one of the user's ``own``
    items, its ``steps`` and its latest changes (``history``, oldest first)."""

    item: Item
    state: ItemProgress
    required: bool
    target_level: int | None
    prerequisites: list[tuple[str, Status]]
    unlocks: list[str]
    blocked_by: list[str]
    level_names: dict[int, str] | None = None
    stale: frozenset[str] = frozenset()
    own: bool = False
    steps: tuple[StepRow, ...] = ()
    history: tuple[Event, ...] = ()


SHOW_CHANGES = 5
"""How many of an item's latest changes ``aipm show`` lists (all: ``aipm history
ITEM``)."""


def item_history(events: list[Event], item_id: str) -> list[Event]:
    """The events of ``events`` that changed ``item_id`` (alone or with others, its
    state, notes, evidence, steps, or as one of the user's items), oldest first."""
    return [e for e in events if e.item == item_id or any(c.item == item_id for c in e.changes)]


def months_old(as_of: str, today: date) -> int:
    """Whole months from the month ``as_of`` (``YYYY-MM``, a day after it ignored)
    to ``today``'s month."""
    year, month = int(as_of[:4]), int(as_of[5:7])
    return (today.year - year) * 12 + today.month - month


def is_stale(as_of: str | None, today: date) -> bool:
    """Whether a fact checked in month ``as_of`` is due for a check on ``today``:
    more than :data:`~aipm_tracker.models.STALE_AFTER_MONTHS` months old."""
    return as_of is not None and months_old(as_of, today) > STALE_AFTER_MONTHS


def stale_facts(item: Item, today: date) -> frozenset[str]:
    """Which of ``item``'s dated facts are due for a check on ``today``: ``"item"``
    for its own ``as_of``, ``"resource:URL"`` for each resource's."""
    found = {"item"} if is_stale(item.as_of, today) else set()
    found |= {f"resource:{r.url}" for r in item.resources if is_stale(r.as_of, today)}
    return frozenset(found)


def item_detail(
    curriculum: Curriculum,
    progress: Standing,
    item_id: str,
    role: Role | None,
    history: list[Event] | None = None,
    today: date | None = None,
) -> ItemDetail:
    """The item, the user's state on it, its steps and its place in the prerequisite
    graph (``item_id`` must be a resolved ID: a KeyError otherwise); from ``history``
    (the progress's, when given), its last :data:`SHOW_CHANGES` changes; with
    ``today`` (a local date), which of its facts are due for a check
    (:func:`stale_facts`)."""
    item = curriculum.item_map[item_id]
    required = required_levels(curriculum, role)
    changes = item_history(history, item_id)[-SHOW_CHANGES:] if history else []
    return ItemDetail(
        item=item,
        state=state(progress, item_id),
        required=item_id in required,
        target_level=required.get(item_id),
        prerequisites=[(p, state(progress, p).status) for p in item.prerequisites],
        unlocks=list(curriculum.dependents.get(item_id, [])),
        blocked_by=blocked_by(curriculum, progress, item_id),
        level_names=curriculum.level_names,
        stale=stale_facts(item, today) if today is not None else frozenset(),
        own=any(o.id == item_id for o in progress.own_items),
        steps=tuple(steps(curriculum, progress, item_id)),
        history=tuple(changes),
    )


def blocked_by(curriculum: Curriculum, progress: Standing, item_id: str) -> list[str]:
    """The prerequisites of ``item_id`` that are neither done nor skipped."""
    item = curriculum.item_map[item_id]
    return [p for p in item.prerequisites if not is_finished(progress, p)]


# ------------------------------------------------------------ renamed and orphaned


def renamed_ids(curriculum: Curriculum, progress: Standing) -> dict[str, str]:
    """Old item IDs in the progress file (with an entry or a certification record)
    that the curriculum lists as an ``alias`` of a current item, mapped to that item's
    ID, when the move is safe: the current ID has no entry and no certification record
    of its own, and no other old ID moves to it. (Otherwise both are kept as they are,
    and the old one is reported as an orphan: nothing is merged or lost.)"""
    targets: dict[str, list[str]] = {}
    for old in dict.fromkeys([*progress.items, *progress.certs]):
        new = curriculum.alias_map.get(old)
        if new is not None and new not in progress.items and new not in progress.certs:
            targets.setdefault(new, []).append(old)
    return {olds[0]: new for new, olds in targets.items() if len(olds) == 1}


def carry_renamed(curriculum: Curriculum, progress: S) -> S:
    """``progress`` (a :class:`Standing` or a whole :class:`Progress`, returned as
    the same type) with the entries, time-log entries and certification records, and
    for a whole progress the history events, of renamed items (see
    :func:`renamed_ids`) moved to the items' current IDs, in place in the item order
    (an item whose current ID has a record of its own stays where it is, all of it:
    nothing is merged). The next save writes them under the new IDs; the file as it
    was is backed up."""
    moves = renamed_ids(curriculum, progress)
    if not moves:
        return progress
    update: dict[str, object] = {
        "items": {moves.get(key, key): value for key, value in progress.items.items()},
        "time_log": [
            e.model_copy(update={"item": moves[e.item]}) if e.item in moves else e
            for e in progress.time_log
        ],
        "certs": {moves.get(key, key): value for key, value in progress.certs.items()},
    }
    if isinstance(progress, Progress):
        update["history"] = [_moved(event, moves) for event in progress.history]
    return progress.model_copy(update=update)


def _moved(event: Event, moves: dict[str, str]) -> Event:
    """``event`` with the items ``moves`` renames under their new IDs (its item, its
    items' parts, its time-log entry and its certification)."""
    update: dict[str, object] = {}
    if event.item is not None and event.item in moves:
        update["item"] = moves[event.item]
    if event.time_entry is not None and event.time_entry.item in moves:
        update["time_entry"] = event.time_entry.model_copy(
            update={"item": moves[event.time_entry.item]}
        )
    if event.cert_id is not None and event.cert_id in moves:
        update["cert_id"] = moves[event.cert_id]
    if any(c.item in moves for c in event.changes):
        update["changes"] = [
            c.model_copy(update={"item": moves[c.item]}) if c.item in moves else c
            for c in event.changes
        ]
    return event.model_copy(update=update) if update else event


def orphans(curriculum: Curriculum, progress: Standing) -> list[str]:
    """IDs in the progress file that neither the curriculum nor the user's own items
    have (kept, never dropped; reported by ``aipm status`` and ``aipm doctor``)."""
    mine = {o.id for o in progress.own_items}
    return [i for i in progress.items if i not in curriculum.item_map and i not in mine]
