"""Pydantic v2 models of a curriculum (read from YAML): the proficiency scale,
categories, items with their resources, and target roles with their requirements.

No typer, no rich, no disk: these classes only describe and validate shapes; the
cross-checks that need file lines are in :mod:`aipm_tracker.curriculum`.

Proficiency levels follow the Dreyfus model of skill acquisition (Dreyfus & Dreyfus,
"A Five-Stage Model of the Mental Activities Involved in Directed Skill Acquisition",
1980): 0 none, 1 novice, 2 advanced beginner, 3 competent, 4 proficient, 5 expert.
"""

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ..wording import CONTROL
from .common import Level, StrictModel

Priority = Literal["core", "recommended", "optional"]
"""How much an item matters for the AI-PM job: core > recommended > optional."""

Kind = Literal["concept", "skill", "certification", "portfolio", "education", "application"]
"""What sort of thing an item is."""

Confidence = Literal["confirmed", "unconfirmed"]
"""Whether the figures of an entry were verified against the sources it cites."""

DREYFUS_LEVELS: dict[int, str] = {
    0: "none",
    1: "novice",
    2: "advanced beginner",
    3: "competent",
    4: "proficient",
    5: "expert",
}
"""The default proficiency scale (Dreyfus & Dreyfus, 1980), used when a curriculum
does not define its own ``levels``."""

PRIORITY_ORDER: dict[str, int] = {"core": 0, "recommended": 1, "optional": 2}
"""Sort key for priorities: lower sorts first."""

ITEM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
"""What an item ID looks like: dotted lowercase slugs (``ai.nlp``, ``cert.pmp``)."""
_ITEM_ID = ITEM_ID
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _item_id(value: str) -> str:
    if not _ITEM_ID.match(value):
        raise ValueError(
            f"{value!r} is not an item ID: use a dotted lowercase slug such as 'ai.nlp'"
        )
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug: use lowercase words joined by '-'")
    return value


MAX_CURRICULUM_ID = 100
"""The longest curriculum ID, in characters. The ID names files (the progress file
``<id>.json``, its lock, temporary and kept-aside files, ``<id>.unreadable-<backup
ID>.json``, 40 characters more), and a file name has at most 255 bytes."""


def _curriculum_id(value: str) -> str:
    if len(value) > MAX_CURRICULUM_ID:
        raise ValueError(
            f"is {len(value)} characters long; a curriculum ID names your progress "
            f"files, so it has at most {MAX_CURRICULUM_ID}"
        )
    return _slug(value)


ItemId = Annotated[str, AfterValidator(_item_id)]
"""A stable dotted slug naming an item, e.g. ``ai.nlp`` or ``cert.pmp``."""

Slug = Annotated[str, AfterValidator(_slug)]
"""A lowercase hyphenated identifier, e.g. ``ai-concepts`` or ``ai-pm-entry``."""


def _plain_label(value: str) -> str:
    found = CONTROL.search(value)
    if found:
        raise ValueError(
            f"must be plain text: it holds the invisible or control character "
            f"U+{ord(found.group()):04X}"
        )
    return value


PlainLabel = Annotated[str, AfterValidator(_plain_label)]
"""A short label shown as it is in every header (the curriculum's version): no
control or invisible formatting character (:data:`aipm_tracker.wording.CONTROL`)."""

CurriculumId = Annotated[str, AfterValidator(_curriculum_id)]
"""A curriculum's ID: a :data:`Slug` of at most :data:`MAX_CURRICULUM_ID` characters."""


class LevelDef(StrictModel):
    """One step of the proficiency scale: ``value`` 0-5, ``name``, ``description``."""

    value: Level
    name: str
    description: str = ""


class Category(StrictModel):
    """A group of items, e.g. ``ai-concepts`` or ``certifications``."""

    id: Slug
    title: str
    description: str = ""


class Resource(StrictModel):
    """A course, book, platform or page that teaches an item.

    ``hours`` is the provider's stated effort in hours (None when not published);
    ``cost`` is free text such as ``"free"`` or ``"USD 49/month"``; ``as_of`` is the
    date (ISO ``YYYY-MM`` or ``YYYY-MM-DD``) the figures were last checked.
    """

    title: str
    url: str
    provider: str
    hours: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    cost: str | None = None
    as_of: str
    confidence: Confidence = "confirmed"


class Item(StrictModel):
    """One thing the AI-PM job asks for: a concept, skill, certification, portfolio
    piece, degree or application step.

    ``effort_hours`` is the typical effort to reach the item's goal, in hours.
    ``prerequisites`` are item IDs to finish first. Certification items also carry
    ``body``, ``eligibility``, ``exam``, ``cost``, ``renewal``, ``sources`` and
    ``as_of``. ``unconfirmed`` lists figures that were not verified (shown to the
    user as such); ``confidence`` is ``unconfirmed`` when the item itself is.
    ``steps`` are the item's milestones in order (a portfolio piece's: define the
    problem, pick a model, ...), which the user ticks one by one.
    """

    id: ItemId
    title: str
    category: Slug
    kind: Kind
    summary: str
    why: str
    effort_hours: float = Field(gt=0, le=100_000, allow_inf_nan=False)
    priority: Priority
    prerequisites: list[ItemId] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    evidence_hint: str = ""
    aliases: list[ItemId] = Field(default_factory=list)
    # certification details
    body: str | None = None
    eligibility: str | None = None
    exam: str | None = None
    cost: str | None = None
    renewal: str | None = None
    sources: list[str] = Field(default_factory=list)
    as_of: str | None = None
    confidence: Confidence = "confirmed"
    unconfirmed: list[str] = Field(default_factory=list)
    # milestones the user ticks (aipm step done ITEM N), e.g. a portfolio piece's
    steps: list[str] = Field(default_factory=list)


class Requirement(StrictModel):
    """An item a target role requires; ``level`` is the Dreyfus level it asks for
    (None: the item must be done, no level applies, e.g. a certification)."""

    item: ItemId
    level: Level | None = None


class Role(StrictModel):
    """A target role, e.g. ``ai-pm-entry``: the items it requires and at what level."""

    id: Slug
    title: str
    description: str = ""
    requirements: list[Requirement]


class Curriculum(StrictModel):
    """A whole curriculum: proficiency scale, categories, items and target roles.

    Cross-checks (unique IDs, known categories and prerequisites, no cycles, roles that
    name real items) are done by :func:`aipm_tracker.curriculum.load_curriculum`,
    which can point at file lines; this model only checks shapes.
    """

    schema_version: Literal[1]
    id: CurriculumId
    version: PlainLabel
    title: str
    description: str = ""
    levels: list[LevelDef] = Field(
        default_factory=lambda: [LevelDef(value=v, name=n) for v, n in DREYFUS_LEVELS.items()]
    )
    categories: list[Category]
    items: list[Item]
    roles: list[Role] = Field(default_factory=list)
    default_role: Slug | None = None

    @cached_property
    def item_map(self) -> dict[str, Item]:
        """Items by ID, in curriculum order."""
        return {item.id: item for item in self.items}

    @cached_property
    def alias_map(self) -> dict[str, str]:
        """Old item IDs (``aliases``) mapped to the current ID."""
        return {alias: item.id for item in self.items for alias in item.aliases}

    @cached_property
    def role_map(self) -> dict[str, Role]:
        """Target roles by ID."""
        return {role.id: role for role in self.roles}

    @cached_property
    def category_map(self) -> dict[str, Category]:
        """Categories by ID, in curriculum order."""
        return {cat.id: cat for cat in self.categories}

    @cached_property
    def dependents(self) -> dict[str, list[str]]:
        """For each item ID, the IDs of the items that list it as a prerequisite."""
        result: dict[str, list[str]] = {item.id: [] for item in self.items}
        for item in self.items:
            for pre in item.prerequisites:
                result.setdefault(pre, []).append(item.id)
        return result
