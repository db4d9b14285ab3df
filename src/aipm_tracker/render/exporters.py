"""``aipm export``: one registry ``{format: exporter}``. Each exporter is a pure
function from :class:`ExportData` to the report's text; the Markdown, HTML, CSV and
JSON modules load only when their format is asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..errors import UsageError

if TYPE_CHECKING:
    from datetime import datetime

    from ..engine import Burndown, CertStatus, EvidencePack, Plan, ReportEntry, StatusReport
    from ..models import Role


class ExportData(NamedTuple):
    """What every report is made from: the status ``report``, every item's ``entries``,
    the ``data_file`` shown in the report (None: left out, the default, since a report
    is shared and the path names the user's account), the target ``role`` (None: the curriculum
    has none), and two results only some formats need, computed when asked for:
    ``burndown()`` (it replays the whole history; None without a role) and
    ``evidence()`` (the role's evidence pack; None without a role); ``show_all``: the
    evidence pack lists every requirement, not only the evidenced ones; ``plan()`` the
    study plan at the user's pace (None without a role or a pace) and ``now`` the
    moment of the export (an aware datetime; the calendar's DTSTAMP); ``certs()`` every
    certification's standing (the reports' certification table)."""

    report: StatusReport
    entries: list[ReportEntry]
    data_file: str | None
    role: Role | None
    burndown: Callable[[], Burndown | None]
    evidence: Callable[[], EvidencePack | None]
    show_all: bool = False
    plan: Callable[[], Plan | None] = lambda: None
    now: datetime | None = None
    certs: Callable[[], list[CertStatus]] = lambda: []


Exporter = Callable[[ExportData], str]
"""An exporter: the data of a report -> the report's text (UTF-8 when written)."""


def markdown_report(data: ExportData) -> str:
    """The Markdown report (``md``)."""
    from . import markdown

    return markdown.report(data.report, data.entries, data.data_file, data.plan(), data.certs())


def html_report(data: ExportData) -> str:
    """One self-contained HTML page with its charts (``html``)."""
    from . import html

    return html.report(
        data.report, data.entries, data.burndown(), data.data_file, data.plan(), data.certs()
    )


def csv_report(data: ExportData) -> str:
    """One CSV row per item (``csv``)."""
    from . import csvdoc

    return csvdoc.export(data.entries)


def json_report(data: ExportData) -> str:
    """The JSON document of README.md, "JSON output" (``json``)."""
    from . import jsondoc

    return jsondoc.dumps(jsondoc.export_json(data.report, data.entries, data.data_file))


def evidence_report(data: ExportData) -> str:
    """The Markdown evidence pack for a job application (``evidence``). Raises
    :class:`UsageError` (exit 2) when the curriculum defines no target roles."""
    from . import markdown

    pack = data.evidence()
    if data.role is None or pack is None:
        raise UsageError("this curriculum defines no target roles, so there is no evidence pack")
    return markdown.evidence_pack(data.role, pack, data.report, data.data_file, data.show_all)


def ics_report(data: ExportData) -> str:
    """The study plan as an iCalendar file (``ics``). Raises :class:`UsageError`
    (exit 2) without a target role or a pace to plan at."""
    from datetime import UTC, datetime, time

    from . import ics

    plan = data.plan()
    if plan is None:
        raise UsageError(
            "a calendar needs a plan, and a plan needs a target role and a pace: "
            "set yours with: aipm target --hours-per-week 6"
        )
    # The renderers read no clock: without the caller's moment, the report's day.
    stamp = data.now or datetime.combine(data.report.today, time(), UTC)
    return ics.calendar(plan, stamp)


EXPORTERS: dict[str, Exporter] = {
    "md": markdown_report,
    "html": html_report,
    "csv": csv_report,
    "json": json_report,
    "evidence": evidence_report,
    "ics": ics_report,
}
"""Every export format by its ``--format`` name, in the order ``--help`` lists them."""
