"""The CSV export (``aipm export --format csv``): one row per curriculum item.

RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line break
(quotes doubled), CRLF line ends, a header row. The text starts with a UTF-8 byte
order mark so that spreadsheet programs (Excel in particular) read accented titles
correctly; Python's ``csv`` with ``encoding="utf-8-sig"``, LibreOffice and pandas all
accept it.

Text cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a
leading apostrophe, so a hostile title cannot become a spreadsheet formula (the OWASP
advice on CSV injection).
"""

from __future__ import annotations

import csv
import io

from ..engine import ReportEntry
from ..models import ItemProgress
from .text import day, strip_control

COLUMNS = [
    "id",
    "title",
    "category",
    "priority",
    "status",
    "level",
    "target_level",
    "effort_hours",
    "effort_estimated",
    "amount",
    "started",
    "completed",
    "notes",
    "evidence",
    "own",
    "steps_done",
    "steps_total",
    "hours_logged",
]
"""The header row. Dates are local ISO dates (YYYY-MM-DD); hours are numbers of hours
(``effort_hours`` empty when unknown; ``effort_estimated`` is ``yes`` when it is an
estimate or unconfirmed); ``amount`` is what was recorded toward a quantity item, in
its unit;
``notes`` holds every note, one a line (``YYYY-MM-DD: text``), and ``evidence`` every
link, one a line (``YYYY-MM-DD: label: URL (credential ID ...)``), URLs whole; ``own``
is ``yes`` for an item the user added; ``steps_done`` and ``steps_total`` count the
item's steps (empty when it has none); ``hours_logged`` the study time logged on it
(``aipm log``, in hours; empty when none). The time log's entries themselves are in
``aipm log list --json``: a CSV of items has one row per item, not per entry."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    value = strip_control(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: float | None) -> str:
    # Up to 10 significant digits: exact for every effort the curriculum allows.
    return "" if value is None else format(value, ".10g")


def _notes(st: ItemProgress) -> str:
    return "\n".join(f"{day(note.at)}: {note.text}" for note in st.notes)


def _evidence(st: ItemProgress) -> str:
    lines = []
    for ev in st.evidence:
        label = f"{ev.label}: " if ev.label else ""
        credential = f" (credential ID {ev.credential_id})" if ev.credential_id else ""
        lines.append(f"{day(ev.at)}: {label}{ev.url}{credential}")
    return "\n".join(lines)


def export(entries: list[ReportEntry]) -> str:
    """The CSV text for ``entries`` (every item, in curriculum order)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for e in entries:
        row, st = e.row, e.state
        writer.writerow(
            [
                row.id,
                _text(row.title),
                row.category,
                row.priority,
                st.status,
                _number(st.level),
                _number(row.target_level),
                _number(row.effort_hours),
                "yes" if row.estimated else "",
                _number(st.amount),
                day(st.started_at),
                day(st.completed_at),
                _text(_notes(st)),
                _text(_evidence(st)),
                "yes" if row.own else "",
                str(row.steps_done) if row.steps_total else "",
                str(row.steps_total) if row.steps_total else "",
                _number(round(e.hours_logged, 4)) if e.hours_logged else "",
            ]
        )
    return buffer.getvalue()
