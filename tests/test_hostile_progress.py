"""Hostile progress files (issue 13): every one is refused with exit 1 and FILE:LINE
by every command, doctor included, and is never written, backed up or pushed out."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import progress_path


def run_bounded(aipm: Callable[..., Result], args: list[str], fifo: Path) -> Result:
    """``aipm ARGS`` in a thread: if it blocks reading ``fifo`` for 10 s, a writer
    is opened to free it and the test fails (instead of hanging the suite)."""
    results: list[Result] = []
    worker = threading.Thread(target=lambda: results.append(aipm(*args)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(fifo, "wb"):
            pass
        worker.join(5)
        pytest.fail(f"aipm {' '.join(args)} hung on a FIFO")
    return results[0]


DUPLICATE = b"""{
  "schema_version": 2,
  "curriculum": {"id": "mini", "version": "1.0"},
  "items": {
    "ai.nlp": {"status": "in_progress", "notes": [{"at": "2026-11-01T10:00:00Z", "text": "mine"}]},
    "ai.nlp": {"status": "todo"}
  }
}
"""

LONG_NUMBER = (
    b'{\n  "schema_version": 2,\n  "curriculum": {"id": "mini", "version": "1.0"},\n'
    b'  "profile": {"hours_per_week": ' + b"9" * 5000 + b"}\n}\n"
)

SURROGATE = b"""{
  "schema_version": 2,
  "curriculum": {"id": "mini", "version": "1.0"},
  "items": {"ai.nlp": {"notes": [{"at": "2026-11-01T10:00:00Z", "text": "\\udc80"}]}}
}
"""


@pytest.mark.parametrize(
    ("raw", "where", "reason"),
    [
        (DUPLICATE, "6:5", 'names the key "ai.nlp" twice in one object'),
        (LONG_NUMBER, "4:33", "holds a number longer than 30 digits"),
        (
            SURROGATE,
            "4:73",
            "holds a string with half of a UTF-16 surrogate pair, which is not text",
        ),
    ],
    ids=["duplicate-key", "5000-digits", "lone-surrogate"],
)
@pytest.mark.parametrize("command", [["status"], ["note", "risk", "x"], ["doctor"], ["export"]])
def test_a_hostile_progress_file_is_refused_with_file_line_and_left_untouched(
    aipm: Callable[..., Result],
    mini: Path,
    isolated: Path,
    raw: bytes,
    where: str,
    reason: str,
    command: list[str],
) -> None:
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    result = aipm(*command)
    assert result.exit_code == 1
    assert f"{path}:{where}: the progress file {reason}." in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == raw
    assert not (path.parent / "backups").exists() or not any((path.parent / "backups").rglob("*"))


@pytest.mark.parametrize("at", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00"])
@pytest.mark.parametrize(
    "command",
    [["history"], ["show", "nlp"], ["burndown"], ["export", "--format", "html"], ["status"]],
)
def test_a_time_near_year_1_or_9999_is_refused_not_a_traceback(
    aipm: Callable[..., Result], mini: Path, isolated: Path, at: str, command: list[str]
) -> None:
    # Issue 13 item 19: converting these to UTC or the local zone overflowed.
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    raw = (
        '{"schema_version": 2, "curriculum": {"id": "mini", "version": "1.0"},\n'
        ' "items": {"ai.nlp": {"status": "in_progress", "started_at": "' + at + '"}}}\n'
    ).encode()
    path.write_bytes(raw)
    result = aipm(*command)
    assert result.exit_code == 1, result.output
    assert f"items.ai.nlp.started_at: {at} is not a time between 1970 and 2999" in result.stderr
    assert path.read_bytes() == raw


def test_backup_list_names_a_backup_with_an_impossible_time_as_unreadable(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    assert aipm("note", "nlp", "one").exit_code == 0
    assert aipm("note", "nlp", "two").exit_code == 0
    [backup] = (isolated / "progress" / "backups" / "mini").iterdir()
    backup.write_bytes(
        backup.read_bytes().replace(b'"2026-11-23T10:00:00Z"', b'"9999-12-31T23:00:00-05:00"')
    )
    result = aipm("backup", "list")
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())  # the table wraps the reason
    assert "is not a time between 1970 and 2999" in shown, shown


@pytest.mark.parametrize("command", [["done", "nlp"], ["status"], ["doctor"], ["undo"]])
def test_a_fifo_as_the_progress_file_is_refused_at_once_and_the_lock_released(
    aipm: Callable[..., Result], mini: Path, isolated: Path, command: list[str]
) -> None:
    # Issue 13 item 12: reading a FIFO with no writer blocked forever (under the lock
    # for a change). Run in a thread so that a hang fails the test instead of it.
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    result = run_bounded(aipm, command, path)
    assert result.exit_code == 1
    assert "it is a FIFO (named pipe), not a regular file." in result.output
    # Item 22: the way out is what to do, not the error again.
    assert f"mv '{path}' '{path}.aside'" in result.output
    assert path.is_fifo()
    lock = path.with_name(path.name + ".lock")
    assert not lock.exists() or lock.read_bytes() == b""  # the lock is free


def test_a_directory_in_place_of_the_progress_file_gets_a_doctor_fix_that_is_not_the_error(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    path.mkdir(parents=True)
    result = aipm("doctor")
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if "fix:" in x and "mini.json" in x]
    assert line.split("fix: ")[1] == f"mv '{path}' '{path}.aside'"


def test_a_fifo_as_the_curriculum_is_refused_at_once(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "c.yaml"
    os.mkfifo(fifo)
    monkeypatch.setenv("AIPM_CURRICULUM", str(fifo))
    result = run_bounded(aipm, ["status"], fifo)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"{fifo}:1: cannot read the file: it is a FIFO (named pipe), not a regular file\n"
    )
