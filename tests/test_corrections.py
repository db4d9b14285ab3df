"""Issue 18: record what you already know and correct what you got wrong. Backdating
(--at), several items in one change, note and evidence edits, per-item history, the
undo preview, the user's own items, steps, and one evidence for several items."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aipm_tracker import changes
from aipm_tracker.errors import UsageError
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, OwnItem, Progress
from aipm_tracker.moments import parse_when
from aipm_tracker.store import serialize
from tests.conftest import FIXED_NOW, progress_path

Run = Callable[..., Result]


def saved(isolated: Path, curriculum: str = "aipm-default") -> bytes:
    path = progress_path(isolated, curriculum)
    return path.read_bytes() if path.exists() else b""


def history(isolated: Path, curriculum: str = "aipm-default") -> list[dict[str, object]]:
    events: list[dict[str, object]] = json.loads(saved(isolated, curriculum))["history"]
    return events


# ------------------------------------------------------------------ the user's story


def test_an_experienced_pm_records_what_they_already_did_in_four_commands(
    aipm: Run, isolated: Path
) -> None:
    """The issue's check: a CSM earned 2023-05, two courses finished with their real
    dates, three portfolio steps; the burndown starts from those dates; undo
    --dry-run, then undo, reverts the last one exactly."""
    assert aipm("done", "cert.csm", "--at", "2023-05").stdout == (
        "Done: cert.csm (Certified ScrumMaster (CSM)) on 2023-05-01. Certifications: 1 of\n"
        "10 done. Undo with: aipm undo\n"
    )
    assert aipm("done", "ai-for-everyone", "--at", "2024-03-10").exit_code == 0
    assert aipm("done", "elements-of-ai", "--at", "2024-09-22").exit_code == 0
    before_steps = saved(isolated)
    ticked = aipm("step", "done", "chatbot", "1", "2", "3", "--at", "2025-06-15")
    assert ticked.stdout == "portfolio.chatbot: 3 of 4 steps done. Undo with: aipm undo\n"

    show = aipm("show", "chatbot").stdout
    assert "Steps (3 of 4 done)\n  1. [x] Define the problem\n" in show
    assert "  4. [ ] Write up results and limits\n" in show
    assert "\nSteps\n\n" in aipm("status").stdout
    status = json.loads(aipm("status", "--json").stdout)
    assert status["milestones"] == [
        {"item": "portfolio.chatbot", "title": "Your own AI tool or chatbot", "done": 3, "total": 4}
    ]

    chart = json.loads(aipm("burndown", "--weeks", "200", "--json").stdout)
    first = chart["points"][0]
    assert first["day"] == "2023-04-30"  # the Sunday before the CSM, not today
    assert first["hours_remaining"] > chart["points"][1]["hours_remaining"]
    done = {e["item"]: e["after"]["completed_at"] for e in history(isolated)[:3]}
    assert done == {
        "cert.csm": "2023-05-01T12:00:00Z",
        "edu.ai-for-everyone": "2024-03-10T12:00:00Z",
        "edu.elements-of-ai": "2024-09-22T12:00:00Z",
    }

    after_steps = saved(isolated)
    preview = aipm("undo", "--dry-run")
    assert preview.stdout == (
        "Would undo step: portfolio.chatbot: to do -> in progress; steps 1, 2, 3 done (on\n"
        "2025-06-15)\n"
        "  portfolio.chatbot: status in progress -> to do\n"
        "  portfolio.chatbot: started 2025-06-15 12:00 UTC -> -\n"
        "  portfolio.chatbot: steps done 1, 2, 3 -> -\n"
        "Nothing was changed. Undo it with: aipm undo\n"
    )
    assert saved(isolated) == after_steps
    undone = aipm("undo")
    assert undone.stdout.startswith("Undid step: portfolio.chatbot: to do -> in progress")
    assert "  portfolio.chatbot: steps done 1, 2, 3 -> -\n" in undone.stdout
    assert saved(isolated) == before_steps


# ------------------------------------------------------------------------ backdating


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["done", "nlp", "--at", "2026-11-24"], "--at 2026-11-24T12:00+00:00 is in the future"),
        (["start", "nlp", "--at", "tomorrow"], "--at 'tomorrow' is not a date or time"),
        (["note", "nlp", "x", "--at", "1969-07-20"], "--at '1969-07-20' is before 1970"),
        (["level", "nlp", "2", "--at", "2027-01"], "is in the future"),
        (["evidence", "nlp", "https://e.x/a", "--at", "next week"], "is not a date or time"),
    ],
)
def test_a_bad_or_future_date_is_exit_2_and_nothing_is_stored(
    aipm: Run, mini: Path, isolated: Path, args: list[str], message: str
) -> None:
    aipm("start", "ml-basics")
    before = saved(isolated, "mini")
    result = aipm(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert saved(isolated, "mini") == before


def test_done_before_the_start_is_refused_but_the_same_day_counts_from_the_start(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp", "--at", "2026-11-01T09:30")
    before = saved(isolated, "mini")
    early = aipm("done", "nlp", "--at", "2026-10-31")
    assert early.exit_code == 2
    assert early.stderr.startswith(
        "Error: ai.nlp was started on 2026-11-01, so it cannot have been done on 2026-10-31"
    )
    assert saved(isolated, "mini") == before
    assert aipm("done", "nlp", "--at", "2026-11-01T08:00").exit_code == 0
    state = json.loads(saved(isolated, "mini"))["items"]["ai.nlp"]
    assert (state["started_at"], state["completed_at"]) == (
        "2026-11-01T09:30:00Z",
        "2026-11-01T09:30:00Z",
    )


def test_backdated_changes_keep_when_they_were_recorded_and_when_they_happened(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("done", "ml-basics", "--at", "yesterday")
    aipm("note", "ml-basics", "Read chapter 3", "--at", "3 days ago")
    [done, note] = history(isolated, "mini")
    assert (done["at"], done["as_of"]) == ("2026-11-23T10:00:00Z", "2026-11-22T12:00:00Z")
    assert note["note"] == {"at": "2026-11-20T12:00:00Z", "text": "Read chapter 3"}
    listed = aipm("history", "--json")
    assert [e["as_of"] for e in json.loads(listed.stdout)] == [
        "2026-11-22T12:00:00Z",
        "2026-11-20T12:00:00Z",
    ]
    assert "ai.ml-basics: to do -> done (on 2026-11-22)" in aipm("history").stdout


NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2026, 11, 22)))
def test_any_past_date_is_that_day_at_noon_in_every_form_a_person_types_it(day: date) -> None:
    expected = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    assert parse_when(day.isoformat(), NOW, UTC) == expected
    assert parse_when(f"  {day.isoformat()} ", NOW, UTC) == expected
    assert parse_when(day.strftime("%Y%m%d"), NOW, UTC) == expected
    days = (NOW.date() - day).days
    assert parse_when(f"{days} days ago", NOW, UTC) == expected or days > 365 * 60
    assert parse_when(day.isoformat()[:7], NOW, UTC) == expected.replace(day=1)


@given(
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2999, 1, 1)),
    st.sampled_from(["T", " "]),
    st.sampled_from(["", "Z", "+02:00", "-05:30"]),
)
def test_an_iso_time_is_read_with_its_offset_or_in_the_users_zone(
    moment: datetime, sep: str, offset: str
) -> None:
    text = moment.replace(microsecond=0).isoformat(sep=sep, timespec="minutes") + offset
    found = parse_when(text, NOW, UTC)
    zone = {"": UTC, "Z": UTC, "+02:00": timedelta(hours=2), "-05:30": -timedelta(hours=5.5)}
    assert found.replace(tzinfo=None) == moment.replace(second=0, microsecond=0)
    assert found.utcoffset() == (timedelta(0) if zone[offset] is UTC else zone[offset])


def test_today_and_now_are_now_and_a_word_we_do_not_know_is_refused() -> None:
    assert parse_when("today", NOW, UTC) == NOW
    assert parse_when("NOW", NOW, UTC) == NOW
    assert parse_when("yesterday", NOW, UTC) == datetime(2026, 11, 22, 12, tzinfo=UTC)
    for text in ("", "tomorrow", "2026-02-30", "2026-13", "-1 days ago", "soon"):
        with pytest.raises(UsageError, match="is not a date or time"):
            parse_when(text, NOW, UTC)


# ----------------------------------------------------------------------------- bulk


def test_several_items_are_one_change_and_one_undo(aipm: Run, mini: Path, isolated: Path) -> None:
    result = aipm("done", "ml-basics", "risk-management", "--at", "2026-11-01")
    assert result.exit_code == 0
    assert result.stdout == (
        "Done: ai.ml-basics (ML basics) on 2026-11-01. AI concepts: 1 of 2 done.\n"
        "Your target role asks for level 2 (advanced beginner); record yours with:\n"
        "aipm level ai.ml-basics N\n"
        "Done: pm.risk-management (Risk management) on 2026-11-01. PM skills: 1 of 1\n"
        "done.\n"
        "2 items in one change. Undo them all with: aipm undo\n"
    )
    [event] = history(isolated, "mini")
    assert [c["item"] for c in event["changes"]] == ["ai.ml-basics", "pm.risk-management"]
    undone = aipm("undo").stdout
    assert undone.startswith("Undid done: ai.ml-basics: to do -> done; pm.risk-management:")
    assert (
        not progress_path(isolated, "mini").exists()
        or json.loads(saved(isolated, "mini")).get("items", {}) == {}
    )


def test_skip_takes_one_reason_for_several_and_start_refuses_a_done_one(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("skip", "nlp", "risk-management", "--reason", "did it at work")
    items = json.loads(saved(isolated, "mini"))["items"]
    assert {i: s["skip_reason"] for i, s in items.items()} == {
        "ai.nlp": "did it at work",
        "pm.risk-management": "did it at work",
    }
    aipm("done", "ml-basics")
    before = saved(isolated, "mini")
    refused = aipm("start", "nlp", "ml-basics")
    assert refused.exit_code == 2
    assert "ai.ml-basics is done" in refused.stderr
    assert saved(isolated, "mini") == before


# ---------------------------------------------------------------------------- edits


def test_a_typo_in_a_note_is_edited_and_a_wrong_link_removed_each_undoable(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("note", "nlp", "Finishd week 2")
    aipm("note", "nlp", "Week 3")
    aipm("evidence", "nlp", "https://example.com/wrong", "--label", "Oops")
    aipm("evidence", "nlp", "https://example.com/right", "--label", "Repo")
    show = aipm("show", "nlp").stdout
    assert "\nNotes\n  1. 2026-11-23 10:00 UTC  Finishd week 2\n  2. " in show
    assert "  1. 2026-11-23 10:00 UTC  Oops: https://example.com/wrong\n" in show
    before = saved(isolated, "mini")
    edit = aipm("note", "edit", "nlp", "1", "Finished week 2")
    assert edit.stdout == "Note 1 of ai.nlp edited. Undo with: aipm undo\n"
    assert aipm("evidence", "remove", "nlp", "1").exit_code == 0
    assert aipm("evidence", "edit", "nlp", "1", "--label", "My repo").exit_code == 0
    state = json.loads(saved(isolated, "mini"))["items"]["ai.nlp"]
    assert [n["text"] for n in state["notes"]] == ["Finished week 2", "Week 3"]
    assert [(e["label"], e["url"]) for e in state["evidence"]] == [
        ("My repo", "https://example.com/right")
    ]
    assert (
        "\n  ai.nlp: evidence 1 My repo: https://example.com/right -> Repo:"
        in aipm("undo", "--dry-run").stdout
    )
    for _ in range(3):
        assert aipm("undo").exit_code == 0
    assert saved(isolated, "mini") == before


def test_undoing_an_evidence_edit_of_the_credential_id_alone_says_what_it_puts_back(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    # Found in review: the line read "URL -> URL", as if undo put nothing back.
    aipm("evidence", "nlp", "https://example.com/cert", "--credential-id", "A-1")
    assert aipm("evidence", "edit", "nlp", "1", "--credential-id", "B-2").exit_code == 0
    dry = " ".join(aipm("undo", "--dry-run").stdout.split())  # as wrapped at 80 columns
    assert (
        "ai.nlp: evidence 1 https://example.com/cert -> https://example.com/cert, "
        "credential ID B-2 -> A-1 Nothing was changed."
    ) in dry


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["note", "edit", "nlp", "3", "x"], "ai.nlp has 1 note, so there is no note 3."),
        (["note", "remove", "ml-basics", "1"], "ai.ml-basics has no notes, so there is no note 1"),
        (["evidence", "remove", "nlp", "1"], "ai.nlp has no evidence entries, so there is"),
        (["note", "edit", "nlp", "1", "  "], "the note is empty"),
        (["step", "done", "nlp", "1"], "ai.nlp has no steps, so there is no step 1."),
        (["note", "edit", "nlp", "0", "x"], "'0' is not an entry number"),
    ],
)
def test_an_entry_or_step_that_is_not_there_is_exit_2_and_nothing_changes(
    aipm: Run, mini: Path, isolated: Path, args: list[str], message: str
) -> None:
    aipm("note", "nlp", "one")
    before = saved(isolated, "mini")
    result = aipm(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert saved(isolated, "mini") == before


def test_the_plain_note_and_evidence_forms_still_work_beside_the_edits(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    assert aipm("note", "add", "nlp", "a").exit_code == 0
    assert aipm("note", "nlp", "b").exit_code == 0
    assert aipm("evidence", "add", "nlp", "https://e.x/1").exit_code == 0
    state = json.loads(saved(isolated, "mini"))["items"]["ai.nlp"]
    assert [n["text"] for n in state["notes"]] == ["a", "b"]
    assert "edit" in aipm("note", "--help").stdout


# ---------------------------------------------------------------- history and show


def test_history_of_one_item_and_show_lists_its_latest_changes(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp")
    aipm("done", "ml-basics")
    aipm("evidence", "nlp", "ml-basics", "https://e.x/w", "--label", "Write-up")
    rows = aipm("history", "nlp", "--json")
    assert [e["action"] for e in json.loads(rows.stdout)] == ["start", "evidence"]
    show = aipm("show", "nlp").stdout
    assert show.endswith(
        "Latest changes\n"
        "  2026-11-23 10:00 UTC  start: ai.nlp: to do -> in progress\n"
        "  2026-11-23 10:00 UTC  evidence: ai.nlp: evidence: Write-up: https://e.x/w;\n"
        "                        ai.ml-basics: evidence: Write-up: https://e.x/w\n"
        "All of them: aipm history ai.nlp\n"
    )
    detail = json.loads(aipm("show", "nlp", "--json").stdout)
    assert [e["action"] for e in detail["changes"]] == ["start", "evidence"]
    assert detail["steps"] == [] and detail["own"] is False


# ---------------------------------------------------------- one evidence, many items


def test_one_write_up_backs_several_items_once_each_in_the_evidence_pack(
    aipm: Run, isolated: Path
) -> None:
    aipm("done", "chatbot", "nlp")
    url = "https://example.com/chatbot-write-up"
    result = aipm("evidence", "chatbot", "nlp", url, "--label", "Write-up")
    assert result.stdout == ("Evidence added to portfolio.chatbot, ai.nlp. Undo with: aipm undo\n")
    assert aipm("evidence", "nlp", url, "--label", "Write-up").exit_code == 0  # twice on nlp
    pack = aipm("export", "--format", "evidence").stdout
    assert pack.count(f"(<{url}>)") == 2
    assert "(also backs `portfolio.chatbot`)" in pack
    assert "(also backs `ai.nlp`)" in pack


# ------------------------------------------------------------------- your own items


def test_your_own_item_is_shown_counted_required_and_marked_in_every_report(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    added = aipm(
        "item", "add", "my.talk", "--title", "Talk at a meetup", "--category", "pm-skills",
        "--hours", "8", "--prerequisite", "risk-management", "--step", "Write the abstract",
        "--step", "Give the talk",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert aipm("target", "--require", "my.talk").exit_code == 0
    status = json.loads(aipm("status", "--json").stdout)
    pm = next(c for c in status["categories"] if c["id"] == "pm-skills")
    assert (pm["total"], pm["hours_total"]) == (2, 13.0)
    assert status["own_items"] == ["my.talk"]
    assert "my.talk" in [g["item"] for g in json.loads(aipm("gaps", "--json").stdout)]
    assert "Talk at a meetup (yours)" in " ".join(aipm("list").stdout.split())
    [row] = [r for r in json.loads(aipm("list", "--json").stdout) if r["id"] == "my.talk"]
    assert (row["own"], row["steps_done"], row["steps_total"]) == (True, 0, 2)
    assert (
        "Category    pm-skills · skill · recommended · your own item" in aipm("show", "talk").stdout
    )
    aipm("step", "done", "talk", "1")
    assert "### Talk at a meetup (`my.talk`) (your own item)" in aipm("export").stdout
    rows = aipm("export", "--format", "csv").stdout.splitlines()
    assert rows[-1].endswith(",yes,1,2,")  # hours_logged: none
    items = json.loads(aipm("export", "--format", "json").stdout)["items"]
    assert [i["id"] for i in items if i["own"]] == ["my.talk"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["my.nlp", "--category", "nope"], "no category 'nope'"),
        (["ai.nlp", "--category", "pm-skills"], "ai.nlp is already an item of this curriculum"),
        (["Not An ID", "--category", "pm-skills"], "'Not An ID' is not an item ID"),
        (["my.x", "--category", "pm-skills", "--prerequisite", "nlpp"], "no item 'nlpp'"),
    ],
)
def test_an_item_that_clashes_or_names_what_is_not_there_is_exit_2(
    aipm: Run, mini: Path, isolated: Path, args: list[str], message: str
) -> None:
    result = aipm("item", "add", *args, "--title", "T", "--hours", "3")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not progress_path(isolated, "mini").exists()


def test_removing_your_item_keeps_its_progress_and_undo_puts_it_back(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("item", "add", "my.talk", "--title", "Talk", "--category", "pm-skills", "--hours", "8")
    aipm("target", "--require", "my.talk")
    aipm("start", "talk")
    before = saved(isolated, "mini")
    assert aipm("item", "remove", "my.talk").exit_code == 0
    data = json.loads(saved(isolated, "mini"))
    assert "own_items" not in data and "require" not in data.get("profile", {})
    assert data["items"]["my.talk"]["status"] == "in_progress"  # kept, reported
    assert "my.talk" in aipm("status").stdout
    preview = aipm("undo", "--dry-run").stdout
    assert "  your item my.talk (Talk) is put back\n" in preview
    assert "  also required - -> my.talk\n" in preview
    aipm("undo")
    assert saved(isolated, "mini") == before
    refused = aipm("item", "remove", "ai.nlp")
    assert refused.exit_code == 2
    assert "'ai.nlp' is not one of your own items" in refused.stderr


def test_a_hand_edited_item_that_clashes_is_exit_2_naming_the_file_and_line(
    aipm: Run, mini: Path, isolated: Path
) -> None:
    aipm("item", "add", "my.talk", "--title", "Talk", "--category", "pm-skills", "--hours", "8")
    path = progress_path(isolated, "mini")
    edited = path.read_text().replace('"id": "my.talk"', '"id": "ai.nlp"')
    path.write_text(edited)
    line = edited.splitlines().index('      "id": "ai.nlp",') + 1
    result = aipm("status")
    assert result.exit_code == 2
    assert (
        f"{path}:{line}: ai.nlp is already an item of the curriculum mini; give yours "
        "another ID" in result.stderr
    )
    assert "aipm item remove ai.nlp" in result.stderr
    assert path.read_text() == edited


# ---------------------------------------------------------- undo of every new change

REF = CurriculumRef(id="mini", version="1.0")
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ITEMS = ["ai.nlp", "ai.ml-basics", "pm.risk-management", "my.talk"]
TALK = OwnItem(id="my.talk", title="Talk", category="pm-skills", effort_hours=8)


def _apply(p: Progress, step: tuple[str, list[str], int]) -> Progress:
    kind, items, n = step
    item = items[0]
    past = AT - timedelta(days=n * 30)
    try:
        match kind:
            case "done":
                return changes.done(p, items, AT, level=n % 6, note="n", as_of=past)
            case "start":
                return changes.start(p, items, AT, as_of=past)
            case "skip":
                return changes.skip(p, items, AT, reason="r")
            case "reset":
                return changes.reset(p, items, AT)
            case "evidence":
                return changes.add_evidence(p, items, f"https://e.x/{n}", AT, label="L")
            case "note-edit":
                return changes.edit_note(p, item, n % 3 + 1, f"t{n}", AT)
            case "note-remove":
                return changes.remove_note(p, item, n % 3 + 1, AT)
            case "evidence-edit":
                return changes.edit_evidence(p, item, n % 3 + 1, AT, label=f"l{n}")
            case "evidence-remove":
                return changes.remove_evidence(p, item, n % 3 + 1, AT)
            case "step":
                return changes.tick_steps(p, item, [n % 2 + 1], 2, AT, ticked=n % 3 > 0)
            case "own-step":
                return changes.add_step(p, item, f"s{n}", AT)
            case "item-add":
                return changes.add_own_item(p, TALK, AT) if not p.own_items else p
            case "item-remove":
                return changes.remove_own_item(p, "my.talk", AT)
            case _:
                return changes.set_profile(p, AT, require=items[:1], unrequire=items[1:2])
    except UsageError:
        return p


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "done",
                    "start",
                    "skip",
                    "reset",
                    "evidence",
                    "note-edit",
                    "note-remove",
                    "evidence-edit",
                    "evidence-remove",
                    "step",
                    "own-step",
                    "item-add",
                    "item-remove",
                    "require",
                ]
            ),
            st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_undo_after_any_sequence_of_the_new_changes_gives_back_the_exact_bytes(
    steps: list[tuple[str, list[str], int]],
) -> None:
    current = Progress(schema_version=SCHEMA_VERSION, curriculum=REF)
    current = changes.add_note(current, "ai.nlp", "first", AT)
    current = changes.add_evidence(current, ["ai.nlp", "ai.ml-basics"], "https://e.x/0", AT)
    snapshots = [serialize(current)]
    for step in steps:
        new = _apply(current, step)
        if new is not current:
            assert len(new.history) == len(current.history) + 1  # one change, one event
            snapshots.append(serialize(new))
            current = new
    while len(snapshots) > 1:
        current = changes.undo(current)
        snapshots.pop()
        assert serialize(current) == snapshots[-1]


def test_the_fixed_clock_is_what_the_cli_records(aipm: Run, mini: Path, isolated: Path) -> None:
    aipm("level", "nlp", "2", "--at", "2026-11-01")
    [event] = history(isolated, "mini")
    assert event["at"] == FIXED_NOW.isoformat().replace("+00:00", "Z")
    assert event["as_of"] == "2026-11-01T12:00:00Z"


# ------------------------------------------------------------------- the migration

FIXTURES = Path(__file__).parent / "fixtures" / "progress"


def test_a_schema_3_file_migrates_to_4_keeping_its_amounts(tmp_path: Path) -> None:
    from aipm_tracker.migrations import MIGRATIONS
    from aipm_tracker.store import ProgressStore

    raw = (FIXTURES / "v3.json").read_bytes()
    data = json.loads(raw)
    assert data["schema_version"] == 3 and SCHEMA_VERSION >= 4
    assert MIGRATIONS[3](json.loads(raw)) == data  # only the version changes
    store = ProgressStore(tmp_path / "mini.json", REF)
    store.path.write_bytes(raw)
    progress = store.load()
    amounts = {i: s.amount for i, s in progress.items.items() if s.amount is not None}
    assert amounts == {i: s["amount"] for i, s in data["items"].items() if "amount" in s}
    assert all(not s.steps_done and not s.own_steps for s in progress.items.values())
    assert progress.own_items == [] and progress.profile.require == []
    assert all(e.as_of is None and not e.changes for e in progress.history)


def test_the_schema_4_fixture_holds_every_new_kind_of_change_and_undoes_to_nothing(
    tmp_path: Path,
) -> None:
    from aipm_tracker.store import ProgressStore

    store = ProgressStore(tmp_path / "mini.json", REF)
    store.path.write_bytes((FIXTURES / "v4.json").read_bytes())
    progress = store.load()
    assert [e.action for e in progress.history] == [
        "target", "done", "note", "note-edit", "evidence", "evidence-remove", "item-add",
        "target", "step", "step", "start",
    ]  # fmt: skip
    assert [c.item for c in progress.history[1].changes] == ["ai.ml-basics", "pm.risk-management"]
    assert progress.history[1].as_of == datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert [o.id for o in progress.own_items] == ["my.talk"]
    assert progress.profile.require == ["my.talk"]
    assert progress.items["my.talk"].steps_done == [1]
    assert progress.items["ai.nlp"].own_steps == ["Build a tokenizer"]
    while progress.history:
        progress = changes.undo(progress)
    assert progress.items == {} and progress.own_items == []
    assert progress.profile == Progress(schema_version=SCHEMA_VERSION, curriculum=REF).profile


def test_doctor_does_not_take_progress_on_your_own_item_for_an_unknown_item(
    aipm: Run, mini: Path
) -> None:
    aipm("item", "add", "my.talk", "--title", "Talk", "--category", "pm-skills", "--hours", "8")
    aipm("start", "talk")
    assert "ok unknown items none" in " ".join(aipm("doctor").stdout.split())
