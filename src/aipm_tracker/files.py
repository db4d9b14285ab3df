"""Writing files so that a crash or a reader never sees half of one: the atomic write
every save goes through, and the exported reports' writer."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import StorageError


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a reader or a crash sees either the old file
    or the new one, never a mix: temporary file in the same directory, write, flush,
    fsync, ``os.replace``, fsync of the directory. The file gets ``mode`` (0600 by
    default: progress is private). The temporary file is removed on any failure.
    Raises :class:`OSError`.
    """
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode != 0o600:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def save_export(path: Path, text: str, force: bool = False, protect: Path | None = None) -> None:
    """Write an exported report to ``path`` atomically (UTF-8, mode 0644 less the
    umask: a report is meant to be shared).

    Raises :class:`StorageError` (exit 1) when ``path`` exists and ``force`` is False,
    is a directory, its parent directory is missing, lies inside ``protect`` (the
    directory of the progress files, which a report must never replace), or the disk
    refuses the write.
    """
    if protect is not None and path.resolve().is_relative_to(protect.resolve()):
        raise StorageError(
            f"{path} is inside {protect}, where your progress is kept; write the report "
            "somewhere else"
        )
    if path.is_dir():
        raise StorageError(f"{path} is a directory; give a file name, e.g. {path / 'report.md'}")
    if not path.parent.is_dir():
        raise StorageError(f"{path.parent} does not exist; create it first or choose another path")
    if path.exists() and not force:
        raise StorageError(f"{path} already exists; add --force to replace it")
    umask = os.umask(0)
    os.umask(umask)
    try:
        write_atomic(path, text.encode("utf-8"), mode=0o666 & ~umask)
    except OSError as exc:
        raise StorageError(f"cannot write the report: {exc.strerror or exc}", path) from None
