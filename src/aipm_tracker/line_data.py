"""Containers for data read from YAML that remember where each part was: the line of
a mapping and of each key, of a list and of each entry (1-based).

The loader (:mod:`aipm_tracker.yaml_lines`) builds them and the curriculum checks
(:mod:`aipm_tracker.curriculum`) read the lines to report ``FILE:LINE: message``. They
live apart from both so that the dependency runs one way (curriculum -> yaml_lines ->
line_data) and importing them never imports PyYAML, which only a real parse needs.
So do the loader's terms: the :class:`Shape` and :class:`Limits` it holds a document
to, and what it gives back (:class:`Loaded`, :class:`ShapeProblem`, :class:`Refused`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, ForwardRef, NamedTuple, TypeVar, Union, get_args, get_origin

__all__ = [
    "ANY",
    "LIST",
    "MAPPING",
    "SCALAR",
    "Limits",
    "LineDict",
    "LineList",
    "Loaded",
    "Refused",
    "Shape",
    "ShapeProblem",
    "shape_of",
]


class LineDict(dict[Any, Any]):
    """A dict from YAML that remembers its own line and each key's line (1-based)."""

    line: int = 1
    key_lines: dict[Hashable, int]


class LineList(list[Any]):
    """A list from YAML that remembers its own line and each entry's line (1-based)."""

    line: int = 1
    item_lines: list[int]


SCALAR, LIST, MAPPING = "scalar", "list", "mapping"
"""The three kinds of YAML value a :class:`Shape` tells apart."""


@dataclass(frozen=True, eq=False)
class Shape:
    """What a value of a document may be, as far as the kind of each value goes, so
    that a loader can refuse a document of the wrong shape while it reads the events,
    before anything is built (junk such as ``items: [1, 1, 1, ...]``).

    ``kinds``: a subset of :data:`SCALAR`, :data:`LIST` and :data:`MAPPING`.
    ``entry``: the shape of a list's entries. ``fields``: for a mapping of named
    fields, the shape of each key it may hold (None: any keys, any values);
    ``required``: one tuple of key names per required field (its name first, then the
    other names it is accepted by). ``check``: for a list of single values, what
    the model says of one entry: called with the entry's value, it returns None when
    the model takes it, else the pydantic error (a dict of ``errors()``), so that a
    loader can stop at junk such as ``keywords: [1, 1, 1, ...]`` before the model
    validates (and reports) a million wrong entries. Built by :func:`shape_of` from
    the models, so it never says more than they do.
    """

    kinds: frozenset[str]
    entry: Shape | None = None
    fields: dict[str, Shape] | None = None
    required: tuple[tuple[str, ...], ...] = ()
    check: Callable[[Any], dict[str, Any] | None] | None = None


ANY = Shape(frozenset({SCALAR, LIST, MAPPING}))
"""A value about which nothing is known: every kind may be there."""


class Limits(NamedTuple):
    """The bounds :func:`aipm_tracker.yaml_lines.load` holds a document to, and the
    words it refuses with.

    ``depth``: deepest nesting of lists and mappings; ``values``: most values (lists,
    mappings and scalars, as written); ``alias_values``: most values aliases may add
    once expanded; ``not_a_mapping``: the message for a top level that is not a
    mapping; ``values_hint``: said after "more than N values; "."""

    depth: int
    values: int
    alias_values: int
    not_a_mapping: str
    values_hint: str
    too_deep: str


class Refused(Exception):
    """The document passed one of its :class:`Limits` (or its top level is not a
    mapping) at 1-based ``line``; ``message`` says which, in the tool's words."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


class ShapeProblem(NamedTuple):
    """A value of a kind its :class:`Shape` does not allow, at 1-based ``line``.

    ``loc``: its place as keys and list indexes (as in a pydantic error's ``loc``).
    ``kind``: ``"kind"`` (``detail`` = ``(allowed kinds, its kind, its value if a
    scalar)``),
    ``"unknown"`` (a key no field has; ``detail`` = the key, the last part of ``loc``)
    or ``"missing"`` (a required field not given; ``detail`` = its name)."""

    line: int
    loc: tuple[Any, ...]
    kind: str
    detail: Any


class Loaded(NamedTuple):
    """What :func:`aipm_tracker.yaml_lines.load` read: ``data`` (LineDict, LineList
    and plain values), ``problems`` as ``(line, message)`` (duplicate keys, keys that are not plain
    values), ``shape_problems`` (at most ``yaml_lines.MAX_SHAPE_PROBLEMS``, by line).
    ``junk``: one more was found, so the walk stopped there and ``data`` is None."""

    data: Any
    problems: list[tuple[int, str]]
    shape_problems: list[ShapeProblem]
    junk: bool


def shape_of(annotation: Any) -> Shape:
    """The :class:`Shape` a pydantic v2 field ``annotation`` (or a model class)
    accepts: a model is a mapping of its fields (their ``validation_alias`` choices
    accepted too), ``list[X]`` a list of X, a union any of its members, ``dict`` a
    mapping of any keys, and everything else a scalar (text, numbers, true/false,
    dates, literals). Anything it cannot read is :data:`ANY`. Raises nothing."""
    from pydantic import AliasChoices, BaseModel

    if get_origin(annotation) is Annotated:
        return shape_of(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields: dict[str, Shape] = {}
        required: list[tuple[str, ...]] = []
        for name, info in annotation.model_fields.items():
            names: tuple[str, ...] = (name,)
            alias = info.validation_alias
            if isinstance(alias, AliasChoices):
                names = tuple(str(choice) for choice in alias.choices)
            elif isinstance(alias, str):
                names = (alias,)
            shape = shape_of(info.annotation)
            fields.update(dict.fromkeys(names, shape))
            if info.is_required():
                required.append(names)
        if annotation.model_config.get("extra") != "forbid":
            return Shape(frozenset({MAPPING}))
        return Shape(frozenset({MAPPING}), fields=fields, required=tuple(required))
    origin = get_origin(annotation)
    if origin in (Union, UnionType):
        members = [shape_of(arg) for arg in get_args(annotation)]
        kinds = frozenset().union(*(m.kinds for m in members))
        mappings = [m for m in members if MAPPING in m.kinds]
        lists = [m for m in members if LIST in m.kinds]
        if len(mappings) == 1:
            return Shape(
                kinds,
                entry=lists[0].entry if len(lists) == 1 else None,
                fields=mappings[0].fields,
                required=mappings[0].required,
            )
        # A key none of the models has is unknown; which keys are required varies.
        return Shape(
            kinds,
            entry=lists[0].entry if len(lists) == 1 else None,
            fields=_fields_of_any(mappings),
        )
    if origin in (list, tuple, set, frozenset):
        args = get_args(annotation)
        entry = shape_of(args[0]) if args else ANY
        check = _entry_check(args[0]) if entry.kinds == {SCALAR} else None
        return Shape(frozenset({LIST}), entry=entry, check=check)
    if origin is dict or annotation is dict:
        return Shape(frozenset({MAPPING}))
    if annotation is Any or isinstance(annotation, (str, ForwardRef, TypeVar)):
        return ANY
    return Shape(frozenset({SCALAR}))


def _fields_of_any(mappings: list[Shape]) -> dict[str, Shape] | None:
    """The fields of a value that may be any of the models ``mappings``: every key
    one of them has, of the kinds any of them allows there (only kinds, when two
    models have one key); None (any keys) when one of them takes any key."""
    if not mappings or any(m.fields is None for m in mappings):
        return None
    fields: dict[str, Shape] = {}
    for mapping in mappings:
        for name, shape in (mapping.fields or {}).items():
            if name in fields and fields[name] is not shape:
                shape = Shape(fields[name].kinds | shape.kinds)
            fields[name] = shape
    return fields


def _entry_check(annotation: Any) -> Callable[[Any], dict[str, Any] | None]:
    """The check of one single-value list entry of type ``annotation`` (see
    :attr:`Shape.check`): the model's own validation of that type (its validators
    too), built on first use."""
    from pydantic import TypeAdapter, ValidationError

    validators: list[Any] = []

    def check(value: Any) -> dict[str, Any] | None:
        if not validators:
            validators.append(TypeAdapter(annotation).validator.validate_python)
        try:
            validators[0](value)
        except ValidationError as exc:
            return dict(exc.errors(include_url=False)[0])
        return None

    return check
