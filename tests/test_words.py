"""Every word is ours: usage errors say what was expected in the tool's words (never
Click's or pydantic's), exit 2, and choices take what the screens show (issue 17,
item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aipm_tracker.cli.report import FORMAT_NAMES, STATUS_NAMES, ExportFormat


def test_an_unknown_export_format_is_named_with_the_formats_there_are(aipm) -> None:
    result = aipm("export", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not a format: use md, html, json, csv, evidence or ics" in result.stderr
    assert "Value error" not in result.stderr and "not one of" not in result.stderr


def test_every_export_format_is_offered_and_taken_in_any_case(aipm) -> None:
    assert set(FORMAT_NAMES.values()) == {f.value for f in ExportFormat}
    html = aipm("export", "--format", "HTML")
    assert html.exit_code == 0, html.stderr
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert aipm("export", "-f", "Markdown").stdout == aipm("export", "-f", "md").stdout


def test_a_negative_level_is_a_level_error_not_an_unknown_option(aipm) -> None:
    result = aipm("level", "nlp", "-1")
    assert result.exit_code == 2
    assert "'-1' is not a level: use a whole number from 0 to 5" in result.stderr
    assert "No such option" not in result.stderr
    too_high = aipm("level", "nlp", "6")
    assert too_high.exit_code == 2
    assert "'6' is not a level: use a whole number from 0 to 5" in too_high.stderr
    assert "Input should be" not in too_high.stderr


@pytest.mark.parametrize(
    ("typed", "status"),
    [("doing", "doing"), ("to do", "to do"), ("TODO", "to do"), ("In Progress", "doing"),
     ("in_progress", "doing"), ("Done", "done")],
)  # fmt: skip
def test_list_status_takes_what_the_table_shows(aipm, mini: Path, typed: str, status: str):
    assert aipm("start", "nlp").exit_code == 0
    assert aipm("done", "risk").exit_code == 0
    result = aipm("list", "--status", typed)
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith(" ai.")
            or line.startswith(" pm.")]  # fmt: skip
    assert rows and all(f"  {status}  " in row for row in rows), rows
    assert set(STATUS_NAMES.values()) == {"todo", "in_progress", "done", "skipped"}


def test_an_unknown_status_lists_the_statuses_there_are(aipm, mini: Path) -> None:
    result = aipm("list", "--status", "finished")
    assert result.exit_code == 2
    assert "'finished' is not a status: use todo, doing, done or skipped" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "json", "evidence", "csv"])
def test_a_shared_report_leaves_out_the_progress_file_path_unless_asked(
    aipm, mini: Path, isolated: Path, fmt: str
) -> None:
    assert aipm("done", "nlp", "--evidence", "https://example.com/cert").exit_code == 0
    where = str(isolated)
    plain = aipm("export", "--format", fmt)
    assert plain.exit_code == 0, plain.stderr
    assert where not in plain.stdout
    assert "data file" not in plain.stdout
    if fmt != "csv":
        asked = aipm("export", "--format", fmt, "--include-path")
        assert str(isolated / "progress" / "mini.json") in asked.stdout


def test_the_readme_says_how_to_put_aipm_on_the_path_before_its_examples() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    tour = readme.index("## A short tour")
    assert -1 < readme.index("pipx install .") < tour
    assert -1 < readme.index("source .venv/bin/activate") < tour


def test_starting_a_done_item_asks_for_reopen_and_keeps_its_completion(aipm, mini: Path) -> None:
    assert aipm("done", "ml-basics").exit_code == 0
    refused = aipm("start", "ml-basics")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: ai.ml-basics is done; starting it again would clear its completion date. "
        "To reopen it, run: aipm start ai.ml-basics --reopen\n"
    )
    assert aipm("show", "ml-basics").stdout.count("Completed") == 1
    reopened = aipm("start", "ml-basics", "--reopen")
    assert reopened.exit_code == 0
    assert reopened.stdout.startswith("Started: ai.ml-basics")


def test_reset_says_what_it_clears_and_what_it_keeps(aipm, mini: Path) -> None:
    assert aipm("done", "ml-basics", "--level", "1", "--note", "course done").exit_code == 0
    out = aipm("reset", "ml-basics").stdout
    assert "Its status, level and dates are cleared; its 1 note and 0 evidence links" in out
    assert "kept." in out


def test_after_recording_a_level_the_hint_says_where_you_stand(aipm, mini: Path) -> None:
    out = aipm("done", "ml-basics", "--level", "1").stdout
    assert "You are at level 1 (novice) of the 2 (advanced beginner) your target role" in out
    assert "record yours" not in out
    fresh = aipm("start", "nlp").stdout
    assert "Your target role asks for level 1 (novice); record yours with:" in fresh


@pytest.mark.parametrize(
    ("typed", "found"),
    [("scrum", ["pm.agile-scrum", "pm.scrum-events", "cert.psm-1"]),
     ("ethics", ["cert.ethics-of-ai", "ai.responsible-ai"])],
)  # fmt: skip
def test_two_plausible_items_are_ambiguous_and_both_are_listed(aipm, typed, found) -> None:
    result = aipm("show", typed)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {typed!r} is ambiguous: it matches {', '.join(found)}\n"


def test_an_item_is_found_by_the_words_of_its_title(aipm) -> None:
    result = aipm("done", "machine-learning")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Done: ai.ml-basics (Machine-learning basics).")
    assert aipm("show", "Natural language processing").stdout.startswith("Item        ai.nlp")
    # A unique ID form still wins alone when no title shares it.
    assert aipm("show", "nlp").stdout.startswith("Item        ai.nlp")


def test_a_short_option_means_one_thing_on_every_command() -> None:
    # Issue 17 item 10: -n was --limit and --note, -w was --weeks and --hours-per-week.
    from typing import Any

    import typer
    import typer.main

    from aipm_tracker.cli import app

    # Typer bundles its own click, so commands and options are recognised by shape.
    root: Any = typer.main.get_command(app)
    meaning: dict[str, set[str]] = {}

    def walk(command: Any) -> None:
        for param in command.params:
            if param.param_type_name == "option":
                longs = [o for o in param.opts if o.startswith("--")]
                for short in (o for o in param.opts if not o.startswith("--")):
                    meaning.setdefault(short, set()).update(longs)
        for name in getattr(command, "commands", {}):
            walk(command.commands[name])

    ctx = typer.Context(root)
    for name in root.list_commands(ctx):
        walk(root.get_command(ctx, name))
    assert {short: longs for short, longs in meaning.items() if len(longs) > 1} == {}
    assert meaning["-n"] == {"--limit"} and meaning["-w"] == {"--weeks"}
