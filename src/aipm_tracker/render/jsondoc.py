"""JSON documents for ``--json`` and ``aipm export --format json``.

One documented shape per command (README.md, "JSON output"), pinned by
tests/test_json_contract.py. Dates are ISO 8601 (``YYYY-MM-DD``); timestamps are
ISO 8601 with their UTC offset; hours are numbers of hours.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ..engine import (
    Burndown,
    CategorySummary,
    CategoryTotal,
    Gap,
    ItemDetail,
    ItemRow,
    NextStep,
    Readiness,
    ReportEntry,
    StatusReport,
)
from ..models import Curriculum, Event, ItemProgress

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


def readiness_json(r: Readiness) -> dict[str, Any]:
    """Readiness: role, hours (required, done, remaining), per cent, items, levels,
    pace in hours per week and the projected ``ready_on`` date (or null)."""
    return {
        "role": r.role_id,
        "title": r.role_title,
        "percent": round(r.percent, 1),
        "hours_required": r.hours_required,
        "hours_done": r.hours_done,
        "hours_remaining": r.hours_remaining,
        "items_required": r.items_required,
        "items_done": r.items_done,
        "items_skipped": r.items_skipped,
        "levels_required": r.levels_required,
        "levels_met": r.levels_met,
        "hours_per_week": r.hours_per_week,
        "ready_on": r.ready_on.isoformat() if r.ready_on else None,
    }


def category_json(s: CategorySummary) -> dict[str, Any]:
    """One category's counts, hours and per cent."""
    return {
        "id": s.id,
        "title": s.title,
        "total": s.total,
        "done": s.done,
        "in_progress": s.in_progress,
        "todo": s.todo,
        "skipped": s.skipped,
        "hours_done": s.hours_done,
        "hours_total": s.hours_total,
        "percent": round(s.percent, 1),
    }


def gap_json(g: Gap) -> dict[str, Any]:
    """One gap: item, what is missing (completion and/or level) and hours left."""
    return {
        "item": g.item_id,
        "title": g.title,
        "category": g.category,
        "priority": g.priority,
        "status": g.status,
        "level": g.level,
        "target_level": g.target_level,
        "needs_completion": g.needs_completion,
        "needs_level": g.needs_level,
        "hours_remaining": g.hours_remaining,
    }


def next_json(s: NextStep) -> dict[str, Any]:
    """One next step with its score and each term of it."""
    return {
        "item": s.item_id,
        "title": s.title,
        "category": s.category,
        "status": s.status,
        "effort_hours": s.effort_hours,
        "score": s.score,
        "terms": [{"name": t.name, "points": t.points, "reason": t.reason} for t in s.terms],
    }


def row_json(row: ItemRow) -> dict[str, Any]:
    """One ``aipm list`` row."""
    return {
        "id": row.id,
        "title": row.title,
        "category": row.category,
        "kind": row.kind,
        "priority": row.priority,
        "status": row.status,
        "level": row.level,
        "target_level": row.target_level,
        "effort_hours": row.effort_hours,
    }


def state_json(state: ItemProgress) -> dict[str, Any]:
    """The user's full state on an item, every field present."""
    return state.model_dump(mode="json")


def status_json(report: StatusReport) -> dict[str, Any]:
    """The ``aipm status --json`` document."""
    return {
        "curriculum": {
            "id": report.curriculum_id,
            "title": report.curriculum_title,
            "version": report.curriculum_version,
        },
        "date": report.today.isoformat(),
        "readiness": readiness_json(report.readiness) if report.readiness else None,
        "categories": [category_json(c) for c in report.categories],
        "next": [next_json(s) for s in report.next_steps],
        "orphans": report.orphans,
    }


def detail_json(d: ItemDetail) -> dict[str, Any]:
    """The ``aipm show --json`` document: the curriculum item, the user's state and
    the item's place in the prerequisite graph."""
    return {
        "item": d.item.model_dump(mode="json"),
        "progress": state_json(d.state),
        "required": d.required,
        "target_level": d.target_level,
        "prerequisites": [{"id": p, "status": s} for p, s in d.prerequisites],
        "unlocks": d.unlocks,
        "blocked_by": d.blocked_by,
    }


def event_json(e: Event) -> dict[str, Any]:
    """One history event; ``before``/``after`` are full item states (null: absent);
    ``backup`` the backup ID a ``restore`` restored (the backup holding the file it
    replaced, kept for undo, is not shown)."""
    return e.model_dump(mode="json", exclude={"replaced_backup", "unreadable_kept"})


def export_json(report: StatusReport, entries: list[ReportEntry], data_file: str) -> dict[str, Any]:
    """The ``aipm export --format json`` document: the status document plus every
    gap, every item with the user's state (notes, evidence, dates) and the data file."""
    document = status_json(report)
    document["data_file"] = data_file
    document["gaps"] = [gap_json(g) for g in report.gaps]
    document["items"] = [{**row_json(e.row), "progress": state_json(e.state)} for e in entries]
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
                "requirements": [{"item": q.item, "level": q.level} for q in r.requirements],
            }
            for r in curriculum.roles
        ],
    }


def burndown_json(b: Burndown) -> dict[str, Any]:
    """``aipm burndown --json``: role, required and remaining hours, the weekly
    points (``day`` ISO date, ``hours_remaining``), the pace in hours per week with
    its source (``profile``, ``history`` or null) and the projected ``ready_on``."""
    return {
        "role": b.role_id,
        "title": b.role_title,
        "hours_required": b.hours_required,
        "hours_remaining": b.hours_remaining,
        "points": [
            {"day": p.day.isoformat(), "hours_remaining": p.hours_remaining} for p in b.points
        ],
        "hours_per_week": b.pace,
        "pace_source": b.pace_source,
        "ready_on": b.ready_on.isoformat() if b.ready_on else None,
    }


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
    return {
        "ok": all(f.ok for f in findings),
        "checks": [
            {"check": f.check, "ok": f.ok, "found": f.found, "fix": f.fix} for f in findings
        ],
    }
