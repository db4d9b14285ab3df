"""The lock that makes a progress file's read-modify-write one at a time: a filelock
lock file beside it, stamped with the PID of the process that holds it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import Fix, LockTimeoutError, StorageError

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a command waits for another ``aipm`` process to release the lock."""

LOCK_NOTICE_SECONDS = 0.5
"""After this long waiting for the lock (seconds), the store tells its ``on_wait``
(once), so that the user learns why the command is slow: a wait for the lock of a
command held up (a ``drill`` or an editor in another terminal) can last the whole
:data:`LOCK_TIMEOUT_SECONDS`."""


class ProgressLock:
    """The lock file at ``path`` guarding the progress file ``subject`` (named in the
    errors). ``timeout`` is in seconds; ``on_wait`` is called once, with the PID of
    the holder (None when the lock file names none) and ``timeout``, when a command
    has waited :data:`LOCK_NOTICE_SECONDS` and goes on waiting."""

    def __init__(
        self,
        path: Path,
        subject: Path,
        timeout: float,
        on_wait: Callable[[int | None, float], None] | None = None,
    ) -> None:
        self.path = path
        self.subject = subject
        self.timeout = timeout
        self.on_wait = on_wait

    def holder(self) -> int | None:
        """The PID written in the lock file by the process holding (or that last
        held) the lock, or None when there is none."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the ``with`` block; the lock file holds our PID meanwhile
        and is emptied on release. Raises :class:`LockTimeoutError` when another
        process holds it past :attr:`timeout`, :class:`StorageError` when the lock file
        cannot be made or opened (both exit 1, nothing changed)."""
        from filelock import FileLock, Timeout  # only commands that write pay its import

        def stamp(fd: int) -> None:  # while holding the lock, name ourselves in it
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())

        lock = FileLock(self.path, timeout=self.timeout, mode=0o600, on_acquired=stamp)
        try:
            self._acquire(lock, Timeout)
        except Timeout:
            holder = self.holder()
            who = f"aipm process {holder}" if holder else "another aipm process"
            raise LockTimeoutError(
                f"is locked by {who} (waited {self.timeout:g} s for {self.path}).",
                self.subject,
                fix=Fix("Nothing was changed; try again when it has finished."),
                subject=True,
            ) from None
        except OSError as exc:  # the lock file itself cannot be made or opened
            raise StorageError(
                f"cannot take the lock: {exc.strerror or exc}.",
                self.path,
                fix=Fix("Nothing was changed."),
            ) from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.truncate(self.path, 0)
            lock.release()

    def _acquire(self, lock: Any, timeout_error: type[Exception]) -> None:
        """Take ``lock`` (a FileLock) within :attr:`timeout` seconds, telling
        :attr:`on_wait` once when :data:`LOCK_NOTICE_SECONDS` of it have passed.
        Raises ``timeout_error`` (filelock's Timeout) when the time is up."""
        if self.on_wait is None or self.timeout <= LOCK_NOTICE_SECONDS:
            lock.acquire()
            return
        try:
            lock.acquire(timeout=LOCK_NOTICE_SECONDS)
            return
        except timeout_error:
            pass
        self.on_wait(self.holder(), self.timeout)
        lock.acquire(timeout=self.timeout - LOCK_NOTICE_SECONDS)
