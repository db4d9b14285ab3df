"""The command line as a user meets it, through typer's CliRunner with an isolated
data dir, a pinned clock (2026-11-23 10:00 UTC), 80 columns and NO_COLOR."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aipm_tracker.cli import HELP_ORDER, app
from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.models import AnyOf
from tests.conftest import progress_path

BUNDLED, _ = load_curriculum()


def status_json(aipm) -> dict:
    result = aipm("status", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------- first run


def test_a_new_users_first_status_shows_readiness_categories_and_next_steps(
    aipm, isolated: Path
) -> None:
    result = aipm("status")
    assert result.exit_code == 0
    role = BUNDLED.role_map["ai-pm-entry"]
    reqs = BUNDLED.requirements(role)

    def work(req: Any) -> float:
        # Study hours of the item (if finishing it counts) + 10 h a level (the default).
        if isinstance(req, AnyOf):
            return min(work(option) for option in req.any_of)
        item = BUNDLED.item_map[req.item]
        hours = (item.counted_hours or 0.0) if req.needs in ("item", "both") else 0.0
        return hours + (10.0 * req.level if req.needs in ("level", "both") and req.level else 0)

    required_hours = sum(work(r) for r in reqs)
    lines = result.stdout.splitlines()
    assert lines[0] == "AI Project Manager curriculum 2026.12  ·  2026-11-23"
    assert lines[2].startswith("Target role AI project manager (entry) (ai-pm-entry)")
    assert f"0% ready 0 of ~{required_hours:g} required hours" in lines[3]
    levels = sum(1 for r in reqs if not isinstance(r, AnyOf) and r.level is not None)
    assert f"0 of {len(reqs)} requirements met; 0 of {levels} target levels met" in lines[4]
    for category in BUNDLED.categories:
        assert any(line.lstrip().startswith(category.title) for line in lines), category.title
    assert "Next steps" in lines
    assert "\x1b" not in result.stdout
    assert max(len(line) for line in lines) <= 80
    # Reading never creates the progress file.
    assert not progress_path(isolated).exists()


def test_the_status_screen_of_a_small_curriculum_is_exactly_this(aipm, mini: Path) -> None:
    aipm("done", "ml-basics", "--level", "1")
    result = aipm("status")
    assert result.exit_code == 0
    expected = """\
Mini curriculum 1.0  ·  2026-11-23

Target role Entry AI PM (entry)
Readiness   █████████▎░░░░░░░░░░░░░░░░░░░░ 31% ready ~20 of ~65 required hours
            0 of 3 requirements met; 0 of 2 target levels met
            Counted: study hours of items to finish + 10 h practice per level to
            reach (an estimate).
Ready on    set your pace: aipm target --hours-per-week 6

 Category      Done   Doing   To do   Skip   Progress          %   Hours
 ───────────────────────────────────────────────────────────────────────
 AI concepts      1       0       1      0   ████▋░░░░░░░░░   33   10/30
 PM skills        0       0       1      0   ░░░░░░░░░░░░░░    0     0/5

Next steps

 #   Item                 Title             Hours   Score
 ────────────────────────────────────────────────────────
 1   pm.risk-management   Risk management       5    5.75
 2   ai.nlp               NLP                  20    4.00

More: aipm next --explain · gaps: aipm gaps
"""
    assert result.stdout == expected


# ----------------------------------------------------------------------- marking


def test_done_moves_exactly_one_item_from_to_do_to_done(aipm, isolated: Path) -> None:
    before = {c["id"]: c for c in status_json(aipm)["categories"]}
    result = aipm("done", "nlp")
    assert result.exit_code == 0
    assert result.stdout.startswith("Done: ai.nlp (Natural language processing).")
    after = {c["id"]: c for c in status_json(aipm)["categories"]}
    ai_before, ai_after = before["ai-concepts"], after["ai-concepts"]
    assert ai_after["done"] == ai_before["done"] + 1 == 1
    assert ai_after["todo"] == ai_before["todo"] - 1
    assert ai_after["hours_done"] == BUNDLED.item_map["ai.nlp"].effort_hours
    for cid in before:
        if cid != "ai-concepts":
            assert after[cid] == before[cid]
    saved = json.loads(progress_path(isolated).read_text())
    assert saved["items"]["ai.nlp"] == {
        "status": "done",
        "started_at": "2026-11-23T10:00:00Z",
        "completed_at": "2026-11-23T10:00:00Z",
    }
    assert [e["action"] for e in saved["history"]] == ["done"]


def test_done_with_level_note_and_evidence_records_all_three(aipm, mini: Path) -> None:
    result = aipm(
        "done", "nlp", "--level", "3", "--note", "Read the book", "--evidence", "https://x.org/c"
    )
    assert result.exit_code == 0
    shown = json.loads(aipm("show", "nlp", "--json").stdout)["progress"]
    assert shown["status"] == "done"
    assert shown["level"] == 3
    assert shown["notes"] == [{"at": "2026-11-23T10:00:00Z", "text": "Read the book"}]
    assert shown["evidence"] == [
        {
            "at": "2026-11-23T10:00:00Z",
            "url": "https://x.org/c",
            "label": None,
            "credential_id": None,
        }
    ]


def test_start_skip_reset_level_note_evidence_each_do_their_one_thing(aipm, mini: Path) -> None:
    assert aipm("start", "risk").exit_code == 0
    assert json.loads(aipm("show", "risk", "--json").stdout)["progress"]["status"] == "in_progress"
    assert aipm("skip", "nlp", "--reason", "not for me").exit_code == 0
    nlp = json.loads(aipm("show", "nlp", "--json").stdout)["progress"]
    assert (nlp["status"], nlp["skip_reason"]) == ("skipped", "not for me")
    assert aipm("level", "ml", "4").exit_code == 0
    assert json.loads(aipm("show", "ml", "--json").stdout)["progress"]["level"] == 4
    assert aipm("note", "ml", "a note").exit_code == 0
    assert aipm("evidence", "ml", "https://example.com/repo", "--label", "repo").exit_code == 0
    ml = json.loads(aipm("show", "ml", "--json").stdout)["progress"]
    assert [n["text"] for n in ml["notes"]] == ["a note"]
    assert [(e["url"], e["label"]) for e in ml["evidence"]] == [
        ("https://example.com/repo", "repo")
    ]
    assert aipm("reset", "ml").exit_code == 0
    ml = json.loads(aipm("show", "ml", "--json").stdout)["progress"]
    assert (ml["status"], ml["level"]) == ("todo", None)
    assert len(ml["notes"]) == 1 and len(ml["evidence"]) == 1  # kept
    history = json.loads(aipm("history", "--json").stdout)
    assert [e["action"] for e in history] == ["start", "skip", "level", "note", "evidence", "reset"]


def test_marking_an_item_twice_changes_nothing_and_says_so(aipm, mini: Path, isolated) -> None:
    aipm("start", "nlp")
    content = progress_path(isolated, "mini").read_bytes()
    result = aipm("start", "nlp")
    assert result.exit_code == 0
    assert result.stdout == "ai.nlp is already in progress; nothing changed.\n"
    assert progress_path(isolated, "mini").read_bytes() == content


def test_a_level_outside_the_dreyfus_scale_is_a_usage_error(aipm, mini: Path) -> None:
    result = aipm("level", "nlp", "6")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        "'6' is not a level: use a whole number from 0 to 5"
    )
    assert "Input should" not in result.stderr


def test_evidence_must_be_an_http_link(aipm, mini: Path, isolated: Path) -> None:
    result = aipm("evidence", "nlp", "javascript:alert(1)")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'javascript:alert(1)' is not an http(s) URL; evidence must be a link such as "
        "https://example.com/certificate\n"
    )
    assert not progress_path(isolated, "mini").exists()


# -------------------------------------------------------------------------- undo


def test_undo_restores_the_files_previous_content_exactly(aipm, mini: Path, isolated: Path) -> None:
    aipm("done", "ml", "--level", "2", "--note", "week 1")
    aipm("target", "--hours-per-week", "5")
    before = progress_path(isolated, "mini").read_bytes()
    aipm("done", "ml", "--level", "3", "--evidence", "https://example.com/e")
    assert progress_path(isolated, "mini").read_bytes() != before
    result = aipm("undo")
    assert result.exit_code == 0
    assert (
        result.stdout == "Undid done: ai.ml-basics: level 2 -> 3; evidence: https://example.com/e\n"
        "  ai.ml-basics: level 3 -> 2\n"
        "  ai.ml-basics: evidence removed: https://example.com/e\n"
    )
    assert progress_path(isolated, "mini").read_bytes() == before
    # and the change before that (a profile change) too
    aipm("undo")
    assert "profile" not in json.loads(progress_path(isolated, "mini").read_text())


def test_undo_with_no_history_exits_1_and_writes_nothing(aipm, mini: Path, isolated: Path) -> None:
    result = aipm("undo")
    assert result.exit_code == 1
    assert result.stderr == "Error: There is nothing to undo: the history is empty.\n"
    assert not progress_path(isolated, "mini").exists()


# ---------------------------------------------------------------- bad input


def test_an_unknown_item_exits_2_with_suggestions(aipm, isolated: Path) -> None:
    result = aipm("done", "nlpp")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no item 'nlpp' in this curriculum. Did you mean: ")
    assert "ai.nlp" in result.stderr
    assert result.stdout == ""
    assert not progress_path(isolated).exists()


def test_an_ambiguous_item_exits_2_listing_matches(aipm, mini: Path) -> None:
    result = aipm("show", "ai")
    assert result.exit_code == 2
    assert result.stderr == "Error: 'ai' is ambiguous: it matches ai.ml-basics, ai.nlp\n"


@pytest.mark.parametrize(
    "args",
    [["status"], ["done", "nlp"], ["list"], ["undo"], ["export"], ["history"], ["gaps"]],
)
def test_a_corrupt_progress_file_gives_exit_1_and_stays_byte_identical(
    aipm, isolated: Path, args: list[str]
) -> None:
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    content = b'{"schema_version": 1, "items": {"ai.nlp": '
    path.write_bytes(content)
    result = aipm(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:1:")
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == content


def test_an_unknown_target_role_is_a_usage_error(aipm, isolated: Path) -> None:
    result = aipm("target", "astronaut")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no target role 'astronaut' in this curriculum (roles:")
    assert not progress_path(isolated).exists()


def test_an_unknown_category_is_a_usage_error(aipm) -> None:
    result = aipm("list", "--category", "cooking")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no category 'cooking' (categories: ai-concepts,")


def test_an_unwritable_data_dir_is_exit_1_with_a_way_out(aipm, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("AIPM_DATA_DIR", str(blocker))
    result = aipm("done", "nlp")
    assert result.exit_code == 1
    assert "cannot create the data directory" in result.stderr
    assert "--data-dir" in result.stderr
    assert blocker.read_text() == "x"


def test_user_text_is_shown_literally_without_markup_or_control_codes(aipm, mini: Path) -> None:
    aipm("note", "nlp", "[bold red]not bold[/] \x1b[31mred\x1b[0m \x9b2J done")
    shown = aipm("show", "nlp").stdout
    assert "[bold red]not bold[/] [31mred[0m 2J done" in shown
    assert "\x1b" not in shown and "\x9b" not in shown


# ------------------------------------------------------------ target, gaps, next


def test_target_lists_roles_and_sets_role_and_pace(aipm, isolated: Path) -> None:
    listing = aipm("target")
    assert listing.exit_code == 0
    assert " *   ai-pm-entry " in listing.stdout
    result = aipm("target", "ai-pm-senior", "--hours-per-week", "6")
    assert result.exit_code == 0
    assert result.stdout.startswith("Target: ")
    doc = status_json(aipm)
    assert doc["readiness"]["role"] == "ai-pm-senior"
    assert doc["readiness"]["hours_per_week"] == 6
    weeks = doc["readiness"]["hours_remaining"] / 6
    import datetime as dt
    import math

    expected = dt.date(2026, 11, 23) + dt.timedelta(days=math.ceil(weeks * 7))
    assert doc["readiness"]["ready_on"] == expected.isoformat()


def test_gaps_lists_core_requirements_first(aipm, mini: Path) -> None:
    aipm("done", "ml", "--level", "1")
    doc = json.loads(aipm("gaps", "--json").stdout)
    assert [(g["item"], g["needs_completion"], g["needs_level"]) for g in doc] == [
        ("ai.ml-basics", False, True),
        ("pm.risk-management", True, False),
        ("ai.nlp", True, True),
    ]
    text = aipm("gaps").stdout
    # ML basics: 10 h of level practice left; risk 5 h; NLP 20 h + 10 h of practice.
    assert text.startswith("Gaps for Entry AI PM: 3 open requirements, ~45 hours of work left\n")
    assert text.index("core") < text.index("recommended")


def test_next_explain_prints_every_term_of_the_score(aipm, mini: Path) -> None:
    result = aipm("next", "--explain")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[3].split() == ["1", "ai.ml-basics", "ML", "basics", "10", "6.50"]
    # Each term's name stands indented in the Item column, its reason under the title.
    terms = [line.split(None, 1) for line in lines if line.startswith("       ")]
    for name, reason in (
        ("priority", "core"),
        ("target", "required by the target role"),
        ("unlocks", "prerequisite of 1 item"),
        ("effort", "10 h of effort"),
    ):
        assert any(t[0] == name and t[1].startswith(reason) for t in terms), name
    assert any(line.endswith("-0.50") for line in lines)


def test_a_user_curriculum_gets_its_own_progress_file(aipm, mini: Path, isolated: Path) -> None:
    aipm("done", "nlp")
    assert progress_path(isolated, "mini").exists()
    assert not progress_path(isolated).exists()
    path_doc = json.loads(aipm("path", "--json").stdout)
    assert path_doc == {
        "data_dir": str(isolated),
        "progress_file": str(progress_path(isolated, "mini")),
        "lock_file": str(progress_path(isolated, "mini")) + ".lock",
        "curriculum": str(mini),
    }


def test_data_dir_option_overrides_the_environment(aipm, tmp_path: Path, isolated: Path) -> None:
    other = tmp_path / "elsewhere"
    assert aipm("--data-dir", str(other), "done", "nlp").exit_code == 0
    assert progress_path(other).exists()
    assert not progress_path(isolated).exists()


# ------------------------------------------------------------------------ export


def test_export_markdown_to_a_file_and_refuse_to_overwrite(
    aipm, mini: Path, tmp_path: Path
) -> None:
    aipm("done", "ml", "--level", "2", "--note", "Finished <the> course | week 3")
    out = tmp_path / "report.md"
    result = aipm("export", "--format", "md", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote {out}\n"
    text = out.read_text()
    assert text.startswith("# AI-PM progress report: Mini curriculum\n")
    assert "- Note, 2026-11-23: Finished \\<the\\> course \\| week 3" in text
    again = aipm("export", "-o", str(out))
    assert again.exit_code == 1
    assert again.stderr == f"Error: {out} already exists; add --force to replace it\n"
    assert out.read_text() == text
    assert aipm("export", "-o", str(out), "--force").exit_code == 0


def test_export_to_a_directory_or_missing_parent_is_exit_1(aipm, tmp_path: Path) -> None:
    assert aipm("export", "-o", str(tmp_path)).exit_code == 1
    result = aipm("export", "-o", str(tmp_path / "nope" / "r.md"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_export_json_holds_notes_evidence_and_gaps(aipm, mini: Path, isolated: Path) -> None:
    aipm("done", "nlp", "--evidence", "https://example.com/cert")
    doc = json.loads(aipm("export", "--format", "json").stdout)
    # The path is left out of a report unless asked for (issue 17 item 12).
    assert doc["data_file"] is None
    asked = json.loads(aipm("export", "--format", "json", "--include-path").stdout)
    assert asked["data_file"] == str(progress_path(isolated, "mini"))
    nlp = next(i for i in doc["items"] if i["id"] == "ai.nlp")
    assert nlp["progress"]["evidence"][0]["url"] == "https://example.com/cert"
    assert [g["item"] for g in doc["gaps"]] == ["ai.ml-basics", "pm.risk-management", "ai.nlp"]


# -------------------------------------------------------------------------- help


def _commands() -> list[list[str]]:
    import typer
    from typer.main import get_command

    # Through Click's interface (list_commands/get_command): the root builds a
    # module's commands only when one is asked for.
    root: Any = get_command(app)
    ctx = typer.Context(root)
    found = []
    for name in root.list_commands(ctx):
        cmd = root.get_command(ctx, name)
        subs = getattr(cmd, "commands", None)
        if subs:
            found.extend([name, sub] for sub in subs)
        else:
            found.append([name])
    return found


HEAVY = ("jinja2", "pygal", "fsrs", "pypdf", "docx", "icalendar", "rapidfuzz", "snowballstemmer")
"""Libraries that only some commands need: ``aipm status`` must load none of them."""

_IMPORTS_OF_STATUS = """\
import sys
from aipm_tracker.cli import app
try:
    app(["status"], prog_name="aipm")
except SystemExit as exc:
    assert not exc.code, exc.code
print(" ".join(sorted({name.partition(".")[0] for name in sys.modules})))
"""


def test_a_command_builds_only_the_commands_of_its_own_module() -> None:
    """Typer builds every parameter of every command it is given; the root group
    builds a module's commands only when one of them is asked for (issue 11)."""
    import typer
    from typer.main import get_command

    root: Any = get_command(app)
    ctx = typer.Context(root)
    assert set(root.commands) == set()
    assert root.get_command(ctx, "status").name == "status"
    own = {"status", "list", "show", "gaps", "burndown", "next", "export"}
    assert set(root.commands) == own
    assert root.get_command(ctx, "no-such-command") is None
    assert set(root.commands) == own
    # cli/notes.py holds two command groups: asking for one builds both, and no more.
    assert root.get_command(ctx, "evidence").name == "evidence"
    assert set(root.commands) == own | {"note", "evidence"}
    assert root.get_command(ctx, "job").name == "job"  # a named group stays a group
    assert set(root.get_command(ctx, "job").commands) == {"add", "list", "show", "remove"}
    assert root.list_commands(ctx) == list(HELP_ORDER)


def test_status_imports_none_of_the_heavy_libraries(isolated: Path) -> None:
    """The daily command never pays for what other commands use; yaml is loaded only
    to parse the curriculum, never when it comes from the cache."""
    import subprocess
    import sys

    def imported() -> set[str]:
        run = subprocess.run(
            [sys.executable, "-c", _IMPORTS_OF_STATUS], capture_output=True, text=True, check=True
        )
        return set(run.stdout.splitlines()[-1].split())

    cold = imported()
    assert "aipm_tracker" in cold and "yaml" in cold  # the curriculum was parsed
    assert cold.isdisjoint(HEAVY)
    warm = imported()
    assert "aipm_tracker" in warm
    assert warm.isdisjoint({*HEAVY, "yaml", "filelock"})


def test_every_command_is_covered_by_this_list() -> None:
    assert sorted(" ".join(c) for c in _commands()) == sorted(
        [
            "status", "list", "show", "start", "done", "skip", "reset", "level", "amount",
            "note add", "note edit", "note remove", "evidence add", "evidence edit",
            "evidence remove",
            "step done", "step undone", "step add", "item add", "item remove",
            "undo", "history", "gaps", "next", "target", "roles", "plan", "burndown",
            "export", "path",
            "curriculum validate", "curriculum show", "backup list", "backup restore", "doctor",
            "drill due", "story add", "story list", "apply add", "apply move",
            "apply list", "contact add", "contact list",
            "job add", "job list", "job show", "job remove", "match", "market", "cv check",
            "log add", "log list", "log remove",
            "experience add", "experience list", "experience remove", "cert show", "cert book",
            "cert result", "cert earned", "cert credit",
        ]
    )  # fmt: skip


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_a_summary_and_an_example_in_its_help(aipm, command: list[str]) -> None:
    result = aipm(*command, "--help")
    assert result.exit_code == 0
    assert "Example: aipm " + " ".join(command) in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_help_shows_each_arguments_help_and_no_stray_backslash(aipm) -> None:
    """At the Typer floor too: older Typers with a new click dropped arguments' help
    text, and some printed a backslash before "[env var: ...]"."""
    level = " ".join(aipm("level", "--help").stdout.split())
    assert "Item ID, a unique prefix or suffix of one (nlp -> ai.nlp), or words of its title." in (
        level
    )
    assert "Dreyfus level 0-5." in level
    root = aipm("--help").stdout
    assert "[env var: AIPM_DATA_DIR]" in " ".join(root.split())
    assert "\\" not in root and "\\" not in level


def test_version_is_the_installed_distributions(aipm) -> None:
    from importlib.metadata import version

    result = aipm("--version")
    assert result.stdout == f"aipm-tracker {version('aipm-tracker')}\n"


def test_a_saved_target_role_the_curriculum_dropped_falls_back_with_a_warning(
    aipm, mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"schema_version": 1, "curriculum": {"id": "mini", "version": "0.9"}, '
        '"profile": {"target_role": "retired"}}\n'
    )
    warning = (
        "Warning: your target role 'retired' is not in this curriculum; using entry "
        "instead. Choose one with: aipm target ROLE\n"
    )
    result = aipm("status")
    assert result.exit_code == 0
    assert result.stderr == warning
    assert "Target role Entry AI PM (entry)" in result.stdout
    done = aipm("done", "risk")  # a change still works, and warns the same way
    assert done.exit_code == 0
    assert done.stderr == warning
    listing = aipm("target")
    assert listing.exit_code == 0
    assert " *   entry " in listing.stdout
    assert aipm("target", "entry").exit_code == 0
    assert aipm("status").stderr == ""
    saved = json.loads(path.read_text())
    assert saved["curriculum"] == {"id": "mini", "version": "1.0"}  # the file follows the version
    assert saved["profile"] == {"target_role": "entry"}
    assert [e["action"] for e in saved["history"]] == ["done", "target"]


# ------------------------------------------- found in review: each once a traceback


@pytest.mark.parametrize("query", ["cs", "lp", "k-management"])
def test_a_suffix_counts_only_from_a_word_boundary(aipm, mini: Path, query: str) -> None:
    result = aipm("done", query)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: no item '{query}' in this curriculum.")


def test_a_malformed_evidence_url_is_a_usage_error(aipm, mini: Path) -> None:
    result = aipm("evidence", "nlp", "http://[")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 'http://[' is not an http(s) URL")


def test_text_that_is_not_utf8_is_refused_before_anything_is_saved(
    aipm, mini: Path, isolated: Path
) -> None:
    result = aipm("note", "nlp", "caf\udce9")  # how Python passes a Latin-1 byte
    assert result.exit_code == 2
    assert result.stderr == "Error: the note is not valid UTF-8 text\n"
    assert not progress_path(isolated, "mini").exists()


def test_a_lock_file_that_cannot_be_opened_is_exit_1(aipm, mini: Path, isolated: Path) -> None:
    lock = Path(str(progress_path(isolated, "mini")) + ".lock")
    lock.mkdir(parents=True)
    result = aipm("done", "nlp")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {lock}: cannot take the lock:")
    assert not progress_path(isolated, "mini").exists()


def test_a_deeply_nested_progress_file_is_corrupt_not_a_crash(aipm, isolated: Path) -> None:
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    content = b"[" * 100_000
    path.write_bytes(content)
    result = aipm("status")
    assert result.exit_code == 1
    assert "nests lists or objects too deeply" in result.stderr
    assert path.read_bytes() == content


def test_a_progress_file_of_another_curriculum_is_refused_and_left_alone(
    aipm, isolated: Path
) -> None:
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    content = b'{"schema_version": 1, "curriculum": {"id": "other", "version": "1"}}'
    path.write_bytes(content)
    result = aipm("done", "nlp")
    assert result.exit_code == 1
    assert "holds progress for curriculum 'other', not 'aipm-default'" in result.stderr
    assert path.read_bytes() == content


def test_an_empty_target_role_is_a_usage_error(aipm, isolated: Path) -> None:
    result = aipm("target", "")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no target role '' in this curriculum")
    assert not progress_path(isolated).exists()


def test_export_never_writes_over_the_progress_files(aipm, mini: Path, isolated: Path) -> None:
    aipm("done", "nlp")
    path = progress_path(isolated, "mini")
    content = path.read_bytes()
    result = aipm("export", "-o", str(path), "--force")
    assert result.exit_code == 1
    assert "where your progress is kept" in result.stderr
    assert path.read_bytes() == content


def test_an_exported_report_is_readable_by_others(aipm, tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert aipm("export", "-o", str(tmp_path / "r.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o644


def test_history_shows_reasons_and_evidence_labels(aipm, mini: Path) -> None:
    aipm("skip", "nlp", "--reason", "have it")
    aipm("evidence", "ml", "https://example.com/b", "--label", "badge")
    history = json.loads(aipm("history", "--json").stdout)
    from aipm_tracker.models import Event
    from aipm_tracker.render.text import describe_event

    assert [describe_event(Event.model_validate(e)) for e in history] == [
        "ai.nlp: to do -> skipped; reason: have it",
        "ai.ml-basics: evidence: badge: https://example.com/b",
    ]
    table = " ".join(aipm("history").stdout.split())
    assert "skip ai.nlp: to do -> skipped; reason: have it" in table


def test_a_note_event_records_only_the_added_note_so_the_file_grows_linearly(
    aipm, mini: Path, isolated: Path
) -> None:
    for n in range(30):
        aipm("note", "nlp", f"note number {n}")
    saved = json.loads(progress_path(isolated, "mini").read_text())
    assert len(saved["items"]["ai.nlp"]["notes"]) == 30
    last = saved["history"][-1]
    assert last["note"]["text"] == "note number 29"
    assert "notes" not in json.dumps(saved["history"])
    aipm("undo")
    saved = json.loads(progress_path(isolated, "mini").read_text())
    assert [n["text"] for n in saved["items"]["ai.nlp"]["notes"]][-1] == "note number 28"


def test_the_root_help_shows_every_summary_whole_at_80_columns(aipm) -> None:
    import typer
    import typer.main

    from aipm_tracker.cli import app

    result = aipm("--help")
    assert result.exit_code == 0
    listed = " ".join(result.stdout[result.stdout.index("Commands:") :].split())
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None and command.help
        summary = " ".join(command.help.split("\n\n")[0].split())
        assert f"{name} {summary}" in listed, name


def test_curriculum_show_marks_the_users_target_role(aipm, isolated: Path) -> None:
    aipm("target", "ml-technical-pm")
    lines = [line.rstrip() for line in aipm("curriculum", "show").stdout.splitlines()]
    marked = [line.split()[1] for line in lines if line.startswith(" *   ")]
    assert marked == ["ml-technical-pm"]


def test_undo_of_a_pace_change_names_only_the_pace(aipm, mini: Path) -> None:
    aipm("target", "--hours-per-week", "6")
    assert aipm("undo").stdout == "Undid target: pace: - -> 6 h/week\n  pace 6 -> - h/week\n"
    aipm("target", "entry", "--hours-per-week", "4")
    assert (
        aipm("undo").stdout == "Undid target: target role: default -> entry; pace: - -> 4 h/week\n"
        "  target role entry -> default\n"
        "  pace 4 -> - h/week\n"
    )


def test_resolving_a_dropped_target_role_returns_the_warning_and_prints_nothing(
    mini: Path, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aipm_tracker.cli.context import Session

    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"schema_version": 1, "curriculum": {"id": "mini", "version": "0.9"}, '
        '"profile": {"target_role": "retired"}}\n'
    )
    choice = Session().role()
    assert choice.role is not None and choice.role.id == "entry"
    assert choice.warning == (
        "your target role 'retired' is not in this curriculum; using entry instead. "
        "Choose one with: aipm target ROLE"
    )
    assert Session().role("entry").warning is None  # an explicit --target says nothing
    assert capsys.readouterr() == ("", "")


def test_bare_aipm_prints_a_short_help_on_stdout_and_exits_0(aipm) -> None:
    # Issue 17 item 10: typing the name alone was a usage error (exit 2, the whole help
    # on stderr). It is a short help, each command with its own summary, not status:
    # status reads files, and a first look should not.
    expected = (
        "Track your way to an AI project-manager role.\n"
        "\n"
        "  aipm status  Show your readiness, progress per category and next steps.\n"
        "  aipm next    Rank what to do next, best first.\n"
        "  aipm done    Mark ITEM (or several) done, with a level, note or evidence.\n"
        "  aipm gaps    List what your target role requires that you lack.\n"
        "  aipm undo    Revert your last change exactly, and say what it put back.\n"
        "  aipm export  Export a report, an evidence pack or the plan as a calendar.\n"
        "\n"
        "Every command: aipm --help. One command: aipm COMMAND --help\n"
    )
    for args in ([], ["--data-dir", "elsewhere"]):
        result = aipm(*args)
        assert result.exit_code == 0
        assert result.stdout == expected
        assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (["done", "nlp", "--date", "2026-11-01"], []),  # Click offered --note
        (["done", "nlp", "--levle", "2"], ["--level"]),  # Click offered --help too
        (["status", "--jsn"], ["--json"]),
        (["target", "--hours", "5"], ["--hours-per-week"]),
        (["--data-dri", "x", "status"], ["--data-dir"]),
    ],
)
def test_an_unknown_option_is_offered_only_close_options(
    aipm, args: list[str], suggested: list[str]
) -> None:
    # Issue 17 item 8. The wording around the names is the library's (it differs
    # between Typer releases), so only the options named on the error line are pinned.
    result = aipm(*args)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    named = re.findall(r"--[a-z-]+", last)
    assert named == [next(a for a in args if a.startswith("--")), *suggested]
