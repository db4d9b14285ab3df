"""The job views: saved jobs, ``aipm match``, ``aipm market`` and ``aipm cv check``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ...engine import CvCheck, CvTerm, ItemStand, JobMatch, JobRow, JobText, Market
from ..text import effort
from ..text import level_pair as _level
from .console import safe, status_text, when
from .fit import Cell, Column, FitTable

MORE = "widen the terminal, or add --json"


def _name(row: JobRow) -> str:
    return " at ".join(x for x in (row.title, row.company) if x) or "untitled"


def jobs_view(rows: list[JobRow]) -> RenderableType:
    """The ``aipm job list`` table."""
    if not rows:
        return Text("No job saved yet. Save one with: aipm job add FILE", style="dim")
    columns = [
        Column("Job", "id"),
        Column("Title", "title"),
        Column("Company", "title"),
        Column("Added"),
    ]
    cells: list[list[Cell]] = [
        [safe(r.id), safe(r.title or "-"), safe(r.company or "-"), when(r.added_at)] for r in rows
    ]
    return FitTable(columns, cells, more=MORE)


def job_view(shown: JobText) -> RenderableType:
    """The ``aipm job show`` screen: the job, then its text as saved."""
    head = safe(f"Job {shown.job.id}  {_name(shown.job)}  (added {when(shown.job.added_at)})\n")
    return Group(head, safe(shown.text.rstrip("\n")))


def _stand_cells(s: ItemStand) -> list[Cell]:
    return [
        safe(s.item_id),
        status_text(s.status, short=True),
        _level(s.level),
        str(s.evidence) if s.evidence else "-",
        effort(s.hours_left),
    ]


def _plan_line(m: JobMatch) -> str:
    if not m.requirements:
        return "This posting names no term of the curriculum."
    left = sum(not r.met for r in m.requirements)
    if not left:
        return "You have met every term this posting names."
    if not m.plan:
        return f"{left} open terms; the items they map to are all skipped."
    names = ", ".join(f"{s.item_id} ({effort(s.hours_left)} h)" for s in m.plan)
    noun = "item" if len(m.plan) == 1 else "items"
    return (
        f"Plan: these {len(m.plan)} {noun} would cover {m.plan_percent}% of this posting: {names}."
    )


def match_view(m: JobMatch) -> RenderableType:
    """The ``aipm match`` screen: the score in words, the plan, the table of terms
    (one row per item a term maps to) and the unmatched terms."""
    total = len(m.requirements)
    met = sum(r.met for r in m.requirements)
    title = f"  {m.title}" if m.title else ""
    lines: list[RenderableType] = [
        safe(f"Job {m.job}{title}"),
        safe(
            f"Score {m.score} of 100: {met} of {total} terms this posting names are met "
            "(an item done)."
        ),
        safe(_plan_line(m)),
    ]
    if m.requirements:
        columns = [
            Column("Term", "title"),
            Column("Item", "id"),
            Column("Status"),
            Column("Lvl", justify="right", drop=3),
            Column("Ev", justify="right", legend="Ev: evidence links.", drop=2),
            Column("Hours", justify="right", legend="Hours: left to close the item.", drop=1),
            Column("Points", justify="right"),
        ]
        rows: list[list[Cell]] = []
        for r in m.requirements:
            for n, s in enumerate(r.items):
                first = n == 0
                rows.append(
                    [
                        safe(r.term) if first else "",
                        *_stand_cells(s),
                        (f"+{r.points:.2f}" if r.met else "0") if first else "",
                    ]
                )
        lines.append(FitTable(columns, rows, more=MORE, space_after=bool(m.unmatched)))
    if m.unmatched:
        lines.append(
            safe(
                "Named by the posting, mapped to no item (a curriculum can add them as "
                "keywords): " + ", ".join(m.unmatched)
            )
        )
    return Group(*lines)


def market_view(m: Market) -> RenderableType:
    """The ``aipm market`` table: items by how many saved postings ask for them."""
    if not m.postings:
        return Text("No job saved yet. Save one with: aipm job add FILE", style="dim")
    noun = "posting" if m.postings == 1 else "postings"
    columns = [
        Column("Item", "id"),
        Column("Title", "title"),
        Column(
            "Asked",
            justify="right",
            legend=f"Asked: by how many of your {m.postings} saved {noun}.",
        ),
        Column("Status"),
        Column("Lvl", justify="right", drop=2),
        Column("Hours", justify="right", drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            safe(r.stand.item_id),
            safe(r.stand.title),
            f"{r.postings}/{m.postings}",
            status_text(r.stand.status, short=True),
            _level(r.stand.level),
            effort(r.stand.hours_left),
        ]
        for r in m.rows
    ]
    return FitTable(columns, rows, more=MORE)


def _terms(found: list[CvTerm]) -> str:
    return ", ".join(f"{t.term} (line {t.line})" if t.line else t.term for t in found) or "none"


def cv_view(c: CvCheck) -> RenderableType:
    """The ``aipm cv check`` report, each finding with its CV line."""
    lines: list[RenderableType] = [
        safe(
            f"CV checked against {c.source}: {len(c.present)} of "
            f"{len(c.present) + len(c.missing)} keywords present."
        ),
        safe(f"Present: {_terms(c.present)}"),
        safe(f"Missing: {_terms(c.missing)}"),
        safe(f"Power verbs used: {_terms(c.verbs)}"),
    ]
    if c.unproven:
        lines.append(
            safe("Claims the tracker holds no evidence for (no item done or with a link):")
        )
        lines += [safe(f"  line {x.line}: {x.term} -> {', '.join(x.items)}") for x in c.unproven]
    else:
        lines.append(safe("Claims the tracker holds no evidence for: none"))
    if c.unmentioned:
        lines.append(safe("Proof the tracker holds that the CV never mentions:"))
        lines += [
            safe(
                f"  {s.item_id} ({s.title}): {'done' if s.status == 'done' else s.status}"
                f"{f', {s.evidence} evidence links' if s.evidence else ''}"
            )
            for s in c.unmentioned
        ]
    else:
        lines.append(safe("Proof the tracker holds that the CV never mentions: none"))
    return Group(*lines)
