"""A user's story with certifications, through the command line on the bundled
curriculum (clock pinned to 2026-11-23, 80 columns, no colour): experience entered,
PMP's checklist, an exam booked, a failed CSM attempt, a CAPM earned and credits
logged; the reminder in status, the plan, the calendar and the reports; bad input
refused with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import progress_path
from tests.test_e2e import complete

THREE_PROJECTS = [
    ("experience", "add", "CRM rollout", "--from", "2017-06", "--to", "2019-05"),
    ("experience", "add", "Data platform", "--from", "2019-03", "--to", "2020-02"),
    ("experience", "add", "ML pilot", "--from", "2019-10", "--to", "2020-12"),
]


def run_ok(aipm, *args: str) -> str:
    result = aipm(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_three_overlapping_projects_count_25_months_for_pmp(aipm) -> None:
    for args in THREE_PROJECTS:
        run_ok(aipm, *args)
    run_ok(aipm, "experience", "add", "Scrum team", "--from", "2024-01", "--kind", "agile")
    assert run_ok(aipm, "experience", "list") == (
        "\n"
        " ID   Title           From      To        Kind           Months\n"
        " ──────────────────────────────────────────────────────────────\n"
        " e1   CRM rollout     2017-06   2019-05   project-lead       24\n"
        " e2   Data platform   2019-03   2020-02   project-lead       12\n"
        " e3   ML pilot        2019-10   2020-12   project-lead       15\n"
        " e4   Scrum team      2024-01   now       agile              35\n"
        "\n"
        "agile: 35 months in the last 60 (overlaps counted once)\n"
        "project-lead: 25 months in the last 96 (overlaps counted once)\n"
    )
    doc = json.loads(run_ok(aipm, "experience", "list", "--json"))
    assert doc["entries"][0] == {
        "id": "e1", "title": "CRM rollout", "from": "2017-06", "to": "2019-05",
        "kind": "project-lead", "months": 24,
    }  # fmt: skip
    assert doc["counted"] == [
        {"kind": "agile", "within_months": 60, "months": 35},
        {"kind": "project-lead", "within_months": 96, "months": 25},
    ]
    saved = json.loads(progress_path_of(aipm).read_text())
    assert saved["experience"][3] == {
        "id": "e4", "title": "Scrum team", "from": "2024-01", "kind": "agile",
    }  # fmt: skip


def progress_path_of(aipm) -> Path:
    import os

    return progress_path(Path(os.environ["AIPM_DATA_DIR"]))


def test_the_pmp_checklist_says_what_is_missing(aipm) -> None:
    for args in THREE_PROJECTS:
        run_ok(aipm, *args)
    run_ok(aipm, "amount", "edu.pm-contact-hours", "12")
    run_ok(aipm, "target", "--degree", "four-year")
    assert run_ok(aipm, "cert", "pmp") == (
        "Project Management Professional (PMP)  cert.pmp  PMI (facts as of 2026-12)\n"
        "Eligibility: not yet: 0 of 2 met\n"
        "  [ ] one of these, by your degree:\n"
        "      [ ] experience leading projects: 25 of 36 months in the last 8 years (with\n"
        "          a 4-year degree)\n"
        "      missing: 11 more months of leading projects (with a 4-year degree)\n"
        "  [ ] one of these:\n"
        "      [ ] 35 contact hours of PM education: 12 of 35 h\n"
        "      [ ] an active CAPM: no\n"
        "      missing: 23 h more (edu.pm-contact-hours) or an active CAPM\n"
        "Exam: not booked\n"
        "Renewal: 60 PDUs / 3 years once earned (as of 2026-12)\n"
        "Unconfirmed:\n"
        "  PMP question count: 185 (175 scored) in most sources, 180 (170 scored) in some\n"
        "  PMP fee: USD 675 non-member and an Aug 2026 increase reported by one 2026 page\n"
        "  (405 / 575 in older pages)\n"
    )
    [experience, education] = json.loads(run_ok(aipm, "cert", "pmp", "--json"))["checklist"]
    assert [(o["amount"], o["target"], o["unit"]) for o in experience["options"]] == [
        (25.0, 36.0, "months")
    ]
    assert education["options"][0]["amount"] == 12.0


def test_without_a_degree_the_checklist_says_so_and_shows_both_thresholds(aipm) -> None:
    for args in THREE_PROJECTS:
        run_ok(aipm, *args)
    screen = run_ok(aipm, "cert", "pmp")
    assert "  [?] one of these, by your degree (not given: aipm target --degree\n" in screen
    assert "25 of 36 months in the last 8 years (with\n          a 4-year degree)" in screen
    assert "25 of 60 months in the last 8 years (with\n          a secondary diploma)" in screen


def test_an_earned_capm_meets_pmps_education_and_its_credits_count(aipm) -> None:
    run_ok(aipm, "cert", "earned", "capm", "2024-03-01", "--credential-id", "4412")
    assert run_ok(aipm, "cert", "credit", "capm", "6", "--note", "PMI webinar") == (
        "Logged 6 PDUs toward cert.capm on 2026-11-23. Undo with: aipm undo\n"
    )
    capm = json.loads(run_ok(aipm, "cert", "capm", "--json"))
    assert (capm["earned_on"], capm["credential_id"], capm["active"]) == (
        "2024-03-01", "4412", True,
    )  # fmt: skip
    assert capm["renewal"] == {
        "credits_needed": 15.0, "unit": "PDUs", "years": 3, "period_start": "2024-03-01",
        "due_on": "2027-03-01", "days_left": 98, "credits": 6.0, "as_of": "2026-12",
    }  # fmt: skip
    assert json.loads(run_ok(aipm, "cert", "pmp", "--json"))["checklist"][1]["met"] is True
    # Its item is done on the day it was earned, so the burndown counts it then.
    item = json.loads(run_ok(aipm, "show", "capm", "--json"))["progress"]
    assert (item["status"], item["completed_at"]) == ("done", "2024-03-01T00:00:00Z")


def test_a_failed_csm_attempt_shows_the_retake_left_within_90_days(aipm) -> None:
    run_ok(aipm, "cert", "result", "csm", "fail", "--on", "2026-11-02")
    assert run_ok(aipm, "cert", "csm") == (
        "Certified ScrumMaster (CSM)  cert.csm  Scrum Alliance (facts as of 2026-12)\n"
        "Eligibility: eligible\n"
        "  [x] 16-hour course: taken\n"
        "Exam: failed 2026-11-02 (1 attempt)\n"
        "  attempt 1: 2026-11-02 fail\n"
        "  2 attempts within 90 days of the first: 1 left, until 2027-01-31\n"
        "Renewal: 20 SEUs / 2 years once earned (as of 2026-12)\n"
        "Unconfirmed:\n"
        "  CSM course price (varies by trainer; no confirmed range)\n"
    )


def test_a_pass_is_earned_and_done_in_one_change_that_undo_reverts(aipm) -> None:
    before = run_ok(aipm, "cert", "result", "csm", "fail", "--on", "2026-11-02")
    assert "Recorded a failed cert.csm attempt" in before
    saved = progress_path_of(aipm).read_bytes()
    run_ok(aipm, "cert", "result", "csm", "pass")
    doc = json.loads(run_ok(aipm, "cert", "csm", "--json"))
    assert (doc["earned_on"], doc["renewal"]["due_on"]) == ("2026-11-23", "2028-11-23")
    assert json.loads(run_ok(aipm, "show", "csm", "--json"))["progress"]["status"] == "done"
    history = json.loads(run_ok(aipm, "history", "--json"))
    assert [e["action"] for e in history] == ["cert_result", "cert_result"]
    assert run_ok(aipm, "undo").startswith("Undid cert_result: cert.csm: attempt on 2026-11-23")
    assert progress_path_of(aipm).read_bytes() == saved


def test_the_table_lists_every_certification_and_fits_60_columns(aipm, monkeypatch) -> None:
    run_ok(aipm, "cert", "book", "pmp", "2026-12-14")
    table = [" ".join(line.split()) for line in run_ok(aipm, "cert").splitlines()]
    assert table[1:3] == ["Certification Eligible Exam Earned Renewal As of", "─" * 78]
    assert "cert.pmp no: 0 of 2 2026-12-14 - 60 PDUs/3y 2026-12" in table
    assert table[table.index("cert.pmp no: 0 of 2 2026-12-14 - 60 PDUs/3y 2026-12") + 1] == "(21d)"
    assert "cert.psm-1 none needed - - - 2026-12" in table
    assert "cert.ai-for- not modelled - - - 2026-12" in table
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run_ok(aipm, "cert")
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "cert.pmp no: 0 of 2 2026-12-14 60 PDUs/3y" in [
        " ".join(line.split()) for line in narrow.splitlines()
    ]
    assert "Earned and As of hidden to fit 60 columns" in " ".join(narrow.split())
    rows = json.loads(run_ok(aipm, "cert", "--json"))
    assert [r["cert"] for r in rows][:4] == ["cert.csm", "cert.psm-1", "cert.pmi-acp", "cert.pmp"]
    assert (rows[3]["exam_on"], rows[3]["days_left"]) == ("2026-12-14", 21)


def test_status_reminds_of_an_exam_within_30_days_and_a_renewal_within_90(aipm) -> None:
    assert "Soon:" not in run_ok(aipm, "status")
    run_ok(aipm, "cert", "book", "pmp", "2026-12-24")  # 31 days ahead
    assert "Soon:" not in run_ok(aipm, "status")
    run_ok(aipm, "cert", "book", "pmp", "2026-12-14")
    run_ok(aipm, "cert", "earned", "csm", "2025-01-10")
    lines = run_ok(aipm, "status").splitlines()
    assert (
        lines[1] == "Soon: cert.pmp exam in 21 days (2026-12-14); cert.csm renewal due in 48 days"
    )
    assert lines[2] == "(2027-01-10). See: aipm cert"
    reminders = json.loads(run_ok(aipm, "status", "--json"))["reminders"]
    assert [(r["cert"], r["what"], r["days_left"]) for r in reminders] == [
        ("cert.pmp", "exam", 21),
        ("cert.csm", "renewal", 48),
    ]


def test_the_reports_plan_shows_the_exam_in_its_week_as_the_terminal_does(
    aipm, tmp_path: Path
) -> None:
    run_ok(aipm, "target", "--hours-per-week", "6")
    run_ok(aipm, "cert", "book", "pmp", "2026-12-10")
    md, page = tmp_path / "r.md", tmp_path / "r.html"
    run_ok(aipm, "export", "--format", "md", "-o", str(md))
    run_ok(aipm, "export", "--format", "html", "-o", str(page))
    assert "| 2026-12-07 | 6 | ai.responsible-ai 6; EXAM cert.pmp on 2026-12-10 |" in (
        md.read_text(encoding="utf-8")
    )
    assert "<bdi>ai.responsible-ai 6; EXAM cert.pmp on 2026-12-10</bdi>" in page.read_text("utf-8")


def test_the_plan_and_the_calendar_hold_the_exam_and_the_renewal(aipm, tmp_path: Path) -> None:
    import icalendar

    run_ok(aipm, "target", "--hours-per-week", "6")
    run_ok(aipm, "cert", "book", "pmp", "2026-12-10")
    run_ok(aipm, "cert", "earned", "csm", "2025-06-01")
    screen = run_ok(aipm, "plan", "--weeks", "3")
    assert " 2026-12-07       6   ai.responsible-ai 6; EXAM cert.pmp on 2026-12-10\n" in screen
    weeks = json.loads(run_ok(aipm, "plan", "--json"))["weeks"]
    assert [w["start"] for w in weeks if w["exams"]] == ["2026-12-07"]
    assert weeks[2]["exams"][0]["cert"] == "cert.pmp"
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run_ok(aipm, "plan", "--ics", str(first))
    run_ok(aipm, "export", "--format", "ics", "--output", str(second))
    events = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(first.read_bytes()).walk("VEVENT")
    }
    exam, renewal = events["exam.cert.pmp@aipm-tracker"], events["renewal.cert.csm@aipm-tracker"]
    assert (
        str(exam["SUMMARY"]) == "Project Management Professional (PMP): exam (aipm cert cert.pmp)"
    )
    assert exam.decoded("DTSTART").isoformat() == "2026-12-10"
    assert renewal.decoded("DTSTART").isoformat() == "2027-06-01"
    again = {
        str(e["UID"]) for e in icalendar.Calendar.from_ical(second.read_bytes()).walk("VEVENT")
    }
    assert again == set(events)
    run_ok(aipm, "cert", "book", "pmp", "2027-01-20")  # moved: the same event, a new day
    run_ok(aipm, "plan", "--ics", str(first), "--force")
    moved = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(first.read_bytes()).walk("VEVENT")
    }
    assert moved["exam.cert.pmp@aipm-tracker"].decoded("DTSTART").isoformat() == "2027-01-20"


def test_the_reports_carry_the_certification_table(aipm, tmp_path: Path) -> None:
    run_ok(aipm, "cert", "earned", "capm", "2024-03-01")
    run_ok(aipm, "cert", "credit", "capm", "6")
    md = run_ok(aipm, "export", "--format", "md")
    assert (
        "| Certification | Eligible | Missing | Exam | Earned | Renewal | Facts as of |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Certified ScrumMaster (CSM) (`cert.csm`) | not yet: 0 of 1 met | the 16-hour course "
        "(counted once an attempt is recorded) | not booked | - | 20 SEUs / 2 years once earned "
        "| 2026-12 |\n"
    ) in md
    assert (
        "| Certified Associate in Project Management (CAPM) (`cert.capm`) | cannot tell: 1 of 2 "
        "met | a secondary diploma (say yours with: aipm target --degree) | not booked | "
        "2024-03-01 | due 2027-03-01: 6 of 15 PDUs | 2026-12 |\n"
    ) in md
    assert "| Project Management Professional (PMP) (`cert.pmp`) | cannot tell: 1 of 2 met |" in md
    page = tmp_path / "r.html"
    run_ok(aipm, "export", "--format", "html", "--output", str(page))
    html = page.read_text()
    assert '<h2 id="certs-h">Certifications</h2>' in html
    assert (
        '<td class="day" data-label="Earned">2024-03-01</td><td data-label="Renewal"><bdi>due '
        '2027-03-01: 6 of 15 PDUs</bdi></td><td class="day" data-label="Facts as of">2026-12</td>'
    ) in html
    assert html.count('</code></td><td data-label="Eligible">') == 10


BAD = [
    (("experience", "add", "X", "--from", "2024-05", "--to", "2024-01"),
     "--to 2024-01 is before --from 2024-05"),
    (("experience", "add", "X", "--from", "2024-13"),
     "'2024-13' is not a month: use YYYY-MM with a month from 01 to 12"),
    (("experience", "add", "X", "--from", "2027-01"), "--from 2027-01 is in the future"),
    (("experience", "add", "X", "--from", "2024-01", "--kind", "boss"),
     "'boss' is not a kind of experience: use project-lead or agile"),
    (("experience", "remove", "e7"), "no experience entry 'e7' (yours: e1)"),
    (("cert", "book", "zzz", "2027-01-05"), "'zzz' is not a certification of this curriculum"),
    (("cert", "book", "ai.nlp", "2027-01-05"), "ai.nlp is not a certification"),
    (("cert", "book", "pmp", "2027-02-30"), "'2027-02-30' is not a date: use YYYY-MM-DD"),
    (("cert", "result", "pmp", "maybe"), "'maybe' is not a result: use pass or fail"),
    (("cert", "result", "pmp", "pass", "--on", "2026-12-01"), "2026-12-01 is after today"),
    (("cert", "earned", "pmp", "2027-01-01"), "2027-01-01 is after today (2026-11-23)"),
    (("cert", "credit", "csm", "0"), "'0' is not an amount of credits: give a number above 0"),
    (("cert", "credit", "csm", "-3"), "'-3' is not an amount of credits"),
    (("cert", "credit", "csm", "2"), "cert.csm is not earned yet"),
    (("cert", "credit", "psm-1", "2"), "cert.psm-1 has no renewal credits to log"),
    (("cert", "zzz"), "'zzz' is not a certification of this curriculum"),
    (("target", "--degree", "phd"), "'phd' is not a degree: use four-year or secondary"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_exit_2_in_our_words_and_nothing_is_stored(aipm, args, message) -> None:
    run_ok(aipm, "experience", "add", "Kept", "--from", "2020-01", "--to", "2020-06")
    saved = progress_path_of(aipm).read_bytes()
    result = aipm(*args)
    assert result.exit_code == 2, result.stdout
    assert message in " ".join(result.stderr.split())
    assert "Input should be" not in result.stderr and "Traceback" not in result.stderr
    assert progress_path_of(aipm).read_bytes() == saved


def test_experience_remove_and_undo_bring_the_entry_back_where_it_was(aipm) -> None:
    for args in THREE_PROJECTS:
        run_ok(aipm, *args)
    saved = progress_path_of(aipm).read_bytes()
    assert run_ok(aipm, "experience", "remove", "E2") == "Removed e2. Undo with: aipm undo\n"
    entries = json.loads(run_ok(aipm, "experience", "list", "--json"))["entries"]
    assert [e["id"] for e in entries] == ["e1", "e3"]
    run_ok(aipm, "undo")
    assert progress_path_of(aipm).read_bytes() == saved


def test_the_degree_is_set_with_target_and_undone_like_any_profile_change(aipm) -> None:
    run_ok(aipm, "target", "--degree", "secondary")
    history = run_ok(aipm, "history")
    assert "degree: - -> secondary" in history
    run_ok(aipm, "undo")
    # Back to no degree: PMP's experience rule cannot tell which threshold applies.
    assert json.loads(run_ok(aipm, "cert", "pmp", "--json"))["checklist"][0]["met"] is None


def test_shell_completion_offers_certifications_and_experience_ids(
    aipm, tmp_path: Path, isolated: Path
) -> None:
    assert complete("aipm cert book cert.p", "3", tmp_path) == [
        "cert.psm-1", "cert.pmi-acp", "cert.pmp", "cert.pmi-cpmai",
    ]  # fmt: skip
    assert complete("aipm cert ca", "2", tmp_path) == ["cert.capm"]
    for args in THREE_PROJECTS:
        run_ok(aipm, *args)
    assert complete("aipm experience remove ", "3", tmp_path) == ["e1", "e2", "e3"]
