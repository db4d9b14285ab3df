"""``aipm doctor``: check the data directory, the progress file, its backups, stray
temporary files, progress on items the curriculum lacks, and the curriculum itself.

Read-only: nothing here writes, locks or deletes. Each check gives a
:class:`Finding` saying what was found and, when something is wrong, how to fix it.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import engine
from .backups import LAST_ID, BackupSummary
from .errors import Fix, Step, TrackerError
from .models import SCHEMA_VERSION, Curriculum, Progress
from .store import ProgressStore
from .wording import plural


@dataclass(frozen=True, slots=True)
class Finding:
    """The result of one check: ``check`` names it (e.g. ``"backups"``), ``ok``
    says whether all is well, ``found`` what was found (one or more lines), ``fix``
    the command or step that repairs it (None when ``ok``)."""

    check: str
    ok: bool
    found: str
    fix: str | None = None


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _q(path: Path) -> str:
    return shlex.quote(str(path))


def permissions(data_dir: Path, store: ProgressStore | None) -> list[Finding]:
    """The data directory and the directories below it must be 0700 (or stricter)
    and the files in them 0600 (or stricter): progress is private."""
    missing = _not_a_data_dir(data_dir)
    if missing is not None:
        return [missing]
    dirs, files = _private_paths(data_dir, store)
    # A directory aipm cannot create files in fails every change (os.access: it also
    # sees a read-only file system, which the mode bits do not show).
    blocked = sorted(d for d in dirs if not os.access(d, os.W_OK | os.X_OK))
    found = [_blocked_dirs(blocked)] if blocked else []
    found.extend(_dir_modes(data_dir, dirs, blocked))
    found.append(_file_modes(files))
    return found


def _not_a_data_dir(data_dir: Path) -> Finding | None:
    """The finding for a data directory that does not exist yet or is not a
    directory; None when it is one."""
    if not data_dir.exists():
        return Finding(
            "data dir",
            True,
            f"{data_dir} does not exist yet; your first change creates it (mode 0700)",
        )
    if not data_dir.is_dir():
        return Finding(
            "data dir",
            False,
            f"{data_dir} is not a directory; aipm cannot keep your progress in it",
            f"move it aside (mv {_q(data_dir)} "
            f"{_q(data_dir.with_name(data_dir.name + '.aside'))}) or choose another "
            "data dir with --data-dir or AIPM_DATA_DIR",
        )
    return None


def _private_paths(data_dir: Path, store: ProgressStore | None) -> tuple[list[Path], list[Path]]:
    """The directories that hold progress (those that exist, each once) and the
    files that may: the progress file, its lock, its backups, unreadable copies."""
    dirs = [data_dir, data_dir / "progress"]
    files: list[Path] = []
    if store is not None:
        dirs += [store.backup_dir.parent, store.backup_dir]
        files += [store.path, store.lock_path]
        with contextlib.suppress(TrackerError):  # progress_file reports an unreadable dir
            files += [b.path for b in store.backups()]
        files += sorted(store.path.parent.glob(f"{store.path.stem}.unreadable-*"))
    existing = [d for d in dict.fromkeys(dirs) if d.is_dir()]
    return existing, files


def _blocked_dirs(blocked: list[Path]) -> Finding:
    """The finding for the ``blocked`` directories (sorted), which aipm cannot write."""
    return Finding(
        "data dir",
        False,
        "\n".join(
            f"{d} is not writable (mode {_mode(d):04o}); every change will fail" for d in blocked
        ),
        "make it writable (chmod u+rwx "
        + " ".join(_q(d) for d in blocked)
        + ") or, on a read-only disk, choose another data dir with --data-dir",
    )


def _dir_modes(data_dir: Path, dirs: list[Path], blocked: list[Path]) -> list[Finding]:
    """The finding on the modes of ``dirs``: those others can list, else (when none
    is ``blocked`` either) the data directory's mode."""
    loose_dirs = [d for d in dirs if _mode(d) & 0o077]
    if loose_dirs:
        return [
            Finding(
                "data dir",
                False,
                "\n".join(f"{d} is {_mode(d):04o}; others can list it" for d in loose_dirs),
                "chmod 700 " + " ".join(_q(d) for d in loose_dirs),
            )
        ]
    if not blocked:
        return [Finding("data dir", True, f"{data_dir} (mode {_mode(data_dir):04o})")]
    return []


def _file_modes(files: list[Path]) -> Finding:
    """The finding on the modes of ``files`` (those that exist): the ones others can
    read, else how many there are and their modes."""
    loose_files = [f for f in files if f.is_file() and _mode(f) & 0o077]
    if loose_files:
        return Finding(
            "file modes",
            False,
            "\n".join(f"{f} is {_mode(f):04o}; others can read it" for f in loose_files),
            "chmod 600 " + " ".join(_q(f) for f in loose_files),
        )
    modes = sorted({_mode(f) for f in files if f.is_file()})
    count = sum(1 for f in files if f.is_file())
    shown = ("all " if len(modes) <= 1 else "modes ") + (
        ", ".join(f"{m:04o}" for m in modes) or "0600"
    )
    return Finding("file modes", True, f"{count} {plural(count, 'file')}, {shown}")


def progress_file(
    store: ProgressStore, curriculum: Curriculum, command: str = "aipm"
) -> list[Finding]:
    """The progress file parses and validates; its backups do; no stray temporary
    files; no progress on items the curriculum lacks. ``command`` is how the user runs
    aipm (``aipm --data-dir /x``), for the commands the fixes name."""
    found: list[Finding] = []
    try:
        summaries = store.summaries()
    except TrackerError as exc:  # the backup directory cannot be listed
        summaries = []
        found.append(_unlistable_backups(store, exc, command))
    progress, finding = _progress(store, summaries, command)
    found.append(finding)
    found += _backups(store, summaries, listed=not found[:-1])
    found.append(_strays(store))
    if progress is not None:
        found.append(_unknown_items(curriculum, progress))
    return found


def _unlistable_backups(store: ProgressStore, exc: TrackerError, command: str) -> Finding:
    """The backup directory cannot be listed: make it listable or move it aside."""
    blocked = next(
        (p for p in (store.backup_dir, *store.backup_dir.parents) if p.exists()),
        store.backup_dir,
    )
    fix = (
        f"chmod 700 {_q(blocked)}"
        if blocked.is_dir()
        else f"mv {_q(blocked)} {_q(blocked.with_name(blocked.name + '.aside'))}"
    )
    return Finding("backups", False, exc.text(command), fix)


def _progress(
    store: ProgressStore, summaries: list[BackupSummary], command: str
) -> tuple[Progress | None, Finding]:
    """The progress file itself (None when missing or unreadable) and its finding."""
    if not store.path.exists():
        good = [s for s in summaries if s.progress is not None]
        if good:
            restore = Fix("", Step.RESTORE_BACKUP, good[-1].backup.id).command(command)
            missing = f"{store.path} is missing, but there are backups"
            return None, Finding("progress file", False, missing, restore)
        return None, Finding(
            "progress file", True, f"{store.path} does not exist yet (nothing recorded)"
        )
    try:
        progress, written = store.load_written()
    except TrackerError as exc:
        return None, Finding("progress file", False, exc.text(command), _way_out(exc, command))
    upgrade = (
        f"; schema {written}, upgraded to {SCHEMA_VERSION} on your next change"
        if written is not None and written < SCHEMA_VERSION
        else ""
    )
    items, changes = len(progress.items), len(progress.history)
    link = (
        f"; a symbolic link to {os.path.realpath(store.path)}, which each change replaces"
        if store.path.is_symlink()
        else ""
    )
    return progress, Finding(
        "progress file",
        True,
        f"{store.path}: {items} {plural(items, 'item')}, "
        f"{changes} {plural(changes, 'change')}{upgrade}{link}",
    )


def _backups(store: ProgressStore, summaries: list[BackupSummary], listed: bool) -> list[Finding]:
    """Every backup parses; ``listed`` is False when the directory could not be listed
    (already reported)."""
    bad = [s for s in summaries if s.progress is None]
    if bad:
        return [
            Finding(
                "backups",
                False,
                "\n".join(f"{s.backup.path}: {s.problem}" for s in bad),
                "these backups cannot be restored; move them out of "
                f"{store.backup_dir} to keep them, or delete them",
            )
        ]
    if summaries and summaries[-1].backup.id == LAST_ID:
        return [
            Finding(
                "backups",
                False,
                f"{summaries[-1].backup.path}: named for the last moment of year 9999, so "
                "no later backup can be made and every change is refused",
                f"move it out of {store.backup_dir}, or rename it to its real time",
            )
        ]
    if summaries:
        count = len(summaries)
        return [
            Finding(
                "backups",
                True,
                f"{count} {plural(count, 'backup')}, all readable; newest "
                f"{summaries[-1].backup.id} (keeping {store.keep_backups})",
            )
        ]
    if listed:
        return [Finding("backups", True, "none yet (one is made before every change)")]
    return []


def _strays(store: ProgressStore) -> Finding:
    """No temporary files left by an interrupted save."""
    strays = store.stray_temp_files()
    if not strays:
        return Finding("temp files", True, "none")
    return Finding(
        "temp files",
        False,
        "\n".join(f"{p} (left by an interrupted save)" for p in strays),
        "your next change removes them, or: rm " + " ".join(_q(p) for p in strays),
    )


def _unknown_items(curriculum: Curriculum, progress: Progress) -> Finding:
    """No progress on items the curriculum does not have (kept, reported)."""
    unknown = engine.orphans(curriculum, progress)
    if not unknown:
        return Finding("unknown items", True, "none")
    return Finding(
        "unknown items",
        False,
        f"progress kept for {len(unknown)} {plural(len(unknown), 'item')} this "
        f"curriculum does not have: {', '.join(unknown)}",
        "if an item was renamed, list its old ID under the new item's aliases "
        "in the curriculum; otherwise nothing is lost, its progress stays",
    )


def stale_facts(curriculum: Curriculum, today: date) -> Finding:
    """The curriculum's dated facts (an item's or a resource's ``as_of``) checked more
    than :data:`~aipm_tracker.models.STALE_AFTER_MONTHS` months before ``today``: a
    note, not a failure (the figures may still hold; the user should check them)."""
    due: list[str] = []
    for item in curriculum.items:
        dates = {item.as_of} if "item" in engine.stale_facts(item, today) else set()
        dates |= {r.as_of for r in item.resources if engine.is_stale(r.as_of, today)}
        if dates:
            due.append(f"{item.id} (as of {', '.join(sorted(d for d in dates if d))})")
    if not due:
        return Finding("facts", True, "none over 12 months old")
    shown = ", ".join(due[:8]) + (f" and {len(due) - 8} more" if len(due) > 8 else "")
    return Finding(
        "facts",
        True,
        f"{len(due)} {plural(len(due), 'item')} with facts over 12 months old, due for a "
        f"check against their sources (aipm show ITEM lists them): {shown}",
    )


def _way_out(exc: TrackerError, command: str) -> str:
    """The fix a store error carries: its command when it names one, else its words
    (an error without a fix is its own way out)."""
    if exc.fix is None:
        return exc.text(command)
    return exc.fix.command(command) or exc.fix.render(command)


def diagnose(
    data_dir: Path,
    load: Callable[[], tuple[Curriculum, str]],
    make_store: Callable[[Curriculum], ProgressStore],
    command: str = "aipm",
    today: date | None = None,
) -> list[Finding]:
    """Run every check. ``load`` gives ``(curriculum, source)`` or raises a
    :class:`TrackerError`; ``make_store`` builds the progress store of a curriculum;
    ``command`` is how the user runs aipm, for the commands in the fixes.
    Without a curriculum the progress file cannot be found, so only the data
    directory is checked then. With ``today`` (a local date), the curriculum's facts
    due for a check are noted too."""
    try:
        curriculum, source = load()
    except TrackerError as exc:
        return [
            Finding(
                "curriculum",
                False,
                exc.text(command),
                "fix the lines above (check with: aipm curriculum validate FILE), or "
                "drop --curriculum and unset AIPM_CURRICULUM to use the bundled curriculum",
            ),
            *permissions(data_dir, None),
        ]
    store = make_store(curriculum)
    count = len(curriculum.items)
    findings = [
        Finding(
            "curriculum",
            True,
            f"{curriculum.id} {curriculum.version}: {count} {plural(count, 'item')}, from {source}",
        ),
        *([stale_facts(curriculum, today)] if today is not None else []),
        *permissions(data_dir, store),
    ]
    return findings + progress_file(store, curriculum, command)
