"""The pydantic models refuse what a hand-edited curriculum or progress file could get
wrong: unknown fields, levels outside 0-5, malformed IDs, naive datetimes, zero effort."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from aipm_tracker.models import (
    DREYFUS_LEVELS,
    SCHEMA_VERSION,
    Category,
    Curriculum,
    CurriculumRef,
    Event,
    Evidence,
    Item,
    ItemProgress,
    LevelDef,
    Note,
    Profile,
    Progress,
    Requirement,
    Resource,
    Role,
)
from aipm_tracker.validation_words import describe

from .conftest import MINI_CURRICULUM

AT = "2026-11-23T10:00:00+00:00"

ITEM: dict[str, Any] = {
    "id": "ai.nlp",
    "title": "NLP",
    "category": "ai-concepts",
    "kind": "concept",
    "summary": "Language models.",
    "why": "Chatbots.",
    "effort_hours": 20,
    "priority": "core",
}

# The smallest valid input of each model.
MINIMAL: dict[type[BaseModel], dict[str, Any]] = {
    Item: ITEM,
    Resource: {
        "title": "Course",
        "url": "https://example.org",
        "provider": "X",
        "as_of": "2026-12",
    },
    Category: {"id": "ai-concepts", "title": "AI concepts"},
    LevelDef: {"value": 3, "name": "competent"},
    Requirement: {"item": "ai.nlp"},
    Role: {"id": "entry", "title": "Entry", "requires": [{"item": "ai.nlp"}]},
    Curriculum: {
        "schema_version": 1,
        "id": "mini",
        "version": "1",
        "title": "Mini",
        "categories": [{"id": "ai-concepts", "title": "AI concepts"}],
        "items": [],
    },
    Note: {"at": AT, "text": "read chapter 1"},
    Evidence: {"at": AT, "url": "https://example.org/cert"},
    ItemProgress: {},
    Profile: {},
    CurriculumRef: {"id": "mini", "version": "1"},
    Event: {"at": AT, "action": "done", "item": "ai.nlp"},
    Progress: {"schema_version": SCHEMA_VERSION, "curriculum": {"id": "mini", "version": "1"}},
}


def errors_of(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """(type, loc) of each validation error of ``data`` against ``model``."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


# --------------------------------------------------------------------- unknown fields


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_the_minimal_input_of_every_model_is_valid(model: type[BaseModel]) -> None:
    assert isinstance(model.model_validate(MINIMAL[model]), model)


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_every_model_rejects_an_unknown_field(model: type[BaseModel]) -> None:
    data = {**MINIMAL[model], "efort_hours": 10}
    assert errors_of(model, data) == [("extra_forbidden", ("efort_hours",))]


def test_an_unknown_field_deep_in_a_progress_file_is_rejected_with_its_path() -> None:
    data = {
        **MINIMAL[Progress],
        "items": {"ai.nlp": {"status": "done", "notes": [{"at": AT, "text": "x", "txt": "y"}]}},
    }
    assert errors_of(Progress, data) == [
        ("extra_forbidden", ("items", "ai.nlp", "notes", 0, "txt"))
    ]


# ---------------------------------------------------------------------------- levels


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4, 5])
def test_levels_zero_to_five_are_accepted_everywhere(level: int) -> None:
    assert LevelDef(value=level, name="x").value == level
    assert Requirement(item="ai.nlp", level=level).level == level
    assert ItemProgress(level=level).level == level


@pytest.mark.parametrize(("level", "kind"), [(-1, "greater_than_equal"), (6, "less_than_equal")])
def test_levels_outside_zero_to_five_are_rejected(level: int, kind: str) -> None:
    assert errors_of(LevelDef, {"value": level, "name": "x"}) == [(kind, ("value",))]
    assert errors_of(Requirement, {"item": "ai.nlp", "level": level}) == [(kind, ("level",))]
    assert errors_of(ItemProgress, {"level": level}) == [(kind, ("level",))]


def test_a_requirement_without_a_level_means_just_done() -> None:
    assert Requirement(item="cert.pmp").level is None


# --------------------------------------------------------------------------- item IDs


@pytest.mark.parametrize(
    "item_id", ["ai.nlp", "pm.risk-management", "cert.psm-1", "a.b.c", "ai.ml-basics"]
)
def test_dotted_lowercase_slugs_are_item_ids(item_id: str) -> None:
    assert Item.model_validate({**ITEM, "id": item_id}).id == item_id
    assert Requirement(item=item_id).item == item_id


@pytest.mark.parametrize(
    "item_id",
    [
        "AI.NLP",
        "nlp",
        "ai..nlp",
        "ai.nlp.",
        ".ai.nlp",
        "ai.-nlp",
        "ai.nlp-",
        "ai nlp",
        "ai_x.nlp",
        "",
    ],
)
def test_anything_else_is_not_an_item_id(item_id: str) -> None:
    with pytest.raises(ValidationError) as info:
        Item.model_validate({**ITEM, "id": item_id})
    [error] = info.value.errors()
    assert error["loc"] == ("id",)
    assert describe(error) == (
        f"{item_id!r} is not an item ID: use a dotted lowercase slug such as 'ai.nlp'"
    )


@pytest.mark.parametrize("field", ["prerequisites", "aliases"])
def test_prerequisites_and_aliases_must_be_item_ids_too(field: str) -> None:
    assert errors_of(Item, {**ITEM, field: ["ai.ml-basics", "ML"]}) == [("value_error", (field, 1))]


def test_a_requirement_must_name_an_item_id() -> None:
    assert errors_of(Requirement, {"item": "nlp"}) == [("value_error", ("item",))]


@pytest.mark.parametrize("slug", ["AI-concepts", "ai_concepts", "ai.concepts", "-ai", "ai--x"])
def test_category_and_role_ids_must_be_hyphenated_lowercase_slugs(slug: str) -> None:
    assert errors_of(Category, {"id": slug, "title": "T"}) == [("value_error", ("id",))]
    assert errors_of(Role, {"id": slug, "title": "T", "requirements": []}) == [
        ("value_error", ("id",))
    ]


# ------------------------------------------------------------------------- datetimes


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Note, "at"),
        (Evidence, "at"),
        (Event, "at"),
        (ItemProgress, "started_at"),
        (ItemProgress, "completed_at"),
    ],
)
def test_naive_datetimes_are_rejected(model: type[BaseModel], field: str) -> None:
    data = {**MINIMAL[model], field: "2026-11-23T10:00:00"}
    assert errors_of(model, data) == [("timezone_aware", (field,))]
    naive = {**MINIMAL[model], field: datetime(2026, 11, 23, 10, 0)}
    assert errors_of(model, naive) == [("timezone_aware", (field,))]


def test_aware_datetimes_keep_their_offset() -> None:
    note = Note.model_validate({"at": "2026-11-23T10:00:00+02:00", "text": "x"})
    assert note.at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert note.at.utcoffset() == timedelta(hours=2)
    event = Event(at=datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=-5))), action="note")
    assert event.at.utcoffset() == timedelta(hours=-5)


# ---------------------------------------------------------------------- other bounds


@pytest.mark.parametrize("hours", [0, -1, -0.5])
def test_effort_hours_must_be_positive(hours: float) -> None:
    assert errors_of(Item, {**ITEM, "effort_hours": hours}) == [("greater_than", ("effort_hours",))]


def test_a_fraction_of_an_hour_is_a_valid_effort() -> None:
    assert Item.model_validate({**ITEM, "effort_hours": 0.5}).effort_hours == 0.5


def test_hours_per_week_must_be_a_real_weekly_pace_and_resource_hours_not_negative() -> None:
    assert errors_of(Profile, {"hours_per_week": 0}) == [
        ("greater_than_equal", ("hours_per_week",))
    ]
    assert errors_of(Profile, {"hours_per_week": 169}) == [("less_than_equal", ("hours_per_week",))]
    assert errors_of(Profile, {"hours_per_week": float("inf")}) == [
        ("finite_number", ("hours_per_week",))
    ]
    assert Profile.model_validate({"hours_per_week": 0.5}).hours_per_week == 0.5
    assert errors_of(Resource, {**MINIMAL[Resource], "hours": -1}) == [
        ("greater_than_equal", ("hours",))
    ]
    assert Resource.model_validate({**MINIMAL[Resource], "hours": 0}).hours == 0
    assert errors_of(Resource, {**MINIMAL[Resource], "hours": float("nan")}) == [
        ("finite_number", ("hours",))
    ]
    assert errors_of(Item, {**MINIMAL[Item], "effort_hours": float("inf")}) == [
        ("finite_number", ("effort_hours",))
    ]


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Item, "kind", "course"),
        (Item, "priority", "urgent"),
        (Item, "confidence", "maybe"),
        (ItemProgress, "status", "finished"),
        (Event, "action", "delete"),
    ],
)
def test_closed_vocabularies_reject_other_words(
    model: type[BaseModel], field: str, value: str
) -> None:
    assert errors_of(model, {**MINIMAL[model], field: value}) == [("literal_error", (field,))]


@pytest.mark.parametrize(
    ("model", "other"),
    [(Curriculum, 3), (Progress, SCHEMA_VERSION - 1), (Progress, SCHEMA_VERSION + 1)],
    ids=str,
)
def test_only_the_current_schema_version_is_understood(model: type[BaseModel], other: int) -> None:
    # Older progress files are migrated by the store before they reach the model.
    assert errors_of(model, {**MINIMAL[model], "schema_version": other}) == [
        ("literal_error", ("schema_version",))
    ]


def test_a_new_item_progress_is_todo_with_nothing_recorded() -> None:
    p = ItemProgress()
    assert (p.status, p.level, p.started_at, p.completed_at, p.notes, p.evidence) == (
        "todo",
        None,
        None,
        None,
        [],
        [],
    )


# ------------------------------------------------------------ the curriculum's lookups


@pytest.fixture(scope="module")
def mini_curriculum() -> Curriculum:
    return Curriculum.model_validate(yaml.safe_load(MINI_CURRICULUM))


def test_item_map_gives_each_item_by_id_in_file_order(mini_curriculum: Curriculum) -> None:
    item_map = mini_curriculum.item_map
    assert list(item_map) == ["ai.ml-basics", "ai.nlp", "pm.risk-management"]
    assert all(item_map[i].id == i for i in item_map)
    assert item_map["ai.nlp"].title == "NLP"
    assert item_map["ai.nlp"] is mini_curriculum.items[1]


def test_role_map_gives_each_role_by_id(mini_curriculum: Curriculum) -> None:
    assert list(mini_curriculum.role_map) == ["entry"]
    entry = mini_curriculum.role_map["entry"]
    assert entry.title == "Entry AI PM"
    assert [(r.item, r.level) for r in entry.requires] == [
        ("ai.ml-basics", 2),
        ("ai.nlp", 1),
        ("pm.risk-management", None),
    ]


def test_dependents_lists_for_each_item_the_items_that_require_it(
    mini_curriculum: Curriculum,
) -> None:
    assert mini_curriculum.dependents == {
        "ai.ml-basics": ["ai.nlp"],
        "ai.nlp": [],
        "pm.risk-management": [],
    }


def test_category_map_and_alias_map(mini_curriculum: Curriculum) -> None:
    assert {k: v.title for k, v in mini_curriculum.category_map.items()} == {
        "ai-concepts": "AI concepts",
        "pm-skills": "PM skills",
    }
    assert mini_curriculum.alias_map == {}
    renamed = Curriculum.model_validate(
        {
            **MINIMAL[Curriculum],
            "items": [{**ITEM, "id": "ai.language", "aliases": ["ai.nlp", "ai.text"]}],
        }
    )
    assert renamed.alias_map == {"ai.nlp": "ai.language", "ai.text": "ai.language"}


def test_a_curriculum_without_levels_gets_the_six_dreyfus_levels(
    mini_curriculum: Curriculum,
) -> None:
    assert [(lv.value, lv.name) for lv in mini_curriculum.levels] == [
        (0, "none"),
        (1, "novice"),
        (2, "advanced beginner"),
        (3, "competent"),
        (4, "proficient"),
        (5, "expert"),
    ]
    assert list(DREYFUS_LEVELS.items()) == [(lv.value, lv.name) for lv in mini_curriculum.levels]
