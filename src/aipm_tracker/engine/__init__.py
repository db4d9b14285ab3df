"""Pure computations over ``(Curriculum, Progress, today, tz)``: no I/O, no clock or
time-zone reads (the caller passes the local date and the zone it uses).

One module per noun, so that a reader finds a behaviour by its name:

================ ==================================================================
``items``        the user's state on an item, resolving ITEM and role arguments,
                 list rows, the ``show`` detail, the prerequisite graph, renamed
                 and orphaned progress entries
``readiness``    category progress, readiness for the target role, the projected
                 date, the gaps and the whole ``status`` report
``requirements`` what a role requires (``extends``, ``any_of``) and whether each
                 requirement is met, open or waived, with its hours of work
``next_steps``   the next-step score (its terms) and the ranking
``burndown``     remaining required hours week by week, replayed from the history
``plan``         the week-by-week study plan and the pace needed by a date
``evidence``     report entries (item and full state) and the evidence pack
``own``          the user's own items: checked against the curriculum and merged
``drill``        interview questions due, the drill order, cramming, retention
``applications`` the application pipeline and the contacts to follow up
================ ==================================================================

Coming capabilities get their own module beside these (``plan``, ``certs``,
``match``). Every public name is re-exported here, so
callers write ``from .. import engine`` and ``engine.readiness(...)``.
"""

from __future__ import annotations

from .applications import (
    ApplicationRow,
    FollowUp,
    InterviewSummary,
    Pipeline,
    application_rows,
    follow_ups_due,
    interview_summary,
    pipeline,
)
from .burndown import Burndown, BurndownPoint, PaceSource, burndown
from .drill import (
    DrillCard,
    DrillDue,
    Retention,
    check_tag,
    drill_due,
    drill_queue,
    due_count,
    resolve_question,
    retention,
    stories_for,
)
from .evidence import EvidencePack, ReportEntry, evidence_pack, report_entries
from .items import (
    SHOW_CHANGES,
    ItemDetail,
    ItemRow,
    StepRow,
    blocked_by,
    carry_renamed,
    check_category,
    complete_item,
    is_finished,
    is_stale,
    item_detail,
    item_history,
    item_rows,
    level_name,
    months_old,
    orphans,
    renamed_ids,
    required_levels,
    resolve_item,
    resolve_role,
    stale_facts,
    stale_target_role,
    state,
    step_count,
    steps,
    target_level,
)
from .next_steps import (
    EFFORT_POINTS_MIN,
    EFFORT_POINTS_PER_HOUR,
    PRIORITY_POINTS,
    STARTED_POINTS,
    TARGET_POINTS,
    UNLOCK_POINTS_EACH,
    UNLOCK_POINTS_MAX,
    NextStep,
    ScoreTerm,
    next_steps,
    score_terms,
)
from .own import (
    OWN_SUMMARY,
    OwnProblem,
    as_item,
    check_own,
    new_own_item,
    own_ids,
    own_problems,
    with_own,
)
from .plan import Plan, PlannedItem, PlanWeek, plan
from .readiness import (
    CategorySummary,
    CategoryTotal,
    Gap,
    Milestone,
    Readiness,
    RoleSummary,
    StatusReport,
    category_summaries,
    category_totals,
    gaps,
    gaps_of,
    milestones,
    projected_date,
    readiness,
    readiness_of,
    role_summary,
    status_report,
)
from .requirements import (
    OptionStatus,
    RequirementStatus,
    hours_per_level,
    open_requirement_items,
    option_status,
    requirement_status,
    role_status,
)

__all__ = [
    "EFFORT_POINTS_MIN",
    "EFFORT_POINTS_PER_HOUR",
    "OWN_SUMMARY",
    "PRIORITY_POINTS",
    "SHOW_CHANGES",
    "STARTED_POINTS",
    "TARGET_POINTS",
    "UNLOCK_POINTS_EACH",
    "UNLOCK_POINTS_MAX",
    "ApplicationRow",
    "Burndown",
    "BurndownPoint",
    "CategorySummary",
    "CategoryTotal",
    "DrillCard",
    "DrillDue",
    "EvidencePack",
    "FollowUp",
    "Gap",
    "InterviewSummary",
    "ItemDetail",
    "ItemRow",
    "Milestone",
    "NextStep",
    "OptionStatus",
    "OwnProblem",
    "PaceSource",
    "Pipeline",
    "Plan",
    "PlanWeek",
    "PlannedItem",
    "Readiness",
    "ReportEntry",
    "RequirementStatus",
    "Retention",
    "RoleSummary",
    "ScoreTerm",
    "StatusReport",
    "StepRow",
    "application_rows",
    "as_item",
    "blocked_by",
    "burndown",
    "carry_renamed",
    "category_summaries",
    "category_totals",
    "check_category",
    "check_own",
    "check_tag",
    "complete_item",
    "drill_due",
    "drill_queue",
    "due_count",
    "evidence_pack",
    "follow_ups_due",
    "gaps",
    "gaps_of",
    "hours_per_level",
    "interview_summary",
    "is_finished",
    "is_stale",
    "item_detail",
    "item_history",
    "item_rows",
    "level_name",
    "milestones",
    "months_old",
    "new_own_item",
    "next_steps",
    "open_requirement_items",
    "option_status",
    "orphans",
    "own_ids",
    "own_problems",
    "pipeline",
    "plan",
    "projected_date",
    "readiness",
    "readiness_of",
    "renamed_ids",
    "report_entries",
    "required_levels",
    "requirement_status",
    "resolve_item",
    "resolve_question",
    "resolve_role",
    "retention",
    "role_status",
    "role_summary",
    "score_terms",
    "stale_facts",
    "stale_target_role",
    "state",
    "status_report",
    "step_count",
    "steps",
    "stories_for",
    "target_level",
    "with_own",
]
