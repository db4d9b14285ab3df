"""Plain-text helpers shared by every renderer (no rich, no I/O)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from ..models import Event, ItemState, Profile
from ..wording import CONTROL, plural, strip_control

if TYPE_CHECKING:
    from ..engine import Readiness

STATUS_LABEL = {"todo": "to do", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
"""How each status is written for people."""

__all__ = [
    "CONTROL",
    "STATUS_LABEL",
    "day",
    "describe_event",
    "effort",
    "hours",
    "level_pair",
    "plural",
    "quantity",
    "readiness_basis",
    "readiness_counts",
    "readiness_headline",
    "strip_control",
]


def day(value: date | datetime | None) -> str:
    """The ISO date (``YYYY-MM-DD``) of ``value``; ``""`` for None. An aware datetime
    is taken to the local time zone first (``datetime.astimezone()``), the zone the
    terminal shows every time in: a change made at 04:30 in Tokyo on the 13th,
    recorded as 19:30 UTC on the 12th, is of the 13th in every report too."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).date().isoformat()
    return value.isoformat()


def hours(value: float) -> str:
    """``12.0`` -> ``"12"``, ``2.5`` -> ``"2.5"`` (hours, no trailing zeros)."""
    return f"{value:g}"


def effort(value: float | None, estimated: bool = False) -> str:
    """Effort hours as shown in every table: ``"?"`` when unknown, ``"~6"`` when an
    estimate or unconfirmed, else ``"6"``."""
    if value is None:
        return "?"
    return f"~{value:g}" if estimated and value else f"{value:g}"


def quantity(amount: float | None, target: float, unit: str) -> str:
    """A quantity item's amount toward its target: ``"12 of 35 h"``,
    ``"14 of 36 months"``."""
    short = "h" if unit == "hours" else unit
    return f"{amount or 0:g} of {target:g} {short}"


def readiness_headline(r: Readiness) -> str:
    """``"27% ready"``, with ``"; 2 waived"`` when requirements are waived."""
    waived = f"; {r.waived} waived" if r.waived else ""
    return f"{r.percent:.0f}% ready{waived}"


def readiness_counts(r: Readiness) -> str:
    """``"5 of 29 requirements met, 2 waived (not met); 3 of 18 target levels met"``."""
    waived = f", {r.waived} waived (not met)" if r.waived else ""
    return (
        f"{r.met} of {r.requirements} requirements met{waived}; "
        f"{r.levels_met} of {r.levels_required} target levels met"
    )


def readiness_basis(r: Readiness) -> str:
    """The one line that says how readiness is counted, e.g. ``"Counted: study hours
    of items to finish + 10 h practice per level to reach (an estimate); 1 of
    unknown effort left out."``"""
    parts = [
        f"Counted: study hours of items to finish + {r.hours_per_level:g} h practice "
        "per level to reach (an estimate)"
    ]
    if r.waived:
        parts.append("waived requirements count as not met")
    if r.unknown:
        parts.append(f"{r.unknown} {plural(r.unknown, 'requirement')} of unknown effort left out")
    return "; ".join(parts) + "."


def level_pair(level: int | None, target: int | None = None) -> str:
    """A Dreyfus level, ``-`` when not assessed, as ``now/target`` when a target is
    given: ``level_pair(2, 3)`` -> ``"2/3"``."""
    now = "-" if level is None else str(level)
    return now if target is None else f"{now}/{target}"


def describe_event(event: Event) -> str:
    """One line saying what ``event`` changed, e.g. ``ai.nlp: to do -> done``."""
    if event.action == "restore":
        return f"restored backup {event.backup}"
    if event.job_id is not None:
        job = event.job_after or event.job_before
        name = " at ".join(x for x in (job.title, job.company) if x) if job else ""
        verb = "added" if event.action == "job_add" else "removed"
        return f"job {event.job_id} {verb}" + (f" ({name})" if name else "")
    if event.item is None:
        b_profile = event.profile_before or Profile()
        a_profile = event.profile_after or Profile()
        parts = []
        if a_profile.target_role != b_profile.target_role:
            parts.append(
                f"target role: {b_profile.target_role or 'default'} -> "
                f"{a_profile.target_role or 'default'}"
            )
        if a_profile.hours_per_week != b_profile.hours_per_week:
            b_pace = hours(b_profile.hours_per_week) if b_profile.hours_per_week else "-"
            a_pace = hours(a_profile.hours_per_week) if a_profile.hours_per_week else "-"
            parts.append(f"pace: {b_pace} -> {a_pace} h/week")
        return "; ".join(parts) or "profile unchanged"
    b = event.before or ItemState()
    a = event.after or b
    changes = []
    if a.status != b.status:
        changes.append(f"{STATUS_LABEL[b.status]} -> {STATUS_LABEL[a.status]}")
    if a.level != b.level:
        changes.append(f"level {level_pair(b.level)} -> {level_pair(a.level)}")
    if a.skip_reason != b.skip_reason and a.skip_reason:
        changes.append(f"reason: {a.skip_reason}")
    if event.note is not None:
        changes.append(f"note: {event.note.text}")
    if event.evidence is not None:
        label = f"{event.evidence.label}: " if event.evidence.label else ""
        changes.append(f"evidence: {label}{event.evidence.url}")
    return f"{event.item}: " + ("; ".join(changes) or "unchanged")
