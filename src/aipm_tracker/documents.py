"""The one module that reads the user's own documents (job descriptions, CVs) into
plain text: ``.txt`` and ``.md`` (and standard input) as UTF-8, ``.pdf`` through
pypdf and ``.docx`` through python-docx, both imported only when such a file is read.

Every refusal is a :class:`~aipm_tracker.errors.UsageError` (exit 2) in our words,
naming the file: an empty, binary, unreadable, oversized or encrypted document, or one
of a kind we do not read. Nothing here writes anything.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import Fix, UsageError

MAX_DOCUMENT_BYTES = 10 * 2**20
"""A document file larger than this (10 MiB) is refused unread: a job description or
a CV with its images is far smaller."""

MAX_TEXT_CHARS = 200_000
"""A document whose text is longer than this (about 60 pages) is refused: it is not
one job description or one CV."""

TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".markdown", ".text"})
"""Suffixes read as UTF-8 text."""

SUFFIXES = "text (.txt, .md), PDF (.pdf) or Word (.docx)"


def read_document(path: Path) -> str:
    """The plain text of the document at ``path`` (lines joined with ``\\n``, no
    trailing whitespace on a line). Raises :class:`UsageError` (exit 2) for a file
    that is missing, unreadable, over :data:`MAX_DOCUMENT_BYTES`, empty, binary,
    encrypted, of a kind other than :data:`SUFFIXES`, or whose text is over
    :data:`MAX_TEXT_CHARS`."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in (".pdf", ".docx"):
        raise _refused(
            f"is not a document aipm reads: it reads {SUFFIXES} files",
            path,
            fix=Fix("Save it as one of those, or paste its text on standard input with -."),
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:
        raise _refused("does not exist", path) from None
    except IsADirectoryError:
        raise _refused("is a directory, not a document", path) from None
    except OSError as exc:
        raise _refused(f"cannot be read: {exc.strerror or exc}", path) from None
    if suffix == ".pdf":
        return _checked(_pdf_text(raw, path), path)
    if suffix == ".docx":
        return _checked(_docx_text(raw, path), path)
    return read_text(raw, path)


def read_text(raw: bytes, path: Path | str) -> str:
    """The text of ``raw``, the bytes of a text document (``path`` names it in
    messages: a file, or ``standard input``). Raises :class:`UsageError` as
    :func:`read_document` does."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _too_large(path)
    if b"\x00" in raw:
        raise _refused(
            "is a binary file, not text",
            path,
            fix=Fix(f"aipm reads {SUFFIXES} documents."),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refused(
            f"is not UTF-8 text (byte {exc.start} cannot be read)",
            path,
            fix=Fix("Save it as UTF-8 text, or as a PDF or Word file."),
        ) from None
    return _checked(text, path)


def _refused(reason: str, path: Path | str, fix: Fix | None = None) -> UsageError:
    """The refusal of the document at ``path`` (a file, or ``standard input``):
    ``PATH reason.`` and the way out."""
    return UsageError(reason + ".", path, fix=fix, subject=True)


def _too_large(path: Path | str) -> UsageError:
    return _refused(
        f"is larger than {MAX_DOCUMENT_BYTES // 2**20} MB, far more than a job description or a CV",
        path,
    )


def _checked(text: str, path: Path | str) -> str:
    """``text`` with line ends normalised and control characters but tab removed;
    refused when empty or too long."""
    lines = [
        "".join(ch for ch in line if ch == "\t" or ch.isprintable()).rstrip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    cleaned = "\n".join(lines).strip("\n")
    if not cleaned.strip():
        raise _refused(
            "holds no text",
            path,
            fix=Fix("Check that it is the right file; a scanned PDF holds only images."),
        )
    if len(cleaned) > MAX_TEXT_CHARS:
        raise _refused(
            f"holds {len(cleaned):,} characters of text, more than the {MAX_TEXT_CHARS:,} "
            "a job description or a CV can have",
            path,
        )
    return cleaned + "\n"


def _pdf_text(raw: bytes, path: Path) -> str:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _too_large(path)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise _refused(
                "is an encrypted (password-protected) PDF",
                path,
                fix=Fix("Save an unprotected copy, or paste its text on standard input."),
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UsageError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        # pypdf raises many kinds for a damaged file; its wording is not ours.
        raise _refused(
            "is not a PDF that can be read (damaged or not a PDF)",
            path,
            fix=Fix("Open it and save it again as PDF, or paste its text on standard input."),
        ) from None
    return "\n".join(pages)


def _docx_text(raw: bytes, path: Path) -> str:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _too_large(path)
    import zipfile

    from docx import Document
    from docx.opc.exceptions import OpcError

    try:
        document = Document(io.BytesIO(raw))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        # An encrypted .docx is an OLE file, not a zip: it fails here too.
        raise _refused(
            "is not a Word document that can be read (damaged, encrypted or not .docx)",
            path,
            fix=Fix("Open it and save it again as .docx, or paste its text on standard input."),
        ) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("  ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
