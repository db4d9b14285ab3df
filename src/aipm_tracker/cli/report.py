"""Read commands: status, list, show, gaps, next, burndown, export."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from . import context
from .context import Session, session
from .options import (
    CategoryOpt,
    ItemArg,
    JsonOpt,
    TargetOpt,
    choice,
    completions,
    whole_number,
)
from .output import emit, take_role

if TYPE_CHECKING:
    from ..models import Role
    from ..models.progress import Status
    from ..render.exporters import ExportData

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""


STATUS_NAMES = {
    "todo": "todo",
    "to do": "todo",
    "in_progress": "in_progress",
    "doing": "in_progress",
    "in progress": "in_progress",
    "started": "in_progress",
    "done": "done",
    "skipped": "skipped",
    "skip": "skipped",
}
"""What ``aipm list --status`` takes: the statuses, and the words the tables and the
show screen use for them (``doing``, ``to do``, ``in progress``)."""


class ExportFormat(StrEnum):
    """Values of ``aipm export --format``: the keys of
    :data:`~aipm_tracker.render.exporters.EXPORTERS` (a test keeps them in step)."""

    md = "md"
    html = "html"
    csv = "csv"
    json = "json"
    evidence = "evidence"
    ics = "ics"


FORMAT_NAMES = {
    "md": "md",
    "html": "html",
    "json": "json",
    "csv": "csv",
    "evidence": "evidence",
    "ics": "ics",
    "markdown": "md",
    "ical": "ics",
    "icalendar": "ics",
}
"""What ``aipm export --format`` takes, in the order its error lists them."""


@commands.command()
def status(
    ctx: typer.Context,
    target: TargetOpt = None,
    category: CategoryOpt = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="Every category, however many (default: the first 12)."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Show your readiness, progress per category and next steps.

    Readiness is the share of your target role's required effort hours done. A
    curriculum of many categories shows the first 12 and how many more there are,
    so that the next steps stay on the screen; --all shows them all.

    Example: aipm status --target ai-pm-senior
    """
    from .. import engine
    from ..localzone import LOCAL

    s = session(ctx)
    now = context.now()
    report = engine.status_report(
        s.curriculum,
        s.standing,
        take_role(s.role(target)),
        now.date(),
        category,
        now=now,
        tz=LOCAL,
    )
    emit(report, json=json_out, show_all=show_all)


@commands.command("list")
def list_items(
    ctx: typer.Context,
    category: CategoryOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            parser=choice("a status", STATUS_NAMES, ["todo", "doing", "done", "skipped"]),
            metavar="STATUS",
            autocompletion=completions(["todo", "doing", "done", "skipped"]),
            help="Only items with this status: todo (to do), doing (in_progress), done, skipped.",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the curriculum's items with your status and level.

    Example: aipm list --category ai-concepts --status todo
    """
    from .. import engine

    s = session(ctx)
    # STATUS_NAMES maps every spelling to one of the model's statuses.
    wanted = cast("Status | None", status)
    rows = engine.item_rows(s.curriculum, s.standing, take_role(s.role()), category, wanted)
    emit(rows, json=json_out, of=engine.ItemRow, level_names=s.curriculum.level_names)


@commands.command()
def show(ctx: typer.Context, item: ItemArg, json_out: JsonOpt = False) -> None:
    """Show everything about ITEM, with your notes and evidence.

    Why it matters, resources, certification facts and sources, your state.

    Example: aipm show pmp
    """
    from .. import engine

    s = session(ctx)
    emit(
        engine.item_detail(
            s.curriculum,
            s.progress,
            s.resolve(item),
            take_role(s.role()),
            history=s.progress.history,
            today=context.today(),
        ),
        json=json_out,
    )


@commands.command()
def gaps(ctx: typer.Context, target: TargetOpt = None, json_out: JsonOpt = False) -> None:
    """List what your target role requires that you lack.

    Items not done and skills below the target level, core first, then the waived
    requirements with their reasons.

    Example: aipm gaps --target ai-pm-entry
    """
    from .. import engine
    from ..errors import UsageError

    s = session(ctx)
    role = take_role(s.role(target))
    if role is None:
        raise UsageError("this curriculum defines no target roles, so there are no gaps to show")
    found = engine.gaps(s.curriculum, s.standing, role)
    emit(
        found,
        json=json_out,
        of=engine.Gap,
        role_title=role.title,
        level_names=s.curriculum.level_names,
    )


@commands.command()
def burndown(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            parser=whole_number("a number of weeks", 1, 520),
            help="How many weeks back.",
        ),
    ] = 12,
    target: TargetOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Chart the required hours left week by week, with a date.

    Drawn from your history; the date uses your pace (aipm target --hours-per-week)
    or, when none is set, the pace your history shows.

    Example: aipm burndown --weeks 8
    """
    from .. import engine
    from ..errors import UsageError
    from ..localzone import LOCAL

    s = session(ctx)
    role = take_role(s.role(target))
    if role is None:
        raise UsageError("this curriculum defines no target roles, so there is no burndown")
    # Event times are read in the local zone, the one context.today() is a date of.
    chart = engine.burndown(s.curriculum, s.progress, role, context.today(), weeks, tz=LOCAL)
    emit(chart, json=json_out)


@commands.command("next")
def next_steps(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", parser=whole_number("a count", 1), help="How many steps."),
    ] = 5,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each term of every score.")
    ] = False,
    target: TargetOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Rank what to do next, best first.

    Only items whose prerequisites are done (or skipped) are ranked.

    Score = priority + target-role requirement + items it unlocks + already started
    + effort (smaller first) + demand (once jobs are saved: how many of them ask for
    it); --explain shows each term.

    Example: aipm next --limit 3 --explain
    """
    from .. import engine

    s = session(ctx)
    role = take_role(s.role(target))
    from .jobs import demand

    steps = engine.next_steps(s.curriculum, s.standing, role, limit, demand(s))
    emit(steps, json=json_out, of=engine.NextStep, explain=explain)
    waived = (
        engine.readiness(s.curriculum, s.standing, role, context.today()).waived
        if role is not None and not json_out
        else 0
    )
    if waived:
        from ..render import terminal
        from ..wording import plural

        terminal.say(
            f"{waived} {plural(waived, 'requirement')} of {role.id if role else ''} "
            f"waived (count as not met); see them with: aipm gaps",
            style="yellow",
        )


@commands.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            parser=choice("a format", FORMAT_NAMES),
            metavar="FORMAT",
            autocompletion=completions([f.value for f in ExportFormat]),
            help="md (Markdown), html (one self-contained page with charts), csv (one row "
            "per item), json, evidence (Markdown evidence pack for a job application), or "
            "ics (the study plan as a calendar).",
        ),
    ] = ExportFormat.md.value,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    include_path: Annotated[
        bool,
        typer.Option(
            "--include-path",
            help="Name your progress file (its full local path) in the report; left out "
            "by default, since a report is for sharing.",
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            "-a",
            help="Evidence pack: list every requirement, not only those backed by evidence.",
        ),
    ] = False,
    target: TargetOpt = None,
) -> None:
    """Export a report, an evidence pack or the plan as a calendar.

    The report holds readiness, progress per category, the burndown (HTML), gaps, next
    steps, notes and evidence. An existing file is replaced only with --force.

    Example: aipm export --format html --output report.html
    """
    from ..files import save_export
    from ..render import terminal
    from ..render.exporters import EXPORTERS

    s = session(ctx)
    role = take_role(s.role(target))
    text = EXPORTERS[fmt](_export_data(s, role, include_path, show_all))
    if output is None:
        typer.echo(text, nl=False)
        return
    save_export(output, text, force, protect=s.store.path.parent)
    terminal.say(f"Wrote {output}", style="green")


def _export_data(
    s: Session, role: "Role | None", include_path: bool, show_all: bool
) -> "ExportData":
    """What every exporter may draw on, for ``role``; the costly parts (burndown,
    evidence pack, plan, certifications) are computed only by the exporters that
    use them."""
    from .. import engine, paths
    from ..localzone import LOCAL
    from ..render.exporters import ExportData

    now = context.now()
    today = now.date()
    return ExportData(
        report=engine.status_report(
            s.curriculum, s.progress, role, today, next_limit=10, now=now, tz=LOCAL
        ),
        entries=engine.report_entries(s.curriculum, s.progress, role),
        data_file=paths.for_display(s.store.path) if include_path else None,
        role=role,
        burndown=lambda: (
            engine.burndown(s.curriculum, s.progress, role, today, tz=LOCAL) if role else None
        ),
        evidence=lambda: engine.evidence_pack(s.curriculum, s.progress, role) if role else None,
        show_all=show_all,
        plan=lambda: (
            engine.plan(
                s.curriculum,
                s.standing,
                role,
                today,
                pace,
                actual=engine.actual(s.curriculum, s.progress, role, today, LOCAL),
            )
            if role and (pace := s.standing.profile.hours_per_week)
            else None
        ),
        now=context.now(),
        certs=lambda: engine.cert_statuses(s.curriculum, s.progress, today),
    )
