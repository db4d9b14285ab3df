"""Pydantic's validation errors, told in the tool's own words.

pydantic words its messages itself ("Input should be a valid number, unable to parse
string as a number") and rewords them between releases. A user should read the same
sentence whatever version is installed, so the loaders (curriculum, progress file)
never show ``err["msg"]``: they pass each error to :func:`describe`, which builds the
sentence from the error's ``type`` and ``ctx`` (pydantic's documented, stable error
data; see https://docs.pydantic.dev/latest/errors/validation_errors/).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


def _number(value: Any) -> str:
    """``5`` rather than ``5.0`` for whole bounds, as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _got(err: Mapping[str, Any]) -> str:
    """`` (got 'lots')`` for a short plain value the user wrote, else nothing."""
    value = err.get("input")
    if isinstance(value, bool) or value is None:
        return f" (got {str(value).lower() if value is not None else 'null'})"
    if isinstance(value, int | float):
        return f" (got {_number(value)})"
    if isinstance(value, str) and len(value) <= 40:
        return f" (got {value!r})"
    return ""


MOMENT_OUT_OF_SPAN = "is not a time between 1970 and 2999, as every time aipm records is"
"""Said of a time outside the span every recorded moment lies in
(:data:`aipm_tracker.models.common.Moment`)."""


def _is_moment(bound: Any) -> bool:
    """Whether a bound in an error's ``ctx`` is a point in time: a datetime, or the
    ISO text pydantic gives for one (the form depends on its version)."""
    if isinstance(bound, datetime):
        return True
    if not isinstance(bound, str) or "T" not in bound:
        return False
    try:
        datetime.fromisoformat(bound)
    except ValueError:
        return False
    return True


def _moment_text(value: Any) -> str:
    """The time the user wrote (or a program passed), as ISO 8601 text."""
    return value.isoformat() if isinstance(value, datetime) else str(value)


_KIND_OF_INPUT = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping of named fields",
    "model_type": "a mapping of named fields",
    "model_attributes_type": "a mapping of named fields",
    "date_type": "a date such as '2026-07-09'",
    "date_parsing": "a date such as '2026-07-09'",
    "date_from_datetime_parsing": "a date such as '2026-07-09'",
    "datetime_type": "a date and time such as '2026-07-09T10:00:00+00:00'",
    "datetime_parsing": "a date and time such as '2026-07-09T10:00:00+00:00'",
    "datetime_from_date_parsing": "a date and time such as '2026-07-09T10:00:00+00:00'",
    "timezone_aware": "a date and time with its time zone, such as '2026-07-09T10:00:00+00:00'",
}


def describe(err: Mapping[str, Any]) -> str:
    """One pydantic error (a dict from ``ValidationError.errors()``) as a sentence of
    ours, without its location: "must be a number (got 'lots')", "is required".

    Messages a validator of ours raised (``ValueError`` in ``models``) are passed on as
    written. An error type this table does not know gets a plain sentence that names
    the type, never pydantic's own text.
    """
    kind = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "is not valid here"))
    if kind in _KIND_OF_INPUT:
        return f"must be {_KIND_OF_INPUT[kind]}{_got(err)}"
    if kind == "finite_number":
        return f"must be a finite number{_got(err)}"
    bounds = {
        "greater_than": ("more than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        if _is_moment(ctx.get(key)):
            return f"{_moment_text(err.get('input'))} {MOMENT_OUT_OF_SPAN}"
        return f"must be {words} {_number(ctx.get(key))}{_got(err)}"
    if kind in ("literal_error", "enum"):
        return f"must be one of {ctx.get('expected', 'the allowed values')}{_got(err)}"
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        if kind == "string_too_short":
            return f"must be at least {least} character{'s' if least != 1 else ''} long"
        return f"must have at least {least} entr{'ies' if least != 1 else 'y'}"
    if kind in ("string_too_long", "too_long"):
        most = ctx.get("max_length")
        if kind == "string_too_long":
            return f"must be at most {most} characters long"
        return f"must have at most {most} entries"
    if kind == "string_pattern_mismatch":
        return f"is not in the expected form{_got(err)}"
    if kind == "extra_forbidden":
        return "is not a field here"
    if kind in ("frozen_field", "frozen_instance"):
        return "cannot be changed"
    return f"is not valid here ({kind.replace('_', ' ') or 'unknown problem'}){_got(err)}"
