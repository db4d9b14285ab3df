"""Issue 12: requirements that mean what they say (need, any_of, extends), waivers
that are never met, quantities, unknown and estimated effort, the curriculum's own
level scale, stale facts, and the loader's words for files the engine cannot use."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine
from aipm_tracker.curriculum import parse_curriculum
from aipm_tracker.errors import CurriculumError
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, Progress
from tests.conftest import FIXED_NOW, progress_path

TODAY = date(2026, 11, 23)

SCHEMA_2 = """\
schema_version: 2
id: two
version: "1"
title: Two
hours_per_level: 4
levels:
  - {value: 0, name: none}
  - {value: 1, name: aware}
  - {value: 2, name: practised}
  - {value: 3, name: leading}
categories:
  - {id: skills, title: Skills}
  - {id: certs, title: Certificates}
items:
  - {id: s.talk, title: Talking, category: skills, kind: skill, summary: s, why: w,
     effort_hours: 6, priority: core}
  - {id: s.plan, title: Planning, category: skills, kind: skill, summary: s, why: w,
     effort_hours: null, priority: core}
  - {id: c.one, title: Cert one, category: certs, kind: certification, summary: s, why: w,
     effort_hours: 20, priority: core, as_of: "2024-06"}
  - {id: c.two, title: Cert two, category: certs, kind: certification, summary: s, why: w,
     effort_hours: 8, effort_confidence: unconfirmed, priority: core}
  - {id: c.hours, title: Contact hours, category: certs, kind: education, summary: s,
     why: w, effort_hours: 35, quantity: {unit: hours, target: 35}, priority: core}
roles:
  - id: base
    title: Base
    requires:
      - {item: s.talk, level: 2}
      - title: a certificate
        any_of: [{item: c.one}, {item: c.two}]
  - id: more
    title: More
    extends: base
    requires:
      - {item: s.talk, level: 3}
      - {item: s.plan, level: 1, need: both}
      - {item: c.hours}
"""

CUR = parse_curriculum(SCHEMA_2, "two.yaml")
BASE, MORE = CUR.role_map["base"], CUR.role_map["more"]
AT = FIXED_NOW


def fresh() -> Progress:
    return Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="two", version="1"))


# ----------------------------------------------------------------- need, any_of


def test_a_level_requirement_is_met_by_reaching_the_level_alone() -> None:
    p = changes.set_level(fresh(), "s.talk", 2, AT)
    statuses = engine.role_status(CUR, p, BASE)
    assert [rs.standing for rs in statuses] == ["met", "open"]


def test_any_option_of_a_group_meets_it_and_its_cheapest_option_is_counted() -> None:
    r = engine.readiness(CUR, fresh(), BASE, TODAY)
    # s.talk: 2 levels x 4 h; the group: its cheaper option, c.two's 8 h.
    assert (r.hours_required, r.requirements) == (16.0, 2)
    p = changes.done(fresh(), "c.one", AT)
    gaps = engine.gaps(CUR, p, BASE)
    assert [g.item_id for g in gaps] == ["s.talk"]


def test_an_extending_role_holds_its_base_and_replaces_the_same_items() -> None:
    reqs = CUR.requirements(MORE)
    assert [getattr(r, "item", getattr(r, "title", None)) for r in reqs] == [
        "a certificate",
        "s.talk",
        "s.plan",
        "c.hours",
    ]
    assert reqs[1].level == 3
    assert (
        engine.readiness(CUR, fresh(), MORE, TODAY).hours_required
        >= engine.readiness(CUR, fresh(), BASE, TODAY).hours_required
    )


def test_unknown_effort_is_left_out_of_the_hours_and_counted_apart() -> None:
    r = engine.readiness(CUR, fresh(), MORE, TODAY)
    # s.plan's effort is unknown: the whole requirement is left out (both parts).
    assert (r.unknown, r.hours_required) == (1, 8.0 + 12.0 + 35.0)
    gap = next(g for g in engine.gaps(CUR, fresh(), MORE) if g.item_id == "s.plan")
    assert gap.hours_remaining is None


def test_waived_never_met_and_never_100_percent() -> None:
    p = changes.set_level(fresh(), "s.talk", 2, AT)
    p = changes.skip(p, "c.one", AT, reason="no")
    p = changes.skip(p, "c.two", AT, reason="not either")
    r = engine.readiness(CUR, p, BASE, TODAY)
    assert (r.met, r.waived, r.percent) == (1, 1, 50.0)
    waived = [g for g in engine.gaps(CUR, p, BASE) if g.waived]
    assert [(g.title, g.options, g.waiver) for g in waived] == [
        ("a certificate", ["c.one", "c.two"], "no; not either")
    ]


# ------------------------------------------------------------------- quantities


def test_an_amount_counts_its_hours_and_reaching_the_target_finishes_it() -> None:
    p = changes.record_amount(fresh(), "c.hours", 12, 35, AT)
    assert (p.items["c.hours"].status, p.items["c.hours"].amount) == ("in_progress", 12.0)
    r = engine.readiness(CUR, p, MORE, TODAY)
    assert r.hours_done == 12.0
    p = changes.record_amount(p, "c.hours", 23, 35, AT)
    assert (p.items["c.hours"].status, p.items["c.hours"].completed_at) == ("done", AT)
    assert changes.undo(p).items["c.hours"].amount == 12.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-40, max_value=40, allow_nan=False), max_size=8))
def test_the_recorded_amount_is_the_sum_and_never_below_zero(amounts: list[float]) -> None:
    from aipm_tracker.errors import UsageError

    p, total = fresh(), 0.0
    for amount in amounts:
        try:
            p = changes.record_amount(p, "c.hours", amount, 35, AT)
            total += amount
        except UsageError:
            assert total + amount < 0
    recorded = p.items["c.hours"].amount if "c.hours" in p.items else None
    assert recorded is None or (recorded == pytest.approx(total) and recorded >= 0)
    if recorded is not None:
        assert (p.items["c.hours"].status == "done") == (recorded >= 35)


def test_aipm_amount_shows_12_of_35_h_and_refuses_what_it_cannot_take(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(SCHEMA_2, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    result = aipm("amount", "c.hours", "12")
    assert result.exit_code == 0, result.output
    assert result.stdout == "c.hours: 12 of 35 h. Undo with: aipm undo\n"
    assert "12 of 35 h" in aipm("list").stdout
    assert "12 of 35 h" in aipm("gaps", "--target", "more").stdout
    stored = progress_path(isolated, "two").read_bytes()
    refused = aipm("amount", "c.hours", "-13")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: that would leave -1 recorded on c.hours; an amount cannot go below 0\n",
    )
    not_measured = aipm("amount", "s.talk", "3")
    assert not_measured.exit_code == 2
    assert "s.talk is not measured in amounts" in not_measured.stderr
    assert progress_path(isolated, "two").read_bytes() == stored
    done = aipm("amount", "c.hours", "35", "--set")
    assert done.stdout == "c.hours: 35 of 35 h. Target reached: done. Undo with: aipm undo\n"


# -------------------------------------------------------------- the CLI, as a user


def test_skipping_a_requirement_needs_a_reason_and_nothing_is_stored_without(
    aipm: Callable[..., Result], isolated: Path
) -> None:
    result = aipm("skip", "pm.risk-management")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: pm.risk-management is a requirement of your target role ai-pm-entry, so "
        "skipping it waives it: say why with --reason TEXT"
    )
    assert not progress_path(isolated).exists()
    # An item no role requires can still be skipped without one.
    assert aipm("skip", "edu.degree").exit_code == 0


def test_skipping_every_requirement_is_never_100_percent_nor_no_gaps(
    aipm: Callable[..., Result],
) -> None:
    options = [o for g in json.loads(aipm("gaps", "--json").stdout) for o in g["options"]]
    for item_id in options:
        assert aipm("skip", item_id, "--reason", "not for me").exit_code == 0
    status = aipm("status").stdout
    assert "0% ready; 32 waived" in status
    assert "100%" not in status
    gaps = aipm("gaps").stdout
    assert gaps.startswith("Gaps for AI project manager (entry): 0 open requirements")
    assert "32 waived" in gaps and "No gaps" not in gaps
    assert "32 requirements of ai-pm-entry waived" in aipm("next").stdout
    pack = aipm("export", "--format", "evidence").stdout
    assert "0 of 32 requirements are backed by evidence; 0 still lack it; 32 waived" in pack
    doc = json.loads(aipm("status", "--json").stdout)["readiness"]
    assert (doc["percent"], doc["met"], doc["waived"]) == (0.0, 0, 32)


def test_done_psm_1_removes_the_scrum_certificate_gap(aipm: Callable[..., Result]) -> None:
    def titles() -> list[str]:
        return [g["title"] for g in json.loads(aipm("gaps", "--json").stdout)]

    assert "a Scrum certificate" in titles()
    assert aipm("done", "cert.psm-1").exit_code == 0
    assert "a Scrum certificate" not in titles()


def test_setting_a_level_meets_a_level_requirement(aipm: Callable[..., Result]) -> None:
    def ids() -> list[str]:
        return [g["item"] for g in json.loads(aipm("gaps", "--json").stdout)]

    assert "ai.nlp" in ids()
    assert aipm("level", "ai.nlp", "2").exit_code == 0
    assert "ai.nlp" not in ids()


def test_a_curriculums_own_level_scale_is_named_and_enforced(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(SCHEMA_2, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    out = aipm("level", "s.talk", "2").stdout
    assert out.startswith("Level of s.talk set to 2 (practised).")
    refused = aipm("level", "s.talk", "4")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: 4 is not a level of this curriculum's scale "
        "(0 none, 1 aware, 2 practised, 3 leading)\n"
    )
    gaps = aipm("gaps", "--target", "more").stdout
    assert "(0-3: 0 none, 1 aware, 2 practised, 3 leading)" in " ".join(gaps.split())


def test_show_marks_a_fact_over_12_months_old_and_estimated_effort(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(SCHEMA_2, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    shown = " ".join(aipm("show", "c.one").stdout.split())
    assert "As of 2024-06 (over 12 months old: due for a check)" in shown
    assert " ".join(aipm("show", "c.two").stdout.split()).count("~8 hours (an estimate") == 1
    assert "due for a check" not in aipm("show", "c.two").stdout
    assert json.loads(aipm("show", "c.one", "--json").stdout)["stale"] == ["item"]


# ---------------------------------------------------------------------- the loader


def problems(text: str) -> list[str]:
    with pytest.raises(CurriculumError) as info:
        parse_curriculum(text, "c.yaml")
    return info.value.problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "categories:\n  - {id: skills, title: Skills}\n  - {id: certs, title: Certificates}",
            "categories: []",
            "c.yaml:11: categories: must have at least 1 entry",
        ),
        (
            'as_of: "2024-06"',
            "as_of: 2024-06-01",
            "c.yaml:20: items[2].as_of: 2024-06-01 is not quoted: quote the month the figure "
            "was checked, as as_of: '2025-07'",
        ),
        (
            "- {item: s.plan, level: 1, need: both}",
            "- {item: s.plan, need: both}",
            "c.yaml:37: roles[1].requires[1]: need: both asks for a level: add level: 0-5",
        ),
        (
            "extends: base",
            "extends: bass",
            "c.yaml:34: role more: extends 'bass', which is not a role here",
        ),
        (
            "      - title: a certificate\n",
            "      - title: ''\n",
            "c.yaml:30: roles[0].requires[1].title: must be at least 1 character long",
        ),
    ],
)
def test_a_file_the_engine_cannot_use_is_a_file_line_error(
    old: str, new: str, expected: str
) -> None:
    assert old in SCHEMA_2
    found = problems(SCHEMA_2.replace(old, new))
    assert expected in found, found


def test_roles_extending_each_other_are_one_error() -> None:
    text = SCHEMA_2.replace("    title: Base\n", "    title: Base\n    extends: more\n")
    found = [p for p in problems(text) if "circle" in p]
    assert found == ["c.yaml:28: roles extend each other in a circle: base -> more -> base"]


def test_doctor_and_the_reports_name_the_facts_due_for_a_check(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(SCHEMA_2, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    doctor = aipm("doctor")
    assert (
        "ok    facts          1 item with facts over 12 months old, due for a check against "
        "their sources (aipm show ITEM lists them): c.one (as of 2024-06)\n" in doctor.stdout
    )
    md = aipm("export", "--format", "md").stdout
    assert (
        "## Facts due for a check\n\nThese items' figures were checked against their sources "
        "over 12 months ago: `c.one`.\n" in md
    )
    assert json.loads(aipm("status", "--json").stdout)["due_for_check"] == ["c.one"]


def test_a_problem_repeated_on_many_entries_is_reported_once_with_its_lines() -> None:
    text = SCHEMA_2.replace("priority: core", "priority: urgent")
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith("c.yaml:16: items[0].priority: must be one of")
    assert found[0].endswith("(got 'urgent') (the same on 4 more lines: 18, 20, 22, 24)")


def test_the_csv_marks_estimated_effort_and_carries_the_amount() -> None:
    import csv
    import io

    from aipm_tracker.render import csvdoc

    p = changes.record_amount(fresh(), "c.hours", 12, 35, AT)
    out = csvdoc.export(engine.report_entries(CUR, p, MORE))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))}
    assert (rows["c.two"]["effort_hours"], rows["c.two"]["effort_estimated"]) == ("8", "yes")
    assert (rows["s.plan"]["effort_hours"], rows["s.plan"]["effort_estimated"]) == ("", "")
    assert (rows["c.hours"]["effort_hours"], rows["c.hours"]["amount"]) == ("35", "12")


def test_once_a_group_is_met_its_other_options_lose_the_target_term() -> None:
    def target_points(p: Progress) -> dict[str, bool]:
        steps = engine.next_steps(CUR, p, BASE)
        return {s.item_id: any(t.name == "target" for t in s.terms) for s in steps}

    # (s.plan and c.hours are required by the other role only.)
    assert target_points(fresh()) == {
        "s.talk": True, "s.plan": False, "c.one": True, "c.two": True, "c.hours": False,
    }  # fmt: skip
    after = target_points(changes.done(fresh(), "c.two", AT))
    assert after == {"s.talk": True, "s.plan": False, "c.one": False, "c.hours": False}


def test_meeting_a_group_with_its_larger_option_keeps_the_denominator() -> None:
    before = engine.readiness(CUR, fresh(), BASE, TODAY).hours_required
    after = engine.readiness(CUR, changes.done(fresh(), "c.one", AT), BASE, TODAY)
    # c.one (20 h) meets the group whose cheapest option is c.two (8 h): 8 h are done.
    assert (before, after.hours_required, after.hours_done) == (16.0, 16.0, 8.0)


def test_a_group_gap_has_the_priority_of_its_most_important_option(
    aipm: Callable[..., Result],
) -> None:
    # CSM is recommended, PSM I optional: the group is listed as recommended, though
    # the hours counted are PSM I's (the cheapest option).
    group = next(
        g for g in json.loads(aipm("gaps", "--json").stdout) if g["title"] == "a Scrum certificate"
    )
    assert (group["priority"], group["item"]) == ("recommended", "cert.psm-1")
