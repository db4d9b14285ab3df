"""Terminal rendering: the only package that imports rich.

Each ``*_view`` function turns engine results into a rich renderable; :func:`show`
prints one. One module per view group, so that a reader finds a screen by its noun:

================ ==================================================================
``console``      printing (show, say, notice, warn, error), literal text (safe), bars,
                 status labels, local times
``fit``          the table every view uses, fitted to 60-200 columns by one rule
``status``       readiness, categories, the status screen, gaps, next steps
``items``        the list table, the show screen, the history
``curriculum``   target roles, the curriculum screen, the places of ``aipm path``
``burndown``     the burndown chart
``plan``         the weekly plan and the roles side by side
``backup``       the backup list
``doctor``       the doctor report
``interview``    a drill card, what is due, stories, applications, contacts
``jobs``         saved jobs, ``match``, ``market`` and ``cv check``
``timelog``      the time log, status's week of study, the plan's past weeks (SPI)
``certs``        certifications (table and detail), experience, status's reminder
================ ==================================================================

Every function callers use is re-exported here (``from ..render import terminal``,
``terminal.status_view(...)``).
"""

from __future__ import annotations

from .backup import backups_view
from .burndown import burndown_view
from .certs import cert_view, certs_view, experience_view, reminder_view
from .console import (
    PRIORITY_SHORT,
    STATUS_SHORT,
    STATUS_STYLE,
    error,
    notice,
    safe,
    say,
    show,
    warn,
)
from .curriculum import curriculum_view, places_view, roles_view
from .doctor import doctor_view
from .interview import (
    RATING_PROMPT,
    applications_view,
    contacts_view,
    drill_card_view,
    drill_due_view,
    interview_lines,
    rated_line,
    stories_view,
)
from .items import history_view, item_view, items_view
from .jobs import cv_view, job_view, jobs_view, market_view, match_view
from .plan import plan_view, roles_summary_view
from .status import categories_view, gaps_view, next_view, readiness_view, status_view
from .timelog import actual_view, log_list_view, week_rows

__all__ = [
    "PRIORITY_SHORT",
    "RATING_PROMPT",
    "STATUS_SHORT",
    "STATUS_STYLE",
    "actual_view",
    "applications_view",
    "backups_view",
    "burndown_view",
    "categories_view",
    "cert_view",
    "certs_view",
    "contacts_view",
    "curriculum_view",
    "cv_view",
    "doctor_view",
    "drill_card_view",
    "drill_due_view",
    "error",
    "experience_view",
    "gaps_view",
    "history_view",
    "interview_lines",
    "item_view",
    "items_view",
    "job_view",
    "jobs_view",
    "log_list_view",
    "market_view",
    "match_view",
    "next_view",
    "notice",
    "places_view",
    "plan_view",
    "rated_line",
    "readiness_view",
    "reminder_view",
    "roles_summary_view",
    "roles_view",
    "safe",
    "say",
    "show",
    "status_view",
    "stories_view",
    "warn",
    "week_rows",
]
