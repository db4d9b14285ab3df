"""Certifications from eligibility to renewal, as the engine and the pure changes see
them: months of experience (overlaps once, inside the window), each eligibility rule,
renewal periods, and every change reverted exactly by undo."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipm_tracker import cert_changes, changes, engine
from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.errors import UsageError
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, Experience, Progress
from aipm_tracker.store import serialize

AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
TODAY = AT.date()


def entry(n: int, start: str, end: str | None, kind: str = "project-lead") -> Experience:
    return Experience.model_validate(
        {"id": f"e{n}", "title": f"Project {n}", "from": start, "to": end, "kind": kind}
    )


def fresh() -> Progress:
    return Progress(
        schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="aipm-default", version="x")
    )


@pytest.fixture(scope="module")
def bundled():
    curriculum, _ = load_curriculum(None)
    return curriculum


# ------------------------------------------------------------------ months counted


def test_three_overlapping_projects_count_each_month_once_inside_the_8_year_window() -> None:
    # This month is 2026-11, so PMP's 96 months run from 2018-12 to 2026-11.
    #   e1 2017-06..2019-05: 24 months, of which 2018-12..2019-05 (6) are in the window
    #   e2 2019-03..2020-02: 12 months, 2019-03..2019-05 (3) shared with e1
    #   e3 2019-10..2020-12: 15 months, 2019-10..2020-02 (5) shared with e2
    # 6 + 12 + 15 - 3 - 5 = 25: every month from 2018-12 to 2020-12 once.
    entries = [
        entry(1, "2017-06", "2019-05"),
        entry(2, "2019-03", "2020-02"),
        entry(3, "2019-10", "2020-12"),
    ]
    assert engine.experience_months(entries, "project-lead", "2026-11", 96) == 25
    assert engine.experience_months(entries, "agile", "2026-11", 60) == 0


def test_both_ends_count_and_an_ongoing_entry_runs_to_this_month() -> None:
    assert (
        engine.experience_months([entry(1, "2023-01", "2023-03")], "project-lead", "2026-11", 96)
        == 3
    )
    assert (
        engine.experience_months([entry(1, "2026-01", None)], "project-lead", "2026-11", 96) == 11
    )
    # A window of 5 years (PMI-ACP) leaves out what ended before 2021-12.
    assert (
        engine.experience_months([entry(1, "2020-01", "2021-12", "agile")], "agile", "2026-11", 60)
        == 1
    )


months = st.integers(min_value=2000 * 12, max_value=2026 * 12 + 10)


@st.composite
def periods(draw: st.DrawFn) -> list[Experience]:
    found = []
    for n in range(draw(st.integers(0, 8))):
        start = draw(months)
        end = draw(st.one_of(st.none(), st.integers(start, 2026 * 12 + 10)))
        kind = draw(st.sampled_from(["project-lead", "agile"]))
        found.append(
            entry(
                n + 1,
                engine.certs.month_text(start),
                engine.certs.month_text(end) if end else None,
                kind,
            )
        )
    return found


@given(periods(), st.integers(1, 400), st.randoms(use_true_random=False))
def test_months_never_exceed_the_window_and_do_not_depend_on_order(entries, window, rnd) -> None:
    count = engine.experience_months(entries, "project-lead", "2026-11", window)
    assert 0 <= count <= window
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    assert engine.experience_months(shuffled, "project-lead", "2026-11", window) == count


@given(periods(), periods(), st.integers(1, 400))
def test_adding_an_entry_never_lowers_the_months(entries, more, window) -> None:
    before = engine.experience_months(entries, "project-lead", "2026-11", window)
    after = engine.experience_months([*entries, *more], "project-lead", "2026-11", window)
    assert after >= before


@given(periods(), st.integers(1, 400))
def test_months_are_the_distinct_months_a_person_would_tick(entries, window) -> None:
    now = 2026 * 12 + 10
    ticked = {
        m
        for e in entries
        if e.kind == "project-lead"
        for m in range(
            engine.certs.month_number(e.from_),
            (engine.certs.month_number(e.to) if e.to else now) + 1,
        )
        if now - window < m <= now
    }
    assert engine.experience_months(entries, "project-lead", "2026-11", window) == len(ticked)


# ----------------------------------------------------------------- the checklist


def pmp(bundled, progress) -> list:
    return engine.cert_status(bundled, progress, "cert.pmp", TODAY).checklist


def test_without_a_degree_pmp_shows_both_thresholds_and_cannot_tell(bundled) -> None:
    p = fresh().model_copy(update={"experience": [entry(1, "2022-01", "2023-12")]})
    experience, education = pmp(bundled, p)
    assert experience.met is None
    assert [(o.amount, o.target) for o in experience.options] == [(24.0, 36.0), (24.0, 60.0)]
    assert experience.text.startswith("degree not given (aipm target --degree four-year|secondary)")
    assert education.text == "35 contact hours of PM education: 0 of 35 h, or an active CAPM: no"
    assert education.missing == "35 h more (edu.pm-contact-hours) or an active CAPM"


def test_a_4_year_degree_asks_36_months_and_a_secondary_diploma_60(bundled) -> None:
    p = fresh().model_copy(update={"experience": [entry(1, "2022-01", "2023-12")]})
    degree = changes.set_profile(p, AT, degree="four-year")
    [only] = pmp(bundled, degree)[0].options
    assert (only.text, only.missing) == (
        "experience leading projects: 24 of 36 months in the last 8 years (with a 4-year degree)",
        "12 more months of leading projects (with a 4-year degree)",
    )
    secondary = changes.set_profile(p, AT, degree="secondary")
    assert [(o.target, o.met) for o in pmp(bundled, secondary)[0].options] == [(60.0, False)]


def test_contact_hours_come_from_the_quantity_items_amount_or_an_active_capm(bundled) -> None:
    p = changes.record_amount(fresh(), "edu.pm-contact-hours", 12, 35, AT)
    education = pmp(bundled, p)[1]
    assert (education.met, education.options[0].text) == (
        False,
        "35 contact hours of PM education: 12 of 35 h",
    )
    assert education.missing == "23 h more (edu.pm-contact-hours) or an active CAPM"
    capm = cert_changes.mark_earned(p, "cert.capm", date(2025, 5, 1), None, TODAY, AT)
    assert pmp(bundled, capm)[1].met is True
    full = changes.record_amount(fresh(), "edu.pm-contact-hours", 35, 35, AT)
    assert pmp(bundled, full)[1].met is True


def test_pmi_acp_rules_are_all_unconfirmed(bundled) -> None:
    status = engine.cert_status(bundled, fresh(), "cert.pmi-acp", TODAY)
    assert [c.unconfirmed for c in status.checklist] == [True, True, True]
    # The degree is not given (cannot tell), but no agile months is a plain no.
    assert [c.met for c in status.checklist] == [None, False, False]
    assert status.eligible is False


def test_a_capm_lapses_when_a_finished_period_lacked_its_credits(bundled) -> None:
    p = cert_changes.mark_earned(fresh(), "cert.capm", date(2022, 1, 10), None, TODAY, AT)
    status = engine.cert_status(bundled, p, "cert.capm", TODAY)
    assert status.renewal.period_start == date(2025, 1, 10)
    assert status.renewal.due_on == date(2028, 1, 10)
    assert status.active is False
    for n in range(3):
        p = cert_changes.log_credit(p, "cert.capm", 5, None, date(2023, 6, n + 1), TODAY, AT)
    p = cert_changes.log_credit(p, "cert.capm", 2, None, date(2026, 2, 1), TODAY, AT)
    status = engine.cert_status(bundled, p, "cert.capm", TODAY)
    assert (status.active, status.renewal.credits, status.renewal.credits_needed) == (True, 2, 15)


def test_reminders_come_30_days_before_an_exam_and_90_before_a_renewal(bundled) -> None:
    p = cert_changes.book_exam(fresh(), "cert.pmp", date(2026, 12, 24), TODAY, AT)
    assert engine.reminders(bundled, p, TODAY) == []  # 31 days ahead
    p = cert_changes.book_exam(p, "cert.pmp", date(2026, 12, 23), TODAY, AT)
    [exam] = engine.reminders(bundled, p, TODAY)
    assert (exam.cert, exam.what, exam.days_left) == ("cert.pmp", "exam", 30)
    later = cert_changes.mark_earned(p, "cert.csm", date(2025, 2, 22), None, TODAY, AT)
    assert [r.what for r in engine.reminders(bundled, later, TODAY)] == ["exam"]  # 91 days
    p = cert_changes.mark_earned(p, "cert.csm", date(2025, 2, 21), None, TODAY, AT)
    assert [(r.what, r.on, r.days_left) for r in engine.reminders(bundled, p, TODAY)] == [
        ("exam", date(2026, 12, 23), 30),
        ("renewal", date(2027, 2, 21), 90),
    ]


# ------------------------------------------------------------ changes and undo


def test_every_change_is_one_event_that_undo_reverts_to_the_same_bytes() -> None:
    steps = [
        lambda p: cert_changes.add_experience(p, "A", "2020-01", None, "agile", "2026-11", AT),
        lambda p: cert_changes.remove_experience(p, "e1", AT),
        lambda p: cert_changes.book_exam(p, "cert.csm", date(2027, 1, 5), TODAY, AT),
        lambda p: cert_changes.record_result(p, "cert.csm", "fail", date(2026, 11, 2), TODAY, AT),
        lambda p: cert_changes.record_result(p, "cert.csm", "pass", TODAY, TODAY, AT),
        lambda p: cert_changes.mark_earned(p, "cert.csm", TODAY, "SA-1", TODAY, AT),
        lambda p: cert_changes.log_credit(p, "cert.csm", 1.5, "meetup", TODAY, TODAY, AT),
    ]
    states = [fresh()]
    for step in steps:
        after = step(states[-1])
        assert len(after.history) == len(states[-1].history) + 1
        states.append(after)
    for before, after in zip(reversed(states[:-1]), reversed(states[1:]), strict=True):
        assert serialize(changes.undo(after)) == serialize(before)


def test_a_pass_marks_the_certificate_earned_and_its_item_done_in_one_event() -> None:
    p = cert_changes.record_result(fresh(), "cert.csm", "pass", date(2026, 11, 20), TODAY, AT)
    assert p.certs["cert.csm"].earned_on == date(2026, 11, 20)
    assert p.items["cert.csm"].status == "done"
    [event] = p.history
    assert (event.action, event.item, event.before, event.after.status) == (
        "cert_result", "cert.csm", None, "done",
    )  # fmt: skip
    assert "cert.csm" not in changes.undo(p).items


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda p: cert_changes.add_experience(
                p, "A", "2024-05", "2024-01", "agile", "2026-11", AT
            ),
            "--to 2024-01 is before --from 2024-05",
        ),
        (
            lambda p: cert_changes.add_experience(p, "A", "2027-01", None, "agile", "2026-11", AT),
            "--from 2027-01 is in the future (this month is 2026-11)",
        ),
        (
            lambda p: cert_changes.add_experience(p, "  ", "2024-01", None, "agile", "2026-11", AT),
            "the title is empty",
        ),
        (lambda p: cert_changes.remove_experience(p, "e9", AT), "no experience entry 'e9'"),
        (
            lambda p: cert_changes.book_exam(p, "cert.pmp", date(2026, 11, 1), TODAY, AT),
            "2026-11-01 is before today (2026-11-23)",
        ),
        (
            lambda p: cert_changes.mark_earned(p, "cert.pmp", date(2027, 1, 1), None, TODAY, AT),
            "2027-01-01 is after today (2026-11-23)",
        ),
        (
            lambda p: cert_changes.log_credit(p, "cert.pmp", 0, None, TODAY, TODAY, AT),
            "0 is not an amount of credits",
        ),
        (
            lambda p: cert_changes.log_credit(p, "cert.pmp", -3, None, TODAY, TODAY, AT),
            "-3 is not an amount of credits",
        ),
    ],
)
def test_bad_changes_are_refused_in_our_words(change, message) -> None:
    with pytest.raises(UsageError) as found:
        change(fresh())
    assert message in found.value.message


def _at(hour: int) -> datetime:
    return datetime(2026, 1, 1, hour, tzinfo=UTC)


class _Renames:
    """A curriculum as carry_renamed sees it: the old IDs its items list as aliases."""

    def __init__(self, alias_map: dict[str, str]) -> None:
        self.alias_map = alias_map


def test_a_renamed_certification_moves_whole_or_not_at_all() -> None:
    # Found in review: when the new ID had a record of its own, the records stayed
    # but the events' cert_id moved, so undoing the old one's booking deleted the
    # new one's record; and one such collision stopped every other record moving.
    fresh = Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="m", version="1"))
    p = cert_changes.book_exam(fresh, "cert.a", date(2026, 5, 1), date(2026, 1, 1), _at(1))
    p = cert_changes.book_exam(p, "cert.y", date(2026, 6, 1), date(2026, 1, 1), _at(2))
    p = changes.start(p, ["cert.x"], _at(3))
    p = cert_changes.book_exam(p, "cert.x", date(2026, 7, 1), date(2026, 1, 1), _at(4))
    moved = engine.carry_renamed(_Renames({"cert.x": "cert.y", "cert.a": "cert.b"}), p)
    # cert.y has a record of its own: cert.x stays, all of it; cert.a moves, all of it.
    assert list(moved.items) == ["cert.x"]
    assert {k: v.exam_on for k, v in moved.certs.items()} == {
        "cert.b": date(2026, 5, 1),
        "cert.y": date(2026, 6, 1),
        "cert.x": date(2026, 7, 1),
    }
    assert [e.cert_id for e in moved.history] == ["cert.b", "cert.y", None, "cert.x"]
    undone = changes.undo(moved)
    assert {k: v.exam_on for k, v in undone.certs.items()} == {
        "cert.b": date(2026, 5, 1),
        "cert.y": date(2026, 6, 1),
    }


def test_a_certification_booked_without_an_item_entry_follows_its_rename() -> None:
    fresh = Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="m", version="1"))
    p = cert_changes.book_exam(fresh, "cert.a", date(2026, 5, 1), date(2026, 1, 1), _at(1))
    moved = engine.carry_renamed(_Renames({"cert.a": "cert.b"}), p)
    assert list(moved.certs) == ["cert.b"]
    assert [e.cert_id for e in moved.history] == ["cert.b"]
