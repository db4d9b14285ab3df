"""The cross-checks of a curriculum that no schema can express: unique IDs, known
categories, aliases used once, known prerequisites and no prerequisite cycles, roles
that name real items and extend real roles, a real default role, questions that name
real items, and the certification rules (:mod:`aipm_tracker.cert_rules`).

Each check is one function returning ``(line, message)`` problems; the loader
(:mod:`aipm_tracker.curriculum`) reports them beside the schema's, sorted by line.
"""

from __future__ import annotations

import graphlib
from collections.abc import Iterable, Iterator
from typing import Any

from . import cert_rules, models

# The cross-checks read the data as YAML gives it (LineDict and LineList, which
# know their lines) or as plain dicts and lists (a curriculum from the cache, see
# passes_cross_checks), whose lines are unknown: 1.

Entry = dict[Any, Any]
"""A mapping of the curriculum data: a :class:`LineDict`, or a plain dict."""


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _entry_line(seq: list[Any], index: int) -> int:
    """The line of entry ``index`` of ``seq`` (1 when ``seq`` does not know it)."""
    lines: list[int] | None = getattr(seq, "item_lines", None)
    return lines[index] if lines is not None else 1


def _key_line(mapping: Entry, key: str, default: int) -> int:
    """The line of ``key`` in ``mapping`` (``default`` when ``mapping`` does not know)."""
    lines: dict[Any, int] = getattr(mapping, "key_lines", {})
    return lines.get(key, default)


def _entries(data: Any, key: str) -> Iterator[tuple[int, Entry]]:
    """(line, mapping) for each mapping entry of the list ``data[key]``."""
    seq = _as_list(data.get(key)) if isinstance(data, dict) else []
    for index, entry in enumerate(seq):
        if isinstance(entry, dict):
            yield _entry_line(seq, index), entry


Problem = tuple[int, str]
"""A problem found in a curriculum file: ``(line, message)``, the line 1-based."""


def cross_problems(data: Any) -> list[Problem]:
    """The checks a schema cannot make, run on the raw data so that they are reported
    together with schema errors (entries of the wrong shape are skipped here). One
    function per check; the caller sorts the problems by line."""
    items = list(_entries(data, "items"))
    categories, problems = _unique_ids(_entries(data, "categories"), "category")
    item_lines, duplicate_items = _unique_ids(items, "item")
    roles, duplicate_roles = _unique_ids(_entries(data, "roles"), "role")
    questions = list(_entries(data, "questions"))
    _question_lines, duplicate_questions = _unique_ids(questions, "question")
    return [
        *problems,
        *duplicate_items,
        *duplicate_roles,
        *_category_problems(items, categories),
        *_alias_problems(items, item_lines),
        *_prerequisite_problems(items, item_lines),
        *_requirement_problems(_entries(data, "roles"), item_lines),
        *_extends_problems(list(_entries(data, "roles")), roles),
        *_default_role_problems(data, roles),
        *duplicate_questions,
        *_question_item_problems(questions, item_lines),
        *cert_rules.problems(items),
    ]


def _unique_ids(
    entries: Iterable[tuple[int, Entry]], noun: str
) -> tuple[dict[str, int], list[Problem]]:
    """The line of each ``id`` among ``entries`` (the first, when given twice) and a
    problem for every later duplicate. Entries whose ``id`` is not text are left to
    the schema check."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for line, entry in entries:
        eid = entry.get("id")
        if isinstance(eid, str):
            if eid in first:
                problems.append((line, f"duplicate {noun} ID {eid!r} (first on line {first[eid]})"))
            first.setdefault(eid, line)
    return first, problems


def _category_problems(items: list[tuple[int, Entry]], categories: dict[str, int]) -> list[Problem]:
    """Items whose ``category`` is not a category of the curriculum."""
    problems: list[Problem] = []
    known = f"known: {', '.join(categories)}" if categories else "the file lists no categories"
    for line, item in items:
        iid, category = item.get("id"), item.get("category")
        if not isinstance(iid, str) or not isinstance(category, str):
            continue
        if category not in categories:
            problems.append(
                (
                    _key_line(item, "category", line),
                    f"{iid}: unknown category {category!r} ({known})",
                )
            )
    return problems


def _alias_problems(items: list[tuple[int, Entry]], item_lines: dict[str, int]) -> list[Problem]:
    """Aliases that are an item's ID or another item's alias already."""
    problems: list[Problem] = []
    alias_owner: dict[str, str] = {}
    for _line, item in items:
        iid = item.get("id")
        aliases = _as_list(item.get("aliases"))
        for index, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue
            if alias in item_lines or alias in alias_owner:
                other = alias_owner.get(alias, alias)
                problems.append(
                    (
                        _entry_line(aliases, index),
                        f"{iid}: alias {alias!r} is already used by {other}",
                    )
                )
            alias_owner.setdefault(alias, str(iid))
    return problems


MAX_HINTS = 10
"""How many unknown IDs get a "did you mean" hint (each costs a pass over every ID)."""

MAX_HINT_LENGTH = 64
"""An unknown ID longer than this (characters) gets no hint: comparing long strings
costs the square of their length, and no real ID is that long."""

MAX_CYCLES = 20
"""How many prerequisite cycles are reported (finding each costs a pass over the
graph); a curriculum with more is told that more may follow."""


class _Hints:
    """The closest known ID to an unknown one, for the first :data:`MAX_HINTS`."""

    def __init__(self, known: dict[str, int]) -> None:
        self.known = known
        self.left = MAX_HINTS

    def __call__(self, name: str) -> str:
        """`` (did you mean 'x'?)`` or ``""``."""
        import difflib

        if self.left <= 0 or len(name) > MAX_HINT_LENGTH:
            return ""
        self.left -= 1
        close = difflib.get_close_matches(name, self.known, n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""


def _prerequisite_problems(
    items: list[tuple[int, Entry]], item_lines: dict[str, int]
) -> list[Problem]:
    """Prerequisites that name no item (with the closest ID), then each cycle among
    the known ones."""
    hint = _Hints(item_lines)
    problems: list[Problem] = []
    graph: dict[str, set[str]] = {}
    for _line, item in items:
        iid = item.get("id")
        if not isinstance(iid, str):
            continue
        prereqs = _as_list(item.get("prerequisites"))
        graph.setdefault(iid, set())
        for index, pre in enumerate(prereqs):
            if not isinstance(pre, str):
                continue
            if pre not in item_lines:
                problems.append(
                    (_entry_line(prereqs, index), f"{iid}: unknown prerequisite {pre!r}{hint(pre)}")
                )
            else:
                graph[iid].add(pre)
    problems.extend(_cycle_problems(graph, item_lines))
    return problems


def _requirement_problems(
    roles: Iterable[tuple[int, Entry]], item_lines: dict[str, int]
) -> list[Problem]:
    """Role requirements (and ``any_of`` options) that name no item (with the closest
    ID), or an item twice in one role."""
    hint = _Hints(item_lines)
    problems: list[Problem] = []
    for _line, role in roles:
        rid = role.get("id")
        seen: set[str] = set()
        key = "requires" if "requires" in role else "requirements"
        reqs = _as_list(role.get(key))
        for index, req in enumerate(reqs):
            if not isinstance(req, dict):
                continue
            options = _as_list(req.get("any_of"))
            named = (
                [(o, _entry_line(options, n)) for n, o in enumerate(options)]
                if "any_of" in req
                else [(req, _entry_line(reqs, index))]
            )
            for option, req_line in named:
                name = option.get("item") if isinstance(option, dict) else None
                if not isinstance(name, str):
                    continue
                if name not in item_lines:
                    problems.append((req_line, f"role {rid}: unknown item {name!r}{hint(name)}"))
                if name in seen:
                    problems.append((req_line, f"role {rid}: item {name!r} is required twice"))
                seen.add(name)
    return problems


def _question_item_problems(
    questions: list[tuple[int, Entry]], item_lines: dict[str, int]
) -> list[Problem]:
    """Interview questions whose ``items`` name no item (with the closest ID)."""
    hint = _Hints(item_lines)
    problems: list[Problem] = []
    for _line, question in questions:
        qid = question.get("id")
        named = _as_list(question.get("items"))
        for index, name in enumerate(named):
            if isinstance(name, str) and name not in item_lines:
                problems.append(
                    (
                        _entry_line(named, index),
                        f"question {qid}: unknown item {name!r}{hint(name)}",
                    )
                )
    return problems


def _extends_problems(roles: list[tuple[int, Entry]], known: dict[str, int]) -> list[Problem]:
    """Roles that extend a role the curriculum lacks, or themselves through a chain."""
    problems: list[Problem] = []
    parent: dict[str, str] = {}
    for line, role in roles:
        rid, base = role.get("id"), role.get("extends")
        if not isinstance(rid, str) or not isinstance(base, str):
            continue
        where = _key_line(role, "extends", line)
        if base not in known:
            problems.append((where, f"role {rid}: extends {base!r}, which is not a role here"))
        else:
            parent[rid] = base
    circles: set[frozenset[str]] = set()
    for line, role in roles:
        rid = role.get("id")
        chain = [rid]
        while isinstance(chain[-1], str) and chain[-1] in parent:
            chain.append(parent[chain[-1]])
            if chain[-1] == rid:
                where = _key_line(role, "extends", line)
                if frozenset(map(str, chain)) in circles:
                    break
                circles.add(frozenset(map(str, chain)))
                problems.append(
                    (where, "roles extend each other in a circle: " + " -> ".join(map(str, chain)))
                )
                break
            if len(chain) > len(parent) + 1:
                break
    return problems


def _default_role_problems(data: Any, roles: dict[str, int]) -> list[Problem]:
    """A ``default_role`` that is not one of the curriculum's roles."""
    if not isinstance(data, dict):
        return []
    default_role = data.get("default_role")
    if isinstance(default_role, str) and default_role not in roles:
        line = _key_line(data, "default_role", 1)
        return [(line, f"default_role {default_role!r} is not a role of this curriculum")]
    return []


def _cycle_problems(graph: dict[str, set[str]], lines: dict[str, int]) -> list[tuple[int, str]]:
    """One problem per prerequisite cycle in ``graph`` (item -> its prerequisites), for
    the first :data:`MAX_CYCLES` (then one saying more may follow)."""
    graph = {node: set(preds) for node, preds in graph.items()}
    problems: list[tuple[int, str]] = []
    while True:
        if len(problems) == MAX_CYCLES:
            line = problems[-1][0]
            problems.append(
                (line, f"more prerequisite cycles may follow; fix these {MAX_CYCLES} first")
            )
            return problems
        try:
            graphlib.TopologicalSorter(graph).prepare()
            return problems
        except graphlib.CycleError as exc:
            cycle: list[str] = exc.args[1]
            members = cycle[:-1]
            first = min(members, key=lambda m: lines.get(m, 0))
            problems.append(
                (lines.get(first, 1), "prerequisite cycle: " + " -> ".join(reversed(cycle)))
            )
            # Break this cycle so the next one (if any) can be found.
            a, b = cycle[0], cycle[1]
            graph[a].discard(b)
            graph[b].discard(a)


def passes_cross_checks(curriculum: models.Curriculum) -> bool:
    """Whether ``curriculum``, valid by the models, also passes the checks a schema
    cannot make (those :func:`parse_curriculum` makes on a file: unique IDs, known
    categories, prerequisites and items, no cycles ...). For a curriculum that did not
    come from a parse (a cache entry, which anyone who can write the cache directory
    can forge), so that nothing is ever used that the loader would refuse.

    The checks read the data as the file gives it; the model's dump has the file's
    keys (the models have no aliases), so the same checks run, whatever fields they
    read."""
    return not cross_problems(curriculum.model_dump())
