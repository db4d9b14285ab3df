"""Job descriptions and CVs read against the curriculum (``aipm match``, ``aipm
market``, ``aipm cv check`` and the ``demand`` term of ``aipm next``).

A text is cut into words (letters and digits, ``+`` and ``#`` kept at a word's end,
so ``C++`` and ``AI/ML`` read as ``c++`` and ``ai ml``), each word stemmed with the
Snowball English stemmer, and every item's ``keywords`` cut and stemmed the same way.
On each line the longest run of stems that is a keyword wins (so "model risk
management" is one term, not "risk management"); a run of at least
:data:`FUZZY_MIN_CHARS` characters that no keyword equals may still match the one
keyword it is within :data:`FUZZY_MIN_RATIO` of (rapidfuzz's ratio: "optimized" and
"optimised", "labelling" and "labeling"). Short terms (AI, ML, NLP, LLM, PMP, CSM)
count like any other, matched exactly. Nothing is random or ordered by a hash, so the
same texts give the same result on every run, and a term maps to the same items
wherever it appears.

Items of kind ``application`` (the CV vocabulary, power verbs, interview practice)
describe what a CV holds, not what a job asks: their keywords are never read as a
posting's requirements. The power verbs are the keywords of :data:`POWER_VERBS_ITEM`.

Pure: no files, no clock. The two libraries load on the first call that needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from ..errors import Fix, Step, UsageError
from ..models import Curriculum, Role, Standing, Status
from .items import required_levels, state

FUZZY_MIN_CHARS = 7
"""A run of stems shorter than this (joined with spaces) must equal a keyword: AI,
ML and PMP are too short to be near anything safely."""

FUZZY_MIN_RATIO = 90.0
"""How close (rapidfuzz ratio, 0-100) a longer run must be to a keyword to match it."""

POWER_VERBS_ITEM = "app.cv-power-words"
"""The item whose keywords are the CV power verbs (see curriculum-facts, CV vocabulary)."""

CV_VOCABULARY_KIND = "application"
"""Items of this kind name what a CV holds; their keywords are not job requirements."""

PLAN_ITEMS = 3
"""How many items the plan of ``aipm match`` proposes at most."""

_WORD = re.compile(r"[^\W_]+[+#]*")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z0-9+#]*(?:[-/.][A-Za-z0-9+#]+)*")
_NOT_TERMS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "have",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "with",
        "you",
        "your",
        "this",
        "that",
        "these",
        "those",
        "will",
        "who",
        "what",
        "when",
        "where",
        "which",
        "while",
        "about",
        "across",
        "into",
        "over",
        "per",
        "all",
        "any",
        "can",
        "may",
        "must",
        "should",
        "would",
        "such",
        "other",
        "more",
        "most",
        "than",
        "then",
        "they",
        "their",
        "them",
        "its",
        "if",
        "not",
        "no",
        "nor",
        "so",
        "up",
        "out",
        "also",
        "both",
        "each",
        "every",
        "via",
        "within",
        "without",
        "under",
        "onto",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "i",
        "me",
        "my",
        "us",
        "he",
        "she",
        "his",
        "her",
        "new",
        "role",
        "team",
        "job",
        "work",
        "years",
        "year",
        "apply",
        "applying",
        "equal",
        "opportunity",
    ]
)


def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def _english() -> Any:
    return _stemmer()


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased (see the module docstring)."""
    return _WORD.findall(text.lower())


def stems(text: str) -> tuple[str, ...]:
    """The Snowball English stems of the words of ``text``."""
    return tuple(_english().stemWords(words(text)))


class Term(NamedTuple):
    """A keyword of the curriculum: its ``key`` (stems), its ``text`` as the curriculum
    first writes it, and the ``items`` (IDs, curriculum order) that list it."""

    key: tuple[str, ...]
    text: str
    items: tuple[str, ...]


class Vocabulary(NamedTuple):
    """Every job-requirement keyword of a curriculum by its stems, and the longest
    keyword's length in words."""

    terms: dict[tuple[str, ...], Term]
    longest: int
    by_length: dict[int, list[str]]


def vocabulary(curriculum: Curriculum) -> Vocabulary:
    """The keywords of every item that is not CV vocabulary (see the module docstring),
    in curriculum order."""
    found: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for item in curriculum.items:
        if item.kind == CV_VOCABULARY_KIND:
            continue
        for keyword in item.keywords:
            key = stems(keyword)
            if not key:
                continue
            _, ids = found.setdefault(key, (keyword, []))
            if item.id not in ids:
                ids.append(item.id)
    terms = {key: Term(key, text, tuple(ids)) for key, (text, ids) in found.items()}
    by_length: dict[int, list[str]] = {}
    for key in terms:
        by_length.setdefault(len(key), []).append(" ".join(key))
    return Vocabulary(terms, max((len(k) for k in terms), default=0), by_length)


class Hit(NamedTuple):
    """Where a text names a term: the ``term``, the 1-based ``line`` and the words as
    written there (``as_written``)."""

    term: Term
    line: int
    as_written: str


def _near(joined: str, choices: list[str]) -> str | None:
    from rapidfuzz import fuzz, process

    best = process.extractOne(joined, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO)
    return None if best is None else str(best[0])


def find_terms(text: str, vocab: Vocabulary) -> list[Hit]:
    """Every place ``text`` names a keyword of ``vocab``, line by line, left to right
    (see the module docstring for how a run of words matches)."""
    hits: list[Hit] = []
    stemmer = _english()
    for number, line in enumerate(text.split("\n"), start=1):
        written = words(line)
        if not written:
            continue
        line_stems = stemmer.stemWords(written)
        i, n = 0, len(line_stems)
        while i < n:
            length = _match_at(line_stems, i, vocab, hits, number, written)
            i += length or 1
    return hits


def _match_at(
    line_stems: list[str],
    i: int,
    vocab: Vocabulary,
    hits: list[Hit],
    line: int,
    written: list[str],
) -> int:
    """Record the longest keyword starting at word ``i``; its length in words (0: none)."""
    top = min(vocab.longest, len(line_stems) - i)
    for length in range(top, 0, -1):
        key = tuple(line_stems[i : i + length])
        term = vocab.terms.get(key)
        if term is not None:
            hits.append(Hit(term, line, " ".join(written[i : i + length])))
            return length
    for length in range(top, 0, -1):
        joined = " ".join(line_stems[i : i + length])
        if len(joined) < FUZZY_MIN_CHARS or length not in vocab.by_length:
            continue
        near = _near(joined, vocab.by_length[length])
        if near is not None:
            hits.append(
                Hit(vocab.terms[tuple(near.split(" "))], line, " ".join(written[i : i + length]))
            )
            return length
    return 0


def unmatched_terms(text: str, hits: Iterable[Hit], ignore: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that look like skills but map to no item: acronyms and
    capitalised words inside a sentence (runs of them kept together), that no keyword
    covers, in order of first appearance, each once. ``ignore`` holds words not to list
    (the job's title and company)."""
    covered = {w for h in hits for w in words(h.as_written)}
    skip = {w for phrase in ignore for w in words(phrase)} | _NOT_TERMS
    found: dict[str, None] = {}
    for line in text.split("\n"):
        body = re.sub(r"^\s*(?:[-*•+]|\d+[.)]|#+)\s*", "", line)
        run: list[str] = []
        for match in re.finditer(r"\S+", body):
            token = match.group().strip(".,;:!?()[]\"'")
            start_of_sentence = match.start() == 0 or body[: match.start()].rstrip()[-1:] in ".:!?"
            word = token.lower()
            looks = bool(_CAPITALISED.fullmatch(token)) and (
                not start_of_sentence or (token.isupper() and len(token) >= 2)
            )
            if looks and word not in skip and not (set(words(token)) & covered):
                run.append(token)
            else:
                if run:
                    found.setdefault(" ".join(run), None)
                run = []
            if match.group()[-1:] in ".,;:!?)":
                if run:
                    found.setdefault(" ".join(run), None)
                run = []
        if run:
            found.setdefault(" ".join(run), None)
    return list(found)


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


def _requirements(hits: list[Hit]) -> list[tuple[Term, list[int]]]:
    seen: dict[tuple[str, ...], tuple[Term, list[int]]] = {}
    for hit in hits:
        _, lines = seen.setdefault(hit.term.key, (hit.term, []))
        if hit.line not in lines:
            lines.append(hit.line)
    return list(seen.values())


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
    found = _requirements(hits)
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


# ------------------------------------------------------------------ CV check


class CvTerm(NamedTuple):
    """A term the CV should hold: its ``text`` and the CV ``line`` naming it first
    (None: the CV never names it)."""

    term: str
    line: int | None


class CvClaim(NamedTuple):
    """A term the CV names on ``line`` whose items the tracker holds no proof of: none
    done, none with an evidence link."""

    term: str
    line: int
    items: list[str]


class CvCheck(NamedTuple):
    """``aipm cv check``: against ``source`` (a job ID, or the target role's ID),
    the ``present`` and ``missing`` keywords, the power ``verbs`` used (with their
    line), the ``unproven`` claims, and the items the tracker holds proof of (done or
    with evidence) that the CV never mentions (``unmentioned``)."""

    source: str
    present: list[CvTerm]
    missing: list[CvTerm]
    verbs: list[CvTerm]
    unproven: list[CvClaim]
    unmentioned: list[ItemStand]


def role_terms(curriculum: Curriculum, role: Role | None, vocab: Vocabulary) -> list[Term]:
    """The keywords of the items ``role`` requires, in the role's order, each once."""
    wanted = set(required_levels(curriculum, role))
    return [t for t in vocab.terms.values() if wanted.intersection(t.items)]


def job_terms(text: str, vocab: Vocabulary) -> list[Term]:
    """The keywords a posting ``text`` names, in its order, each once."""
    return [term for term, _ in _requirements(find_terms(text, vocab))]


def power_verbs(curriculum: Curriculum) -> list[str]:
    """The CV power verbs: the keywords of :data:`POWER_VERBS_ITEM` (none when the
    curriculum has no such item)."""
    item = curriculum.item_map.get(POWER_VERBS_ITEM)
    return list(item.keywords) if item else []


def cv_check(
    curriculum: Curriculum,
    progress: Standing,
    cv: str,
    wanted: list[Term],
    source: str,
    vocab: Vocabulary,
) -> CvCheck:
    """Check the CV text ``cv`` against the ``wanted`` terms (see :class:`CvCheck`)."""
    hits = find_terms(cv, vocab)
    first: dict[tuple[str, ...], int] = {}
    for hit in hits:
        first.setdefault(hit.term.key, hit.line)
    present = [CvTerm(t.text, first[t.key]) for t in wanted if t.key in first]
    missing = [CvTerm(t.text, None) for t in wanted if t.key not in first]
    verbs = _verbs(cv, power_verbs(curriculum))

    def proven(item_id: str) -> bool:
        st = state(progress, item_id)
        return st.status == "done" or bool(st.evidence)

    unproven = [
        CvClaim(term.text, lines[0], list(term.items))
        for term, lines in _requirements(hits)
        if not any(proven(i) for i in term.items)
    ]
    named = {i for hit in hits for i in hit.term.items}
    unmentioned = [
        item_stand(curriculum, progress, item.id)
        for item in curriculum.items
        if item.kind != CV_VOCABULARY_KIND
        and proven(item.id)
        and item.id not in named
        and item.keywords
    ]
    return CvCheck(source, present, missing, verbs, unproven, unmentioned)


def _verbs(cv: str, verbs: list[str]) -> list[CvTerm]:
    """Each power verb the CV uses (by its stem), with the first line using it."""
    stemmer = _english()
    wanted = {stemmer.stemWord(v.lower()): v for v in verbs if " " not in v.strip()}
    found: dict[str, int] = {}
    for number, line in enumerate(cv.split("\n"), start=1):
        for stem in stemmer.stemWords(words(line)):
            if stem in wanted:
                found.setdefault(wanted[stem], number)
    return [CvTerm(v, found[v]) for v in verbs if v in found]


# ------------------------------------------------------------------ saved jobs


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
