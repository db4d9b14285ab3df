"""Errors carry their parts (where, what, the way out) as fields, and the CLI spells
the way out once, with the global options the user gave: nobody parses a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from aipm_tracker.cli.errors import format_error
from aipm_tracker.errors import (
    EXIT_DATA,
    EXIT_USAGE,
    CorruptProgressError,
    Fix,
    Step,
    TrackerError,
    UsageError,
)
from tests.conftest import progress_path


def test_a_tracker_error_keeps_path_line_and_fix_as_fields() -> None:
    fix = Fix("Restore it with: {command}", Step.RESTORE_BACKUP, "20261123T100000.000000Z")
    exc = CorruptProgressError("not valid JSON: oops.", Path("/d/p.json"), 3, fix, column=7)
    assert (exc.reason, exc.path, exc.line, exc.column, exc.fix) == (
        "not valid JSON: oops.",
        Path("/d/p.json"),
        3,
        7,
        fix,
    )
    assert exc.exit_code == EXIT_DATA
    assert exc.problem == "/d/p.json:3:7: not valid JSON: oops."
    assert exc.message == (
        "/d/p.json:3:7: not valid JSON: oops. Restore it with: "
        "aipm backup restore 20261123T100000.000000Z"
    )
    assert str(exc) == exc.message


def test_the_message_alone_is_the_whole_text_without_a_location_or_fix() -> None:
    exc = UsageError("no item 'x'")
    assert (exc.path, exc.line, exc.fix, exc.exit_code) == (None, None, None, EXIT_USAGE)
    assert exc.message == "no item 'x'"
    assert TrackerError("gone", Path("/b.json")).message == "/b.json: gone"
    subject = TrackerError("holds another curriculum.", Path("/p.json"), subject=True)
    assert subject.message == "/p.json holds another curriculum."


def test_format_error_spells_the_fix_with_the_command_prefix() -> None:
    exc = TrackerError(
        "the backup is gone.",
        fix=Fix("Restore another backup with: {command}", Step.RESTORE_BACKUP),
    )
    assert format_error(exc, "aipm") == (
        "the backup is gone. Restore another backup with: aipm backup restore ID"
    )
    assert format_error(exc, "aipm --data-dir '/my data'") == (
        "the backup is gone. Restore another backup with: "
        "aipm --data-dir '/my data' backup restore ID"
    )
    doctor = TrackerError("no dir.", fix=Fix("Run {command} to see why.", Step.DOCTOR))
    assert format_error(doctor, "aipm --curriculum c.yaml") == (
        "no dir. Run aipm --curriculum c.yaml doctor to see why."
    )


def test_a_fix_without_a_step_is_words_or_a_shell_command() -> None:
    assert Fix("Nothing was changed.").command("aipm") is None
    assert Fix("Nothing was changed.").render("aipm --data-dir x") == "Nothing was changed."
    move = Fix("Move it aside: {command}", shell="mv 'a' 'a.broken'")
    assert move.command("aipm --data-dir x") == "mv 'a' 'a.broken'"
    assert move.render("aipm") == "Move it aside: mv 'a' 'a.broken'"


def test_undo_after_restoring_over_an_unreadable_file_names_the_data_dir_given(
    aipm: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    other = tmp_path / "my data"
    aipm("--data-dir", str(other), "start", "nlp")
    aipm("--data-dir", str(other), "done", "nlp")
    progress_path(other, "mini").write_text("{")
    assert aipm("--data-dir", str(other), "backup", "restore").exit_code == 0
    undo = aipm("--data-dir", str(other), "undo")
    assert undo.exit_code == 1
    assert undo.stderr.endswith(
        f"Restore another backup with: aipm --data-dir '{other}' backup restore ID\n"
    ), undo.stderr


def test_undo_after_restoring_over_an_unreadable_file_names_the_plain_command(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp")
    aipm("done", "nlp")
    progress_path(isolated, "mini").write_text("{")
    assert aipm("backup", "restore").exit_code == 0
    undo = aipm("undo")  # the data dir comes from $AIPM_DATA_DIR: not repeated
    assert undo.exit_code == 1
    assert undo.stderr.endswith("Restore another backup with: aipm backup restore ID\n")


def test_a_store_without_a_clock_names_backups_by_the_time_of_the_change(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from aipm_tracker import changes
    from aipm_tracker.models import CurriculumRef
    from aipm_tracker.store import ProgressStore

    store = ProgressStore(tmp_path / "p" / "x.json", CurriculumRef(id="x", version="1"))
    first = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    store.update(lambda p: changes.start(p, "ai.nlp", first))
    store.update(lambda p: changes.done(p, "ai.nlp", datetime(2026, 11, 24, 9, 30, tzinfo=UTC)))
    store.update(changes.undo)  # undo adds no event: named by the change it undoes
    assert [b.id for b in store.backups()] == [
        "20261124T093000.000000Z",
        "20261124T093000.000001Z",
    ]
