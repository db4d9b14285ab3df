"""Domain errors. Each carries a user-facing message and an exit code; none prints.

Exit codes (documented in README.md, "Exit codes"):

- 0: success
- 1: a problem with the user's data or environment (corrupt progress file, lock held
  too long, unwritable directory)
- 2: a usage error (unknown or ambiguous item ID, bad option, invalid curriculum)
"""

from __future__ import annotations

EXIT_DATA = 1
"""Exit code for problems with the user's data or environment."""

EXIT_USAGE = 2
"""Exit code for usage errors, including an invalid curriculum."""


class TrackerError(Exception):
    """Base class: ``message`` is shown to the user as is; ``exit_code`` is 1 or 2."""

    exit_code: int = EXIT_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TrackerError):
    """The user asked for something that does not exist or does not make sense."""

    exit_code = EXIT_USAGE


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
        super().__init__(f"{path}: invalid curriculum ({count} {noun}):\n" + "\n".join(problems))
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
