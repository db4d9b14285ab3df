"""The interview views: a drill card, what is due, the story bank, the application
pipeline, the contacts, and the interview lines of the status screen."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...engine import ApplicationRow, DrillCard, DrillDue, InterviewSummary
from ...models import Contact, Review, Story
from .console import safe, when
from .fit import Cell, Column, FitTable

RATING_PROMPT = "Rate it: again (1) · hard (2) · good (3) · easy (4) · q to stop"
"""The line under every drill card."""


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True, min_width=11)
    grid.add_column(overflow="fold")
    return grid


def _due_words(due: datetime | None, reviews: int) -> str:
    if due is None:
        return "new"
    return f"due {when(due)} · {reviews} review{'s' if reviews != 1 else ''}"


def drill_card_view(card: DrillCard, number: int, count: int) -> RenderableType:
    """One question of a drill session: its number of ``count``, ID, tags and whether
    it is new, the question, the items it exercises and the user's stories for it."""
    head = Text.assemble(
        (f"Question {number} of {count}", "bold"),
        "  ",
        safe(card.id, "cyan"),
        f"  {', '.join(card.tags)} · {_due_words(card.due, card.reviews)}",
    )
    grid = _grid()
    grid.add_row("Exercises", safe("\n".join(f"{i} ({t})" for i, t in card.items) or "-"))
    if card.stories:
        grid.add_row(
            "Your stories",
            safe("\n".join(f"{s.id} {s.title}: {s.result}" for s in card.stories)),
        )
    else:
        grid.add_row(
            "Your stories",
            Text(f"none yet: aipm story add TITLE ... --question {card.id}", style="dim"),
        )
    return Group(
        head,
        Text(""),
        safe(card.text),
        Text(""),
        grid,
        Text(RATING_PROMPT, style="dim"),
    )


def rated_line(question: str, review: Review) -> str:
    """What a drill says after a rating: ``good: next due 2026-12-03 11:00 UTC``."""
    return f"{question}: {review.rating}, next due {when(review.due)}"


def drill_due_view(due: DrillDue) -> RenderableType:
    """The ``aipm drill due`` table: each question due (overdue first, then new),
    then when the next one comes due."""
    parts: list[RenderableType] = []
    summary = (
        f"{len(due.due)} of {due.questions} questions due ({due.new} never rated)."
        if due.questions
        else "This curriculum has no interview questions."
    )
    parts.append(Text(summary))
    if due.due:
        rows: list[list[Cell]] = [
            [safe(c.id), safe(c.text), "new" if c.due is None else when(c.due), ", ".join(c.tags)]
            for c in due.due
        ]
        parts.append(
            FitTable(
                [
                    Column("Question", "id"),
                    Column("Text", "title"),
                    Column("Due"),
                    Column("Tags", "title", drop=1),
                ],
                rows,
                more="widen the terminal, or add --json",
            )
        )
        parts.append(Text("Start with: aipm drill --limit 10", style="dim"))
    if due.next_due is not None:
        parts.append(Text(f"Next not yet due: {when(due.next_due)}", style="dim"))
    if due.orphans:
        parts.append(
            Text(
                f"{len(due.orphans)} card(s) of questions not in this curriculum (kept): "
                + ", ".join(due.orphans),
                style="yellow",
            )
        )
    return Group(*parts)


def stories_view(stories: list[Story]) -> RenderableType:
    """The ``aipm story list`` screen: each STAR story in full."""
    if not stories:
        return Text(
            "No stories yet. Add one with: aipm story add TITLE --situation S --task T "
            "--action A --result R",
            style="dim",
        )
    parts: list[RenderableType] = []
    for story in stories:
        grid = _grid()
        for label, value in (
            ("Situation", story.situation),
            ("Task", story.task),
            ("Action", story.action),
            ("Result", story.result),
        ):
            grid.add_row(label, safe(value))
        if story.items:
            grid.add_row("Items", safe(", ".join(story.items)))
        if story.questions:
            grid.add_row("Questions", safe(", ".join(story.questions)))
        parts += [Text.assemble((story.id, "cyan"), " ", safe(story.title, "bold")), grid, Text("")]
    return Group(*parts[:-1])


def applications_view(rows: list[ApplicationRow]) -> RenderableType:
    """The ``aipm apply list`` table, in the order added."""
    if not rows:
        return Text("No applications yet. Add one with: aipm apply add COMPANY ROLE", style="dim")
    return FitTable(
        [
            Column("ID", "id"),
            Column("Company", "title"),
            Column("Role", "title"),
            Column("Stage"),
            Column("Since", drop=2),
            Column("Job", drop=1),
        ],
        [
            [r.id, safe(r.company), safe(r.role), r.stage, when(r.since), safe(r.job or "-")]
            for r in rows
        ],
        more="widen the terminal, or add --json",
    )


def contacts_view(contacts: list[Contact]) -> RenderableType:
    """The ``aipm contact list`` table, in the order added."""
    if not contacts:
        return Text("No contacts yet. Add one with: aipm contact add NAME", style="dim")
    return FitTable(
        [
            Column("ID", "id"),
            Column("Name", "title"),
            Column("Company", "title"),
            Column("Follow up"),
            Column("Note", "title", drop=1),
        ],
        [
            [
                c.id,
                safe(c.name),
                safe(c.company or "-"),
                c.follow_up.isoformat() if c.follow_up else "-",
                safe(c.note or ""),
            ]
            for c in contacts
        ],
        more="widen the terminal, or add --json",
    )


def interview_lines(summary: InterviewSummary) -> RenderableType | None:
    """The status screen's interview lines: drills due, the pipeline in one line, the
    follow-ups due (each line only when it has something to say)."""
    grid = _grid()
    if summary.questions:
        grid.add_row(
            "Drills", f"{summary.drills_due} of {summary.questions} questions due: aipm drill"
        )
    p = summary.pipeline
    if p.total:
        stages = " · ".join(f"{n} {stage}" for stage, n in p.stages.items())
        grid.add_row("Pipeline", f"{stages} ({p.open} open): aipm apply list")
    if summary.follow_ups:
        names = ", ".join(
            f"{f.name} ({f.company})" if f.company else f.name for f in summary.follow_ups
        )
        grid.add_row("Follow up", safe(f"{names}: aipm contact list"))
    return grid if grid.row_count else None
