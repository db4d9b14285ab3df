"""What the curriculum and progress models share: the strict base model and the
Dreyfus proficiency level.

There is no ``from __future__ import annotations`` in the models: with string
annotations, pydantic compiles and evaluates each field's type at every start.
"""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Level = Annotated[int, Field(ge=0, le=5)]
"""A Dreyfus proficiency level, 0 (none) to 5 (expert)."""

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
"""The span a :data:`Moment` lies in (UTC, ``LATEST`` excluded): far wider than one
career, and far enough from year 1 and year 9999 that showing a moment in any time
zone, or counting the days from it to today, never leaves what a datetime holds."""


Moment = Annotated[AwareDatetime, Field(ge=EARLIEST, lt=LATEST)]
"""An aware datetime (ISO 8601 with offset) from 1970 up to the end of 2999 (UTC).
The bounds are pydantic's own (checked in its core, not by a Python validator called
for each of the 60,000 moments of a 20,000-change history: that was a third of
validating it); :func:`aipm_tracker.validation_words.describe` words a moment out of
bounds as ours."""


class StrictModel(BaseModel):
    """The base of every model: unknown fields are an error (a typo such as
    ``efort_hours`` is reported, not ignored), instances are frozen, and the
    validator is built on first use."""

    # defer_build: a model's validator is built on its first validation, not at import,
    # so a command that never validates it (the curriculum cache hit) never pays.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
