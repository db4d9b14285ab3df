"""Benchmark data: generated curricula and progress files, deterministic for a seed.

Plain Python plus aipm_tracker itself (the progress file is written with the same
serializer ``aipm`` uses, so it is byte-for-byte what the tool would have written).
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SEED = 20261123
"""The fixed seed of every generated file, so runs compare like with like."""

HISTORY = 100_000
"""History entries of the progress file of every generated curriculum."""

BUNDLED_SKIP = "ai.nlp"
"""Left untouched in the realistic progress file (the write benchmark marks it)."""

KINDS = ["concept", "skill", "certification", "portfolio", "education", "application"]
PRIORITIES = ["core", "recommended", "optional"]
WORDS = [
    *("model", "data", "risk", "scope", "team", "stakeholder", "agile", "scrum", "metric"),
    *("label", "pipeline", "ethics", "budget", "roadmap", "vendor", "prompt", "evaluation"),
    *("governance", "privacy", "launch", "feedback"),
]


def _q(text: str) -> str:
    # JSON string literals are valid YAML double-quoted scalars (ASCII only here).
    return json.dumps(text)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def curriculum_yaml(n_items: int, n_categories: int = 20, seed: int = SEED) -> str:
    """A valid curriculum of ``n_items`` items spread over ``n_categories`` categories,
    as YAML text, with prerequisites (always on earlier items, so no cycles),
    resources, keywords and two target roles of up to 60 requirements each.
    The same arguments always give the same text."""
    rng = random.Random(seed)
    out = [
        "schema_version: 1",
        "id: bench-scale",
        f'version: "{n_items}"',
        f"title: Generated curriculum of {n_items} items",
        "default_role: bench-entry",
        "categories:",
    ]
    cats = [f"cat-{c:02d}" for c in range(n_categories)]
    for cid in cats:
        out += [f"  - id: {cid}", f"    title: Category {cid[4:]}"]
        out.append(f"    description: {_q(_sentence(rng, 8))}")
    out.append("items:")
    ids: list[str] = []
    for n in range(n_items):
        cid = cats[n % n_categories]
        iid = f"c{n % n_categories:02d}.item-{n:05d}"
        out += [
            f"  - id: {iid}",
            f"    title: {_q('Item ' + str(n) + ' ' + rng.choice(WORDS))}",
            f"    category: {cid}",
            f"    kind: {rng.choice(KINDS)}",
            f"    summary: {_q(_sentence(rng, 14))}",
            f"    why: {_q(_sentence(rng, 10))}",
            f"    effort_hours: {rng.randint(1, 40)}",
            f"    priority: {rng.choice(PRIORITIES)}",
        ]
        if ids and rng.random() < 0.6:
            pres = sorted(set(rng.sample(ids[-200:], k=min(len(ids[-200:]), rng.randint(1, 2)))))
            out.append(f"    prerequisites: [{', '.join(pres)}]")
        if rng.random() < 0.5:
            out += [
                "    resources:",
                f"      - title: {_q('Course on ' + rng.choice(WORDS))}",
                f"        url: https://example.com/course/{n}",
                "        provider: Example Academy",
                f"        hours: {rng.randint(1, 30)}",
                "        cost: free",
                '        as_of: "2026-11"',
            ]
        out.append(f"    keywords: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]")
        out.append(f"    evidence_hint: {_q(_sentence(rng, 6))}")
        ids.append(iid)
    out.append("roles:")
    for rid, title in (("bench-entry", "Entry"), ("bench-senior", "Senior")):
        out += [f"  - id: {rid}", f"    title: {title}", "    requirements:"]
        for iid in sorted(rng.sample(ids, k=min(60, len(ids)))):
            level = rng.choice([None, 1, 2, 3])
            out.append(f"      - {{item: {iid}" + (f", level: {level}}}" if level else "}"))
    return "\n".join(out) + "\n"


def progress_document(
    curriculum_id: str,
    curriculum_version: str,
    item_ids: list[str],
    touched: int,
    history: int,
    seed: int = SEED,
) -> dict[str, Any]:
    """A schema-1 progress document (a dict) with ``touched`` items worked on and
    ``history`` events, one change every 30 minutes from 2024-01-01 UTC onwards.

    Each event's ``before`` is the item's state after its previous event, so that
    ``aipm undo`` could walk the whole history back."""
    rng = random.Random(seed)
    chosen = rng.sample(item_ids, k=min(touched, len(item_ids)))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    states: dict[str, dict[str, Any]] = {}
    notes: dict[str, list[dict[str, str]]] = {}
    events: list[dict[str, Any]] = []
    for n in range(history):
        at = (start + timedelta(minutes=30 * n)).isoformat()
        item = chosen[n % len(chosen)] if n < len(chosen) else rng.choice(chosen)
        before = states.get(item)
        old = dict(before or {"status": "todo"})
        event: dict[str, Any] = {"at": at, "item": item}
        roll = rng.random()
        if roll < 0.15:
            event["action"] = "note"
            note = {"at": at, "text": _sentence(rng, 8)}
            notes.setdefault(item, []).append(note)
            event["note"] = note
            after = old
        elif old["status"] == "todo":
            event["action"] = "start"
            after = {"status": "in_progress", "started_at": at}
        elif old["status"] == "in_progress":
            event["action"] = "done"
            after = {**old, "status": "done", "completed_at": at, "level": rng.randint(1, 4)}
        else:
            event["action"] = "reset"
            after = {"status": "todo"}
        event["before"] = before
        event["after"] = after
        states[item] = after
        events.append(event)
    items = {
        iid: {**states.get(iid, {"status": "todo"}), "notes": notes.get(iid, [])} for iid in chosen
    }
    from aipm_tracker.models import SCHEMA_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "curriculum": {"id": curriculum_id, "version": curriculum_version},
        "profile": {"target_role": None, "hours_per_week": 6},
        "items": items,
        "history": events,
    }


def progress_text(document: dict[str, Any]) -> str:
    """``document`` validated and written exactly as ``aipm`` writes progress files."""
    from aipm_tracker.models import Progress
    from aipm_tracker.store import serialize

    return serialize(Progress.model_validate(document))


def write_scale(root: Path, n_items: int, history: int = HISTORY) -> None:
    """Write ``root/curriculum-N.yaml`` and ``root/data-N/progress/bench-scale.json``
    (``history`` entries), and in ``root/free-item-N.txt`` the ID of an item the
    progress file leaves untouched (the write benchmark marks it)."""
    text = curriculum_yaml(n_items)
    (root / f"curriculum-{n_items}.yaml").write_text(text, encoding="utf-8")
    ids = re.findall(r"^  - id: (c\d\d\.item-\d+)$", text, flags=re.M)
    doc = progress_document("bench-scale", str(n_items), ids, 200, history)
    progress = root / f"data-{n_items}" / "progress"
    progress.mkdir(parents=True)
    (progress / "bench-scale.json").write_text(progress_text(doc), encoding="utf-8")
    free = next(i for i in ids if i not in doc["items"])
    (root / f"free-item-{n_items}.txt").write_text(free, encoding="utf-8")


def write_bundled(root: Path) -> None:
    """Write a realistic progress file for the bundled curriculum under
    ``root/data``: 20 items touched, 60 history entries."""
    from aipm_tracker.curriculum import load_curriculum

    curriculum, _ = load_curriculum()
    ids = [item.id for item in curriculum.items if item.id != BUNDLED_SKIP]
    doc = progress_document(curriculum.id, curriculum.version, ids, 20, 60)
    progress = root / "data" / "progress"
    progress.mkdir(parents=True)
    (progress / f"{curriculum.id}.json").write_text(progress_text(doc), encoding="utf-8")


if __name__ == "__main__":  # python datagen.py ROOT N_ITEMS[:HISTORY]...
    out = Path(sys.argv[1])
    write_bundled(out)
    for spec in sys.argv[2:]:
        size, _, entries = spec.partition(":")
        write_scale(out, int(size), int(entries or HISTORY))
