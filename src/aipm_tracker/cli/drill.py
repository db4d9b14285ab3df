"""Interview drills and the story bank: drill, drill due, story add, story list.

A drill reads its ratings from the terminal, or, when standard input is not a
terminal, one per line from it (``printf 'good\\nagain\\n' | aipm drill --limit 2``).
Each rating is saved as it is given, as one change ``aipm undo`` reverts, so Ctrl-C
ends a session and keeps the ratings given.
"""

from __future__ import annotations

import sys
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .options import JsonOpt, whole_number
from .output import emit

if TYPE_CHECKING:
    from ..engine import DrillCard
    from ..models import Progress, Rating

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""

drill_app = typer.Typer(
    help=(
        "Drill interview questions (FSRS), or list what is due.\n\n"
        "Example: aipm drill --limit 5 --tag behavioural"
    ),
    invoke_without_command=True,
    rich_markup_mode=None,
)
commands.add_typer(drill_app, name="drill")

story_app = typer.Typer(
    help=(
        "Your STAR stories for interviews.\n\nEach tells a situation, task, action and "
        "result.\n\n"
        'Example: aipm story add "Rescued the churn model" --situation ... --task ... '
        "--action ... --result ..."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(story_app, name="story")

STOP_WORDS = ("q", "quit", "stop")
"""What ends a drill session instead of a rating."""


def interactive() -> bool:
    """Whether ratings are typed at a terminal (else read from standard input)."""
    return sys.stdin.isatty()


def _end_of_day(text: str, option: str) -> datetime:
    """The local end of the day ``text`` names (``--by``): cards due by then come
    forward. Raises UsageError (exit 2) for a day that does not exist or is past."""
    from ..errors import UsageError
    from ..localzone import LOCAL
    from ..moments import parse_day

    day = parse_day(text, option)
    if day < context.today():
        raise UsageError(
            f"{option} {day.isoformat()} is in the past; give the day of your interview"
        )
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL)


def _piped_ratings(count: int) -> list[Rating | None]:
    """The ratings on standard input (one a line; blank lines skipped; a stop word
    ends them as None), at most ``count``, all checked before any is saved. Raises
    UsageError (exit 2) for a line that is no rating."""
    from ..changes import check_rating

    ratings: list[Rating | None] = []
    for line in sys.stdin.read().splitlines():
        word = line.strip()
        if not word:
            continue
        if len(ratings) == count:
            break
        if word.lower() in STOP_WORDS:
            ratings.append(None)
            break
        ratings.append(check_rating(word))
    return ratings


def _ask() -> Rating | None:
    """A rating typed at the terminal, asked again until it is one; None to stop
    (a stop word or end of input)."""
    from ..changes import check_rating
    from ..errors import UsageError
    from ..render import terminal

    while True:
        try:
            word = input("> ").strip()
        except EOFError:
            return None
        if word.lower() in STOP_WORDS:
            return None
        try:
            return check_rating(word)
        except UsageError as exc:
            terminal.warn(exc.message)


def _rate(s: Session, question: str, rating: Rating) -> Progress:
    """Save one rating of ``question``, now, as one change."""
    from .. import changes

    at = context.now()
    return s.update(lambda p: changes.rate(p, question, rating, at))[1]


def _session(s: Session, queue: list[DrillCard], interactive: bool) -> list[str]:
    """Ask each question of ``queue``, save each rating as one change, and return
    what each rating said; stops at a stop word, the end of input or Ctrl-C."""
    from ..render import terminal

    piped = [] if interactive else _piped_ratings(len(queue))
    said: list[str] = []
    try:
        for number, card in enumerate(queue, 1):
            if not interactive and number > len(piped):
                break
            terminal.show(terminal.drill_card_view(card, number, len(queue)))
            rating = _ask() if interactive else piped[number - 1]
            if rating is None:
                break
            after = _rate(s, card.id, rating)
            line = terminal.rated_line(card.id, after.cards[card.id].reviews[-1])
            terminal.say(line, style="green")
            said.append(line)
            if number < len(queue):
                terminal.say("")
    except KeyboardInterrupt:
        terminal.say("")
    return said


@drill_app.callback()
def drill(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", parser=whole_number("a count", 1, 1000), help="At most this many."
        ),
    ] = 10,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only questions with this tag: technical, behavioural, situational, pm, product.",
        ),
    ] = None,
    item: Annotated[
        str | None,
        typer.Option("--item", "-i", metavar="ITEM", help="Only questions exercising this item."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="DATE",
            help="Cram for an interview on DATE (YYYY-MM-DD): cards due by then come forward.",
        ),
    ] = None,
) -> None:
    """Drill interview questions: each question, the items it exercises and your
    stories for it, then your rating (again, hard, good, easy, or 1-4; q stops).

    Ratings are scheduled with FSRS and saved one by one (each one undoable); Ctrl-C
    ends the session and keeps them. Without a terminal, ratings are read from
    standard input, one a line.

    Example: aipm drill --limit 5 --by 2027-01-15

    Scripted: printf 'good\\nagain\\n' | aipm drill --limit 2
    """
    if ctx.invoked_subcommand is not None:
        return
    from .. import engine
    from ..render import terminal

    s = session(ctx)
    chosen_tag = engine.check_tag(tag) if tag is not None else None
    item_id = s.resolve(item) if item is not None else None
    until = _end_of_day(by, "--by") if by is not None else None
    queue = engine.drill_queue(
        s.curriculum, s.standing, context.now(), by=until, tag=chosen_tag, item=item_id
    )[:limit]
    if not queue:
        terminal.say("Nothing to drill: no question is due. See what comes next: aipm drill due")
        return
    said = _session(s, queue, interactive())
    terminal.say(
        f"Rated {len(said)} of {len(queue)}."
        + (" Undo the last rating with: aipm undo" if said else ""),
        style="bold",
    )


@drill_app.command("due")
def drill_due(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the interview questions due now (a question never rated is due).

    Example: aipm drill due --json
    """
    from .. import engine

    s = session(ctx)
    emit(engine.drill_due(s.curriculum, s.standing, context.now()), json=json_out)


@story_app.command("add")
def story_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="A short name for the story.")],
    situation: Annotated[str, typer.Option("--situation", help="The situation.")],
    task: Annotated[str, typer.Option("--task", help="What you had to do.")],
    action: Annotated[str, typer.Option("--action", help="What you did.")],
    result: Annotated[str, typer.Option("--result", help="What came of it.")],
    item: Annotated[
        list[str] | None,
        typer.Option("--item", "-i", metavar="ITEM", help="An item it shows (repeatable)."),
    ] = None,
    question: Annotated[
        list[str] | None,
        typer.Option("--question", metavar="Q", help="A question it answers (repeatable)."),
    ] = None,
) -> None:
    """Add a STAR story, linked to the items it shows and the questions it answers.

    Example: aipm story add "Late feed, on-time model" --situation "Nightly feed
    failed" --task "Keep scoring" --action "Added a fallback" --result "No missed
    run in 6 months" --item ai.mlops --question q.data-pipeline
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    items = [s.resolve(i) for i in item or []]
    questions = [engine.resolve_question(s.curriculum, q) for q in question or []]
    at = context.now()
    _, after = s.update(
        lambda p: changes.add_story(
            p, at, title, (situation, task, action, result), items, questions
        )
    )
    story = after.stories[-1]
    terminal.say(
        f"Added story {story.id}: {story.title}. It shows in drills of the questions it "
        "answers and in the evidence pack. Undo with: aipm undo",
        style="green",
    )


@story_app.command("list")
def story_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List your STAR stories, oldest first.

    Example: aipm story list
    """
    from ..models import Story

    emit(list(session(ctx).standing.stories), json=json_out, of=Story)
