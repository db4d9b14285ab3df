"""The curriculum views: target roles, ``aipm curriculum show`` and ``aipm path``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ...engine import CategoryTotal
from ...models import Curriculum, Role
from ..text import hours as _hours
from .console import safe
from .fit import Column, FitTable


def roles_view(
    roles: list[Role], current: str | None, counts: dict[str, int] | None = None
) -> RenderableType:
    """The ``aipm target`` table of roles; ``current`` is marked with ``*``;
    ``counts`` is each role's number of requirements, inherited ones included."""
    if not roles:
        return Text("This curriculum defines no target roles.", style="dim")
    table = FitTable(
        [
            Column(""),
            Column("Role", "id"),
            Column("Title", "title"),
            Column("Requires", justify="right"),
        ],
        [
            [
                "*" if role.id == current else "",
                safe(role.id),
                safe(role.title),
                f"{(counts or {}).get(role.id, len(role.requires))} requirements",
            ]
            for role in roles
        ],
    )
    return Group(table, Text("* your target. Change it with: aipm target ROLE", style="dim"))


def curriculum_view(
    curriculum: Curriculum, source: str, totals: list[CategoryTotal], current_role: str | None
) -> RenderableType:
    """The ``aipm curriculum show`` screen: source, version, categories, roles
    (``current_role`` marked)."""
    head = Text.assemble(
        safe(curriculum.title, "bold"),
        f" ({curriculum.id} {curriculum.version})\n",
        safe(f"from {source}", "dim"),
    )
    table = FitTable(
        [
            Column("Category", "id"),
            Column("Title", "title"),
            Column("Items", justify="right"),
            Column("Hours", justify="right"),
        ],
        [[safe(t.id), safe(t.title), str(t.items), _hours(t.hours)] for t in totals],
    )
    return Group(
        head,
        table,
        roles_view(
            curriculum.roles,
            current_role,
            {r.id: len(curriculum.requirements(r)) for r in curriculum.roles},
        ),
    )


def places_view(places: dict[str, str]) -> RenderableType:
    """The ``aipm path`` lines: what lives where. Paths are never folded (print with
    ``soft_wrap``) so that they can be copied whole."""
    width = max(len(key) for key in places) + 1
    text = Text()
    for key, value in places.items():
        text.append(key.replace("_", " ").ljust(width), style="bold")
        text.append_text(safe(value))
        text.append("\n")
    text.rstrip()
    return text
