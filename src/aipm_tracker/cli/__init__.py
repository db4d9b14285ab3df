"""The ``aipm`` command line: Typer wiring only.

Commands parse options, resolve item IDs, call the core and hand the result to a
renderer. Every :class:`~aipm_tracker.errors.TrackerError` is turned into a message on
standard error and its exit code here, once, in :class:`_Group`.

Each module of this package defines its commands on its own ``commands`` Typer (listed
in :data:`SOURCES`). The root group takes each command's name from those Typers and
builds a module's commands the first time one of them is asked for: ``aipm status``
builds the 7 commands of cli/report.py, not all 70 (``aipm --help`` and completion
build them all). Start-up time matters (a tracker is typed into many times a day), so
the heavy libraries load only in the command that uses them: ruff's
banned-module-level-imports (TID253, in pyproject.toml) refuses a module-level import
of yaml, jinja2, pygal and the coming optional libraries, and tests/test_cli.py checks
that ``aipm status`` imports none of them.
"""

from typing import Annotated, Any, ClassVar

import typer
import typer.main
from typer.core import TyperGroup

from ..errors import TrackerError
from . import (
    apply,
    backup,
    certs,
    curriculum,
    drill,
    history,
    items,
    jobs,
    notes,
    own,
    plan,
    report,
    timelog,
)  # fmt: skip
from .context import Session, command_prefix

HELP_ORDER = (
    "status", "next", "gaps", "list", "show", "start", "done", "skip", "reset", "level",
    "amount", "log", "note", "evidence", "step", "undo", "history", "target", "item", "roles",
    "plan", "burndown", "experience", "cert", "job", "match", "market", "cv", "export",
    "backup", "drill", "story", "apply", "contact", "doctor", "path", "curriculum",
)  # fmt: skip
"""The order of ``aipm --help``: the daily loop first. A command missing here is
listed after these, never hidden."""

SHORT_HELP = ("status", "next", "done", "gaps", "undo", "export")
"""The commands ``aipm`` with no command lists, each with its own summary."""


class _Group(TyperGroup):
    """The root command group: it lists its commands in :data:`HELP_ORDER`, and it is
    the single place where domain errors become exit codes."""

    sources: ClassVar[dict[str, typer.Typer]] = {}
    """Command name -> the cli module's Typer that defines it (set below from the
    modules' own registrations). Typer builds a Click command, its parameters and
    their converters, for every command of an app at every start; ``aipm`` has some
    70, and ``aipm status`` needs one. So a module's commands are built the first time
    one of them is asked for: :meth:`get_command`."""

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: n for n, name in enumerate(HELP_ORDER)}
        names = set(self.commands) | set(self.sources)
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        source = self.sources.get(cmd_name)
        if cmd_name not in self.commands and source is not None:
            # Added to an app of its own as the root adds it, so that the commands
            # come out as under the root: named groups stay groups, and no
            # completion options are added to them.
            holder = typer.Typer(add_completion=False, rich_markup_mode=None)
            holder.add_typer(source)
            built: Any = typer.main.get_command(holder)
            self.commands.update(built.commands)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            _only_close_options(exc)
            raise

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
        except Exception as exc:  # a command's options are parsed in here
            _only_close_options(exc)
            raise


CLOSE_OPTION = 0.75
"""How alike an unknown option and a real one must be to be suggested: the
difflib ratio of their names without the dashes (``levle``/``level`` 0.8,
``jsn``/``json`` 0.86; ``date``/``note`` 0.5)."""


def _only_close_options(exc: BaseException) -> None:
    """Keep only close names among the options Click suggests for an unknown one
    (``exc``, Click's or Typer's NoSuchOption; anything else is left alone). Click
    compares the names with their dashes, so ``--date`` got ``--note``; a name the
    unknown one begins (``--hours`` for ``--hours-per-week``) stays."""
    import difflib

    found: Any = exc
    name, offered = getattr(found, "option_name", None), getattr(found, "possibilities", None)
    if not isinstance(name, str) or not offered:
        return
    typed = name.lstrip("-")

    def close(option: str) -> bool:
        bare = option.lstrip("-")
        ratio = difflib.SequenceMatcher(None, typed, bare).ratio()
        return ratio >= CLOSE_OPTION or (len(typed) >= 3 and bare.startswith(typed))

    found.possibilities = [option for option in offered if close(option)] or None


app = typer.Typer(
    cls=_Group,
    name="aipm",
    help=(
        "Track your way to an AI project-manager role: a curriculum of what the job "
        "asks for, your progress, your gaps and what to do next.\n\n"
        "Start with: aipm status"
    ),
    # Bare ``aipm`` prints a short help on stdout and exits 0 (see main): a usage
    # error (exit 2, the whole help on stderr) for typing the name alone misleads.
    invoke_without_command=True,
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
    if ctx.invoked_subcommand is None:
        typer.echo(_short_help(ctx))
        raise typer.Exit()


def _short_help(ctx: typer.Context) -> str:
    """What bare ``aipm`` prints: the commands of :data:`SHORT_HELP`, each with the
    summary its own help gives, and where the rest are."""
    group = ctx.command
    assert isinstance(group, TyperGroup)
    width = max(len(name) for name in SHORT_HELP)
    lines = ["Track your way to an AI project-manager role.", ""]
    for name in SHORT_HELP:
        command = group.get_command(ctx, name)
        summary = command.get_short_help_str(limit=80) if command is not None else ""
        lines.append(f"  aipm {name:<{width}}  {summary}")
    lines += ["", "Every command: aipm --help. One command: aipm COMMAND --help"]
    return "\n".join(lines)


def _command_names(source: typer.Typer) -> list[str]:
    """The names ``source`` puts at the top level of ``aipm``, read from what it
    registered, without building a command: the group's own name for a named Typer
    (``aipm job ...``), else the name of each command and sub-group it holds."""
    if source.info.name:
        return [source.info.name]
    names = [
        info.name or typer.main.get_command_name(info.callback.__name__)
        for info in source.registered_commands
        if info.callback is not None
    ]
    return names + [
        name
        for info in source.registered_groups
        if (name := info.name or (info.typer_instance and info.typer_instance.info.name))
    ]


SOURCES: tuple[typer.Typer, ...] = (
    report.commands, items.commands, notes.commands, own.commands, history.commands,
    timelog.commands, plan.commands, certs.commands, drill.commands, apply.commands,
    curriculum.commands, backup.commands, jobs.commands, jobs.job_commands, jobs.cv_commands,
)  # fmt: skip
"""Every cli module's Typer: each defines its commands (see the module docstring)."""

_Group.sources = {name: source for source in SOURCES for name in _command_names(source)}

__all__ = ["HELP_ORDER", "app"]
