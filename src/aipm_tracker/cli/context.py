"""What every command needs: the curriculum, the progress store, the clock.

The clock is read here and only here (``now``/``today``), then passed down to the pure
layers; tests replace these two functions to pin time.

Each command reads the curriculum and the progress file once, and a command that
changes progress writes once and goes on with what it wrote. The curriculum comes
through the cache of validated curricula (:mod:`aipm_tracker.cache`) when its file is
unchanged since it was last checked. The core modules are imported on first use, so that commands
that do not need them (``--help``, ``path``) do not pay for them.
"""

from __future__ import annotations

import math
import os
import shlex
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from .. import paths

if TYPE_CHECKING:
    from ..engine import OwnProblem
    from ..errors import TrackerError
    from ..models import Curriculum, Progress, Role, Standing
    from ..store import ProgressStore


def now() -> datetime:
    """The current local time as an aware datetime (ISO 8601 with offset when
    saved)."""
    return datetime.now().astimezone()


BACKUPS_ENV = "AIPM_BACKUPS"
"""How many backups to keep (default 10)."""

LOCK_TIMEOUT_ENV = "AIPM_LOCK_TIMEOUT"
"""How many seconds to wait for another aipm process's lock (default 10)."""


def env_number(name: str, default: float, low: float, high: float, *, whole: bool = False) -> float:
    """The number in environment variable ``name`` (``default`` when unset), which
    must lie in ``[low, high]`` and, with ``whole``, be a whole number (a count of
    backups: ``1.5`` is refused, not rounded down). Raises :class:`UsageError`
    (exit 2) otherwise."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(int(text)) if whole else float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        from ..errors import UsageError

        kind = "a whole number" if whole else "a number"
        raise UsageError(f"{name}={text!r} is not {kind} from {low:g} to {high:g}")
    return value


def moment(text: str | None) -> datetime | None:
    """The moment a ``--at WHEN`` option names (None when not given), in the local
    time zone, from :func:`now`; raises :class:`UsageError` (exit 2) for text that
    names none (see :func:`aipm_tracker.moments.parse_when`)."""
    if text is None:
        return None
    from ..localzone import LOCAL
    from ..moments import parse_when

    return parse_when(text, now(), LOCAL)


def today() -> date:
    """Today's local date (from :func:`now`, so pinning ``now`` pins it too)."""
    return now().date()


class RoleChoice(NamedTuple):
    """The role a command works towards: ``role`` (None: the curriculum has no roles)
    and ``warning``, the text to show on standard error when the saved target role is
    gone from the curriculum (None: nothing to say)."""

    role: Role | None
    warning: str | None


class Session:
    """Per-invocation state built from the global options. Loads lazily, once.

    ``data_dir_option`` and ``curriculum_option`` are the ``--data-dir`` and
    ``--curriculum`` values (None: from the environment or the defaults); ``command``
    is how to run aipm again with them (see :func:`command_prefix`).
    """

    def __init__(
        self,
        data_dir_option: str | None = None,
        curriculum_option: str | None = None,
        command: str = "aipm",
    ) -> None:
        self.data_dir_option = data_dir_option
        self.curriculum_option = curriculum_option
        self.command = command
        self._progress: Progress | None = None
        self._standing: Standing | None = None
        self._merged: tuple[object, Curriculum] | None = None

    @cached_property
    def loaded(self) -> tuple[Curriculum, str]:
        """``(curriculum, source path)``; raises CurriculumError (exit 2)."""
        from ..curriculum import load_curriculum

        path = paths.curriculum_override(self.curriculum_option)
        return load_curriculum(path, cache_dir=paths.cache_dir())

    @property
    def base(self) -> Curriculum:
        """The curriculum file in use (the user's own or the bundled one), without the
        items the user added to it (see :attr:`curriculum`)."""
        return self.loaded[0]

    @property
    def curriculum(self) -> Curriculum:
        """The curriculum in use with the user's own items and required IDs merged in
        (see :func:`aipm_tracker.engine.with_own`), for the progress as it stands now
        (what this command saved, once it has). Raises :class:`OwnItemsError` (exit
        2, ``FILE:LINE`` of the progress file) when a hand edit left them at odds
        with the curriculum."""
        from .. import engine

        base = self.base
        # No progress file, no items of the user's: a command that has not read the
        # file yet does not read it just to learn that (its own read reports the
        # problem, if any, in its own words).
        if self._progress is None and not self.store.path.is_file():
            return base
        standing = self.standing
        if not standing.own_items and not standing.profile.require:
            return base
        key = (standing.own_items, standing.profile)
        if self._merged is None or self._merged[0] != key:
            problems = engine.own_problems(base, standing)
            if problems:
                raise self._own_error(problems)
            role = engine.resolve_role(base, standing, None)
            self._merged = (key, engine.with_own(base, standing, role.id if role else None))
        return self._merged[1]

    def _own_error(self, problems: list[OwnProblem]) -> TrackerError:
        from ..errors import Fix, OwnItemsError

        path = self.store.path
        lines = [
            f"{path}:{self.store.line_of(p.item) if p.item else self.store.line_of(None)}: "
            f"{p.message}"
            for p in problems
        ]
        first = next((p.item for p in problems if p.item), None)
        fix = (
            Fix(f"Correct the file, or remove the item with: aipm item remove {first}")
            if first
            else Fix("Correct the file, or take it off with: aipm target --unrequire ID")
        )
        return OwnItemsError(str(path), lines, fix)

    @property
    def curriculum_source(self) -> str:
        """Where the curriculum was read from."""
        return self.loaded[1]

    @cached_property
    def data_dir(self) -> Path:
        """The data directory (``--data-dir``, ``$AIPM_DATA_DIR`` or platformdirs)."""
        return paths.data_dir(self.data_dir_option)

    @cached_property
    def store(self) -> ProgressStore:
        """The progress store of the curriculum in use."""
        return self.store_of(self.base)

    def store_of(self, c: Curriculum) -> ProgressStore:
        """The progress store of curriculum ``c``, which the caller loaded itself (so
        that ``doctor``, which writes nothing, never loads it through the cache)."""
        from .. import engine
        from ..locking import LOCK_TIMEOUT_SECONDS
        from ..models import CurriculumRef
        from ..store import BACKUPS_KEPT, ProgressStore

        return ProgressStore(
            paths.progress_file(self.data_dir, c.id),
            # Validated already (they are the curriculum's): building the validator
            # would cost more than the rest of a read-only command.
            CurriculumRef.model_construct(id=c.id, version=c.version),
            lock_timeout=env_number(LOCK_TIMEOUT_ENV, LOCK_TIMEOUT_SECONDS, 0, 3600),
            backup_dir=paths.backup_dir(self.data_dir, c.id),
            keep_backups=int(env_number(BACKUPS_ENV, BACKUPS_KEPT, 1, 1000, whole=True)),
            normalize=lambda progress: engine.carry_renamed(c, progress),
            clock=now,
            on_wait=_say_waiting,
        )

    @property
    def progress(self) -> Progress:
        """The user's whole progress (history included), read once per command
        without the lock, or what this command saved. Raises what
        :meth:`ProgressStore.load` raises."""
        if self._progress is None:
            self._progress = self.store.load()
        return self._progress

    @property
    def standing(self) -> Standing:
        """Where the user stands (:class:`Standing`: the progress without its
        history), read once per command, through the cache (see
        :func:`aipm_tracker.cache.standing`); the whole progress once this command has
        read or saved it. Raises what :meth:`ProgressStore.load` raises."""
        if self._progress is not None:
            return self._progress
        if self._standing is None:
            from .. import cache, engine
            from ..models import Progress

            c = self.base
            self._standing = cache.standing(
                paths.cache_dir(), self.store, lambda head: engine.carry_renamed(c, head)
            )
            if isinstance(self._standing, Progress):
                self._progress = self._standing
        return self._standing

    def update(self, change: Callable[[Progress], Progress]) -> tuple[Progress, Progress]:
        """Apply ``change`` under the store's lock and save (see
        :meth:`ProgressStore.update`); returns ``(before, after)``. Later reads in this
        command see ``after``, and the cache learns the file just written."""
        before, after = self.store.update(change)
        self._progress = after
        digest = self.store.written_digest
        if after != before and digest is not None:
            from .. import cache

            cache.remember(paths.cache_dir(), self.store.path, digest, after)
        return before, after

    def role(self, override: str | None = None) -> RoleChoice:
        """The target role (``--target`` override, the profile's, or the default), with
        the warning to show when the saved role is gone from the curriculum and the
        default is used instead. Prints nothing: the command shows the warning (see
        :func:`~aipm_tracker.cli.output.take_role`). Raises UsageError (exit 2) for
        an unknown ``override``."""
        from .. import engine

        warning = None
        stale = engine.stale_target_role(self.curriculum, self.standing)
        if stale is not None and override is None:
            fallback = engine.resolve_role(self.curriculum, self.standing, None)
            warning = (
                f"your target role {stale!r} is not in this curriculum; using "
                f"{fallback.id if fallback else 'none'} instead. Choose one with: aipm target ROLE"
            )
        return RoleChoice(engine.resolve_role(self.curriculum, self.standing, override), warning)

    def resolve(self, query: str) -> str:
        """An ITEM argument resolved to an item ID (exit 2 with suggestions), among
        the curriculum's items and the user's own. A command that has not read the
        progress yet tries the curriculum's items first, so that a change to one of
        them does not read the progress file once more before its locked read."""
        from .. import engine
        from ..errors import UnknownItemError

        if self._progress is None and self._standing is None:
            try:
                return engine.resolve_item(self.base, query)
            except UnknownItemError:
                pass
        return engine.resolve_item(self.curriculum, query)

    def resolve_all(self, queries: list[str]) -> list[str]:
        """Every ITEM argument of ``queries`` resolved to an item ID (exit 2 at the
        first unknown one, see :meth:`resolve`), each once, in the order given."""
        return list(dict.fromkeys(self.resolve(query) for query in queries))

    def change_item(
        self, item_id: str, change: Callable[[Progress, str], Progress]
    ) -> Progress | None:
        """Apply ``change`` (given the progress and ``item_id``) under the store's lock
        and save (see :meth:`update`); the progress after, None when nothing changed."""
        before, after = self.update(lambda p: change(p, item_id))
        return None if after == before else after


def _say_waiting(holder: int | None, timeout: float) -> None:
    """Tell the user, on standard error, why the command has not finished yet: it is
    waiting for the lock of the aipm process ``holder`` (a PID, None: unknown) for at
    most ``timeout`` seconds in all."""
    from ..render import terminal

    who = f"aipm process {holder}" if holder else "another aipm process"
    terminal.notice(f"Waiting for {who} (up to {timeout:g} s)...")


def command_prefix(data_dir: str | None, curriculum: str | None) -> str:
    """How to run aipm again with the same global options given on the command line
    (shell-quoted), for commands printed in messages: ``aipm --data-dir /x``."""
    words = ["aipm"]
    if data_dir:
        words += ["--data-dir", data_dir]
    if curriculum:
        words += ["--curriculum", curriculum]
    return " ".join(shlex.quote(w) for w in words)


def session(ctx: typer.Context) -> Session:
    """The :class:`Session` the root callback stored on the context."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    obj: Session = root.obj
    return obj
