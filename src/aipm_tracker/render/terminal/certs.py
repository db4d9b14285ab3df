"""The certification views: ``aipm cert`` (the table and one certification's
detail), ``aipm experience list`` and the reminder line of ``aipm status``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...engine import CertStatus, ExperienceList, Reminder, RuleCheck
from ..text import cert_eligibility, cert_exam, cert_renewal, check_mark, reminder_line
from .console import safe
from .fit import Cell, Column, FitTable

MORE = "widen the terminal, or add --json"


def certs_view(found: list[CertStatus] | CertStatus) -> RenderableType:
    """``aipm cert``: the table of every certification, or (given one) its detail."""
    if isinstance(found, CertStatus):
        return cert_view(found)
    if not found:
        return Text("This curriculum has no certifications.", style="dim")
    columns = [
        Column("Certification", "id"),
        Column("Eligible", "title"),
        Column("Exam", "title"),
        Column("Earned", drop=2),
        Column("Renewal", "title"),
        Column("As of", drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            safe(c.id),
            _eligible_cell(c),
            _exam_cell(c),
            c.earned_on.isoformat() if c.earned_on else "-",
            _renewal_cell(c),
            c.as_of or "-",
        ]
        for c in found
    ]
    return Group(
        FitTable(columns, rows, more=MORE),
        Text(
            "Exam: days left (d). Renewal: credits every N years (y), or the due date and "
            "the credits logged. One in full: aipm cert CERT",
            style="dim",
        ),
    )


def _eligible_cell(c: CertStatus) -> str:
    """``yes``, ``no: 1 of 2``, ``? 1 of 2`` (cannot tell), ``none needed`` or ``not
    modelled``; ``(unconfirmed)`` when a rule is."""
    if c.checklist is None:
        return "not modelled"
    if not c.checklist:
        return "none needed"
    flag = " (unconfirmed)" if any(r.unconfirmed for r in c.checklist) else ""
    met = sum(1 for r in c.checklist if r.met is True)
    if c.eligible:
        return "yes" + flag
    head = "?" if c.eligible is None else "no:"
    return f"{head} {met} of {len(c.checklist)}{flag}"


def _exam_cell(c: CertStatus) -> str:
    if c.exam_on is not None:
        return f"{c.exam_on.isoformat()} ({c.days_left}d)"
    if c.attempts:
        last = c.attempts[-1]
        return f"{'passed' if last.result == 'pass' else 'failed'} {last.on.isoformat()}"
    return "-"


def _renewal_cell(c: CertStatus) -> str:
    rule, r = c.renewal_credits, c.renewal
    if rule is None:
        return "-"
    if r is None:
        return f"{rule.amount:g} {rule.unit}/{rule.years}y"
    return f"{r.due_on.isoformat()} {r.credits:g}/{r.credits_needed:g} {r.unit}"


def cert_view(c: CertStatus) -> RenderableType:
    """``aipm cert CERT``: the checklist, the exam and attempts, the certificate and
    its renewal, each fact with the month it was checked (``as_of``)."""
    checked = f" (facts as of {c.as_of})" if c.as_of else ""
    parts: list[RenderableType] = [
        Text.assemble((c.title, "bold"), f"  {c.id}", f"  {c.body or ''}".rstrip(), checked)
    ]
    parts.append(Text(f"Eligibility: {cert_eligibility(c)}"))
    if c.checklist is None:
        parts.append(safe(f"  not modelled; the curriculum says: {c.eligibility or 'nothing'}"))
    elif not c.checklist:
        parts.append(Text("  no prerequisite"))
    else:
        parts.append(_checklist(c.checklist))
    parts.append(Text(f"Exam: {cert_exam(c)}"))
    for n, attempt in enumerate(c.attempts, 1):
        parts.append(Text(f"  attempt {n}: {attempt.on.isoformat()} {attempt.result}"))
    if c.attempts_allowed is not None:
        a = c.attempts_allowed
        line = f"  {a.count} attempts within {a.within_days} days of the first"
        if c.retake_until is not None:
            line += f": {c.attempts_left} left, until {c.retake_until.isoformat()}"
        parts.append(Text(line))
    if c.earned_on is not None:
        credential = f", credential ID {c.credential_id}" if c.credential_id else ""
        lapsed = "" if c.active else " (lapsed: the last period's credits were short)"
        parts.append(safe(f"Earned: {c.earned_on.isoformat()}{credential}{lapsed}"))
    parts.append(Text(f"Renewal: {cert_renewal(c)}"))
    if c.unconfirmed:
        parts.append(Text("Unconfirmed:", style="dim"))
        notes = Table.grid(padding=(0, 1))
        notes.add_column(width=1)
        notes.add_column(overflow="fold", style="dim")
        for u in c.unconfirmed:
            notes.add_row("", safe(u))
        parts.append(notes)
    return Group(*parts)


def _checklist(checks: list[RuleCheck]) -> RenderableType:
    """The checklist as a grid, so that a long line wraps under its text, not under
    its mark; an ``any_of`` rule lists its options beneath it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, no_wrap=True)
    grid.add_column(overflow="fold")
    for check in checks:
        flag = " (unconfirmed)" if check.unconfirmed else ""
        if check.options:
            grid.add_row(Text(f"  {check_mark(check.met)}"), safe(_any_head(check) + flag))
            for option in check.options:
                grid.add_row("", _marked(option.met, option.text))
        else:
            grid.add_row(Text(f"  {check_mark(check.met)}"), safe(check.text + flag))
        if check.missing and check.met is not True:
            grid.add_row("", safe(f"missing: {check.missing}", "yellow"))
    return grid


def _marked(met: bool | None, text: str) -> RenderableType:
    inner = Table.grid(padding=(0, 1))
    inner.add_column(width=3, no_wrap=True)
    inner.add_column(overflow="fold")
    inner.add_row(Text(check_mark(met)), safe(text))
    return inner


def _any_head(check: RuleCheck) -> str:
    if (
        check.kind == "any_of"
        and check.options
        and all(o.kind == "experience" for o in check.options)
    ):
        if check.text.startswith("degree not given"):
            return (
                "one of these, by your degree (not given: aipm target --degree "
                "four-year|secondary):"
            )
        return "one of these, by your degree:"
    return "one of these:"


def experience_view(found: ExperienceList) -> RenderableType:
    """``aipm experience list``: the entries, then the months each rule counts."""
    if not found.entries:
        return Text(
            'No experience recorded yet. Add some with: aipm experience add "Project" '
            "--from YYYY-MM",
            style="dim",
        )
    columns = [
        Column("ID", "id"),
        Column("Title", "title"),
        Column("From"),
        Column("To"),
        Column("Kind"),
        Column("Months", justify="right"),
    ]
    rows: list[list[Cell]] = [
        [safe(e.id), safe(e.title), e.start, e.end or "now", e.kind, str(e.months)]
        for e in found.entries
    ]
    lines = [
        Text(f"{kind}: {months} months in the last {within} (overlaps counted once)")
        for kind, within, months in found.counted
    ]
    return Group(FitTable(columns, rows, more=MORE), *lines)


def reminder_view(found: list[Reminder]) -> RenderableType | None:
    """The one reminder line of ``aipm status`` (None: nothing due soon)."""
    if not found:
        return None
    return Text(reminder_line(found), style="yellow")
