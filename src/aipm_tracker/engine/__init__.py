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
================ ==================================================================

Coming capabilities get their own module beside these (``plan``, ``certs``,
``match``, ``drill``, ``applications``). Every public name is re-exported here, so
callers write ``from .. import engine`` and ``engine.readiness(...)``.
"""

from __future__ import annotations

from .burndown import Burndown, BurndownPoint, PaceSource, burndown
from .evidence import EvidencePack, ReportEntry, evidence_pack, report_entries
from .items import (
    ItemDetail,
    ItemRow,
    blocked_by,
    carry_renamed,
    check_category,
    complete_item,
    is_finished,
    is_stale,
    item_detail,
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
    target_level,
)
from .match import (
    CvCheck,
    CvClaim,
    CvTerm,
    Demand,
    ItemStand,
    JobMatch,
    JobRequirement,
    JobRow,
    JobText,
    Market,
    MarketRow,
    Vocabulary,
    cv_check,
    demand,
    job_rows,
    job_terms,
    market,
    match_job,
    resolve_job,
    role_terms,
    vocabulary,
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
from .plan import Plan, PlannedItem, PlanWeek, plan
from .readiness import (
    CategorySummary,
    CategoryTotal,
    Gap,
    Readiness,
    RoleSummary,
    StatusReport,
    category_summaries,
    category_totals,
    gaps,
    gaps_of,
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
    "PRIORITY_POINTS",
    "STARTED_POINTS",
    "TARGET_POINTS",
    "UNLOCK_POINTS_EACH",
    "UNLOCK_POINTS_MAX",
    "Burndown",
    "BurndownPoint",
    "CategorySummary",
    "CategoryTotal",
    "CvCheck",
    "CvClaim",
    "CvTerm",
    "Demand",
    "EvidencePack",
    "Gap",
    "ItemDetail",
    "ItemRow",
    "ItemStand",
    "JobMatch",
    "JobRequirement",
    "JobRow",
    "JobText",
    "Market",
    "MarketRow",
    "NextStep",
    "OptionStatus",
    "PaceSource",
    "Plan",
    "PlanWeek",
    "PlannedItem",
    "Readiness",
    "ReportEntry",
    "RequirementStatus",
    "RoleSummary",
    "ScoreTerm",
    "StatusReport",
    "Vocabulary",
    "blocked_by",
    "burndown",
    "carry_renamed",
    "category_summaries",
    "category_totals",
    "check_category",
    "complete_item",
    "cv_check",
    "demand",
    "evidence_pack",
    "gaps",
    "gaps_of",
    "hours_per_level",
    "is_finished",
    "is_stale",
    "item_detail",
    "item_rows",
    "job_rows",
    "job_terms",
    "level_name",
    "market",
    "match_job",
    "months_old",
    "next_steps",
    "open_requirement_items",
    "option_status",
    "orphans",
    "plan",
    "projected_date",
    "readiness",
    "readiness_of",
    "renamed_ids",
    "report_entries",
    "required_levels",
    "requirement_status",
    "resolve_item",
    "resolve_job",
    "resolve_role",
    "role_status",
    "role_summary",
    "role_terms",
    "score_terms",
    "stale_facts",
    "stale_target_role",
    "state",
    "status_report",
    "target_level",
    "vocabulary",
]
