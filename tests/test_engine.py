"""The engine: readiness, gaps, next steps, item resolution (pure, on the mini
curriculum of conftest.py: ML basics 10 h core, NLP 20 h recommended after ML basics,
risk management 5 h core; role `entry` needs ML basics done at 2, NLP done at 1, risk
done: a schema-1 file, whose level requirements are read as ``need: both``). Level
practice counts 10 h a level (the default), so the role holds 10 + 20 + 20 + 10 + 5 =
65 h of work."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine
from aipm_tracker.curriculum import parse_curriculum
from aipm_tracker.errors import UnknownItemError, UsageError
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, Progress
from tests.conftest import MINI_CURRICULUM

CUR = parse_curriculum(MINI_CURRICULUM, "mini.yaml")
ROLE = CUR.role_map["entry"]
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def fresh() -> Progress:
    return Progress(
        schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="mini", version="1.0")
    )


def test_a_new_user_is_zero_percent_ready_with_every_level_missing() -> None:
    r = engine.readiness(CUR, fresh(), ROLE, TODAY)
    assert (r.requirements, r.met, r.hours_required, r.hours_done) == (3, 0, 65.0, 0.0)
    assert (r.levels_required, r.levels_met, r.level_gaps) == (2, 0, 2)
    assert r.percent == 0.0
    assert r.ready_on is None


def test_done_with_a_level_moves_hours_and_levels() -> None:
    p = changes.done(fresh(), "ai.ml-basics", AT, level=2)
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert (r.met, r.hours_done, r.levels_met) == (1, 30.0, 1)
    assert r.percent == pytest.approx(100 * 30 / 65)


def test_a_skipped_requirement_is_a_waiver_never_met_and_listed_last() -> None:
    p = changes.skip(fresh(), "ai.nlp", AT, reason="already fluent")
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert (r.requirements, r.met, r.waived, r.hours_required, r.hours_remaining) == (
        3,
        0,
        1,
        65.0,
        35.0,
    )
    found = engine.gaps(CUR, p, ROLE)
    assert [(g.item_id, g.waiver) for g in found] == [
        ("ai.ml-basics", None),
        ("pm.risk-management", None),
        ("ai.nlp", "already fluent"),
    ]


def test_every_requirement_waived_is_zero_percent_and_every_gap_stays() -> None:
    p = fresh()
    for item_id in ("ai.ml-basics", "ai.nlp", "pm.risk-management"):
        p = changes.skip(p, item_id, AT, reason="not for me")
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert (r.percent, r.met, r.waived, r.hours_remaining) == (0.0, 0, 3, 0.0)
    assert [g.waived for g in engine.gaps(CUR, p, ROLE)] == [True, True, True]


def test_all_met_but_one_waived_is_at_most_99_percent() -> None:
    p = changes.done(fresh(), "ai.ml-basics", AT, level=2)
    p = changes.done(p, "ai.nlp", AT, level=1)
    p = changes.skip(p, "pm.risk-management", AT, reason="done at work")
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert (r.hours_done, r.hours_required, r.percent) == (60.0, 65.0, pytest.approx(6000 / 65))
    p = changes.skip(p, "ai.nlp", AT, reason="x")
    p = changes.done(p, "pm.risk-management", AT)
    # 35 of 65 h, one waived: the share, never 100.
    assert engine.readiness(CUR, p, ROLE, TODAY).percent == pytest.approx(3500 / 65)


def test_ready_on_projects_remaining_hours_at_the_users_pace() -> None:
    p = changes.set_profile(fresh(), AT, hours_per_week=5)
    p = changes.done(p, "pm.risk-management", AT)
    r = engine.readiness(CUR, p, ROLE, TODAY)
    # 60 hours left at 5 h/week = 12 weeks = 84 days.
    assert r.ready_on == date(2027, 2, 15)


def test_gaps_are_ordered_core_first_and_say_what_is_missing() -> None:
    p = changes.done(fresh(), "ai.ml-basics", AT, level=1)
    found = engine.gaps(CUR, p, ROLE)
    assert [(g.item_id, g.needs_completion, g.needs_level, g.hours_remaining) for g in found] == [
        ("ai.ml-basics", False, True, 10.0),
        ("pm.risk-management", True, False, 5.0),
        ("ai.nlp", True, True, 30.0),
    ]


def test_no_gaps_once_everything_is_done_at_level() -> None:
    p = fresh()
    p = changes.done(p, "ai.ml-basics", AT, level=2)
    p = changes.done(p, "ai.nlp", AT, level=1)
    p = changes.done(p, "pm.risk-management", AT)
    assert engine.gaps(CUR, p, ROLE) == []
    assert engine.readiness(CUR, p, ROLE, TODAY).percent == 100.0


def test_next_ranks_by_the_documented_score_and_hides_blocked_items() -> None:
    steps = engine.next_steps(CUR, fresh(), ROLE)
    # ML basics: core 3 + target 3 + unlocks NLP 1 + effort -0.5 = 6.5
    # Risk: core 3 + target 3 + effort -0.25 = 5.75; NLP waits for ML basics.
    assert [(s.item_id, s.score) for s in steps] == [
        ("ai.ml-basics", 6.5),
        ("pm.risk-management", 5.75),
    ]
    assert [(t.name, t.points) for t in steps[0].terms] == [
        ("priority", 3.0),
        ("target", 3.0),
        ("unlocks", 1.0),
        ("effort", -0.5),
    ]


def test_starting_an_item_lifts_it_and_finishing_a_prerequisite_unblocks() -> None:
    p = changes.start(fresh(), "pm.risk-management", AT)
    assert engine.next_steps(CUR, p, ROLE)[0].item_id == "pm.risk-management"
    assert engine.next_steps(CUR, p, ROLE)[0].score == 7.75
    p = changes.done(p, "ai.ml-basics", AT)
    assert [s.item_id for s in engine.next_steps(CUR, p, ROLE)] == [
        "pm.risk-management",
        "ai.nlp",
    ]


def test_category_summaries_count_each_status() -> None:
    p = changes.done(fresh(), "ai.ml-basics", AT)
    p = changes.skip(p, "ai.nlp", AT)
    ai, pm = engine.category_summaries(CUR, p)
    assert (ai.total, ai.done, ai.in_progress, ai.todo, ai.skipped) == (2, 1, 0, 0, 1)
    assert (ai.hours_done, ai.hours_total, ai.percent) == (10.0, 10.0, 100.0)
    assert (pm.total, pm.todo, pm.percent) == (1, 1, 0.0)
    with pytest.raises(UsageError, match="no category 'nope'"):
        engine.category_summaries(CUR, p, "nope")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ai.nlp", "ai.nlp"),
        ("AI.NLP", "ai.nlp"),
        ("nlp", "ai.nlp"),
        ("ai.ml", "ai.ml-basics"),
        ("ml-basics", "ai.ml-basics"),
        ("risk", "pm.risk-management"),
        ("management", "pm.risk-management"),
    ],
)
def test_an_item_is_found_by_id_prefix_or_suffix(query: str, expected: str) -> None:
    assert engine.resolve_item(CUR, query) == expected


def test_an_ambiguous_prefix_lists_the_candidates() -> None:
    with pytest.raises(UnknownItemError) as info:
        engine.resolve_item(CUR, "ai")
    assert info.value.suggestions == ["ai.ml-basics", "ai.nlp"]
    assert info.value.exit_code == 2
    assert "ambiguous" in info.value.message


def test_an_unknown_item_suggests_close_ids() -> None:
    with pytest.raises(UnknownItemError) as info:
        engine.resolve_item(CUR, "ai.nlpp")
    assert info.value.suggestions[0] == "ai.nlp"
    assert info.value.message == "no item 'ai.nlpp' in this curriculum. Did you mean: ai.nlp?"


def test_an_unknown_role_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match=r"no target role 'boss' in this curriculum \(roles: entry\)"
    ):
        engine.resolve_role(CUR, fresh(), "boss")


def test_progress_on_items_the_curriculum_lost_is_reported_as_orphans() -> None:
    p = changes.done(fresh(), "ai.gone", AT)
    assert engine.orphans(CUR, p) == ["ai.gone"]
    assert engine.status_report(CUR, p, ROLE, TODAY).orphans == ["ai.gone"]


ACTIONS = st.sampled_from(["start", "done", "skip", "reset", "level"])
ITEMS = st.sampled_from(list(CUR.item_map))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(ACTIONS, ITEMS, st.integers(0, 5)), max_size=12))
def test_engine_invariants_hold_for_any_sequence_of_changes(
    steps: list[tuple[str, str, int]],
) -> None:
    p = fresh()
    for action, item, level in steps:
        if action == "start":
            p = changes.start(p, item, AT)
        elif action == "done":
            p = changes.done(p, item, AT, level=level)
        elif action == "skip":
            p = changes.skip(p, item, AT, reason="not for me")
        elif action == "reset":
            p = changes.reset(p, item, AT)
        else:
            p = changes.set_level(p, item, level, AT)
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert 0.0 <= r.percent <= 100.0
    assert r.met + r.waived <= r.requirements
    # 100% exactly when every requirement is met; a waiver is never met.
    assert (r.percent == 100.0) == (r.met == r.requirements)
    assert r.hours_done + r.hours_remaining <= r.hours_required + 1e-9
    summaries = engine.category_summaries(CUR, p)
    assert sum(s.total for s in summaries) == len(CUR.items)
    for s in summaries:
        assert s.done + s.in_progress + s.todo + s.skipped == s.total
    steps_ = engine.next_steps(CUR, p, ROLE)
    assert all(engine.state(p, s.item_id).status in ("todo", "in_progress") for s in steps_)
    assert all(not engine.blocked_by(CUR, p, s.item_id) for s in steps_)
    assert [s.score for s in steps_] == sorted((s.score for s in steps_), reverse=True)
    found = engine.gaps(CUR, p, ROLE)
    assert len(found) == r.requirements - r.met
    assert all(g.waived == (engine.state(p, g.item_id).status == "skipped") for g in found)


def test_a_readiness_date_beyond_the_calendar_is_none_not_a_crash() -> None:
    from aipm_tracker.models import Curriculum

    data = CUR.model_dump()
    data["items"] = [
        {**data["items"][0], "id": f"ai.big-{n}", "effort_hours": 100_000, "prerequisites": []}
        for n in range(40)
    ]
    data["roles"] = [
        {"id": "entry", "title": "E", "requirements": [{"item": f"ai.big-{n}"} for n in range(40)]}
    ]
    big = Curriculum.model_validate(data)
    p = changes.set_profile(fresh(), AT, hours_per_week=0.5)
    assert engine.readiness(big, p, big.role_map["entry"], TODAY).ready_on is None
