"""Plain-text helpers shared by every renderer (no rich, no I/O)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

from ..durations import spoken
from ..models import Event, Evidence, ItemChange, ItemState, Profile, TimeEntry
from ..wording import CONTROL, plural, strip_control

if TYPE_CHECKING:
    from ..engine import CertStatus, Plan, PlanWeek, Readiness, Reminder

STATUS_LABEL = {"todo": "to do", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
"""How each status is written for people."""

__all__ = [
    "CONTROL",
    "STATUS_LABEL",
    "PlanTable",
    "cert_eligibility",
    "cert_exam",
    "cert_missing",
    "cert_renewal",
    "check_mark",
    "day",
    "describe_event",
    "effort",
    "entry_words",
    "hours",
    "level_pair",
    "plan_table",
    "plural",
    "quantity",
    "readiness_basis",
    "readiness_counts",
    "readiness_headline",
    "reminder_line",
    "revert_lines",
    "signed_hours",
    "spi_summary",
    "spi_text",
    "spi_words",
    "strip_control",
    "week_work",
]


def day(value: date | datetime | None) -> str:
    """The ISO date (``YYYY-MM-DD``) of ``value``; ``""`` for None. An aware datetime
    is taken to the local time zone first (``datetime.astimezone()``), the zone the
    terminal shows every time in: a change made at 04:30 in Tokyo on the 13th,
    recorded as 19:30 UTC on the 12th, is of the 13th in every report too."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).date().isoformat()
    return value.isoformat()


def hours(value: float) -> str:
    """``12.0`` -> ``"12"``, ``2.5`` -> ``"2.5"`` (hours, no trailing zeros)."""
    return f"{value:g}"


def effort(value: float | None, estimated: bool = False) -> str:
    """Effort hours as shown in every table: ``"?"`` when unknown, ``"~6"`` when an
    estimate or unconfirmed, else ``"6"``."""
    if value is None:
        return "?"
    return f"~{value:g}" if estimated and value else f"{value:g}"


def quantity(amount: float | None, target: float, unit: str) -> str:
    """A quantity item's amount toward its target: ``"12 of 35 h"``,
    ``"14 of 36 months"``."""
    short = "h" if unit == "hours" else unit
    return f"{amount or 0:g} of {target:g} {short}"


def readiness_headline(r: Readiness) -> str:
    """``"27% ready"``, with ``"; 2 waived"`` when requirements are waived."""
    waived = f"; {r.waived} waived" if r.waived else ""
    return f"{r.percent:.0f}% ready{waived}"


def readiness_counts(r: Readiness) -> str:
    """``"5 of 29 requirements met, 2 waived (not met); 3 of 18 target levels met"``."""
    waived = f", {r.waived} waived (not met)" if r.waived else ""
    return (
        f"{r.met} of {r.requirements} requirements met{waived}; "
        f"{r.levels_met} of {r.levels_required} target levels met"
    )


def readiness_basis(r: Readiness) -> str:
    """The one line that says how readiness is counted, e.g. ``"Counted: study hours
    of items to finish + 10 h practice per level to reach (an estimate); 1 of
    unknown effort left out."``"""
    parts = [
        f"Counted: study hours of items to finish + {r.hours_per_level:g} h practice "
        "per level to reach (an estimate)"
    ]
    if r.waived:
        parts.append("waived requirements count as not met")
    if r.unknown:
        parts.append(f"{r.unknown} {plural(r.unknown, 'requirement')} of unknown effort left out")
    return "; ".join(parts) + "."


def level_pair(level: int | None, target: int | None = None) -> str:
    """A Dreyfus level, ``-`` when not assessed, as ``now/target`` when a target is
    given: ``level_pair(2, 3)`` -> ``"2/3"``."""
    now = "-" if level is None else str(level)
    return now if target is None else f"{now}/{target}"


def _in_days(days: int) -> str:
    return "in 1 day" if days == 1 else f"in {days} days"


def check_mark(met: bool | None) -> str:
    """A checklist mark: ``[x]`` met, ``[ ]`` not met, ``[?]`` cannot tell."""
    return {True: "[x]", False: "[ ]", None: "[?]"}[met]


def cert_eligibility(c: CertStatus) -> str:
    """Where the user stands on ``c``'s eligibility in one phrase: ``"eligible"``,
    ``"no prerequisite"``, ``"not modelled"``, ``"not yet: 1 of 2 met"`` or ``"cannot
    tell: 1 of 2 met"`` (a rule needs the degree), with ``" (unconfirmed)"`` when a
    rule is."""
    if c.checklist is None:
        return "not modelled"
    flag = " (unconfirmed)" if any(r.unconfirmed for r in c.checklist) else ""
    if not c.checklist:
        return "no prerequisite"
    if c.eligible:
        return "eligible" + flag
    met = sum(1 for r in c.checklist if r.met is True)
    head = "cannot tell" if c.eligible is None else "not yet"
    return f"{head}: {met} of {len(c.checklist)} met{flag}"


def cert_missing(c: CertStatus) -> list[str]:
    """What ``c``'s eligibility still misses, one phrase per open rule, e.g. ``"12
    more months of leading projects"``, ``"23 h more (edu.pm-contact-hours) or an
    active CAPM"``."""
    return [r.missing or r.text for r in c.checklist or [] if r.met is not True]


def cert_exam(c: CertStatus) -> str:
    """The exam in one phrase: ``"2027-03-04, in 101 days"``, the last attempt
    (``"failed 2026-11-02"``), or ``"not booked"``."""
    if c.exam_on is not None:
        days = c.days_left or 0
        when_text = "today" if days == 0 else _in_days(days)
        return f"{c.exam_on.isoformat()}, {when_text}"
    if c.attempts:
        last = c.attempts[-1]
        word = "passed" if last.result == "pass" else "failed"
        return (
            f"{word} {last.on.isoformat()} ({len(c.attempts)} {plural(len(c.attempts), 'attempt')})"
        )
    return "not booked"


def cert_renewal(c: CertStatus, *, with_as_of: bool = True) -> str:
    """The renewal in one phrase: ``"due 2029-10-02: 12 of 60 PDUs (as of 2026-12)"``
    (the credits logged in the current period), ``"60 PDUs / 3 years once earned (as
    of 2026-12)"`` or ``"none"``; the month is when the curriculum's figure was
    checked."""
    r = c.renewal
    rule = c.renewal_credits
    if rule is None:
        return "none"
    as_of = f" (as of {c.as_of})" if c.as_of and with_as_of else ""
    if r is None:
        return f"{rule.amount:g} {rule.unit} / {rule.years} years once earned{as_of}"
    return f"due {r.due_on.isoformat()}: {r.credits:g} of {r.credits_needed:g} {r.unit}{as_of}"


def reminder_line(found: list[Reminder]) -> str:
    """The reminder ``status`` shows, one line: ``"Soon: PMP exam in 12 days
    (2026-12-05); CSM renewal due in 40 days (2027-01-01). See: aipm cert"``."""
    parts = []
    for r in found:
        days = "today" if r.days_left == 0 else _in_days(r.days_left)
        what = "exam" if r.what == "exam" else "renewal due"
        parts.append(f"{r.cert} {what} {days} ({r.on.isoformat()})")
    return "Soon: " + "; ".join(parts) + ". See: aipm cert"


def _describe_interview(event: Event) -> str | None:
    """What an event of the interview side (schema 4) changed; None for another."""
    if event.action == "rate" and event.review is not None:
        due = event.review.due.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"{event.question}: rated {event.review.rating}, due {due}"
    if event.action == "story" and event.story is not None:
        return f"story {event.story.id} added: {event.story.title}"
    if event.action == "apply" and event.application is not None:
        a = event.application
        return f"application {a.id} added: {a.role} at {a.company}"
    if event.action == "stage" and event.stage is not None:
        return f"application {event.application_id} -> {event.stage.stage}"
    if event.action == "contact" and event.contact is not None:
        c = event.contact
        follow = f", follow up {c.follow_up.isoformat()}" if c.follow_up else ""
        return f"contact {c.id} added: {c.name}{follow}"
    return None


def _describe_cert(event: Event) -> str | None:
    """What an experience or certification event (schema 8) changed; None for
    another."""
    e = event.experience
    if e is not None and event.action in ("experience_add", "experience_remove"):
        verb = "added" if event.action == "experience_add" else "removed"
        return f"experience {e.id} {verb}: {e.title} ({e.from_} to {e.to or 'now'}, {e.kind})"
    after = event.cert_after
    if event.cert_id is None or after is None:
        return None
    if event.action == "cert_book" and after.exam_on is not None:
        return f"{event.cert_id}: exam booked on {after.exam_on.isoformat()}"
    if event.action == "cert_result" and after.attempts:
        last = after.attempts[-1]
        done = "; earned, done" if last.result == "pass" else ""
        return f"{event.cert_id}: attempt on {last.on.isoformat()}, {last.result}{done}"
    if event.action == "cert_earned" and after.earned_on is not None:
        credential = f", credential ID {after.credential_id}" if after.credential_id else ""
        return f"{event.cert_id}: earned on {after.earned_on.isoformat()}{credential}"
    if event.action == "cert_credit" and after.credits:
        c = after.credits[-1]
        note = f" ({c.note})" if c.note else ""
        return f"{event.cert_id}: {c.amount:g} credits on {c.on.isoformat()}{note}"
    return None


def describe_event(event: Event) -> str:
    """One line saying what ``event`` changed, e.g. ``ai.nlp: to do -> done``; a
    change the user dated (``--at``) ends with ``(on 2023-05-01)``."""
    text = _described(event)
    dated = event.as_of is not None and event.time_entry is None  # an entry says its day
    return f"{text} (on {day(event.as_of)})" if dated else text


def _described(event: Event) -> str:
    if event.action == "restore":
        return f"restored backup {event.backup}"
    interview = _describe_interview(event)
    if interview is not None:
        return interview
    if event.time_entry is not None:
        return _described_log(event, event.time_entry)
    cert = _describe_cert(event)
    if cert is not None:
        return cert
    if event.job_id is not None:
        job = event.job_after or event.job_before
        name = " at ".join(x for x in (job.title, job.company) if x) if job else ""
        verb = "added" if event.action == "job_add" else "removed"
        return f"job {event.job_id} {verb}" + (f" ({name})" if name else "")
    if event.action in ("item-add", "item-remove") and event.own_item is not None:
        own = event.own_item
        verb = "added" if event.action == "item-add" else "removed"
        return f"your item {own.id} ({own.title}, {hours(own.effort_hours)} h) {verb}"
    if event.index is not None and event.item is not None:
        return f"{event.item}: {_entry_change(event)}"
    if event.item is None and not event.changes:
        return "; ".join(_profile_changes(event)) or "profile unchanged"
    return "; ".join(
        f"{c.item}: " + ("; ".join(_item_changes(c)) or "unchanged") for c in event.item_changes()
    )


def entry_words(entry: TimeEntry) -> str:
    """A time-log entry in a few words: ``t3 1h30m on ai.nlp, 2026-11-22``."""
    return f"{entry.id} {spoken(entry.minutes)} on {entry.item}, {day(entry.at)}"


def _described_log(event: Event, entry: TimeEntry) -> str:
    """What a ``log`` or ``log-remove`` did: the entry, and the item's status fields
    it changed (a to-do item started, hours added to an amount)."""
    verb = "logged" if event.action == "log" else "removed from the log"
    parts = [f"{verb}: {entry_words(entry)}"]
    for change in event.item_changes():
        parts += _item_changes(change)
    return "; ".join(parts)


def _entry_change(event: Event) -> str:
    """What an edit or removal of a note or evidence entry did, numbered as ``aipm
    show`` numbers them."""
    assert event.index is not None
    number = event.index + 1
    if event.action == "note-edit" and event.note is not None:
        return f"note {number} edited: {event.note.text}"
    if event.action == "note-remove" and event.note_before is not None:
        return f"note {number} removed: {event.note_before.text}"
    if event.action == "evidence-edit" and event.evidence is not None:
        return f"evidence {number} edited: {_link(event.evidence)}"
    if event.evidence_before is not None:
        return f"evidence {number} removed: {_link(event.evidence_before)}"
    return "unchanged"


def _link(ev: Evidence) -> str:
    return (f"{ev.label}: " if ev.label else "") + ev.url


def _profile_changes(event: Event) -> list[str]:
    b_profile = event.profile_before or Profile()
    a_profile = event.profile_after or Profile()
    parts = []
    if a_profile.target_role != b_profile.target_role:
        parts.append(
            f"target role: {b_profile.target_role or 'default'} -> "
            f"{a_profile.target_role or 'default'}"
        )
    if a_profile.hours_per_week != b_profile.hours_per_week:
        b_pace = hours(b_profile.hours_per_week) if b_profile.hours_per_week else "-"
        a_pace = hours(a_profile.hours_per_week) if a_profile.hours_per_week else "-"
        parts.append(f"pace: {b_pace} -> {a_pace} h/week")
    added = [r for r in a_profile.require if r not in b_profile.require]
    dropped = [r for r in b_profile.require if r not in a_profile.require]
    if added:
        parts.append(f"also required: {', '.join(added)}")
    if dropped:
        parts.append(f"no longer required: {', '.join(dropped)}")
    if a_profile.degree != b_profile.degree:
        parts.append(f"degree: {b_profile.degree or '-'} -> {a_profile.degree or '-'}")
    return parts


def _item_changes(change: ItemChange) -> list[str]:
    b = change.before or ItemState()
    a = change.after
    changes = []
    if a.status != b.status:
        changes.append(f"{STATUS_LABEL[b.status]} -> {STATUS_LABEL[a.status]}")
    if a.level != b.level:
        changes.append(f"level {level_pair(b.level)} -> {level_pair(a.level)}")
    if a.amount != b.amount:
        changes.append(f"amount {hours(b.amount or 0)} -> {hours(a.amount or 0)}")
    if a.skip_reason != b.skip_reason and a.skip_reason:
        changes.append(f"reason: {a.skip_reason}")
    ticked = [n for n in a.steps_done if n not in b.steps_done]
    unticked = [n for n in b.steps_done if n not in a.steps_done]
    if ticked:
        changes.append(f"{plural(len(ticked), 'step')} {_numbers(ticked)} done")
    if unticked:
        changes.append(f"{plural(len(unticked), 'step')} {_numbers(unticked)} not done")
    for text in a.own_steps[len(b.own_steps) :]:
        changes.append(f"step added: {text}")
    if change.note is not None:
        changes.append(f"note: {change.note.text}")
    if change.evidence is not None:
        changes.append(f"evidence: {_link(change.evidence)}")
    return changes


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _moment(value: datetime | None) -> str:
    """A stored moment as its local date and time (``-`` for none)."""
    return "-" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def revert_lines(event: Event) -> list[str]:
    """What undoing ``event`` does, one line per field it puts back, from the value
    now to the value before: ``cert.csm: status done -> to do``. Exact: every field
    the event changed is named."""
    if event.action == "restore":
        if event.replaced_backup is None:
            return ["back to a fresh start (there was no file before the restore)"]
        return [f"back to the file the restore replaced (backup {event.replaced_backup})"]
    if event.action in ("item-add", "item-remove") and event.own_item is not None:
        own = event.own_item
        back = (
            f"your item {own.id} is removed again"
            if event.action == "item-add"
            else f"your item {own.id} ({own.title}) is put back"
        )
        return [back, *_profile_reverts(event)]
    lines: list[str] = []
    if event.time_entry is not None:
        taken = "taken out of" if event.action == "log" else "put back in"
        lines.append(f"time-log entry {entry_words(event.time_entry)}: {taken} the log")
    elif event.index is not None and event.item is not None:
        return [f"{event.item}: {_entry_revert(event)}"]
    elif event.item is None and not event.changes:
        return _profile_reverts(event)
    for change in event.item_changes():
        lines += [f"{change.item}: {text}" for text in _item_reverts(change)]
    return lines


def _entry_revert(event: Event) -> str:
    assert event.index is not None
    number = event.index + 1
    if event.action == "note-edit" and event.note_before is not None and event.note:
        return f"note {number} {event.note.text!r} -> {event.note_before.text!r}" + (
            f", dated {day(event.note.at)} -> {day(event.note_before.at)}"
            if event.note.at != event.note_before.at
            else ""
        )
    if event.action == "note-remove" and event.note_before is not None:
        return f"note {number} put back: {event.note_before.text}"
    if event.action == "evidence-edit" and event.evidence_before and event.evidence:
        now, was = event.evidence, event.evidence_before
        text = f"evidence {number} {_link(now)} -> {_link(was)}"
        if now.credential_id != was.credential_id:
            ids = (now.credential_id or "none", was.credential_id or "none")
            text += f", credential ID {ids[0]} -> {ids[1]}"
        if now.at != was.at:
            text += f", dated {day(now.at)} -> {day(was.at)}"
        return text
    assert event.evidence_before is not None
    return f"evidence {number} put back: {_link(event.evidence_before)}"


def _profile_reverts(event: Event) -> list[str]:
    if event.profile_before is None and event.profile_after is None:
        return []
    before = event.profile_before or Profile()
    after = event.profile_after or Profile()
    lines = []
    if after.target_role != before.target_role:
        lines.append(
            f"target role {after.target_role or 'default'} -> {before.target_role or 'default'}"
        )
    if after.hours_per_week != before.hours_per_week:
        a_pace = hours(after.hours_per_week) if after.hours_per_week else "-"
        b_pace = hours(before.hours_per_week) if before.hours_per_week else "-"
        lines.append(f"pace {a_pace} -> {b_pace} h/week")
    if after.require != before.require:
        lines.append(
            f"also required {', '.join(after.require) or '-'} -> {', '.join(before.require) or '-'}"
        )
    return lines


def _item_reverts(change: ItemChange) -> list[str]:
    a = change.after
    b = change.before or ItemState()
    lines = []
    if a.status != b.status:
        lines.append(f"status {STATUS_LABEL[a.status]} -> {STATUS_LABEL[b.status]}")
    if a.level != b.level:
        lines.append(f"level {level_pair(a.level)} -> {level_pair(b.level)}")
    if a.amount != b.amount:
        lines.append(f"amount {hours(a.amount or 0)} -> {hours(b.amount or 0)}")
    if a.started_at != b.started_at:
        lines.append(f"started {_moment(a.started_at)} -> {_moment(b.started_at)}")
    if a.completed_at != b.completed_at:
        lines.append(f"completed {_moment(a.completed_at)} -> {_moment(b.completed_at)}")
    if a.skip_reason != b.skip_reason:
        lines.append(f"reason {a.skip_reason or '-'} -> {b.skip_reason or '-'}")
    if a.steps_done != b.steps_done:
        lines.append(
            f"steps done {_numbers(a.steps_done) or '-'} -> {_numbers(b.steps_done) or '-'}"
        )
    for text in a.own_steps[len(b.own_steps) :]:
        lines.append(f"step {text!r} removed")
    if change.note is not None:
        lines.append(f"note removed: {change.note.text}")
    if change.evidence is not None:
        lines.append(f"evidence removed: {_link(change.evidence)}")
    return lines


class PlanTable(NamedTuple):
    """The plan as the reports show it, every cell as text: ``past`` weeks (week of,
    planned, logged, earned, SV, SPI) with their ``total`` row (None: nothing logged
    before this week), the ``future`` weeks (week of, hours, study: ``ID hours, ...``),
    and ``more``, how many weeks to come are left out."""

    past: list[tuple[str, str, str, str, str, str]]
    total: tuple[str, str, str, str, str, str] | None
    future: list[tuple[str, str, str]]
    more: int


def _h1(value: float) -> str:
    return hours(round(value, 1))


def signed_hours(value: float) -> str:
    """Hours with their sign, to a tenth: ``+2.5``, ``-1``, ``0`` (a variance)."""
    shown = round(value, 1)
    return f"+{hours(shown)}" if shown > 0 else hours(shown if shown else 0.0)


def spi_text(spi: float | None) -> str:
    """A schedule performance index to two decimals; ``-`` when nothing was planned."""
    return "-" if spi is None else f"{spi:.2f}"


def spi_words(spi: float | None) -> str:
    """What a schedule performance index says: on schedule (0.95 to 1.05), behind
    or ahead; "nothing planned" for None."""
    if spi is None:
        return "nothing planned"
    if spi < 0.95:
        return "behind schedule"
    if spi > 1.05:
        return "ahead of schedule"
    return "on schedule"


def spi_summary(spi: float | None, earned: float, planned: float, logged: float) -> str:
    """The plan-against-done sentence of the plan screen and the reports:
    ``SPI 0.85: behind schedule (earned 17 of the 20 planned hours; 19 logged).``"""
    if spi is None:
        return (
            f"No SPI: no hours were planned for these weeks (no pace set); "
            f"{_h1(logged)} logged, {_h1(earned)} earned."
        )
    return (
        f"SPI {spi_text(spi)}: {spi_words(spi)} (earned {_h1(earned)} of the "
        f"{_h1(planned)} planned hours; {_h1(logged)} logged)."
    )


def week_work(week: PlanWeek) -> str:
    """What a plan week holds, as one line of text: each item with its hours to a tenth
    (``ai.nlp 3.5, pm.scope 2``), then each exam booked in it (``; EXAM cert.pmp on
    2026-12-20``); ``-`` when it holds neither. The terminal, Markdown and HTML plans
    all show it."""
    work = ", ".join(f"{i.id} {_h1(i.hours)}" for i in week.items)
    exams = "; ".join(f"EXAM {e.cert} on {e.on.isoformat()}" for e in week.exams)
    return "; ".join(part for part in (work, exams) if part) or "-"


def plan_table(plan: Plan, weeks: int = 12) -> PlanTable:
    """``plan`` as :class:`PlanTable`: the last ``weeks`` past weeks and the next
    ``weeks`` weeks, hours rounded to a tenth, SPI to two decimals."""
    past: list[tuple[str, str, str, str, str, str]] = []
    total = None
    a = plan.actual
    if a is not None:
        past = [
            (w.start.isoformat(), _h1(w.planned), _h1(w.logged), _h1(w.earned),
             signed_hours(w.variance), spi_text(w.spi))
            for w in a.weeks[-weeks:]
        ]  # fmt: skip
        total = (
            "To date", _h1(a.planned), _h1(a.logged), _h1(a.earned), signed_hours(a.variance),
            spi_text(a.spi),
        )  # fmt: skip
    future = [(w.start.isoformat(), _h1(w.hours), week_work(w)) for w in plan.weeks[:weeks]]
    return PlanTable(past, total, future, max(0, len(plan.weeks) - weeks))
