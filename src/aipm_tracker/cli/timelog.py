"""The time log: ``aipm log ITEM DURATION`` (study time), ``aipm log list`` and
``aipm log remove ID``.

One command group, like ``note`` and ``evidence``: ``log ITEM DURATION`` is its
``add`` (DESIGN.md's contract), and the log is read and corrected under the same noun
(``log list``, ``log remove``) rather than by a second command (``logs``) or an
option that turns a change into a read (``log --list``)."""

from datetime import date
from typing import Annotated

import typer

from . import context
from .context import session
from .groups import LogGroup
from .options import AtOpt, ItemArg, JsonOpt, complete_entry, complete_item, parse_duration_arg

log_app = typer.Typer(
    cls=LogGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Log study time, list it, or remove an entry.\n\n"
        "Time on an item measured in hours (PMP's 35 contact hours) also adds to its "
        "amount.\n\n"
        'Example: aipm log nlp 1h30m --at yesterday --note "tokenizers chapter"\n\n'
        "Example: aipm log list --week last"
    ),
)
commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""
commands.add_typer(log_app, name="log")


def _hours_target(s: context.Session, item_id: str) -> float | None:
    """``item_id``'s quantity target when it is measured in hours, else None."""
    item = s.curriculum.item_map.get(item_id)
    quantity = item.quantity if item is not None else None
    return quantity.target if quantity is not None and quantity.unit == "hours" else None


# ignore_unknown_options: "-3h" reaches the duration parser, which says a duration
# cannot be negative, instead of Click's "No such option: -3".
@log_app.command("add", context_settings={"ignore_unknown_options": True})
def log_add(
    ctx: typer.Context,
    item: ItemArg,
    minutes: Annotated[
        int,
        typer.Argument(
            parser=parse_duration_arg,
            metavar="DURATION",
            help="How long you studied: 90m, 1.5h, 1h30m (up to a day).",
            show_default=False,
        ),
    ],
    at: AtOpt = None,
    note: Annotated[
        str | None, typer.Option("--note", "-m", help="What you did, in a few words.")
    ] = None,
) -> None:
    """Log study time on ITEM (aipm log ITEM DURATION says the same).

    A to-do item becomes in progress, started when you studied. An item measured
    in hours (contact hours) also gets the hours added to its amount, and reaching
    its target marks it done. With --at, the time was spent then (never later
    than now). One change: aipm undo takes it back.

    Example: aipm log nlp 90m --at yesterday --note "attention chapter"

    Example: aipm log add pm-contact-hours 3h
    """
    from .. import engine, timelog
    from ..localzone import LOCAL
    from ..render import terminal
    from ..render.text import STATUS_LABEL, entry_words, hours, quantity

    s = session(ctx)
    item_id = s.resolve(item)
    target = _hours_target(s, item_id)
    now, as_of = context.now(), context.moment(at)
    before, after = s.update(
        lambda p: timelog.log_time(p, item_id, minutes, now, as_of=as_of, note=note, target=target)
    )
    entry = after.time_log[-1]
    old, new = engine.state(before, item_id), engine.state(after, item_id)
    terminal.say(f"Logged {entry_words(entry)}. Undo with: aipm undo", style="green")
    quantity_item = s.curriculum.item_map[item_id].quantity
    if target is not None and quantity_item is not None:
        reached = " Target reached: done." if new.status == "done" and old.status != "done" else ""
        terminal.say(f"{item_id}: {quantity(new.amount, target, quantity_item.unit)}.{reached}")
    elif new.status != old.status:
        terminal.say(f"{item_id}: {STATUS_LABEL[old.status]} -> {STATUS_LABEL[new.status]}.")
    week = engine.week_log(after, now, LOCAL)
    pace = f" of {hours(week.hours_per_week)}" if week.hours_per_week else ""
    terminal.say(f"This week: {hours(round(week.hours, 2))}{pace} h logged.", style="dim")


def _parse_week(text: str, today: date) -> date:
    """The local date whose ISO week ``--week`` names: ``this``, ``last``, or any date
    of the week (YYYY-MM-DD). Raises :class:`UsageError` (exit 2) otherwise."""
    from datetime import timedelta

    from ..moments import parse_day

    word = text.strip().lower()
    if word in ("this", "current"):
        return today
    if word in ("last", "previous"):
        return today - timedelta(days=7)
    return parse_day(text, "--week")


@log_app.command("list")
def log_list(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="WEEK",
            help="Only the ISO week (Monday to Sunday) of this day: YYYY-MM-DD, this or last.",
        ),
    ] = None,
    item: Annotated[
        str | None,
        typer.Option("--item", "-i", autocompletion=complete_item, help="Only this item."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the study time you logged, oldest first, with entry IDs.

    Remove a wrong entry with: aipm log remove ID

    Example: aipm log list --week last
    """
    from .. import engine
    from ..localzone import LOCAL
    from .output import emit

    s = session(ctx)
    day = _parse_week(week, context.today()) if week is not None else None
    item_id = s.resolve(item) if item is not None else None
    emit(engine.log_list(s.curriculum, s.standing, LOCAL, day, item_id), json=json_out)


@log_app.command("remove")
def log_remove(
    ctx: typer.Context,
    entry: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's ID, as aipm log list shows it (t3).",
            autocompletion=complete_entry,
            show_default=False,
        ),
    ],
) -> None:
    """Remove a wrong time-log entry (undo takes the last one back too).

    Time removed from an item measured in hours comes off its amount again.

    Example: aipm log remove t3
    """
    from .. import engine, timelog
    from ..render import terminal
    from ..render.text import entry_words, quantity

    s = session(ctx)
    now = context.now()
    known = {e.id: e.item for e in s.progress.time_log}
    item_id = known.get(entry.strip().lower())
    target = _hours_target(s, item_id) if item_id is not None else None
    _, after = s.update(lambda p: timelog.remove_entry(p, entry, now, target=target))
    gone = after.history[-1].time_entry
    assert gone is not None
    terminal.say(f"Removed {entry_words(gone)}. Undo with: aipm undo", style="green")
    quantity_item = s.curriculum.item_map[gone.item].quantity if target is not None else None
    if target is not None and quantity_item is not None:
        amount = engine.state(after, gone.item).amount
        terminal.say(f"{gone.item}: {quantity(amount, target, quantity_item.unit)}.")
