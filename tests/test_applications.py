"""Applications, contacts and the question bank as a user meets them: the pipeline
through its stages, follow-ups in status, undo, and bad input that changes nothing."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.errors import CurriculumError, UsageError
from aipm_tracker.moments import parse_day
from tests.conftest import MINI_CURRICULUM, progress_path

APPLICATION_KEYS = {"id", "company", "role", "stage", "since", "job"}


def test_an_application_moves_through_its_stages(aipm, mini, isolated):
    added = aipm("apply", "add", "Acme", "AI project manager", "--job", "j-3f2a")
    assert added.stdout == (
        "Added a1: AI project manager at Acme (saved). Move it on with:\n"
        "aipm apply move a1 applied. Undo with: aipm undo\n"
    )
    moved = aipm("apply", "move", "a1", "Interview")
    assert moved.stdout == (
        "a1 (AI project manager at Acme): saved -> interview. Undo with: aipm undo\n"
    )
    aipm("apply", "add", "Globex", "AI delivery lead")
    doc = json.loads(aipm("apply", "list", "--json").stdout)
    assert [set(row) for row in doc] == [APPLICATION_KEYS, APPLICATION_KEYS]
    assert [(r["id"], r["company"], r["stage"], r["job"]) for r in doc] == [
        ("a1", "Acme", "interview", "j-3f2a"),
        ("a2", "Globex", "saved", None),
    ]
    assert "Pipeline    1 saved · 1 interview (2 open): aipm apply list" in aipm("status").stdout
    pipeline = json.loads(aipm("status", "--json").stdout)["interview"]["pipeline"]
    assert pipeline == {"stages": {"saved": 1, "interview": 1}, "open": 2, "total": 2}


def test_undo_reverts_a_stage_move_exactly(aipm, mini, isolated):
    aipm("apply", "add", "Acme", "AI PM")
    before = progress_path(isolated, "mini").read_bytes()
    aipm("apply", "move", "a1", "applied")
    assert aipm("undo").stdout == "Undid stage: application a1 -> applied\n"
    assert progress_path(isolated, "mini").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("apply", "move", "a1", "hired"), "'hired' is not a stage: use one of saved, applied"),
        (("apply", "move", "a7", "applied"), "no application 'a7' (yours: a1)"),
        (("apply", "move", "a1", "saved"), "a1 is at saved already"),
        (("apply", "move", "a1", "applied", "--at", "2026-02-30"), "is not a date or time"),
        (("apply", "move", "a1", "applied", "--at", "2026-12-01"), "is in the future"),
        (("apply", "add", " ", "AI PM"), "the company is empty"),
        (("contact", "add", "Ada", "--follow-up", "2026-02-29"), "2026-02 has no day 29"),
        (("contact", "add", "Ada", "--follow-up", "soon"), "is not a date: give it as YYYY-MM-DD"),
    ],
)
def test_bad_input_is_exit_2_and_changes_nothing(aipm, mini, isolated, args, message):
    aipm("apply", "add", "Acme", "AI PM")
    before = progress_path(isolated, "mini").read_bytes()
    result = aipm(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert progress_path(isolated, "mini").read_bytes() == before


def test_a_follow_up_that_has_come_shows_in_status(aipm, mini):
    added = aipm("contact", "add", "Ada Lovelace", "--company", "Acme", "--follow-up", "2026-11-20")
    assert added.stdout == (
        "Added c1: Ada Lovelace (Acme), follow up on 2026-11-20. Undo with: aipm undo\n"
    )
    aipm("contact", "add", "Grace", "--follow-up", "2027-01-10", "--note", "Met at the meetup")
    status = aipm("status").stdout
    assert "Follow up   Ada Lovelace (Acme): aipm contact list" in status
    assert "Grace" not in status
    follow = json.loads(aipm("status", "--json").stdout)["interview"]["follow_ups"]
    assert follow == [
        {"id": "c1", "name": "Ada Lovelace", "company": "Acme", "on": "2026-11-20", "days_late": 3}
    ]
    listed = json.loads(aipm("contact", "list", "--json").stdout)
    assert [c["follow_up"] for c in listed] == ["2026-11-20", "2027-01-10"]
    assert listed[1]["note"] == "Met at the meetup"


def test_status_without_applications_or_contacts_has_no_such_lines(aipm, mini):
    status = aipm("status").stdout
    assert "Pipeline" not in status and "Follow up" not in status and "Drills" not in status


def test_every_new_command_has_help_with_an_example(aipm):
    for command in (
        ["drill"], ["drill", "due"], ["story", "add"], ["story", "list"], ["apply", "add"],
        ["apply", "move"], ["apply", "list"], ["contact", "add"], ["contact", "list"],
    ):  # fmt: skip
        result = aipm(*command, "--help")
        assert result.exit_code == 0
        assert "Example: aipm " in result.stdout, command


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2999, 12, 31)))
def test_every_calendar_day_reads_back(day):
    assert parse_day(day.isoformat(), "--by") == day


@given(st.integers(1970, 2999), st.integers(1, 12), st.integers(29, 31))
def test_a_day_past_the_end_of_its_month_is_refused(year, month, day):
    try:
        expected = date(year, month, day)
    except ValueError:
        with pytest.raises(UsageError, match="is not a day of the calendar"):
            parse_day(f"{year}-{month:02d}-{day:02d}", "--follow-up")
    else:
        assert parse_day(f"{year}-{month:02d}-{day:02d}", "--follow-up") == expected


# The bundled question bank.


def test_the_bundled_bank_has_60_questions_a_quarter_behavioural_few_product():
    curriculum, _ = load_curriculum(None)
    questions = curriculum.questions
    assert len(questions) >= 60
    tags = Counter(t for q in questions for t in q.tags)
    assert tags["behavioural"] * 4 >= len(questions)
    assert 0 < tags["product"] <= len(questions) // 10
    assert len({q.text for q in questions}) == len(questions)
    for q in questions:
        assert q.items, q.id
        assert all(i in curriculum.item_map for i in q.items)
        assert re.match(r"^https?://[^/]+/.+", q.source), q.id
        assert q.as_of == "2026-12"


def test_a_question_naming_an_unknown_item_or_a_taken_id_is_reported_by_line(tmp_path: Path):
    text = MINI_CURRICULUM + (
        "questions:\n"
        "  - id: q.one\n"
        "    text: First.\n"
        "    tags: [pm]\n"
        "    items: [ai.nlpp]\n"
        "    source: https://example.com/q\n"
        '    as_of: "2026-12"\n'
        "  - id: q.one\n"
        "    text: Second.\n"
        "    tags: [pm]\n"
        "    source: https://example.com/q\n"
        '    as_of: "2026-12"\n'
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    nlpp = next(n for n, line in enumerate(lines, 1) if "ai.nlpp" in line)
    second = [n for n, line in enumerate(lines, 1) if "id: q.one" in line][1]
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    message = str(caught.value)
    unknown = f"{path}:{nlpp}: question q.one: unknown item 'ai.nlpp' (did you mean 'ai.nlp'?)"
    assert unknown in message
    assert f"{path}:{second}: duplicate question ID 'q.one'" in message


def test_the_reports_show_drill_retention_the_pipeline_and_the_stories(aipm, drill):
    aipm("drill", input="good\nagain\neasy\n")
    aipm("apply", "add", "Acme", "AI PM")
    aipm("apply", "move", "a1", "screen")
    aipm(
        "story", "add", "Late feed", "--situation", "The feed failed", "--task", "Keep scoring",
        "--action", "Added a fallback", "--result", "No missed run", "--item", "ml-basics",
    )  # fmt: skip
    markdown = aipm("export", "--format", "md").stdout
    assert (
        "## Interviews and applications\n"
        "\n"
        "Drill retention: 67% of 3 reviews recalled (rated hard, good or easy) over 3 of 3 "
        "questions; 0 due.\n"
        "\n"
        "| Application | Company | Role | Stage | Since |\n"
        "|---|---|---|---|---|\n"
        "| a1 | Acme | AI PM | screen | 2026-11-23 |\n"
    ) in markdown
    html = aipm("export", "--format", "html").stdout
    assert "Drill retention: <strong>67%</strong> of 3 reviews recalled" in html
    row = "<td><code>a1</code></td><td><bdi>Acme</bdi></td><td><bdi>AI PM</bdi></td><td>screen</td>"
    assert row in html
    pack = aipm("export", "--format", "evidence").stdout
    assert (
        "## Stories (situation, task, action, result)\n"
        "\n"
        "### Late feed\n"
        "\n"
        "- Situation: The feed failed\n"
        "- Task: Keep scoring\n"
        "- Action: Added a fallback\n"
        "- Result: No missed run\n"
        "\n"
        "Shows: `ai.ml-basics`.\n"
    ) in pack
