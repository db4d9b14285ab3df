"""Domain errors. Each carries what went wrong, where, the way out and an exit code;
none prints, and none is ever parsed for its parts.

Exit codes (documented in README.md, "Exit codes"):

- 0: success
- 1: a problem with the user's data or environment (corrupt progress file, lock held
  too long, unwritable directory)
- 2: a usage error (unknown or ambiguous item ID, bad option, invalid curriculum)

An error's text is ``[PATH[:LINE[:COLUMN]]: ]MESSAGE[ FIX]``. The modules that raise
errors know no command names: a fix that is an ``aipm`` command names its
:class:`Step` and what the step needs (a backup ID), and the CLI spells it with the
global options the user gave (``aipm --data-dir /x backup restore ID``), once, in
``cli/errors.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

EXIT_DATA = 1
"""Exit code for problems with the user's data or environment."""

EXIT_USAGE = 2
"""Exit code for usage errors, including an invalid curriculum."""


class Step(Enum):
    """An ``aipm`` command a fix points to, by what it does. The value is the command's
    words after ``aipm`` and the global options; ``{arg}`` is where the fix's
    :attr:`Fix.arg` goes."""

    RESTORE_BACKUP = "backup restore {arg}"
    LIST_BACKUPS = "backup list"
    DOCTOR = "doctor"
    REOPEN = "start {arg} --reopen"
    SHOW_JOB = "job show {arg}"
    LIST_JOBS = "job list"


ANY_ID = "ID"
"""What a :data:`Step.RESTORE_BACKUP` fix shows when the user picks the backup."""


@dataclass(frozen=True, slots=True)
class Fix:
    """The way out of an error, in our words.

    ``text`` is one or more sentences. When ``step`` is set, ``text`` holds
    ``{command}`` where the aipm command for that step goes, and ``arg`` is what the
    step needs (the backup ID to restore; None: the user picks one, shown as ``ID``).
    When ``shell`` is set instead, it is a shell command that is not aipm's (``mv a
    b``), and ``{command}`` marks its place the same way.
    """

    text: str
    step: Step | None = None
    arg: str | None = None
    shell: str | None = None

    def command(self, prefix: str) -> str | None:
        """The command to run: the one for :attr:`step` after ``prefix`` (``"aipm"``
        or ``"aipm --data-dir /x"``, already shell-quoted), or :attr:`shell`; None
        when the fix names no command."""
        if self.step is None:
            return self.shell
        return f"{prefix} {self.step.value.format(arg=self.arg or ANY_ID)}"

    def render(self, prefix: str) -> str:
        """:attr:`text` with its command spelled after ``prefix``."""
        command = self.command(prefix)
        return self.text if command is None else self.text.format(command=command)


class TrackerError(Exception):
    """Base class of every error a user may see; ``exit_code`` is 1 or 2.

    ``message`` (the constructor argument, kept as :attr:`reason`) says what went
    wrong in our words; ``path``, ``line`` and ``column`` (1-based) say where, shown
    as the ``PATH:LINE:COLUMN:`` prefix (``subject=True``: the message continues a
    sentence about ``path`` instead, ``PATH holds ...``); ``fix`` is the way out.
    :attr:`message` is the whole text with aipm commands spelled plainly
    (``aipm backup restore ID``); the CLI prints the same text with the user's global
    options in its commands.
    """

    exit_code: int = EXIT_DATA

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        fix: Fix | None = None,
        *,
        column: int | None = None,
        subject: bool = False,
    ) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        self.fix = fix
        self.subject = subject
        super().__init__(self.message)

    @property
    def where(self) -> str:
        """``LINE:COLUMN: `` (or ``LINE: ``) before the reason, ``""`` without a
        line: the location within :attr:`path`."""
        if self.line is None:
            return ""
        return f"{self.line}:{self.column}: " if self.column is not None else f"{self.line}: "

    @property
    def problem(self) -> str:
        """What went wrong with where, without the fix: ``PATH:LINE: reason``."""
        if self.path is None:
            return self.reason
        if self.subject:
            return f"{self.path} {self.reason}"
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.where}{self.reason}"

    def text(self, command_prefix: str = "aipm") -> str:
        """The whole text: :attr:`problem`, then the fix with its command after
        ``command_prefix``."""
        if self.fix is None:
            return self.problem
        return f"{self.problem} {self.fix.render(command_prefix)}"

    @property
    def message(self) -> str:
        """The whole text with aipm commands spelled plainly (``aipm ...``)."""
        return self.text()


class UsageError(TrackerError):
    """The user asked for something that does not exist or does not make sense."""

    exit_code = EXIT_USAGE


def required_text(text: str, what: str) -> str:
    """``text`` stripped of surrounding space, for a text argument the user must give
    (a note, a title, a credential ID: ``what`` names it in the message). Raises
    :class:`UsageError` (exit 2) if it is empty or is not text that UTF-8 can hold
    (bytes a shell passed through that are not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"the {what} is not valid UTF-8 text") from None
    text = text.strip()
    if not text:
        raise UsageError(f"the {what} is empty")
    return text


class UnknownItemError(UsageError):
    """An ITEM argument matched no item, or several. ``suggestions`` are close IDs."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class CurriculumError(UsageError):
    """A curriculum file is invalid. ``problems`` are ``FILE:LINE: message`` strings,
    every problem found, in file order."""

    def __init__(self, path: str, problems: list[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid curriculum ({count} {noun}):\n" + "\n".join(problems), path=path)
        self.problems = problems


class OwnItemsError(UsageError):
    """The user's own items (or required IDs) in the progress file do not fit the
    curriculum, after a hand edit or a curriculum update. ``problems`` are
    ``FILE:LINE: message`` strings."""

    def __init__(self, path: str, problems: list[str], fix: Fix) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"your own items do not fit the curriculum ({count} {noun}):\n" + "\n".join(problems),
            path=path,
            fix=fix,
        )
        self.problems = problems


class DataError(TrackerError):
    """The user's data or environment is in a state we cannot work with."""

    exit_code = EXIT_DATA


class CorruptProgressError(DataError):
    """The progress file exists but does not parse or validate. It is never written."""


class LockTimeoutError(DataError):
    """Another ``aipm`` process held the progress-file lock for too long."""


class StorageError(DataError):
    """A file could not be read or written (permissions, full disk, missing parent)."""
