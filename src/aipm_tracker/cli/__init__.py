"""The ``aipm`` command line: Typer wiring only.

Commands parse options, resolve item IDs, call the core and hand the result to a
renderer. Every :class:`~aipm_tracker.errors.TrackerError` is turned into a message on
standard error and its exit code here, once, in :class:`_Group`.

Each module of this package defines its commands on its own ``commands`` Typer, and
the root app below merges them with ``add_typer``. Start-up time matters (a tracker is
typed into many times a day), so the heavy libraries load only in the command that
uses them: ruff's banned-module-level-imports (TID253, in pyproject.toml) refuses a
module-level import of yaml, jinja2, pygal and the coming optional libraries, and
tests/test_cli.py checks that ``aipm status`` imports none of them.
"""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..errors import TrackerError
from . import apply, backup, certs, curriculum, drill, items, jobs, plan, report
from .context import Session, command_prefix

HELP_ORDER = (
    "status", "next", "gaps", "list", "show", "start", "done", "skip", "reset", "level",
    "amount", "note", "evidence", "step", "undo", "history", "target", "item", "roles",
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

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: n for n, name in enumerate(HELP_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))

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


for _module in (report, items, plan, certs, drill, apply, curriculum, backup, jobs):
    app.add_typer(_module.commands)
app.add_typer(jobs.job_commands)
app.add_typer(jobs.cv_commands)

__all__ = ["HELP_ORDER", "app"]
