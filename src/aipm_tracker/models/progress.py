"""Pydantic v2 models of the progress file (JSON): per-item state with notes and
evidence, the profile, and the history of changes that ``undo`` reverts.

No typer, no rich, no disk, no clock: these classes only describe and validate
shapes; every datetime is aware (ISO 8601 with offset).
"""

from datetime import datetime
from typing import Annotated, Final, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from .certs import CertRecord, Degree, Experience
from .common import Level, Moment, StrictModel
from .curriculum import ItemId, Kind, Priority, Slug
from .interview import Application, Card, CardState, Contact, Review, StageEntry, Story

Status = Literal["todo", "in_progress", "done", "skipped"]
"""Where the user stands on an item. ``skipped`` means "not applicable to me": the item
leaves the denominator of every percentage and is counted separately."""


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no whitespace or
    control characters (what evidence links must be)."""
    if any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. 'http://[' (an unclosed IPv6 host)
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _http_url(value: str) -> str:
    if not is_http_url(value):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]
"""An absolute http(s) URL (evidence links: a mentor must be able to open them; no
``javascript:`` or ``file:`` links in a report)."""


class Note(StrictModel):
    """A dated free-text note on an item. ``at`` is an aware datetime (ISO 8601)."""

    at: Moment
    text: str


class Evidence(StrictModel):
    """A link that proves progress on an item (certificate, repo, post). ``at`` is
    an aware datetime; ``url`` an http(s) URL; ``label`` optional free text;
    ``credential_id`` the certificate or credential number an issuer gave (e.g. a PMP
    certification number), shown in the evidence pack for an employer to verify."""

    at: Moment
    url: HttpUrl
    label: str | None = None
    credential_id: str | None = None


class ItemState(StrictModel):
    """The status fields of the user's state on one item (without notes and
    evidence, which only ever grow and are recorded in the history one at a time).

    ``level`` is the self-assessed Dreyfus level (None: not assessed).
    ``started_at`` / ``completed_at`` are aware datetimes (ISO 8601 with offset).
    ``skip_reason`` is set only when ``status`` is ``skipped``; skipping a
    requirement of the target role is a waiver, and this is its reason.
    ``amount`` (schema 3) is what the user recorded toward a quantity item's target,
    in its unit (hours or months); None for an item never measured.
    ``steps_done`` are the numbers (1-based, ascending) of the item's steps ticked, as
    ``aipm show`` numbers them: the curriculum's ``steps`` first, then ``own_steps``,
    the steps the user added to the item (schema 4). Both are small lists kept here
    with the status, so that a step's event holds them before and after.
    """

    status: Status = "todo"
    level: Level | None = None
    started_at: Moment | None = None
    completed_at: Moment | None = None
    skip_reason: str | None = None
    amount: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)
    steps_done: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list)
    own_steps: list[str] = Field(default_factory=list)


class ItemProgress(ItemState):
    """The user's whole state on one item: :class:`ItemState` plus the dated
    ``notes`` and ``evidence`` links, oldest first."""

    notes: list[Note] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    def item_state(self) -> ItemState:
        """The status fields alone, as a plain :class:`ItemState`."""
        return ItemState.model_validate(self.model_dump(include=set(ItemState.model_fields)))


class Profile(StrictModel):
    """The user's goal: ``target_role`` (a role ID or None for the curriculum's
    default), ``hours_per_week`` they can study (None: not set) and ``require``, item
    IDs the user told their target role to require on top of the curriculum's
    (``aipm target --require ID``, schema 4; done is what they ask, no level) and
    the ``degree`` they hold (``aipm target --degree``, schema 8: ``four-year`` or
    ``secondary``; None: not said), which PMP's experience rule depends on."""

    target_role: str | None = None
    hours_per_week: float | None = Field(default=None, ge=0.5, le=168, allow_inf_nan=False)
    require: list[ItemId] = Field(default_factory=list)
    degree: Degree | None = None


class OwnItem(StrictModel):
    """An item the user added to the curriculum (``aipm item add``, schema 4): kept in
    the progress file as an overlay, checked against the curriculum with the same rules
    as its own items (a unique ID, a known category and prerequisites, no cycle), and
    then shown and counted like them. ``effort_hours`` is in hours."""

    id: ItemId
    title: str = Field(min_length=1)
    category: Slug
    effort_hours: float = Field(gt=0, le=100_000, allow_inf_nan=False)
    kind: Kind = "skill"
    priority: Priority = "recommended"
    prerequisites: list[ItemId] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)


class CurriculumRef(StrictModel):
    """Which curriculum a progress file belongs to: its ``id`` and ``version``."""

    id: str
    version: str


JobId = Annotated[str, Field(pattern=r"^j-[0-9a-f]{6,64}$")]
"""A saved job description's ID: ``j-`` and the first hex digits of its text's sha256
(six, or more when two texts share them)."""


class Job(StrictModel):
    """A job description the user saved (schema 4): its ``title`` and ``company``
    (None: not given), when it was ``added_at`` (aware), the ``sha256`` (hex) of its
    text as saved (UTF-8), and ``file``, where the text is, relative to the directory
    of the progress file (``jobs/<ID>.txt``)."""

    title: str | None = None
    company: str | None = None
    added_at: Moment
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    file: str = Field(pattern=r"^jobs/j-[0-9a-f]{6,64}\.txt$")


MAX_ENTRY_MINUTES: Final = 24 * 60
"""The longest one time-log entry may be, in minutes: a day. A longer stretch is
logged day by day (and a course's contact hours at once with ``aipm amount``)."""

TimeEntryId = Annotated[str, Field(pattern=r"^t[1-9][0-9]{0,8}$")]
"""A time-log entry's ID: ``t`` and a number, never reused (``t1``, ``t2``, ...)."""


class TimeEntry(StrictModel):
    """Study time the user logged (``aipm log ITEM DURATION``, schema 7): the entry's
    ``id``, the aware moment ``at`` the study happened (``--at``; default: when it was
    logged), the ``item`` ID it was spent on, its length in whole ``minutes`` (1 to
    :data:`MAX_ENTRY_MINUTES`) and an optional ``note`` ("" when none)."""

    id: TimeEntryId
    at: Moment
    item: str
    minutes: int = Field(ge=1, le=MAX_ENTRY_MINUTES)
    note: str = ""

    @property
    def hours(self) -> float:
        """The entry's length in hours (``minutes / 60``)."""
        return self.minutes / 60


Action = Literal[
    "start", "done", "skip", "reset", "level", "note", "evidence", "target", "restore",
    "amount", "note-edit", "note-remove", "evidence-edit", "evidence-remove", "step", "item-add",
    "item-remove", "rate", "story", "apply", "stage", "contact", "job_add", "job_remove",
    "log", "log-remove",
    "experience_add", "experience_remove", "cert_book", "cert_result", "cert_earned",
    "cert_credit",
]  # fmt: skip


class ItemChange(StrictModel):
    """One item's part of a change that touched several at once (``aipm done A B C``,
    one evidence for several items): the item's status fields ``before`` (None: no
    entry in the file) and ``after``, and the ``note`` / ``evidence`` it appended."""

    item: str
    before: ItemState | None = None
    after: ItemState
    note: Note | None = None
    evidence: Evidence | None = None


class Event(StrictModel):
    """One change in the history, with enough to revert it exactly.

    For item changes ``item`` names the item, ``before``/``after`` hold its status
    fields (``before`` None: the item had no entry in the file) and ``note`` /
    ``evidence`` the entry the change appended, if any. Storing only the appended
    entry, not the whole list, keeps the history linear in the number of changes.
    For profile changes (``target``) ``item`` is None and ``profile_before`` /
    ``profile_after`` hold the profile.

    Schema 4 adds: ``as_of``, the moment the user said it happened (``--at``; None:
    when it was recorded, ``at``); ``changes``, the items' parts of a change to several
    items at once (``item`` is None then); for an edit or removal of a note or evidence
    entry, its position ``index`` (0-based) and the entry as it was
    (``note_before`` / ``evidence_before``; ``note`` / ``evidence`` hold it after an
    edit); for ``item-add`` / ``item-remove`` the user's ``own_item`` and its position
    ``index`` among them (a removal that also drops the item from the profile's
    ``require`` holds the profile before and after).

    A ``restore`` (schema 2) names the ``backup`` ID it restored and, in
    ``replaced_backup``, the ID of the backup that holds the file it replaced byte for
    byte; undo gives that file back, and the store never rotates a backup away while a
    restore in the history names it.

    Schema 7 adds the time log: a ``log`` names the ``time_entry`` it appended and a
    ``log-remove`` the entry it removed and its position ``index``; both hold the
    logged item's status fields ``before`` / ``after`` (logging starts a to-do item,
    and adds the hours to an item measured in hours).

    Schema 5 adds the interview side, each one change an undo reverts: a drill
    ``rate`` names the ``question``, the card's scheduling state before
    (``card_before``; None: the question had no card) and the ``review`` it appended;
    ``story``, ``apply`` and ``contact`` hold the story, application or contact they
    appended; ``stage`` names the ``application_id`` and the ``stage`` entry appended
    to it.

    Schema 8 adds experience and certifications: ``experience_add`` /
    ``experience_remove`` hold the ``experience`` entry and its position ``index``;
    the ``cert_*`` actions name the certification ``cert_id`` and hold its record
    before (None: none yet) and after; a passing ``cert_result`` also holds the
    item's status fields (``item``, ``before``, ``after``), as it marks it done.
    (Keeping the replaced state inside the event
    instead made each restore nest the previous ones: the file grew about 1.6 times per
    restore.) Both are None when there was no file; ``unreadable_kept`` is the path
    where an unreadable file it replaced was kept.
    """

    at: Moment
    action: Action
    item: str | None = None
    before: ItemState | None = None
    after: ItemState | None = None
    note: Note | None = None
    evidence: Evidence | None = None
    profile_before: Profile | None = None
    profile_after: Profile | None = None
    backup: str | None = None
    replaced_backup: str | None = None
    unreadable_kept: str | None = None
    as_of: Moment | None = None
    changes: list[ItemChange] = Field(default_factory=list)
    index: int | None = Field(default=None, ge=0)
    note_before: Note | None = None
    evidence_before: Evidence | None = None
    own_item: OwnItem | None = None

    def item_changes(self) -> list[ItemChange]:
        """The items this event changed, one :class:`ItemChange` each (the status
        fields before and after): ``changes``, or the one ``item`` (empty for a
        profile change or a restore)."""
        if self.changes:
            return list(self.changes)
        if self.item is None or self.after is None:
            return []
        return [
            ItemChange(
                item=self.item,
                before=self.before,
                after=self.after,
                note=self.note,
                evidence=self.evidence,
            )
        ]

    @property
    def when(self) -> datetime:
        """When it happened: ``as_of`` if the user gave one, else ``at``."""
        return self.as_of or self.at

    question: str | None = None
    card_before: CardState | None = None
    review: Review | None = None
    story: Story | None = None
    application: Application | None = None
    application_id: str | None = None
    stage: StageEntry | None = None
    contact: Contact | None = None

    job_id: JobId | None = None
    job_before: Job | None = None
    job_after: Job | None = None

    time_entry: TimeEntry | None = None
    experience: Experience | None = None
    cert_id: str | None = None
    cert_before: CertRecord | None = None
    cert_after: CertRecord | None = None


SCHEMA_VERSION: Final = 8
"""The progress-file schema version this program writes.

1. The first format (aipm-tracker 0.1).
2. Adds the ``restore`` action and its ``backup``, ``replaced_backup`` and
   ``unreadable_kept`` fields, and evidence ``credential_id``. A schema-1 file is a
   valid schema-2 file.
3. Adds the per-item ``amount`` toward a quantity item's target and the ``amount``
   action (aipm-tracker 0.3). A schema-2 file is a valid schema-3 file.
4. Records what the user already knew and corrects what they got wrong (issue 18):
   the event's ``as_of`` (backdating), ``changes`` (several items in one change),
   ``index`` / ``note_before`` / ``evidence_before`` (edits and removals), the
   item's ``steps_done`` and ``own_steps``, the user's ``own_items`` with the
   ``item-add`` / ``item-remove`` events and the profile's ``require``. Every
   schema-3 file is a valid schema-4 file.
5. Adds the interview side (issue 16): drill ``cards``, ``stories``,
   ``applications`` and ``contacts`` (top-level, empty by default) and their events.
   A schema-4 file is a valid schema-5 file.
6. Adds the saved ``jobs`` and the ``job_add`` / ``job_remove`` actions (issue 15).
   A schema-5 file is a valid schema-6 file.
7. Adds the ``time_log`` (study time, issue 14; default: empty) and the ``log`` /
   ``log-remove`` actions with the event's ``time_entry``. A schema-6 file is a valid
   schema-7 file.
8. Adds ``experience`` and ``certs`` (top-level, empty by default), the profile's
   ``degree`` and the ``experience_*`` / ``cert_*`` actions (issue 14). A schema-7
   file is a valid schema-8 file.
"""


class Standing(StrictModel):
    """Where the user stands, without the history of how they got there: which
    curriculum, the profile and the per-item state keyed by item ID. This is what the
    read-only commands need (``status``, ``next``, ``gaps``, ``list``, ``show``), and
    all the engine's read functions take; it has no ``history`` attribute, so no
    caller can mistake an unread history for an empty one.

    Items the curriculum no longer has are kept here untouched (reported, never
    dropped). ``own_items`` are the items the user added (schema 4). ``time_log`` is
    the study time logged (schema 7), in the order it was logged; ``experience`` the
    periods of work and ``certs`` the certification records by item ID (schema 8).
    """

    schema_version: Literal[8]
    curriculum: CurriculumRef
    profile: Profile = Field(default_factory=Profile)
    items: dict[str, ItemProgress] = Field(default_factory=dict)
    own_items: list[OwnItem] = Field(default_factory=list)
    cards: dict[str, Card] = Field(default_factory=dict)
    stories: list[Story] = Field(default_factory=list)
    applications: list[Application] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    jobs: dict[JobId, Job] = Field(default_factory=dict)
    time_log: list[TimeEntry] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    certs: dict[ItemId, CertRecord] = Field(default_factory=dict)


class Progress(Standing):
    """The whole progress file: a :class:`Standing` and the history of changes
    (oldest first), which ``undo``, ``history``, the burndown and every change need."""

    history: list[Event] = Field(default_factory=list)
