"""The changes a user makes to their progress, as pure functions.

Each function takes the current :class:`Progress` and an aware datetime ``at`` (the
CLI reads the clock, not this module) and returns a new :class:`Progress` with the
change applied and one :class:`Event` appended to the history holding the item's whole
state before and after, so that :func:`undo` can revert it exactly. A change that
would leave the state as it is returns the progress unchanged and records nothing.

The changes live in this package's modules by what they change: ``items`` (status,
levels, amounts, steps, notes and evidence added), ``entries`` (notes and evidence
edited or removed), ``profile`` (the profile and the user's own items), ``interview``
(drill ratings, stories, applications, contacts), ``jobs`` (saved job descriptions);
``core`` holds what they share and ``undo`` reverts any of them.
"""

from .core import (
    Items,
    Part,
    check_moment,
    check_url,
)
from .entries import (
    edit_evidence,
    edit_note,
    remove_evidence,
    remove_note,
)
from .interview import (
    INTERVIEW_ACTIONS,
    add_application,
    add_contact,
    add_story,
    check_rating,
    check_stage,
    move_application,
    rate,
)
from .items import (
    add_evidence,
    add_note,
    add_step,
    amount_state,
    done,
    record_amount,
    reset,
    set_level,
    skip,
    start,
    tick_steps,
)
from .jobs import (
    add_job,
    new_job,
    remove_job,
)
from .profile import (
    add_own_item,
    remove_own_item,
    set_profile,
)
from .undo import (
    undo,
)

__all__ = [
    "INTERVIEW_ACTIONS",
    "Items",
    "Part",
    "add_application",
    "add_contact",
    "add_evidence",
    "add_job",
    "add_note",
    "add_own_item",
    "add_step",
    "add_story",
    "amount_state",
    "check_moment",
    "check_rating",
    "check_stage",
    "check_url",
    "done",
    "edit_evidence",
    "edit_note",
    "move_application",
    "new_job",
    "rate",
    "record_amount",
    "remove_evidence",
    "remove_job",
    "remove_note",
    "remove_own_item",
    "reset",
    "set_level",
    "set_profile",
    "skip",
    "start",
    "tick_steps",
    "undo",
]
