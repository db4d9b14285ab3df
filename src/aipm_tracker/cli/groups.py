"""A command group with a default command, so that ``aipm note ITEM TEXT`` keeps
working beside ``aipm note edit ITEM N TEXT`` (and ``aipm evidence ITEM URL`` beside
``aipm evidence remove ITEM N``)."""

import re
from typing import Any

from typer.core import TyperGroup


class DefaultGroup(TyperGroup):
    """A group whose first argument, when it names none of its commands, is taken as
    the first argument of its ``add`` command."""

    default_command = "add"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        help_words = set(ctx.help_option_names) if ctx.help_option_names else {"--help"}
        if args and args[0] not in self.commands and args[0] not in help_words:
            args = [self.default_command, *args]
        result: list[str] = super().parse_args(ctx, args)
        return result


class LogGroup(DefaultGroup):
    """The ``log`` group: a :class:`DefaultGroup` that refuses a negative duration
    (``aipm log nlp -3h``) in our words before Click reads ``-3h`` as the short
    options ``-3`` and ``-h`` (help)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from ..durations import parse_duration

        taking_value = False
        for arg in args:
            if not taking_value and re.match(r"^-[0-9.]", arg):
                parse_duration(arg)  # raises UsageError: a duration is never negative
            taking_value = arg in ("--at", "--note", "-m", "--week", "--item", "-i")
        return super().parse_args(ctx, args)
