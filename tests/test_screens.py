"""Every screen fits and every word is ours: what a person sees at 60, 80 and 120
columns, piped or in a terminal, with NO_COLOR (issue 17)."""

from __future__ import annotations

import io
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
    assert lines[0] == "Item        cert.pmp  Project Management Professional (PMP)"


def test_a_category_at_zero_percent_still_draws_its_track_without_colour(aipm, mini: Path) -> None:
    lines = aipm("status").stdout.splitlines()
    row = next(line for line in lines if line.lstrip().startswith("PM skills"))
    assert "░" * 14 in row
    readiness = next(line for line in lines if line.startswith("Readiness"))
    assert "░" * 30 in readiness


def render(renderable: object, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_an_id_wraps_after_dots_and_dashes_and_never_inside_a_word() -> None:
    from aipm_tracker.render.terminal.fit import wrap_id

    assert wrap_id("ai.responsible-ai", 12) == "ai.\nresponsible-\nai"
    assert wrap_id("ai.responsible-ai", 15) == "ai.responsible-\nai"
    assert wrap_id("ai.nlp", 20) == "ai.nlp"


def test_an_id_keeps_its_namespace_with_the_next_piece_where_titles_can_make_room() -> None:
    # Issue 17: at 60 columns ``ai.`` was left alone on a line above
    # ``responsible-ai``, though the title beside it could wrap one word further.
    from aipm_tracker.render.terminal.fit import Column, FitTable

    table = FitTable(
        [Column("Item", "id"), Column("Title", "title")],
        [["ai.responsible-ai", "AI ethics, bias and user trust in products"]],
    )
    assert render(table, 40).splitlines()[3:] == [
        " ai.responsible-  AI ethics, bias and",
        " ai               user trust in",
        "                  products",
    ]
    # With no room left anywhere (the title at its longest word), it wraps there too.
    assert render(table, 26).splitlines()[3:5] == [
        " ai.             AI",
        " responsible-ai  ethics,",
    ]


def test_a_column_is_dropped_only_as_a_last_resort_and_the_footer_says_which() -> None:
    from aipm_tracker.render.terminal.fit import Column, FitTable

    table = FitTable(
        [
            Column("Item", "id"),
            Column("Title", "title"),
            Column("Lvl", justify="right", legend="Lvl: yours/target.", drop=1),
            Column("Hours", justify="right", legend="Hours: effort."),
        ],
        [["ai.responsible-ai", "AI ethics, bias and user trust", "2/3", "1500"]],
        more="add --json",
    )
    wide = render(table, 80)
    assert "ai.responsible-ai   AI ethics, bias and user trust   2/3    1500" in wide
    assert "Lvl: yours/target. Hours: effort." in wide
    narrow = render(table, 30)
    assert "Lvl" not in narrow.replace("Lvl hidden", "")
    assert "1500" in narrow and "…" not in narrow
    assert narrow.endswith("Hours: effort.\nLvl hidden to fit 30 columns:\nadd --json.")
    assert max(len(line) for line in narrow.splitlines()) <= 30


def test_numbers_and_dates_are_never_cut_at_60_columns(aipm, some_progress: None, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for args in READ_COMMANDS[:-1]:  # aipm path prints whole paths, as doctor does
        out = aipm(*args).stdout
        assert "…" not in out, args
        assert all(len(line) <= 60 for line in out.splitlines()), args
    burndown = aipm("burndown").stdout
    assert "2026-11-23" in burndown


def test_a_confirmation_wraps_at_words_and_keeps_its_command_on_one_line(
    aipm, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = aipm("start", "responsible-ai").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "aipm level ai.responsible-ai N" in lines[-1]
    assert all(not line.endswith("aipm") for line in lines)
    monkeypatch.setenv("COLUMNS", "60")
    lines = aipm("done", "responsible-ai").stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any(line.endswith("Undo with: aipm undo") for line in lines)
    assert lines[-1].endswith("aipm level ai.responsible-ai N")


def test_a_long_path_in_a_message_stays_whole_on_its_own_line() -> None:
    from aipm_tracker.render.terminal.console import wrap_message

    path = "/home/someone/.local/share/aipm-tracker/progress/" + "x" * 60 + ".json"
    assert wrap_message(f"Wrote {path}", 60) == f"Wrote\n{path}"
    assert wrap_message("Next: aipm target --hours-per-week 6.", 20) == (
        "Next:\naipm target --hours-per-week 6."
    )


def many_categories(count: int) -> str:
    """A curriculum of ``count`` categories of one item each, all required."""
    cats = "".join(f"  - id: c{n}\n    title: Category {n}\n" for n in range(count))
    items = "".join(
        f"  - id: c{n}.item\n    title: Item {n}\n    category: c{n}\n    kind: skill\n"
        f"    summary: S.\n    why: W.\n    effort_hours: 2\n    priority: core\n"
        for n in range(count)
    )
    reqs = "".join(f"      - {{item: c{n}.item}}\n" for n in range(count))
    return (
        'schema_version: 1\nid: many\nversion: "1"\ntitle: Many\ndefault_role: r\n'
        f"categories:\n{cats}items:\n{items}roles:\n  - id: r\n    title: R\n"
        f"    requirements:\n{reqs}"
    )


def test_many_categories_fold_so_the_next_steps_stay_in_view(
    aipm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(many_categories(63), encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    lines = aipm("status").stdout.splitlines()
    rows = [line for line in lines if line.startswith(" Category ")]
    assert len(rows) == 1 + 12  # the header and 12 categories
    assert "51 more categories: aipm status --all" in lines
    assert "Next steps" in lines and len(lines) < 40
    every = aipm("status", "--all").stdout.splitlines()
    assert sum(line.startswith(" Category ") for line in every) == 1 + 63
    assert "more categories" not in "\n".join(every)
    assert len(aipm("status", "--json").stdout.split('"id": "c')) - 1 >= 63


def test_the_burndown_shows_the_pace_the_history_shows_beside_the_set_one(aipm, mini: Path) -> None:
    assert aipm("target", "--hours-per-week", "6").exit_code == 0
    text = " ".join(aipm("burndown").stdout.split())
    assert "at your pace (6 h/week); your history shows no hours done yet" in text
