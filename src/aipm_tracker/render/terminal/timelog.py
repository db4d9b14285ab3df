"""The time-log views: ``aipm log list``, the time rows of ``aipm status`` and the
past weeks of ``aipm plan`` (planned against logged and earned hours, SV and SPI)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...durations import spoken
from ...engine import Actual, LogList, WeekLog
from ..text import hours as _hours
from ..text import plural, signed_hours, spi_summary, spi_text
from .console import safe
from .fit import Cell, Column, FitTable


def _h(value: float) -> str:
    return _hours(round(value, 1))


def week_rows(w: WeekLog) -> list[tuple[str, Text]]:
    """The rows ``aipm status`` adds under "Ready on": this week's logged hours
    against the pace (``This week  3.5 of 6 h logged``) and the observed pace beside
    the set one. Empty when there is neither a pace nor a logged entry."""
    if not w.hours_per_week and not w.entries:
        return []
    of = f" of {_h(w.hours_per_week)}" if w.hours_per_week else ""
    week = Text(f"{_h(w.hours)}{of} h logged (week of {w.week.isoformat()})")
    if not w.entries:
        week.append("; log with: aipm log ITEM 1h", style="dim")
    rows = [("This week", week)]
    if w.observed is not None:
        weeks = "week" if w.window_weeks == 1 else f"{w.window_weeks} weeks"
        done = f", {w.completed} {plural(w.completed, 'item')} done"
        setting = f" (set: {_h(w.hours_per_week)})" if w.hours_per_week else ""
        rows.append(
            ("Observed", Text(f"{_h(w.observed)} h/week{setting} over the last {weeks}{done}"))
        )
    elif w.entries:
        rows.append(("Observed", Text("after your first full week of logging", style="dim")))
    return rows


def log_list_view(found: LogList) -> RenderableType:
    """``aipm log list``: one row per entry (ID, day, item, time, note) and the
    total."""
    scope = f" in the week of {found.week.isoformat()}" if found.week else ""
    if found.item:
        scope += f" on {found.item}"
    if not found.entries:
        return Text(f"No time logged{scope}. Log some with: aipm log ITEM 1h30m")
    rows: list[list[Cell]] = [
        [e.id, e.day.isoformat(), safe(e.item), spoken(e.minutes), safe(e.note)]
        for e in found.entries
    ]
    columns = [
        Column("ID"),
        Column("Day"),
        Column("Item", "id"),
        Column("Time", justify="right"),
        Column("Note", "title", drop=1),
    ]
    count = len(found.entries)
    return Group(
        FitTable(columns, rows, more="widen the terminal, or add --json"),
        Text(f"{count} {plural(count, 'entry')}, {_h(found.hours)} h{scope}."),
        Text("Remove a wrong one with: aipm log remove ID", style="dim"),
    )


def actual_view(a: Actual, weeks: int = 12) -> RenderableType:
    """The past weeks of ``aipm plan``: planned (PV), logged and earned (EV) hours,
    the schedule variance (SV = EV - PV) and SPI (EV / PV) per week, the last
    ``weeks`` of them, and the totals to date."""
    rows: list[list[Cell]] = [
        [w.start.isoformat(), _h(w.planned), _h(w.logged), _h(w.earned), signed_hours(w.variance),
         spi_text(w.spi)]
        for w in a.weeks[-weeks:]
    ]  # fmt: skip
    rows.append(
        [Text("To date", style="bold"), _h(a.planned), _h(a.logged), _h(a.earned),
         signed_hours(a.variance), spi_text(a.spi)]
    )  # fmt: skip
    columns = [
        Column("Week of"),
        Column("Planned", justify="right"),
        Column("Logged", justify="right"),
        Column("Earned", justify="right"),
        Column("SV", justify="right", legend="SV: earned - planned hours."),
        Column("SPI", justify="right", legend="SPI: earned / planned."),
    ]
    parts: list[RenderableType] = [
        Text("Past weeks: planned against done (earned value)", style="bold"),
        FitTable(columns, rows),
    ]
    if len(a.weeks) > weeks:
        parts.append(Text(f"{len(a.weeks) - weeks} earlier weeks in the totals", style="dim"))
    parts.append(
        Text(
            spi_summary(a.spi, a.earned, a.planned, a.logged),
            style="green" if a.spi is not None and a.spi >= 0.95 else "yellow",
        )
    )
    return Group(*parts)


def add_week_rows(grid: Table, w: WeekLog | None) -> None:
    """Add :func:`week_rows` to a two-column label/value ``grid``."""
    if w is None:
        return
    for label, value in week_rows(w):
        grid.add_row(label, value)
