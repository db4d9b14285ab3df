"""Job descriptions and CVs: ``job add|list|show|remove``, ``match``, ``market`` and
``cv check``."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import context
from .context import Session, session
from .options import JsonOpt, TargetOpt
from .output import emit, take_role

if TYPE_CHECKING:
    from ..engine import Demand

commands = typer.Typer(rich_markup_mode=None)
"""The top-level commands of this module (``match``, ``market``); the root app merges
them, and the ``job`` and ``cv`` groups below (see cli/__init__.py)."""

job_commands = typer.Typer(
    name="job",
    help="Save the job descriptions you aim at.\n\nExample: aipm job add posting.md --title PM",
    rich_markup_mode=None,
    no_args_is_help=True,
)
cv_commands = typer.Typer(
    name="cv",
    help="Check your CV against a job or your target role.\n\nExample: aipm cv check cv.md",
    rich_markup_mode=None,
    no_args_is_help=True,
)

JobArg = Annotated[
    str, typer.Argument(help="A saved job: its ID (or a unique start of it), title or company.")
]


def _texts(s: Session) -> dict[str, str]:
    """The text of every saved job, by ID, read from beside the progress file."""
    return {job_id: s.store.job_text(job.file) for job_id, job in sorted(s.standing.jobs.items())}


@job_commands.command("add")
def job_add(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|-", help="The posting: .txt, .md, .pdf or .docx; - reads standard input."
        ),
    ],
    title: Annotated[str | None, typer.Option("--title", help="The job's title.")] = None,
    company: Annotated[str | None, typer.Option("--company", help="The employer.")] = None,
) -> None:
    """Save a job description (a file, or text pasted on standard input).

    Example: aipm job add posting.pdf --title "AI programme manager" --company Northwind
    """
    from .. import changes, documents
    from ..render import terminal

    s = session(ctx)
    if source == "-":
        text = documents.read_text(
            sys.stdin.buffer.read(documents.MAX_DOCUMENT_BYTES + 1), "standard input"
        )
    else:
        text = documents.read_document(Path(source))
    at = context.now()
    job_id, job = changes.new_job(s.progress, text, at, title, company)
    if job_id not in s.progress.jobs:
        s.store.save_job_text(job.file, text)
    s.update(lambda p: changes.add_job(p, job_id, job, at))
    name = " at ".join(x for x in (job.title, job.company) if x) or "untitled"
    terminal.say(
        f"Saved job {job_id} ({name}), {len(text.splitlines())} lines. See how you match it: "
        f"aipm match {job_id}. Undo with: aipm undo",
        style="green",
    )


@job_commands.command("list")
def job_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the saved job descriptions, oldest first.

    Example: aipm job list
    """
    from .. import engine

    emit(engine.job_rows(session(ctx).standing), json=json_out, of=engine.JobRow)


@job_commands.command("show")
def job_show(ctx: typer.Context, job: JobArg, json_out: JsonOpt = False) -> None:
    """Show a saved job description and its text.

    Example: aipm job show j-3f2a1b
    """
    from .. import engine

    s = session(ctx)
    job_id = engine.resolve_job(s.standing, job)
    row = next(r for r in engine.job_rows(s.standing) if r.id == job_id)
    emit(engine.JobText(row, s.store.job_text(row.file)), json=json_out)


@job_commands.command("remove")
def job_remove(ctx: typer.Context, job: JobArg) -> None:
    """Forget a saved job description (undo brings it back).

    Example: aipm job remove j-3f2a1b
    """
    from .. import changes, engine
    from ..render import terminal

    s = session(ctx)
    job_id = engine.resolve_job(s.progress, job)
    at = context.now()
    s.update(lambda p: changes.remove_job(p, job_id, at))
    terminal.say(f"Removed job {job_id}. Undo with: aipm undo", style="green")


@commands.command("match")
def match(ctx: typer.Context, job: JobArg, json_out: JsonOpt = False) -> None:
    """Map a saved job's terms to items and show how you stand on each.

    The score is the share of the posting's terms you have met (an item done); the
    plan names the items that would cover most of the rest.

    Example: aipm match j-3f2a1b
    """
    from .. import engine

    s = session(ctx)
    job_id = engine.resolve_job(s.standing, job)
    text = s.store.job_text(s.standing.jobs[job_id].file)
    emit(engine.match_job(s.curriculum, s.standing, job_id, text), json=json_out)


@commands.command("market")
def market(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the items your saved jobs ask for most, and your standing.

    Example: aipm market
    """
    from .. import engine

    s = session(ctx)
    emit(engine.market(s.curriculum, s.standing, _texts(s).values()), json=json_out)


@cv_commands.command("check")
def cv_check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Your CV: .txt, .md, .pdf or .docx.")],
    job: Annotated[
        str | None,
        typer.Option("--job", help="Check against this saved job (default: your target role)."),
    ] = None,
    target: TargetOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Check a CV: keywords present and missing, power verbs, claims without evidence.

    Example: aipm cv check cv.pdf --job j-3f2a1b
    """
    from .. import documents, engine

    s = session(ctx)
    cv = documents.read_document(file)
    vocab = engine.vocabulary(s.curriculum)
    if job is not None:
        job_id = engine.resolve_job(s.standing, job)
        wanted = engine.job_terms(s.store.job_text(s.standing.jobs[job_id].file), vocab)
        source = job_id
    else:
        role = take_role(s.role(target))
        wanted = engine.role_terms(s.curriculum, role, vocab)
        source = role.id if role else "no role"
    emit(engine.cv_check(s.curriculum, s.standing, cv, wanted, source, vocab), json=json_out)


def demand(s: Session) -> "Demand | None":
    """The demand of the saved postings for ``aipm next`` (None: no job saved)."""
    from .. import engine

    if not s.standing.jobs:
        return None
    return engine.demand(s.curriculum, _texts(s).values())
