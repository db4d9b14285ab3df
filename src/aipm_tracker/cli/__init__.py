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
from . import backup, curriculum, items, jobs, report
from .context import Session, command_prefix

HELP_ORDER = (
    "status", "next", "gaps", "list", "show", "start", "done", "skip", "reset", "level",
    "amount", "note", "evidence", "undo", "history", "target", "burndown", "job", "match",
    "market", "cv", "export", "backup",
    "doctor", "path", "curriculum",
)  # fmt: skip
"""The order of ``aipm --help``: the daily loop first. A command missing here is
listed after these, never hidden."""


class _Group(TyperGroup):
    """The root command group: it lists its commands in :data:`HELP_ORDER`, and it is
    the single place where domain errors become exit codes."""

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: n for n, name in enumerate(HELP_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))

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


for _module in (report, items, curriculum, backup, jobs):
    app.add_typer(_module.commands)
app.add_typer(jobs.job_commands)
app.add_typer(jobs.cv_commands)

__all__ = ["HELP_ORDER", "app"]
