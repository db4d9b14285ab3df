"""A command group with a default command, so that ``aipm note ITEM TEXT`` keeps
working beside ``aipm note edit ITEM N TEXT`` (and ``aipm evidence ITEM URL`` beside
``aipm evidence remove ITEM N``)."""

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
