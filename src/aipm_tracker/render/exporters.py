"""``aipm export``: one registry ``{format: exporter}``. Each exporter is a pure
function from :class:`ExportData` to the report's text; the Markdown, HTML, CSV and
JSON modules load only when their format is asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..errors import UsageError

if TYPE_CHECKING:
    from ..engine import Burndown, EvidencePack, ReportEntry, StatusReport
    from ..models import Role


class ExportData(NamedTuple):
    """What every report is made from: the status ``report``, every item's ``entries``,
    the ``data_file`` shown in the report (None: left out, the default, since a report
    is shared and the path names the user's account), the target ``role`` (None: the curriculum
    has none), and two results only some formats need, computed when asked for:
    ``burndown()`` (it replays the whole history; None without a role) and
    ``evidence()`` (the role's evidence pack; None without a role); ``show_all``: the
    evidence pack lists every requirement, not only the evidenced ones."""

    report: StatusReport
    entries: list[ReportEntry]
    data_file: str | None
    role: Role | None
    burndown: Callable[[], Burndown | None]
    evidence: Callable[[], EvidencePack | None]
    show_all: bool = False


Exporter = Callable[[ExportData], str]
"""An exporter: the data of a report -> the report's text (UTF-8 when written)."""


def markdown_report(data: ExportData) -> str:
    """The Markdown report (``md``)."""
    from . import markdown

    return markdown.report(data.report, data.entries, data.data_file)


def html_report(data: ExportData) -> str:
    """One self-contained HTML page with its charts (``html``)."""
    from . import html

    return html.report(data.report, data.entries, data.burndown(), data.data_file)


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


EXPORTERS: dict[str, Exporter] = {
    "md": markdown_report,
    "html": html_report,
    "csv": csv_report,
    "json": json_report,
    "evidence": evidence_report,
}
"""Every export format by its ``--format`` name, in the order ``--help`` lists them."""
