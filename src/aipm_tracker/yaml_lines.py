"""The line-tracking safe YAML loader behind :func:`aipm_tracker.curriculum.parse_curriculum`.

Kept apart from ``curriculum.py`` so that importing PyYAML (a noticeable part of a
command's start-up) happens only when a curriculum file really has to be parsed, not
when the validated curriculum comes from the cache (``aipm_tracker.cache``).

The YAML is read with PyYAML's safe loader (the libyaml C loader when available), which
refuses Python-object tags. The subclass only adds two things PyYAML keeps in its node
marks but drops from plain dicts: the line of every key and list entry, and an error for
a key given twice in one mapping (PyYAML silently keeps the last).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import yaml

from .line_data import LineDict, LineList

try:  # the C loader is several times faster; PyYAML builds without it on some systems
    from yaml import CSafeLoader as SafeLoaderBase

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as SafeLoaderBase  # type: ignore[assignment]

    HAS_LIBYAML = False

from yaml import SafeLoader as PyParser  # the pure-Python parser, which reads lazily

__all__ = ["HAS_LIBYAML", "LineLoader", "OurConstructorError", "PyParser", "SafeLoaderBase"]


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


class LineLoader(SafeLoaderBase):
    """Safe YAML loader producing :class:`LineDict` / :class:`LineList` and recording
    duplicate keys in ``self.problems`` as ``(line, message)``."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[tuple[int, str]] = []

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's scalar constructors raise plain Python errors for values their tag
        # cannot hold (``as_of: 2026-02-30`` is an implicit date, ``!!int x``, ``!!bool
        # x``): turn them into a YAML error of ours, marked at the value's line.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            kind = str(node.tag).removeprefix("tag:yaml.org,2002:")
            value = f"{node.value!r}" if isinstance(node, yaml.ScalarNode) else "this value"
            words = _TAG_WORDS.get(kind, f"a valid {kind}")
            raise OurConstructorError(f"{value} is not {words}", node.start_mark) from None

    def construct_refused(self, node: yaml.Node) -> Any:
        """Every tag but the plain ones (see :data:`_TAG_WORDS`): Python objects, and
        sets, ordered maps, pairs and binary data, which would slip past the
        curriculum's checks (a ``!!set`` of aliases is not a list of them)."""
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise OurConstructorError(
            f"the tag {tag} is not allowed: a curriculum holds only text, numbers, "
            "true/false, dates, lists and mappings",
            node.start_mark,
        )

    def construct_line_mapping(self, node: yaml.Node) -> Iterator[LineDict]:
        if not isinstance(node, yaml.MappingNode):  # e.g. ``!!map [1]``
            raise OurConstructorError(
                f"expected a mapping, but found {getattr(node, 'id', 'node')}", node.start_mark
            )
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                self.problems.append((line, "a mapping key must be a plain value"))
                continue
            if key in data:
                first = data.key_lines[key]
                self.problems.append((line, f"duplicate key {key!r} (first given on line {first})"))
                continue
            data.key_lines[key] = line
            data[key] = self.construct_object(value_node, deep=True)

    def construct_line_sequence(self, node: yaml.Node) -> Iterator[LineList]:
        if not isinstance(node, yaml.SequenceNode):  # e.g. ``!!seq {a: 1}``
            raise OurConstructorError(
                f"expected a list, but found {getattr(node, 'id', 'node')}", node.start_mark
            )
        data = LineList()
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_line_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_line_sequence)
for _tag in ("set", "omap", "pairs", "binary"):
    LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", LineLoader.construct_refused)
LineLoader.add_constructor(None, LineLoader.construct_refused)  # any tag PyYAML does not know
