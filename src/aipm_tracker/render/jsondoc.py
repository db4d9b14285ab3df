"""JSON documents for ``--json`` and ``aipm export --format json``.

One documented shape per command (README.md, "JSON output"), pinned by
tests/test_json_contract.py. Dates are ISO 8601 (``YYYY-MM-DD``); timestamps are
ISO 8601 with their UTC offset; hours are numbers of hours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..engine import (
    Actual,
    Burndown,
    CategorySummary,
    CategoryTotal,
    CertStatus,
    DrillCard,
    ExperienceList,
    ExperienceRow,
    Gap,
    ItemDetail,
    ItemStand,
    JobRequirement,
    JobText,
    LogList,
    LogRow,
    MarketRow,
    Milestone,
    NextStep,
    PastWeek,
    Plan,
    PlannedItem,
    PlanWeek,
    Readiness,
    ReportEntry,
    RoleSummary,
    StatusReport,
    WeekLog,
)
from ..models import AnyOf, Curriculum, Event, ItemProgress, RoleRequirement

_UNSAFE = re.compile(r"[\x7f-\x9f]")

if TYPE_CHECKING:  # annotations only: a status screen never loads doctor or store
    from ..doctor import Finding
    from ..store import BackupSummary


def dumps(document: Any) -> str:
    """``document`` as indented UTF-8 JSON text with a trailing newline.

    ``json`` escapes the C0 control characters; DEL and the C1 codes (0x9b is a
    one-byte CSI some terminals obey) are escaped here too, as ``\\u009b``, so user
    text printed as JSON cannot drive the terminal. The document is unchanged."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


@dataclass(frozen=True)
class Shape:
    """Where a result type's JSON differs from its fields: ``rename`` maps a field to
    its JSON key, ``omit`` lists fields left out, ``add`` computes keys from the whole
    result (a key that is also a field's replaces its value in place), and ``order``
    gives the keys' order when it is not the fields' (every key, after renaming)."""

    rename: dict[str, str] = field(default_factory=dict)
    omit: frozenset[str] = frozenset()
    add: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    order: tuple[str, ...] = ()


SHAPES: dict[type, Shape] = {
    Readiness: Shape(
        rename={"role_id": "role", "role_title": "title"},
        add={
            "percent": lambda r: round(r.percent, 1),
        },
        order=(
            "role", "title", "percent", "hours_required", "hours_done", "hours_remaining",
            "requirements", "met", "waived", "unknown", "levels_required", "levels_met",
            "hours_per_week", "ready_on", "estimated", "hours_per_level", "hours_prerequisites",
        ),
    ),
    CategorySummary: Shape(
        omit=frozenset({"hours_in_progress"}), add={"percent": lambda s: round(s.percent, 1)}
    ),
    Gap: Shape(rename={"item_id": "item"}),
    NextStep: Shape(rename={"item_id": "item"}),
    Milestone: Shape(rename={"item_id": "item"}),
    ItemDetail: Shape(
        rename={"state": "progress", "history": "changes"},
        omit=frozenset({"level_names"}),
        add={
            "prerequisites": lambda d: [{"id": p, "status": s} for p, s in d.prerequisites],
            "stale": lambda d: sorted(d.stale),
        },
    ),
    StatusReport: Shape(
        rename={"today": "date", "next_steps": "next"},
        omit=frozenset(
            {"curriculum_id", "curriculum_title", "curriculum_version", "gaps", "level_names"}
        ),
        add={
            "curriculum": lambda r: {
                "id": r.curriculum_id, "title": r.curriculum_title, "version": r.curriculum_version
            },
            "levels": lambda r: [
                {"value": v, "name": n} for v, n in (r.level_names or {}).items()
            ],
        },
        order=(
            "curriculum", "date", "readiness", "categories", "milestones", "next", "orphans",
            "levels", "due_for_check", "own_items", "interview", "time_log", "reminders",
        ),
    ),
    DrillCard: Shape(
        add={
            "items": lambda c: [{"id": i, "title": t} for i, t in c.items],
            "stories": lambda c: [s.id for s in c.stories],
        },
    ),
    Plan: Shape(
        rename={"role_id": "role", "role_title": "title"},
        add={"hours": lambda p: round(p.hours, 2), "needed": lambda p: _rounded(p.needed)},
    ),
    PlanWeek: Shape(add={"hours": lambda w: round(w.hours, 2)}),
    PastWeek: Shape(
        add={
            "planned": lambda w: round(w.planned, 2), "logged": lambda w: round(w.logged, 2),
            "earned": lambda w: round(w.earned, 2), "variance": lambda w: round(w.variance, 2),
            "spi": lambda w: _rounded(w.spi),
        },
    ),
    Actual: Shape(
        add={
            "planned": lambda a: round(a.planned, 2), "logged": lambda a: round(a.logged, 2),
            "earned": lambda a: round(a.earned, 2), "variance": lambda a: round(a.variance, 2),
            "spi": lambda a: _rounded(a.spi),
        },
    ),
    WeekLog: Shape(
        add={"hours": lambda w: round(w.hours, 2), "observed": lambda w: _rounded(w.observed)},
    ),
    LogRow: Shape(add={"hours": lambda r: round(r.hours, 2)}),
    LogList: Shape(add={"hours": lambda x: round(x.hours, 2)}),
    PlannedItem: Shape(omit=frozenset({"title"}), add={"hours": lambda i: round(i.hours, 2)}),
    RoleSummary: Shape(
        omit=frozenset({"readiness"}),
        add={"readiness": lambda s: to_json(s.readiness)},
        order=("readiness", "top_gap"),
    ),
    Burndown: Shape(
        rename={"role_id": "role", "role_title": "title", "pace": "hours_per_week"},
        add={"hours_remaining": lambda b: b.hours_remaining},
        order=(
            "role", "title", "hours_required", "hours_remaining", "points", "hours_per_week",
            "pace_source", "ready_on", "observed_pace",
        ),
    ),
    ItemStand: Shape(rename={"item_id": "item"}),
    JobRequirement: Shape(
        add={
            "items": lambda r: [s.item_id for s in r.items],
            "standing": lambda r: r.items,
        },
        order=("term", "items", "met", "lines", "points", "standing"),
    ),
    JobText: Shape(omit=frozenset({"job"}), add={"job": lambda j: j.job}, order=("job", "text")),
    CertStatus: Shape(rename={"id": "cert"}),
    ExperienceRow: Shape(rename={"start": "from", "end": "to"}),
    ExperienceList: Shape(
        add={
            "counted": lambda e: [
                {"kind": k, "within_months": w, "months": m} for k, w, m in e.counted
            ]
        }
    ),
    MarketRow: Shape(
        omit=frozenset({"stand"}),
        add={
            "item": lambda r: r.stand.item_id,
            "title": lambda r: r.stand.title,
            "status": lambda r: r.stand.status,
            "level": lambda r: r.stand.level,
            "evidence": lambda r: r.stand.evidence,
            "hours_left": lambda r: r.stand.hours_left,
        },
        order=("item", "title", "postings", "status", "level", "evidence", "hours_left"),
    ),
}  # fmt: skip
"""The JSON shapes (README.md, "JSON output") that are not simply the result's
fields in order; every other result type is its fields as they are."""


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_json(value: Any) -> Any:
    """``value`` as plain JSON data: a result tuple (NamedTuple) becomes an object of
    its fields shaped by :data:`SHAPES`; a pydantic model its JSON dump (every field);
    a date or datetime its ISO 8601 text; an enum its value; lists, tuples and dicts
    are converted item by item; numbers, strings, booleans and None stay."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return _shaped(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_json(v) for v in value)
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def _shaped(result: Any) -> dict[str, Any]:
    shape = SHAPES.get(type(result), Shape())
    document = {
        shape.rename.get(name, name): to_json(value)
        for name, value in result._asdict().items()
        if name not in shape.omit
    }
    for key, compute in shape.add.items():
        document[key] = to_json(compute(result))
    return {key: document[key] for key in shape.order} if shape.order else document


def state_json(state: ItemProgress) -> dict[str, Any]:
    """The user's full state on an item, every field present."""
    return state.model_dump(mode="json")


def status_json(report: StatusReport) -> dict[str, Any]:
    """The ``aipm status --json`` document (see :data:`SHAPES`)."""
    result: dict[str, Any] = to_json(report)
    return result


def event_json(e: Event) -> dict[str, Any]:
    """One history event; ``before``/``after`` are full item states (null: absent);
    an event of the interview side or the time log adds the keys of
    :data:`ACTION_EVENT_KEYS` its action sets;
    ``backup`` the backup ID a ``restore`` restored (the backup holding the file it
    replaced, kept for undo, is not shown)."""
    hidden = {"replaced_backup", "unreadable_kept"}
    shown = ACTION_EVENT_KEYS.get(e.action, ()) + CERT_EVENT_KEYS.get(e.action, ())
    for keys in (*ACTION_EVENT_KEYS.values(), *CERT_EVENT_KEYS.values()):
        hidden |= {k for k in keys if k not in shown}
    return e.model_dump(mode="json", exclude=hidden)


INTERVIEW_EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "rate": ("question", "card_before", "review"),
    "story": ("story",),
    "apply": ("application",),
    "stage": ("application_id", "stage"),
    "contact": ("contact",),
}
"""The event keys of the interview side (schema 4) by action: a history entry carries
those of its action (a ``rate`` its question, card state before and review; null
when there was no card), and no other."""

ACTION_EVENT_KEYS: dict[str, tuple[str, ...]] = {
    **INTERVIEW_EVENT_KEYS,
    "log": ("time_entry",),
    "log-remove": ("time_entry",),
}
"""The event keys only some actions carry: the interview side's
(:data:`INTERVIEW_EVENT_KEYS`) and the time log's (schema 7): a ``log`` or
``log-remove`` carries the ``time_entry`` (``{"id", "at", "item", "minutes",
"note"}``) it appended or removed; a ``log-remove`` also the entry's ``index``."""


CERT_EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "experience_add": ("experience",),
    "experience_remove": ("experience",),
    **{
        action: ("cert_id", "cert_before", "cert_after")
        for action in ("cert_book", "cert_result", "cert_earned", "cert_credit")
    },
}
"""The event keys of experience and certification changes (schema 8) by action: a
history entry carries those of its action and no other (the keys every event has,
such as ``index`` and ``item``, stay)."""


def export_json(
    report: StatusReport, entries: list[ReportEntry], data_file: str | None
) -> dict[str, Any]:
    """The ``aipm export --format json`` document: the status document plus every
    gap, every item with the user's state (notes, evidence, dates) and the hours logged
    on it (``hours_logged``), and the data file
    (null unless the user asked for the path: ``aipm export --include-path``)."""
    document = status_json(report)
    document["data_file"] = data_file
    document["gaps"] = to_json(report.gaps)
    document["items"] = [
        {
            **to_json(e.row),
            "progress": state_json(e.state),
            "hours_logged": round(e.hours_logged, 4),
        }
        for e in entries
    ]
    return document


def curriculum_json(
    curriculum: Curriculum, source: str, totals: list[CategoryTotal]
) -> dict[str, Any]:
    """The ``aipm curriculum show --json`` document: identity, source file, categories
    with item counts and hours, and roles with their requirements."""
    return {
        "id": curriculum.id,
        "version": curriculum.version,
        "title": curriculum.title,
        "source": source,
        "categories": [
            {"id": t.id, "title": t.title, "items": t.items, "hours": t.hours} for t in totals
        ],
        "roles": [
            {
                "id": r.id,
                "title": r.title,
                "extends": r.extends,
                "requirements": [_requirement_json(q) for q in curriculum.requirements(r)],
            }
            for r in curriculum.roles
        ],
    }


def _requirement_json(req: RoleRequirement) -> dict[str, Any]:
    """One requirement: ``{"item", "level", "need"}``, or for a group ``{"title",
    "any_of": [...]}``."""
    if isinstance(req, AnyOf):
        return {"title": req.title, "any_of": [_requirement_json(o) for o in req.any_of]}
    return {"item": req.item, "level": req.level, "need": req.needs}


def backups_json(summaries: list[BackupSummary]) -> list[dict[str, Any]]:
    """``aipm backup list --json``: per backup, oldest first, its ``id``, ``path``,
    ``size`` in bytes, ``readable``, ``problem`` (null when readable), the number of
    ``changes`` in its history, items ``done`` and ``in_progress``, and
    ``last_change`` (ISO 8601 timestamp of its newest change, or null)."""
    rows = []
    for s in summaries:
        p = s.progress
        rows.append(
            {
                "id": s.backup.id,
                "path": str(s.backup.path),
                "size": s.backup.size,
                "readable": p is not None,
                "problem": s.problem,
                "changes": len(p.history) if p else None,
                "done": sum(1 for i in p.items.values() if i.status == "done") if p else None,
                "in_progress": (
                    sum(1 for i in p.items.values() if i.status == "in_progress") if p else None
                ),
                "last_change": p.history[-1].at.isoformat() if p and p.history else None,
            }
        )
    return rows


def doctor_json(findings: list[Finding]) -> dict[str, Any]:
    """``aipm doctor --json``: ``ok`` (true only when every check passed) and
    ``checks``: ``[{check, ok, found, fix}]``."""
    return {"ok": all(f.ok for f in findings), "checks": [asdict(f) for f in findings]}
