"""The item views: the ``aipm list`` table, the ``aipm show`` screen and the history."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...engine import ItemDetail, ItemRow, level_name
from ...models import Event, Item, ItemProgress
from ..text import STATUS_LABEL, describe_event, effort, quantity
from ..text import level_pair as _level
from .console import PRIORITY_SHORT, safe, status_text, when
from .fit import Cell, Column, FitTable


def _row_hours(row: ItemRow) -> str:
    if row.quantity_target is not None and row.quantity_unit is not None:
        return quantity(row.amount, row.quantity_target, row.quantity_unit)
    return effort(row.effort_hours, row.estimated)


def items_view(rows: list[ItemRow], level_names: dict[int, str] | None = None) -> RenderableType:
    """The ``aipm list`` table; ``level_names`` is the curriculum's proficiency scale
    (value -> name) the level legend names."""
    if not rows:
        return Text("No items match.", style="dim")
    names = level_names or {0: "", 5: ""}
    scale = f"{min(names)}-{max(names)}"
    columns = [
        Column("Item", "id"),
        Column("Title", "title"),
        Column("Status"),
        Column("Lvl", justify="right", legend=f"Lvl: your level/target ({scale}).", drop=2),
        Column("Hours", justify="right", drop=1),
        Column("Pri", legend="Pri: core, rec(ommended), opt(ional).", drop=3),
    ]
    cells: list[list[Cell]] = [
        [
            safe(row.id),
            safe(row.title + _marks(row)),
            status_text(row.status, short=True),
            _level(row.level, row.target_level),
            _row_hours(row),
            PRIORITY_SHORT[row.priority],
        ]
        for row in rows
    ]
    return FitTable(columns, cells, more="widen the terminal, or add --json")


def _marks(row: ItemRow) -> str:
    """What follows an item's title in a table: whether it is the user's own, and its
    steps done of its steps."""
    own = " (yours)" if row.own else ""
    steps = f" ({row.steps_done}/{row.steps_total} steps)" if row.steps_total else ""
    return own + steps


Row = tuple[str, RenderableType]
"""One line of the ``aipm show`` grid: its label and its value."""


def item_view(detail: ItemDetail) -> RenderableType:
    """The ``aipm show`` screen: the item, the user's state, its place in the
    prerequisite graph, certification facts, resources, then notes and evidence."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    # fold: a long value (a resource URL) wraps whole, never cut with an ellipsis.
    grid.add_column(ratio=1, overflow="fold")
    for section in (
        _about_rows(detail),
        _state_rows(detail),
        _graph_rows(detail),
        _certification_rows(detail),
        _resource_rows(detail),
    ):
        for label, value in section:
            grid.add_row(label, value)
    parts: list[RenderableType] = [grid]
    parts.extend(_steps(detail))
    parts.extend(_notes_and_evidence(detail.state))
    parts.extend(_latest_changes(detail))
    return Group(*parts)


def _about_rows(detail: ItemDetail) -> list[Row]:
    """What the item is: ID and title, category, summary, why, effort."""
    item = detail.item
    return [
        ("Item", safe(f"{item.id}  {item.title}")),
        (
            "Category",
            safe(
                f"{item.category} · {item.kind} · {item.priority}"
                + (" · your own item" if detail.own else "")
            ),
        ),
        ("Summary", safe(item.summary)),
        ("Why", safe(item.why)),
        ("Effort", _effort_text(item)),
    ]


def _effort_text(item: Item) -> str:
    if item.kind == "credential":
        return "a credential: counts by having it, not by hours"
    text = f"{effort(item.effort_hours, item.estimated)} hours"
    if item.effort_hours is None:
        text = "unknown (shown ?, left out of totals)"
    elif item.estimated:
        text += " (an estimate, unconfirmed)"
    if item.quantity is not None:
        unit = "h" if item.quantity.unit == "hours" else item.quantity.unit
        text = f"measured: target {item.quantity.target:g} {unit}" + (
            f"; {text}" if item.quantity.unit == "months" and item.effort_hours else ""
        )
    return text


def _state_rows(detail: ItemDetail) -> list[Row]:
    """Where the user stands: status (and why skipped), level against the target's,
    start and completion times, whether the target role requires the item."""
    st = detail.state
    status = status_text(st.status)
    if st.skip_reason:
        status.append(" (")
        status.append_text(safe(st.skip_reason))
        status.append(")")
    target = (
        f"; target {detail.target_level} ({level_name(detail.target_level, detail.level_names)})"
        if detail.target_level is not None
        else ""
    )
    rows: list[Row] = [
        ("Status", status),
        ("Level", f"{_level(st.level)} ({level_name(st.level, detail.level_names)}){target}"),
    ]
    item = detail.item
    if item.quantity is not None:
        rows.append(("Recorded", quantity(st.amount, item.quantity.target, item.quantity.unit)))
    for label, moment in (("Started", st.started_at), ("Completed", st.completed_at)):
        if moment is not None:
            rows.append((label, when(moment)))
    if detail.required:
        rows.append(("Target role", "required"))
    return rows


def _graph_rows(detail: ItemDetail) -> list[Row]:
    """The prerequisites with their status, and the items this one unlocks."""
    rows: list[Row] = []
    if detail.prerequisites:
        needs = ", ".join(f"{p} ({STATUS_LABEL[s]})" for p, s in detail.prerequisites)
        rows.append(("Needs", safe(needs)))
    if detail.unlocks:
        rows.append(("Unlocks", safe(", ".join(detail.unlocks))))
    return rows


def _certification_rows(detail: ItemDetail) -> list[Row]:
    """Certification facts (body, eligibility, exam, cost, renewal), the figures not
    confirmed, the sources and when they were checked."""
    item = detail.item
    facts = (
        ("Body", item.body),
        ("Eligibility", item.eligibility),
        ("Exam", item.exam),
        ("Cost", item.cost),
        ("Renewal", item.renewal),
    )
    rows: list[Row] = [(label, safe(value)) for label, value in facts if value]
    if item.unconfirmed:
        rows.append(("Unconfirmed", safe("; ".join(item.unconfirmed), "yellow")))
    if item.sources:
        rows.append(("Sources", safe("\n".join(item.sources))))
    if item.as_of:
        due = " (over 12 months old: due for a check)" if "item" in detail.stale else ""
        rows.append(("As of", safe(item.as_of + due, "yellow" if due else "")))
    return rows


def _resource_rows(detail: ItemDetail) -> list[Row]:
    """Each resource with its facts and address, the keywords, and what proves the
    item."""
    item = detail.item
    rows: list[Row] = []
    for res in item.resources:
        facts = ", ".join(
            x
            for x in (
                res.provider,
                f"{res.hours:g} h" if res.hours else "",
                res.cost or "",
                f"as of {res.as_of}"
                + (" (due for a check)" if f"resource:{res.url}" in detail.stale else ""),
                "unconfirmed" if res.confidence == "unconfirmed" else "",
            )
            if x
        )
        rows.append(("Resource", safe(f"{res.title} ({facts})\n{res.url}")))
    if item.keywords:
        rows.append(("Keywords", safe(", ".join(item.keywords))))
    if item.evidence_hint:
        rows.append(("Proof", safe(item.evidence_hint)))
    return rows


def _steps(detail: ItemDetail) -> list[RenderableType]:
    """The item's steps, numbered as ``aipm step done ITEM N`` takes them, ticked or
    not, the user's own marked, under a heading that counts them (2 of 4 done)."""
    if not detail.steps:
        return []
    done = sum(step.done for step in detail.steps)
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for step in detail.steps:
        mark = "[x]" if step.done else "[ ]"
        text = safe(step.text + (" (yours)" if step.own else ""))
        grid.add_row(Text(f"  {step.number}. {mark}"), text)  # Text: [x] is no markup
    return [Text(f"Steps ({done} of {len(detail.steps)} done)", style="bold"), grid]


def _notes_and_evidence(st: ItemProgress) -> list[RenderableType]:
    """The notes, then the evidence, each numbered (as ``aipm note edit ITEM N`` and
    ``aipm evidence remove ITEM N`` take them) and dated, the text of each wrapped
    under its own column (never back at the left edge), a URL folded whole."""
    parts: list[RenderableType] = []
    for heading, entries in (
        ("Notes", [(note.at, safe(note.text)) for note in st.notes]),
        (
            "Evidence",
            [
                (
                    ev.at,
                    safe(
                        (f"{ev.label}: " if ev.label else "")
                        + ev.url
                        + (f" (credential ID {ev.credential_id})" if ev.credential_id else "")
                    ),
                )
                for ev in st.evidence
            ],
        ),
    ):
        if not entries:
            continue
        parts.append(Text(heading, style="bold"))
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for number, (at, text) in enumerate(entries, 1):
            grid.add_row(f"  {number}. {when(at)}", text)
        parts.append(grid)
    return parts


def _latest_changes(detail: ItemDetail) -> list[RenderableType]:
    """The item's latest changes (all of them: ``aipm history ITEM``)."""
    if not detail.history:
        return []
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for event in detail.history:
        grid.add_row(f"  {when(event.at)}", safe(f"{event.action}: {describe_event(event)}"))
    return [
        Text("Latest changes", style="bold"),
        grid,
        Text(f"All of them: aipm history {detail.item.id}", style="dim"),
    ]


def history_view(events: list[Event]) -> RenderableType:
    """The ``aipm history`` table, oldest first."""
    if not events:
        return Text("No changes recorded yet.", style="dim")
    return FitTable(
        [Column("When"), Column("Action"), Column("Change", "title")],
        [[when(event.at), event.action, safe(describe_event(event))] for event in events],
    )
