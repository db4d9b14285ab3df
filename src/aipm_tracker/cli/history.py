"""The change history: undo your last change, and the read-only history."""

from typing import Annotated

import typer

from .context import session
from .options import JsonOpt, complete_item, whole_number
from .output import emit

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

# The core and the renderers are imported inside the commands that use them, so that
# the commands that do not (``--help``, ``path``) do not pay for them.


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
    from ..render import jsondoc, terminal
    from ..render.text import describe_event, revert_lines

    s = session(ctx)
    if dry_run:
        # The undo itself, not saved: it refuses exactly what undo would refuse.
        changes.undo(s.progress, s.store.backup_progress)
        event = s.progress.history[-1]
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
