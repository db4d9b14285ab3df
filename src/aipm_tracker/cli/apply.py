"""The application pipeline and the network: apply add/move/list, contact add/list."""

from __future__ import annotations

from typing import Annotated

import typer

from . import context
from .context import session
from .options import JsonOpt
from .output import emit

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

STAGE_HELP = "saved, applied, screen, interview, offer, accepted, rejected or withdrawn"

apply_app = typer.Typer(
    help=(
        f"Follow your job applications through their stages.\n\nStages: {STAGE_HELP}.\n\n"
        'Example: aipm apply add Acme "AI project manager"'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(apply_app, name="apply")

contact_app = typer.Typer(
    help=(
        "Your network, with days to follow up.\n\n"
        'Example: aipm contact add "Ada Lovelace" --company Acme --follow-up 2027-01-15'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(contact_app, name="contact")


@apply_app.command("add")
def apply_add(
    ctx: typer.Context,
    company: Annotated[str, typer.Argument(metavar="COMPANY", help="Who you apply to.")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="The job's title.")],
    job: Annotated[
        str | None,
        typer.Option("--job", "-j", metavar="JOB", help="The saved job description it is for."),
    ] = None,
) -> None:
    """Add an application (at stage saved).

    Example: aipm apply add Acme "AI project manager" --job j-3f2a
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    job_id = job.strip() if job is not None else None
    if job_id == "":
        from ..errors import UsageError

        raise UsageError("the job ID is empty")
    at = context.now()
    _, after = s.update(lambda p: changes.add_application(p, at, company, role, job_id))
    a = after.applications[-1]
    terminal.say(
        f"Added {a.id}: {a.role} at {a.company} (saved). Move it on with: "
        f"aipm apply move {a.id} applied. Undo with: aipm undo",
        style="green",
    )


@apply_app.command("move")
def apply_move(
    ctx: typer.Context,
    application: Annotated[str, typer.Argument(metavar="ID", help="The application (a1, a2 ...).")],
    stage: Annotated[str, typer.Argument(metavar="STAGE", help=f"One of {STAGE_HELP}.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When it happened: 2026-11-30, 2026-11-30T14:00, yesterday, 3 days ago.",
        ),
    ] = None,
) -> None:
    """Move an application to another stage.

    Example: aipm apply move a1 interview --at yesterday
    """
    from .. import changes
    from ..errors import UsageError
    from ..render import terminal

    s = session(ctx)
    now = context.now()
    when = context.moment(at) or now
    if when > now:
        raise UsageError(f"--at {at!r} is in the future; a stage is recorded once reached")
    key = application.strip().lower()
    old = {a.id: a.stage for a in s.progress.applications}.get(key)
    _, after = s.update(lambda p: changes.move_application(p, key, stage, now, when))
    a = next(x for x in after.applications if x.id == key)
    terminal.say(
        f"{a.id} ({a.role} at {a.company}): {old} -> {a.stage}. Undo with: aipm undo",
        style="green",
    )


@apply_app.command("list")
def apply_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List your applications and the stage each is at.

    Example: aipm apply list --json
    """
    from .. import engine

    emit(engine.application_rows(session(ctx).standing), json=json_out, of="ApplicationRow")


@contact_app.command("add")
def contact_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their name.")],
    company: Annotated[
        str | None, typer.Option("--company", metavar="C", help="Where they work.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="T", help="How you know them, what next.")
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option("--follow-up", metavar="DATE", help="The day to follow up (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Add a contact, with a day to follow up that status reminds you of.

    Example: aipm contact add "Ada Lovelace" --company Acme --follow-up 2027-01-15
    """
    from .. import changes
    from ..moments import parse_day
    from ..render import terminal

    s = session(ctx)
    day = parse_day(follow_up, "--follow-up") if follow_up is not None else None
    at = context.now()
    _, after = s.update(lambda p: changes.add_contact(p, at, name, company, note, day))
    c = after.contacts[-1]
    follow = f", follow up on {c.follow_up.isoformat()}" if c.follow_up else ""
    at_company = f" ({c.company})" if c.company else ""
    terminal.say(f"Added {c.id}: {c.name}{at_company}{follow}. Undo with: aipm undo", style="green")


@contact_app.command("list")
def contact_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List your contacts and their follow-up days.

    Example: aipm contact list
    """
    from ..models import Contact

    emit(list(session(ctx).standing.contacts), json=json_out, of=Contact)
