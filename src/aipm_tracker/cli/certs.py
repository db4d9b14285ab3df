"""Experience and certifications: ``experience add|list|remove`` and ``cert [CERT]``,
``cert book|result|earned|credit``."""

from datetime import date
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import context
from .context import session
from .options import (
    CertArg,
    DateArg,
    JsonOpt,
    choice,
    complete_cert,
    complete_experience,
    completions,
    number,
    parse_date,
    parse_month,
)
from .output import emit


class _CertGroup(TyperGroup):
    """``aipm cert`` with no command, or with a CERT or ``--json`` first, runs
    ``cert show``: the table, or one certification's detail."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        help_words = set(ctx.help_option_names) if ctx.help_option_names else {"--help"}
        if not args or (args[0] not in self.commands and args[0] not in help_words):
            args = ["show", *args]
        result: list[str] = super().parse_args(ctx, args)
        return result


commands = typer.Typer(rich_markup_mode=None)
"""The groups of this module (the root app merges them: see cli/__init__.py)."""

experience_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Record the months you led projects or did agile work.\n\nPMP and PMI-ACP count "
        'them.\n\nExample: aipm experience add "Data platform rollout" --from 2022-01 '
        "--to 2023-06"
    ),
)
commands.add_typer(experience_app, name="experience")

cert_app = typer.Typer(
    cls=_CertGroup,
    rich_markup_mode=None,
    help=(
        "Track certifications from eligibility to renewal.\n\naipm cert lists them all, "
        "aipm cert CERT shows one.\n\nExample: aipm cert pmp\n\nExample: aipm cert book pmp "
        "2027-03-04"
    ),
)
commands.add_typer(cert_app, name="cert")

KINDS = {"project-lead": "project-lead", "agile": "agile", "lead": "project-lead"}
parse_kind = choice("a kind of experience", KINDS, ["project-lead", "agile"])
parse_result = choice(
    "a result", {"pass": "pass", "fail": "fail", "passed": "pass", "failed": "fail"}
)
parse_credits = number("an amount of credits", 0.01, 10_000)

OnOpt = Annotated[
    date | None,
    typer.Option(
        "--on",
        parser=parse_date,
        metavar="DATE",
        help="The day it happened, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]


def _this_month() -> str:
    today = context.today()
    return f"{today.year:04d}-{today.month:02d}"


@experience_app.command("add")
def experience_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What you did, e.g. the project's name.")],
    start: Annotated[
        str,
        typer.Option(
            "--from",
            parser=parse_month,
            metavar="YYYY-MM",
            help="The first month (counted).",
            show_default=False,
        ),
    ],
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            parser=parse_month,
            metavar="YYYY-MM",
            help="The last month (counted; default: ongoing, up to this month).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            parser=parse_kind,
            metavar="project-lead|agile",
            autocompletion=completions(["project-lead", "agile"]),
            help="What it counts toward: project-lead (PMP) or agile (PMI-ACP).",
        ),
    ] = "project-lead",
) -> None:
    """Add a period of work; both months count (2023-01 to 2023-03 is 3 months).

    Example: aipm experience add "CRM migration" --from 2022-01 --to 2023-06
    """
    from .. import cert_changes
    from ..models import ExperienceKind
    from ..render import terminal

    s = session(ctx)
    at = context.now()
    chosen: ExperienceKind = "agile" if kind == "agile" else "project-lead"
    _, after = s.update(
        lambda p: cert_changes.add_experience(p, title, start, end, chosen, _this_month(), at)
    )
    entry = after.experience[-1]
    span = f"{entry.from_} to {entry.to or 'now'}"
    terminal.say(
        f"Added {entry.id}: {entry.title} ({span}, {entry.kind}). See what it counts "
        "for: aipm experience list. Undo with: aipm undo",
        style="green",
    )


@experience_app.command("list")
def experience_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List your experience and the months each certification rule counts.

    Example: aipm experience list
    """
    from .. import engine

    s = session(ctx)
    emit(engine.experience_list(s.curriculum, s.standing, context.today()), json=json_out)


@experience_app.command("remove")
def experience_remove(
    ctx: typer.Context,
    entry: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's ID (e1), as experience list shows it.",
            autocompletion=complete_experience,
        ),
    ],
) -> None:
    """Remove an experience entry (undo brings it back).

    Example: aipm experience remove e2
    """
    from .. import cert_changes
    from ..render import terminal

    s = session(ctx)
    at = context.now()
    s.update(lambda p: cert_changes.remove_experience(p, entry, at))
    terminal.say(f"Removed {entry.strip().lower()}. Undo with: aipm undo", style="green")


@cert_app.command("show")
def cert_show(
    ctx: typer.Context,
    cert: Annotated[
        str | None,
        typer.Argument(
            metavar="[CERT]",
            help="One certification (default: all of them, as a table).",
            autocompletion=complete_cert,
            show_default=False,
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show every certification, or one: eligibility, exam, attempts, renewal.

    Example: aipm cert show pmp
    """
    from .. import engine

    s = session(ctx)
    today = context.today()
    if cert is None:
        emit(engine.cert_statuses(s.curriculum, s.standing, today), json=json_out, of="CertStatus")
        return
    cert_id = engine.resolve_cert(s.curriculum, cert)
    emit(engine.cert_status(s.curriculum, s.standing, cert_id, today), json=json_out)


@cert_app.command("book")
def cert_book(ctx: typer.Context, cert: CertArg, on: DateArg) -> None:
    """Book a certification's exam on a date (today or later).

    Example: aipm cert book pmp 2027-03-04
    """
    from .. import cert_changes, engine
    from ..render import terminal

    s = session(ctx)
    cert_id = engine.resolve_cert(s.curriculum, cert)
    today, at = context.today(), context.now()
    s.update(lambda p: cert_changes.book_exam(p, cert_id, on, today, at))
    terminal.say(
        f"Booked the {cert_id} exam on {on.isoformat()}, in {(on - today).days} days. "
        "Undo with: aipm undo",
        style="green",
    )


@cert_app.command("result", context_settings={"ignore_unknown_options": True})
def cert_result(
    ctx: typer.Context,
    cert: CertArg,
    result: Annotated[
        str,
        typer.Argument(
            parser=parse_result,
            metavar="pass|fail",
            help="How the attempt went.",
            autocompletion=completions(["pass", "fail"]),
            show_default=False,
        ),
    ],
    on: OnOpt = None,
) -> None:
    """Record an exam attempt; a pass also marks it earned and its item done.

    Example: aipm cert result csm fail --on 2027-01-15
    """
    from .. import cert_changes, engine
    from ..models import Result
    from ..render import terminal

    s = session(ctx)
    cert_id = engine.resolve_cert(s.curriculum, cert)
    today, at = context.today(), context.now()
    day = on or today
    outcome: Result = "pass" if result == "pass" else "fail"
    s.update(lambda p: cert_changes.record_result(p, cert_id, outcome, day, today, at))
    if outcome == "pass":
        text = f"Passed {cert_id} on {day.isoformat()}: marked earned and done."
        text += (
            f" Add its credential ID: aipm cert earned {cert_id} {day.isoformat()} "
            "--credential-id ID."
        )
    else:
        text = (
            f"Recorded a failed {cert_id} attempt on {day.isoformat()}. "
            f"See your retakes: aipm cert {cert_id}."
        )
    terminal.say(f"{text} Undo with: aipm undo", style="green")


@cert_app.command("earned")
def cert_earned(
    ctx: typer.Context,
    cert: CertArg,
    on: DateArg,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", metavar="ID", help="The number the body gave you."),
    ] = None,
) -> None:
    """Record the day you earned a certification (its item is marked done).

    Example: aipm cert earned csm 2026-10-02 --credential-id 001234567
    """
    from .. import cert_changes, engine
    from ..render import terminal

    s = session(ctx)
    cert_id = engine.resolve_cert(s.curriculum, cert)
    today, at = context.today(), context.now()
    s.update(lambda p: cert_changes.mark_earned(p, cert_id, on, credential_id, today, at))
    terminal.say(
        f"Recorded {cert_id} as earned on {on.isoformat()}. See its renewal: aipm cert "
        f"{cert_id}. Undo with: aipm undo",
        style="green",
    )


@cert_app.command("credit", context_settings={"ignore_unknown_options": True})
def cert_credit(
    ctx: typer.Context,
    cert: CertArg,
    amount: Annotated[
        str,
        typer.Argument(
            metavar="AMOUNT", help="Credits earned: PDUs, SEUs or CPE.", show_default=False
        ),
    ],
    note: Annotated[str | None, typer.Option("--note", help="What earned them.")] = None,
    on: OnOpt = None,
) -> None:
    """Log renewal credits (PDUs, SEUs, CPE) toward a certification you hold.

    Example: aipm cert credit pmp 2.5 --note "PMI webinar on AI risk"
    """
    from .. import cert_changes, engine
    from ..errors import Fix, UsageError
    from ..render import terminal

    s = session(ctx)
    cert_id = engine.resolve_cert(s.curriculum, cert)
    try:
        credits = parse_credits(amount)
    except typer.BadParameter:
        raise UsageError(
            f"{amount.strip()!r} is not an amount of credits: give a number above 0, e.g. 2.5"
        ) from None
    item = s.curriculum.item_map[cert_id]
    if item.renewal_credits is None:
        raise UsageError(f"{cert_id} has no renewal credits to log (the curriculum names none)")
    today, at = context.today(), context.now()
    if engine.earned_on(s.standing, cert_id) is None:
        raise UsageError(
            f"{cert_id} is not earned yet, so there is no renewal period to log credits in.",
            fix=Fix(f"Record it first: aipm cert earned {cert_id} DATE"),
        )
    day = on or today
    s.update(lambda p: cert_changes.log_credit(p, cert_id, credits, note, day, today, at))
    terminal.say(
        f"Logged {credits:g} {item.renewal_credits.unit} toward {cert_id} on "
        f"{day.isoformat()}. Undo with: aipm undo",
        style="green",
    )
