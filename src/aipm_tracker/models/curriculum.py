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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from ..wording import CONTROL
from .certs import AttemptsAllowed, EligibilityRule, RenewalCredits
from .common import Level, StrictModel

Priority = Literal["core", "recommended", "optional"]
"""How much an item matters for the AI-PM job: core > recommended > optional."""

Kind = Literal[
    "concept", "skill", "certification", "portfolio", "education", "application", "credential"
]
"""What sort of thing an item is. A ``credential`` (a degree, a diploma) is had or not:
it counts by having it, never by its hours (schema 2)."""

Need = Literal["item", "level", "both"]
"""What meets a requirement (schema 2): ``item`` finishing the item (a course, a
certificate), ``level`` reaching the proficiency level (a skill), ``both`` the two."""

QuantityUnit = Literal["hours", "months"]
"""The unit a quantity item is measured in: hours (contact hours of education) or
months (of experience)."""

DEFAULT_HOURS_PER_LEVEL = 10.0
"""Practice hours to raise a skill by one proficiency level when neither the item nor
the curriculum says (``hours_per_level``). An estimate, not a published figure: it
only sizes level practice in readiness, the ready-on date and the burndown, and every
screen that uses it says so."""

STALE_AFTER_MONTHS = 12
"""A fact checked (``as_of``) more than this many months ago is shown as due for a
check in ``show``, ``doctor`` and the reports."""

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


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$")


def _month(value: str) -> str:
    if not _MONTH.match(value):
        raise ValueError(
            f"{value!r} is not a month: give the month the figure was checked, "
            "quoted, as as_of: '2025-07'"
        )
    return value


def _month_input(value: Any) -> Any:
    """YAML reads an unquoted ``2025-07-01`` as a date and ``2025.07`` as a number:
    say to quote it, in our words, before the type check."""
    if not isinstance(value, str):
        raise ValueError(
            f"{value!s} is not quoted: quote the month the figure was checked, as as_of: '2025-07'"
        )
    return value


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

Month = Annotated[str, BeforeValidator(_month_input), AfterValidator(_month)]
"""A month as quoted ISO ``YYYY-MM`` text, e.g. ``'2026-12'`` (``as_of`` dates)."""

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
    month (ISO ``YYYY-MM``; a schema-1 ``YYYY-MM-DD`` is read as its month) the
    figures were last checked.
    """

    title: str
    url: str
    provider: str
    hours: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    cost: str | None = None
    as_of: Month
    confidence: Confidence = "confirmed"


class Quantity(StrictModel):
    """What a quantity item measures: ``unit`` (hours or months) and the ``target``
    amount that finishes it, e.g. ``{unit: hours, target: 35}`` (PMP's contact
    hours, pmi.org)."""

    unit: QuantityUnit
    target: float = Field(gt=0, le=100_000, allow_inf_nan=False)


class Item(StrictModel):
    """One thing the AI-PM job asks for: a concept, skill, certification, portfolio
    piece, degree or application step.

    ``effort_hours`` is the typical effort to reach the item's goal, in hours, or
    None when unknown (shown "?", never counted in a total); ``effort_confidence``
    says whether that figure is published or an estimate (shown "~6").
    ``hours_per_level`` is the practice, in hours, to raise the item's proficiency
    by one level (None: the curriculum's). ``quantity`` makes the item measured in
    amounts toward a target (35 contact hours, 36 months of experience) instead of
    ticked. ``prerequisites`` are item IDs to finish first. Certification items also
    carry ``body``, ``eligibility``, ``exam``, ``cost``, ``renewal``, ``sources`` and
    ``as_of`` (a month, ``YYYY-MM``). ``unconfirmed`` lists figures that were not
    verified (shown to the user as such); ``confidence`` is ``unconfirmed`` when the
    item itself is. ``eligibility_rules`` (optional) is the ``eligibility`` prose as
    machine-readable rules (None: not modelled; ``[]``: no prerequisite),
    ``renewal_credits`` the renewal as ``{amount, unit, years}`` (None: no renewal
    modelled) and ``attempts_allowed`` the exam attempts one purchase gives
    (:mod:`aipm_tracker.models.certs`); all three are new optional keys of schema 2.
    ``steps`` are the item's milestones in order (a portfolio piece's: define the
    problem, pick a model, ...), which the user ticks one by one.
    """

    id: ItemId
    title: str
    category: Slug
    kind: Kind
    summary: str
    why: str
    effort_hours: float | None = Field(gt=0, le=100_000, allow_inf_nan=False)
    effort_confidence: Confidence = "confirmed"
    hours_per_level: float | None = Field(default=None, gt=0, le=10_000, allow_inf_nan=False)
    quantity: Quantity | None = None
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
    eligibility_rules: list[EligibilityRule] | None = None
    renewal_credits: RenewalCredits | None = None
    attempts_allowed: AttemptsAllowed | None = None
    sources: list[str] = Field(default_factory=list)
    as_of: Month | None = None
    confidence: Confidence = "confirmed"
    unconfirmed: list[str] = Field(default_factory=list)
    # milestones the user ticks (aipm step done ITEM N), e.g. a portfolio piece's
    steps: list[str] = Field(default_factory=list)

    @property
    def counted_hours(self) -> float | None:
        """The study hours this item adds to a total: None when unknown, 0 for what
        is had rather than studied (a ``credential``, months of experience), else
        ``effort_hours`` (for an hours quantity, its target)."""
        if self.kind == "credential" or (self.quantity and self.quantity.unit == "months"):
            return 0.0
        if self.quantity is not None:
            return self.quantity.target
        return self.effort_hours

    @property
    def estimated(self) -> bool:
        """Whether the item's effort is an estimate or its figures unconfirmed."""
        return self.effort_confidence == "unconfirmed" or self.confidence == "unconfirmed"


class Requirement(StrictModel):
    """One item a target role requires.

    ``level`` is the proficiency level asked for (None: no level applies, e.g. a
    certification). ``need`` says what meets it: ``item`` (finishing the item),
    ``level`` (reaching ``level``), ``both``; when left out it is ``level`` if a
    level is given, else ``item``. Raises ``ValueError`` for ``need: level`` or
    ``both`` without a level, or a level with ``need: item``.
    """

    item: ItemId
    level: Level | None = None
    need: Need | None = None

    @model_validator(mode="after")
    def _need_fits_level(self) -> "Requirement":
        if self.need in ("level", "both") and self.level is None:
            raise ValueError(f"need: {self.need} asks for a level: add level: 0-5")
        if self.need == "item" and self.level is not None:
            raise ValueError("need: item takes no level: use need: both, or drop the level")
        return self

    @property
    def needs(self) -> Need:
        """What meets this requirement, with the default filled in."""
        if self.need is not None:
            return self.need
        return "item" if self.level is None else "level"


class AnyOf(StrictModel):
    """A requirement any one of whose ``options`` meets, with a ``title`` that names
    the group, e.g. "a Scrum certificate": CSM, PSM I or PMI-ACP (schema 2)."""

    title: str = Field(min_length=1)
    any_of: list[Requirement] = Field(min_length=2)


def _requirement_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "<any_of>" if "any_of" in value else "<item>"
    return "<any_of>" if isinstance(value, AnyOf) else "<item>"


RoleRequirement = Annotated[
    Annotated[Requirement, Tag("<item>")] | Annotated[AnyOf, Tag("<any_of>")],
    Discriminator(_requirement_kind),
]
"""One entry of a role's ``requires``: a :class:`Requirement` or an :class:`AnyOf`."""


class Role(StrictModel):
    """A target role, e.g. ``ai-pm-entry``: what it requires (``requires``; schema 1
    called it ``requirements``) and, with ``extends``, the role whose requirements it
    takes as well (a requirement of its own for the same item replaces the inherited
    one). :meth:`Curriculum.requirements` gives the whole list."""

    id: Slug
    title: str
    description: str = ""
    extends: Slug | None = None
    requires: list[RoleRequirement] = Field(
        validation_alias=AliasChoices("requires", "requirements")
    )


def _merged(
    inherited: list["RoleRequirement"], own: list["RoleRequirement"]
) -> list["RoleRequirement"]:
    """``inherited`` requirements without those naming an item ``own`` names, then
    ``own``."""
    own_items = {key for req in own for key in requirement_items(req)}
    return [r for r in inherited if not own_items & set(requirement_items(r))] + list(own)


def _as_both(req: Any) -> Any:
    if isinstance(req, dict) and req.get("level") is not None and "need" not in req:
        return {**req, "need": "both"}
    return req


QuestionTag = Literal["technical", "behavioural", "situational", "pm", "product"]
"""What kind of interview question: ``technical`` (AI and data), ``behavioural`` (tell
me about a time), ``situational`` (what would you do if), ``pm`` (project-management
craft) or ``product`` (product sense, kept few in a project-manager bank)."""

QUESTION_TAGS: tuple[str, ...] = ("technical", "behavioural", "situational", "pm", "product")
"""The question tags, in the order screens list them."""


class Question(StrictModel):
    """One interview question of the bank (``aipm drill``), schema 2.

    ``id`` a dotted slug (``q.data-pipeline``); ``text`` the question in the
    curriculum's own words; ``tags`` one or more :data:`QuestionTag`; ``items`` the
    curriculum items answering it exercises (checked against the items by the loader);
    ``source`` the page the topic came from; ``as_of`` the month it was read."""

    id: ItemId
    text: str = Field(min_length=1)
    tags: list[QuestionTag] = Field(min_length=1)
    items: list[ItemId] = Field(default_factory=list)
    source: str = Field(min_length=1)
    as_of: Month


def requirement_items(req: "Requirement | AnyOf") -> list[str]:
    """The item IDs a requirement names: one, or each option of an ``any_of``."""
    return [o.item for o in req.any_of] if isinstance(req, AnyOf) else [req.item]


class Curriculum(StrictModel):
    """A whole curriculum: proficiency scale, categories, items and target roles.

    Cross-checks (unique IDs, known categories and prerequisites, no cycles, roles that
    name real items) are done by :func:`aipm_tracker.curriculum.load_curriculum`,
    which can point at file lines; this model only checks shapes.
    """

    schema_version: Literal[1, 2]
    id: CurriculumId
    version: PlainLabel
    title: str
    description: str = ""
    levels: list[LevelDef] = Field(
        default_factory=lambda: [LevelDef(value=v, name=n) for v, n in DREYFUS_LEVELS.items()]
    )
    hours_per_level: float = Field(
        default=DEFAULT_HOURS_PER_LEVEL, gt=0, le=10_000, allow_inf_nan=False
    )
    categories: list[Category] = Field(min_length=1)
    items: list[Item]
    roles: list[Role] = Field(default_factory=list)
    default_role: Slug | None = None
    questions: list[Question] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _schema_1_requirements(cls, data: Any) -> Any:
        """A schema-1 requirement with a level asked for the item done *and* the
        level: it is read as ``need: both``, so a schema-1 file keeps its meaning.
        (Schema 2 defaults to ``need: level``, met by reaching the level.)"""
        if not isinstance(data, dict) or data.get("schema_version") != 1:
            return data
        roles = data.get("roles")
        if not isinstance(roles, list):
            return data
        fixed = []
        for role in roles:
            reqs = role.get("requirements") if isinstance(role, dict) else None
            if isinstance(reqs, list):
                role = {**role, "requirements": [_as_both(r) for r in reqs]}
            fixed.append(role)
        return {**data, "roles": fixed}

    @cached_property
    def item_map(self) -> dict[str, Item]:
        """Items by ID, in curriculum order."""
        return {item.id: item for item in self.items}

    @cached_property
    def alias_map(self) -> dict[str, str]:
        """Old item IDs (``aliases``) mapped to the current ID."""
        return {alias: item.id for item in self.items for alias in item.aliases}

    @cached_property
    def question_map(self) -> dict[str, Question]:
        """Interview questions by ID, in curriculum order."""
        return {q.id: q for q in self.questions}

    @cached_property
    def role_map(self) -> dict[str, Role]:
        """Target roles by ID."""
        return {role.id: role for role in self.roles}

    @cached_property
    def category_map(self) -> dict[str, Category]:
        """Categories by ID, in curriculum order."""
        return {cat.id: cat for cat in self.categories}

    @cached_property
    def _resolved(self) -> dict[str, list[RoleRequirement]]:
        resolved: dict[str, list[RoleRequirement]] = {}

        def whole(role: Role, seen: tuple[str, ...]) -> list[RoleRequirement]:
            if role.id not in resolved:
                parent = self.role_map.get(role.extends) if role.extends else None
                inherited = (
                    whole(parent, (*seen, role.id)) if parent and parent.id not in seen else []
                )
                resolved[role.id] = _merged(inherited, role.requires)
            return resolved[role.id]

        for role in self.roles:
            whole(role, ())
        return resolved

    def requirements(self, role: Role) -> list[RoleRequirement]:
        """Every requirement of ``role``: those of the role it ``extends`` (and so on
        up), then its own; an own requirement naming an item an inherited one names
        replaces the inherited one. A role that is not this curriculum's own (a
        changed copy) is resolved from its own fields."""
        if self.role_map.get(role.id) is role:
            return self._resolved[role.id]
        parent = self.role_map.get(role.extends) if role.extends else None
        inherited = self.requirements(parent) if parent and parent.id != role.id else []
        return _merged(inherited, role.requires)

    def level_name(self, level: int | None) -> str:
        """The curriculum's name for ``level`` (``3`` -> ``"competent"`` on the
        Dreyfus scale); None -> ``"not assessed"``."""
        if level is None:
            return "not assessed"
        return self.level_names.get(level, str(level))

    @cached_property
    def level_names(self) -> dict[int, str]:
        """The proficiency scale's names by value, in order."""
        return {lv.value: lv.name for lv in self.levels}

    @cached_property
    def dependents(self) -> dict[str, list[str]]:
        """For each item ID, the IDs of the items that list it as a prerequisite."""
        result: dict[str, list[str]] = {item.id: [] for item in self.items}
        for item in self.items:
            for pre in item.prerequisites:
                result.setdefault(pre, []).append(item.id)
        return result
