"""Commands that keep your progress safe: backup list, backup restore, doctor.

Like the other command modules, these import the core and the renderers inside each
command, so that ``aipm --help`` loads none of them (see ``cli/__init__.py``).
"""

from typing import Annotated

import typer

from . import context
from .context import session
from .options import JsonOpt, complete_backup
from .output import emit

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

backup_app = typer.Typer(
    help=(
        "List your progress backups or restore one.\n\n"
        "A backup is kept before every change (the newest 10; AIPM_BACKUPS sets how "
        "many).\n\nExample: aipm backup list"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(backup_app, name="backup")


@backup_app.command("list")
def list_backups(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the backups of your progress file, oldest first.

    Example: aipm backup list
    """
    from ..backups import BackupSummary

    s = session(ctx)
    summaries = s.store.summaries()
    emit(summaries, json=json_out, of=BackupSummary, keep=s.store.keep_backups, command=s.command)


@backup_app.command("restore")
def restore(
    ctx: typer.Context,
    backup_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="A backup ID from 'aipm backup list' (default: newest).",
            autocompletion=complete_backup,
        ),
    ] = None,
) -> None:
    """Make a backup your current progress (undo it with: aipm undo).

    The file it replaces is backed up first; one that cannot be read is kept beside it.

    Example: aipm backup restore 20261123T100000.000000Z
    """
    from ..render import terminal
    from ..render.text import plural

    store = session(ctx).store
    done = store.restore(backup_id, context.now())
    p = done.after
    count = sum(1 for i in p.items.values() if i.status == "done")
    changes = len(p.history) - 1
    # Undo cannot bring back a file that could not be read, so it is not offered then.
    undo = " Undo with: aipm undo" if done.kept is None else ""
    terminal.say(
        f"Restored backup {done.backup.id}: {count} {plural(count, 'item')} done, "
        f"{changes} {plural(changes, 'change')} in its history.{undo}",
        style="green",
    )
    if done.saved_as is not None:
        terminal.say(f"The file it replaced is kept as backup {done.saved_as}.")
    if done.kept is not None:
        terminal.say(
            f"The unreadable file it replaced is kept as {done.kept}. Undo cannot bring "
            f"it back; to put it back by hand: mv '{done.kept}' '{store.path}'"
        )


@commands.command("doctor")
def doctor(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Check your data for problems and say how to fix them.

    Prints what it found and how to fix it; exits 0 only when all is well.

    Example: aipm doctor
    """
    from .. import doctor as checks
    from .. import paths
    from ..curriculum import load_curriculum

    s = session(ctx)
    findings = checks.diagnose(
        s.data_dir,
        lambda: load_curriculum(paths.curriculum_override(s.curriculum_option)),
        # The store of the curriculum just loaded, never ``s.store``: that loads the
        # curriculum again, through the cache, which writes an entry (doctor writes
        # nothing).
        s.store_of,
        s.command,
        today=context.today(),
    )
    emit(findings, json=json_out, of=checks.Finding)
    if not all(f.ok for f in findings):
        raise typer.Exit(1)
