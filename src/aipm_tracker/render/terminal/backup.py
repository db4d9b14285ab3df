"""The ``aipm backup list`` view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from .console import safe, when
from .fit import Cell, Column, FitTable

if TYPE_CHECKING:  # annotations only: a status screen never loads the store
    from ...store import BackupSummary


def backups_view(summaries: list[BackupSummary], keep: int, command: str) -> RenderableType:
    """The ``aipm backup list`` table, oldest first: ID, the newest change the backup
    holds, its number of changes and of items done and in progress."""
    if not summaries:
        return Text("No backups yet: one is made before every change.", style="dim")
    rows: list[list[Cell]] = []
    problems = Text()
    for s in summaries:
        if s.progress is None:
            rows.append([s.backup.id, Text("unreadable", style="red"), "-", "-", "-"])
            problems.append_text(safe(f"{s.backup.id}: {s.problem}\n", "red"))
            continue
        items = s.progress.items.values()
        last = s.progress.history[-1].at if s.progress.history else None
        rows.append(
            [
                s.backup.id,
                when(last) if last else "-",
                str(len(s.progress.history)),
                str(sum(1 for i in items if i.status == "done")),
                str(sum(1 for i in items if i.status == "in_progress")),
            ]
        )
    table = FitTable(
        [
            Column("ID", "id"),
            Column("Last change"),
            Column("Changes", justify="right"),
            Column("Done", justify="right", drop=2),
            Column("Doing", justify="right", drop=1),
        ],
        rows,
        more="widen the terminal, or add --json",
    )
    problems.rstrip()
    return Group(
        table,
        *([problems] if problems else []),
        Text(
            f"Restore one with: {command} backup restore ID (undo it with: aipm undo).\n"
            f"The newest {keep} are kept (set AIPM_BACKUPS to keep more).",
            style="dim",
        ),
    )
