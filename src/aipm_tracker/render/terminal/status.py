"""The status views: readiness, categories, the ``aipm status`` screen, gaps and next
steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...engine import CategorySummary, Gap, NextStep, Readiness, StatusReport
from ..text import hours as _hours
from ..text import level_pair as _level
from ..text import strip_control
from .console import Bar, safe
from .fit import Cell, Column, FitTable, Meter

WIDER = "widen the terminal, or add --json"
"""How to see the columns a narrow terminal hides."""


def readiness_view(r: Readiness) -> RenderableType:
    """The readiness block: role, a bar of required hours done, levels, date."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Target role", safe(f"{r.role_title} ({r.role_id})"))
    meter = Table.grid(padding=(0, 1))
    meter.add_row(
        Bar(r.hours_done, r.hours_required, 30),
        Text(f"{r.percent:.0f}%", style="bold"),
        Text(f"{_hours(r.hours_done)} of {_hours(r.hours_required)} required hours"),
    )
    grid.add_row("Readiness", meter)
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


def categories_view(summaries: list[CategorySummary]) -> FitTable:
    """A table with one row per category: counts, a progress bar, hours. Where two
    categories share a title, their IDs tell them apart."""
    titles = [x.title for x in summaries]
    columns = [
        Column("Category", "title"),
        Column("Done", justify="right"),
        Column("Doing", justify="right", drop=3),
        Column("To do", justify="right"),
        Column("Skip", justify="right", drop=2),
        Column("Progress", "bar", width=14, drop=1),
        Column("%", justify="right"),
        Column("Hours", justify="right"),
    ]
    rows: list[list[Cell]] = [
        [
            safe(f"{s.title} ({s.id})" if titles.count(s.title) > 1 else s.title),
            str(s.done),
            str(s.in_progress),
            str(s.todo),
            str(s.skipped),
            Meter(s.hours_done, s.hours_total),
            f"{s.percent:.0f}",
            f"{_hours(s.hours_done)}/{_hours(s.hours_total)}",
        ]
        for s in summaries
    ]
    return FitTable(columns, rows, more=WIDER, space_after=True)


FOLD_AT = 12
"""How many categories ``aipm status`` shows before it folds the rest into one line,
so that a curriculum of 63 categories keeps its summary and next steps in view."""


def status_view(report: StatusReport, show_all: bool = False) -> RenderableType:
    """The whole ``aipm status`` screen; beyond :data:`FOLD_AT` categories, unless
    ``show_all``, the rest are one line: ``51 more categories: aipm status --all``."""
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
    shown = report.categories if show_all else report.categories[:FOLD_AT]
    parts.append(categories_view(shown))
    if len(shown) < len(report.categories):
        more = len(report.categories) - len(shown)
        parts.append(Text(f"{more} more categories: aipm status --all", style="dim"))
        parts.append(Text(""))
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
    columns = [
        Column("Item", "id"),
        Column("Title", "title"),
        Column(
            "Needs",
            legend="Needs: item = finish it, level = reach the target level, both.",
        ),
        Column("Lvl", justify="right", legend="Lvl: yours/target.", drop=2),
        Column("Hours", justify="right", drop=1),
    ]
    rows: list[list[Cell]] = []
    section = None
    needs = {(True, True): "both", (True, False): "item", (False, True): "level"}
    for g in gap_list:
        if g.priority != section:
            section = g.priority
            rows.append([Text(g.priority, style="bold")])
        rows.append(
            [
                safe(g.item_id),
                safe(g.title),
                needs[(g.needs_completion, g.needs_level)],
                _level(g.level, g.target_level) if g.target_level is not None else "",
                _hours(g.hours_remaining) if g.needs_completion else "",
            ]
        )
    hours = sum(g.hours_remaining for g in gap_list)
    return Group(
        Text.assemble(
            "Gaps for ",
            safe(role_title, "bold"),
            f": {len(gap_list)} requirements, {_hours(hours)} hours of items left",
        ),
        FitTable(columns, rows, more=WIDER),
        Text("Record a level with: aipm level ITEM N  (Dreyfus 0-5)", style="dim"),
    )


def next_view(steps: list[NextStep], explain: bool = False) -> RenderableType:
    """The ``aipm next`` table; with ``explain``, each score's terms below its row."""
    if not steps:
        return Text("Nothing to do next: every available item is done or skipped.")
    columns = [
        Column("#", justify="right"),
        Column("Item", "id"),
        Column("Title", "title"),
        Column("Hours", justify="right", drop=1),
        Column("Score", justify="right"),
    ]
    rows: list[list[Cell]] = []
    for n, step in enumerate(steps, 1):
        title = safe(step.title)
        if step.status == "in_progress":
            title.append(" (in progress)", style="yellow")
        rows.append(
            [str(n), safe(step.item_id), title, _hours(step.effort_hours), f"{step.score:.2f}"]
        )
        if explain:
            for term in step.terms:
                rows.append(
                    [
                        "",
                        Text(f"  {term.name}", style="dim"),
                        Text(term.reason, style="dim"),
                        "",
                        Text(f"{term.points:+.2f}", style="dim"),
                    ]
                )
    return FitTable(columns, rows, more=WIDER)
