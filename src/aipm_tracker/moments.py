"""Reading when something happened (``--at WHEN``) in the user's words: an ISO 8601
date or time, a year and month, or a word such as ``yesterday``. Pure: the caller
passes now and the user's time zone.

Python's own ``datetime.fromisoformat`` reads every ISO 8601 form a person types
(``2023-05-01``, ``2023-05-01T14:30``, ``2023-05-01 14:30+02:00``, ``...Z``) since
Python 3.11, the oldest this package supports; only the year-and-month form
(``2023-05``) and the words are read here. (python-dateutil's ``isoparse`` would add
nothing else, and a dependency.)
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from .errors import UsageError

NOON = time(12, 0)
"""The time of day a date without one stands for: the middle of the day, so that
the date stays the same when shown in a neighbouring time zone."""

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_AGO = re.compile(r"^(\d{1,6})\s*(day|days|d|week|weeks|w)\s+ago$")

FORMS = (
    "use a date (2023-05-01), a year and month (2023-05), a time (2023-05-01T14:30), "
    "today, yesterday or N days ago"
)
"""What ``--at`` takes, for its help and its errors."""


def _on(day: date, now: datetime, tz: tzinfo) -> datetime:
    """Local day ``day`` as a moment: now if it is today, else its noon in ``tz``."""
    if day == now.astimezone(tz).date():
        return now
    return datetime.combine(day, NOON, tzinfo=tz)


def parse_when(text: str, now: datetime, tz: tzinfo) -> datetime:
    """The aware moment ``text`` names, read in the time zone ``tz`` when it names no
    offset. A date without a time is that day at noon (today: ``now``); a year and
    month is the first of the month. Raises :class:`UsageError` (exit 2) for
    anything else, or a moment before 1970. Whether it lies in the future is the
    change's to say (:func:`aipm_tracker.changes.check_moment`)."""
    words = " ".join(text.strip().lower().split())
    local_today = now.astimezone(tz).date()
    found: datetime | None = None
    if words in ("now", "today"):
        found = now
    elif words == "yesterday":
        found = _on(local_today - timedelta(days=1), now, tz)
    elif match := _AGO.match(words):
        count, unit = int(match.group(1)), match.group(2)
        days = count * (7 if unit.startswith("w") else 1)
        if days <= 365 * 60:
            found = _on(local_today - timedelta(days=days), now, tz)
    elif match := _YEAR_MONTH.match(words):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            found = _on(date(year, month, 1), now, tz)
    else:
        found = _iso(words.upper(), now, tz)
    if found is None:
        raise UsageError(f"--at {text.strip()!r} is not a date or time: {FORMS}.")
    if found.year < 1970:
        raise UsageError(f"--at {text.strip()!r} is before 1970; aipm records no earlier times.")
    return found


def _iso(text: str, now: datetime, tz: tzinfo) -> datetime | None:
    """An ISO 8601 date or time (None: not one). A date alone is that day (see
    :func:`_on`); a time without an offset is in ``tz``."""
    if not text or not text[0].isdigit():
        return None
    try:
        if len(text) <= 10 and ":" not in text:
            return _on(date.fromisoformat(text), now, tz)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def parse_day(text: str, option: str) -> date:
    """The calendar date ``text`` names (``YYYY-MM-DD``), for options that take a day
    and no time (``--by DATE``, ``--follow-up DATE``; ``option`` names it in the
    message). Raises :class:`UsageError` (exit 2) for text that is not a date or a date
    that does not exist (``2026-02-30``), or a year before 1970 or after 2999."""
    words = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", words)
    if match is None:
        raise UsageError(f"{option} {words!r} is not a date: give it as YYYY-MM-DD (2027-03-15).")
    year, month, day = (int(g) for g in match.groups())
    try:
        found = date(year, month, day)
    except ValueError:
        raise UsageError(
            f"{option} {words!r} is not a day of the calendar: {year}-{month:02d} has no day {day}."
            if 1 <= month <= 12
            else f"{option} {words!r} is not a day of the calendar: there is no month {month}."
        ) from None
    if not 1970 <= found.year <= 2999:
        raise UsageError(f"{option} {words!r} is outside the years 1970-2999 that aipm records.")
    return found
