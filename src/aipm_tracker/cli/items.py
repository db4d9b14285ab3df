"""Commands that change progress: start, done, skip, reset, level, note (add, edit,
remove), evidence (add, edit, remove), step, item, undo, and the read-only history."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .groups import DefaultGroup
from .options import (
    AtOpt,
    ItemArg,
    ItemsArg,
    JsonOpt,
    Level,
    complete_item,
    number,
    parse_level,
    whole_number,
)
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


def _resolve_all(s: Session, items: list[str]) -> list[str]:
    """Every ITEM argument resolved (exit 2 at the first unknown one), each once."""
    return list(dict.fromkeys(s.resolve(item) for item in items))


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
    item_ids = _resolve_all(s, items)
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
    item_ids = _resolve_all(s, items)
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
    item_ids = _resolve_all(s, items)
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
def reset(ctx: typer.Context, items: ItemsArg) -> None:
    """Put ITEM (or several) back to "to do", keeping notes.

    Its status, level, start and completion dates and ticked steps are cleared; its
    notes, evidence and the steps you added are kept.

    Example: aipm reset cert.pmp
    """
    from .. import changes

    s = session(ctx)
    item_ids = _resolve_all(s, items)
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
    after = _apply(s, item_id, lambda p, i: changes.set_level(p, i, value, now, as_of=as_of))
    if after is None:
        terminal.say(f"{item_id} is already at level {value}; nothing changed.")
        return
    terminal.say(
        f"Level of {item_id} set to {value} "
        f"({engine.level_name(value, s.curriculum.level_names)}). Undo with: aipm undo",
        style="green",
    )


note_app = typer.Typer(
    cls=DefaultGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Add, edit or remove a dated note on ITEM.\n\nNotes are numbered as aipm show "
        'numbers them.\n\nExample: aipm note nlp "Finished week 2"\n\n'
        'Example: aipm note edit nlp 1 "Finished week 3"'
    ),
)
commands.add_typer(note_app, name="note")

NumberArg = Annotated[
    int,
    typer.Argument(
        parser=whole_number("an entry number", 1),
        metavar="N",
        help="Its number, as aipm show numbers them.",
        show_default=False,
    ),
]


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    item: ItemArg,
    text: Annotated[str, typer.Argument(help="The note.")],
    at: AtOpt = None,
) -> None:
    """Add a dated note to ITEM (aipm note ITEM TEXT says the same).

    Example: aipm note nlp "Finished week 2 of the course; tokenizers make sense now"

    Example: aipm note add nlp "Read the tokenizer chapter" --at yesterday
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    _apply(s, item_id, lambda p, i: changes.add_note(p, i, text, now, as_of=as_of))
    terminal.say(f"Note added to {item_id}. Undo with: aipm undo", style="green")


@note_app.command("edit")
def note_edit(
    ctx: typer.Context,
    item: ItemArg,
    number: NumberArg,
    text: Annotated[str, typer.Argument(help="The note's new text.")],
    at: AtOpt = None,
) -> None:
    """Replace the text of note N of ITEM (and with --at its date).

    Example: aipm note edit nlp 1 "Finished week 3, not 2"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    after = _apply(s, item_id, lambda p, i: changes.edit_note(p, i, number, text, now, as_of=as_of))
    if after is None:
        terminal.say(f"Note {number} of {item_id} already says that; nothing changed.")
        return
    terminal.say(f"Note {number} of {item_id} edited. Undo with: aipm undo", style="green")


@note_app.command("remove")
def note_remove(ctx: typer.Context, item: ItemArg, number: NumberArg) -> None:
    """Remove note N of ITEM.

    Example: aipm note remove nlp 2
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now = context.now()
    _apply(s, item_id, lambda p, i: changes.remove_note(p, i, number, now))
    terminal.say(f"Note {number} of {item_id} removed. Undo with: aipm undo", style="green")


evidence_app = typer.Typer(
    cls=DefaultGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Attach, edit or remove a link that proves your progress.\n\nOne link can "
        "back several items: aipm evidence ITEM [ITEM ...] URL.\n\n"
        "Example: aipm evidence csm https://example.com/my-csm-badge "
        '--label "CSM badge"\n\nExample: aipm evidence remove csm 1'
    ),
)
commands.add_typer(evidence_app, name="evidence")


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM... URL",
            help="The items it proves, then an http(s) link: certificate, repo, post.",
            autocompletion=complete_item,
            show_default=False,
        ),
    ],
    label: Annotated[str | None, typer.Option("--label", help="What the link shows.")] = None,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", help="The certificate or credential number, to verify it."),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Attach a link that proves your progress on ITEM, or on several at once.

    One piece of evidence (a project write-up) can back several items: name them all
    before the link. For a certification, add the credential number the issuer gave
    you: the evidence pack (aipm export --format evidence) shows it for an employer to
    verify.

    Example: aipm evidence csm https://example.com/my-csm-badge --label "CSM badge"

    Example: aipm evidence chatbot nlp https://example.com/write-up --label "Write-up"

    Example: aipm evidence add csm https://example.com/csm --credential-id 000123
    """
    from .. import changes
    from ..errors import UsageError
    from ..render import terminal

    if len(items) < 2:
        raise UsageError("name the item and then the link: aipm evidence ITEM [ITEM ...] URL")
    s = session(ctx)
    *named, url = items
    item_ids = _resolve_all(s, named)
    now, as_of = context.now(), context.moment(at)
    s.update(
        lambda p: changes.add_evidence(p, item_ids, url, now, label, credential_id, as_of=as_of)
    )
    terminal.say(f"Evidence added to {', '.join(item_ids)}. Undo with: aipm undo", style="green")


@evidence_app.command("edit")
def evidence_edit(
    ctx: typer.Context,
    item: ItemArg,
    number: NumberArg,
    url: Annotated[str | None, typer.Option("--url", help="The new http(s) link.")] = None,
    label: Annotated[
        str | None, typer.Option("--label", help='What the link shows ("" removes it).')
    ] = None,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", help='The credential number ("" removes it).'),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Change the link, label, credential number or (--at) date of evidence N of ITEM.

    Example: aipm evidence edit csm 1 --label "CSM certificate"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    after = _apply(
        s,
        item_id,
        lambda p, i: changes.edit_evidence(
            p, i, number, now, url=url, label=label, credential_id=credential_id, as_of=as_of
        ),
    )
    if after is None:
        terminal.say(f"Evidence {number} of {item_id} already says that; nothing changed.")
        return
    terminal.say(f"Evidence {number} of {item_id} edited. Undo with: aipm undo", style="green")


@evidence_app.command("remove")
def evidence_remove(ctx: typer.Context, item: ItemArg, number: NumberArg) -> None:
    """Remove evidence N of ITEM.

    Example: aipm evidence remove csm 2
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now = context.now()
    _apply(s, item_id, lambda p, i: changes.remove_evidence(p, i, number, now))
    terminal.say(f"Evidence {number} of {item_id} removed. Undo with: aipm undo", style="green")


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
    after = _apply(
        s,
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


item_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Add items of your own to the curriculum, or remove them.\n\n"
        'Example: aipm item add my.talk --title "Talk at a meetup" --category '
        "portfolio --hours 10"
    ),
)
commands.add_typer(item_app, name="item")


@item_app.command("add")
def item_add(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="A new dotted ID, e.g. my.talk.", show_default=False)
    ],
    title: Annotated[str, typer.Option("--title", help="What it is.", show_default=False)],
    category: Annotated[
        str, typer.Option("--category", "-c", help="One of the curriculum's categories.")
    ],
    hours: Annotated[
        float,
        typer.Option(
            "--hours",
            parser=lambda text: _hours(text),
            help="The effort it takes, in hours.",
            show_default=False,
        ),
    ],
    prerequisites: Annotated[
        list[str] | None,
        typer.Option(
            "--prerequisite",
            help="An item to finish first (repeat for more).",
            autocompletion=complete_item,
        ),
    ] = None,
    steps: Annotated[
        list[str] | None, typer.Option("--step", help="A step of it (repeat for more).")
    ] = None,
    priority: Annotated[
        str,
        typer.Option(
            "--priority", parser=lambda text: _priority(text), help="core, recommended or optional."
        ),
    ] = "recommended",
) -> None:
    """Add an item of your own: shown and counted like the curriculum's.

    It is kept with your progress, as an overlay on the curriculum (no fork of the
    curriculum file). Make your target role require it with: aipm target --require ID

    Example: aipm item add my.talk --title "Talk at a meetup" --category portfolio --hours 10
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    now = context.now()
    merged = s.curriculum
    own = engine.new_own_item(
        merged,
        item_id,
        title=title,
        category=category,
        effort_hours=hours,
        prerequisites=[s.resolve(p) for p in prerequisites or []],
        steps=steps or [],
        priority=priority,
    )

    def add(p: "Progress") -> "Progress":
        after = changes.add_own_item(p, own, now)
        engine.check_own(s.base, after)
        return after

    s.update(add)
    terminal.say(
        f"Added your item {own.id} ({own.title}) to {merged.category_map[own.category].title}. "
        f"Make your target role require it with: aipm target --require {own.id}. "
        "Undo with: aipm undo",
        style="green",
    )


@item_app.command("remove")
def item_remove(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="One of your items.", show_default=False)
    ],
) -> None:
    """Remove an item you added (your progress on it is kept).

    Example: aipm item remove my.talk
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    now = context.now()
    wanted = item_id.strip().lower()
    s.update(lambda p: changes.remove_own_item(p, wanted, now))
    terminal.say(f"Removed your item {wanted}. Undo with: aipm undo", style="green")


def _hours(text: str) -> float:
    from .options import number

    return number("a number of hours", 0.1, 100_000)(text)


def _priority(text: str) -> str:
    from .options import choice

    return choice(
        "a priority", {"core": "core", "recommended": "recommended", "optional": "optional"}
    )(text)


@commands.command()
def undo(
    ctx: typer.Context,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only show what would be reverted; change nothing."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Revert your last change exactly, and say what it put back.

    With --dry-run, show what would be reverted (each field, now -> before) and change
    nothing.

    Example: aipm undo --dry-run
    """
    from .. import changes
    from ..errors import TrackerError
    from ..render import jsondoc, terminal
    from ..render.text import describe_event, revert_lines

    s = session(ctx)
    if dry_run:
        history = s.progress.history
        if not history:
            raise TrackerError("There is nothing to undo: the history is empty.")
        event = history[-1]
    else:
        before, _ = s.update(lambda p: changes.undo(p, s.store.backup_progress))
        event = before.history[-1]
    if json_out:
        key = "would_revert" if dry_run else "reverted"
        document = {key: jsondoc.event_json(event), "changes": revert_lines(event)}
        typer.echo(jsondoc.dumps(document), nl=False)
        return
    verb = "Would undo" if dry_run else "Undid"
    terminal.say(f"{verb} {event.action}: {describe_event(event)}", style="green")
    for line in revert_lines(event):
        terminal.say(f"  {line}")
    if dry_run:
        terminal.say("Nothing was changed. Undo it with: aipm undo", style="dim")


@commands.command()
def history(
    ctx: typer.Context,
    item: Annotated[
        str | None,
        typer.Argument(
            metavar="[ITEM]",
            help="Only the changes to this item.",
            autocompletion=complete_item,
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", parser=whole_number("a count", 1), help="How many changes."),
    ] = 20,
    json_out: JsonOpt = False,
) -> None:
    """Show your latest changes (to ITEM, when given), oldest first.

    Example: aipm history nlp --limit 5
    """
    from .. import engine
    from ..models import Event

    s = session(ctx)
    events = s.progress.history
    if item is not None:
        events = engine.item_history(events, s.resolve(item))
    emit(events[-limit:], json=json_out, of=Event)
