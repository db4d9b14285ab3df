"""The ``aipm`` command line: Typer wiring only.

Commands parse options, resolve item IDs, call the core and hand the result to a
renderer. Every :class:`~aipm_tracker.errors.TrackerError` is turned into a message on
standard error and its exit code here, once, in :class:`_Group`.

Start-up time matters (a tracker is typed into many times a day): modules import here
only what every command needs, and each command imports the core and the renderers it
uses inside its body, so ``aipm --help`` never loads pydantic models, YAML or rich
tables, and ``aipm status`` never loads the file lock or the Markdown exporter. For the
same reason the command modules do without ``from __future__ import annotations``:
Typer reads every command's signature at every start, and string annotations would
have to be compiled and evaluated each time (a tenth of a bare Typer app's start-up).
"""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..errors import TrackerError
from .context import Session, command_prefix

HELP_ORDER = [
    "status", "next", "gaps", "list", "show",
    "start", "done", "skip", "reset", "level", "note", "evidence", "undo", "history",
    "target", "burndown", "export", "backup", "doctor", "path", "curriculum",
]  # fmt: skip
"""The order of commands in ``aipm --help``: the daily loop first."""


class _Group(TyperGroup):
    """The root command group: the single place where domain errors become exit codes."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(
            names, key=lambda n: HELP_ORDER.index(n) if n in HELP_ORDER else len(HELP_ORDER)
        )

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            from ..render import terminal

            terminal.error(exc.message)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="aipm",
    help=(
        "Track your way to an AI project-manager role: a curriculum of what the job "
        "asks for, your progress, your gaps and what to do next.\n\n"
        "Start with: aipm status"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"aipm-tracker {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            envvar="AIPM_DATA_DIR",
            help="Directory of your progress files (default: your platform's user data dir).",
            show_envvar=True,
        ),
    ] = None,
    curriculum: Annotated[
        str | None,
        typer.Option(
            "--curriculum",
            envvar="AIPM_CURRICULUM",
            help="Use this curriculum YAML file instead of the bundled one.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track your way to an AI project-manager role."""
    # Options given on the command line are repeated in the commands we print (such
    # as the restore command for a corrupt file); ones from the environment are not.
    given = {
        name: value
        for name, value in (("data_dir", data_dir), ("curriculum", curriculum))
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
    }
    ctx.obj = Session(
        data_dir_option=data_dir,
        curriculum_option=curriculum,
        command=command_prefix(given.get("data_dir"), given.get("curriculum")),
    )


# Command modules register themselves on ``app`` when imported.
from . import backup as _backup  # noqa: E402
from . import curriculum as _curriculum  # noqa: E402
from . import items as _items  # noqa: E402
from . import report as _report  # noqa: E402

__all__ = ["_backup", "_curriculum", "_items", "_report", "app"]
