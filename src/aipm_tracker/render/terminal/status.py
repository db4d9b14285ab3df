"""The status views: readiness, categories, the ``aipm status`` screen, gaps and next
steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...engine import CategorySummary, Gap, NextStep, Readiness, StatusReport, WeekLog
from ..text import (
    effort,
    plural,
    quantity,
    readiness_basis,
    readiness_counts,
    readiness_headline,
    reminder_line,
    strip_control,
)
from ..text import hours as _hours
from ..text import level_pair as _level
from .console import Bar, safe
from .fit import Cell, Column, FitTable, Meter
from .interview import interview_lines
from .timelog import add_week_rows

WIDER = "widen the terminal, or add --json"
"""How to see the columns a narrow terminal hides."""


def readiness_view(r: Readiness, week: WeekLog | None = None) -> RenderableType:
    """The readiness block: role, a bar of required hours done, levels, date, and
    with ``week`` this week's logged hours and the observed pace."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Target role", safe(f"{r.role_title} ({r.role_id})"))
    meter = Table.grid(padding=(0, 1))
    meter.add_row(
        Bar(r.hours_done, r.hours_required, 30),
        Text(readiness_headline(r), style="bold"),
        Text(
            f"{effort(r.hours_done, r.estimated)} of {effort(r.hours_required, r.estimated)} "
            "required hours"
        ),
    )
    grid.add_row("Readiness", meter)
    grid.add_row("", Text(readiness_counts(r)))
    grid.add_row("", Text(readiness_basis(r), style="dim"))
    if r.ready_on is not None and r.hours_per_week:
        grid.add_row(
            "Ready on",
            Text(
                f"{r.ready_on.isoformat()} at {_hours(r.hours_per_week)} h/week "
                f"({effort(r.hours_remaining + r.hours_prerequisites, r.estimated)} h to go)"
            ),
        )
    else:
        grid.add_row("Ready on", Text("set your pace: aipm target --hours-per-week 6", style="dim"))
    add_week_rows(grid, week)
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
    ]
    if report.reminders:
        parts.append(Text(reminder_line(list(report.reminders)), style="yellow"))
    parts.append(Text(""))
    if report.readiness is not None:
        parts.append(readiness_view(report.readiness, report.time_log))
    else:
        parts.append(Text("This curriculum defines no target roles.", style="dim"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        add_week_rows(grid, report.time_log)
        if grid.row_count:
            parts.append(grid)
    shown = report.categories if show_all else report.categories[:FOLD_AT]
    parts.append(categories_view(shown))
    if len(shown) < len(report.categories):
        more = len(report.categories) - len(shown)
        parts.append(Text(f"{more} more categories: aipm status --all", style="dim"))
        parts.append(Text(""))
    if report.milestones:
        parts.append(Text("Steps", style="bold"))
        parts.append(milestones_view(report))
    if report.next_steps:
        parts.append(Text("Next steps", style="bold"))
        parts.append(next_view(report.next_steps))
        parts.append(Text("More: aipm next --explain · gaps: aipm gaps", style="dim"))
    else:
        parts.append(Text("Nothing left to start: every item is done or skipped.", style="green"))
    lines = interview_lines(report.interview) if report.interview else None
    if lines is not None:
        parts += [Text(""), lines]
    if report.orphans:
        parts.append(
            Text(
                f"{len(report.orphans)} item(s) in your progress file are not in this "
                f"curriculum (kept, not counted): {', '.join(map(strip_control, report.orphans))}",
                style="yellow",
            )
        )
    return Group(*parts)


def _gap_hours(g: Gap) -> str:
    if g.quantity_target is not None and g.quantity_unit is not None and g.needs_completion:
        return quantity(g.amount, g.quantity_target, g.quantity_unit)
    if g.waived or not (g.needs_completion or g.needs_level):
        return ""
    return effort(g.hours_remaining, g.estimated)


def _gap_title(g: Gap) -> Text:
    title = safe(g.title)
    if g.group:
        title.append(f" ({' or '.join(g.options)})", style="dim")
    return title


def milestones_view(report: StatusReport) -> RenderableType:
    """The items with steps in hand, each with its steps done of its steps."""
    columns = [Column("Item", "id"), Column("Title", "title"), Column("Steps", justify="right")]
    rows: list[list[Cell]] = [
        [safe(m.item_id), safe(m.title), f"{m.done} of {m.total}"] for m in report.milestones
    ]
    return FitTable(columns, rows, more=WIDER, space_after=True)


def gaps_view(
    role_title: str, gap_list: list[Gap], level_names: dict[int, str] | None = None
) -> RenderableType:
    """The ``aipm gaps`` table, in sections by priority, then the waived requirements
    with their reasons. ``level_names`` is the curriculum's proficiency scale."""
    open_gaps = [g for g in gap_list if not g.waived]
    waived = [g for g in gap_list if g.waived]
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
    rows = [*_open_gap_rows(open_gaps), *_waived_rows(waived)]
    head = _gaps_head(open_gaps, waived)
    scale = level_names or {}
    span = f"{min(scale)}-{max(scale)}" if scale else "0-5"
    names = ", ".join(f"{v} {n}" for v, n in scale.items()) if scale else "Dreyfus"
    return Group(
        Text.assemble("Gaps for ", safe(role_title, "bold"), head),
        FitTable(columns, rows, more=WIDER),
        Text(f"Record a level with: aipm level ITEM N  ({span}: {names})", style="dim"),
    )


def _open_gap_rows(open_gaps: list[Gap]) -> list[list[Cell]]:
    """The rows of the open gaps, under a heading row per priority."""
    rows: list[list[Cell]] = []
    section = None
    needs = {(True, True): "both", (True, False): "item", (False, True): "level"}
    for g in open_gaps:
        if g.priority != section:
            section = g.priority
            rows.append([Text(g.priority, style="bold")])
        rows.append(
            [
                safe(g.item_id),
                _gap_title(g),
                needs[(g.needs_completion, g.needs_level)],
                _level(g.level, g.target_level) if g.target_level is not None else "",
                _gap_hours(g),
            ]
        )
    return rows


def _waived_rows(waived: list[Gap]) -> list[list[Cell]]:
    """The rows of the waived requirements, each with its reason, under one heading."""
    if not waived:
        return []
    rows: list[list[Cell]] = [[Text("waived (count as not met)", style="bold")]]
    for g in waived:
        title = _gap_title(g)
        title.append("\n")
        title.append_text(safe(f"reason: {g.waiver or '(none given)'}", "dim"))
        rows.append([safe(g.item_id), title, "waived", "", ""])
    return rows


def _gaps_head(open_gaps: list[Gap], waived: list[Gap]) -> str:
    """What follows the role in the heading: how many requirements are open, their
    hours of work, and how many are waived."""
    known = [g.hours_remaining for g in open_gaps if g.hours_remaining is not None]
    unknown = len(open_gaps) - len(known)
    estimated = any(g.estimated for g in open_gaps)
    head = (
        f": {len(open_gaps)} open {plural(len(open_gaps), 'requirement')}, "
        f"{effort(sum(known), estimated)} hours of work left"
    )
    if unknown:
        head += f" ({unknown} of unknown effort)"
    if waived:
        head += f"; {len(waived)} waived"
    return head


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
            [
                str(n),
                safe(step.item_id),
                title,
                effort(step.effort_hours, step.estimated),
                f"{step.score:.2f}",
            ]
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
