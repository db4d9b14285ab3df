"""Load and check a curriculum YAML file, reporting every problem as ``FILE:LINE: msg``.

The YAML is read with PyYAML's safe loader (the libyaml C loader when available), which
refuses Python-object tags. Our loader subclass (``yaml_lines.py``, imported only when a
file is really parsed) only adds two things PyYAML keeps in its node marks but drops
from plain dicts: the line of every key and list entry, and an error for a key given
twice in one mapping (PyYAML silently keeps the last).

Shapes are then validated by pydantic (:class:`aipm_tracker.models.Curriculum`) and the
cross-checks no schema can express are made here: unique IDs, known categories, known
prerequisites, no prerequisite cycles, roles that name real items.

A curriculum that passed all of this is kept in the cache (``aipm_tracker.cache``),
keyed by the file's content, so that commands do not parse and check it again.
"""

from __future__ import annotations

import graphlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from . import cert_rules, models, paths, validation_words
from .errors import CurriculumError
from .files import open_regular
from .line_data import LineDict, LineList

MAX_BYTES = 64 * 1024 * 1024
"""A curriculum file larger than this (64 MiB) is refused unread. The bundled one is
about 50 KB and a generated 50,000-item curriculum about 28 MB (the scale benchmark),
so anything bigger is a mistake or an attack; the check costs nothing."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted. A curriculum needs about 6 levels;
libyaml's composer recurses on the C stack and crashes on deep enough nesting, so
this is checked on the parser's event stream before anything is composed."""

TOO_DEEP = f"lists or mappings nested more than {MAX_DEPTH} deep"
"""The message for nesting past :data:`MAX_DEPTH`, whoever noticed it first."""

MAX_VALUES = 1_000_000
"""Most values (scalars, lists and mappings, as written) a curriculum may hold. The
bundled one has about 2,600 and a generated 10,000-item one (5.6 MB) about 340,000.
Composing a value costs some 400 bytes, so this bounds the memory of a parse (to
about 400 MB) whatever the file holds: a few MB of junk such as ``[1,1,1,...`` or
``- a`` lines holds millions of values, and is refused while counting, before
anything is built."""

NOT_A_MAPPING = "the curriculum must be a YAML mapping (key: value lines)"
"""The message for a file whose top level is not a mapping, whoever noticed it."""

MAX_ALIAS_VALUES = 100_000
"""Most values that YAML aliases may add to a curriculum once expanded. Curricula
seldom use aliases at all (the bundled one has none), and without them the number of
values is bounded by the file's size; "billion laughs" alias bombs add billions, and
are refused while counting, before anything is expanded."""


def _line_of(data: Any, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest node of ``data`` that ``loc`` (a pydantic error
    location) reaches; keys and entries that do not exist stop the walk there."""
    line: int = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _loc_text(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for model in (
        models.Curriculum,
        models.Category,
        models.Item,
        models.Resource,
        models.Role,
        models.Requirement,
        models.AnyOf,
        models.Quantity,
        models.LevelDef,
        models.EligibilityRule,
        models.RenewalCredits,
        models.AttemptsAllowed,
    ):
        names.update(model.model_fields)
    return names | {"requirements"}


MAX_SCHEMA_PROBLEMS = 200
"""How many shape problems are listed (each costs a walk to its line and a message);
then one line says how many more there are. Junk of a few MB has hundreds of
thousands, which no one reads."""


def _schema_problems(data: Any) -> list[tuple[int, str]]:
    """Validate ``data`` against the Curriculum model; one entry per pydantic error,
    for the first :data:`MAX_SCHEMA_PROBLEMS`, then one saying how many more."""
    import difflib

    try:
        models.Curriculum.model_validate(data)
    except ValidationError as exc:
        hints = MAX_HINTS  # each costs a pass over every field name
        problems: list[tuple[int, str]] = []
        errors = exc.errors()
        line = 1
        for err in errors[:MAX_SCHEMA_PROBLEMS]:
            loc = tuple(err["loc"])
            # Drop pydantic's union/validator tags and our requirement tags (``<item>``),
            # which are not keys of the file.
            loc = tuple(p for p in loc if isinstance(p, int) or not ("[" in p or p[:1] == "<"))
            line = _line_of(data, loc)
            if err["type"] == "extra_forbidden":
                field = str(loc[-1])
                hints -= 1
                close = (
                    difflib.get_close_matches(field, _all_field_names(), n=1)
                    if hints >= 0 and len(field) <= MAX_HINT_LENGTH
                    else []
                )
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                where = _loc_text(loc[:-1])
                problems.append((line, f"{where}: unknown field {field!r}{hint}"))
            else:
                problems.append((line, f"{_loc_text(loc)}: {validation_words.describe(err)}"))
        if len(errors) > MAX_SCHEMA_PROBLEMS:
            more = len(errors) - MAX_SCHEMA_PROBLEMS
            problems.append((line, f"and {more:,} more problems from here on; fix these first"))
        return problems
    return []


# The cross-checks below read the data as YAML gives it (LineDict and LineList, which
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


def _cross_problems(data: Any) -> list[Problem]:
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
    return not _cross_problems(curriculum.model_dump())


def _bounds_problem(text: str) -> tuple[int, str] | None:
    """Walk the YAML event stream (the parser is iterative and streams events) and
    return ``(line, message)`` for a top level that is not a mapping
    (:data:`NOT_A_MAPPING`), the first nesting deeper than :data:`MAX_DEPTH`, alias
    that refers to a node still being built (a recursive structure), or point where
    the values pass :data:`MAX_VALUES` or those added through aliases pass
    :data:`MAX_ALIAS_VALUES`; None when the
    document stays within bounds. The work is linear in the text: an alias adds the
    size already counted for its anchor, it is never expanded.

    A syntax error is left for the composer to report, with one exception: libyaml
    (PyYAML 6.0.4 and later) refuses deep flow nesting (``[[[[...``) in its scanner,
    which reads ahead of the events, so the library can refuse before our count gets
    there. Then the text up to the refused line is walked again with PyYAML's
    pure-Python parser, which reads lazily, so the user gets our message whatever the
    library version, and nothing is composed.
    """
    from . import yaml_lines
    from .yaml_lines import PyParser, SafeLoaderBase

    found = _bounds_walk(SafeLoaderBase(text))
    if not isinstance(found, _Stopped):
        return found
    if not yaml_lines.HAS_LIBYAML:
        return None
    # Up to where the library refused (its mark's index is a byte offset in some
    # builds, a character index in others; line and column are the same in both).
    line, column = found
    lines = text.splitlines(keepends=True)
    prefix = "".join(lines[:line]) + (lines[line][:column] if line < len(lines) else "")
    # A cheap first test, so that a plain syntax error near the end of a large file is
    # not parsed a second time: flow nesting deeper than MAX_DEPTH needs that many more
    # brackets opened than closed. The parser below decides.
    opened = prefix.count("[") + prefix.count("{") - prefix.count("]") - prefix.count("}")
    if opened <= MAX_DEPTH:
        return None
    again = _bounds_walk(PyParser(prefix))
    return None if isinstance(again, _Stopped) else again


class _Stopped(NamedTuple):
    """Where a YAML error stopped :func:`_bounds_walk` (0-based line and column)."""

    line: int
    column: int


def _bounds_walk(parser: Any) -> tuple[int, str] | _Stopped | None:
    """The walk of :func:`_bounds_problem` over ``parser``'s events: a bounds problem
    as ``(line, message)``, the 0-based ``(line, column)`` of the YAML error that
    stopped the walk, or None for a document within bounds. Disposes of ``parser``."""
    import yaml

    sizes: dict[str, int] = {}
    # One frame per open list or mapping: [anchor, values counted inside it].
    stack: list[list[Any]] = []
    expanded = 0
    values = 0
    try:
        while (event := parser.get_event()) is not None:
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.NodeEvent):
                if not stack and not isinstance(event, yaml.MappingStartEvent):
                    return line, NOT_A_MAPPING  # before a top-level list is built
                values += 1
                if values > MAX_VALUES:
                    return line, (
                        f"more than {MAX_VALUES:,} values (lists, mappings and scalars); "
                        "a curriculum of 10,000 items has about 340,000"
                    )
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    return line, TOO_DEEP
                stack.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in (frame[0] for frame in stack):
                    return line, f"alias *{event.anchor} refers to a value that contains it"
                anchor, size = None, sizes.get(str(event.anchor), 1)
                expanded += size
                if expanded > MAX_ALIAS_VALUES:
                    return line, (
                        f"YAML aliases expand to more than {MAX_ALIAS_VALUES:,} values "
                        "(is this an alias bomb?)"
                    )
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if stack:
                stack[-1][1] += size
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return _Stopped(mark.line, mark.column) if mark else _Stopped(0, 0)
    except yaml.YAMLError:
        return _Stopped(0, 0)
    finally:
        parser.dispose()
    return None


def _yaml_problem(exc: Exception, text: str) -> tuple[int, str]:
    """``(line, reason)`` for a YAML error, in the tool's words: PyYAML's own wording
    differs between its C and pure-Python parsers and between releases, so only the
    error's kind and position are used, and what is at that position in ``text``."""
    import yaml

    from .yaml_lines import OurConstructorError

    if isinstance(exc, OurConstructorError):
        mark = exc.problem_mark
        return (mark.line + 1 if mark else 1), str(exc.problem)
    if isinstance(exc, yaml.reader.ReaderError):
        # Not marked: its position is a byte offset (C loader) or a character index
        # (pure-Python loader), so find the offending character here.
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text.count("\n", 0, bad.start()) + 1 if bad else 1
        char = f"#x{ord(bad.group()):04x}" if bad else ""
        return line, f"the control character {char} is not allowed in YAML text".replace("  ", " ")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is None:
            return 1, "the file could not be parsed"
        lines = text.splitlines()
        here = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in here[: mark.column + 1]:
            return mark.line + 1, "a tab character: YAML is indented with spaces"
        near = here.strip()
        near = f" near {near[:40]!r}" if near else " at the end of the file"
        return mark.line + 1, (
            f"syntax error at column {mark.column + 1}{near}: check the indentation, "
            "and for a missing ':' or an unclosed quote or bracket"
        )
    return 1, "the file could not be parsed"


GROUP_AFTER = 3
"""A problem that repeats on more than this many entries (the same message but for
the entry's index) is reported once, with the lines of the others."""

_INDEX = re.compile(r"\[\d+\]")


def _grouped(problems: list[Problem]) -> list[Problem]:
    """``problems`` (sorted by line) with each repeated one reported once: the first,
    then "the same on N more lines: ..." (at most 10 lines listed)."""
    by_kind: dict[str, list[Problem]] = {}
    for line, msg in problems:
        by_kind.setdefault(_INDEX.sub("[]", msg), []).append((line, msg))
    result: list[Problem] = []
    for line, msg in problems:
        same = by_kind[_INDEX.sub("[]", msg)]
        if len(same) <= GROUP_AFTER:
            result.append((line, msg))
        elif same[0] == (line, msg):
            rest = [str(other) for other, _ in same[1:]]
            shown = ", ".join(rest[:10]) + (f" and {len(rest) - 10} more" if len(rest) > 10 else "")
            result.append((line, f"{msg} (the same on {len(rest)} more lines: {shown})"))
    return result


def parse_curriculum(text: str, source: str) -> models.Curriculum:
    """Parse and check curriculum YAML ``text``; ``source`` names it in messages.

    Returns the validated :class:`~aipm_tracker.models.Curriculum`.
    Raises :class:`~aipm_tracker.errors.CurriculumError` listing every problem as
    ``source:LINE: message`` in line order.
    """
    import yaml

    from .yaml_lines import LineLoader

    try:
        bounds = _bounds_problem(text)
        loader = LineLoader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate: not text any file can hold
        line = text.count("\n", 0, exc.start) + 1
        code = ord(text[exc.start])
        raise CurriculumError(
            source, [f"{source}:{line}: not UTF-8 text (lone surrogate U+{code:04X})"]
        ) from None
    if bounds is not None:
        loader.dispose()
        line, message = bounds
        reason = message if message == NOT_A_MAPPING else f"invalid YAML: {message}"
        raise CurriculumError(source, [f"{source}:{line}: {reason}"])
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        line, reason = _yaml_problem(exc, text)
        raise CurriculumError(source, [f"{source}:{line}: invalid YAML: {reason}"]) from None
    except RecursionError:
        raise CurriculumError(source, [f"{source}:1: invalid YAML: {TOO_DEEP}"]) from None
    finally:
        loader.dispose()

    problems = list(loader.problems)
    if not isinstance(data, LineDict):
        problems.append((1, NOT_A_MAPPING))
    else:
        problems.extend(_schema_problems(data))
        problems.extend(_cross_problems(data))
    if problems:
        unique = _grouped(sorted(set(problems)))
        raise CurriculumError(source, [f"{source}:{line}: {msg}" for line, msg in unique])
    return models.Curriculum.model_validate(data)


def read_curriculum(path: Path, cache_dir: Path | None = None) -> models.Curriculum:
    """Read, parse and check the curriculum file at ``path``.

    With ``cache_dir``, a curriculum validated before from the same bytes is taken
    from the cache there instead of parsed and checked again (see
    :mod:`aipm_tracker.cache`), and a newly checked one is put there.
    Raises :class:`CurriculumError` for a missing, unreadable, non-UTF-8 or invalid
    file (exit code 2), always as ``FILE:LINE: message`` lines.
    """
    source = str(path)
    try:
        with open_regular(path) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CurriculumError(source, [f"{source}:1: cannot read the file: {reason}"]) from None
    if len(raw) > MAX_BYTES:
        raise CurriculumError(
            source,
            [
                f"{source}:1: the file is larger than {MAX_BYTES // 2**20} MB; even a "
                "curriculum of 50,000 items is about 28 MB"
            ],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CurriculumError(
            source, [f"{source}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x})"]
        ) from None
    if cache_dir is not None:
        from . import cache

        return cache.curriculum(
            cache_dir, path, raw, lambda: parse_curriculum(text, source), passes_cross_checks
        )
    return parse_curriculum(text, source)


def load_curriculum(
    path: Path | None = None, cache_dir: Path | None = None
) -> tuple[models.Curriculum, str]:
    """Load the curriculum at ``path``, or the bundled one when ``path`` is None
    (through the cache in ``cache_dir`` when given, see :func:`read_curriculum`).

    Returns ``(curriculum, source)`` where ``source`` is the file path as text (for
    reports and messages). Raises :class:`CurriculumError` (exit code 2).
    """
    if path is not None:
        return read_curriculum(path, cache_dir), str(path)
    with paths.bundled_curriculum() as bundled:
        return read_curriculum(bundled, cache_dir), str(bundled)
