"""Pydantic v2 models for the curriculum (read from YAML) and the progress file (JSON).

No typer, no rich, no disk, no clock: these classes only describe and validate shapes.
Every model forbids unknown fields, so a typo such as ``efort_hours`` in a curriculum
is reported instead of silently ignored.

``curriculum``  the proficiency scale, categories, items, resources, roles and their
                requirements, with the ID validators
``progress``    the progress file: per-item state, notes, evidence, the profile, the
                history of events and the schema version
``interview``   drill cards (FSRS state and reviews), STAR stories, applications
                and contacts (progress schema 4)
``common``      the strict base model and the Dreyfus level both use

Every public name is re-exported here (``from aipm_tracker.models import Progress``).
There is no ``from __future__ import annotations`` in these modules: with string
annotations, pydantic compiles and evaluates each of the 85 fields' types at every
start.
"""

from .common import Level, StrictModel
from .curriculum import (
    DEFAULT_HOURS_PER_LEVEL,
    DREYFUS_LEVELS,
    PRIORITY_ORDER,
    QUESTION_TAGS,
    STALE_AFTER_MONTHS,
    AnyOf,
    Category,
    Confidence,
    Curriculum,
    Item,
    ItemId,
    Kind,
    LevelDef,
    Month,
    Need,
    Priority,
    Quantity,
    QuantityUnit,
    Question,
    QuestionTag,
    Requirement,
    Resource,
    Role,
    RoleRequirement,
    Slug,
    requirement_items,
)
from .interview import (
    CLOSED_STAGES,
    RATINGS,
    STAGES,
    Application,
    Card,
    CardPhase,
    CardState,
    Contact,
    Rating,
    Review,
    Stage,
    StageEntry,
    Story,
)
from .progress import (
    MAX_ENTRY_MINUTES,
    SCHEMA_VERSION,
    Action,
    CurriculumRef,
    Event,
    Evidence,
    HttpUrl,
    ItemChange,
    ItemProgress,
    ItemState,
    Job,
    JobId,
    Note,
    OwnItem,
    Profile,
    Progress,
    Standing,
    Status,
    TimeEntry,
    is_http_url,
)

__all__ = [
    "CLOSED_STAGES",
    "DEFAULT_HOURS_PER_LEVEL",
    "DREYFUS_LEVELS",
    "MAX_ENTRY_MINUTES",
    "PRIORITY_ORDER",
    "QUESTION_TAGS",
    "RATINGS",
    "SCHEMA_VERSION",
    "STAGES",
    "STALE_AFTER_MONTHS",
    "Action",
    "AnyOf",
    "Application",
    "Card",
    "CardPhase",
    "CardState",
    "Category",
    "Confidence",
    "Contact",
    "Curriculum",
    "CurriculumRef",
    "Event",
    "Evidence",
    "HttpUrl",
    "Item",
    "ItemChange",
    "ItemId",
    "ItemProgress",
    "ItemState",
    "Job",
    "JobId",
    "Kind",
    "Level",
    "LevelDef",
    "Month",
    "Need",
    "Note",
    "OwnItem",
    "Priority",
    "Profile",
    "Progress",
    "Quantity",
    "QuantityUnit",
    "Question",
    "QuestionTag",
    "Rating",
    "Requirement",
    "Resource",
    "Review",
    "Role",
    "RoleRequirement",
    "Slug",
    "Stage",
    "StageEntry",
    "Standing",
    "Status",
    "Story",
    "StrictModel",
    "TimeEntry",
    "is_http_url",
    "requirement_items",
]
