"""Issue 14 items 1, 3, 4 and 7: a user logs study time (``aipm log ITEM DURATION``),
sees and corrects the log, status shows this week's hours against the pace, and
every change is one event undo takes back. Bad input is exit 2 with our words and
leaves the progress file byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import Result

from aipm_tracker.cli import context
from tests.conftest import MINI_CURRICULUM, progress_path

CONTACT_HOURS = """\
  - id: edu.contact-hours
    title: Contact hours of PM education
    category: pm-skills
    kind: education
    summary: A course that counts toward PMP.
    why: PMP asks for 35 contact hours.
    effort_hours: 35
    quantity: {unit: hours, target: 35}
    priority: recommended
roles:
"""

LOG_CURRICULUM = MINI_CURRICULUM.replace("roles:\n", CONTACT_HOURS, 1)
"""The mini curriculum with an item measured in hours (35 contact hours)."""

Aipm = Callable[..., Result]


@pytest.fixture
def hours_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "log.yaml"
    path.write_text(LOG_CURRICULUM, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    return path


def saved(isolated: Path) -> dict:
    return json.loads(progress_path(isolated, "mini").read_text(encoding="utf-8"))


def file_bytes(isolated: Path) -> bytes:
    return progress_path(isolated, "mini").read_bytes()


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_user_logs_90_minutes_of_nlp_yesterday_and_it_starts_the_item(
    aipm: Aipm, mini: Path, isolated: Path
) -> None:
    ok(aipm("target", "--hours-per-week", "6"))
    out = ok(aipm("log", "nlp", "90m", "--at", "yesterday", "--note", "attention chapter"))
    assert out == (
        "Logged t1 1h30m on ai.nlp, 2026-11-22. Undo with: aipm undo\n"
        "ai.nlp: to do -> in progress.\n"
        "This week: 0 of 6 h logged.\n"
    )
    data = saved(isolated)
    assert data["time_log"] == [
        {
            "id": "t1",
            "at": "2026-11-22T12:00:00Z",
            "item": "ai.nlp",
            "minutes": 90,
            "note": "attention chapter",
        }
    ]
    assert data["items"]["ai.nlp"] == {
        "status": "in_progress",
        "started_at": "2026-11-22T12:00:00Z",
    }
    event = data["history"][-1]
    assert event["action"] == "log" and event["time_entry"]["id"] == "t1"
    assert event["before"] is None if "before" in event else True
    assert event["as_of"] == "2026-11-22T12:00:00Z"


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [("90m", 90), ("1.5h", 90), ("1h30m", 90), ("2h", 120), ("1 h 5 min", 65), ("45M", 45)],
)
def test_every_spelling_of_a_duration_stores_whole_minutes(
    aipm: Aipm, mini: Path, isolated: Path, duration: str, minutes: int
) -> None:
    ok(aipm("log", "nlp", duration))
    assert saved(isolated)["time_log"][0]["minutes"] == minutes


def test_logging_on_an_item_in_progress_keeps_its_state_and_a_done_item_stays_done(
    aipm: Aipm, mini: Path, isolated: Path
) -> None:
    ok(aipm("done", "ml"))
    before = saved(isolated)["items"]["ai.ml-basics"]
    out = ok(aipm("log", "ml", "1h"))
    assert out.splitlines()[0] == "Logged t1 1h on ai.ml-basics, 2026-11-23. Undo with: aipm undo"
    assert "->" not in out
    assert saved(isolated)["items"]["ai.ml-basics"] == before


def test_undo_takes_a_log_back_to_the_very_bytes_before(
    aipm: Aipm, mini: Path, isolated: Path
) -> None:
    ok(aipm("target", "--hours-per-week", "6"))
    before = file_bytes(isolated)
    ok(aipm("log", "nlp", "1h30m"))
    out = ok(aipm("undo"))
    assert out.splitlines() == [
        "Undid log: logged: t1 1h30m on ai.nlp, 2026-11-23; to do -> in progress",
        "  time-log entry t1 1h30m on ai.nlp, 2026-11-23: taken out of the log",
        "  ai.nlp: status in progress -> to do",
        "  ai.nlp: started 2026-11-23 10:00 UTC -> -",
    ]
    assert file_bytes(isolated) == before


def test_an_id_is_never_reused_after_an_undo_or_a_removal(
    aipm: Aipm, mini: Path, isolated: Path
) -> None:
    ok(aipm("log", "nlp", "1h"))
    ok(aipm("log", "nlp", "2h"))
    ok(aipm("log", "remove", "t2"))
    ok(aipm("log", "nlp", "3h"))
    assert [e["id"] for e in saved(isolated)["time_log"]] == ["t1", "t3"]


BAD_DURATIONS = [
    ("0", "'0' is no time: log at least one minute"),
    ("0m", "'0m' is less than a minute"),
    ("-3h", "'-3h' is negative: a duration is time you spent"),
    ("-3m", "'-3m' is negative"),
    ("abc", "'abc' is not a duration: give hours and/or minutes, such as 90m, 1.5h or 1h30m"),
    ("1h99x", "'1h99x' is not a duration"),
    ("90", "'90' is not a duration"),
    ("25h", "'25h' is longer than a day; log a longer stretch day by day"),
]


@pytest.mark.parametrize(("duration", "words"), BAD_DURATIONS)
def test_a_bad_duration_is_a_usage_error_and_nothing_is_stored(
    aipm: Aipm, mini: Path, isolated: Path, duration: str, words: str
) -> None:
    ok(aipm("start", "ml"))
    before = file_bytes(isolated)
    result = aipm("log", "nlp", duration)
    assert result.exit_code == 2
    assert words in " ".join(result.stderr.split())
    assert file_bytes(isolated) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("zzzz", "1h"), "no item 'zzzz' in this curriculum"),
        (("nlp", "1h", "--at", "2026-02-30"), "--at '2026-02-30' is not a date or time"),
        (("nlp", "1h", "--at", "2026-11-23T11:00"), "is in the future; aipm records what you"),
        (("nlp", "1h", "--at", "tomorrow"), "--at 'tomorrow' is not a date or time"),
        (("nlp", "1h", "--note", "   "), "the note is empty"),
        (("risk", "1h"), "pm.risk-management is skipped (not applicable to you)"),
    ],
)
def test_bad_log_input_is_a_usage_error_and_nothing_is_stored(
    aipm: Aipm, mini: Path, isolated: Path, args: tuple[str, ...], words: str
) -> None:
    ok(aipm("skip", "risk", "--reason", "did it at work"))
    before = file_bytes(isolated)
    result = aipm("log", *args)
    assert result.exit_code == 2, result.stderr
    assert words in " ".join(result.stderr.split())
    assert file_bytes(isolated) == before


def test_contact_hours_logged_add_to_the_amount_and_reaching_35_marks_it_done(
    aipm: Aipm, hours_curriculum: Path, isolated: Path
) -> None:
    ok(aipm("amount", "contact-hours", "33"))
    out = ok(aipm("log", "contact-hours", "1h30m"))
    assert out.splitlines()[:2] == [
        "Logged t1 1h30m on edu.contact-hours, 2026-11-23. Undo with: aipm undo",
        "edu.contact-hours: 34.5 of 35 h.",
    ]
    assert saved(isolated)["items"]["edu.contact-hours"]["status"] == "in_progress"
    before_done = file_bytes(isolated)
    out = ok(aipm("log", "contact-hours", "30m"))
    assert out.splitlines()[1] == "edu.contact-hours: 35 of 35 h. Target reached: done."
    item = saved(isolated)["items"]["edu.contact-hours"]
    assert (item["status"], item["amount"], item["completed_at"]) == (
        "done",
        35.0,
        "2026-11-23T10:00:00Z",
    )
    assert [e["minutes"] for e in saved(isolated)["time_log"]] == [90, 30]
    ok(aipm("undo"))  # one event held both: the entry and the amount go back together
    assert file_bytes(isolated) == before_done


def test_twenty_minutes_three_times_is_exactly_one_contact_hour(
    aipm: Aipm, hours_curriculum: Path, isolated: Path
) -> None:
    for _ in range(3):
        ok(aipm("log", "contact-hours", "20m"))
    assert saved(isolated)["items"]["edu.contact-hours"]["amount"] == 1.0


def test_removing_a_contact_hours_entry_takes_its_hours_off_and_undo_puts_them_back(
    aipm: Aipm, hours_curriculum: Path, isolated: Path
) -> None:
    ok(aipm("log", "contact-hours", "2h"))
    ok(aipm("log", "contact-hours", "3h"))
    before = file_bytes(isolated)
    out = ok(aipm("log", "remove", "t1"))
    assert out.splitlines() == [
        "Removed t1 2h on edu.contact-hours, 2026-11-23. Undo with: aipm undo",
        "edu.contact-hours: 3 of 35 h.",
    ]
    assert [e["id"] for e in saved(isolated)["time_log"]] == ["t2"]
    assert saved(isolated)["items"]["edu.contact-hours"]["amount"] == 3.0
    out = ok(aipm("undo"))
    assert out.splitlines()[-2:] == [
        "  time-log entry t1 2h on edu.contact-hours, 2026-11-23: put back in the log",
        "  edu.contact-hours: amount 3 -> 5",
    ]
    assert file_bytes(isolated) == before


def test_removing_an_unknown_entry_is_a_usage_error_naming_the_latest(
    aipm: Aipm, mini: Path, isolated: Path
) -> None:
    ok(aipm("log", "nlp", "1h"))
    before = file_bytes(isolated)
    result = aipm("log", "remove", "t9")
    assert result.exit_code == 2
    assert "no time-log entry 't9' (the latest: t1); list them with: aipm log list" in (
        " ".join(result.stderr.split())
    )
    assert file_bytes(isolated) == before


def at(moment: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "now", lambda: moment)


def test_log_list_shows_the_entries_by_week_and_item_with_their_total(
    aipm: Aipm, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(aipm("log", "ml", "2h", "--at", "2026-11-16", "--note", "week one"))
    ok(aipm("log", "nlp", "45m", "--at", "2026-11-22"))
    ok(aipm("log", "ml", "1h30m"))
    assert ok(aipm("log", "list")).splitlines() == [
        "",
        " ID   Day          Item            Time   Note",
        " ─────────────────────────────────────────────────",
        " t1   2026-11-16   ai.ml-basics      2h   week one",
        " t2   2026-11-22   ai.nlp           45m",
        " t3   2026-11-23   ai.ml-basics   1h30m",
        "",
        "3 entries, 4.2 h.",
        "Remove a wrong one with: aipm log remove ID",
    ]
    last = ok(aipm("log", "list", "--week", "last"))
    assert [line.split()[0] for line in last.splitlines()[3:5]] == ["t1", "t2"]
    assert "2 entries, 2.8 h in the week of 2026-11-16." in last
    doc = json.loads(ok(aipm("log", "list", "--item", "ml", "--json")))
    assert doc == {
        "week": None,
        "item": "ai.ml-basics",
        "entries": [
            {
                "id": "t1", "at": "2026-11-16T12:00:00+00:00", "day": "2026-11-16",
                "item": "ai.ml-basics", "title": "ML basics", "minutes": 120, "hours": 2.0,
                "note": "week one",
            },
            {
                "id": "t3", "at": "2026-11-23T10:00:00+00:00", "day": "2026-11-23",
                "item": "ai.ml-basics", "title": "ML basics", "minutes": 90, "hours": 1.5,
                "note": "",
            },
        ],
        "hours": 3.5,
    }  # fmt: skip


def test_an_empty_log_says_how_to_log(aipm: Aipm, mini: Path) -> None:
    assert ok(aipm("log", "list", "--week", "2026-11-18")) == (
        "No time logged in the week of 2026-11-16. Log some with: aipm log ITEM 1h30m\n"
    )


def test_a_bad_week_is_a_usage_error(aipm: Aipm, mini: Path) -> None:
    result = aipm("log", "list", "--week", "2026-13-01")
    assert result.exit_code == 2
    assert "--week '2026-13-01' is not a day of the calendar" in result.stderr


def test_history_and_its_json_carry_the_entry_only_on_log_events(aipm: Aipm, mini: Path) -> None:
    ok(aipm("start", "ml"))
    ok(aipm("log", "ml", "1h", "--note", "first chapter"))
    out = ok(aipm("history"))
    assert "logged: t1 1h on ai.ml-basics, 2026-11-23" in " ".join(out.split())
    events = json.loads(ok(aipm("history", "--json")))
    assert "time_entry" not in events[0]
    assert events[1]["time_entry"] == {
        "id": "t1",
        "at": "2026-11-23T10:00:00Z",
        "item": "ai.ml-basics",
        "minutes": 60,
        "note": "first chapter",
    }
    assert [e["action"] for e in json.loads(ok(aipm("history", "ml", "--json")))] == [
        "start",
        "log",
    ]


def test_status_shows_this_weeks_hours_against_the_pace_and_the_observed_pace(
    aipm: Aipm, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(datetime(2026, 10, 1, 9, 0, tzinfo=UTC), monkeypatch)
    ok(aipm("target", "--hours-per-week", "6"))
    at(datetime(2026, 11, 25, 18, 0, tzinfo=UTC), monkeypatch)  # a Wednesday
    ok(aipm("log", "ml", "4h", "--at", "2026-10-19"))  # 5 weeks back: out of the window
    ok(aipm("log", "ml", "5h", "--at", "2026-11-10"))
    ok(aipm("log", "nlp", "7h", "--at", "2026-11-20"))
    ok(aipm("done", "risk", "--at", "2026-11-19"))
    ok(aipm("log", "nlp", "3.5h", "--at", "2026-11-24"))
    lines = [line.rstrip() for line in ok(aipm("status")).splitlines()]
    assert "This week   3.5 of 6 h logged (week of 2026-11-23)" in lines
    assert "Observed    3 h/week (set: 6) over the last 4 weeks, 1 item done" in lines
    doc = json.loads(ok(aipm("status", "--json")))
    assert doc["time_log"] == {
        "week": "2026-11-23", "hours": 3.5, "hours_per_week": 6.0, "observed": 3.0,
        "window_weeks": 4, "completed": 1, "entries": 4,
    }  # fmt: skip


def test_status_of_a_user_without_pace_or_log_has_no_time_rows(aipm: Aipm, mini: Path) -> None:
    out = ok(aipm("status"))
    assert "This week" not in out and "Observed" not in out


def test_the_first_week_of_logging_says_when_the_observed_pace_comes(
    aipm: Aipm, mini: Path
) -> None:
    ok(aipm("log", "nlp", "1h"))
    lines = [line.rstrip() for line in ok(aipm("status")).splitlines()]
    assert "This week   1 h logged (week of 2026-11-23)" in lines
    assert "Observed    after your first full week of logging" in lines


@pytest.mark.parametrize("columns", ["60", "80"])
def test_the_log_screens_fit_narrow_terminals_without_cutting_numbers(
    aipm: Aipm, mini: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    ok(aipm("target", "--hours-per-week", "6"))
    ok(aipm("log", "ml", "1h30m", "--at", "2026-11-16", "--note", "a long note " * 6))
    for args in (("log", "list"), ("status",), ("plan",)):
        out = ok(aipm(*args))
        assert all(len(line) <= int(columns) for line in out.splitlines()), args
    assert "1h30m" in ok(aipm("log", "list"))
    assert "To date" in ok(aipm("plan"))


def test_entry_ids_complete_newest_first(aipm: Aipm, mini: Path) -> None:
    import typer

    from aipm_tracker.cli.options import complete_entry

    ok(aipm("log", "nlp", "1h"))
    ok(aipm("log", "nlp", "2h"))
    ctx = typer.Context(typer.main.get_command(__import__("aipm_tracker.cli").cli.app))
    assert complete_entry(ctx, "t") == ["t2", "t1"]
    assert complete_entry(ctx, "x") == []
