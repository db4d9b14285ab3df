"""``aipm doctor``: check the data directory, the progress file, its backups, stray
temporary files, progress on items the curriculum lacks, and the curriculum itself.

Read-only: nothing here writes, locks or deletes. Each check gives a
:class:`Finding` saying what was found and, when something is wrong, how to fix it.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .errors import TrackerError
from .models import SCHEMA_VERSION, Curriculum
from .render.text import plural
from .store import ProgressStore

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


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
    if not data_dir.exists():
        return [
            Finding(
                "data dir",
                True,
                f"{data_dir} does not exist yet; your first change creates it (mode 0700)",
            )
        ]
    dirs = [data_dir, data_dir / "progress"]
    files: list[Path] = []
    if store is not None:
        dirs += [store.backup_dir.parent, store.backup_dir]
        files += [store.path, store.lock_path]
        with contextlib.suppress(TrackerError):  # progress_file reports an unreadable dir
            files += [b.path for b in store.backups()]
        files += sorted(store.path.parent.glob(f"{store.path.stem}.unreadable-*"))
    seen: set[Path] = set()
    loose_dirs = []
    for d in dirs:
        if d in seen or not d.is_dir():
            continue
        seen.add(d)
        if _mode(d) & 0o077:
            loose_dirs.append(d)
    loose_files = [f for f in files if f.is_file() and _mode(f) & 0o077]
    found: list[Finding] = []
    if loose_dirs:
        found.append(
            Finding(
                "data dir",
                False,
                "\n".join(f"{d} is {_mode(d):04o}; others can list it" for d in loose_dirs),
                "chmod 700 " + " ".join(_q(d) for d in loose_dirs),
            )
        )
    else:
        found.append(Finding("data dir", True, f"{data_dir} (mode 0700)"))
    if loose_files:
        found.append(
            Finding(
                "file modes",
                False,
                "\n".join(f"{f} is {_mode(f):04o}; others can read it" for f in loose_files),
                "chmod 600 " + " ".join(_q(f) for f in loose_files),
            )
        )
    else:
        count = sum(1 for f in files if f.is_file())
        found.append(Finding("file modes", True, f"{count} {plural(count, 'file')}, all 0600"))
    return found


def progress_file(store: ProgressStore, curriculum: Curriculum) -> list[Finding]:
    """The progress file parses and validates; its backups do; no stray temporary
    files; no progress on items the curriculum lacks."""
    found: list[Finding] = []
    try:
        summaries = store.summaries()
    except TrackerError as exc:  # the backup directory cannot be listed
        summaries = []
        blocked = next(
            (p for p in (store.backup_dir, *store.backup_dir.parents) if p.exists()),
            store.backup_dir,
        )
        fix = (
            f"chmod 700 {_q(blocked)}"
            if blocked.is_dir()
            else f"mv {_q(blocked)} {_q(blocked.with_name(blocked.name + '.aside'))}"
        )
        found.append(Finding("backups", False, exc.message, fix))
    good = [s for s in summaries if s.progress is not None]
    progress = None
    if not store.path.exists():
        if good:
            newest = good[-1].backup.id
            found.append(
                Finding(
                    "progress file",
                    False,
                    f"{store.path} is missing, but there are backups",
                    f"{store.command} backup restore {newest}",
                )
            )
        else:
            found.append(
                Finding(
                    "progress file", True, f"{store.path} does not exist yet (nothing recorded)"
                )
            )
    else:
        raw_version = _schema_of(store)
        try:
            progress = store.load()
        except TrackerError as exc:
            found.append(Finding("progress file", False, exc.message, _way_out(exc.message)))
        else:
            upgrade = (
                f"; schema {raw_version}, upgraded to {SCHEMA_VERSION} on your next change"
                if raw_version is not None and raw_version < SCHEMA_VERSION
                else ""
            )
            found.append(
                Finding(
                    "progress file",
                    True,
                    f"{store.path}: {len(progress.items)} {plural(len(progress.items), 'item')}, "
                    f"{len(progress.history)} {plural(len(progress.history), 'change')}{upgrade}",
                )
            )

    bad = [s for s in summaries if s.progress is None]
    if bad:
        found.append(
            Finding(
                "backups",
                False,
                "\n".join(f"{s.backup.path}: {s.problem}" for s in bad),
                "these backups cannot be restored; move them out of "
                f"{store.backup_dir} to keep them, or delete them",
            )
        )
    elif summaries:
        count = len(summaries)
        found.append(
            Finding(
                "backups",
                True,
                f"{count} {plural(count, 'backup')}, all readable; newest "
                f"{summaries[-1].backup.id} (keeping {store.keep_backups})",
            )
        )
    elif not any(f.check == "backups" for f in found):
        found.append(Finding("backups", True, "none yet (one is made before every change)"))

    strays = store.stray_temp_files()
    if strays:
        found.append(
            Finding(
                "temp files",
                False,
                "\n".join(f"{p} (left by an interrupted save)" for p in strays),
                "your next change removes them, or: rm " + " ".join(_q(p) for p in strays),
            )
        )
    else:
        found.append(Finding("temp files", True, "none"))

    if progress is not None:
        unknown = engine.orphans(curriculum, progress)
        if unknown:
            found.append(
                Finding(
                    "unknown items",
                    False,
                    f"progress kept for {len(unknown)} {plural(len(unknown), 'item')} this "
                    f"curriculum does not have: {', '.join(unknown)}",
                    "if an item was renamed, list its old ID under the new item's aliases "
                    "in the curriculum; otherwise nothing is lost, its progress stays",
                )
            )
        else:
            found.append(Finding("unknown items", True, "none"))
    return found


def _way_out(message: str) -> str:
    """The command a store error message ends with, or the message's last sentence."""
    for marker in ("with: ", "afresh: "):
        if marker in message:
            return message.rpartition(marker)[2]
    return message.rpartition(". ")[2] or message


def _schema_of(store: ProgressStore) -> int | None:
    """The schema_version written in the progress file, without validating anything
    else (read through the store, with its size cap)."""
    try:
        raw = store.read_raw()
        data = json.loads(raw) if raw is not None else None
    except (TrackerError, ValueError, RecursionError):
        return None
    version = data.get("schema_version") if isinstance(data, dict) else None
    return version if isinstance(version, int) else None


def diagnose(
    data_dir: Path,
    load: Callable[[], tuple[Curriculum, str]],
    make_store: Callable[[Curriculum], ProgressStore],
) -> list[Finding]:
    """Run every check. ``load`` gives ``(curriculum, source)`` or raises a
    :class:`TrackerError`; ``make_store`` builds the progress store of a curriculum.
    Without a curriculum the progress file cannot be found, so only the data
    directory is checked then."""
    try:
        curriculum, source = load()
    except TrackerError as exc:
        return [
            Finding(
                "curriculum",
                False,
                exc.message,
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
        *permissions(data_dir, store),
    ]
    return findings + progress_file(store, curriculum)
