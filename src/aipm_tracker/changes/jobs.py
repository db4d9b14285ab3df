"""Saving and forgetting job descriptions, and undoing that."""

from __future__ import annotations

from datetime import datetime

from ..errors import Fix, Step, UsageError, required_text
from ..models import Event, Job, Progress


def new_job(
    progress: Progress, text: str, at: datetime, title: str | None, company: str | None
) -> tuple[str, Job]:
    """The ID and record of a job description ``text`` added at ``at``: the ID is ``j-``
    and the first 6 hex digits of the text's sha256, more when another saved job's ID
    has them. ``title`` and ``company`` are cleaned (raises :class:`UsageError` when
    given empty)."""
    import hashlib

    from .. import paths

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    size = 6
    while any(j.startswith(f"j-{digest[:size]}") for j in progress.jobs) and size < 64:
        known = progress.jobs.get(f"j-{digest[:size]}")
        if known is not None and known.sha256 == digest:
            break
        size += 2
    job_id = f"j-{digest[:size]}"
    job = Job(
        title=required_text(title, "title") if title is not None else None,
        company=required_text(company, "company") if company is not None else None,
        added_at=at,
        sha256=digest,
        file=paths.job_file(job_id),
    )
    return job_id, job


def add_job(progress: Progress, job_id: str, job: Job, at: datetime) -> Progress:
    """Save ``job`` (its text already written beside the progress file) under
    ``job_id``. Raises :class:`UsageError` when a job with the same text is saved
    already (its ID is named)."""
    for known_id, known in progress.jobs.items():
        if known.sha256 == job.sha256:
            raise UsageError(
                f"this job description is saved already, as {known_id}.",
                fix=Fix("See it with: {command}", Step.SHOW_JOB, known_id),
            )
    jobs = {**progress.jobs, job_id: job}
    event = Event(at=at, action="job_add", job_id=job_id, job_after=job)
    return progress.model_copy(update={"jobs": jobs, "history": [*progress.history, event]})


def remove_job(progress: Progress, job_id: str, at: datetime) -> Progress:
    """Forget the saved job ``job_id`` (the caller resolved it). Its text stays on
    disk, so that ``undo`` can bring the job back whole."""
    jobs = dict(progress.jobs)
    before = jobs.pop(job_id)
    event = Event(at=at, action="job_remove", job_id=job_id, job_before=before)
    return progress.model_copy(update={"jobs": jobs, "history": [*progress.history, event]})


def undo_job(progress: Progress, event: Event, history: list[Event]) -> Progress:
    """Undo saving (forget it again) or forgetting (save it again) the job ``event``
    names; ``history`` is the history without ``event``."""
    assert event.job_id is not None
    jobs = dict(progress.jobs)
    if event.job_before is None:
        jobs.pop(event.job_id, None)
    else:
        jobs[event.job_id] = event.job_before
    return progress.model_copy(update={"jobs": jobs, "history": history})
