"""Pydantic v2 models of certifications: the machine-readable eligibility rules and
renewal credits a curriculum's certification items carry, and what the progress file
records about the user's experience and certifications (schema 8).

Facts (the thresholds a curriculum fills in) come from shared/curriculum-facts.md; these
classes only describe shapes. No typer, rich, disk or clock.
"""

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_serializer, model_validator

from .common import StrictModel

ExperienceKind = Literal["project-lead", "agile"]
"""What a period of work counts toward: ``project-lead`` (leading projects, PMP's
rule) or ``agile`` (agile work, PMI-ACP's rule)."""

EXPERIENCE_KINDS: tuple[ExperienceKind, ...] = ("project-lead", "agile")
"""Every :data:`ExperienceKind`, in the order help and errors list them."""

Degree = Literal["four-year", "secondary"]
"""The highest education the user holds, as PMP's rule tells them apart: a 4-year
(bachelor's) degree, or a secondary diploma (high school or the like)."""

DEGREES: tuple[Degree, ...] = ("four-year", "secondary")
"""Every :data:`Degree`; a ``four-year`` degree also counts where a ``secondary``
diploma is asked for."""

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _year_month(value: str) -> str:
    if not _MONTH.match(value):
        raise ValueError(f"{value!r} is not a month: use YYYY-MM, for example 2024-06")
    return value


YearMonth = Annotated[str, AfterValidator(_year_month)]
"""A calendar month as ``YYYY-MM`` text (``2024-06``); months 01 to 12 only."""


class EligibilityOption(StrictModel):
    """One machine-readable eligibility rule of a certification, as an entry of
    ``eligibility_rules`` or an option of its ``any_of``. Exactly one kind key is
    set:

    ``experience`` (an :data:`ExperienceKind`) with ``months`` (whole months needed)
    and ``within_months`` (the window, counted back from the current month), and
    optionally ``degree``: the rule applies to a user who holds that degree (PMP: 36
    months with a ``four-year`` degree, 60 with ``secondary``).
    ``degree`` alone: the user must hold that degree (a 4-year degree counts as a
    secondary diploma).
    ``quantity``: an item ID of a quantity item whose recorded amount must reach its
    target (PMP's 35 contact hours: ``edu.pm-contact-hours``).
    ``cert_active``: a certification item ID the user must hold, earned and not past
    its renewal (PMP's "or an active CAPM").
    ``course_hours``: a required course of that many hours, part of the certification
    itself (CSM's 16 h live course); counted as taken once an exam attempt or the
    certificate is recorded.
    ``any_of`` (on :class:`EligibilityRule` only, one level deep: every rule of the
    facts sheet fits): at least two options, one of which must be met.

    ``confidence: unconfirmed`` marks a rule the facts sheet could not confirm (the
    checklist says so). Raises ``ValueError`` (the loader words it with FILE:LINE)
    for no kind, two kinds, or keys that do not belong to the kind.
    """

    experience: ExperienceKind | None = None
    months: int | None = Field(default=None, gt=0, le=1200)
    within_months: int | None = Field(default=None, gt=0, le=1200)
    degree: Degree | None = None
    quantity: str | None = None
    cert_active: str | None = None
    course_hours: float | None = Field(default=None, gt=0, le=10_000, allow_inf_nan=False)
    confidence: Literal["confirmed", "unconfirmed"] = "confirmed"

    @model_validator(mode="after")
    def _one_kind(self) -> "EligibilityOption":
        kinds = [k for k in _KINDS if getattr(self, k, None) is not None]
        if not kinds and self.degree is not None:
            kinds = ["degree"]
        if len(kinds) != 1:
            raise ValueError(
                "an eligibility rule needs exactly one of experience, degree, quantity, "
                f"cert_active, course_hours or any_of (got {', '.join(kinds) or 'none'})"
            )
        timed = self.months is not None and self.within_months is not None
        if kinds == ["experience"] and not timed:
            raise ValueError("an experience rule needs months and within_months")
        if kinds != ["experience"] and (self.months is not None or self.within_months is not None):
            raise ValueError("months and within_months belong to an experience rule only")
        if kinds[0] not in ("experience", "degree") and self.degree is not None:
            raise ValueError("degree belongs to an experience rule or stands alone")
        return self

    @property
    def kind(self) -> str:
        """Which rule this is: experience, degree, quantity, cert_active,
        course_hours or any_of."""
        for k in _KINDS:
            if getattr(self, k, None) is not None:
                return k
        return "degree"

    @property
    def options(self) -> "list[EligibilityOption]":
        """The options of an ``any_of`` rule (empty for any other)."""
        return []


_KINDS = ("experience", "quantity", "cert_active", "course_hours", "any_of")


class EligibilityRule(EligibilityOption):
    """An entry of a certification's ``eligibility_rules``: an
    :class:`EligibilityOption`, or ``any_of`` its options (at least two)."""

    any_of: list[EligibilityOption] | None = Field(default=None, min_length=2)

    @property
    def options(self) -> list[EligibilityOption]:
        """The options of an ``any_of`` rule (empty for any other)."""
        return list(self.any_of or [])


class RenewalCredits(StrictModel):
    """What keeping a certification needs: ``amount`` credits of ``unit`` (PDUs, SEUs,
    CPE credits) every ``years`` years from the day it was earned (PMP: 60 PDUs / 3
    years; curriculum-facts.md)."""

    amount: float = Field(gt=0, le=10_000, allow_inf_nan=False)
    unit: str = Field(min_length=1, max_length=40)
    years: int = Field(ge=1, le=20)


class AttemptsAllowed(StrictModel):
    """How many exam attempts one purchase gives and within how many days of the
    first (CSM: two attempts within 90 days; curriculum-facts.md)."""

    count: int = Field(ge=1, le=20)
    within_days: int = Field(ge=1, le=3650)


class Experience(StrictModel):
    """A period of work the user entered (``aipm experience add``, schema 8): ``id``
    (``e1``, ``e2`` ...), ``title``, months ``from`` and ``to`` (``YYYY-MM``, both
    included; ``to`` None: ongoing up to the current month) and ``kind``. Stored with
    the keys ``from`` and ``to`` (``from`` is a Python keyword, so the field is
    ``from_``)."""

    id: str = Field(pattern=r"^e[0-9]{1,9}$")
    title: str = Field(min_length=1)
    from_: YearMonth = Field(alias="from")
    to: YearMonth | None = None
    kind: ExperienceKind = "project-lead"

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ordered(self) -> "Experience":
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"ends ({self.to}) before it starts ({self.from_})")
        return self

    @model_serializer(mode="wrap")
    def _keys(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict) and "from_" in data:
            data = {("from" if k == "from_" else k): v for k, v in data.items()}
        return data


Result = Literal["pass", "fail"]
"""An exam attempt's result."""


class Attempt(StrictModel):
    """One exam attempt: the local date ``on`` and its ``result``."""

    on: date
    result: Result


class Credit(StrictModel):
    """Renewal credits logged (``aipm cert credit``): ``amount`` (> 0) in the
    certification's unit (PDUs, SEUs, CPE), the local date ``on`` and a ``note``."""

    on: date
    amount: float = Field(gt=0, le=10_000, allow_inf_nan=False)
    note: str | None = None


class CertRecord(StrictModel):
    """What the user recorded about one certification (schema 8): the booked exam
    date ``exam_on`` (local), the ``attempts`` (oldest first), the local date it was
    ``earned_on``, the ``credential_id`` the body gave, and the renewal ``credits``
    logged (oldest first)."""

    exam_on: date | None = None
    attempts: list[Attempt] = Field(default_factory=list)
    earned_on: date | None = None
    credential_id: str | None = None
    credits: list[Credit] = Field(default_factory=list)
