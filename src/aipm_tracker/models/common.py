"""What the curriculum and progress models share: the strict base model and the
Dreyfus proficiency level.

There is no ``from __future__ import annotations`` in the models: with string
annotations, pydantic compiles and evaluates each field's type at every start.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Level = Annotated[int, Field(ge=0, le=5)]
"""A Dreyfus proficiency level, 0 (none) to 5 (expert)."""


class StrictModel(BaseModel):
    """The base of every model: unknown fields are an error (a typo such as
    ``efort_hours`` is reported, not ignored), instances are frozen, and the
    validator is built on first use."""

    # defer_build: a model's validator is built on its first validation, not at import,
    # so a command that never validates it (the curriculum cache hit) never pays.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
