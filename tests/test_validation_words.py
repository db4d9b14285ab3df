"""Validation errors in the tool's words: :mod:`aipm_tracker.validation_words` builds
every sentence from pydantic's error type and context, never from its message text,
so users read the same words whatever pydantic version is installed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from aipm_tracker.models import Curriculum, Progress
from aipm_tracker.validation_words import describe


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ({"type": "missing", "input": {}}, "is required"),
        ({"type": "float_parsing", "input": "lots"}, "must be a number (got 'lots')"),
        ({"type": "int_parsing", "input": "x"}, "must be a whole number (got 'x')"),
        ({"type": "string_type", "input": 5}, "must be text (got 5)"),
        ({"type": "list_type", "input": None}, "must be a list (got null)"),
        ({"type": "greater_than", "input": 0, "ctx": {"gt": 0}}, "must be more than 0 (got 0)"),
        ({"type": "less_than_equal", "input": 6, "ctx": {"le": 5}}, "must be at most 5 (got 6)"),
        (
            {"type": "greater_than_equal", "input": 0.1, "ctx": {"ge": 0.5}},
            "must be at least 0.5 (got 0.1)",
        ),
        (
            {"type": "literal_error", "input": "big", "ctx": {"expected": "'core' or 'optional'"}},
            "must be one of 'core' or 'optional' (got 'big')",
        ),
        ({"type": "value_error", "ctx": {"error": ValueError("ours")}}, "ours"),
        ({"type": "something_new", "input": "x"}, "is not valid here (something new) (got 'x')"),
    ],
)
def test_each_error_type_has_our_sentence(error: dict[str, Any], words: str) -> None:
    assert describe(error) == words


JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
JSON = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "title", "items", "schema_version", "version", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(data=JSON, model=st.sampled_from([Curriculum, Progress]))
def test_no_sentence_is_pydantics_own(data: Any, model: type) -> None:
    """Whatever junk is validated, no sentence we show is pydantic's message."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            words = describe(err)
            assert words and words != err["msg"]
            assert "Input should" not in words and "Field required" not in words


@pytest.mark.parametrize(
    ("kind", "bound"),
    [
        ("greater_than_equal", {"ge": "1970-01-01T00:00:00Z"}),
        ("less_than", {"lt": "3000-01-01T00:00:00Z"}),
        ("less_than", {"lt": datetime(3000, 1, 1, tzinfo=UTC)}),  # as older pydantic gives it
    ],
)
def test_a_time_out_of_the_recorded_span_is_told_as_ours(
    kind: str, bound: dict[str, object]
) -> None:
    err = {"type": kind, "ctx": bound, "input": "3000-01-01T00:00:00+00:00"}
    assert describe(err) == (
        "3000-01-01T00:00:00+00:00 is not a time between 1970 and 2999, as every time aipm "
        "records is"
    )
    moment = datetime(1969, 12, 31, tzinfo=UTC)
    assert describe({**err, "input": moment}).startswith("1969-12-31T00:00:00+00:00 is not")


def test_a_number_bound_is_not_mistaken_for_a_time() -> None:
    assert describe({"type": "less_than", "ctx": {"lt": 5}, "input": 7}) == (
        "must be less than 5 (got 7)"
    )
