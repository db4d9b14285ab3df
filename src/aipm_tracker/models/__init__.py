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
    DREYFUS_LEVELS,
    PRIORITY_ORDER,
    Category,
    Confidence,
    Curriculum,
    Item,
    ItemId,
    Kind,
    LevelDef,
    Priority,
    Requirement,
    Resource,
    Role,
    Slug,
)
from .progress import (
    SCHEMA_VERSION,
    Action,
    CurriculumRef,
    Event,
    Evidence,
    HttpUrl,
    ItemChange,
    ItemProgress,
    ItemState,
    Note,
    OwnItem,
    Profile,
    Progress,
    Standing,
    Status,
    is_http_url,
)

__all__ = [
    "DREYFUS_LEVELS",
    "PRIORITY_ORDER",
    "SCHEMA_VERSION",
    "Action",
    "Category",
    "Confidence",
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
    "Kind",
    "Level",
    "LevelDef",
    "Note",
    "OwnItem",
    "Priority",
    "Profile",
    "Progress",
    "Requirement",
    "Resource",
    "Role",
    "Slug",
    "Standing",
    "Status",
    "StrictModel",
    "is_http_url",
]
