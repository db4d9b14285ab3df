"""Pydantic v2 models for the curriculum (read from YAML) and the progress file (JSON).

No typer, no rich, no disk: these classes only describe and validate shapes.
Every model forbids unknown fields, so a typo such as ``efort_hours`` in a curriculum
is reported instead of silently ignored.

Proficiency levels follow the Dreyfus model of skill acquisition (Dreyfus & Dreyfus,
"A Five-Stage Model of the Mental Activities Involved in Directed Skill Acquisition",
1980): 0 none, 1 novice, 2 advanced beginner, 3 competent, 4 proficient, 5 expert.

There is no ``from __future__ import annotations`` here: with string annotations,
pydantic compiles and evaluates each of the 85 fields' types at every start.
"""

import re
from functools import cached_property
from typing import Annotated, Final, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

Priority = Literal["core", "recommended", "optional"]
"""How much an item matters for the AI-PM job: core > recommended > optional."""

Kind = Literal["concept", "skill", "certification", "portfolio", "education", "application"]
"""What sort of thing an item is."""

Status = Literal["todo", "in_progress", "done", "skipped"]
"""Where the user stands on an item. ``skipped`` means "not applicable to me": the item
leaves the denominator of every percentage and is counted separately."""

Confidence = Literal["confirmed", "unconfirmed"]
"""Whether the figures of an entry were verified against the sources it cites."""

Level = Annotated[int, Field(ge=0, le=5)]
"""A Dreyfus proficiency level, 0 (none) to 5 (expert)."""

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

_ITEM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
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


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no whitespace or
    control characters (what evidence links must be)."""
    if any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. 'http://[' (an unclosed IPv6 host)
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _http_url(value: str) -> str:
    if not is_http_url(value):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]
"""An absolute http(s) URL (evidence links: a mentor must be able to open them; no
``javascript:`` or ``file:`` links in a report)."""

ItemId = Annotated[str, AfterValidator(_item_id)]
"""A stable dotted slug naming an item, e.g. ``ai.nlp`` or ``cert.pmp``."""

Slug = Annotated[str, AfterValidator(_slug)]
"""A lowercase hyphenated identifier, e.g. ``ai-concepts`` or ``ai-pm-entry``."""


class _Strict(BaseModel):
    # defer_build: a model's validator is built on its first validation, not at import,
    # so a command that never validates it (the curriculum cache hit) never pays.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --------------------------------------------------------------------------- curriculum


class LevelDef(_Strict):
    """One step of the proficiency scale: ``value`` 0-5, ``name``, ``description``."""

    value: Level
    name: str
    description: str = ""


class Category(_Strict):
    """A group of items, e.g. ``ai-concepts`` or ``certifications``."""

    id: Slug
    title: str
    description: str = ""


class Resource(_Strict):
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


class Item(_Strict):
    """One thing the AI-PM job asks for: a concept, skill, certification, portfolio
    piece, degree or application step.

    ``effort_hours`` is the typical effort to reach the item's goal, in hours.
    ``prerequisites`` are item IDs to finish first. Certification items also carry
    ``body``, ``eligibility``, ``exam``, ``cost``, ``renewal``, ``sources`` and
    ``as_of``. ``unconfirmed`` lists figures that were not verified (shown to the
    user as such); ``confidence`` is ``unconfirmed`` when the item itself is.
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


class Requirement(_Strict):
    """An item a target role requires; ``level`` is the Dreyfus level it asks for
    (None: the item must be done, no level applies, e.g. a certification)."""

    item: ItemId
    level: Level | None = None


class Role(_Strict):
    """A target role, e.g. ``ai-pm-entry``: the items it requires and at what level."""

    id: Slug
    title: str
    description: str = ""
    requirements: list[Requirement]


class Curriculum(_Strict):
    """A whole curriculum: proficiency scale, categories, items and target roles.

    Cross-checks (unique IDs, known categories and prerequisites, no cycles, roles that
    name real items) are done by :func:`aipm_tracker.curriculum.load_curriculum`,
    which can point at file lines; this model only checks shapes.
    """

    schema_version: Literal[1]
    id: Slug
    version: str
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


# ----------------------------------------------------------------------------- progress


class Note(_Strict):
    """A dated free-text note on an item. ``at`` is an aware datetime (ISO 8601)."""

    at: AwareDatetime
    text: str


class Evidence(_Strict):
    """A link that proves progress on an item (certificate, repo, post). ``at`` is
    an aware datetime; ``url`` an http(s) URL; ``label`` optional free text;
    ``credential_id`` the certificate or credential number an issuer gave (e.g. a PMP
    certification number), shown in the evidence pack for an employer to verify."""

    at: AwareDatetime
    url: HttpUrl
    label: str | None = None
    credential_id: str | None = None


class ItemState(_Strict):
    """The status fields of the user's state on one item (without notes and
    evidence, which only ever grow and are recorded in the history one at a time).

    ``level`` is the self-assessed Dreyfus level (None: not assessed).
    ``started_at`` / ``completed_at`` are aware datetimes (ISO 8601 with offset).
    ``skip_reason`` is set only when ``status`` is ``skipped``.
    """

    status: Status = "todo"
    level: Level | None = None
    started_at: AwareDatetime | None = None
    completed_at: AwareDatetime | None = None
    skip_reason: str | None = None


class ItemProgress(ItemState):
    """The user's whole state on one item: :class:`ItemState` plus the dated
    ``notes`` and ``evidence`` links, oldest first."""

    notes: list[Note] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    def item_state(self) -> ItemState:
        """The status fields alone, as a plain :class:`ItemState`."""
        return ItemState.model_validate(self.model_dump(include=set(ItemState.model_fields)))


class Profile(_Strict):
    """The user's goal: ``target_role`` (a role ID or None for the curriculum's
    default) and ``hours_per_week`` they can study (None: not set)."""

    target_role: str | None = None
    hours_per_week: float | None = Field(default=None, ge=0.5, le=168, allow_inf_nan=False)


class CurriculumRef(_Strict):
    """Which curriculum a progress file belongs to: its ``id`` and ``version``."""

    id: str
    version: str


Action = Literal["start", "done", "skip", "reset", "level", "note", "evidence", "target", "restore"]


class Event(_Strict):
    """One change in the history, with enough to revert it exactly.

    For item changes ``item`` names the item, ``before``/``after`` hold its status
    fields (``before`` None: the item had no entry in the file) and ``note`` /
    ``evidence`` the entry the change appended, if any. Storing only the appended
    entry, not the whole list, keeps the history linear in the number of changes.
    For profile changes (``target``) ``item`` is None and ``profile_before`` /
    ``profile_after`` hold the profile.

    A ``restore`` (schema 2) names the ``backup`` ID it restored and, in
    ``replaced_backup``, the ID of the backup that holds the file it replaced byte for
    byte; undo gives that file back, and the store never rotates a backup away while a
    restore in the history names it. (Keeping the replaced state inside the event
    instead made each restore nest the previous ones: the file grew about 1.6 times per
    restore.) Both are None when there was no file; ``unreadable_kept`` is the path
    where an unreadable file it replaced was kept.
    """

    at: AwareDatetime
    action: Action
    item: str | None = None
    before: ItemState | None = None
    after: ItemState | None = None
    note: Note | None = None
    evidence: Evidence | None = None
    profile_before: Profile | None = None
    profile_after: Profile | None = None
    backup: str | None = None
    replaced_backup: str | None = None
    unreadable_kept: str | None = None


SCHEMA_VERSION: Final = 2
"""The progress-file schema version this program writes.

1. The first format (aipm-tracker 0.1).
2. Adds the ``restore`` action and its ``backup``, ``replaced_backup`` and
   ``unreadable_kept`` fields, and evidence ``credential_id``. A schema-1 file is a
   valid schema-2 file.
"""


class Progress(_Strict):
    """The whole progress file: which curriculum, the profile, per-item state keyed by
    item ID, and the history of changes (oldest first).

    Items the curriculum no longer has are kept here untouched (reported, never
    dropped).
    """

    schema_version: Literal[2]
    curriculum: CurriculumRef
    profile: Profile = Field(default_factory=Profile)
    items: dict[str, ItemProgress] = Field(default_factory=dict)
    history: list[Event] = Field(default_factory=list)
