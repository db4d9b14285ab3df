"""Certifications from eligibility to renewal (``aipm cert``, ``aipm experience``):
months of experience, the eligibility checklist, the booked exam, attempts, the
certificate and its renewal. Pure: ``today`` (a local date) is passed in.

Every threshold comes from the curriculum's certification items
(``eligibility_rules``, ``renewal_credits``, ``attempts_allowed``), which the bundled
curriculum fills in from shared/curriculum-facts.md; nothing here is a fact of its own.
Contact hours are read from the quantity item's recorded ``amount`` (the engine's
:func:`~aipm_tracker.engine.items.state`), so whatever records them (``aipm amount``,
a time log) counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from ..errors import UsageError
from ..models import (
    Attempt,
    AttemptsAllowed,
    CertRecord,
    Credit,
    Curriculum,
    EligibilityOption,
    Experience,
    Item,
    RenewalCredits,
    Standing,
)
from .items import state

EXAM_REMINDER_DAYS = 30
"""``status`` reminds of a booked exam this many days ahead or fewer."""

RENEWAL_REMINDER_DAYS = 90
"""``status`` reminds of a renewal due this many days ahead or fewer."""

DEGREE_WORDS = {"four-year": "a 4-year degree", "secondary": "a secondary diploma"}
"""How a checklist names each degree."""

KIND_WORDS = {"project-lead": "leading projects", "agile": "agile work"}
"""How a checklist names each kind of experience."""


def month_number(month: str) -> int:
    """``YYYY-MM`` as a count of months since year 0 (``2024-01`` -> 24288), so that
    months subtract: ``month_number('2024-03') - month_number('2023-12') == 3``."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_text(number: int) -> str:
    """The inverse of :func:`month_number`: 24288 -> ``'2024-01'``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def experience_months(
    entries: Iterable[Experience], kind: str, this_month: str, within_months: int
) -> int:
    """The number of distinct calendar months of ``kind`` experience within the last
    ``within_months`` months.

    Months are whole calendar months and both ends of an entry count: from 2023-01 to
    2023-03 is 3 months (January, February, March). An entry with no ``to`` is ongoing
    up to ``this_month`` (``YYYY-MM``, the current local month). The window is the
    ``within_months`` months ending with ``this_month``, inclusive: with ``this_month``
    2026-11 and 96 months (PMP's 8 years) it runs from 2018-12 to 2026-11. Months
    outside the window, or after ``this_month``, are not counted. Overlapping entries
    count each month once (the union of their months), as PMP counts overlapping
    projects (curriculum-facts.md). Never more than ``within_months``.
    """
    now = month_number(this_month)
    first = now - within_months + 1
    months: set[int] = set()
    for entry in entries:
        if entry.kind != kind:
            continue
        start = max(month_number(entry.from_), first)
        end = min(month_number(entry.to) if entry.to else now, now)
        months.update(range(start, end + 1))
    return len(months)


class RuleCheck(NamedTuple):
    """One line of an eligibility checklist: the rule's ``kind`` (see
    :class:`~aipm_tracker.models.EligibilityOption`), ``text`` saying where the user
    stands ("contact hours 12 of 35 h"), ``met`` (None: cannot tell, e.g. the degree is
    not given), ``missing`` (what is left to do; None when met), ``unconfirmed`` (the
    rule is not confirmed by the facts sheet) and, for ``any_of``, the ``options``.
    A measured rule also gives the ``amount`` the user has and the ``target`` it needs,
    in ``unit`` (``months`` of experience, ``hours`` of a quantity item or course);
    all three None otherwise."""

    kind: str
    text: str
    met: bool | None
    missing: str | None
    unconfirmed: bool
    options: list[RuleCheck]
    amount: float | None = None
    target: float | None = None
    unit: str | None = None


class Renewal(NamedTuple):
    """Where a certificate stands on its renewal: ``credits_needed`` of ``unit`` every
    ``years`` years; the current period from ``period_start`` to ``due_on`` (local
    dates; credits logged on ``period_start`` up to the day before ``due_on`` count),
    ``days_left`` until ``due_on``, the ``credits`` logged in it, and ``as_of`` (the
    month the curriculum's figure was checked)."""

    credits_needed: float
    unit: str
    years: int
    period_start: date
    due_on: date
    days_left: int
    credits: float
    as_of: str | None


class CertStatus(NamedTuple):
    """One certification as ``aipm cert`` shows it.

    ``id``, ``title``, ``body`` and ``as_of`` (the month its facts were checked) come
    from the curriculum, as do ``eligibility`` (the prose) and ``unconfirmed`` (the
    figures not confirmed). ``checklist`` has a :class:`RuleCheck` per rule (None: the
    curriculum models no rules for it) and ``eligible`` says whether all are met (None:
    cannot tell). ``exam_on`` is the booked exam (a local date, None: none) and
    ``days_left`` the days until it; ``attempts`` the recorded ones, oldest first;
    ``attempts_allowed`` what one purchase gives, and with attempts recorded
    ``retake_until`` (the last day of that window) and ``attempts_left``.
    ``earned_on`` (a local date: the record's, else the day the item was marked done),
    ``credential_id``, ``active`` (earned and not lapsed: the last finished renewal
    period had its credits) and ``renewal`` (None: not earned, or no renewal);
    ``renewal_credits`` is the curriculum's rule (None: no renewal modelled).
    """

    id: str
    title: str
    body: str | None
    as_of: str | None
    eligibility: str | None
    checklist: list[RuleCheck] | None
    eligible: bool | None
    exam_on: date | None
    days_left: int | None
    attempts: list[Attempt]
    attempts_allowed: AttemptsAllowed | None
    retake_until: date | None
    attempts_left: int | None
    earned_on: date | None
    credential_id: str | None
    active: bool
    renewal: Renewal | None
    renewal_credits: RenewalCredits | None
    unconfirmed: list[str]


class Reminder(NamedTuple):
    """A date ``status`` reminds of: ``cert`` (item ID) and its ``title``, ``what``
    (``exam`` or ``renewal``), the local date ``on`` and the ``days_left``."""

    cert: str
    title: str
    what: str
    on: date
    days_left: int


def certifications(curriculum: Curriculum) -> list[Item]:
    """The curriculum's certification items, in curriculum order."""
    return [i for i in curriculum.items if i.kind == "certification"]


def resolve_cert(curriculum: Curriculum, query: str) -> str:
    """The certification item a CERT argument names: its ID, or the ID without
    ``cert.`` (``pmp``), or its short name in the title (``PMP``, ``psm-1``), any case.
    Raises :class:`UsageError` (exit 2) for an item that is not a certification or no
    certification at all, listing the known ones."""
    text = query.strip().lower()
    certs = certifications(curriculum)
    for item in certs:
        if text in (item.id, item.id.removeprefix("cert."), *(k.lower() for k in item.keywords)):
            return item.id
    known = ", ".join(i.id for i in certs) or "none"
    if text in curriculum.item_map:
        raise UsageError(f"{text} is not a certification (certifications: {known})")
    raise UsageError(f"{query.strip()!r} is not a certification of this curriculum: use {known}")


def add_years(day: date, years: int) -> date:
    """``day`` ``years`` years later; 29 February becomes 28 February in a year that
    has no 29th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def earned_on(progress: Standing, cert_id: str) -> date | None:
    """When ``cert_id`` was earned: the record's ``earned_on``, else the (UTC-offset)
    date its item was marked done; None when neither."""
    record = progress.certs.get(cert_id)
    if record is not None and record.earned_on is not None:
        return record.earned_on
    st = state(progress, cert_id)
    if st.status == "done" and st.completed_at is not None:
        return st.completed_at.date()
    return None


def _credits(credits: list[Credit], start: date, end: date) -> float:
    return sum(c.amount for c in credits if start <= c.on < end)


def renewal(item: Item, record: CertRecord, earned: date, today: date) -> tuple[Renewal, bool]:
    """The current renewal period of ``item`` earned on ``earned`` and whether the
    certificate is still active (the period before this one, if any, had its credits).
    Periods run ``years`` years each from ``earned``. ``item.renewal_credits`` must be
    set."""
    rc = item.renewal_credits
    assert rc is not None
    start, due = earned, add_years(earned, rc.years)
    previous: date | None = None
    while due <= today:
        previous, start, due = start, due, add_years(due, rc.years)
    active = previous is None or _credits(record.credits, previous, start) >= rc.amount
    found = Renewal(
        credits_needed=rc.amount,
        unit=rc.unit,
        years=rc.years,
        period_start=start,
        due_on=due,
        days_left=(due - today).days,
        credits=_credits(record.credits, start, due),
        as_of=item.as_of,
    )
    return found, active


def _num(value: float) -> str:
    return f"{value:g}"


def _check(
    rule: EligibilityOption, curriculum: Curriculum, progress: Standing, cert_id: str, today: date
) -> RuleCheck:
    """One rule checked (see :class:`RuleCheck`)."""
    unconfirmed = rule.confidence == "unconfirmed"
    kind = rule.kind
    if kind == "any_of":
        return _any_of(rule, curriculum, progress, cert_id, today)
    if kind == "experience":
        return _experience(rule, progress, today)
    if kind == "degree":
        assert rule.degree is not None
        need = DEGREE_WORDS[rule.degree]
        met = _degree_met(progress, rule.degree)
        missing = None if met else f"{need} (say yours with: aipm target --degree)"
        text = f"{need}: " + {True: "yes", False: "no", None: "not given"}[met]
        return RuleCheck(kind, text, met, missing if met is not True else None, unconfirmed, [])
    if kind == "quantity":
        assert rule.quantity is not None
        item = curriculum.item_map.get(rule.quantity)
        target = item.quantity.target if item is not None and item.quantity else 0.0
        unit = (
            "h"
            if item is None or item.quantity is None or item.quantity.unit == "hours"
            else "months"
        )
        amount = state(progress, rule.quantity).amount or 0.0
        noun = item.title if item is not None else rule.quantity
        met_q = amount >= target
        text = f"{noun}: {_num(amount)} of {_num(target)} {unit}"
        missing = None if met_q else f"{_num(target - amount)} {unit} more ({rule.quantity})"
        unit_name = "months" if unit == "months" else "hours"
        return RuleCheck(kind, text, met_q, missing, unconfirmed, [], amount, target, unit_name)
    if kind == "cert_active":
        assert rule.cert_active is not None
        other = curriculum.item_map.get(rule.cert_active)
        name = _short(other) if other is not None else rule.cert_active
        active = _is_active(curriculum, progress, rule.cert_active, today)
        text = f"an active {name}: " + ("yes" if active else "no")
        return RuleCheck(
            kind, text, active, None if active else f"an active {name}", unconfirmed, []
        )
    assert rule.course_hours is not None
    record = progress.certs.get(cert_id) or CertRecord()
    taken = bool(record.attempts) or earned_on(progress, cert_id) is not None
    hours = _num(rule.course_hours)
    text = f"{hours}-hour course: " + ("taken" if taken else "not recorded yet")
    missing = None if taken else f"the {hours}-hour course (counted once an attempt is recorded)"
    return RuleCheck(kind, text, taken, missing, unconfirmed, [])


def _short(item: Item) -> str:
    """A certification's short name: its first keyword (``CAPM``), else its ID."""
    return item.keywords[0] if item.keywords else item.id


def _degree_met(progress: Standing, needed: str) -> bool | None:
    have = progress.profile.degree
    if have is None:
        return None
    return have == needed or have == "four-year"


def _experience(rule: EligibilityOption, progress: Standing, today: date) -> RuleCheck:
    assert rule.experience is not None and rule.months is not None
    assert rule.within_months is not None
    this_month = f"{today.year:04d}-{today.month:02d}"
    months = experience_months(progress.experience, rule.experience, this_month, rule.within_months)
    years = rule.within_months / 12
    window = f"{_num(years)} years" if years.is_integer() else f"{rule.within_months} months"
    text = (
        f"experience {KIND_WORDS[rule.experience]}: {months} of {rule.months} months "
        f"in the last {window}"
    )
    applies = _degree_met(progress, rule.degree) if rule.degree is not None else True
    if rule.degree is not None:
        text += f" (with {DEGREE_WORDS[rule.degree]})"
    met: bool | None = months >= rule.months if applies is True else applies
    missing = None
    if met is False and applies is False:
        missing = f"{DEGREE_WORDS[rule.degree or 'secondary']} for this threshold"
    elif met is not True:
        missing = f"{max(rule.months - months, 0)} more months of {KIND_WORDS[rule.experience]}"
        if rule.degree is not None:
            missing += f" (with {DEGREE_WORDS[rule.degree]})"
    return RuleCheck(
        "experience",
        text,
        met,
        missing,
        rule.confidence == "unconfirmed",
        [],
        float(months),
        float(rule.months),
        "months",
    )


def _any_of(
    rule: EligibilityOption, curriculum: Curriculum, progress: Standing, cert_id: str, today: date
) -> RuleCheck:
    options = [_check(r, curriculum, progress, cert_id, today) for r in rule.options]
    degree_bound = [r.degree is not None and r.kind == "experience" for r in rule.options]
    if all(degree_bound) and progress.profile.degree is not None:
        # The user said their degree: show the threshold of that degree only (a
        # 4-year degree also meets the secondary diploma's, which asks for more).
        exact = [
            o
            for o, r in zip(options, rule.options, strict=True)
            if r.degree == progress.profile.degree
        ]
        options = exact or options
    if any(o.met is True for o in options):
        met: bool | None = True
    elif any(o.met is None for o in options):
        met = None
    else:
        met = False
    text = ", or ".join(o.text for o in options)
    if all(degree_bound) and progress.profile.degree is None:
        text = "degree not given (aipm target --degree four-year|secondary): " + text
    missing = None if met is True else " or ".join(o.missing or o.text for o in options)
    unconfirmed = rule.confidence == "unconfirmed" or any(o.unconfirmed for o in options)
    return RuleCheck("any_of", text, met, missing, unconfirmed, options)


def _is_active(curriculum: Curriculum, progress: Standing, cert_id: str, today: date) -> bool:
    earned = earned_on(progress, cert_id)
    item = curriculum.item_map.get(cert_id)
    if earned is None or item is None:
        return False
    if item.renewal_credits is None:
        return True
    return renewal(item, progress.certs.get(cert_id) or CertRecord(), earned, today)[1]


def cert_status(
    curriculum: Curriculum, progress: Standing, cert_id: str, today: date
) -> CertStatus:
    """Where the user stands on the certification ``cert_id`` (a resolved ID) on the
    local date ``today`` (see :class:`CertStatus`)."""
    item = curriculum.item_map[cert_id]
    record = progress.certs.get(cert_id) or CertRecord()
    checklist = None
    eligible: bool | None = None
    if item.eligibility_rules is not None:
        checklist = [
            _check(r, curriculum, progress, cert_id, today) for r in item.eligibility_rules
        ]
        if all(c.met is True for c in checklist):
            eligible = True
        elif any(c.met is False for c in checklist):
            eligible = False
    earned = earned_on(progress, cert_id)
    found_renewal, active = None, earned is not None
    if earned is not None and item.renewal_credits is not None:
        found_renewal, active = renewal(item, record, earned, today)
    retake_until = attempts_left = None
    allowed = item.attempts_allowed
    if allowed is not None and record.attempts and earned is None:
        window_end = record.attempts[0].on + timedelta(days=allowed.within_days)
        retake_until = window_end
        attempts_left = max(allowed.count - len(record.attempts), 0) if today <= window_end else 0
    exam_on = record.exam_on if record.exam_on is not None and record.exam_on >= today else None
    return CertStatus(
        id=item.id,
        title=item.title,
        body=item.body,
        as_of=item.as_of,
        eligibility=item.eligibility,
        checklist=checklist,
        eligible=eligible,
        exam_on=exam_on,
        days_left=(exam_on - today).days if exam_on is not None else None,
        attempts=list(record.attempts),
        attempts_allowed=allowed,
        retake_until=retake_until,
        attempts_left=attempts_left,
        earned_on=earned,
        credential_id=record.credential_id,
        active=active,
        renewal=found_renewal,
        renewal_credits=item.renewal_credits,
        unconfirmed=list(item.unconfirmed),
    )


def cert_statuses(curriculum: Curriculum, progress: Standing, today: date) -> list[CertStatus]:
    """:func:`cert_status` of every certification of the curriculum, in its order."""
    return [cert_status(curriculum, progress, i.id, today) for i in certifications(curriculum)]


def cert_dates(curriculum: Curriculum, progress: Standing, today: date) -> list[Reminder]:
    """Every booked exam from ``today`` on and every renewal due date of an earned
    certification, soonest first (ties: exams first, then curriculum order)."""
    found: list[Reminder] = []
    for cert_id, record in progress.certs.items():
        item = curriculum.item_map.get(cert_id)
        if item is None:
            continue
        if record.exam_on is not None and record.exam_on >= today:
            found.append(
                Reminder(cert_id, item.title, "exam", record.exam_on, (record.exam_on - today).days)
            )
    for item in certifications(curriculum):
        earned = earned_on(progress, item.id)
        if earned is None or item.renewal_credits is None:
            continue
        due = renewal(item, progress.certs.get(item.id) or CertRecord(), earned, today)[0]
        found.append(Reminder(item.id, item.title, "renewal", due.due_on, due.days_left))
    order = {i.id: n for n, i in enumerate(curriculum.items)}
    return sorted(found, key=lambda r: (r.on, r.what != "exam", order.get(r.cert, 0)))


def reminders(curriculum: Curriculum, progress: Standing, today: date) -> list[Reminder]:
    """The dates ``status`` reminds of: booked exams within :data:`EXAM_REMINDER_DAYS`
    days and renewals due within :data:`RENEWAL_REMINDER_DAYS` days of ``today``."""
    if not progress.certs and not any(
        state(progress, i.id).status == "done" for i in certifications(curriculum)
    ):
        return []
    limit = {"exam": EXAM_REMINDER_DAYS, "renewal": RENEWAL_REMINDER_DAYS}
    return [r for r in cert_dates(curriculum, progress, today) if r.days_left <= limit[r.what]]


class ExperienceRow(NamedTuple):
    """One experience entry as ``aipm experience list`` shows it: ``id``, ``title``,
    months ``start`` and ``end`` (``YYYY-MM``; ``end`` None: ongoing), ``kind`` and
    ``months``, the calendar months it spans up to this month, both ends included."""

    id: str
    title: str
    start: str
    end: str | None
    kind: str
    months: int


class ExperienceList(NamedTuple):
    """``aipm experience list``: the ``entries`` (in the order added) and, per kind,
    the distinct months counted by each certification rule that reads them
    (``counted``: ``[(kind, within_months, months)]``, overlaps counted once)."""

    entries: list[ExperienceRow]
    counted: list[tuple[str, int, int]]


def experience_list(curriculum: Curriculum, progress: Standing, today: date) -> ExperienceList:
    """The user's experience entries and the months the curriculum's experience rules
    count from them on ``today`` (a local date)."""
    this_month = f"{today.year:04d}-{today.month:02d}"
    now = month_number(this_month)
    rows = [
        ExperienceRow(
            e.id,
            e.title,
            e.from_,
            e.to,
            e.kind,
            max(min(month_number(e.to) if e.to else now, now) - month_number(e.from_) + 1, 0),
        )
        for e in progress.experience
    ]
    windows: list[tuple[str, int]] = []
    for item in certifications(curriculum):
        for rule in _flat(item.eligibility_rules or []):
            if rule.experience is not None and rule.within_months is not None:
                pair = (rule.experience, rule.within_months)
                if pair not in windows:
                    windows.append(pair)
    counted = [
        (kind, within, experience_months(progress.experience, kind, this_month, within))
        for kind, within in windows
    ]
    return ExperienceList(rows, counted)


def _flat(rules: Sequence[EligibilityOption]) -> list[EligibilityOption]:
    found: list[EligibilityOption] = []
    for rule in rules:
        found.append(rule)
        found.extend(_flat(rule.options))
    return found
