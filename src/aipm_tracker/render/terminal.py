"""Terminal rendering: the only module that imports rich.

Each ``*_view`` function turns engine results into a rich renderable; :func:`show`
prints one. Rich drops colour by itself when ``NO_COLOR`` is set or the output is not
a terminal, and renders 80 columns wide when it cannot measure the terminal.

All user and curriculum text goes through :func:`safe`, which makes it a literal
``Text`` (so ``[bold]`` in a note is shown, not interpreted) and removes control
characters (ESC, C1 codes such as 0x9b, other C0 codes except tab and newline), so
text from a file can never move the cursor or change the terminal.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rich import box
from rich.bar import Bar
from rich.console import Console, Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from ..engine import (
    Burndown,
    CategorySummary,
    CategoryTotal,
    Gap,
    ItemDetail,
    ItemRow,
    NextStep,
    Readiness,
    StatusReport,
    level_name,
)
from ..models import Curriculum, Event, ItemProgress, Role
from .text import STATUS_LABEL, describe_event, strip_control
from .text import hours as _hours
from .text import level_pair as _level

if TYPE_CHECKING:  # annotations only: a status screen never loads doctor or store
    from ..doctor import Finding
    from ..store import BackupSummary

STATUS_SHORT = {"todo": "to do", "in_progress": "doing", "done": "done", "skipped": "skipped"}
PRIORITY_SHORT = {"core": "core", "recommended": "rec", "optional": "opt"}
STATUS_STYLE = {"todo": "", "in_progress": "yellow", "done": "green", "skipped": "dim"}


def safe(text: str, style: str = "") -> Text:
    """``text`` as a literal rich Text with control characters removed."""
    return Text(strip_control(text), style=style)


def _console(stderr: bool = False) -> Console:
    # Created per call so that the current sys.stdout/sys.stderr is used (tests swap
    # them). highlight=False: rich must not colour numbers or URLs inside user text.
    # Rich's own NO_COLOR handling drops colours but keeps bold and dim; we promise
    # plain text, so NO_COLOR turns every style off (color_system=None).
    file = sys.stderr if stderr else sys.stdout
    if os.environ.get("NO_COLOR"):
        return Console(file=file, highlight=False, emoji=False, color_system=None, no_color=True)
    return Console(file=file, highlight=False, emoji=False)


def show(renderable: RenderableType, soft_wrap: bool = False) -> None:
    """Print ``renderable`` to standard output (``soft_wrap``: let the terminal fold
    long lines instead of rich, for text people copy, such as paths)."""
    _console().print(renderable, soft_wrap=soft_wrap)


def say(message: str, style: str = "") -> None:
    """Print a one-line message (literal text) to standard output."""
    _console().print(safe(message, style), soft_wrap=True)


def warn(message: str) -> None:
    """Print a warning (literal text) to standard error."""
    console = _console(stderr=True)
    console.print(Text("Warning: ", style="bold yellow") + safe(message), soft_wrap=True)


def error(message: str) -> None:
    """Print an error message (literal text) to standard error."""
    console = _console(stderr=True)
    # soft_wrap: the terminal folds long lines itself, so paths stay copyable.
    console.print(Text("Error: ", style="bold red") + safe(message), soft_wrap=True)


def _table() -> Table:
    """An empty table in the style of every aipm table: a rule under the header, no
    borders, one space of padding between columns and none at the edges."""
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))


def _status(status: str, short: bool = False) -> Text:
    label = STATUS_SHORT[status] if short else STATUS_LABEL[status]
    return Text(label, style=STATUS_STYLE[status])


# ------------------------------------------------------------------------- status


def readiness_view(r: Readiness) -> RenderableType:
    """The readiness block: role, a bar of required hours done, levels, date."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Target role", safe(f"{r.role_title} ({r.role_id})"))
    bar = Table.grid(padding=(0, 1))
    bar.add_row(
        ProgressBar(total=max(r.hours_required, 1e-9), completed=r.hours_done, width=30),
        Text(f"{r.percent:.0f}%", style="bold"),
        Text(f"{_hours(r.hours_done)} of {_hours(r.hours_required)} required hours"),
    )
    grid.add_row("Readiness", bar)
    skipped = f", {r.items_skipped} skipped" if r.items_skipped else ""
    grid.add_row(
        "",
        Text(
            f"{r.items_done} of {r.items_required} required items done{skipped}; "
            f"{r.levels_met} of {r.levels_required} target levels met"
        ),
    )
    if r.ready_on is not None and r.hours_per_week:
        grid.add_row(
            "Ready on",
            Text(
                f"{r.ready_on.isoformat()} at {_hours(r.hours_per_week)} h/week "
                f"({_hours(r.hours_remaining)} h to go)"
            ),
        )
    else:
        grid.add_row("Ready on", Text("set your pace: aipm target --hours-per-week 6", style="dim"))
    return grid


def categories_view(summaries: list[CategorySummary]) -> Table:
    """A table with one row per category: counts, a progress bar, hours."""
    table = _table()
    table.add_column("Category", no_wrap=True, max_width=20, overflow="ellipsis")
    table.add_column("Done", justify="right")
    table.add_column("Doing", justify="right")
    table.add_column("To do", justify="right")
    table.add_column("Skip", justify="right")
    table.add_column("Progress", width=14)
    table.add_column("%", justify="right")
    table.add_column("Hours", justify="right", no_wrap=True)
    for s in summaries:
        table.add_row(
            safe(s.title),
            str(s.done),
            str(s.in_progress),
            str(s.todo),
            str(s.skipped),
            ProgressBar(total=max(s.hours_total, 1e-9), completed=s.hours_done, width=14),
            f"{s.percent:.0f}",
            f"{_hours(s.hours_done)}/{_hours(s.hours_total)}",
        )
    return table


def status_view(report: StatusReport) -> RenderableType:
    """The whole ``aipm status`` screen."""
    parts: list[RenderableType] = [
        Text.assemble(
            safe(report.curriculum_title, "bold"),
            f" {report.curriculum_version}  ·  {report.today.isoformat()}",
        ),
        Text(""),
    ]
    if report.readiness is not None:
        parts.append(readiness_view(report.readiness))
    else:
        parts.append(Text("This curriculum defines no target roles.", style="dim"))
    parts.append(categories_view(report.categories))
    if report.next_steps:
        parts.append(Text("Next steps", style="bold"))
        parts.append(next_view(report.next_steps))
        parts.append(Text("More: aipm next --explain · gaps: aipm gaps", style="dim"))
    else:
        parts.append(Text("Nothing left to start: every item is done or skipped.", style="green"))
    if report.orphans:
        parts.append(
            Text(
                f"{len(report.orphans)} item(s) in your progress file are not in this "
                f"curriculum (kept, not counted): {', '.join(report.orphans)}",
                style="yellow",
            )
        )
    return Group(*parts)


# ------------------------------------------------------------------- lists, tables


def items_view(rows: list[ItemRow]) -> RenderableType:
    """The ``aipm list`` table."""
    if not rows:
        return Text("No items match.", style="dim")
    table = _table()
    table.add_column("Item", no_wrap=True)
    table.add_column("Title", overflow="fold", min_width=16)
    table.add_column("Status", no_wrap=True)
    table.add_column("Lvl", justify="right", no_wrap=True)
    table.add_column("Hours", justify="right")
    table.add_column("Pri", no_wrap=True)
    for row in rows:
        table.add_row(
            safe(row.id),
            safe(row.title),
            _status(row.status, short=True),
            _level(row.level, row.target_level),
            _hours(row.effort_hours),
            PRIORITY_SHORT[row.priority],
        )
    legend = "Lvl: your Dreyfus level/target (0-5). Pri: core, rec(ommended), opt(ional)."
    return Group(table, Text(legend, style="dim"))


def gaps_view(role_title: str, gap_list: list[Gap]) -> RenderableType:
    """The ``aipm gaps`` table, in sections by priority."""
    if not gap_list:
        return Text.assemble("No gaps for ", safe(role_title), ": you meet every requirement.")
    table = _table()
    table.add_column("Item", no_wrap=True)
    table.add_column("Title", overflow="fold", min_width=16)
    table.add_column("Needs", no_wrap=True)
    table.add_column("Lvl", justify="right", no_wrap=True)
    table.add_column("Hours", justify="right")
    section = None
    for g in gap_list:
        if g.priority != section:
            section = g.priority
            table.add_row(Text(g.priority, style="bold"))
        needs = {(True, True): "both", (True, False): "item", (False, True): "level"}
        table.add_row(
            safe(g.item_id),
            safe(g.title),
            needs[(g.needs_completion, g.needs_level)],
            _level(g.level, g.target_level) if g.target_level is not None else "",
            _hours(g.hours_remaining) if g.needs_completion else "",
        )
    hours = sum(g.hours_remaining for g in gap_list)
    return Group(
        Text.assemble(
            "Gaps for ",
            safe(role_title, "bold"),
            f": {len(gap_list)} requirements, {_hours(hours)} hours of items left",
        ),
        table,
        Text(
            "Needs: item = finish it, level = reach the target level, both. "
            "Lvl: yours/target.\nRecord a level with: aipm level ITEM N  (Dreyfus 0-5)",
            style="dim",
        ),
    )


def next_view(steps: list[NextStep], explain: bool = False) -> RenderableType:
    """The ``aipm next`` table; with ``explain``, each score's terms below its row."""
    if not steps:
        return Text("Nothing to do next: every available item is done or skipped.")
    table = _table()
    table.add_column("#", justify="right")
    table.add_column("Item", no_wrap=True)
    table.add_column("Title", overflow="fold", min_width=16)
    table.add_column("Hours", justify="right")
    table.add_column("Score", justify="right")
    for n, step in enumerate(steps, 1):
        title = safe(step.title)
        if step.status == "in_progress":
            title.append(" (in progress)", style="yellow")
        table.add_row(
            str(n), safe(step.item_id), title, _hours(step.effort_hours), f"{step.score:.2f}"
        )
        if explain:
            for term in step.terms:
                table.add_row(
                    "",
                    "",
                    Text(f"  {term.name}: {term.reason}", style="dim"),
                    "",
                    Text(f"{term.points:+.2f}", style="dim"),
                )
    return table


def item_view(detail: ItemDetail) -> RenderableType:
    """The ``aipm show`` screen: the item, its resources, certification facts, the
    user's state, notes and evidence."""
    item, st = detail.item, detail.state
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("Item", safe(f"{item.id}  {item.title}"))
    grid.add_row("Category", safe(f"{item.category} · {item.kind} · {item.priority}"))
    grid.add_row("Summary", safe(item.summary))
    grid.add_row("Why", safe(item.why))
    grid.add_row("Effort", f"{_hours(item.effort_hours)} hours")
    status = _status(st.status)
    if st.skip_reason:
        status.append(" (")
        status.append_text(safe(st.skip_reason))
        status.append(")")
    grid.add_row("Status", status)
    target = (
        f"; target {detail.target_level} ({level_name(detail.target_level)})"
        if detail.target_level is not None
        else ""
    )
    grid.add_row("Level", f"{_level(st.level)} ({level_name(st.level)}){target}")
    for label, moment in (("Started", st.started_at), ("Completed", st.completed_at)):
        if moment is not None:
            grid.add_row(label, _when(moment))
    if detail.required:
        grid.add_row("Target role", "required")
    if detail.prerequisites:
        grid.add_row(
            "Needs",
            safe(", ".join(f"{p} ({STATUS_LABEL[s]})" for p, s in detail.prerequisites)),
        )
    if detail.unlocks:
        grid.add_row("Unlocks", safe(", ".join(detail.unlocks)))
    for label, value in (
        ("Body", item.body),
        ("Eligibility", item.eligibility),
        ("Exam", item.exam),
        ("Cost", item.cost),
        ("Renewal", item.renewal),
    ):
        if value:
            grid.add_row(label, safe(value))
    if item.unconfirmed:
        grid.add_row("Unconfirmed", safe("; ".join(item.unconfirmed), "yellow"))
    if item.sources:
        grid.add_row("Sources", safe("\n".join(item.sources)))
    if item.as_of:
        grid.add_row("As of", safe(item.as_of))
    for res in item.resources:
        facts = ", ".join(
            x
            for x in (
                res.provider,
                f"{res.hours:g} h" if res.hours else "",
                res.cost or "",
                f"as of {res.as_of}",
                "unconfirmed" if res.confidence == "unconfirmed" else "",
            )
            if x
        )
        grid.add_row("Resource", safe(f"{res.title} ({facts})\n{res.url}"))
    if item.keywords:
        grid.add_row("Keywords", safe(", ".join(item.keywords)))
    if item.evidence_hint:
        grid.add_row("Proof", safe(item.evidence_hint))
    parts: list[RenderableType] = [grid]
    parts.extend(_notes_and_evidence(st))
    return Group(*parts)


def _when(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def _notes_and_evidence(st: ItemProgress) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if st.notes:
        parts.append(Text("Notes", style="bold"))
        for note in st.notes:
            parts.append(Text.assemble(f"  {_when(note.at)}  ", safe(note.text)))
    if st.evidence:
        parts.append(Text("Evidence", style="bold"))
        for ev in st.evidence:
            label = f"{ev.label}: " if ev.label else ""
            credential = f" (credential ID {ev.credential_id})" if ev.credential_id else ""
            parts.append(Text.assemble(f"  {_when(ev.at)}  ", safe(label + ev.url + credential)))
    return parts


def history_view(events: list[Event]) -> RenderableType:
    """The ``aipm history`` table, oldest first."""
    if not events:
        return Text("No changes recorded yet.", style="dim")
    table = _table()
    table.add_column("When", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    table.add_column("Change", overflow="fold")
    for event in events:
        table.add_row(_when(event.at), event.action, safe(describe_event(event)))
    return table


def roles_view(roles: list[Role], current: str | None) -> RenderableType:
    """The ``aipm target`` table of roles; ``current`` is marked with ``*``."""
    if not roles:
        return Text("This curriculum defines no target roles.", style="dim")
    table = _table()
    table.add_column("")
    table.add_column("Role", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Requires", justify="right")
    for role in roles:
        mark = "*" if role.id == current else ""
        table.add_row(mark, safe(role.id), safe(role.title), f"{len(role.requirements)} items")
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
    table = _table()
    table.add_column("Category", no_wrap=True)
    table.add_column("Title")
    table.add_column("Items", justify="right")
    table.add_column("Hours", justify="right")
    for t in totals:
        table.add_row(safe(t.id), safe(t.title), str(t.items), _hours(t.hours))
    return Group(head, table, roles_view(curriculum.roles, current_role))


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


# ------------------------------------------------------------------------ burndown


def _pace_line(b: Burndown) -> Text:
    if b.pace is None:
        return Text("No date yet: set your pace with aipm target --hours-per-week 6", style="dim")
    where = "your pace" if b.pace_source == "profile" else "the pace your history shows"
    if b.hours_remaining <= 0:
        return Text("Every required hour is done.", style="green")
    if b.ready_on is None:
        return Text(f"At {where} ({_hours(round(b.pace, 1))} h/week) there is no date to give.")
    return Text.assemble(
        "Projected: ",
        (b.ready_on.isoformat(), "bold"),
        f" at {where} ({_hours(round(b.pace, 1))} h/week)",
    )


def burndown_view(b: Burndown) -> RenderableType:
    """``aipm burndown``: one row per week with the remaining required effort hours
    as a bar (block characters, so it reads the same without colour), then the
    projected completion date."""
    table = _table()
    table.add_column("Week ending", no_wrap=True)
    table.add_column("Hours left", justify="right", no_wrap=True)
    table.add_column("Remaining required effort", width=44, no_wrap=True)
    top = max(b.hours_required, max(p.hours_remaining for p in b.points), 1e-9)
    for p in b.points:
        table.add_row(
            p.day.isoformat(),
            _hours(round(p.hours_remaining, 1)),
            Bar(size=top, begin=0, end=p.hours_remaining, width=44, color="cyan"),
        )
    return Group(
        Text.assemble(
            ("Burndown for ", "bold"),
            safe(f"{b.role_title} ({b.role_id})", "bold"),
        ),
        Text(
            f"{_hours(round(b.hours_remaining, 1))} of {_hours(round(b.hours_required, 1))} "
            "required hours left"
        ),
        table,
        _pace_line(b),
    )


def backups_view(summaries: list[BackupSummary], keep: int, command: str) -> RenderableType:
    """The ``aipm backup list`` table, oldest first: ID, the newest change the backup
    holds, its number of changes and of items done and in progress."""
    if not summaries:
        return Text("No backups yet: one is made before every change.", style="dim")
    table = _table()
    table.add_column("ID", no_wrap=True)
    table.add_column("Last change", no_wrap=True)
    table.add_column("Changes", justify="right")
    table.add_column("Done", justify="right")
    table.add_column("Doing", justify="right")
    problems = Text()
    for s in summaries:
        if s.progress is None:
            table.add_row(s.backup.id, Text("unreadable", style="red"), "-", "-", "-")
            problems.append_text(safe(f"{s.backup.id}: {s.problem}\n", "red"))
            continue
        items = s.progress.items.values()
        last = s.progress.history[-1].at if s.progress.history else None
        table.add_row(
            s.backup.id,
            _when(last) if last else "-",
            str(len(s.progress.history)),
            str(sum(1 for i in items if i.status == "done")),
            str(sum(1 for i in items if i.status == "in_progress")),
        )
    problems.rstrip()
    return Group(
        table,
        *([problems] if problems else []),
        Text(
            f"Restore one with: {command} backup restore ID (undo it with: aipm undo).\n"
            f"The newest {keep} are kept (set AIPM_BACKUPS to keep more).",
            style="dim",
        ),
    )


def doctor_view(findings: list[Finding]) -> RenderableType:
    """The ``aipm doctor`` report: one line per check (``ok`` or ``FAIL``), what was
    found, how to fix it, then a verdict. Print with ``soft_wrap`` so that paths and
    commands stay whole."""
    text = Text()
    width = max(len(f.check) for f in findings) + 2
    for f in findings:
        text.append("ok    " if f.ok else "FAIL  ", style="green" if f.ok else "bold red")
        text.append(f.check.ljust(width), style="bold")
        lines = f.found.splitlines() or [""]
        text.append_text(safe(lines[0]))
        text.append("\n")
        for line in lines[1:]:
            text.append(" " * (6 + width))
            text.append_text(safe(line))
            text.append("\n")
        if f.fix:
            text.append(" " * (6 + width) + "fix: ", style="yellow")
            text.append_text(safe(f.fix))
            text.append("\n")
    problems = sum(1 for f in findings if not f.ok)
    if problems:
        text.append(f"{problems} problem{'s' if problems != 1 else ''} found.", style="bold red")
    else:
        text.append("All is well.", style="green")
    return text
