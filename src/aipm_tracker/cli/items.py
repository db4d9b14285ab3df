"""Commands that change an item's progress: start, done, skip, amount, reset, level
and step (done, undone, add)."""

from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .options import AtOpt, ItemArg, ItemsArg, Level, number, parse_level, whole_number
from .output import take_role

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

if TYPE_CHECKING:
    from ..followup import ItemAction
    from ..models import Progress

# The core and the renderers are imported inside the commands that use them, so that
# the commands that do not (``--help``, ``path``) do not pay for them.


VERBS = {"start": "Started", "done": "Done", "skip": "Skipped", "reset": "Reset"}
"""How each item change is reported."""


def _report_all(
    s: Session,
    item_ids: list[str],
    before: "Progress",
    after: "Progress",
    action: "ItemAction",
    dated: bool,
) -> None:
    """Say what a change to ``item_ids`` did, item by item (see :func:`_report`), and
    that it is one change for one undo."""
    from .. import engine
    from ..render import terminal

    if len(item_ids) == 1:
        _report(s, item_ids[0], after if after != before else None, action, dated, undo=True)
        return
    changed = [
        i
        for i in item_ids
        if engine.state(before, i).item_state() != engine.state(after, i).item_state()
    ]
    for item_id in item_ids:
        _report(s, item_id, after if item_id in changed else None, action, dated, undo=False)
    if changed:
        terminal.say(
            f"{len(changed)} items in one change. Undo them all with: aipm undo", style="green"
        )


def _check_level(s: Session, value: int | None) -> None:
    """Raise :class:`UsageError` when ``value`` is not a level of the curriculum's
    scale (a curriculum may define fewer levels than 0-5)."""
    from ..errors import UsageError

    names = s.curriculum.level_names
    if value is not None and names and value not in names:
        scale = ", ".join(f"{v} {n}" for v, n in names.items())
        raise UsageError(f"{value} is not a level of this curriculum's scale ({scale})")


def _report(
    s: Session,
    item_id: str,
    after: "Progress | None",
    action: "ItemAction",
    dated: bool = False,
    undo: bool = True,
) -> None:
    """Say what changed, how the item's category stands now, and what the core says
    to do next about prerequisites and levels (see :func:`~aipm_tracker.followup.
    followup`)."""
    from .. import engine
    from ..followup import followup
    from ..render import terminal
    from ..render.text import STATUS_LABEL, day
    from ..wording import plural

    item = s.curriculum.item_map[item_id]
    if after is None:
        st = engine.state(s.standing, item_id)
        terminal.say(f"{item_id} is already {STATUS_LABEL[st.status]}; nothing changed.")
        return
    names = s.curriculum.level_names
    role = take_role(s.role()) if action in ("start", "done") else None
    then = followup(s.curriculum, after, role, item_id, action)
    st = engine.state(after, item_id)
    moment = st.completed_at if action == "done" else st.started_at if action == "start" else None
    on = f" on {day(moment)}" if dated and moment is not None else ""
    hint = " Undo with: aipm undo" if undo else ""
    terminal.say(
        f"{VERBS[action]}: {item_id} ({item.title}){on}. {then.category_title}: {then.done} of "
        f"{then.counted} done.{hint}",
        style="green",
    )
    if then.waiting:
        terminal.say(f"Its prerequisites are not done yet: {', '.join(then.waiting)}", style="dim")
    if action == "reset":
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
    items: ItemsArg,
    reopen: Annotated[
        bool,
        typer.Option("--reopen", help="Start a done item again (clears its completion date)."),
    ] = False,
    at: AtOpt = None,
) -> None:
    """Mark ITEM (or several, as one change) as in progress.

    A done item is started again only with --reopen, since that clears its
    completion date. With --at, the start date is that day (it corrects one).

    Example: aipm start ml-basics --at 2026-10-01
    """
    from .. import changes, engine
    from ..errors import Fix, Step, UsageError

    s = session(ctx)
    item_ids = s.resolve_all(items)
    for item_id in item_ids:
        if engine.state(s.standing, item_id).status == "done" and not reopen:
            raise UsageError(
                f"{item_id} is done; starting it again would clear its completion date.",
                fix=Fix("To reopen it, run: {command}", step=Step.REOPEN, arg=item_id),
            )
    now, as_of = context.now(), context.moment(at)
    before, after = s.update(lambda p: changes.start(p, item_ids, now, as_of=as_of))
    _report_all(s, item_ids, before, after, "start", as_of is not None)


@commands.command()
def done(
    ctx: typer.Context,
    items: ItemsArg,
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
    at: AtOpt = None,
) -> None:
    """Mark ITEM (or several) done, with a level, note or evidence.

    With --at, record when you finished it (not before you started it).

    Example: aipm done nlp --level 2 --evidence https://example.com/certificate

    Example: aipm done cert.csm pm.agile-scrum --at 2023-05
    """
    from .. import changes

    s = session(ctx)
    item_ids = s.resolve_all(items)
    _check_level(s, level)
    now, as_of = context.now(), context.moment(at)
    before, after = s.update(
        lambda p: changes.done(p, item_ids, now, level, note, evidence, as_of=as_of)
    )
    _report_all(s, item_ids, before, after, "done", as_of is not None)


@commands.command()
def skip(
    ctx: typer.Context,
    items: ItemsArg,
    reason: Annotated[
        str | None, typer.Option("--reason", "-r", help="Why it does not apply.")
    ] = None,
    at: AtOpt = None,
) -> None:
    """Mark ITEM (or several) as not applicable to you.

    A skipped item leaves its category's percentages and is counted apart. Skipping
    a requirement of your target role waives it: that needs --reason, and a waived
    requirement is shown as waived and never counted as met.
    Several items take one --reason and are one change.

    Example: aipm skip edu.degree --reason "I have a CS degree already"
    """
    from .. import changes, engine
    from ..errors import UsageError

    s = session(ctx)
    item_ids = s.resolve_all(items)
    role = take_role(s.role())
    required = engine.required_levels(s.curriculum, role) if role is not None else {}
    waived = [i for i in item_ids if i in required]
    if reason is None and role is not None and waived:
        raise UsageError(
            f"{waived[0]} is a requirement of your target role {role.id}, so skipping it "
            "waives it: say why with --reason TEXT "
            f'(for example: aipm skip {waived[0]} --reason "held since 2023")'
        )
    now, as_of = context.now(), context.moment(at)
    before, after = s.update(lambda p: changes.skip(p, item_ids, now, reason, as_of=as_of))
    _report_all(s, item_ids, before, after, "skip", False)


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
    after = s.change_item(
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
def reset(ctx: typer.Context, items: ItemsArg) -> None:
    """Put ITEM (or several) back to "to do", keeping notes.

    Its status, level, start and completion dates and ticked steps are cleared; its
    notes, evidence and the steps you added are kept.

    Example: aipm reset cert.pmp
    """
    from .. import changes

    s = session(ctx)
    item_ids = s.resolve_all(items)
    now = context.now()
    before, after = s.update(lambda p: changes.reset(p, item_ids, now))
    _report_all(s, item_ids, before, after, "reset", False)


# ignore_unknown_options: "-1" reaches the level parser, which says what a level is,
# instead of Click's "No such option: -1".
@commands.command(context_settings={"ignore_unknown_options": True})
def level(ctx: typer.Context, item: ItemArg, value: Level, at: AtOpt = None) -> None:
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
    now, as_of = context.now(), context.moment(at)
    after = s.change_item(item_id, lambda p, i: changes.set_level(p, i, value, now, as_of=as_of))
    if after is None:
        terminal.say(f"{item_id} is already at level {value}; nothing changed.")
        return
    terminal.say(
        f"Level of {item_id} set to {value} "
        f"({engine.level_name(value, s.curriculum.level_names)}). Undo with: aipm undo",
        style="green",
    )


step_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Tick the steps (milestones) of an item, or add your own.\n\n"
        "Example: aipm step done chatbot 1 2"
    ),
)
commands.add_typer(step_app, name="step")

StepNumbers = Annotated[
    list[int],
    typer.Argument(
        parser=whole_number("a step number", 1),
        metavar="N...",
        help="Step numbers, as aipm show numbers them.",
        show_default=False,
    ),
]


def _tick(ctx: typer.Context, item: str, numbers: list[int], at: str | None, ticked: bool) -> None:
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    given = len(s.curriculum.item_map[item_id].steps)
    now, as_of = context.now(), context.moment(at)
    after = s.change_item(
        item_id,
        lambda p, i: changes.tick_steps(p, i, numbers, given, now, ticked=ticked, as_of=as_of),
    )
    done, total = engine.step_count(s.curriculum, s.progress, item_id)
    if after is None:
        terminal.say(f"{item_id}: nothing changed; {done} of {total} steps done.")
        return
    terminal.say(f"{item_id}: {done} of {total} steps done. Undo with: aipm undo", style="green")


@step_app.command("done")
def step_done(ctx: typer.Context, item: ItemArg, numbers: StepNumbers, at: AtOpt = None) -> None:
    """Tick step N (or several) of ITEM; an item not started is started.

    Example: aipm step done chatbot 1 2 3
    """
    _tick(ctx, item, numbers, at, True)


@step_app.command("undone")
def step_undone(ctx: typer.Context, item: ItemArg, numbers: StepNumbers) -> None:
    """Untick step N (or several) of ITEM.

    Example: aipm step undone chatbot 3
    """
    _tick(ctx, item, numbers, None, False)


@step_app.command("add")
def step_add(
    ctx: typer.Context,
    item: ItemArg,
    text: Annotated[str, typer.Argument(help="What the step is.", show_default=False)],
) -> None:
    """Add a step of your own to ITEM, after its others.

    Example: aipm step add chatbot "Present it at the team demo"
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now = context.now()
    s.update(lambda p: changes.add_step(p, item_id, text, now))
    done, total = engine.step_count(s.curriculum, s.progress, item_id)
    terminal.say(
        f"Step {total} added to {item_id}: {done} of {total} steps done. Undo with: aipm undo",
        style="green",
    )
