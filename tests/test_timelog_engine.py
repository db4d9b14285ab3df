"""Issue 14 items 2 and 5: the duration parser, the time-log changes and the plan
against what was done (planned value, earned value, SV and SPI), with property tests
for the parser's round trip and for SPI."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine, timelog
from aipm_tracker.durations import parse_duration, spoken
from aipm_tracker.errors import UsageError
from aipm_tracker.models import SCHEMA_VERSION, Curriculum, CurriculumRef, Progress

MONDAY = date(2026, 11, 2)
"""The first week of the examples: Monday 2 November 2026."""


def curriculum(*efforts: float) -> Curriculum:
    """A curriculum of items ``c.i0``, ``c.i1``... of these study hours, each
    required by role ``r`` (no level)."""
    items = [
        {"id": f"c.i{n}", "title": f"Item {n}", "category": "c", "kind": "skill", "summary": "s",
         "why": "w", "effort_hours": e, "priority": "core"}
        for n, e in enumerate(efforts)
    ]  # fmt: skip
    return Curriculum.model_validate(
        {
            "schema_version": 2, "id": "gen", "version": "1", "title": "Generated",
            "categories": [{"id": "c", "title": "C"}], "items": items,
            "roles": [{"id": "r", "title": "R",
                       "requires": [{"item": i["id"]} for i in items]}],
        }
    )  # fmt: skip


def fresh(pace: float | None = None, set_at: datetime | None = None) -> Progress:
    """A progress file whose pace was set (one ``target`` event) at ``set_at``."""
    progress = Progress(
        schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="gen", version="1")
    )
    if pace is not None:
        progress = changes.set_profile(
            progress, set_at or datetime(2026, 10, 1, tzinfo=UTC), hours_per_week=pace
        )
    return progress


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def logged(progress: Progress, item: str, minutes: int, day: date) -> Progress:
    return timelog.log_time(
        progress, item, minutes, noon(day) + timedelta(hours=1), as_of=noon(day)
    )


# The duration parser


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("90m", 90), ("1.5h", 90), ("1h30m", 90), ("2h", 120), (" 1 H 30 MIN ", 90),
     ("1.33h", 80), (".5h", 30), ("2 hours", 120), ("24h", 1440), ("1m", 1)],
)  # fmt: skip
def test_a_duration_is_read_as_whole_minutes(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "words"),
    [("0", "is no time"), ("0h0m", "less than a minute"), ("-3h", "is negative"),
     ("abc", "is not a duration"), ("1h99x", "is not a duration"), ("", "is not a duration"),
     ("h", "is not a duration"), ("1h 2h", "is not a duration"), ("1441m", "longer than a day")],
)  # fmt: skip
def test_a_bad_duration_says_what_is_wrong_in_our_words(text: str, words: str) -> None:
    with pytest.raises(UsageError, match=words) as caught:
        parse_duration(text)
    assert caught.value.exit_code == 2


@given(
    hours=st.integers(min_value=0, max_value=23),
    minutes=st.integers(min_value=0, max_value=59),
    spaced=st.booleans(),
    upper=st.booleans(),
)
def test_any_hours_and_minutes_written_out_read_back_as_the_same_minutes(
    hours: int, minutes: int, spaced: bool, upper: bool
) -> None:
    total = hours * 60 + minutes
    if total == 0:
        return
    gap = " " if spaced else ""
    parts = ([f"{hours}{gap}h"] if hours else []) + ([f"{minutes}{gap}m"] if minutes else [])
    text = gap.join(parts)
    assert parse_duration(text.upper() if upper else text) == total
    assert parse_duration(spoken(total)) == total


@given(st.integers(min_value=1, max_value=24 * 60))
def test_spoken_minutes_read_back_exactly(minutes: int) -> None:
    assert parse_duration(spoken(minutes)) == minutes


# The changes


def test_logging_adds_one_event_that_undo_reverts_exactly() -> None:
    progress = fresh(6)
    after = logged(progress, "c.i0", 90, MONDAY)
    assert [e.id for e in after.time_log] == ["t1"]
    assert after.items["c.i0"].status == "in_progress"
    assert after.items["c.i0"].started_at == noon(MONDAY)
    assert len(after.history) == len(progress.history) + 1
    assert changes.undo(after) == progress


def test_logging_before_an_items_start_moves_its_start_back() -> None:
    progress = changes.start(fresh(), "c.i0", noon(MONDAY + timedelta(days=3)))
    after = logged(progress, "c.i0", 30, MONDAY)
    assert after.items["c.i0"].started_at == noon(MONDAY)
    assert changes.undo(after) == progress


def test_a_removal_and_its_undo_put_the_entry_back_where_it_was() -> None:
    progress = fresh()
    for n in range(3):
        progress = logged(progress, "c.i0", 10 + n, MONDAY)
    removed = timelog.remove_entry(progress, "T2", noon(MONDAY) + timedelta(hours=2))
    assert [e.id for e in removed.time_log] == ["t1", "t3"]
    assert changes.undo(removed) == progress


def test_minutes_add_up_to_exact_hours() -> None:
    amount = None
    for _ in range(3):
        amount = timelog.plus_minutes(amount, 20)
    assert amount == 1.0
    tenths = None
    for _ in range(3):
        tenths = timelog.plus_minutes(tenths, 6)
    assert tenths == 0.3
    assert timelog.plus_minutes(0.5, -60) == 0.0


# The plan against what was done


def test_pace_in_effect_follows_the_history_and_backdated_weeks_take_the_first_pace() -> None:
    progress = fresh(6, datetime(2026, 11, 10, tzinfo=UTC))
    progress = changes.set_profile(progress, datetime(2026, 11, 20, tzinfo=UTC), hours_per_week=9)
    assert engine.pace_at(progress, datetime(2026, 11, 1, tzinfo=UTC)) == 6  # before any: first
    assert engine.pace_at(progress, datetime(2026, 11, 15, tzinfo=UTC)) == 6
    assert engine.pace_at(progress, datetime(2026, 11, 21, tzinfo=UTC)) == 9
    assert engine.pace_at(fresh(), datetime(2026, 11, 21, tzinfo=UTC)) is None


def test_three_weeks_of_a_hand_worked_example() -> None:
    """6 h/week planned. Week 1: 4 h on i0 (budget 10). Week 2: 6 h more on i0, which
    is then done (earned capped at 10), and 2 h on i1. Week 3: i2 (budget 5) done after
    1 h: it earns its whole 5 h. Earned: 4, 6 + 2 = 8, 5; planned 6 each week."""
    c = curriculum(10, 20, 5)
    p = fresh(6)
    p = logged(p, "c.i0", 240, MONDAY)
    p = logged(p, "c.i0", 360, MONDAY + timedelta(days=7))
    p = changes.done(p, "c.i0", noon(MONDAY + timedelta(days=8)))
    p = logged(p, "c.i1", 120, MONDAY + timedelta(days=9))
    p = logged(p, "c.i2", 60, MONDAY + timedelta(days=14))
    p = changes.done(p, "c.i2", noon(MONDAY + timedelta(days=15)))
    a = engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=21), UTC)
    assert a is not None
    assert [(w.start, w.planned, w.logged, w.earned) for w in a.weeks] == [
        (MONDAY, 6, 4, 4),
        (MONDAY + timedelta(days=7), 6, 8, 8),
        (MONDAY + timedelta(days=14), 6, 1, 5),
    ]
    assert [round(w.spi or 0, 3) for w in a.weeks] == [0.667, 1.333, 0.833]
    assert (a.planned, a.logged, a.earned, a.variance) == (18, 13, 17, -1)
    assert a.spi == pytest.approx(17 / 18)


def test_no_past_week_without_time_logged_before_this_week() -> None:
    c = curriculum(10)
    p = logged(fresh(6), "c.i0", 60, MONDAY)
    assert engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=3), UTC) is None
    assert engine.actual(c, fresh(6), c.roles[0], MONDAY, UTC) is None


def one_skill_at_level_2() -> Curriculum:
    """One 5-hour skill that the role asks at level 2, at 10 h of practice a level:
    a budget of 5 + 2 x 10 = 25 h."""
    return Curriculum.model_validate(
        {
            "schema_version": 2, "id": "gen", "version": "1", "title": "G",
            "hours_per_level": 10, "categories": [{"id": "c", "title": "C"}],
            "items": [{"id": "c.i0", "title": "I", "category": "c", "kind": "skill",
                       "summary": "s", "why": "w", "effort_hours": 5, "priority": "core"}],
            "roles": [{"id": "r", "title": "R", "requires": [{"item": "c.i0", "level": 2}]}],
        }
    )  # fmt: skip


def test_level_practice_is_part_of_an_items_budget() -> None:
    c = one_skill_at_level_2()
    p = fresh(30)
    for day in range(3):
        p = logged(p, "c.i0", 10 * 60, MONDAY + timedelta(days=day))
    a = engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=7), UTC)
    assert a is not None and a.earned == 25  # 5 h study + 2 levels x 10 h, not 30


@settings(max_examples=60, deadline=None)
@given(
    pace=st.integers(min_value=1, max_value=16),
    weeks=st.integers(min_value=1, max_value=8),
    ratio=st.sampled_from([0.5, 1.0, 1.5]),
)
def test_spi_is_the_share_of_the_planned_hours_logged_on_open_work(
    pace: int, weeks: int, ratio: float
) -> None:
    """Logging ``ratio`` x the pace every week on an item far larger than the work
    gives SPI == ratio in every week and in total (1 when logged == planned), and SV
    == (ratio - 1) x the planned hours."""
    c = curriculum(10_000)
    p = fresh(pace)
    for n in range(weeks):
        p = logged(p, "c.i0", round(pace * ratio * 60), MONDAY + timedelta(days=7 * n + 2))
    a = engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=7 * weeks), UTC)
    assert a is not None and len(a.weeks) == weeks
    assert all(w.spi == pytest.approx(ratio) for w in a.weeks)
    assert a.spi == pytest.approx(ratio)
    assert a.variance == pytest.approx((ratio - 1) * pace * weeks)


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=600), min_size=1, max_size=6),
    budget=st.integers(min_value=1, max_value=40),
)
def test_earned_never_exceeds_the_budget_nor_the_logged_hours_of_open_work(
    minutes: list[int], budget: int
) -> None:
    c = curriculum(budget)
    p = fresh(6)
    for n, m in enumerate(minutes):
        if m:
            p = logged(p, "c.i0", m, MONDAY + timedelta(days=7 * n))
    a = engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=7 * len(minutes)), UTC)
    if a is None:
        assert not any(minutes)
        return
    assert a.earned <= budget + 1e-9
    assert a.earned <= a.logged + 1e-9
    assert a.earned == pytest.approx(sum(w.earned for w in a.weeks))
    assert a.planned == 6 * len(a.weeks)


def test_this_weeks_hours_and_the_observed_pace() -> None:
    p = fresh(6)
    p = logged(p, "c.i0", 240, MONDAY)  # 3 weeks before the week of "now"
    p = logged(p, "c.i0", 120, MONDAY + timedelta(days=20))
    p = logged(p, "c.i0", 90, MONDAY + timedelta(days=22))  # this week
    w = engine.week_log(p, noon(MONDAY + timedelta(days=23)), UTC)
    assert w == engine.WeekLog(
        week=MONDAY + timedelta(days=21), hours=1.5, hours_per_week=6, observed=2.0,
        window_weeks=3, completed=0, entries=3,
    )  # fmt: skip


def test_a_done_item_earns_its_study_and_each_required_level_reached() -> None:
    """Budget 5 h study + 2 levels x 10 h. Week 1: 1 h logged, then done at level 1
    (earns 5 + 10 = 15, more than the 1 h logged). Week 2: level 2 (10 more)."""
    c = one_skill_at_level_2()
    p = logged(fresh(6), "c.i0", 60, MONDAY)
    p = changes.done(p, "c.i0", noon(MONDAY + timedelta(days=1)), level=1)
    p = changes.set_level(p, "c.i0", 2, noon(MONDAY + timedelta(days=8)))
    a = engine.actual(c, p, c.roles[0], MONDAY + timedelta(days=14), UTC)
    assert a is not None
    assert [w.earned for w in a.weeks] == [15, 10]
    assert a.earned == 25


def test_the_week_is_the_users_iso_week_in_their_time_zone() -> None:
    """Sunday 22 November 20:00 UTC is Monday 09:00 in Auckland (UTC+13): this week
    there, last week in UTC."""
    from datetime import timezone

    auckland = timezone(timedelta(hours=13))
    spent = datetime(2026, 11, 22, 20, tzinfo=UTC)
    p = timelog.log_time(fresh(6), "c.i0", 60, spent + timedelta(hours=1), as_of=spent)
    now = datetime(2026, 11, 24, 1, tzinfo=UTC)
    assert engine.week_log(p, now, auckland).hours == 1.0
    assert engine.week_log(p, now, UTC).hours == 0.0
    listed = engine.log_list(curriculum(10), p, auckland, week=date(2026, 11, 23))
    assert [(r.id, r.day) for r in listed.entries] == [("t1", date(2026, 11, 23))]
