"""The HTML progress report (``aipm export --format html``): one self-contained page.

A pure function from engine results to text. The page is rendered from the Jinja2
templates shipped in ``aipm_tracker/templates`` with autoescaping on, so every piece of
user and curriculum text is HTML-escaped. CSS is inline; the two charts are inline SVG
drawn by pygal (a Python SVG charting library) with its scripts stripped, and a
Content-Security-Policy ``<meta>`` forbids scripts and every fetch, so the page runs no
code and loads nothing from anywhere, even if opened from a hostile directory.

Jinja2 and pygal are imported here only, and this module only by ``aipm export``, so
other commands never pay for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import jinja2
import pygal
from markupsafe import Markup
from pygal.style import Style

from ..engine import (
    Burndown,
    CategorySummary,
    CertStatus,
    Plan,
    ReportEntry,
    StatusReport,
    level_name,
)
from .text import (
    STATUS_LABEL,
    cert_eligibility,
    cert_exam,
    cert_missing,
    cert_renewal,
    day,
    effort,
    hours,
    level_pair,
    plan_table,
    quantity,
    readiness_basis,
    readiness_headline,
    spi_summary,
    strip_control,
)

DONE_COLOR = "#2e7d32"
DOING_COLOR = "#f9a825"
TODO_COLOR = "#b0bec5"
LINE_COLOR = "#1565c0"
PROJECTION_COLOR = "#8e24aa"

_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


def _style(*colors: str) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#333",
        foreground_strong="#111",
        foreground_subtle="#666",
        font_family=_FONT,
        label_font_size=16,
        major_label_font_size=16,
        legend_font_size=17,
        value_font_size=13,
        opacity="1",
        opacity_hover="1",
        guide_stroke_color="#d0d7de",
        major_guide_stroke_color="#d0d7de",
        guide_stroke_dasharray="3,3",
        major_guide_stroke_dasharray="3,3",
        colors=colors,
    )


def _no_scripts(root: Any) -> Any:
    # pygal always embeds a config <script> for its interactive tooltips; the report
    # runs no code, so every script element is removed before the SVG is serialized.
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _config() -> dict[str, Any]:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_label": -1,
        "truncate_legend": -1,
        "print_values": False,
        "show_x_guides": False,
        "margin": 12,
        "margin_right": 44,
        "margin_bottom": 24,
    }


def _svg(chart: Any) -> Markup:
    chart.add_xml_filter(_no_scripts)
    svg: str = chart.render(is_unicode=True)
    return Markup(svg)


def _share(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole > 0 else 0.0


WIDE = 920
"""The width (px) a chart is drawn for on a wide screen and on paper: the page's
content width (60rem less its padding), so that its text shows at the size it is
drawn at and the chart fills the page."""

NARROW = 560
"""The width (px) a chart is drawn for on a phone (the page holds both drawings and
shows one): scaled to a 366 px column, text keeps two thirds of its size, where the
wide drawing would shrink it to two fifths."""


def category_chart(categories: list[CategorySummary], width: int = WIDE) -> Markup:
    """A horizontal bar per category split into the shares of its effort hours done,
    in progress and to do (skipped items left out), so that a small category reads as
    well as a big one; the table beside it gives the hours. Drawn ``width`` px wide,
    without a legend: the page gives one in HTML, which many categories or long
    titles cannot squeeze into the bars (pygal lays its legend out in the plot's
    width). Returns inline SVG markup (text escaped by pygal)."""
    chart = pygal.HorizontalStackedBar(
        style=_style(DONE_COLOR, DOING_COLOR, TODO_COLOR),
        width=width,
        height=70 + 34 * len(categories),
        x_title="% of the category's effort hours",
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],
        **{**_config(), "show_legend": False},
    )
    # Horizontal bars are drawn bottom-up; reverse so the first category is on top.
    ordered = list(reversed(categories))
    longest = CHART_LABEL_CHARS if width > NARROW else NARROW_LABEL_CHARS
    chart.x_labels = [_label(c.title, longest) for c in ordered]
    chart.add("Done", [_share(c.hours_done, c.hours_total) for c in ordered])
    chart.add("In progress", [_share(c.hours_in_progress, c.hours_total) for c in ordered])
    chart.add("To do", [_share(c.hours_todo, c.hours_total) for c in ordered])
    return _svg(chart)


CHART_LABEL_CHARS = 30
"""The longest category label the chart draws, in characters (a longer title is cut
with an ellipsis; the table beside the chart gives it whole). pygal sizes its margin
by the longest label and, once that leaves the plot no width (a 52-character title
at 560 px), loops forever wrapping the label: it must never see one that long."""


NARROW_LABEL_CHARS = 18
"""The longest category label of the phone drawing, in characters: at 30 its labels
took two thirds of its width and left the bars a third."""


def _label(title: str, longest: int = CHART_LABEL_CHARS) -> str:
    """``title`` as a chart label: sanitised, at most ``longest`` characters (at most
    :data:`CHART_LABEL_CHARS`)."""
    longest = min(longest, CHART_LABEL_CHARS)
    text = " ".join(strip_control(title).split())
    if len(text) <= longest:
        return text
    return text[: longest - 1].rstrip() + "…"


def _date_ticks(first: date, last: date, count: int = 5) -> list[date]:
    if last <= first:
        return [first]
    step = (last - first) / (count - 1)
    return sorted({first + step * k for k in range(count)})


def burndown_chart(b: Burndown, width: int = WIDE) -> Markup:
    """A line of the required effort hours left per week, with a dashed projection
    from today to zero at the pace in use, drawn ``width`` px wide. Returns inline SVG
    markup."""
    project = b.ready_on is not None and b.hours_remaining > 0
    last = b.ready_on if project and b.ready_on is not None else b.points[-1].day
    chart = pygal.DateLine(
        style=_style(LINE_COLOR, PROJECTION_COLOR),
        width=width,
        height=360 if width <= NARROW else 400,
        y_title="required hours left",
        x_value_formatter=lambda d: d.isoformat(),
        range=(0, 1.08 * max(b.hours_required, *(p.hours_remaining for p in b.points), 1.0)),
        include_x_axis=True,
        y_labels_major_every=None,
        dots_size=3,
        show_dots=len(b.points) <= 60,
        **_config(),
    )
    chart.x_labels = _date_ticks(b.points[0].day, last)
    chart.add("Hours left", [(p.day, p.hours_remaining) for p in b.points])
    if project:
        chart.add(
            f"Projected at {hours(round(b.pace or 0, 1))} h/week",
            [(b.points[-1].day, b.hours_remaining), (last, 0.0)],
            stroke_style={"dasharray": "6, 4", "width": 2},
        )
    return _svg(chart)


def _http_url(url: str) -> str | None:
    # Evidence URLs are checked on input, but a hand-edited file could hold any
    # scheme; only http(s) becomes a link.
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _plain(text: str | None) -> str:
    """User or curriculum text for a place that holds only text (``<title>``)."""
    return strip_control(text or "")


def _clean(text: str | None) -> Markup:
    """User or curriculum text in the page body: sanitised, escaped, and isolated in
    ``<bdi>`` so that right-to-left text can never reorder what stands around it."""
    return Markup("<bdi>{}</bdi>").format(strip_control(text or ""))


_ENV: jinja2.Environment | None = None


def _environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("aipm_tracker", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _ENV.filters.update(
            hours=hours,
            day=day,
            http_url=_http_url,
            clean=_clean,
            plain=_plain,
            level_pair=level_pair,
            effort=effort,
            readiness_headline=readiness_headline,
            readiness_basis=readiness_basis,
        )
        _ENV.globals.update(STATUS_LABEL=STATUS_LABEL, level_name=level_name, quantity=quantity)
    return _ENV


def report(
    report: StatusReport,
    entries: list[ReportEntry],
    chart: Burndown | None,
    data_file: str | None,
    plan: Plan | None = None,
    certs: Sequence[CertStatus] = (),
) -> str:
    """The whole HTML page as text (UTF-8, ends with a newline).

    ``report`` gives readiness, categories, gaps, next steps and orphans; ``entries``
    every item with its notes and evidence; ``chart`` the burndown of the target role
    (None when the curriculum has no roles); ``data_file`` the progress file as shown
    to people (None: left out); ``plan`` the study plan with its past weeks planned
    against done (None: no role or pace; the section is left out); ``certs`` the
    certification table's rows.
    """
    touched = [e for e in entries if e.touched]
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            r=report,
            readiness=report.readiness,
            touched=touched,
            burndown=chart,
            category_svg=[category_chart(report.categories, w) for w in (WIDE, NARROW)],
            burndown_svg=[burndown_chart(chart, w) for w in (WIDE, NARROW)] if chart else None,
            legend=[("done", "Done"), ("doing", "In progress"), ("todo", "To do")],
            data_file=data_file,
            plan=plan,
            plan_rows=plan_table(plan) if plan is not None else None,
            spi_line=(
                spi_summary(
                    plan.actual.spi, plan.actual.earned, plan.actual.planned, plan.actual.logged
                )
                if plan is not None and plan.actual is not None
                else None
            ),
            certs=[_cert_row(c) for c in certs],
        )
    )
    return page.rstrip("\n") + "\n"


def _cert_row(c: CertStatus) -> dict[str, str]:
    """One row of the certification table, as plain text cells (the template escapes
    them)."""
    return {
        "id": c.id,
        "title": c.title,
        "eligible": cert_eligibility(c),
        "missing": "; ".join(cert_missing(c)) or "-",
        "exam": cert_exam(c),
        "earned": c.earned_on.isoformat() if c.earned_on else "-",
        "renewal": cert_renewal(c, with_as_of=False),
        "as_of": c.as_of or "-",
    }
