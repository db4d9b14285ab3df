"""Reading and writing files so that nothing is lost: the one strict JSON parser every
stored JSON document goes through, the atomic write every save goes through, and the
exported reports' writer."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import Fix, StorageError

MAX_INT_DIGITS = 30
"""A whole number in a stored JSON document has at most this many digits (no count,
level or minute total comes near it; Python refuses to convert more than 4,300)."""

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)


class JSONProblem(ValueError):
    """Why a JSON text was refused: ``reason`` (our words: what follows "the file",
    e.g. ``is not valid JSON: ...``, without a final period), and where: ``line`` and ``column``
    (1-based, None when unknown)."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


class _Refused(ValueError):
    """Raised inside the decoder's hooks; located afterwards by :func:`_locate`."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Refused("duplicate key")
    return result


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused("long number")
    return int(text)


def _strict_loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_pairs, parse_int=_int)


_JSON_WORDS = (
    ("Expecting value", "a value is missing here (or the file is empty or cut short)"),
    ("Expecting ',' delimiter", "a comma is missing between two entries"),
    ("Expecting ':' delimiter", "a colon is missing after a key"),
    ("Expecting property name", "a key must be text in double quotes"),
    ("Illegal trailing comma", "a comma ends a list or object"),
    ("Unterminated string", "a string is not closed"),
    ("Invalid control character", "a string holds a control character (a raw line break?)"),
    ("Invalid \\uXXXX escape", "a \\u escape is not four hex digits"),
    ("Invalid \\escape", "a string holds a backslash escape JSON does not have"),
    ("Extra data", "more follows the end of the document"),
)
"""The messages of Python's ``json`` decoder (``JSONDecodeError.msg``, which begins
with these words in CPython 3.11 to 3.13), in ours."""


def _json_words(msg: str) -> str:
    """``msg`` from Python's JSON decoder as our words (a plain "the JSON syntax is
    broken here" for a message this table does not know)."""
    return next((ours for theirs, ours in _JSON_WORDS if msg.startswith(theirs)),
                "the JSON syntax is broken here")  # fmt: skip


def parse_json(text: str) -> Any:
    """The value of the JSON document ``text``, parsed strictly: an object that names
    a key twice (the first would be silently dropped), a whole number of more than
    :data:`MAX_INT_DIGITS` digits, or a string holding half of a UTF-16 surrogate pair
    (``"\\udc80"``, which is not text and can never be written back as UTF-8) is
    refused, as is anything that is not JSON. Raises :class:`JSONProblem` with the
    line and column of the problem.
    """
    try:
        data = _strict_loads(text)
    except json.JSONDecodeError as exc:
        reason = f"is not valid JSON: {_json_words(exc.msg)}"
        raise JSONProblem(reason, exc.lineno, exc.colno) from None
    except RecursionError:
        raise JSONProblem("nests lists or objects too deeply to be ours") from None
    except ValueError:  # one of our hooks, or a number Python will not convert
        raise _locate(text) from None
    if _SURROGATE_ESCAPE.search(text) and not _is_text(data):
        raise _locate(text) from None
    return data


def _is_text(value: Any) -> bool:
    """Whether every string in ``value`` (keys included) can be encoded as UTF-8."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            todo.extend(item)
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return True


def _locate(text: str) -> JSONProblem:
    """The first problem :func:`parse_json` refuses in ``text`` (which is known to
    hold one), with its line and column: a walk over the document that parses each
    scalar on its own. Only runs when a document is refused."""
    decoder = json.JSONDecoder(parse_int=_int)
    scan: Callable[[str, int], tuple[Any, int]] = decoder.scan_once  # type: ignore[attr-defined]
    ws = re.compile(r"[ \t\n\r]*")

    def problem(reason: str, pos: int) -> JSONProblem:
        line = text.count("\n", 0, pos) + 1
        return JSONProblem(reason, line, pos - (text.rfind("\n", 0, pos) + 1) + 1)

    def scalar(pos: int) -> tuple[Any, int]:
        try:
            value, end = scan(text, pos)
        except ValueError:
            raise problem(f"holds a number longer than {MAX_INT_DIGITS} digits", pos) from None
        if isinstance(value, str) and not _is_text(value):
            raise problem(
                "holds a string with half of a UTF-16 surrogate pair, which is not text", pos
            )
        return value, end

    def skip(pos: int) -> int:
        match = ws.match(text, pos)
        return match.end() if match else pos

    def walk(pos: int, depth: int) -> int:
        if depth > 500:
            raise problem("nests lists or objects too deeply to be ours", pos)
        pos = skip(pos)
        opener = text[pos : pos + 1]
        if opener not in ("{", "["):
            return scalar(pos)[1]
        close = "}" if opener == "{" else "]"
        seen: set[str] = set()
        pos = skip(pos + 1)
        while text[pos : pos + 1] != close:
            if opener == "{":
                key, end = scalar(pos)
                if key in seen:
                    raise problem(f"names the key {json.dumps(key)} twice in one object", pos)
                seen.add(key)
                pos = skip(skip(end) + 1)  # past the colon
            pos = skip(walk(pos, depth + 1))
            if text[pos : pos + 1] == ",":
                pos = skip(pos + 1)
        return pos + 1

    try:
        walk(0, 0)
    except JSONProblem as found:
        return found
    except (ValueError, IndexError):  # pragma: no cover - parse_json's own parse failed
        pass
    return JSONProblem("is not valid JSON")  # pragma: no cover - found by the walk


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class NotRegularFileError(OSError):
    """What :func:`open_regular` raises for a path that is not a regular file; its
    ``strerror`` says what it is instead (e.g. ``it is a FIFO (named pipe), not a
    regular file``)."""


def open_regular(path: Path) -> io.BufferedReader:
    """Open the file at ``path`` (symbolic links followed) for reading in binary,
    refusing anything but a regular file before a byte is read: the open itself uses
    ``O_NONBLOCK``, so a FIFO with no writer cannot block it (nor a command holding
    the lock), and a device such as ``/dev/zero`` is never read. Raises
    :class:`FileNotFoundError`, :class:`IsADirectoryError`, :class:`NotRegularFileError`
    (anything else that is not a regular file), or :class:`OSError`.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if kind == stat.S_IFDIR:
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if kind != stat.S_IFREG:
            what = _KINDS.get(kind, "not a regular file")
            raise NotRegularFileError(errno.EINVAL, f"it is {what}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a reader or a crash sees either the old file
    or the new one, never a mix: temporary file in the same directory, write, flush,
    fsync, ``os.replace``, fsync of the directory. The file gets ``mode`` (0600 by
    default: progress is private). The temporary file is removed on any failure.
    A symbolic link at ``path`` is followed: the file it names is replaced, beside
    itself, and the link stays (replacing the link would leave its target stale).
    Raises :class:`OSError`.
    """
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
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

    Only a regular file is ever replaced (and only with ``force``): a directory, a
    device, a FIFO, a socket or a symbolic link at ``path`` is refused, as is any
    target inside ``protect`` (the directory of the progress files, which a report
    must never replace) whether named by its own path or through another (a bind
    mount, a hard link): the guard compares device and inode numbers, not names.

    Raises :class:`StorageError` (exit 1) for each of these, when ``path`` exists and
    ``force`` is False, when its parent directory is missing, or when the disk refuses
    the write.
    """
    shown = _shown(path)
    try:
        target = os.lstat(path)
    except FileNotFoundError:
        target = None
    except OSError as exc:
        raise StorageError(f"cannot use {shown}: {exc.strerror or exc}") from None
    try:
        parent = os.stat(path.parent)
    except OSError:
        parent = None
    if protect is not None:
        owned = _identities(protect)
        inside = path.resolve().is_relative_to(protect.resolve())
        if inside or (parent is not None and (parent.st_dev, parent.st_ino) in owned):
            raise StorageError(
                f"{shown} is inside {_shown(protect)}, where your progress is kept; write "
                "the report somewhere else"
            )
        if target is not None and (target.st_dev, target.st_ino) in owned:
            raise StorageError(
                f"{shown} is another name for a file in {_shown(protect)}, where your "
                "progress is kept; write the report somewhere else"
            )
    if target is not None and stat.S_ISDIR(target.st_mode):
        raise StorageError(
            f"{shown} is a directory; give a file name, e.g. {_shown(path / 'report.md')}"
        )
    if parent is None or not stat.S_ISDIR(parent.st_mode):
        raise StorageError(
            f"{_shown(path.parent)} does not exist; create it first or choose another path"
        )
    if target is not None and not stat.S_ISREG(target.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(target.st_mode) else "not a regular file"
        raise StorageError(
            f"{shown} is {kind} (a report only ever replaces a regular file); choose another path"
        )
    if target is not None and not force:
        raise StorageError(f"{shown} already exists; add --force to replace it")
    umask = os.umask(0)
    os.umask(umask)
    try:
        write_atomic(path, text.encode("utf-8"), mode=0o644 & ~umask)
    except OSError as exc:
        raise StorageError(f"cannot write the report: {exc.strerror or exc}", path) from None


def _shown(path: Path) -> str:
    """``path`` as valid text for a message (a byte that is not UTF-8 as ``\\xff``)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _identities(directory: Path) -> set[tuple[int, int]]:
    """(device, inode) of ``directory`` and of every file and directory under it,
    symbolic links not followed; what cannot be read is skipped."""
    found: set[tuple[int, int]] = set()
    todo = [str(directory)]
    while todo:
        current = todo.pop()
        try:
            info = os.stat(current, follow_symlinks=False)
            found.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                else:
                    info = entry.stat(follow_symlinks=False)
                    found.add((info.st_dev, info.st_ino))
            except OSError:
                continue
    return found


def unreadable_error(path: Path, exc: OSError) -> StorageError:
    """The error (exit 1) for a progress file (or backup) at ``path`` that ``exc`` kept
    from being read, with the way out that fits the cause (not the error again)."""
    if isinstance(exc, NotRegularFileError | IsADirectoryError):
        fix = Fix(
            "Nothing was changed. Move it aside, and the next change starts a new "
            "progress file: {command}",
            shell=f"mv '{path}' '{path}.aside'",
        )
    elif isinstance(exc, PermissionError):
        fix = Fix(
            "Nothing was changed. Give yourself access to it: {command}",
            shell=f"chmod u+rw '{path}'",
        )
    else:
        fix = Fix(
            "Nothing was changed. The disk refused the read: check the disk (the "
            "system log names the error), then try again."
        )
    return StorageError(f"cannot read the progress file: {exc.strerror}.", path, fix=fix)
