"""Planning commands: ``aipm plan`` (the week-by-week study plan) and ``aipm roles``
(every target role side by side)."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from . import context
from .context import session
from .options import JsonOpt, TargetOpt, pace_option, whole_number
from .output import emit, take_role

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""


def parse_day(text: str) -> date:
    """A calendar date given as ISO ``YYYY-MM-DD``; raises ``typer.BadParameter``
    in our words for anything else, or a day that does not exist."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date: use YYYY-MM-DD, for example 2027-06-30"
        ) from None


@commands.command()
def plan(
    ctx: typer.Context,
    hours_per_week: Annotated[
        float | None,
        pace_option("Plan at this pace instead of your profile's."),
    ] = None,
    by: Annotated[
        date | None,
        typer.Option(
            "--by",
            parser=parse_day,
            metavar="DATE",
            help="Say the pace needed to be ready by DATE.",
        ),
    ] = None,
    target: TargetOpt = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            parser=whole_number("a number of weeks", 1, 5200),
            help="How many weeks to show.",
        ),
    ] = 12,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="Also write the plan as a calendar file (.ics)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --ics file.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Plan your study week by week, up to the day you are ready.

    ISO weeks from Monday, in next's order, never an item before its prerequisites;
    level practice included, waived requirements left out. The last week holds the
    ready-on date status shows.

    With --ics FILE the plan is also written as an iCalendar file: one all-day event
    per item per week and one for the ready-on date, with UIDs that stay the same on
    every export, so a subscribed calendar updates instead of doubling.

    Past weeks (from the first week you logged time, aipm log) come first: planned
    hours (PV: your pace in effect that week, from your history), logged hours, earned
    hours (EV: the planned hours of the work done: an item earns its logged hours up
    to its planned hours, and all of them once done), the schedule variance SV = EV -
    PV and the schedule performance index SPI = EV / PV (1 is on schedule, below 1
    behind), as in earned value management.

    Example: aipm plan --hours-per-week 6 --by 2027-09-30
    """
    from .. import engine
    from ..errors import UsageError
    from ..localzone import LOCAL

    s = session(ctx)
    role = take_role(s.role(target))
    if role is None:
        raise UsageError("this curriculum defines no target roles, so there is nothing to plan")
    pace = hours_per_week or s.standing.profile.hours_per_week
    if not pace:
        raise UsageError(
            "a plan needs a pace: add --hours-per-week 6, or set yours with: "
            "aipm target --hours-per-week 6"
        )
    today = context.today()
    if by is not None and by <= today:
        raise UsageError(f"--by {by.isoformat()} is not after today ({today.isoformat()})")
    actual = engine.actual(s.curriculum, s.progress, role, today, LOCAL)
    result = engine.plan(s.curriculum, s.standing, role, today, pace, by, actual)
    emit(result, json=json_out, weeks=weeks)
    if ics is not None:
        from ..files import save_export
        from ..render import ics as calendar
        from ..render import terminal

        save_export(
            ics, calendar.calendar(result, context.now()), force, protect=s.store.path.parent
        )
        if not json_out:  # --json keeps standard output one JSON document
            terminal.say(f"Wrote {ics}", style="green")


@commands.command()
def roles(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Compare every target role: readiness, hours left, top gap.

    Example: aipm roles
    """
    from .. import engine

    s = session(ctx)
    today = context.today()
    found = [engine.role_summary(s.curriculum, s.standing, r, today) for r in s.curriculum.roles]
    emit(found, json=json_out, of=engine.RoleSummary, current=take_role(s.role()))
