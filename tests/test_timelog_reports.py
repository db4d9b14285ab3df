"""Issue 14 items 5, 6 and 7: ``aipm plan`` shows past weeks planned against done
(SV and SPI) in the terminal and in ``--json``, the Markdown and HTML reports carry
the plan table, and a schema-7 file's time log survives loading and undo."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import Result

from aipm_tracker import changes
from aipm_tracker.cli import context
from aipm_tracker.models import CurriculumRef
from aipm_tracker.store import ProgressStore

Aipm = Callable[..., Result]
FIXTURES = Path(__file__).parent / "fixtures" / "progress"


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def two_weeks(aipm: Aipm, mini: Path, monkeypatch: pytest.MonkeyPatch) -> Aipm:
    """A user who set 6 h/week on 1 November and then, over the weeks of 9 and 16
    November, logged 4 h of ML basics, then 3 h more and 1 h of risk management,
    which they finished. Today is Monday 23 November (the tests' clock).

    Hand-worked: ML basics' budget is 10 h study + level 2 x 10 h = 30 h, so it earns
    what was logged (4, then 3); risk management's is 5 h and it is done, so it
    earns 5. Planned 6 and 6; earned 4 and 8; SV -2 and +2; SPI 0.67 and 1.33; to
    date 12 planned, 8 logged, 12 earned, SPI 1.00."""
    monkeypatch.setattr(context, "now", lambda: datetime(2026, 11, 1, 9, tzinfo=UTC))
    ok(aipm("target", "--hours-per-week", "6"))
    monkeypatch.setattr(context, "now", lambda: datetime(2026, 11, 23, 10, tzinfo=UTC))
    ok(aipm("log", "ml", "4h", "--at", "2026-11-10"))
    ok(aipm("log", "ml", "3h", "--at", "2026-11-17"))
    ok(aipm("log", "risk", "1h", "--at", "2026-11-18T09:00"))
    ok(aipm("done", "risk", "--at", "2026-11-18T18:00"))
    return aipm


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_plan_shows_the_past_weeks_planned_logged_earned_sv_and_spi(two_weeks: Aipm) -> None:
    out = lines(ok(two_weeks("plan", "--weeks", "2")))
    assert out[:10] == [
        "Plan for Entry AI PM at 6 h/week: ~60 h of work",
        "Past weeks: planned against done (earned value)",
        "",
        " Week of      Planned   Logged   Earned   SV    SPI",
        " ──────────────────────────────────────────────────",
        " 2026-11-09         6        4        4   -2   0.67",
        " 2026-11-16         6        4        8   +2   1.33",
        " To date           12        8       12    0   1.00",
        "",
        "SV: earned - planned hours. SPI: earned / planned.",
    ]
    assert out[10] == "SPI 1.00: on schedule (earned 12 of the 12 planned hours; 8 logged)."
    assert out[12] == "Next weeks"


def test_plan_json_adds_the_past_weeks_and_keeps_its_keys(two_weeks: Aipm) -> None:
    doc = json.loads(ok(two_weeks("plan", "--json")))
    assert {"weeks", "ready_on", "hours_per_week", "actual"} <= set(doc)
    assert set(doc["weeks"][0]) == {"start", "hours", "items", "exams"}
    assert set(doc["weeks"][0]["items"][0]) == {"id", "hours"}
    assert doc["actual"] == {
        "weeks": [
            {"start": "2026-11-09", "planned": 6.0, "logged": 4.0, "earned": 4.0,
             "variance": -2.0, "spi": 0.67},
            {"start": "2026-11-16", "planned": 6.0, "logged": 4.0, "earned": 8.0,
             "variance": 2.0, "spi": 1.33},
        ],
        "planned": 12.0, "logged": 8.0, "earned": 12.0, "variance": 0.0, "spi": 1.0,
    }  # fmt: skip


def test_a_plan_without_time_logged_before_this_week_has_no_past_weeks(
    aipm: Aipm, mini: Path
) -> None:
    ok(aipm("target", "--hours-per-week", "6"))
    ok(aipm("log", "ml", "1h"))
    assert json.loads(ok(aipm("plan", "--json")))["actual"] is None
    assert "Past weeks" not in ok(aipm("plan"))


def test_a_pace_changed_later_does_not_rewrite_the_past_weeks(
    two_weeks: Aipm, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(two_weeks("target", "--hours-per-week", "10"))
    doc = json.loads(ok(two_weeks("plan", "--json")))
    assert [w["planned"] for w in doc["actual"]["weeks"]] == [6.0, 6.0]
    assert doc["hours_per_week"] == 10.0


def test_the_markdown_report_has_the_plan_table_with_the_past_weeks(two_weeks: Aipm) -> None:
    text = ok(two_weeks("export", "--format", "md"))
    section = text[text.index("## Study plan") : text.index("## Work done")]
    assert section.splitlines() == [
        "## Study plan",
        "",
        "At 6 h/week for Entry AI PM; ready on 2027-02-01.",
        "",
        "Past weeks, planned against done (hours; SV = earned - planned, SPI = earned / planned):",
        "",
        "| Week of | Planned | Logged | Earned | SV | SPI |",
        "|---|---:|---:|---:|---:|---:|",
        "| 2026-11-09 | 6 | 4 | 4 | -2 | 0.67 |",
        "| 2026-11-16 | 6 | 4 | 8 | +2 | 1.33 |",
        "| **To date** | 12 | 8 | 12 | 0 | 1.00 |",
        "",
        "SPI 1.00: on schedule (earned 12 of the 12 planned hours; 8 logged).",
        "",
        "| Week of | Hours | Study (hours) |",
        "|---|---:|---|",
        "| 2026-11-23 | 5.1 | ai.ml-basics 5.1 |",
        "| 2026-11-30 | 6 | ai.ml-basics 6 |",
        "| 2026-12-07 | 6 | ai.ml-basics 6 |",
        "| 2026-12-14 | 6 | ai.ml-basics 6 |",
        "| 2026-12-21 | 6 | ai.ml-basics 6 |",
        "| 2026-12-28 | 6 | ai.ml-basics 0.9, ai.nlp 5.1 |",
        "| 2027-01-04 | 6 | ai.nlp 6 |",
        "| 2027-01-11 | 6 | ai.nlp 6 |",
        "| 2027-01-18 | 6 | ai.nlp 6 |",
        "| 2027-01-25 | 6 | ai.nlp 6 |",
        "| 2027-02-01 | 0.9 | ai.nlp 0.9 |",
        "",
    ]


def test_the_markdown_report_of_a_user_without_pace_has_no_plan(aipm: Aipm, mini: Path) -> None:
    assert "## Study plan" not in ok(aipm("export", "--format", "md"))


def _cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
    ]


def test_the_html_report_has_the_plan_tables_with_the_exact_rows(two_weeks: Aipm) -> None:
    page = ok(two_weeks("export", "--format", "html"))
    section = page[
        page.index('<section id="plan"') : page.index(
            "</section>", page.index('<section id="plan"')
        )
    ]
    past = section[section.index('class="plan-past"') : section.index("</table>")]
    rows = [_cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", past, flags=re.S)]
    assert rows == [
        ["Week of", "Planned", "Logged", "Earned", "SV", "SPI"],
        ["2026-11-09", "6", "4", "4", "-2", "0.67"],
        ["2026-11-16", "6", "4", "8", "+2", "1.33"],
        ["To date", "12", "8", "12", "0", "1.00"],
    ]
    upcoming = section[section.index('class="plan-next"') :]
    rows = [_cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", upcoming, flags=re.S)]
    assert rows[:3] == [
        ["Week of", "Hours", "Study (hours)"],
        ["2026-11-23", "5.1", "ai.ml-basics 5.1"],
        ["2026-11-30", "6", "ai.ml-basics 6"],
    ]
    assert "SPI 1.00: on schedule (earned 12 of the 12 planned hours; 8 logged)." in section


def test_a_schema_7_file_keeps_its_time_log_and_undo_walks_it_back(tmp_path: Path) -> None:
    store = ProgressStore(
        tmp_path / "progress" / "mini.json", CurriculumRef(id="mini", version="1.0")
    )
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes((FIXTURES / "v7.json").read_bytes())
    progress = store.load()
    assert [(e.id, e.item, e.minutes) for e in progress.time_log] == [
        ("t1", "ai.nlp", 90),
        ("t2", "edu.pm-contact-hours", 120),
    ]
    assert progress.items["edu.pm-contact-hours"].amount == 14.0
    back = changes.undo(progress)  # the removal of t3: it comes back, last
    assert [e.id for e in back.time_log] == ["t1", "t2", "t3"]
    back = changes.undo(changes.undo(back))  # t3's log, then t2's (with its 2 hours)
    assert [e.id for e in back.time_log] == ["t1"]
    assert back.items["edu.pm-contact-hours"].amount == 12.0


def test_a_v6_file_reads_with_an_empty_time_log(tmp_path: Path) -> None:
    store = ProgressStore(
        tmp_path / "progress" / "mini.json", CurriculumRef(id="mini", version="1.0")
    )
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes((FIXTURES / "v6.json").read_bytes())
    assert store.load().time_log == []


def test_the_csv_and_json_exports_give_each_item_its_logged_hours(two_weeks: Aipm) -> None:
    import csv
    import io

    text = ok(two_weeks("export", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert {r["id"]: r["hours_logged"] for r in rows} == {
        "ai.ml-basics": "7",
        "ai.nlp": "",
        "pm.risk-management": "1",
    }
    doc = json.loads(ok(two_weeks("export", "--format", "json")))
    assert [i["hours_logged"] for i in doc["items"]] == [7.0, 0.0, 1.0]
    assert doc["time_log"]["entries"] == 3
