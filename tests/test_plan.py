"""Issue 14 items 2 and 6: the week-by-week plan (no item before its prerequisites,
its last week holds status's ready-on date) and every role side by side."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine
from aipm_tracker.models import SCHEMA_VERSION, Curriculum, CurriculumRef, Progress
from tests.conftest import FIXED_NOW

TODAY = date(2026, 11, 23)  # a Monday


def progress_for(curriculum: Curriculum) -> Progress:
    return Progress(
        schema_version=SCHEMA_VERSION,
        curriculum=CurriculumRef(id=curriculum.id, version=curriculum.version),
    )


@st.composite
def curricula(draw: Any) -> Curriculum:
    """Random curricula: items whose prerequisites are earlier items, some of unknown
    effort, one role requiring a random subset with random needs and levels."""
    count = draw(st.integers(min_value=1, max_value=12))
    items = []
    for n in range(count):
        pres = draw(st.sets(st.integers(min_value=0, max_value=n - 1), max_size=3)) if n else set()
        effort = draw(st.one_of(st.none(), st.floats(min_value=0.5, max_value=80)))
        items.append(
            {
                "id": f"c.i{n}", "title": f"Item {n}", "category": "c", "kind": "skill",
                "summary": "s", "why": "w", "effort_hours": effort,
                "priority": draw(st.sampled_from(["core", "recommended", "optional"])),
                "prerequisites": [f"c.i{p}" for p in sorted(pres)],
            }
        )  # fmt: skip
    chosen = draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=count, unique=True))
    requires = []
    for n in chosen:
        level = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
        need = "item" if level is None else draw(st.sampled_from(["level", "both"]))
        requires.append({"item": f"c.i{n}", "level": level, "need": need})
    return Curriculum.model_validate(
        {
            "schema_version": 2, "id": "gen", "version": "1", "title": "Generated",
            "categories": [{"id": "c", "title": "C"}], "items": items,
            "roles": [{"id": "r", "title": "R", "requires": requires}],
        }
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    curricula(),
    st.floats(min_value=0.5, max_value=40),
    st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["done", "start", "level"]))),
    st.integers(min_value=0, max_value=6),
)
def test_no_item_is_planned_before_its_prerequisites_and_the_last_week_holds_ready_on(
    curriculum: Curriculum, pace: float, steps: list[tuple[int, str]], shift: int
) -> None:
    today = TODAY + timedelta(days=shift)
    p = progress_for(curriculum)
    for n, action in steps:
        item_id = f"c.i{n % len(curriculum.items)}"
        if action == "done":
            p = changes.done(p, item_id, FIXED_NOW)
        elif action == "start":
            p = changes.start(p, item_id, FIXED_NOW)
        else:
            p = changes.set_level(p, item_id, 2, FIXED_NOW)
    p = changes.set_profile(p, FIXED_NOW, hours_per_week=pace)
    role = curriculum.roles[0]
    plan = engine.plan(curriculum, p, role, today, pace)
    finished = {i for i, s in p.items.items() if s.status in ("done", "skipped")}
    first_week: dict[str, int] = {}
    last_week: dict[str, int] = {}
    for n, week in enumerate(plan.weeks):
        assert week.start.weekday() == 0
        for planned in week.items:
            first_week.setdefault(planned.id, n)
            last_week[planned.id] = n
    for item_id, n in first_week.items():
        for pre in curriculum.item_map[item_id].prerequisites:
            if pre not in finished and pre in last_week:
                # A prerequisite is finished before the item starts (a week may end one
                # and start the next).
                assert last_week[pre] <= n
    readiness = engine.readiness(curriculum, p, role, today)
    assert plan.ready_on == readiness.ready_on
    assert abs(sum(w.hours for w in plan.weeks) - plan.hours) < 1e-6
    if plan.weeks and plan.ready_on is not None:
        last = plan.weeks[-1].start
        assert last <= plan.ready_on <= last + timedelta(days=6)
    for week in plan.weeks[:-1]:
        # Every week but the last is filled to the pace (the first from today on).
        days = min((week.start + timedelta(days=6) - today).days, 7)
        assert week.hours <= pace * days / 7 + 1e-6


def test_aipm_plan_at_6_hours_a_week_is_exactly_this(aipm: Callable[..., Result]) -> None:
    result = aipm("plan", "--hours-per-week", "6", "--weeks", "3", "--by", "2027-09-30")
    assert result.exit_code == 0, result.output
    # Today is a Monday: the first week holds its six days after today (6 x 6 / 7 h).
    assert result.stdout == (
        "Plan for AI project manager (entry) at 6 h/week: ~611 h of work\n"
        "\n"
        " Week of      Hours   Study (hours)\n"
        " ──────────────────────────────────────────\n"
        " 2026-11-23     5.1   ai.responsible-ai 5.1\n"
        " 2026-11-30       6   ai.responsible-ai 6\n"
        " 2026-12-07       6   ai.responsible-ai 6\n"
        "\n"
        "99 more weeks: aipm plan --weeks 102\n"
        "Ready on 2028-11-05 (as aipm status says)\n"
        "To be ready by 2027-09-30 you need 13.8 h/week; at 6 h/week you are not.\n"
    )
    assert aipm("target", "--hours-per-week", "6").exit_code == 0
    status = aipm("status").stdout
    assert "Ready on    2028-11-05 at 6 h/week (~611 h to go)" in status
    doc = json.loads(aipm("plan", "--json").stdout)
    assert (doc["ready_on"], doc["hours_per_week"], len(doc["weeks"])) == ("2028-11-05", 6.0, 102)
    assert doc["weeks"][0] == {
        "start": "2026-11-23",
        "hours": 5.14,
        "items": [{"id": "ai.responsible-ai", "hours": 5.14}],
        "exams": [],
    }


def test_plan_refuses_what_it_cannot_plan_in_our_words(aipm: Callable[..., Result]) -> None:
    no_pace = aipm("plan")
    assert (no_pace.exit_code, no_pace.stderr) == (
        2,
        "Error: a plan needs a pace: add --hours-per-week 6, or set yours with: "
        "aipm target --hours-per-week 6\n",
    )
    bad = aipm("plan", "--hours-per-week", "6", "--by", "2027-02-30")
    assert bad.exit_code == 2
    assert "'2027-02-30' is not a date: use YYYY-MM-DD, for example 2027-06-30" in bad.stderr
    past = aipm("plan", "--hours-per-week", "6", "--by", "2026-11-01")
    assert past.exit_code == 2
    assert past.stderr == "Error: --by 2026-11-01 is not after today (2026-11-23)\n"


def test_aipm_roles_shows_every_role_side_by_side(aipm: Callable[..., Result]) -> None:
    assert aipm("done", "cert.psm-1").exit_code == 0
    doc = json.loads(aipm("roles", "--json").stdout)
    assert [r["readiness"]["role"] for r in doc] == [
        "ai-pm-entry", "ai-pm-senior", "ai-product-manager", "ml-technical-pm",
    ]  # fmt: skip
    entry, senior = doc[0], doc[1]
    assert entry["readiness"]["met"] == 1
    assert senior["readiness"]["hours_required"] >= entry["readiness"]["hours_required"]
    assert entry["top_gap"] == "Machine-learning basics"
    text = aipm("roles").stdout
    assert text.splitlines()[3].split()[:5] == ["*", "ai-pm-entry", "0%", "ready", "~610"]


def test_the_ics_parses_back_and_a_second_export_keeps_every_uid(
    aipm: Callable[..., Result], tmp_path: Path
) -> None:
    import icalendar

    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    result = aipm("plan", "--hours-per-week", "6", "--ics", str(first))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"Wrote {first}\n")
    raw = first.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    doc = json.loads(aipm("plan", "--hours-per-week", "6", "--json").stdout)
    blocks = [(w["start"], i["id"]) for w in doc["weeks"] for i in w["items"]]
    assert len(events) == len(blocks) + 1  # and the ready-on day
    assert [(str(e.decoded("DTSTART")), e["UID"].split("-")[0]) for e in events[:2]] == [
        ("2026-11-23", "ai.responsible"),
        ("2026-11-30", "ai.responsible"),
    ]
    assert events[-1]["UID"] == "ready-on.ai-pm-entry@aipm-tracker"
    assert str(events[-1].decoded("DTSTART")) == doc["ready_on"]
    # A change moves the plan; the same blocks keep their UIDs (the calendar updates).
    assert aipm("done", "ai.responsible-ai", "--level", "3").exit_code == 0
    assert aipm("export", "--format", "ics", "--output", str(second)).exit_code == 2
    assert aipm("target", "--hours-per-week", "6").exit_code == 0
    assert aipm("export", "--format", "ics", "--output", str(second)).exit_code == 0
    again = list(icalendar.Calendar.from_ical(second.read_bytes()).walk("VEVENT"))
    uids = {str(e["UID"]) for e in events}
    moved = {str(e["UID"]) for e in again}
    assert "ready-on.ai-pm-entry@aipm-tracker" in moved
    assert not any(u.startswith("ai.responsible-ai-") for u in moved)
    kept = [u for u in moved if u.startswith("pm.scope-")]
    assert kept and set(kept) <= uids
    assert aipm("plan", "--hours-per-week", "6", "--ics", str(first)).exit_code == 1
