"""Option and argument types shared by several commands, and item-ID completion."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import paths
from ..errors import TrackerError


def complete_item(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for ITEM: the IDs that start with what was typed. (Typer
    keeps only candidates that start with the typed word, so the suffix forms that
    ``resolve_item`` accepts, such as ``nlp``, are not offered; they still work.)"""
    from ..curriculum import load_curriculum

    try:
        curriculum_option = ctx.find_root().params.get("curriculum")
        path = paths.curriculum_override(curriculum_option)
        curriculum, _ = load_curriculum(path, cache_dir=paths.cache_dir())
    except TrackerError:
        return []
    text = incomplete.lower()
    return [item_id for item_id in curriculum.item_map if item_id.startswith(text)]


ItemArg = Annotated[
    str,
    typer.Argument(
        metavar="ITEM",
        help="Item ID, or a unique prefix or suffix of one (nlp -> ai.nlp).",
        autocompletion=complete_item,
        show_default=False,
    ),
]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

TargetOpt = Annotated[
    str | None,
    typer.Option("--target", "-t", help="Target role to measure against (default: yours)."),
]

CategoryOpt = Annotated[
    str | None,
    typer.Option("--category", "-c", help="Only this category, e.g. ai-concepts."),
]

Level = Annotated[int, typer.Argument(min=0, max=5, help="Dreyfus level 0-5.", show_default=False)]
