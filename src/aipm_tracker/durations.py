"""Reading a length of study time (``aipm log ITEM DURATION``) in the user's words:
hours, minutes or both (``90m``, ``1.5h``, ``1h30m``, ``2 h 15 min``). Pure.

No well-kept library reads this small form: python-dateutil parses moments, not
lengths, and ISO 8601 durations (``PT1H30M``) are not what a person types after a
study session; a regular expression says exactly what is accepted.
"""

from __future__ import annotations

import re

from .errors import UsageError
from .models import MAX_ENTRY_MINUTES

_NUMBER = r"\d+(?:\.\d+)?|\.\d+"
_DURATION = re.compile(
    rf"^(?:(?P<h>{_NUMBER})\s*(?:h|hr|hrs|hour|hours))?"
    rf"\s*(?:(?P<m>{_NUMBER})\s*(?:m|min|mins|minute|minutes))?$"
)

FORMS = "give hours and/or minutes, such as 90m, 1.5h or 1h30m"
"""What DURATION takes, for its help and its errors."""


def parse_duration(text: str) -> int:
    """The length ``text`` names, in whole minutes (hours times 60 plus minutes,
    rounded to the nearest minute: ``1.33h`` is 80). Case and spaces between the
    parts do not matter.

    Raises :class:`UsageError` (exit 2) for text that is no duration (``abc``,
    ``1h99x``, a bare ``90`` without its unit), a negative one (``-3h``), one shorter
    than a minute (``0``, ``0m``, ``0.001h``) or one longer than a day
    (:data:`~aipm_tracker.models.MAX_ENTRY_MINUTES`)."""
    shown = text.strip()
    words = "".join(shown.lower().split())
    if words.startswith("-"):
        raise UsageError(
            f"{shown!r} is negative: a duration is time you spent. To take back an entry, "
            "find its ID with aipm log list and run aipm log remove ID."
        )
    match = _DURATION.match(words)
    if not words or match is None or not (match.group("h") or match.group("m")):
        if re.fullmatch(_NUMBER, words) and float(words) == 0:
            raise UsageError(f"{shown!r} is no time: log at least one minute (e.g. 30m).")
        raise UsageError(f"{shown!r} is not a duration: {FORMS}.")
    minutes = round(float(match.group("h") or 0) * 60 + float(match.group("m") or 0))
    if minutes < 1:
        raise UsageError(f"{shown!r} is less than a minute: log at least one minute (e.g. 30m).")
    if minutes > MAX_ENTRY_MINUTES:
        raise UsageError(
            f"{shown!r} is longer than a day; log a longer stretch day by day "
            "(aipm log ITEM 6h --at 2026-11-30), or a course's contact hours with aipm amount."
        )
    return minutes


def spoken(minutes: float) -> str:
    """``minutes`` as a person writes them, the form :func:`parse_duration` reads:
    ``45m``, ``2h``, ``1h30m`` (whole minutes; a fraction is rounded)."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest}m" if rest else f"{hours}h"
