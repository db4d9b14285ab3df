"""Pydantic v2 models for the curriculum (read from YAML) and the progress file (JSON).

No typer, no rich, no disk, no clock: these classes only describe and validate shapes.
Every model forbids unknown fields, so a typo such as ``efort_hours`` in a curriculum
is reported instead of silently ignored.

``curriculum``  the proficiency scale, categories, items, resources, roles and their
                requirements, with the ID validators
``progress``    the progress file: per-item state, notes, evidence, the profile, the
                history of events and the schema version
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
    Requirement,
    Resource,
    Role,
    RoleRequirement,
    Slug,
    requirement_items,
)
from .progress import (
    SCHEMA_VERSION,
    Action,
    CurriculumRef,
    Event,
    Evidence,
    HttpUrl,
    ItemProgress,
    ItemState,
    Job,
    JobId,
    Note,
    Profile,
    Progress,
    Standing,
    Status,
    is_http_url,
)

__all__ = [
    "DEFAULT_HOURS_PER_LEVEL",
    "DREYFUS_LEVELS",
    "PRIORITY_ORDER",
    "SCHEMA_VERSION",
    "STALE_AFTER_MONTHS",
    "Action",
    "AnyOf",
    "Category",
    "Confidence",
    "Curriculum",
    "CurriculumRef",
    "Event",
    "Evidence",
    "HttpUrl",
    "Item",
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
    "Priority",
    "Profile",
    "Progress",
    "Quantity",
    "QuantityUnit",
    "Requirement",
    "Resource",
    "Role",
    "RoleRequirement",
    "Slug",
    "Standing",
    "Status",
    "StrictModel",
    "is_http_url",
    "requirement_items",
]
