"""The progress file's schema migrations: ``MIGRATIONS[n]`` turns a schema-``n``
document (the dict parsed from the file) into schema ``n + 1``. What each schema adds
is told in :data:`aipm_tracker.models.SCHEMA_VERSION`'s docstring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 only adds the ``restore`` event; every schema-1 document is valid as
    schema 2 once its version says so (the loop in ``_migrate`` sets it)."""
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 only adds the per-item ``amount`` and the ``amount`` event; every
    schema-2 document is valid as schema 3 once its version says so."""
    return data


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 4 only adds fields, each with a default that means "as before": no
    backdated dates, no multi-item changes or edits, no ticked or own steps, no own
    items or extra requirements. Every schema-3 document is valid as schema 4 once
    its version says so."""
    return data


def _v4_to_v5(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 5 only adds the interview side (cards, stories, applications, contacts,
    each empty by default) and its events; every schema-4 document is valid as
    schema 5 once its version says so."""
    return data


def _v5_to_v6(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 6 only adds the saved ``jobs`` (default: none) and the job events; every
    schema-5 document is valid as schema 6 once its version says so."""
    return data


def _v6_to_v7(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 7 only adds the ``time_log`` (default: empty) and the ``log`` /
    ``log-remove`` events; every schema-6 document is valid as schema 7 once its
    version says so."""
    return data


def _v7_to_v8(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 8 only adds ``experience`` and ``certs`` (default: none), the profile's
    ``degree`` (default: not said) and their events; every schema-7 document is valid
    as schema 8 once its version says so."""
    return data


MIGRATIONS: dict[int, Migration] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
}
"""``MIGRATIONS[n]`` turns a schema-``n`` document (a dict) into schema ``n + 1``.
Migrations run on the raw dict before validation; the result is written back only by
the next successful save (and the file as it was is kept as a backup then)."""
