"""The status views: readiness, categories, the ``aipm status`` screen, gaps and next
steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from ...engine import CategorySummary, Gap, NextStep, Readiness, StatusReport
from ..text import hours as _hours
from ..text import level_pair as _level
from ..text import strip_control
from .console import new_table, safe


def readiness_view(r: Readiness) -> RenderableType:
    """The readiness block: role, a bar of required hours done, levels, date."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Target role", safe(f"{r.role_title} ({r.role_id})"))
    bar = Table.grid(padding=(0, 1))
    bar.add_row(
        ProgressBar(total=max(r.hours_required, 1e-9), completed=r.hours_done, width=30),
        Text(f"{r.percent:.0f}%", style="bold"),
        Text(f"{_hours(r.hours_done)} of {_hours(r.hours_required)} required hours"),
    )
    grid.add_row("Readiness", bar)
    skipped = f", {r.items_skipped} skipped" if r.items_skipped else ""
    grid.add_row(
        "",
        Text(
            f"{r.items_done} of {r.items_required} required items done{skipped}; "
            f"{r.levels_met} of {r.levels_required} target levels met"
        ),
    )
    if r.ready_on is not None and r.hours_per_week:
        grid.add_row(
            "Ready on",
            Text(
                f"{r.ready_on.isoformat()} at {_hours(r.hours_per_week)} h/week "
                f"({_hours(r.hours_remaining)} h to go)"
            ),
        )
    else:
        grid.add_row("Ready on", Text("set your pace: aipm target --hours-per-week 6", style="dim"))
    return grid


def categories_view(summaries: list[CategorySummary]) -> Table:
    """A table with one row per category: counts, a progress bar, hours."""
    table = new_table()
    table.add_column("Category", no_wrap=True, max_width=20, overflow="ellipsis")
    table.add_column("Done", justify="right")
    table.add_column("Doing", justify="right")
    table.add_column("To do", justify="right")
    table.add_column("Skip", justify="right")
    table.add_column("Progress", width=14)
    table.add_column("%", justify="right")
    table.add_column("Hours", justify="right", no_wrap=True)
    for s in summaries:
        table.add_row(
            safe(s.title),
            str(s.done),
            str(s.in_progress),
            str(s.todo),
            str(s.skipped),
            ProgressBar(total=max(s.hours_total, 1e-9), completed=s.hours_done, width=14),
            f"{s.percent:.0f}",
            f"{_hours(s.hours_done)}/{_hours(s.hours_total)}",
        )
    return table


def status_view(report: StatusReport) -> RenderableType:
    """The whole ``aipm status`` screen."""
    parts: list[RenderableType] = [
        Text.assemble(
            safe(report.curriculum_title, "bold"),
            f" {report.curriculum_version}  ·  {report.today.isoformat()}",
        ),
        Text(""),
    ]
    if report.readiness is not None:
        parts.append(readiness_view(report.readiness))
    else:
        parts.append(Text("This curriculum defines no target roles.", style="dim"))
    parts.append(categories_view(report.categories))
    if report.next_steps:
        parts.append(Text("Next steps", style="bold"))
        parts.append(next_view(report.next_steps))
        parts.append(Text("More: aipm next --explain · gaps: aipm gaps", style="dim"))
    else:
        parts.append(Text("Nothing left to start: every item is done or skipped.", style="green"))
    if report.orphans:
        parts.append(
            Text(
                f"{len(report.orphans)} item(s) in your progress file are not in this "
                f"curriculum (kept, not counted): {', '.join(map(strip_control, report.orphans))}",
                style="yellow",
            )
        )
    return Group(*parts)


def gaps_view(role_title: str, gap_list: list[Gap]) -> RenderableType:
    """The ``aipm gaps`` table, in sections by priority."""
    if not gap_list:
        return Text.assemble("No gaps for ", safe(role_title), ": you meet every requirement.")
    table = new_table()
    table.add_column("Item", no_wrap=True)
    table.add_column("Title", overflow="fold", min_width=16)
    table.add_column("Needs", no_wrap=True)
    table.add_column("Lvl", justify="right", no_wrap=True)
    table.add_column("Hours", justify="right")
    section = None
    for g in gap_list:
        if g.priority != section:
            section = g.priority
            table.add_row(Text(g.priority, style="bold"))
        needs = {(True, True): "both", (True, False): "item", (False, True): "level"}
        table.add_row(
            safe(g.item_id),
            safe(g.title),
            needs[(g.needs_completion, g.needs_level)],
            _level(g.level, g.target_level) if g.target_level is not None else "",
            _hours(g.hours_remaining) if g.needs_completion else "",
        )
    hours = sum(g.hours_remaining for g in gap_list)
    return Group(
        Text.assemble(
            "Gaps for ",
            safe(role_title, "bold"),
            f": {len(gap_list)} requirements, {_hours(hours)} hours of items left",
        ),
        table,
        Text(
            "Needs: item = finish it, level = reach the target level, both. "
            "Lvl: yours/target.\nRecord a level with: aipm level ITEM N  (Dreyfus 0-5)",
            style="dim",
        ),
    )


def next_view(steps: list[NextStep], explain: bool = False) -> RenderableType:
    """The ``aipm next`` table; with ``explain``, each score's terms below its row."""
    if not steps:
        return Text("Nothing to do next: every available item is done or skipped.")
    table = new_table()
    table.add_column("#", justify="right")
    table.add_column("Item", no_wrap=True)
    table.add_column("Title", overflow="fold", min_width=16)
    table.add_column("Hours", justify="right")
    table.add_column("Score", justify="right")
    for n, step in enumerate(steps, 1):
        title = safe(step.title)
        if step.status == "in_progress":
            title.append(" (in progress)", style="yellow")
        table.add_row(
            str(n), safe(step.item_id), title, _hours(step.effort_hours), f"{step.score:.2f}"
        )
        if explain:
            for term in step.terms:
                table.add_row(
                    "",
                    "",
                    Text(f"  {term.name}: {term.reason}", style="dim"),
                    "",
                    Text(f"{term.points:+.2f}", style="dim"),
                )
    return table
