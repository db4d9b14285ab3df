"""Commands on your own items: item add and item remove."""

from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import session
from .options import complete_item

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

if TYPE_CHECKING:
    from ..models import Progress

# The core and the renderers are imported inside the commands that use them, so that
# the commands that do not (``--help``, ``path``) do not pay for them.


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
