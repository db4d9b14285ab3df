"""The line-tracking safe YAML loader behind :func:`aipm_tracker.curriculum.parse_curriculum`.

Kept apart from ``curriculum.py`` so that importing PyYAML (a noticeable part of a
command's start-up) happens only when a curriculum file really has to be parsed, not
when the validated curriculum comes from the cache (``aipm_tracker.cache``).

The YAML is parsed by PyYAML's safe loader (the libyaml C parser when available), and
:func:`load` builds the data from its event stream in one pass, where PyYAML would
compose a node tree and then construct from it. In that one pass it

- keeps what PyYAML's marks know but plain dicts drop: the line of every key and list
  entry (:class:`~aipm_tracker.line_data.LineDict`, ``LineList``), and an error for a
  key given twice in one mapping (PyYAML silently keeps the last);
- allows only the plain YAML types (no Python objects, sets, ordered maps, binary);
- holds the document to its bounds (:class:`Limits`: nesting, values, alias
  expansion), counting an alias as the size of its anchor, never expanding it;
- checks every value's kind against the :class:`~aipm_tracker.line_data.Shape` the
  models allow (a list where a list belongs, a mapping of known fields with its
  required ones ...), and stops building at the first value of the wrong kind, so
  that megabytes of junk of the wrong shape are refused in one walk, nothing built;
- checks each single-value list entry as the model would (``Shape.check``), and
  refuses a document past :data:`MAX_SHAPE_PROBLEMS` wrong entries, or as many
  duplicate keys, there: junk of the right shape (``keywords: [1, 1, 1, ...]``) is
  not built and validated entry by entry.

One pass over the events is also about twice as fast as composing and constructing.
"""

from __future__ import annotations

from typing import Any

import yaml

from . import validation_words
from .line_data import (
    ANY,
    LIST,
    MAPPING,
    SCALAR,
    Limits,
    LineDict,
    LineList,
    Loaded,
    Refused,
    Shape,
    ShapeProblem,
)

try:  # the C loader is several times faster; PyYAML builds without it on some systems
    from yaml import CSafeLoader as SafeLoaderBase

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as SafeLoaderBase  # type: ignore[assignment]

    HAS_LIBYAML = False

from yaml import SafeLoader as PyParser  # the pure-Python parser, which reads lazily

__all__ = [
    "HAS_LIBYAML",
    "Limits",
    "Loaded",
    "OurConstructorError",
    "PyParser",
    "Refused",
    "SafeLoaderBase",
    "ShapeProblem",
    "load",
    "yaml_problem",
]


_TAG_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date that exists (quote it if it is meant as text)",
    "null": "empty",
    "str": "text",
}
"""The plain YAML tags a curriculum may use, in words, for "... is not ..."."""


class OurConstructorError(yaml.constructor.ConstructorError):
    """A value our loader refused; its ``problem`` is in the tool's own words (a
    ConstructorError raised by PyYAML itself is not)."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(None, None, problem, mark)


_TAG = "tag:yaml.org,2002:"
_PLAIN_SCALARS = frozenset(_TAG + kind for kind in _TAG_WORDS)
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_NO_KEY: Any = object()
"""A mapping frame's key slot before its next key is read."""
_DROP: Any = object()
"""The key slot of a value that is read but dropped (its key was a duplicate or not a
plain value, a problem already recorded)."""

MAX_SHAPE_PROBLEMS = 200
"""How many shape problems a document may have. A few are a typo in a real document,
which is built and validated as usual (the validation tells them too, beside every
other problem); one more and it is junk: the walk stops there, at once, whatever
size the rest is."""


class _Junk(Exception):
    """More than :data:`MAX_SHAPE_PROBLEMS` shape problems: the walk stops there."""


class _Frame:
    """An open list or mapping: what is built so far and where the walk is in it."""

    __slots__ = (
        "anchor", "check", "container", "entry_scalar", "is_map", "key", "key_line",
        "line", "lines", "merges", "passed", "ref_line", "shape", "size", "slot",
        "value_scalar", "value_shape",
    )  # fmt: skip

    def __init__(self, is_map: bool, shape: Shape, anchor: Any, line: int, ref_line: int) -> None:
        self.is_map = is_map
        self.shape = shape
        self.anchor = anchor
        self.size = 1
        self.ref_line = ref_line  # the line a problem with the whole value is told on
        self.container: Any = None
        self.slot: Any = _NO_KEY if is_map else 0  # the key or index being read
        self.key: Any = _NO_KEY
        self.line = line
        self.key_line = line
        self.value_shape = ANY
        self.value_scalar = True  # whether value_shape allows a scalar
        self.entry_scalar = not is_map and SCALAR in (shape.entry or ANY).kinds
        self.check = None if is_map else shape.check
        self.passed: set[str] = set()  # entries the check took (set by _Walk.start)
        self.lines: dict[Any, int] = {}  # a mapping's keys and their lines
        self.merges: list[Any] = []


def load(parser: Any, shape: Shape, limits: Limits, build: bool = True) -> Loaded:
    """Read the one YAML document of ``parser`` (a :data:`SafeLoaderBase` or
    :data:`PyParser` over the text, disposed of here) into data, checking it against
    ``shape`` and ``limits`` as it goes (see the module's docstring); with ``build``
    False only checks.

    Raises :class:`Refused` for a document past its limits, :class:`OurConstructorError`
    for a value or tag that is not allowed, and PyYAML's ``MarkedYAMLError`` for a
    syntax error (or a second document, or an alias that names no anchor).
    """
    walk = _Walk(parser, shape, limits, build)
    try:
        walk.run()
    except _Junk:
        pass  # the rest is not read: it is no curriculum, whatever follows
    finally:
        parser.dispose()
    shape_problems = sorted(walk.shape_problems, key=lambda problem: problem.line)
    data = walk.top if walk.build else None
    return Loaded(data, walk.problems, shape_problems[:MAX_SHAPE_PROBLEMS], not walk.build)


class _Walk:
    """The state of one :func:`load`: the open frames, anchors, counts and problems."""

    def __init__(self, parser: Any, shape: Shape, limits: Limits, build: bool) -> None:
        self.parser = parser
        self.shape = shape
        self.limits = limits
        self.build = build
        self.stack: list[_Frame] = []
        self.top: Any = None
        self.anchors: dict[Any, tuple[Any, str, int]] = {}  # value, kind, size
        self.values = 0
        self.max_values = limits.values
        self.expanded = 0
        self.problems: list[tuple[int, str]] = []
        self.shape_problems: list[ShapeProblem] = []
        self.plain: dict[str, Any] = {}  # plain scalar text -> its value (one resolve each)
        self.passed: dict[Any, set[str]] = {}  # Shape.check -> the texts it took
        self.bad_entries = 0  # list entries their Shape.check refused
        self.first_bad: str | None = None  # where the first was, and why

    def run(self) -> None:
        """Walk every event of the stream."""
        documents = 0
        get_event = self.parser.get_event
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (event := get_event()) is not None:
            if isinstance(event, scalar_event):
                self.scalar(event)
            elif isinstance(event, start_events):
                self.start(event)
            elif isinstance(event, end_events):
                self.end()
            elif isinstance(event, alias_event):
                self.alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        None,
                        "but found another document",
                        event.start_mark,  # type: ignore[arg-type]
                    )
        if documents == 0:
            raise Refused(1, self.limits.not_a_mapping)

    # -- one value --------------------------------------------------------------

    def node(self, event: Any, kind: str) -> tuple[int, int, Shape | None]:
        """Count a value that starts at ``event``: ``(its line, the line a problem
        with it is told on, the shape it is expected to have, or None when its kind
        is not one that shape allows)``."""
        line = event.start_mark.line + 1
        if not self.stack and kind != MAPPING:
            raise Refused(line, self.limits.not_a_mapping)
        self.values += 1
        if self.values > self.limits.values:
            raise self.too_many(event)
        if not self.stack:
            return line, line, self.shape
        parent = self.stack[-1]
        if parent.is_map:
            if parent.key is _NO_KEY:
                return line, line, ANY  # a key: checked once it is read
            expected, ref_line = parent.value_shape, parent.key_line
        else:
            expected, ref_line = parent.shape.entry or ANY, line
        return line, ref_line, expected if kind in expected.kinds else None

    def wrong_kind(self, ref_line: int, kind: str, value: Any = None) -> None:
        """Record the value being read (of ``kind``; ``value`` if a scalar) as of a
        kind its place does not allow. A list or mapping where only a single value
        belongs stops the walk at once: what it holds, however much, is not read."""
        parent = self.stack[-1]
        allowed = (parent.value_shape if parent.is_map else parent.shape.entry or ANY).kinds
        self.shape_problem(ref_line, self.loc(), "kind", (allowed, kind, value))
        if kind != SCALAR and allowed == {SCALAR}:
            self.build = False
            raise _Junk

    def shape_problem(self, line: int, loc: tuple[Any, ...], kind: str, detail: Any) -> None:
        """Keep a shape problem; past :data:`MAX_SHAPE_PROBLEMS` of them, stop."""
        self.shape_problems.append(ShapeProblem(line, loc, kind, detail))
        if len(self.shape_problems) > MAX_SHAPE_PROBLEMS:
            self.build = False
            raise _Junk

    def loc(self) -> tuple[Any, ...]:
        """Where the value being read is, as keys and list indexes."""
        return tuple(frame.slot for frame in self.stack)

    def scalar(self, event: Any) -> None:
        stack = self.stack
        if stack and event.anchor is None:
            # The common case, a scalar in a list or as a mapping's value where a
            # scalar may be, without the general path's calls: what :meth:`node`,
            # :meth:`construct` and :meth:`add` do for it, in one place.
            parent = stack[-1]
            if parent.is_map:
                key = parent.key
                fast = key is not _NO_KEY and key is not _MERGE and parent.value_scalar
            else:
                fast = parent.entry_scalar
            if fast:
                self.values += 1
                if self.values > self.max_values:
                    raise self.too_many(event)
                tag = event.tag
                if tag is None or tag == "!":
                    if not self.build:
                        value = None
                    elif event.implicit[0]:
                        value = self.plain.get(event.value, _NO_KEY)
                        if value is _NO_KEY:
                            value = self.construct(event)
                    else:
                        value = event.value  # quoted or a block: text
                else:  # an explicit tag is checked even where nothing is built
                    value = self.construct(event)
                parent.size += 1
                if parent.is_map:
                    if key is not _DROP and self.build:
                        parent.container[key] = value
                    parent.key = parent.slot = _NO_KEY
                    parent.value_shape = ANY
                    parent.value_scalar = True
                    return
                line = event.start_mark.line + 1
                if parent.check is not None and value not in parent.passed:
                    self.check_entry(parent, value, line)
                if self.build:
                    parent.container.append(value)
                    parent.container.item_lines.append(line)
                parent.slot += 1
                return
        top = stack[-1] if stack else None
        is_key = top is not None and top.is_map and top.key is _NO_KEY
        line, ref_line, expected = self.node(event, SCALAR)
        if is_key and event.tag is None and event.implicit[0] and event.value == "<<":
            self.add(_MERGE, SCALAR, 1, line, event.anchor)
            return
        if expected is None:
            value = self.construct(event)
            self.wrong_kind(ref_line, SCALAR, value)
            self.add(value, SCALAR, 1, line, event.anchor)
            return
        # An explicit tag is checked even where nothing is built any more.
        explicit = event.tag is not None and event.tag != "!"
        value = self.construct(event) if self.build or is_key or explicit else None
        self.add(value, SCALAR, 1, line, event.anchor)

    def too_many(self, event: Any) -> Refused:
        """The refusal of the value at ``event``, one past :attr:`Limits.values`."""
        return Refused(
            event.start_mark.line + 1,
            f"more than {self.limits.values:,} values (lists, mappings and scalars); "
            + self.limits.values_hint,
        )

    def check_entry(self, parent: _Frame, value: Any, line: int) -> None:
        """Check ``value``, a single-value entry of the list ``parent`` read on
        ``line``, with the model's check of it (:attr:`Shape.check`). A few wrong
        entries are left to the schema check, which tells each; past
        :data:`MAX_SHAPE_PROBLEMS` of them the document is junk, refused here, before
        the model validates (and reports) every one of maybe a million."""
        assert parent.check is not None
        if value is None and not self.build:
            return  # not built: the walk already stops at other problems
        error = parent.check(value)
        if error is None:
            if type(value) is str:
                parent.passed.add(value)  # junk repeats itself: one check each
            return
        self.bad_entries += 1
        if self.first_bad is None:
            words = validation_words.describe(error)
            self.first_bad = f"line {line}: {_loc_text(self.loc())}: {words}"
        if self.bad_entries > MAX_SHAPE_PROBLEMS:
            raise Refused(
                line,
                f"more than {MAX_SHAPE_PROBLEMS} list entries are not what their list "
                f"takes (the first on {self.first_bad})",
            )

    def construct(self, event: Any) -> Any:
        """The value of a scalar event, resolved and constructed as PyYAML's safe
        loader does, but only for the plain tags (:data:`_TAG_WORDS`)."""
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return event.value  # quoted or a block: text
            cached = self.plain.get(event.value, _NO_KEY)
            if cached is not _NO_KEY:
                return cached
            tag = self.parser.resolve(yaml.ScalarNode, event.value, event.implicit)
            value = self.construct_tagged(event, tag)
            self.plain[event.value] = value
            return value
        return self.construct_tagged(event, tag)

    def construct_tagged(self, event: Any, tag: str) -> Any:
        if tag in (_MAP, _SEQ):
            found = "scalar"
            wanted = "a mapping" if tag == _MAP else "a list"
            raise OurConstructorError(f"expected {wanted}, but found {found}", event.start_mark)
        if tag not in _PLAIN_SCALARS:
            raise _refused_tag(tag, event.start_mark)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.parser.yaml_constructors[tag](self.parser, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            kind = tag.removeprefix(_TAG)
            raise OurConstructorError(
                f"{event.value!r} is not {_TAG_WORDS[kind]}", event.start_mark
            ) from None

    def alias(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if event.anchor in (frame.anchor for frame in self.stack):
            raise Refused(line, f"alias *{event.anchor} refers to a value that contains it")
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        value, kind, size = self.anchors[event.anchor]
        _, ref_line, expected = self.node(event, kind)
        if expected is None:
            self.wrong_kind(ref_line, kind, value)
        self.expanded += size
        if self.expanded > self.limits.alias_values:
            raise Refused(
                line,
                f"YAML aliases expand to more than {self.limits.alias_values:,} values "
                "(is this an alias bomb?)",
            )
        self.add(value, kind, size, line, None)

    # -- lists and mappings ----------------------------------------------------------

    def start(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        kind = MAPPING if is_map else LIST
        tag = event.tag
        if tag not in (None, "!", _MAP if is_map else _SEQ):
            if tag in (_MAP, _SEQ):
                wanted = "a mapping" if tag == _MAP else "a list"
                found = "mapping" if is_map else "sequence"
                raise OurConstructorError(f"expected {wanted}, but found {found}", event.start_mark)
            raise _refused_tag(tag, event.start_mark)
        line, ref_line, expected = self.node(event, kind)
        if len(self.stack) >= self.limits.depth:
            raise Refused(line, self.limits.too_deep)
        if expected is None:
            self.wrong_kind(ref_line, kind)
        frame = _Frame(is_map, expected or ANY, event.anchor, line, ref_line)
        if frame.check is not None:  # one set per list shape: every item's keywords
            frame.passed = self.passed.setdefault(frame.check, set())
        if self.build:
            frame.container = LineDict() if is_map else LineList()
            frame.container.line = line
            if is_map:
                frame.container.key_lines = frame.lines
            else:
                frame.container.item_lines = []
        self.stack.append(frame)

    def end(self) -> None:
        frame = self.stack.pop()
        value = frame.container
        if frame.is_map and (self.build or not frame.merges):
            self.merge(frame)
            for names in frame.shape.required:
                if not any(name in frame.lines for name in names):
                    self.shape_problem(frame.ref_line, (*self.loc(), names[0]), "missing", names[0])
        kind = MAPPING if frame.is_map else LIST
        self.add(value if self.build else None, kind, frame.size, frame.line, frame.anchor)

    def merge(self, frame: _Frame) -> None:
        """Add the keys of the mappings merged in with ``<<`` that the mapping does
        not give itself (the earlier merged mapping wins), as PyYAML does."""
        for merged in frame.merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    raise OurConstructorError(
                        "a merge (<<) takes a mapping or a list of mappings", None
                    )
                for key, value in source.items():
                    if key in frame.lines:
                        continue
                    frame.lines[key] = getattr(source, "key_lines", {}).get(key, frame.line)
                    fields = frame.shape.fields
                    if fields is not None and key not in fields:
                        self.shape_problem(frame.lines[key], (*self.loc(), key), "unknown", key)
                    if self.build:
                        frame.container[key] = value

    def add(self, value: Any, kind: str, size: int, line: int, anchor: Any) -> None:
        """Put a value just read (of ``size`` values) into the open list or mapping,
        or make it the document; ``line`` is where it starts (or its key's line)."""
        if anchor is not None:
            self.anchors[anchor] = (value, kind, size)
        if not self.stack:
            self.top = value
            return
        parent = self.stack[-1]
        parent.size += size
        if not parent.is_map:
            if parent.check is not None and kind == SCALAR and value not in parent.passed:
                self.check_entry(parent, value, line)
            if self.build:
                parent.container.append(value)
                parent.container.item_lines.append(line)
            parent.slot += 1
        elif parent.key is _NO_KEY:
            self.key(parent, value, kind, line)
        else:
            key = parent.key
            if key is _MERGE:
                parent.merges.append(value)
            elif key is not _DROP and self.build:
                parent.container[key] = value
            parent.key = parent.slot = _NO_KEY
            parent.value_shape = ANY
            parent.value_scalar = True

    def key_problem(self, line: int, message: str) -> None:
        """Keep a problem with a key (given twice, or not a plain value) on ``line``;
        past :data:`MAX_SHAPE_PROBLEMS` of them the document is junk (``{a, a, a,
        ...}``), refused here rather than built and told a million times."""
        self.problems.append((line, message))
        if len(self.problems) > MAX_SHAPE_PROBLEMS:
            first, words = self.problems[0]
            raise Refused(
                line,
                f"more than {MAX_SHAPE_PROBLEMS} keys are given twice or are not plain "
                f"values (the first on line {first}: {words})",
            )

    def key(self, parent: _Frame, key: Any, kind: str, line: int) -> None:
        """Take ``key`` (read on ``line``) as the next key of the mapping ``parent``."""
        parent.key_line = line
        if key is _MERGE:
            parent.key = _MERGE
            return
        if kind != SCALAR:
            self.key_problem(line, "a mapping key must be a plain value")
            parent.key = parent.slot = _DROP
            return
        if key in parent.lines:
            first = parent.lines[key]
            self.key_problem(line, f"duplicate key {key!r} (first given on line {first})")
            parent.key = parent.slot = _DROP
            return
        parent.lines[key] = line
        parent.key = parent.slot = key
        fields = parent.shape.fields
        if fields is None:
            parent.value_shape = ANY
        elif key in fields:
            parent.value_shape = fields[key]
        else:
            self.shape_problem(line, self.loc(), "unknown", key)
            parent.value_shape = ANY
        parent.value_scalar = SCALAR in parent.value_shape.kinds


def _loc_text(loc: tuple[Any, ...]) -> str:
    """``loc`` as the schema problems write it: ``items[0].keywords[2]``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _refused_tag(tag: str, mark: Any) -> OurConstructorError:
    """Every tag but the plain ones (see :data:`_TAG_WORDS`): Python objects, and
    sets, ordered maps, pairs and binary data, which would slip past the
    curriculum's checks (a ``!!set`` of aliases is not a list of them)."""
    shown = str(tag).replace(_TAG, "!!")
    return OurConstructorError(
        f"the tag {shown} is not allowed: a curriculum holds only text, numbers, "
        "true/false, dates, lists and mappings",
        mark,
    )


def yaml_problem(exc: Exception, text: str) -> tuple[int, str]:
    """``(line, reason)`` for a YAML error, in the tool's words: PyYAML's own wording
    differs between its C and pure-Python parsers and between releases, so only the
    error's kind and position are used, and what is at that position in ``text``."""
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
