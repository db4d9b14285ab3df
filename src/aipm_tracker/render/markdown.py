"""The Markdown progress report (``aipm export --format md``): a pure function from
engine results to text, written for a mentor to read.

User text (notes, labels, reasons) is escaped so that it shows literally and cannot
break a table or inject HTML into a rendered page.
"""

from __future__ import annotations

import re

from ..engine import EvidencePack, ReportEntry, StatusReport, level_name
from ..models import Evidence, Role
from .text import STATUS_LABEL, day, hours, level_pair, plural, strip_control

# Only what can start emphasis, code, links, HTML or a table cell mid-line: user text
# never starts a line in this report, so '#', '+' and '-' need no escape.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """``text`` with Markdown and HTML specials backslash-escaped, control characters
    removed and newlines folded to spaces (safe inside a table cell or list item)."""
    text = strip_control(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _link(label: str, url: str) -> str:
    # Angle-bracket destination: parentheses and spaces in the URL stay inside the link.
    safe_url = strip_control(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{escape(label)}](<{safe_url}>)"


def report(report: StatusReport, entries: list[ReportEntry], data_file: str) -> str:
    """The whole Markdown report as text (ends with a newline)."""
    out: list[str] = []
    add = out.append
    add(f"# AI-PM progress report: {escape(report.curriculum_title)}")
    add("")
    add(
        f"Generated on {report.today.isoformat()} from curriculum `{report.curriculum_id}` "
        f"version {escape(report.curriculum_version)}; data file `{data_file}`."
    )
    add("")

    r = report.readiness
    if r is not None:
        add(f"## Readiness for {escape(r.role_title)}")
        add("")
        add(
            f"**{r.percent:.0f}%** of the {hours(r.hours_required)} required effort hours "
            f"done ({hours(r.hours_done)} h); {r.items_done} of {r.items_required} required "
            f"items done; {r.levels_met} of {r.levels_required} target proficiency levels met "
            "(Dreyfus scale 0-5)."
        )
        if r.items_skipped:
            add(f"{r.items_skipped} required item(s) skipped as not applicable.")
        if r.ready_on is not None:
            add("")
            add(
                f"At {hours(r.hours_per_week or 0)} hours a week, the remaining "
                f"{hours(r.hours_remaining)} hours are done by **{r.ready_on.isoformat()}**."
            )
        add("")

    add("## Progress by category")
    add("")
    add("| Category | Done | In progress | To do | Skipped | Hours done | % |")
    add("|---|--:|--:|--:|--:|--:|--:|")
    for c in report.categories:
        add(
            f"| {escape(c.title)} | {c.done} | {c.in_progress} | {c.todo} | {c.skipped} | "
            f"{hours(c.hours_done)} / {hours(c.hours_total)} | {c.percent:.0f}% |"
        )
    add("")

    if r is not None:
        add("## Gaps")
        add("")
        if report.gaps:
            add("| Item | Priority | Missing | Level now / target | Hours left |")
            add("|---|---|---|---|--:|")
            for g in report.gaps:
                missing = " + ".join(
                    p for p, on in (("item", g.needs_completion), ("level", g.needs_level)) if on
                )
                level = level_pair(g.level, g.target_level) if g.target_level is not None else ""
                left = hours(g.hours_remaining) if g.needs_completion else ""
                add(
                    f"| {escape(g.title)} (`{g.item_id}`) | {g.priority} | {missing} | "
                    f"{level} | {left} |"
                )
        else:
            add("None: every requirement of the target role is met.")
        add("")

    add("## Next steps")
    add("")
    if report.next_steps:
        for n, s in enumerate(report.next_steps, 1):
            started = " (in progress)" if s.status == "in_progress" else ""
            add(f"{n}. **{escape(s.title)}** (`{s.item_id}`, {hours(s.effort_hours)} h){started}")
    else:
        add("Nothing left to start.")
    add("")

    touched = [e for e in entries if e.touched]
    add("## Work done, notes and evidence")
    add("")
    if not touched:
        add("No item started yet.")
        add("")
    for e in touched:
        st = e.state
        facts = [STATUS_LABEL[st.status]]
        if st.completed_at:
            facts.append(f"completed {day(st.completed_at)}")
        elif st.started_at:
            facts.append(f"started {day(st.started_at)}")
        if st.level is not None:
            facts.append(f"level {st.level} ({level_name(st.level)})")
        if st.skip_reason:
            facts.append(f"reason: {escape(st.skip_reason)}")
        add(f"### {escape(e.row.title)} (`{e.row.id}`)")
        add("")
        sentence = "; ".join(facts)
        add(sentence[:1].upper() + sentence[1:] + ".")
        add("")
        for note in st.notes:
            add(f"- Note, {day(note.at)}: {escape(note.text)}")
        for ev in st.evidence:
            add(_evidence_line(ev))
        if st.notes or st.evidence:
            add("")

    if report.orphans:
        add("## Kept from an earlier curriculum")
        add("")
        add(
            "These items are in the progress file but not in this curriculum: "
            + ", ".join(f"`{o}`" for o in report.orphans)
            + "."
        )
        add("")
    return "\n".join(out).rstrip("\n") + "\n"


def _level_phrase(level: int | None, target: int | None) -> str:
    now = "not assessed" if level is None else f"{level} ({level_name(level)})"
    if target is None:
        return f"level {now}"
    return f"level {now}, target {target} ({level_name(target)})"


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


def evidence_pack(role: Role, pack: EvidencePack, report: StatusReport, data_file: str) -> str:
    """The evidence pack for a job application, as Markdown text (ends with a newline).

    ``pack`` is ``role``'s requirements with the user's proof (engine.evidence_pack);
    ``report`` supplies the curriculum and the date. Requirements with at least one
    evidence link come first with their links, credential IDs, dates and notes; then
    every requirement still lacking evidence, listed as such; then the skipped ones.
    """
    requirements = pack.requirements
    proven = [q for q in requirements if q.state.evidence]
    lacking = [q for q in requirements if not q.state.evidence]
    out: list[str] = []
    add = out.append
    add(f"# Evidence pack: {escape(role.title)}")
    add("")
    add(
        f"Prepared on {report.today.isoformat()} for the target role `{role.id}` of "
        f"curriculum `{report.curriculum_id}` version {escape(report.curriculum_version)}; "
        f"data file `{data_file}`."
    )
    add("")
    total = len(requirements)
    add(
        f"{len(proven)} of {total} {plural(total, 'requirement')} "
        f"{'is' if total == 1 else 'are'} backed by evidence; "
        f"{len(lacking)} still {'lacks' if len(lacking) == 1 else 'lack'} it."
    )
    add("")
    if requirements:
        add("## Summary")
        add("")
        add("| Requirement | Status | Level now / target | Completed | Evidence |")
        add("|---|---|--:|---|--:|")
        for q in requirements:
            st = q.state
            target = q.row.target_level
            level = level_pair(st.level, target) if target is not None else ""
            add(
                f"| {escape(q.row.title)} (`{q.row.id}`) | {STATUS_LABEL[st.status]} | {level} | "
                f"{day(st.completed_at)} | {len(st.evidence) or 'none'} |"
            )
        add("")

    add("## Requirements with evidence")
    add("")
    if not proven:
        add("None yet. Record proof with: aipm evidence ITEM URL --label TEXT")
        add("")
    for q in proven:
        st = q.state
        add(f"### {escape(q.row.title)} (`{q.row.id}`)")
        add("")
        add(f"{_state_phrase(q)}; {_level_phrase(st.level, q.row.target_level)}.")
        add("")
        for ev in st.evidence:
            add(_evidence_line(ev))
        for note in st.notes:
            add(f"- Note, {day(note.at)}: {escape(note.text)}")
        add("")

    add("## Still lacking evidence")
    add("")
    if not lacking:
        add("None: every requirement is backed by evidence.")
        add("")
    else:
        for q in lacking:
            st = q.state
            notes = f"; {len(st.notes)} note(s)" if st.notes else ""
            add(
                f"- **{escape(q.row.title)}** (`{q.row.id}`): {_state_phrase(q).lower()}, "
                f"no evidence yet{notes}."
            )
        add("")
    if pack.skipped:
        add("Skipped as not applicable: " + ", ".join(f"`{i}`" for i in pack.skipped) + ".")
        add("")
    return "\n".join(out).rstrip("\n") + "\n"
