"""The Markdown progress report (``aipm export --format md``): a pure function from
engine results to text, written for a mentor to read.

User text (notes, labels, reasons) is escaped so that it shows literally and cannot
break a table or inject HTML into a rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine import CertStatus, EvidencePack, Plan, ReportEntry, StatusReport, level_name
from ..models import Evidence, Role
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
    plural,
    quantity,
    readiness_basis,
    readiness_counts,
    readiness_headline,
    spi_summary,
    strip_control,
)

# Only what can start emphasis, code, links, HTML or a table cell mid-line: user text
# never starts a line in this report, so '#', '+' and '-' need no escape.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """``text`` with Markdown and HTML specials backslash-escaped, control characters
    removed and newlines folded to spaces (safe inside a table cell or list item)."""
    text = strip_control(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """``text`` as a Markdown code span that it cannot leave: control characters
    removed, newlines folded, and fenced by one backtick more than its longest run of
    backticks (padded with spaces when it starts or ends with one), as CommonMark
    reads code spans."""
    text = strip_control(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link(label: str, url: str) -> str:
    # Angle-bracket destination: parentheses and spaces in the URL stay inside the link.
    safe_url = strip_control(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{escape(label)}](<{safe_url}>)"


def report(
    report: StatusReport,
    entries: list[ReportEntry],
    data_file: str | None,
    plan: Plan | None = None,
    certs: Sequence[CertStatus] = (),
) -> str:
    """The whole Markdown report as text (ends with a newline): a heading, readiness
    (with a target role), progress by category, gaps (with a target role), next
    steps, the ``plan`` (past weeks planned against done, then the weeks to come;
    None: no role or pace, left out), the ``certs`` table (when the curriculum has
    certifications), work done with notes and evidence, and items kept from an
    earlier curriculum (when there are any). One function per section."""
    sections = [
        _report_head(report, data_file),
        _readiness(report),
        _categories(report),
        _gaps(report),
        _next_steps(report),
        _plan(plan),
        _interview(report),
        _certifications(certs),
        _work_done(entries, report.level_names),
        _due_for_check(report),
        _orphans(report),
    ]
    return _join(sections)


def _plan(plan: Plan | None) -> list[str]:
    """The plan section: the past weeks' planned, logged and earned hours with SV and
    SPI (when time was logged before this week), then the next weeks."""
    if plan is None:
        return []
    t = plan_table(plan)
    out = [
        "## Study plan",
        "",
        f"At {hours(plan.hours_per_week)} h/week for {escape(plan.role_title)}; ready on "
        f"{plan.ready_on.isoformat() if plan.ready_on else 'no date (past the calendar)'}.",
        "",
    ]
    if t.total is not None:
        out += [
            "Past weeks, planned against done (hours; SV = earned - planned, "
            "SPI = earned / planned):",
            "",
            "| Week of | Planned | Logged | Earned | SV | SPI |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        out += [f"| {' | '.join(row)} |" for row in t.past]
        out += [f"| **{t.total[0]}** | {' | '.join(t.total[1:])} |", ""]
        assert plan.actual is not None
        a = plan.actual
        out += [spi_summary(a.spi, a.earned, a.planned, a.logged), ""]
    if t.future:
        out += ["| Week of | Hours | Study (hours) |", "|---|---:|---|"]
        out += [f"| {week} | {h} | {escape(study)} |" for week, h, study in t.future]
        out.append("")
        if t.more:
            out += [f"{t.more} more weeks: `aipm plan --weeks {len(plan.weeks)}`.", ""]
    else:
        out += ["Nothing left to plan: every requirement is met.", ""]
    return out


def _interview(report: StatusReport) -> list[str]:
    """Interview practice (drill retention) and the application pipeline table."""
    i = report.interview
    if i is None or not (i.questions or i.applications):
        return []
    out = ["## Interviews and applications", ""]
    r = i.retention
    if r.percent is None:
        out += [f"No drill reviews yet; {i.drills_due} of {i.questions} questions due.", ""]
    else:
        out += [
            f"Drill retention: {r.percent:.0f}% of {r.reviews} {plural(r.reviews, 'review')} "
            f"recalled (rated hard, good or easy) over {r.cards} of {r.questions} questions; "
            f"{i.drills_due} due.",
            "",
        ]
    if i.applications:
        out += ["| Application | Company | Role | Stage | Since |", "|---|---|---|---|---|"]
        out += [
            f"| {a.id} | {escape(a.company)} | {escape(a.role)} | {a.stage} | "
            f"{a.since.date().isoformat()} |"
            for a in i.applications
        ]
        out.append("")
    return out


def _certifications(certs: Sequence[CertStatus]) -> list[str]:
    """The certification table: eligibility and what is missing, the exam, the date
    earned, the renewal (credits logged in the current period) and the month the
    curriculum's facts were checked."""
    if not certs:
        return []
    out = [
        "## Certifications",
        "",
        "| Certification | Eligible | Missing | Exam | Earned | Renewal | Facts as of |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in certs:
        missing = "; ".join(cert_missing(c)) or "-"
        earned = c.earned_on.isoformat() if c.earned_on else "-"
        out.append(
            f"| {escape(c.title)} (`{c.id}`) | {escape(cert_eligibility(c))} | "
            f"{escape(missing)} | {escape(cert_exam(c))} | {earned} | "
            f"{escape(cert_renewal(c, with_as_of=False))} | {c.as_of or '-'} |"
        )
    out.append("")
    return out


def _join(sections: list[list[str]]) -> str:
    """Sections of lines as one text, trailing blank lines cut to one newline."""
    return "\n".join(line for lines in sections for line in lines).rstrip("\n") + "\n"


def _data_file(data_file: str | None) -> str:
    """``; data file `PATH`.`` when the user asked for the path, else ``.``."""
    return f"; data file {code(data_file)}." if data_file is not None else "."


def _report_head(report: StatusReport, data_file: str | None) -> list[str]:
    return [
        f"# AI-PM progress report: {escape(report.curriculum_title)}",
        "",
        f"Generated on {report.today.isoformat()} from curriculum `{report.curriculum_id}` "
        f"version {escape(report.curriculum_version)}{_data_file(data_file)}",
        "",
    ]


def _readiness(report: StatusReport) -> list[str]:
    r = report.readiness
    if r is None:
        return []
    out = [
        f"## Readiness for {escape(r.role_title)}",
        "",
        f"**{readiness_headline(r)}**: {effort(r.hours_done, r.estimated)} of the "
        f"{effort(r.hours_required, r.estimated)} required hours done; "
        f"{readiness_counts(r)}.",
        "",
        readiness_basis(r),
    ]
    if r.ready_on is not None:
        out += [
            "",
            f"At {hours(r.hours_per_week or 0)} hours a week, the remaining "
            f"{effort(r.hours_remaining + r.hours_prerequisites, r.estimated)} hours are done by "
            f"**{r.ready_on.isoformat()}**.",
        ]
    return [*out, ""]


def _categories(report: StatusReport) -> list[str]:
    out = [
        "## Progress by category",
        "",
        "| Category | Done | In progress | To do | Skipped | Hours done | % |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for c in report.categories:
        out.append(
            f"| {escape(c.title)} | {c.done} | {c.in_progress} | {c.todo} | {c.skipped} | "
            f"{hours(c.hours_done)} / {hours(c.hours_total)} | {c.percent:.0f}% |"
        )
    return [*out, ""]


def _gaps(report: StatusReport) -> list[str]:
    if report.readiness is None:
        return []
    if not report.gaps:
        return ["## Gaps", "", "None: every requirement of the target role is met.", ""]
    waived = [g for g in report.gaps if g.waived]
    out = [
        "## Gaps",
        "",
        "| Item | Priority | Missing | Level now / target | Hours left |",
        "|---|---|---|---|--:|",
    ]
    for g in report.gaps:
        if g.waived:
            continue
        missing = " + ".join(
            p for p, on in (("item", g.needs_completion), ("level", g.needs_level)) if on
        )
        level = level_pair(g.level, g.target_level) if g.target_level is not None else ""
        if g.quantity_target is not None and g.quantity_unit and g.needs_completion:
            left = quantity(g.amount, g.quantity_target, g.quantity_unit)
        else:
            left = effort(g.hours_remaining, g.estimated)
        ids = " or ".join(f"`{i}`" for i in g.options)
        out.append(f"| {escape(g.title)} ({ids}) | {g.priority} | {missing} | {level} | {left} |")
    if waived:
        out += ["", f"Waived ({len(waived)}, counted as not met):", ""]
        out += [
            f"- {escape(g.title)} (`{g.item_id}`): {escape(g.waiver or '(no reason given)')}"
            for g in waived
        ]
    return [*out, ""]


def _next_steps(report: StatusReport) -> list[str]:
    out = ["## Next steps", ""]
    for n, s in enumerate(report.next_steps, 1):
        started = " (in progress)" if s.status == "in_progress" else ""
        out.append(
            f"{n}. **{escape(s.title)}** (`{s.item_id}`, "
            f"{effort(s.effort_hours, s.estimated)} h){started}"
        )
    if not report.next_steps:
        out.append("Nothing left to start.")
    return [*out, ""]


def _work_done(entries: list[ReportEntry], names: dict[int, str] | None) -> list[str]:
    touched = [e for e in entries if e.touched]
    out = ["## Work done, notes and evidence", ""]
    if not touched:
        out += ["No item started yet.", ""]
    for e in touched:
        out += _work_on(e, names)
    return out


def _work_on(e: ReportEntry, names: dict[int, str] | None) -> list[str]:
    """One touched item: its facts in a sentence, then its notes and evidence."""
    st = e.state
    facts = [STATUS_LABEL[st.status]]
    if st.completed_at:
        facts.append(f"completed {day(st.completed_at)}")
    elif st.started_at:
        facts.append(f"started {day(st.started_at)}")
    if st.level is not None:
        facts.append(f"level {st.level} ({level_name(st.level, names)})")
    if st.skip_reason:
        facts.append(f"reason: {escape(st.skip_reason)}")
    if e.row.steps_total:
        facts.append(f"steps {e.row.steps_done} of {e.row.steps_total} done")
    sentence = "; ".join(facts)
    out = [
        f"### {escape(e.row.title)} (`{e.row.id}`){OWN if e.row.own else ''}",
        "",
        sentence[:1].upper() + sentence[1:] + ".",
        "",
    ]
    out += [f"- Note, {day(note.at)}: {escape(note.text)}" for note in st.notes]
    out += [_evidence_line(ev) for ev in st.evidence]
    return [*out, ""] if st.notes or st.evidence else out


def _due_for_check(report: StatusReport) -> list[str]:
    if not report.due_for_check:
        return []
    return [
        "## Facts due for a check",
        "",
        "These items' figures were checked against their sources over 12 months ago: "
        + ", ".join(code(i) for i in report.due_for_check)
        + ".",
        "",
    ]


def _orphans(report: StatusReport) -> list[str]:
    if not report.orphans:
        return []
    return [
        "## Kept from an earlier curriculum",
        "",
        "These items are in the progress file but not in this curriculum: "
        + ", ".join(code(o) for o in report.orphans)
        + ".",
        "",
    ]


def _level_phrase(level: int | None, target: int | None, names: dict[int, str] | None) -> str:
    now = "not assessed" if level is None else f"{level} ({level_name(level, names)})"
    if target is None:
        return f"level {now}"
    return f"level {now}, target {target} ({level_name(target, names)})"


def _evidence_line(ev: Evidence) -> str:
    credential = f" (credential ID {escape(ev.credential_id)})" if ev.credential_id else ""
    return f"- Evidence, {day(ev.at)}: {_link(ev.label or ev.url, ev.url)}{credential}"


def _state_phrase(req: ReportEntry) -> str:
    st = req.state
    if st.status == "done":
        when = f" on {day(st.completed_at)}" if st.completed_at else ""
        return f"Done{when}"
    if st.status == "in_progress":
        when = f" since {day(st.started_at)}" if st.started_at else ""
        return f"In progress{when}"
    return "Not started"


def evidence_pack(
    role: Role,
    pack: EvidencePack,
    report: StatusReport,
    data_file: str | None,
    show_all: bool = False,
) -> str:
    """The evidence pack for a job application, as Markdown text (ends with a newline).

    ``pack`` is ``role``'s requirements with the user's proof (engine.evidence_pack);
    ``report`` supplies the curriculum and the date. It leads with what is evidenced:
    the requirements with at least one evidence link, with their links, credential
    IDs, dates and notes, then the skipped ones; the others are counted, not listed.
    With ``show_all`` (``aipm export --format evidence --all``) a summary of every
    requirement comes first and every requirement still lacking evidence is listed
    after the evidenced ones. One function per section.
    """
    requirements = pack.requirements
    proven = [q for q in requirements if q.state.evidence]
    lacking = [q for q in requirements if not q.state.evidence]
    waived = len(pack.skipped)
    head = _pack_head(
        role, report, data_file, len(requirements) + waived, len(proven), len(lacking), waived
    )
    if not show_all:
        return _join(
            [head, _proven(proven, report.level_names), _skipped(pack.skipped), _stories(pack)]
        )
    return _join(
        [
            head,
            _pack_summary(requirements),
            _proven(proven, report.level_names),
            _lacking(lacking),
            _skipped(pack.skipped),
            _stories(pack),
        ]
    )


def _stories(pack: EvidencePack) -> list[str]:
    """The user's STAR stories, each with the items it shows."""
    if not pack.stories:
        return []
    out = ["## Stories (situation, task, action, result)", ""]
    for st in pack.stories:
        shows = f" Shows: {', '.join(code(i) for i in st.items)}." if st.items else ""
        out += [
            f"### {escape(st.title)}",
            "",
            f"- Situation: {escape(st.situation)}",
            f"- Task: {escape(st.task)}",
            f"- Action: {escape(st.action)}",
            f"- Result: {escape(st.result)}",
            "",
            *([shows.strip(), ""] if shows else []),
        ]
    return out


def _pack_head(
    role: Role,
    report: StatusReport,
    data_file: str | None,
    total: int,
    proven: int,
    lacking: int,
    waived: int = 0,
) -> list[str]:
    return [
        f"# Evidence pack: {escape(role.title)}",
        "",
        f"Prepared on {report.today.isoformat()} for the target role `{role.id}` of "
        f"curriculum `{report.curriculum_id}` version {escape(report.curriculum_version)}"
        f"{_data_file(data_file)}",
        "",
        f"{proven} of {total} {plural(total, 'requirement')} "
        f"{'is' if total == 1 else 'are'} backed by evidence; "
        f"{lacking} still {'lacks' if lacking == 1 else 'lack'} it"
        + (f"; {waived} waived (not met, no evidence)." if waived else "."),
        "",
    ]


def _pack_summary(requirements: list[ReportEntry]) -> list[str]:
    if not requirements:
        return []
    out = [
        "## Summary",
        "",
        "| Requirement | Status | Level now / target | Completed | Evidence |",
        "|---|---|--:|---|--:|",
    ]
    for q in requirements:
        st = q.state
        target = q.row.target_level
        level = level_pair(st.level, target) if target is not None else ""
        out.append(
            f"| {escape(q.row.title)} (`{q.row.id}`) | {STATUS_LABEL[st.status]} | {level} | "
            f"{day(st.completed_at)} | {len(st.evidence) or 'none'} |"
        )
    return [*out, ""]


OWN = " (your own item)"
"""What follows the title of an item the user added (``aipm item add``)."""


def _proven(proven: list[ReportEntry], names: dict[int, str] | None) -> list[str]:
    """Each requirement with evidence, its links once each (the same link recorded
    twice is one), a link that backs other requirements too naming them."""
    out = ["## Requirements with evidence", ""]
    if not proven:
        out += ["None yet. Record proof with: aipm evidence ITEM URL --label TEXT", ""]
    backs: dict[str, list[str]] = {}
    for q in proven:
        for url in dict.fromkeys(ev.url for ev in q.state.evidence):
            backs.setdefault(url, []).append(q.row.id)
    for q in proven:
        st = q.state
        out += [
            f"### {escape(q.row.title)} (`{q.row.id}`){OWN if q.row.own else ''}",
            "",
            f"{_state_phrase(q)}; {_level_phrase(st.level, q.row.target_level, names)}.",
            "",
        ]
        seen: set[str] = set()
        for ev in st.evidence:
            if ev.url in seen:
                continue
            seen.add(ev.url)
            others = [code(i) for i in backs[ev.url] if i != q.row.id]
            also = f" (also backs {', '.join(others)})" if others else ""
            out.append(_evidence_line(ev) + also)
        out += [f"- Note, {day(note.at)}: {escape(note.text)}" for note in st.notes]
        out.append("")
    return out


def _lacking(lacking: list[ReportEntry]) -> list[str]:
    out = ["## Still lacking evidence", ""]
    if not lacking:
        return [*out, "None: every requirement is backed by evidence.", ""]
    for q in lacking:
        notes = f"; {len(q.state.notes)} note(s)" if q.state.notes else ""
        out.append(
            f"- **{escape(q.row.title)}** (`{q.row.id}`){OWN if q.row.own else ''}: "
            f"{_state_phrase(q).lower()}, "
            f"no evidence yet{notes}."
        )
    return [*out, ""]


def _skipped(skipped: list[str]) -> list[str]:
    if not skipped:
        return []
    return [
        "Waived (skipped as not applicable, counted as not met): "
        + ", ".join(f"`{i}`" for i in skipped)
        + ".",
        "",
    ]
