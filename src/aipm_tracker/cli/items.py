"""Commands that change progress: start, done, skip, reset, level, note, evidence,
undo, and the read-only history."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .options import ItemArg, JsonOpt, Level, number, parse_level, whole_number
from .output import emit, take_role

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

if TYPE_CHECKING:
    from ..followup import ItemAction
    from ..models import Progress

# The core and the renderers are imported inside the commands that use them, so that
# the commands that do not (``--help``, ``path``) do not pay for them.


def _apply(
    s: Session, item_id: str, change: "Callable[[Progress, str], Progress]"
) -> "Progress | None":
    """Apply ``change`` under the store lock; None when nothing changed."""
    before, after = s.update(lambda p: change(p, item_id))
    return None if after == before else after


VERBS = {"start": "Started", "done": "Done", "skip": "Skipped", "reset": "Reset"}
"""How each item change is reported."""


def _check_level(s: Session, value: int | None) -> None:
    """Raise :class:`UsageError` when ``value`` is not a level of the curriculum's
    scale (a curriculum may define fewer levels than 0-5)."""
    from ..errors import UsageError

    names = s.curriculum.level_names
    if value is not None and names and value not in names:
        scale = ", ".join(f"{v} {n}" for v, n in names.items())
        raise UsageError(f"{value} is not a level of this curriculum's scale ({scale})")


def _report(s: Session, item_id: str, after: "Progress | None", action: "ItemAction") -> None:
    """Say what changed, how the item's category stands now, and what the core says
    to do next about prerequisites and levels (see :func:`~aipm_tracker.followup.
    followup`)."""
    from .. import engine
    from ..followup import followup
    from ..render import terminal
    from ..render.text import STATUS_LABEL
    from ..wording import plural

    item = s.curriculum.item_map[item_id]
    if after is None:
        st = engine.state(s.standing, item_id)
        terminal.say(f"{item_id} is already {STATUS_LABEL[st.status]}; nothing changed.")
        return
    names = s.curriculum.level_names
    role = take_role(s.role()) if action in ("start", "done") else None
    then = followup(s.curriculum, after, role, item_id, action)
    terminal.say(
        f"{VERBS[action]}: {item_id} ({item.title}). {then.category_title}: {then.done} of "
        f"{then.counted} done. Undo with: aipm undo",
        style="green",
    )
    if then.waiting:
        terminal.say(f"Its prerequisites are not done yet: {', '.join(then.waiting)}", style="dim")
    if action == "reset":
        st = engine.state(after, item_id)
        terminal.say(
            f"Its status, level and dates are cleared; its {len(st.notes)} "
            f"{plural(len(st.notes), 'note')} and {len(st.evidence)} "
            f"{plural(len(st.evidence), 'evidence link')} are kept.",
            style="dim",
        )
    if then.target_level is not None and then.level is not None:
        terminal.say(
            f"You are at level {then.level} ({engine.level_name(then.level, names)}) of the "
            f"{then.target_level} ({engine.level_name(then.target_level, names)}) your target role "
            f"asks for; raise it with: aipm level {item_id} N",
            style="dim",
        )
    elif then.target_level is not None:
        terminal.say(
            f"Your target role asks for level {then.target_level} "
            f"({engine.level_name(then.target_level, names)}); "
            f"record yours with: aipm level {item_id} N",
            style="dim",
        )


@commands.command()
def start(
    ctx: typer.Context,
    item: ItemArg,
    reopen: Annotated[
        bool,
        typer.Option("--reopen", help="Start a done item again (clears its completion date)."),
    ] = False,
) -> None:
    """Mark ITEM as in progress.

    A done item is started again only with --reopen, since that clears its
    completion date.

    Example: aipm start ml-basics
    """
    from .. import changes, engine
    from ..errors import Fix, Step, UsageError

    s = session(ctx)
    item_id = s.resolve(item)
    if engine.state(s.standing, item_id).status == "done" and not reopen:
        raise UsageError(
            f"{item_id} is done; starting it again would clear its completion date.",
            fix=Fix("To reopen it, run: {command}", step=Step.REOPEN, arg=item_id),
        )
    at = context.now()
    _report(s, item_id, _apply(s, item_id, lambda p, i: changes.start(p, i, at)), "start")


@commands.command()
def done(
    ctx: typer.Context,
    item: ItemArg,
    level: Annotated[
        int | None,
        typer.Option(
            "--level", "-l", parser=parse_level, help="Your level (Dreyfus 0-5 by default)."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-m", help="A note to keep.")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", "-e", help="An http(s) link that proves it.")
    ] = None,
) -> None:
    """Mark ITEM done, with your level, a note or evidence.

    Example: aipm done nlp --level 2 --evidence https://example.com/certificate
    """
    from .. import changes

    s = session(ctx)
    item_id = s.resolve(item)
    _check_level(s, level)
    at = context.now()
    after = _apply(s, item_id, lambda p, i: changes.done(p, i, at, level, note, evidence))
    _report(s, item_id, after, "done")


@commands.command()
def skip(
    ctx: typer.Context,
    item: ItemArg,
    reason: Annotated[
        str | None, typer.Option("--reason", "-r", help="Why it does not apply.")
    ] = None,
) -> None:
    """Mark ITEM as not applicable to you.

    A skipped item leaves its category's percentages and is counted apart. Skipping
    a requirement of your target role waives it: that needs --reason, and a waived
    requirement is shown as waived and never counted as met.

    Example: aipm skip edu.degree --reason "I have a CS degree already"
    """
    from .. import changes, engine
    from ..errors import UsageError

    s = session(ctx)
    item_id = s.resolve(item)
    role = take_role(s.role())
    if (
        reason is None
        and role is not None
        and item_id in engine.required_levels(s.curriculum, role)
    ):
        raise UsageError(
            f"{item_id} is a requirement of your target role {role.id}, so skipping it "
            "waives it: say why with --reason TEXT "
            f'(for example: aipm skip {item_id} --reason "held since 2023")'
        )
    at = context.now()
    _report(s, item_id, _apply(s, item_id, lambda p, i: changes.skip(p, i, at, reason)), "skip")


@commands.command(context_settings={"ignore_unknown_options": True})
def amount(
    ctx: typer.Context,
    item: ItemArg,
    value: Annotated[
        float,
        typer.Argument(
            parser=number("an amount", -1_000_000, 1_000_000),
            metavar="AMOUNT",
            help="Hours or months (the item's unit) to add; negative to take back.",
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--set", help="Set the total to AMOUNT instead of adding it.")
    ] = False,
) -> None:
    """Add hours or months to a measured ITEM.

    For items measured toward a target (35 contact hours, 36 months of
    experience). Reaching the target marks the item done.

    Example: aipm amount pm-contact-hours 12
    """
    from .. import changes
    from ..errors import UsageError
    from ..render import terminal
    from ..render.text import quantity

    s = session(ctx)
    item_id = s.resolve(item)
    target = s.curriculum.item_map[item_id].quantity
    if target is None:
        raise UsageError(f"{item_id} is not measured in amounts; mark it with: aipm done {item_id}")
    at = context.now()
    after = _apply(
        s,
        item_id,
        lambda p, i: changes.record_amount(p, i, value, target.target, at, replace=replace),
    )
    if after is None:
        terminal.say(f"{item_id} already has that amount; nothing changed.")
        return
    st = after.items[item_id]
    reached = " Target reached: done." if st.status == "done" else ""
    terminal.say(
        f"{item_id}: {quantity(st.amount, target.target, target.unit)}.{reached} "
        "Undo with: aipm undo",
        style="green",
    )


@commands.command()
def reset(ctx: typer.Context, item: ItemArg) -> None:
    """Put ITEM back to "to do", keeping its notes and evidence.

    Its status, level and start and completion dates are cleared.

    Example: aipm reset cert.pmp
    """
    from .. import changes

    s = session(ctx)
    item_id = s.resolve(item)
    at = context.now()
    _report(s, item_id, _apply(s, item_id, lambda p, i: changes.reset(p, i, at)), "reset")


# ignore_unknown_options: "-1" reaches the level parser, which says what a level is,
# instead of Click's "No such option: -1".
@commands.command(context_settings={"ignore_unknown_options": True})
def level(ctx: typer.Context, item: ItemArg, value: Level) -> None:
    """Record your proficiency level on ITEM.

    The bundled curriculum uses the Dreyfus scale: 0 none, 1 novice, 2 advanced
    beginner, 3 competent, 4 proficient, 5 expert (aipm curriculum show lists the
    scale of the curriculum in use).

    Example: aipm level nlp 3
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    _check_level(s, value)
    at = context.now()
    after = _apply(s, item_id, lambda p, i: changes.set_level(p, i, value, at))
    if after is None:
        terminal.say(f"{item_id} is already at level {value}; nothing changed.")
        return
    terminal.say(
        f"Level of {item_id} set to {value} "
        f"({engine.level_name(value, s.curriculum.level_names)}). Undo with: aipm undo",
        style="green",
    )


@commands.command()
def note(
    ctx: typer.Context, item: ItemArg, text: Annotated[str, typer.Argument(help="The note.")]
) -> None:
    """Add a dated note to ITEM.

    Example: aipm note nlp "Finished week 2 of the course; tokenizers make sense now"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    at = context.now()
    _apply(s, item_id, lambda p, i: changes.add_note(p, i, text, at))
    terminal.say(f"Note added to {item_id}. Undo with: aipm undo", style="green")


@commands.command()
def evidence(
    ctx: typer.Context,
    item: ItemArg,
    url: Annotated[str, typer.Argument(help="An http(s) link: certificate, repo, post.")],
    label: Annotated[str | None, typer.Option("--label", help="What the link shows.")] = None,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", help="The certificate or credential number, to verify it."),
    ] = None,
) -> None:
    """Attach a link that proves your progress on ITEM.

    For a certification, add the credential number the issuer gave you: the evidence
    pack (aipm export --format evidence) shows it for an employer to verify.

    Example: aipm evidence csm https://example.com/my-csm-badge --label "CSM badge"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    at = context.now()
    _apply(s, item_id, lambda p, i: changes.add_evidence(p, i, url, at, label, credential_id))
    terminal.say(f"Evidence added to {item_id}. Undo with: aipm undo", style="green")


@commands.command()
def undo(ctx: typer.Context) -> None:
    """Revert your last change exactly.

    Example: aipm undo
    """
    from .. import changes
    from ..render import terminal
    from ..render.text import describe_event

    s = session(ctx)
    before, _ = s.update(lambda p: changes.undo(p, s.store.backup_progress))
    event = before.history[-1]
    terminal.say(f"Undid {event.action}: {describe_event(event)}", style="green")


@commands.command()
def history(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", parser=whole_number("a count", 1), help="How many changes."),
    ] = 20,
    json_out: JsonOpt = False,
) -> None:
    """Show your latest changes, oldest first.

    Example: aipm history --limit 5
    """
    from ..models import Event

    emit(session(ctx).progress.history[-limit:], json=json_out, of=Event)
