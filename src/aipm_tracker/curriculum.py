"""Load and check a curriculum YAML file, reporting every problem as ``FILE:LINE: msg``.

The YAML is parsed by PyYAML's safe parser (libyaml's when available), and the data
built from its events in one walk (``yaml_lines.py``, imported only when a file is
really parsed) that keeps the line of every key and list entry, refuses a key given
twice, every tag but the plain ones, documents past their bounds, and junk whose values
are not of the kinds the models take (the first values tell, the rest is not read).

Shapes are then validated by pydantic (:class:`aipm_tracker.models.Curriculum`) and the
cross-checks no schema can express are made (:mod:`aipm_tracker.curriculum_checks`):
unique IDs, known categories, known prerequisites, no prerequisite cycles, roles that
name real items.

A curriculum that passed all of this is kept in the cache (``aipm_tracker.cache``),
keyed by the file's content, so that commands do not parse and check it again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import models, paths, validation_words
from .curriculum_checks import (
    MAX_HINT_LENGTH,
    MAX_HINTS,
    Problem,
    cross_problems,
    passes_cross_checks,
)
from .errors import CurriculumError
from .files import open_regular
from .line_data import LineDict, LineList

MAX_BYTES = 64 * 1024 * 1024
"""A curriculum file larger than this (64 MiB) is refused unread; the check costs
nothing. The bundled one is about 100 KB and a generated 10,000-item one 5.6 MB; the
most items :data:`MAX_VALUES` lets in (some 12,000) make about 7 MB, and only long
texts make a file bigger. Those are few values, read fast (a 60 MB one in about 2 s)
in memory of some 5 times the file's size, which this cap bounds."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted. A curriculum needs about 6 levels;
libyaml's composer recurses on the C stack and crashes on deep enough nesting, so
this is checked on the parser's event stream before anything is composed."""

TOO_DEEP = f"lists or mappings nested more than {MAX_DEPTH} deep"
"""The message for nesting past :data:`MAX_DEPTH`, whoever noticed it first."""

MAX_VALUES = 400_000
"""Most values (scalars, lists and mappings, as written) a curriculum may hold. The
bundled one has 4,409 and a generated 10,000-item one (5.6 MB) 327,212: this leaves
room for some 12,000 items. Each value costs the walk about a microsecond and junk
packs one into every byte or two (``[1,1,1,...``, ``{a,a,a,...}``), so the densest
file at the cap is under 1 MB and read in well under a second; more values are
refused while counting, and the memory of a parse stays bounded (some 400 bytes a
value) whatever the file holds."""

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


def _validated(data: Any) -> tuple[models.Curriculum | None, list[tuple[int, str]]]:
    """Validate ``data`` against the Curriculum model: the curriculum and no problems,
    or None and one entry per pydantic error, for the first
    :data:`MAX_SCHEMA_PROBLEMS`, then one saying how many more."""
    try:
        return models.Curriculum.model_validate(data), []
    except ValidationError as exc:
        hints = [MAX_HINTS]  # each costs a pass over every field name
        problems: list[tuple[int, str]] = []
        errors = exc.errors()
        line = 1
        for err in errors[:MAX_SCHEMA_PROBLEMS]:
            raw = tuple(err["loc"])
            # Drop pydantic's union/validator tags and our requirement tags (``<item>``),
            # which are not keys of the file; the unknown field itself is one, whatever
            # it is called (``0[``).
            known = raw[:-1] if err["type"] == "extra_forbidden" else raw
            loc = tuple(p for p in known if isinstance(p, int) or not ("[" in p or p[:1] == "<"))
            if known is not raw:
                loc = (*loc, raw[-1])
            line = _line_of(data, loc)
            if err["type"] == "extra_forbidden":
                problems.append((line, _unknown_field(loc, hints)))
            else:
                problems.append((line, f"{_loc_text(loc)}: {validation_words.describe(err)}"))
        if len(errors) > MAX_SCHEMA_PROBLEMS:
            more = len(errors) - MAX_SCHEMA_PROBLEMS
            problems.append((line, f"and {more:,} more problems from here on; fix these first"))
        return None, problems


def _unknown_field(loc: tuple[Any, ...], hints: list[int]) -> str:
    """The message for the unknown field at the end of ``loc``, with the closest
    field name as a hint while ``hints[0]`` (counted down here) lasts."""
    import difflib

    field = str(loc[-1])
    hints[0] -= 1
    close = (
        difflib.get_close_matches(field, _all_field_names(), n=1)
        if hints[0] >= 0 and len(field) <= MAX_HINT_LENGTH
        else []
    )
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{_loc_text(loc[:-1])}: unknown field {field!r}{hint}"


VALUES_HINT = "a curriculum of 10,000 items has about 330,000"


def _read_yaml(text: str, source: str) -> Any:
    """The data of curriculum YAML ``text`` (LineDict, LineList and plain values),
    read in one walk over the parser's events (:func:`aipm_tracker.yaml_lines.load`),
    held to :data:`MAX_DEPTH`, :data:`MAX_VALUES` and :data:`MAX_ALIAS_VALUES` and to
    the shape of :class:`models.Curriculum`.

    Raises :class:`CurriculumError` for YAML that is not valid, past the bounds, or
    junk: a list or mapping where a single value belongs, or more than
    ``yaml_lines.MAX_SHAPE_PROBLEMS`` values of a kind their place does not allow,
    unknown fields or missing ones (``items: [1, 1, ...]``). Then the walk stopped
    there, and the file is refused with those problems and the duplicate keys found,
    nothing validated, the rest unread. A few such problems (a typo) are left to the
    schema check, which tells them in the same words, beside every other problem.
    """
    import yaml

    from . import yaml_lines

    limits = yaml_lines.Limits(
        MAX_DEPTH, MAX_VALUES, MAX_ALIAS_VALUES, NOT_A_MAPPING, VALUES_HINT, TOO_DEEP
    )
    try:
        loaded = yaml_lines.load(yaml_lines.SafeLoaderBase(text), _curriculum_shape(), limits)
    except UnicodeEncodeError as exc:  # a lone surrogate: not text any file can hold
        line = text.count("\n", 0, exc.start) + 1
        code = ord(text[exc.start])
        raise CurriculumError(
            source, [f"{source}:{line}: not UTF-8 text (lone surrogate U+{code:04X})"]
        ) from None
    except yaml_lines.Refused as exc:
        raise _refused(source, exc) from None
    except yaml_lines.OurConstructorError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise CurriculumError(source, [f"{source}:{line}: invalid YAML: {exc.problem}"]) from None
    except yaml.YAMLError as exc:
        deep = _deep_flow(text, exc, limits)
        if deep is not None:
            raise _refused(source, deep) from None
        line, reason = yaml_lines.yaml_problem(exc, text)
        raise CurriculumError(source, [f"{source}:{line}: invalid YAML: {reason}"]) from None
    except RecursionError:  # pragma: no cover - the walk is iterative; a last guard
        raise CurriculumError(source, [f"{source}:1: invalid YAML: {TOO_DEEP}"]) from None
    if loaded.junk:
        hints = [MAX_HINTS]
        problems = loaded.problems + [_shape_words(p, hints) for p in loaded.shape_problems]
        problems.sort()
        line = loaded.shape_problems[-1].line
        problems.append((line, "more problems may follow from here on; fix these first"))
        raise CurriculumError(
            source, [f"{source}:{line}: {msg}" for line, msg in _grouped(problems)]
        )
    return loaded


def _refused(source: str, exc: Any) -> CurriculumError:
    """The error for a document past its bounds (``yaml_lines.Refused``)."""
    reason = exc.message if exc.message == NOT_A_MAPPING else f"invalid YAML: {exc.message}"
    return CurriculumError(source, [f"{source}:{exc.line}: {reason}"])


def _deep_flow(text: str, exc: Exception, limits: Any) -> Any:
    """The ``yaml_lines.Refused`` for flow nesting past :data:`MAX_DEPTH` that the
    library refused in its own words before the walk got there, or None.

    libyaml (PyYAML 6.0.4 and later) refuses deep flow nesting (``[[[[...``) in its
    scanner, which reads ahead of the events. Then the text up to the refused line is
    walked again with PyYAML's pure-Python parser, which reads lazily, so the user gets
    our message whatever the library version, and nothing is built."""
    import yaml

    from . import yaml_lines

    if not yaml_lines.HAS_LIBYAML or not isinstance(exc, yaml.MarkedYAMLError):
        return None
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    # Up to where the library refused (its mark's index is a byte offset in some
    # builds, a character index in others; line and column are the same in both).
    lines = text.splitlines(keepends=True)
    line, column = mark.line, mark.column
    prefix = "".join(lines[:line]) + (lines[line][:column] if line < len(lines) else "")
    # A cheap first test, so that a plain syntax error near the end of a large file is
    # not parsed a second time: flow nesting deeper than MAX_DEPTH needs that many more
    # brackets opened than closed. The parser below decides.
    opened = prefix.count("[") + prefix.count("{") - prefix.count("]") - prefix.count("}")
    if opened <= MAX_DEPTH:
        return None
    try:
        yaml_lines.load(yaml_lines.PyParser(prefix), _curriculum_shape(), limits, build=False)
    except yaml_lines.Refused as refused:
        return refused
    except yaml.YAMLError:
        return None
    return None


_SHAPE: list[Any] = []


def _curriculum_shape() -> Any:
    """The :class:`~aipm_tracker.line_data.Shape` of a curriculum, read once from
    :class:`models.Curriculum`."""
    if not _SHAPE:
        from .line_data import shape_of

        _SHAPE.append(shape_of(models.Curriculum))
    return _SHAPE[0]


def _shape_words(problem: Any, hints: list[int]) -> tuple[int, str]:
    """``(line, message)`` for a ``yaml_lines.ShapeProblem``, in the words of the
    schema problems (:func:`_validated`, :func:`validation_words.describe`);
    ``hints`` counts down the "did you mean" hints left."""
    loc = problem.loc
    if problem.kind == "unknown":
        return problem.line, _unknown_field(loc, hints)
    if problem.kind == "missing":
        return problem.line, f"{_loc_text(loc)}: is required"
    allowed, kind, value = problem.detail
    shown = {"input": value} if kind == "scalar" else {}
    if "list" in allowed:
        words = validation_words.describe({"type": "list_type", **shown})
    elif "mapping" in allowed:
        words = validation_words.describe({"type": "model_type", **shown})
    else:
        found = "a list" if kind == "list" else "a mapping"
        words = f"must be a single value (text, a number, true/false or a date), not {found}"
    return problem.line, f"{_loc_text(loc)}: {words}"


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
    loaded = _read_yaml(text, source)
    data = loaded.data

    problems = list(loaded.problems)
    curriculum = None
    if not isinstance(data, LineDict):
        problems.append((1, NOT_A_MAPPING))
    else:
        curriculum, schema = _validated(data)
        problems.extend(schema)
        problems.extend(cross_problems(data))
    if problems or curriculum is None:
        unique = _grouped(sorted(set(problems)))
        raise CurriculumError(source, [f"{source}:{line}: {msg}" for line, msg in unique])
    return curriculum  # validated once: the model checks are the schema problems


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
                "curriculum of 10,000 items is about 5 MB"
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
