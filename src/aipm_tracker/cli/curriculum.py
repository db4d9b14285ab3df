"""Commands about the curriculum and the setup: curriculum validate/show, target, path."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .options import (
    JsonOpt,
    complete_item,
    complete_role,
    completions,
    pace_option,
    parse_degree,
)
from .output import emit, take_role

if TYPE_CHECKING:
    from ..models import Progress

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

curriculum_app = typer.Typer(
    help="Check or show a curriculum.\n\nExample: aipm curriculum validate my-curriculum.yaml",
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(curriculum_app, name="curriculum")


@curriculum_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="A curriculum YAML file.", show_default=False)],
) -> None:
    """Check a curriculum file; print every problem as FILE:LINE: message (exit 2).

    Example: aipm curriculum validate my-curriculum.yaml
    """
    from ..curriculum import read_curriculum
    from ..render import terminal
    from ..render.text import plural

    curriculum = read_curriculum(file)
    counts = [
        (len(curriculum.items), "item"),
        (len(curriculum.categories), "category"),
        (len(curriculum.roles), "role"),
    ]
    listed = ", ".join(f"{n} {plural(n, noun)}" for n, noun in counts)
    terminal.say(
        f"{file}: valid curriculum {curriculum.id} {curriculum.version}: {listed}.",
        style="green",
    )


@curriculum_app.command("show")
def show_curriculum(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show the curriculum in use: where it comes from, its categories and roles.

    Example: aipm curriculum show
    """
    from .. import engine
    from ..render import jsondoc, terminal

    s = session(ctx)
    c = s.curriculum
    totals = engine.category_totals(c)
    if json_out:
        typer.echo(jsondoc.dumps(jsondoc.curriculum_json(c, s.curriculum_source, totals)), nl=False)
    else:
        role = take_role(s.role())
        terminal.show(
            terminal.curriculum_view(c, s.curriculum_source, totals, role.id if role else None)
        )


@commands.command()
def target(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="Role ID to aim for (omit to list roles).", autocompletion=complete_role
        ),
    ] = None,
    hours_per_week: Annotated[
        float | None,
        pace_option("Hours a week you can study."),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            metavar="ITEM",
            autocompletion=complete_item,
            help="Make your target role require this item too, e.g. one of your own "
            "(repeat for more).",
        ),
    ] = None,
    unrequire: Annotated[
        list[str] | None,
        typer.Option(
            "--unrequire",
            metavar="ITEM",
            autocompletion=complete_item,
            help="Take an item you made it require off again.",
        ),
    ] = None,
    degree: Annotated[
        str | None,
        typer.Option(
            "--degree",
            parser=parse_degree,
            metavar="four-year|secondary",
            autocompletion=completions(["four-year", "secondary"]),
            help="The degree you hold: PMP asks for 36 months of experience with a "
            "4-year degree, 60 with a secondary diploma.",
        ),
    ] = None,
) -> None:
    """Choose your target role and study pace, or list the roles.

    --require adds an item (your own, say) to what your target role requires.

    Example: aipm target ai-pm-senior --hours-per-week 6

    Example: aipm target --require my.talk

    Example: aipm target --degree four-year
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    required = [s.resolve(i) for i in require or []]
    dropped = _unrequired(s, unrequire or [])
    if role is None and hours_per_week is None and not required and not dropped and not degree:
        current = take_role(s.role())
        counts = {r.id: len(s.curriculum.requirements(r)) for r in s.curriculum.roles}
        terminal.show(
            terminal.roles_view(s.curriculum.roles, current.id if current else None, counts)
        )
        return
    if role is not None:
        engine.resolve_role(s.curriculum, s.standing, role.strip())  # exit 2 if unknown
    at = context.now()
    before, after = s.update(
        lambda p: changes.set_profile(
            p,
            at,
            target_role=role.strip() if role else None,
            hours_per_week=hours_per_week,
            require=required,
            unrequire=dropped,
            degree=degree,
        )
    )
    if after == before:
        terminal.say("Nothing changed: that is already your target and pace.")
        return
    terminal.say(_target_text(s, after), style="green")


def _unrequired(s: Session, unrequire: list[str]) -> list[str]:
    """The ``--unrequire`` items as IDs; raises :class:`UsageError` (exit 2) for one
    the user did not make their target role require."""
    from ..errors import UsageError

    dropped = [i.strip().lower() for i in unrequire]
    for item_id in dropped:
        if item_id not in s.standing.profile.require:
            listed = ", ".join(s.standing.profile.require) or "none"
            raise UsageError(
                f"{item_id!r} is not an item you made your target role require (those: {listed})"
            )
    return dropped


def _target_text(s: Session, after: "Progress") -> str:
    """What ``aipm target`` says once the profile is ``after``'s: the role, the
    pace, the items it also requires and the degree held."""
    from .. import engine

    chosen = engine.resolve_role(s.curriculum, after, None)
    title = chosen.title if chosen else "none"
    pace = after.profile.hours_per_week
    pace_text = f" at {pace:g} h/week" if pace else ""
    also = (
        f" It also requires: {', '.join(after.profile.require)}." if after.profile.require else ""
    )
    held = after.profile.degree
    degree_text = f" Degree: {'4-year' if held == 'four-year' else held}." if held else ""
    return f"Target: {title}{pace_text}.{also}{degree_text} See where you stand: aipm status"


@commands.command()
def path(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show where your progress and the curriculum are read from.

    Example: aipm path
    """
    s = session(ctx)
    places = {
        "data_dir": str(s.data_dir),
        "progress_file": str(s.store.path),
        "lock_file": str(s.store.lock_path),
        "curriculum": s.curriculum_source,
    }
    emit(places, json=json_out, of="places")
