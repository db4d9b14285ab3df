"""How an error reaches the user: the one place a :class:`~aipm_tracker.errors.
TrackerError` becomes the text printed after ``Error:`` (see ``_Group.invoke``)."""

from __future__ import annotations

from ..errors import TrackerError


def format_error(exc: TrackerError, command_prefix: str) -> str:
    """The whole text of ``exc`` for standard error: where, what went wrong and the
    way out, with any aipm command in the fix spelled after ``command_prefix`` (the
    session's ``aipm`` with the ``--data-dir``/``--curriculum`` given on the command
    line, shell-quoted: :attr:`~aipm_tracker.cli.context.Session.command`)."""
    return exc.text(command_prefix)
