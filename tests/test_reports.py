"""Issue 3's reports: the burndown (engine, terminal, JSON), the CSV export, the
evidence pack and the HTML page, each pinned for a fixed progress file and date."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine
from aipm_tracker.curriculum import load_curriculum, parse_curriculum
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, Progress
from aipm_tracker.render import csvdoc, html, markdown
from aipm_tracker.store import serialize
from tests.conftest import FIXED_NOW, MINI_CURRICULUM, progress_path
from tests.reportdata import SCRIPT_NOTE, realistic_progress
from tests.test_render import AT, CUR, ROLE, TODAY, fixed_progress

EMPTY = Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="mini", version="1.0"))


def weeks_ago(n: float) -> datetime:
    return FIXED_NOW - timedelta(weeks=n)


# ------------------------------------------------------------------------ burndown


def test_burndown_replays_the_history_week_by_week() -> None:
    # The role's work: ml-basics 10 h + 2 levels x 10 h, nlp 20 h + 10 h, risk 5 h = 65 h.
    p = changes.done(EMPTY, "ai.ml-basics", weeks_ago(3))
    p = changes.done(p, "pm.risk-management", weeks_ago(1.5))
    p = changes.start(p, "ai.nlp", weeks_ago(0.5))
    b = engine.burndown(CUR, p, ROLE, TODAY, tz=UTC)
    # The end (Sunday) of each ISO week since the week before the first change, then
    # today, a Monday (issue 17 item 16: the weeks rolled with today).
    assert [(pt.day.isoformat(), pt.hours_remaining) for pt in b.points] == [
        ("2026-11-01", 65.0),
        ("2026-11-08", 55.0),
        ("2026-11-15", 50.0),
        ("2026-11-22", 50.0),
        ("2026-11-23", 50.0),
    ]
    assert b.hours_required == 65.0
    # No pace set: the history burned 15 h in the 22 days from Nov 1 to today.
    assert (b.pace, b.pace_source) == (15 * 7 / 22, "history")
    assert b.ready_on == date(2027, 2, 5)  # today + ceil(50 / (15 / 22)) = 74 days


def test_two_runs_in_the_same_week_label_the_same_weeks() -> None:
    # Issue 17 item 16: the weeks ended on today's weekday, so a run on Tuesday and
    # one on Thursday charted different weeks.
    p = changes.done(EMPTY, "ai.ml-basics", weeks_ago(3))
    runs = [engine.burndown(CUR, p, ROLE, TODAY + timedelta(days=d), tz=UTC) for d in (1, 3, 6)]
    weeks = [[pt.day.isoformat() for pt in b.points[:-1]] for b in runs]
    assert weeks == [["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"]] * 3
    assert [b.points[-1].day for b in runs] == [TODAY + timedelta(days=d) for d in (1, 3, 6)]
    # On a Sunday the newest week ends today.
    sunday = engine.burndown(CUR, p, ROLE, date(2026, 11, 29), tz=UTC)
    assert [pt.day.isoformat() for pt in sunday.points] == [
        "2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29",
    ]  # fmt: skip


def test_burndown_uses_the_set_pace_and_shows_at_most_the_weeks_asked() -> None:
    p = changes.set_profile(EMPTY, weeks_ago(30), hours_per_week=5)
    p = changes.done(p, "ai.ml-basics", weeks_ago(20))
    b = engine.burndown(CUR, p, ROLE, TODAY, weeks=4, tz=UTC)
    sunday = TODAY - timedelta(days=1)
    assert [pt.day for pt in b.points] == [
        *(sunday - timedelta(days=7 * k) for k in (3, 2, 1, 0)),
        TODAY,
    ]
    assert {pt.hours_remaining for pt in b.points} == {55.0}
    assert (b.pace, b.pace_source, b.ready_on) == (5, "profile", date(2027, 2, 8))


def test_a_reset_raises_the_line_and_a_skip_leaves_the_requirement_out() -> None:
    p = changes.done(EMPTY, "ai.nlp", weeks_ago(2))
    p = changes.reset(p, "ai.nlp", weeks_ago(1))
    p = changes.skip(p, "pm.risk-management", weeks_ago(0))
    b = engine.burndown(CUR, p, ROLE, TODAY, tz=UTC)
    # Risk management (5 h) is waived now, so it is out of every point: skipping it
    # today is not study, and the pace stays what the history shows (none here).
    assert [pt.hours_remaining for pt in b.points] == [60.0, 40.0, 60.0, 60.0]  # 8, 15, 22, 23
    assert b.hours_required == 60.0
    assert (b.pace, b.ready_on) == (None, None)


def test_skipping_is_never_counted_as_study() -> None:
    p = changes.skip(EMPTY, "ai.nlp", weeks_ago(1))
    p = changes.done(p, "pm.risk-management", weeks_ago(0))
    b = engine.burndown(CUR, p, ROLE, TODAY, tz=UTC)
    assert [pt.hours_remaining for pt in b.points] == [35.0, 35.0, 30.0]  # Nov 15, 22, 23
    assert (b.pace, b.pace_source) == (5 * 7 / 8, "history")  # 5 h done in 8 days


def test_no_history_gives_one_point_and_no_date() -> None:
    b = engine.burndown(CUR, EMPTY, ROLE, TODAY, tz=UTC)
    assert [(pt.day, pt.hours_remaining) for pt in b.points] == [(TODAY, 65.0)]
    assert (b.pace, b.ready_on) == (None, None)


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["start", "done", "skip", "reset", "undo"]),
        st.sampled_from(["ai.ml-basics", "ai.nlp", "pm.risk-management"]),
        st.integers(min_value=0, max_value=24 * 100),  # hours after the first day
    ),
    max_size=25,
)


@settings(max_examples=120, deadline=None)
@given(ACTIONS, st.integers(min_value=1, max_value=20))
def test_the_burndown_starts_at_the_whole_requirement_and_ends_at_today(actions, weeks) -> None:
    p = EMPTY
    for action, item, offset in sorted(actions, key=lambda a: a[2]):
        at = weeks_ago(15) + timedelta(hours=offset)
        if action == "undo":
            if p.history:
                p = changes.undo(p)
        else:
            p = getattr(changes, action)(p, item, at)
    b = engine.burndown(CUR, p, ROLE, TODAY, weeks, tz=UTC)
    r = engine.readiness(CUR, p, ROLE, TODAY)
    assert b.points[-1].hours_remaining == r.hours_remaining
    # The burndown leaves waived requirements out; readiness keeps them unmet.
    assert b.hours_required == r.hours_done + r.hours_remaining
    assert len(b.points) <= weeks + 1
    # Sundays seven days apart (ends of ISO weeks), then today.
    assert b.points[-1].day == TODAY
    assert all(pt.day.isoweekday() == 7 for pt in b.points[:-1])
    assert all(
        b.points[i + 1].day - b.points[i].day == timedelta(days=7) for i in range(len(b.points) - 2)
    )
    if p.history:
        first_day = min(e.at.date() for e in p.history)
        last_sunday = TODAY - timedelta(days=TODAY.isoweekday() % 7 or 7)
        days = (last_sunday - first_day).days
        if (days // 7 + 2 if days >= 0 else 1) <= weeks:
            # The series reaches back before the first change: nothing was done then,
            # and what is skipped now is out of every point.
            assert b.points[0].day < first_day
            assert b.points[0].hours_remaining == b.hours_required


def test_aipm_burndown_draws_a_bar_per_week(aipm, mini: Path, monkeypatch) -> None:
    import aipm_tracker.cli.context as context

    for when, args in [
        (weeks_ago(2), ["done", "ml-basics"]),
        (weeks_ago(1), ["done", "risk"]),
        (weeks_ago(0), ["target", "--hours-per-week", "5"]),
    ]:
        monkeypatch.setattr(context, "now", lambda when=when: when)
        assert aipm(*args).exit_code == 0
    monkeypatch.setattr(context, "now", lambda: FIXED_NOW)
    result = aipm("burndown")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Burndown for Entry AI PM (entry)\n"
        "50 of 65 required hours left\n"
        "\n"
        " Week ending   Hours left   Remaining required effort\n"
        " ───────────────────────────────────────────────────────────────────────\n"
        " 2026-11-08            65   ████████████████████████████████████████████\n"
        " 2026-11-15            55   █████████████████████████████████████▎░░░░░░\n"
        " 2026-11-22            50   █████████████████████████████████▉░░░░░░░░░░\n"
        " 2026-11-23            50   █████████████████████████████████▉░░░░░░░░░░\n"
        "\n"
        # 15 h done from the end of Sunday Nov 8 to today, 15 days
        "Projected: 2027-02-01 at your pace (5 h/week); your history shows 7 h/week\n"
    )
    doc = json.loads(aipm("burndown", "--json", "--weeks", "1").stdout)
    assert doc == {
        "role": "entry",
        "title": "Entry AI PM",
        "hours_required": 65.0,
        "hours_remaining": 50.0,
        "points": [
            {"day": "2026-11-22", "hours_remaining": 50.0},
            {"day": "2026-11-23", "hours_remaining": 50.0},
        ],
        "hours_per_week": 5.0,
        "pace_source": "profile",
        "ready_on": "2027-02-01",
        # Nothing was done since the last week's end, so the history shows no pace.
        "observed_pace": None,
    }


def test_burndown_without_a_pace_says_how_to_set_one(aipm, mini: Path) -> None:
    result = aipm("burndown")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "No date yet: set your pace with aipm target --hours-per-week 6"
    )


def test_burndown_rejects_bad_weeks_with_exit_2(aipm, mini: Path) -> None:
    result = aipm("burndown", "--weeks", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        "'0' is not a number of weeks: use a whole number from 1 to 520"
    )


# ----------------------------------------------------------------------------- CSV

EXPECTED_CSV = (
    "\ufeffid,title,category,priority,status,level,target_level,effort_hours,"
    "effort_estimated,amount,started,completed,notes,evidence,own,steps_done,steps_total,"
    "hours_logged\r\n"
    "ai.ml-basics,ML basics,ai-concepts,core,done,2,2,10,,,2026-11-20,2026-11-20,"
    "2026-11-20: Took *the* course | 10/10,2026-11-20: Cert: https://example.com/cert(1),,,,"
    "\r\n"
    "ai.nlp,NLP,ai-concepts,recommended,todo,,1,20,,,,,,,,,,\r\n"
    "pm.risk-management,Risk management,pm-skills,core,in_progress,,,5,,,2026-11-20,,,,,,,\r\n"
)


def test_the_csv_of_a_fixed_progress_file_is_exactly_this() -> None:
    p = fixed_progress()
    assert csvdoc.export(engine.report_entries(CUR, p, ROLE)) == EXPECTED_CSV


def test_csv_quotes_per_rfc_4180_and_defuses_formulas() -> None:
    text = MINI_CURRICULUM.replace("title: ML basics", 'title: "ML, \\"basics\\"\\nand more"')
    text = text.replace("title: NLP", 'title: "=HYPERLINK(\\"http://x\\")"')
    cur = parse_curriculum(text, "mini.yaml")
    out = csvdoc.export(engine.report_entries(cur, EMPTY, cur.role_map["entry"]))
    assert '\r\nai.ml-basics,"ML, ""basics""\nand more",' in out
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert rows[1][1] == 'ML, "basics"\nand more'
    assert rows[2][1] == '\'=HYPERLINK("http://x")'
    assert [len(r) for r in rows] == [18, 18, 18, 18]


def test_aipm_export_csv_writes_a_file_a_spreadsheet_reads(aipm, mini: Path, tmp_path) -> None:
    aipm("done", "ml-basics", "--note", "a, b")
    out = tmp_path / "progress.csv"
    assert aipm("export", "--format", "csv", "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0] == {
        "id": "ai.ml-basics", "title": "ML basics", "category": "ai-concepts",
        "priority": "core", "status": "done", "level": "", "target_level": "2",
        "effort_hours": "10", "effort_estimated": "", "amount": "", "started": "2026-11-23",
        "completed": "2026-11-23",
        "notes": "2026-11-23: a, b", "evidence": "", "own": "", "steps_done": "",
        "steps_total": "", "hours_logged": "",
    }  # fmt: skip


# ---------------------------------------------------------------------- evidence pack

EXPECTED_EVIDENCE = """\
# Evidence pack: Entry AI PM

Prepared on 2026-11-23 for the target role `entry` of curriculum `mini` version 1.0; \
data file `/data/mini.json`.

1 of 3 requirements are backed by evidence; 2 still lack it.

## Summary

| Requirement | Status | Level now / target | Completed | Evidence |
|---|---|--:|---|--:|
| ML basics (`ai.ml-basics`) | done | 2/2 | 2026-11-20 | 1 |
| NLP (`ai.nlp`) | to do | -/1 |  | none |
| Risk management (`pm.risk-management`) | in progress |  |  | none |

## Requirements with evidence

### ML basics (`ai.ml-basics`)

Done on 2026-11-20; level 2 (advanced beginner), target 2 (advanced beginner).

- Evidence, 2026-11-20: [Cert](<https://example.com/cert(1)>)
- Note, 2026-11-20: Took \\*the\\* course \\| 10/10

## Still lacking evidence

- **NLP** (`ai.nlp`): not started, no evidence yet.
- **Risk management** (`pm.risk-management`): in progress since 2026-11-20, no evidence yet.
"""


def pack(p: Progress, show_all: bool = True) -> str:
    report = engine.status_report(CUR, p, ROLE, TODAY)
    return markdown.evidence_pack(
        ROLE, engine.evidence_pack(CUR, p, ROLE), report, "/data/mini.json", show_all
    )


def test_the_evidence_pack_of_a_fixed_progress_file_is_exactly_this() -> None:
    assert pack(fixed_progress()) == EXPECTED_EVIDENCE


def test_the_evidence_pack_for_an_employer_leads_with_what_is_evidenced() -> None:
    # Issue 17 item 13: without --all, only the evidenced requirements are listed.
    head, rest = EXPECTED_EVIDENCE.split("## Summary\n", 1)
    proven = rest[rest.index("## Requirements with evidence") : rest.index("## Still lacking")]
    assert pack(fixed_progress(), show_all=False) == head + proven.rstrip("\n") + "\n"


def test_the_evidence_pack_names_skipped_requirements_and_escapes_labels() -> None:
    p = changes.skip(fixed_progress(), "ai.nlp", AT, reason="n/a")
    p = changes.add_evidence(
        p, "pm.risk-management", "https://x.test/a(b)", AT, label="<img src=x> [link](y)"
    )
    text = pack(p)
    assert "Waived (skipped as not applicable, counted as not met): `ai.nlp`.\n" in text
    assert "[\\<img src=x\\> \\[link\\](y)](<https://x.test/a(b)>)" in text
    assert (
        "2 of 3 requirements are backed by evidence; 0 still lack it; "
        "1 waived (not met, no evidence)." in text
    )


def test_aipm_export_evidence_prints_the_pack(aipm, mini: Path) -> None:
    aipm("done", "ml-basics", "--evidence", "https://example.com/c")
    result = aipm("export", "--format", "evidence")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Evidence pack: Entry AI PM\n")
    assert "Still lacking evidence" not in result.stdout
    assert "## Still lacking evidence" in aipm("export", "-f", "evidence", "--all").stdout
    assert "- Evidence, 2026-11-23: [https://example.com/c](<https://example.com/c>)" in (
        result.stdout
    )


# ---------------------------------------------------------------------------- HTML


def html_report(p: Progress, cur=CUR, role=ROLE) -> str:
    report = engine.status_report(cur, p, role, TODAY, next_limit=10)
    chart = engine.burndown(cur, p, role, TODAY, tz=UTC)
    return html.report(report, engine.report_entries(cur, p, role), chart, "~/p.json")


def test_the_html_report_escapes_every_piece_of_user_text() -> None:
    p = changes.add_note(fixed_progress(), "ai.nlp", SCRIPT_NOTE + ' & "x"', AT)
    p = changes.add_evidence(p, "ai.nlp", "https://e.test/?a=1&b=2", AT, label="<b>bold</b>")
    page = html_report(p)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in page
    assert (
        '<a href="https://e.test/?a=1&amp;b=2" rel="noopener noreferrer" class="labelled">' in page
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script" not in page.lower()
    assert "<b>" not in page


def test_the_html_report_is_self_contained() -> None:
    page = html_report(realistic_progress(load_curriculum(None)[0]), *_bundled())
    # Nothing to fetch: no src attribute, no stylesheet link, no CSS url() or @import,
    # and only the user's evidence links (http(s)) as hrefs.
    assert not re.search(r"\bsrc\s*=", page.replace("src=x", ""))
    assert "<link" not in page
    assert "url(" not in page
    assert "@import" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("https://example.com/proof/") for h in hrefs)
    assert (
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "form-action 'none'; base-uri 'none'\"" in page
    )
    # Both charts are there, each drawn for the page's width and for a phone (issue 17
    # item 17), and drew something: bars for 7 categories, a line.
    assert page.count("<svg") == 4
    category = page[page.index('id="category-chart"') : page.index('id="burndown-chart"')]
    wide, narrow = category.split('<div class="narrow">')
    assert 'viewBox="0 0 920 ' in wide and 'viewBox="0 0 560 ' in narrow
    for drawing in (wide, narrow):
        assert drawing.count('class="rect reactive tooltip-trigger"') == 21  # 7 x 3 series
        assert ">AI concepts<" in drawing
        assert 'class="legends"' not in drawing  # the legend is the page's, in HTML
    legend = re.findall(r'<li><span class="swatch (\w+)"></span>([^<]+)</li>', narrow)
    assert legend == [("done", "Done"), ("doing", "In progress"), ("todo", "To do")]
    burndown = page[page.index('id="burndown-chart"') :]
    for drawing in burndown.split('<div class="narrow">'):
        assert re.search(r'<path d="M[^"]+L[^"]+" class="line reactive nofill"', drawing)


def _bundled():
    cur = load_curriculum(None)[0]
    return cur, cur.role_map[cur.default_role]


def test_a_javascript_url_in_a_hand_edited_file_is_shown_but_never_linked() -> None:
    p = changes.add_evidence(fixed_progress(), "ai.nlp", "https://ok.test", AT)
    item = p.items["ai.nlp"]
    bad = item.evidence[0].model_copy(update={"url": "javascript:alert(1)"})
    p = p.model_copy(
        update={"items": {**p.items, "ai.nlp": item.model_copy(update={"evidence": [bad]})}}
    )
    page = html_report(p)
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page


def test_a_hostile_category_title_is_escaped_inside_the_chart() -> None:
    cur = parse_curriculum(
        MINI_CURRICULUM.replace("title: PM skills", 'title: "<script>x</script> & co"'), "m.yaml"
    )
    page = html_report(EMPTY, cur, cur.role_map["entry"])
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in page
    assert "<script" not in page


def test_aipm_export_html_writes_the_page(aipm, isolated: Path, tmp_path: Path) -> None:
    progress_path(isolated).parent.mkdir(parents=True)
    progress_path(isolated).write_text(serialize(realistic_progress(_bundled()[0])))
    out = tmp_path / "report.html"
    result = aipm("export", "--format", "html", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<h2 id="readiness-h">Readiness for <bdi>AI project manager (entry)</bdi></h2>' in page
    # At the set pace of 8 h/week, from the work readiness says is left.
    cur = _bundled()[0]
    left = engine.readiness(
        cur, realistic_progress(cur), cur.role_map["ai-pm-entry"], TODAY
    ).hours_remaining
    projected = TODAY + timedelta(days=math.ceil(left / 8 * 7))
    assert f"Projected completion <strong>{projected.isoformat()}</strong>" in page
    # The burndown is replayed from the file's history: 12 weekly points over the 10
    # weeks (and the week before), plus the projection's two ends.
    burndown_svg = page[page.index('id="burndown-chart"') :].split('<div class="narrow">')[0]
    assert burndown_svg.count('class="dot reactive tooltip-trigger"') == 12 + 2


# ---------------------------------------------------------------------- export safety


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json", "evidence"])
def test_no_format_overwrites_a_file_without_force(aipm, mini: Path, tmp_path, fmt) -> None:
    out = tmp_path / "report.out"
    out.write_bytes(b"precious")
    result = aipm("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out} already exists; add --force to replace it\n"
    assert out.read_bytes() == b"precious"
    assert aipm("export", "--format", fmt, "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != b"precious"


def test_a_failing_write_leaves_the_old_report_and_no_temp_file(
    aipm, mini: Path, tmp_path, monkeypatch
) -> None:
    import os

    out = tmp_path / "report.html"
    out.write_bytes(b"old report")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = aipm("export", "--format", "html", "-o", str(out), "--force")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write the report: No space left on device\n"
    assert out.read_bytes() == b"old report"
    assert {p.name for p in tmp_path.iterdir()} - {"data", "cache"} == {
        "mini.yaml",
        "report.html",
    }


def test_an_unwritable_directory_is_exit_1(aipm, mini: Path, tmp_path, monkeypatch) -> None:
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "r.csv"
    result = aipm("export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write the report: Permission denied\n"
    assert not out.exists()


def test_a_credential_id_reaches_the_evidence_pack_the_report_and_show(
    aipm, mini: Path, isolated: Path
) -> None:
    result = aipm(
        "evidence", "risk", "https://verify.example.org/c/123", "--label", "PMI-RMP",
        "--credential-id", "RMP-4412 <b>",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    line = (
        "- Evidence, 2026-11-23: [PMI-RMP](<https://verify.example.org/c/123>) "
        "(credential ID RMP-4412 \\<b\\>)"
    )
    assert line in aipm("export", "--format", "evidence").stdout
    assert line in aipm("export", "--format", "md").stdout
    assert (
        "credential ID <code><bdi>RMP-4412 &lt;b&gt;</bdi></code>"
        in aipm("export", "-f", "html").stdout
    )
    assert (
        "  1. 2026-11-23 10:00 UTC  PMI-RMP: https://verify.example.org/c/123 (credential\n"
        "                           ID RMP-4412 <b>)\n"
    ) in aipm("show", "risk").stdout
    stored = json.loads(progress_path(isolated, "mini").read_text())
    assert stored["items"]["pm.risk-management"]["evidence"][0]["credential_id"] == "RMP-4412 <b>"
    assert aipm("undo").exit_code == 0
    assert "credential" not in progress_path(isolated, "mini").read_text()


def test_a_blank_credential_id_is_refused_with_exit_2(aipm, mini: Path) -> None:
    result = aipm("evidence", "risk", "https://x.example/1", "--credential-id", "  ")
    assert result.exit_code == 2
    assert "credential ID" in result.stderr


def test_the_evidence_pack_counts_in_good_english() -> None:
    one = ROLE.model_copy(update={"requires": ROLE.requires[:1]})
    pack = engine.evidence_pack(CUR, fixed_progress(), one)
    report = engine.status_report(CUR, fixed_progress(), one, TODAY)
    text = markdown.evidence_pack(one, pack, report, "/d.json")
    assert "1 of 1 requirement is backed by evidence; 0 still lack it." in text
    two = ROLE.model_copy(update={"requires": ROLE.requires[:2]})
    pack = engine.evidence_pack(CUR, fixed_progress(), two)
    text = markdown.evidence_pack(two, pack, report, "/d.json")
    assert "1 of 2 requirements are backed by evidence; 1 still lacks it." in text


@pytest.mark.parametrize("length", [52, 300])
def test_a_long_category_title_renders_the_html_chart_without_hanging(
    aipm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    # Issue 13 item 11: pygal's label wrapping looped forever from 52 characters on.
    import threading

    from tests.conftest import MINI_CURRICULUM

    title = ("Very long category title " * 20)[:length]
    path = tmp_path / "long.yaml"
    path.write_text(MINI_CURRICULUM, "utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    out = tmp_path / "r.html"
    aipm("export", "--format", "html", "-o", str(out))  # warm the imports
    out.unlink()
    path.write_text(MINI_CURRICULUM.replace("title: AI concepts", f"title: {title}"), "utf-8")
    results = []
    worker = threading.Thread(
        target=lambda: results.append(aipm("export", "--format", "html", "-o", str(out))),
        daemon=True,
    )
    worker.start()
    worker.join(10)
    # A hang is the defect (pygal never returned); its speed is measured by
    # benchmarks/hostile.py, not asserted here: a 1-second bound failed on a loaded
    # 2-CPU machine with the fix in place (1.1 s).
    assert not worker.is_alive(), "the HTML export hangs"
    assert results[0].exit_code == 0, results[0].output
    page = out.read_text(encoding="utf-8")
    assert title.strip() in page  # whole in the table
    # What makes it finish: pygal is given the title cut to 30 characters at most.
    cut = title[:29].rstrip() + "…" if len(title) > 30 else title
    assert f">{cut}<" in page


@pytest.fixture
def in_tokyo() -> Iterator[None]:
    """The process's zone is Asia/Tokyo (``TZ`` and ``time.tzset()``), then back."""
    import os
    import time

    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_a_tokyo_user_sees_the_same_day_in_every_report_as_on_the_terminal(
    aipm, mini: Path, in_tokyo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 17 item 15: done at 04:30 in Tokyo on the 13th, recorded in UTC (19:30 on
    # the 12th, as a file written elsewhere holds it); the reports said the 12th.
    from aipm_tracker.cli import context

    done_at = datetime(2026, 11, 12, 19, 30, tzinfo=UTC)
    monkeypatch.setattr(context, "now", lambda: done_at)
    aipm("done", "ml-basics", "--note", "finished", "--evidence", "https://example.com/c")
    monkeypatch.setattr(context, "now", lambda: done_at.astimezone())  # as aipm reads it
    assert "Completed   2026-11-13 04:30 JST" in aipm("show", "ml-basics").stdout
    md = aipm("export").stdout
    assert "completed 2026-11-13" in md
    assert "- Note, 2026-11-13: finished" in md
    rows = list(csv.DictReader(io.StringIO(aipm("export", "-f", "csv").stdout.lstrip("\ufeff"))))
    first = rows[0]
    assert (first["started"], first["completed"]) == ("2026-11-13", "2026-11-13")
    assert first["notes"] == "2026-11-13: finished"
    assert first["evidence"] == "2026-11-13: https://example.com/c"
    evidence = aipm("export", "-f", "evidence").stdout
    assert "- Evidence, 2026-11-13: [https://example.com/c](<https://example.com/c>)" in evidence
    assert "2026-11-12" not in md + evidence
    page = aipm("export", "-f", "html").stdout
    assert "completed 2026-11-13" in page
    assert "<time>2026-11-13</time>" in page
    assert "<time>2026-11-12</time>" not in page
