"""The study plan as an iCalendar file (RFC 5545), written with the icalendar
library: the only module that imports it, loaded only for ``aipm plan --ics`` and
``aipm export --format ics``.

Each study block (an item's hours in one ISO week) is an all-day event over its week,
Monday to Sunday; the ready-on date is one all-day event. A block's UID names the
role, the item and the block's number for that item, never a date, so a re-export
after the plan moved updates a subscribed calendar's events instead of adding new
ones. All-day events carry dates, not times, so they fall on the same days in every
time zone.

Each booked exam and each renewal due date (``plan.dates``) is an all-day event too,
with a UID that names the certification and what the date is (``exam.cert.pmp``,
``renewal.cert.pmp``), so a moved booking updates the one event.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..engine import Plan
from .text import hours

PRODID = "-//aipm-tracker//study plan//EN"
"""The calendar's product identifier (RFC 5545 section 3.7.3)."""


def uid(role_id: str, what: str) -> str:
    """The stable UID of an event of ``role_id``'s plan: ``what`` is ``ITEM-N`` for
    the item's N-th block (from 1) or ``ready-on``."""
    return f"{what}.{role_id}@aipm-tracker"


def cert_uid(cert_id: str, what: str) -> str:
    """The stable UID of a certification date: ``what`` is ``exam`` or ``renewal``."""
    return f"{what}.{cert_id}@aipm-tracker"


def calendar(plan: Plan, stamp: datetime) -> str:
    """The iCalendar text of ``plan``; ``stamp`` (an aware datetime) is every event's
    DTSTAMP, the moment the file is made."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"AI-PM study plan: {plan.role_title}")
    blocks: dict[str, int] = {}
    for week in plan.weeks:
        for item in week.items:
            blocks[item.id] = blocks.get(item.id, 0) + 1
            event = icalendar.Event()
            event.add("uid", uid(plan.role_id, f"{item.id}-{blocks[item.id]}"))
            event.add("dtstamp", stamp)
            event.add("dtstart", week.start)
            event.add("dtend", week.start + timedelta(days=7))
            event.add("summary", f"Study {item.title} ({hours(round(item.hours, 1))} h)")
            event.add("description", f"aipm show {item.id}")
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    if plan.ready_on is not None:
        event = icalendar.Event()
        event.add("uid", uid(plan.role_id, "ready-on"))
        event.add("dtstamp", stamp)
        event.add("dtstart", plan.ready_on)
        event.add("dtend", plan.ready_on + timedelta(days=1))
        event.add("summary", f"Ready for {plan.role_title} (aipm plan)")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    for d in plan.dates:
        event = icalendar.Event()
        event.add("uid", cert_uid(d.cert, d.what))
        event.add("dtstamp", stamp)
        event.add("dtstart", d.on)
        event.add("dtend", d.on + timedelta(days=1))
        what = "exam" if d.what == "exam" else "renewal due"
        event.add("summary", f"{d.title}: {what} (aipm cert {d.cert})")
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
