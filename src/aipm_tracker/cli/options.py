"""Option and argument types shared by several commands, and item-ID completion."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import paths
from ..errors import TrackerError

if TYPE_CHECKING:
    from ..models import Curriculum


def _completion_curriculum(ctx: typer.Context) -> Curriculum | None:
    """The curriculum the command line names (or the bundled one); None when it
    cannot be read, so that completion offers nothing instead of failing."""
    from ..curriculum import load_curriculum

    try:
        curriculum_option = ctx.find_root().params.get("curriculum")
        path = paths.curriculum_override(curriculum_option)
        curriculum, _ = load_curriculum(path, cache_dir=paths.cache_dir())
    except TrackerError:
        return None
    return curriculum


def complete_item(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for ITEM: the IDs that start with what was typed, else those
    its suffix and title forms find (``nl`` -> ``ai.nlp``; see
    :func:`aipm_tracker.engine.complete_item`). Bash and zsh put an offered ID in
    place of the word typed even when it does not start with it."""
    from .. import engine

    curriculum = _completion_curriculum(ctx)
    found = engine.complete_item(curriculum, incomplete) if curriculum else []
    return [i if i.startswith(incomplete) else _Offered(i) for i in found]


class _Offered(str):
    """A completion offered whatever was typed. Typer keeps only the candidates that
    start with the typed word (it asks each one's ``startswith``), which would drop
    ``ai.nlp`` for ``nl``, a form ITEM accepts; this one always says yes."""

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        return True


def complete_backup(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for a backup ID (``aipm backup restore``): the IDs of the
    backups of the progress file the command line names, newest first; nothing
    when they cannot be listed."""
    from .context import Session

    root = ctx.find_root()
    session = Session(root.params.get("data_dir"), root.params.get("curriculum"))
    try:
        backups = session.store.backups()
    except TrackerError:
        return []
    return [b.id for b in reversed(backups) if b.id.startswith(incomplete)]


def complete_entry(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for a time-log entry ID (``aipm log remove``): the IDs of the
    entries in the progress file the command line names, newest first; nothing when
    it cannot be read."""
    from .context import Session

    root = ctx.find_root()
    session = Session(root.params.get("data_dir"), root.params.get("curriculum"))
    try:
        entries = session.progress.time_log
    except TrackerError:
        return []
    return [e.id for e in reversed(entries) if e.id.startswith(incomplete.lower())]


def parse_duration_arg(text: str | int) -> int:
    """The DURATION argument of ``aipm log`` in whole minutes (see
    :func:`aipm_tracker.durations.parse_duration`); raises :class:`typer.BadParameter`
    with its message, in our words."""
    from ..durations import parse_duration

    if isinstance(text, int):  # already parsed (Click may call a parser twice)
        return text
    try:
        return parse_duration(text)
    except TrackerError as exc:
        raise typer.BadParameter(exc.message) from None


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for a target role (``aipm target``, ``--target``): the
    curriculum's role IDs that start with what was typed."""
    curriculum = _completion_curriculum(ctx)
    text = incomplete.lower()
    return [r.id for r in curriculum.roles if r.id.startswith(text)] if curriculum else []


def complete_category(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for ``--category``: the curriculum's category IDs that start
    with what was typed."""
    curriculum = _completion_curriculum(ctx)
    text = incomplete.lower()
    return [c.id for c in curriculum.categories if c.id.startswith(text)] if curriculum else []


def whole_number(what: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """A parser for an option or argument that takes a whole number from ``low`` to
    ``high`` (no upper bound when None). It raises :class:`typer.BadParameter` in our
    words, so that the message does not depend on how the installed Typer validates
    numbers (recent releases show pydantic's wording)."""
    span = f"from {low} to {high}" if high is not None else f"of {low} or more"

    def parse(text: str | int) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise typer.BadParameter(f"{str(text)!r} is not {what}: use a whole number {span}")
        return value

    return parse


def number(what: str, low: float, high: float) -> Callable[[str], float]:
    """Like :func:`whole_number` for a number with a fraction (hours: ``1.5``)."""

    def shown(bound: float) -> str:
        return str(int(bound)) if float(bound).is_integer() else str(bound)

    def parse(text: str | float) -> float:
        try:
            value = float(str(text).strip())
        except ValueError:
            value = math.nan
        if not low <= value <= high:  # also refuses nan
            raise typer.BadParameter(
                f"{str(text)!r} is not {what}: use a number from {shown(low)} to {shown(high)}"
            )
        return value

    return parse


def _spoken(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def choice(
    what: str, names: dict[str, str], shown: list[str] | None = None
) -> Callable[[str], str]:
    """A parser for an option that takes one of a few names: ``names`` maps every
    spelling a person may type (lowercase; ``doing`` and ``to do`` as the tables show
    them) to the value the command uses; the error lists ``shown`` (default: the keys
    that are also values, in their order). Case, surrounding spaces and ``-``/``_``/space
    between words do not matter. Raises :class:`typer.BadParameter` in our words
    (``'pdf' is not a format: use md, html, json, csv or evidence``), never the
    library's."""
    canonical = shown or [name for name in names if name in names.values()]

    def key(text: str) -> str:
        return " ".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())

    spellings = {key(name): value for name, value in names.items()}

    def parse(text: str) -> str:
        value = spellings.get(key(text))
        if value is None:
            raise typer.BadParameter(f"{str(text)!r} is not {what}: use {_spoken(canonical)}")
        return value

    return parse


def completions(names: list[str]) -> Callable[[str], list[str]]:
    """Shell completion for a :func:`choice` option: the ``names`` that start with
    what was typed (in any case)."""

    def complete(incomplete: str) -> list[str]:
        return [name for name in names if name.startswith(incomplete.lower())]

    return complete


parse_level = whole_number("a level", 0, 5)
"""Dreyfus levels: 0 none, 1 novice, 2 advanced beginner, 3 competent, 4 proficient,
5 expert."""

ItemArg = Annotated[
    str,
    typer.Argument(
        metavar="ITEM",
        help="Item ID, a unique prefix or suffix of one (nlp -> ai.nlp), or words of its title.",
        autocompletion=complete_item,
        show_default=False,
    ),
]

ItemsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ITEM...",
        help="One item or several (recorded as one change): an ID, a unique prefix or "
        "suffix of one (nlp -> ai.nlp), or words of its title.",
        autocompletion=complete_item,
        show_default=False,
    ),
]

AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help="When it happened, in your time zone: 2023-05-01, 2023-05, "
        "2023-05-01T14:30, yesterday or 3 days ago (default: now; never later).",
        show_default=False,
    ),
]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target",
        "-t",
        autocompletion=complete_role,
        help="Target role to measure against (default: yours).",
    ),
]

CategoryOpt = Annotated[
    str | None,
    typer.Option(
        "--category",
        "-c",
        autocompletion=complete_category,
        help="Only this category, e.g. ai-concepts.",
    ),
]

Level = Annotated[
    int,
    typer.Argument(
        parser=parse_level, metavar="LEVEL", help="Dreyfus level 0-5.", show_default=False
    ),
]


def pace_option(help_text: str) -> Any:
    """The ``--hours-per-week H`` / ``-p H`` option (a study pace, 0.5 to 168 hours a
    week) with ``help_text``: one definition for ``target`` and ``plan``."""
    return typer.Option(
        "--hours-per-week",
        "-p",
        parser=number("a number of hours a week", 0.5, 168),
        help=help_text,
    )


def parse_month(text: str) -> str:
    """A calendar month as ``YYYY-MM`` (``2024-06``), returned in that form; raises
    :class:`typer.BadParameter` in our words for anything else or a month that does
    not exist (``2024-13``)."""
    import re

    value = str(text).strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise typer.BadParameter(
            f"{value!r} is not a month: use YYYY-MM with a month from 01 to 12, e.g. 2024-06"
        )
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"


def parse_date(text: str) -> date:
    """A calendar date given as ISO ``YYYY-MM-DD``; raises :class:`typer.BadParameter`
    in our words for anything else, or a day that does not exist (``2027-02-30``)."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise typer.BadParameter(
            f"{str(text).strip()!r} is not a date: use YYYY-MM-DD, for example 2027-06-30"
        ) from None


def complete_cert(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for CERT: the curriculum's certification IDs that start with
    what was typed (with or without ``cert.``)."""
    curriculum = _completion_curriculum(ctx)
    if curriculum is None:
        return []
    text = incomplete.lower()
    ids = [i.id for i in curriculum.items if i.kind == "certification"]
    return [i for i in ids if i.startswith(text)] or [
        _Offered(i) for i in ids if i.removeprefix("cert.").startswith(text)
    ]


def complete_experience(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for an experience entry ID (``aipm experience remove``): the
    IDs of the entries in the progress file that start with what was typed."""
    from .context import Session

    root = ctx.find_root()
    session = Session(root.params.get("data_dir"), root.params.get("curriculum"))
    try:
        entries = session.standing.experience
    except TrackerError:
        return []
    return [e.id for e in entries if e.id.startswith(incomplete.lower())]


CertArg = Annotated[
    str,
    typer.Argument(
        metavar="CERT",
        help="A certification: its ID (cert.pmp), the ID without cert. (pmp) or its short "
        "name (PMP).",
        autocompletion=complete_cert,
        show_default=False,
    ),
]

DateArg = Annotated[
    date,
    typer.Argument(
        parser=parse_date, metavar="DATE", help="A date: YYYY-MM-DD.", show_default=False
    ),
]

parse_degree = choice(
    "a degree",
    {
        "four-year": "four-year",
        "secondary": "secondary",
        "4-year": "four-year",
        "4 year": "four-year",
    },
    ["four-year", "secondary"],
)
"""``--degree``: ``four-year`` (a bachelor's) or ``secondary`` (a secondary diploma)."""
