"""The ``aipm burndown`` view: remaining required hours week by week, and the date."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ...engine import Burndown
from ..text import hours as _hours
from .console import safe
from .fit import Column, FitTable, Meter


def _pace_line(b: Burndown) -> Text:
    if b.pace is None:
        return Text("No date yet: set your pace with aipm target --hours-per-week 6", style="dim")
    where = "your pace" if b.pace_source == "profile" else "the pace your history shows"
    if b.hours_remaining <= 0:
        return Text("Every required hour is done.", style="green")
    seen = ""
    if b.pace_source == "profile":
        seen = (
            f"; your history shows {_hours(round(b.observed_pace, 1))} h/week"
            if b.observed_pace is not None
            else "; your history shows no hours done yet"
        )
    if b.ready_on is None:
        return Text(
            f"At {where} ({_hours(round(b.pace, 1))} h/week) there is no date to give{seen}."
        )
    return Text.assemble(
        "Projected: ",
        (b.ready_on.isoformat(), "bold"),
        f" at {where} ({_hours(round(b.pace, 1))} h/week){seen}",
    )


def burndown_view(b: Burndown) -> RenderableType:
    """``aipm burndown``: one row per week with the remaining required effort hours
    as a bar (block characters, so it reads the same without colour), then the
    projected completion date, with the pace the history shows beside a set one."""
    top = max(b.hours_required, max(p.hours_remaining for p in b.points), 1e-9)
    table = FitTable(
        [
            Column("Week ending"),
            Column("Hours left", justify="right"),
            Column("Remaining required effort", "bar", width=44),
        ],
        [
            [
                p.day.isoformat(),
                _hours(round(p.hours_remaining, 1)),
                Meter(p.hours_remaining, top, "cyan"),
            ]
            for p in b.points
        ],
    )
    return Group(
        Text.assemble(
            ("Burndown for ", "bold"),
            safe(f"{b.role_title} ({b.role_id})", "bold"),
        ),
        Text(
            f"{_hours(round(b.hours_remaining, 1))} of {_hours(round(b.hours_required, 1))} "
            "required hours left"
        ),
        table,
        _pace_line(b),
    )
