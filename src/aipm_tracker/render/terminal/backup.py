"""The ``aipm backup list`` view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from .console import new_table, safe, when

if TYPE_CHECKING:  # annotations only: a status screen never loads the store
    from ...store import BackupSummary


def backups_view(summaries: list[BackupSummary], keep: int, command: str) -> RenderableType:
    """The ``aipm backup list`` table, oldest first: ID, the newest change the backup
    holds, its number of changes and of items done and in progress."""
    if not summaries:
        return Text("No backups yet: one is made before every change.", style="dim")
    table = new_table()
    table.add_column("ID", no_wrap=True)
    table.add_column("Last change", no_wrap=True)
    table.add_column("Changes", justify="right")
    table.add_column("Done", justify="right")
    table.add_column("Doing", justify="right")
    problems = Text()
    for s in summaries:
        if s.progress is None:
            table.add_row(s.backup.id, Text("unreadable", style="red"), "-", "-", "-")
            problems.append_text(safe(f"{s.backup.id}: {s.problem}\n", "red"))
            continue
        items = s.progress.items.values()
        last = s.progress.history[-1].at if s.progress.history else None
        table.add_row(
            s.backup.id,
            when(last) if last else "-",
            str(len(s.progress.history)),
            str(sum(1 for i in items if i.status == "done")),
            str(sum(1 for i in items if i.status == "in_progress")),
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
