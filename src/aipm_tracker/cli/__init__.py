"""The ``aipm`` command line: Typer wiring only.

Commands parse options, resolve item IDs, call the core and hand the result to a
renderer. Every :class:`~aipm_tracker.errors.TrackerError` is turned into a message on
standard error and its exit code here, once, in :class:`_Group`.

Start-up time matters (a tracker is typed into many times a day): modules import here
only what every command needs, each command module is imported only when one of its
commands runs (or ``--help`` lists them: see :class:`_Commands`), and each command
imports the core and the renderers it uses inside its body. So ``aipm --help`` never
loads pydantic models, YAML or rich tables, and ``aipm status`` never loads the file
lock, the Markdown exporter or the other command modules. For the same reason the
command modules do without ``from __future__ import annotations``: Typer reads the
signatures of a module's commands when it builds them, and string annotations would
have to be compiled and evaluated each time.
"""

import functools
import importlib
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from ..errors import TrackerError
from .context import Session, command_prefix

COMMANDS: dict[str, str] = {
    "status": "report", "next": "report", "gaps": "report", "list": "report",
    "show": "report", "start": "items", "done": "items", "skip": "items",
    "reset": "items", "level": "items", "note": "items", "evidence": "items",
    "undo": "items", "history": "items", "target": "curriculum", "burndown": "report",
    "export": "report", "backup": "backup", "doctor": "backup", "path": "curriculum",
    "curriculum": "curriculum",
}  # fmt: skip
"""Every command, in the order of ``aipm --help`` (the daily loop first), and the
module of this package that defines it."""


def module_app() -> typer.Typer:
    """A Typer for the commands of one module of this package, with the root's help
    settings. The root group builds a module's commands only when one of them is run
    or listed (see :class:`_Commands`)."""
    return typer.Typer(rich_markup_mode=None)


@functools.cache
def _module_commands(module: str) -> MutableMapping[str, Any]:
    imported = importlib.import_module(f"{__name__}.{module}")
    return typer.main.get_group(imported.commands).commands


class _Commands(MutableMapping[str, Any]):
    """The root group's commands, by name: each module of commands is imported and
    turned into click commands on first use, so ``aipm status`` neither imports nor
    builds the other twenty (Typer would otherwise build every command's parameters at
    every start). Raises KeyError for an unknown name, as a dict does."""

    def __init__(self) -> None:
        self._added: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name in self._added:
            return self._added[name]
        return _module_commands(COMMANDS[name])[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._added[name] = command

    def __delitem__(self, name: str) -> None:
        del self._added[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._added if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + len(self._added.keys() - COMMANDS.keys())


class _Group(TyperGroup):
    """The root command group: its commands load lazily (:class:`_Commands`), and it
    is the single place where domain errors become exit codes."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            from ..render import terminal
            from .errors import format_error

            terminal.error(
                format_error(exc, ctx.obj.command if isinstance(ctx.obj, Session) else "aipm")
            )
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


__all__ = ["COMMANDS", "app", "module_app"]
