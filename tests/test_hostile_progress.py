"""Hostile progress files (issue 13): every one is refused with exit 1 and FILE:LINE
by every command, doctor included, and is never written, backed up or pushed out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import progress_path

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
