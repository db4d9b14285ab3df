"""Every screen fits and every word is ours: what a person sees at 60, 80 and 120
columns, piped or in a terminal, with NO_COLOR (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

READ_COMMANDS = [
    ["status"],
    ["list"],
    ["show", "cert.pmp"],
    ["show", "nlp"],
    ["gaps"],
    ["next"],
    ["next", "--explain"],
    ["burndown"],
    ["history"],
    ["target"],
    ["curriculum", "show"],
    ["backup", "list"],
    ["path"],
]


@pytest.fixture
def some_progress(aipm) -> None:
    """A user who has started NLP, finished ML basics at level 2 and noted it."""
    for args in (
        ["start", "nlp"],
        ["done", "ml-basics", "--level", "2"],
        ["note", "ml-basics", "Finished the course; " * 8],
        ["evidence", "ml-basics", "https://example.com/" + "certificate/" * 8],
    ):
        assert aipm(*args).exit_code == 0


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_no_piped_line_of_any_read_command_ends_in_a_space(
    aipm, some_progress: None, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for args in READ_COMMANDS:
        result = aipm(*args)
        assert result.exit_code == 0, (args, result.stderr)
        ends = [line for line in result.stdout.splitlines() if line.endswith(" ")]
        assert ends == [], args


def test_show_is_not_padded_to_the_terminal_width(aipm) -> None:
    lines = aipm("show", "cert.pmp").stdout.splitlines()
    assert lines[0] == "Item        cert.pmp  Project Management Professional"


def test_a_category_at_zero_percent_still_draws_its_track_without_colour(aipm, mini: Path) -> None:
    lines = aipm("status").stdout.splitlines()
    row = next(line for line in lines if line.lstrip().startswith("PM skills"))
    assert "░" * 14 in row
    readiness = next(line for line in lines if line.startswith("Readiness"))
    assert "░" * 30 in readiness
