"""A saved job description read against the curriculum and the user's progress
(``aipm match``), and what the saved postings ask for most (``aipm market`` and the
``demand`` term of ``aipm next``). How a text's terms are found: :mod:`.terms`.

Pure: no files, no clock."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..models import Curriculum, Standing, Status
from .items import state
from .terms import Vocabulary, find_terms, term_lines, unmatched_terms, vocabulary

PLAN_ITEMS = 3
"""How many items the plan of ``aipm match`` proposes at most."""


class ItemStand(NamedTuple):
    """How the user stands on an item a posting asks for: ``status``, ``level``
    (None: not assessed), how many ``evidence`` links, and ``hours_left`` to close it
    (0 when done; None: effort unknown)."""

    item_id: str
    title: str
    status: Status
    level: int | None
    evidence: int
    hours_left: float | None


class JobRequirement(NamedTuple):
    """A term a posting names: the ``term`` (as the curriculum writes it), the items it
    maps to, whether it is ``met`` (one of them done), the ``lines`` naming it and the
    ``points`` it adds to the score."""

    term: str
    items: list[ItemStand]
    met: bool
    lines: list[int]
    points: float


class JobMatch(NamedTuple):
    """``aipm match``: the ``job`` ID and title, the ``score`` (0-100, the share of the
    posting's terms met, rounded), its ``requirements`` in the posting's order, the
    ``unmatched`` terms, and the ``plan``: up to :data:`PLAN_ITEMS` unfinished items
    that cover the most open terms, and the share (``plan_percent``) of the posting
    covered once they are done."""

    job: str
    title: str | None
    score: int
    requirements: list[JobRequirement]
    unmatched: list[str]
    plan: list[ItemStand]
    plan_percent: int


def item_stand(curriculum: Curriculum, progress: Standing, item_id: str) -> ItemStand:
    """The user's standing on ``item_id`` (see :class:`ItemStand`)."""
    item = curriculum.item_map[item_id]
    st = state(progress, item_id)
    hours = 0.0 if st.status == "done" else item.counted_hours
    return ItemStand(item_id, item.title, st.status, st.level, len(st.evidence), hours)


def match_job(
    curriculum: Curriculum,
    progress: Standing,
    job_id: str,
    text: str,
    vocab: Vocabulary | None = None,
) -> JobMatch:
    """Read the posting ``text`` of saved job ``job_id`` against the curriculum and
    the user's progress (see :class:`JobMatch`)."""
    vocab = vocab or vocabulary(curriculum)
    hits = find_terms(text, vocab)
    job = progress.jobs.get(job_id)
    found = term_lines(hits)
    each = 100.0 / len(found) if found else 0.0
    requirements = []
    for term, lines in found:
        stands = [item_stand(curriculum, progress, i) for i in term.items]
        met = any(s.status == "done" for s in stands)
        requirements.append(
            JobRequirement(term.text, stands, met, lines, round(each, 2) if met else 0.0)
        )
    met_count = sum(r.met for r in requirements)
    plan = _plan(curriculum, requirements)
    covered = met_count + sum(
        1
        for r in requirements
        if not r.met and any(s.item_id in {p.item_id for p in plan} for s in r.items)
    )
    ignore = [x for x in (job.title, job.company) if x] if job else []
    return JobMatch(
        job=job_id,
        title=job.title if job else None,
        score=round(100 * met_count / len(found)) if found else 0,
        requirements=requirements,
        unmatched=unmatched_terms(text, hits, ignore),
        plan=plan,
        plan_percent=round(100 * covered / len(found)) if found else 0,
    )


def _plan(curriculum: Curriculum, requirements: list[JobRequirement]) -> list[ItemStand]:
    """Greedy cover: the unfinished item that closes the most open terms (ties: fewer
    hours, then curriculum order), again, up to :data:`PLAN_ITEMS` items."""
    order = {item.id: n for n, item in enumerate(curriculum.items)}
    open_terms = [r for r in requirements if not r.met]
    chosen: list[ItemStand] = []
    while open_terms and len(chosen) < PLAN_ITEMS:
        counts: dict[str, tuple[int, ItemStand]] = {}
        for r in open_terms:
            for s in r.items:
                if s.status in ("done", "skipped"):
                    continue
                n, _ = counts.get(s.item_id, (0, s))
                counts[s.item_id] = (n + 1, s)
        if not counts:
            break
        best = min(
            counts.values(),
            key=lambda c: (
                -c[0],
                c[1].hours_left if c[1].hours_left is not None else 1e9,
                order[c[1].item_id],
            ),
        )[1]
        chosen.append(best)
        open_terms = [r for r in open_terms if best.item_id not in {s.item_id for s in r.items}]
    return chosen


class Demand(NamedTuple):
    """How many of the ``postings`` saved name each item (``counts``: item ID ->
    postings), for ``aipm market`` and the ``demand`` term of ``aipm next``."""

    counts: dict[str, int]
    postings: int


def demand(curriculum: Curriculum, texts: Iterable[str]) -> Demand:
    """Count, for each item, the postings among ``texts`` that name one of its terms."""
    vocab = vocabulary(curriculum)
    counts: dict[str, int] = {}
    postings = 0
    for text in texts:
        postings += 1
        named = {i for hit in find_terms(text, vocab) for i in hit.term.items}
        for item_id in named:
            counts[item_id] = counts.get(item_id, 0) + 1
    order = {item.id: n for n, item in enumerate(curriculum.items)}
    ranked = dict(sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0))))
    return Demand(ranked, postings)


class MarketRow(NamedTuple):
    """One item of ``aipm market``: how many of the saved ``postings`` ask for it, and
    how the user stands on it."""

    stand: ItemStand
    postings: int


class Market(NamedTuple):
    """``aipm market``: the saved ``postings`` count and the items they ask for, most
    asked first (ties: curriculum order)."""

    postings: int
    rows: list[MarketRow]


def market(curriculum: Curriculum, progress: Standing, texts: Iterable[str]) -> Market:
    """Across the posting ``texts``, which items are asked for most (see :class:`Market`)."""
    found = demand(curriculum, texts)
    rows = [
        MarketRow(item_stand(curriculum, progress, item_id), count)
        for item_id, count in found.counts.items()
        if item_id in curriculum.item_map
    ]
    return Market(found.postings, rows)
