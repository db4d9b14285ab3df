"""The planning views: ``aipm plan`` (week by week) and ``aipm roles``."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.text import Text

from ...engine import Plan, RoleSummary
from ...models import Role
from ..text import effort, readiness_headline, week_work
from ..text import hours as _hours
from .console import safe
from .fit import Cell, Column, FitTable
from .timelog import actual_view


def _h(value: float) -> str:
    return _hours(round(value, 1))


def plan_view(p: Plan, weeks: int = 12) -> RenderableType:
    """``aipm plan``: a head line, the past weeks planned against done when time was
    logged before this week (see :func:`~.timelog.actual_view`), one row per ISO week
    to come (its Monday, the hours, what they go to), at most ``weeks`` rows, then the
    ready-on date and, with ``--by``, the pace needed."""
    head = Text.assemble(
        "Plan for ",
        safe(p.role_title, "bold"),
        f" at {_h(p.hours_per_week)} h/week: ~{_h(p.hours)} h of work",
    )
    parts: list[RenderableType] = [head]
    notes = []
    if p.waived:
        notes.append(f"{p.waived} waived left out")
    if p.unknown:
        notes.append(f"{p.unknown} of unknown effort left out")
    if notes:
        parts.append(Text("; ".join(notes), style="dim"))
    if p.actual is not None:
        parts += [actual_view(p.actual, weeks), Text(""), Text("Next weeks", style="bold")]
    if not p.weeks:
        parts.append(Text("Nothing left to plan: every requirement is met.", style="green"))
        parts.extend(_later_exams(p, None))
        return Group(*parts)
    rows: list[list[Cell]] = []
    for week in p.weeks[:weeks]:
        rows.append([week.start.isoformat(), _h(week.hours), safe(week_work(week))])
    parts.append(
        FitTable(
            [Column("Week of"), Column("Hours", justify="right"), Column("Study (hours)", "title")],
            rows,
        )
    )
    if len(p.weeks) > weeks:
        more = len(p.weeks) - weeks
        parts.append(Text(f"{more} more weeks: aipm plan --weeks {len(p.weeks)}", style="dim"))
    parts.extend(_later_exams(p, p.weeks[min(weeks, len(p.weeks)) - 1].start))
    if p.ready_on is not None:
        parts.append(
            Text.assemble("Ready on ", (p.ready_on.isoformat(), "bold"), " (as aipm status says)")
        )
    else:
        parts.append(Text("No ready-on date: at this pace it lies past the calendar."))
    if p.by is not None:
        if p.on_time:
            parts.append(Text(f"Ready by {p.by.isoformat()} at this pace.", style="green"))
        elif p.needed is not None:
            parts.append(
                Text(
                    f"To be ready by {p.by.isoformat()} you need {_h(p.needed)} h/week; "
                    f"at {_h(p.hours_per_week)} h/week you are not.",
                    style="yellow",
                )
            )
    return Group(*parts)


def _later_exams(p: Plan, last_monday: date | None) -> list[RenderableType]:
    """A line naming the booked exams after the last week shown (all of them when no
    week is shown), which the table cannot hold."""
    end = last_monday + timedelta(days=6) if last_monday is not None else None
    later = [d for d in p.dates if d.what == "exam" and (end is None or d.on > end)]
    if not later:
        return []
    named = ", ".join(f"{d.cert} on {d.on.isoformat()}" for d in later)
    return [Text(f"Exams booked after these weeks: {named}")]


def roles_summary_view(found: list[RoleSummary], current: Role | None = None) -> RenderableType:
    """``aipm roles``: every target role side by side (``*`` marks yours)."""
    if not found:
        return Text("This curriculum defines no target roles.", style="dim")
    rows: list[list[Cell]] = []
    for s in found:
        r = s.readiness
        rows.append(
            [
                "*" if current is not None and r.role_id == current.id else "",
                safe(r.role_id),
                readiness_headline(r),
                effort(r.hours_remaining + r.hours_prerequisites, r.estimated),
                r.ready_on.isoformat() if r.ready_on else "-",
                safe(s.top_gap or "none"),
            ]
        )
    return Group(
        FitTable(
            [
                Column(""),
                Column("Role", "id"),
                Column("Readiness"),
                Column("Hours left", justify="right"),
                Column("Ready on", drop=1),
                Column("Top gap", "title", drop=2),
            ],
            rows,
            more="widen the terminal, or add --json",
        ),
        Text(
            "* your target. Ready-on at your set pace: aipm target --hours-per-week H", style="dim"
        ),
    )
