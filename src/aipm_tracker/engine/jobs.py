"""The saved job descriptions: listed (``aipm job list``) and a JOB argument resolved.

Pure: no files, no clock."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ..errors import Fix, Step, UsageError
from ..models import Standing


class JobRow(NamedTuple):
    """A saved job for ``aipm job list``: its ``id``, ``title`` and ``company`` (None:
    not given), when it was ``added_at`` and where its text is (``file``, relative to
    the progress files' directory)."""

    id: str
    title: str | None
    company: str | None
    added_at: datetime
    file: str


class JobText(NamedTuple):
    """``aipm job show``: the saved job and its ``text``."""

    job: JobRow
    text: str


def job_rows(progress: Standing) -> list[JobRow]:
    """The saved jobs, oldest first (ties: by ID)."""
    return [
        JobRow(job_id, job.title, job.company, job.added_at, job.file)
        for job_id, job in sorted(progress.jobs.items(), key=lambda kv: (kv[1].added_at, kv[0]))
    ]


def resolve_job(progress: Standing, query: str) -> str:
    """A JOB argument as a saved job's ID: the ID, a unique prefix of it (``j-3f``),
    or the job's title or company when exactly one saved job has it (case does not
    matter). Raises :class:`UsageError` (exit 2) naming the saved jobs otherwise."""
    text = query.strip().lower()
    if text in progress.jobs:
        return text
    by_prefix = [j for j in progress.jobs if text and j.startswith(text)]
    if len(by_prefix) == 1:
        return by_prefix[0]
    by_name = [
        j
        for j, job in progress.jobs.items()
        if text in ((job.title or "").lower(), (job.company or "").lower())
    ]
    if len(by_name) == 1:
        return by_name[0]
    if not progress.jobs:
        raise UsageError(
            f"no saved job {query!r}: no job is saved yet.",
            fix=Fix("Save one with: aipm job add FILE"),
        )
    fits = by_prefix or by_name
    known = ", ".join(sorted(fits or progress.jobs))
    what = "several saved jobs fit" if fits else "no saved job"
    raise UsageError(
        f"{what} {query!r} (saved: {known}).", fix=Fix("List them with: {command}", Step.LIST_JOBS)
    )
