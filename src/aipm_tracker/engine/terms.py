"""The terms of a text: job descriptions and CVs cut into words and stems, and read
for the curriculum's keywords (for :mod:`.match`, :mod:`.cv` and the ``demand`` term
of ``aipm next``).

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
posting's requirements.

Pure: no files, no clock. The two libraries load on the first call that needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from ..models import Curriculum

FUZZY_MIN_CHARS = 7
"""A run of stems shorter than this (joined with spaces) must equal a keyword: AI,
ML and PMP are too short to be near anything safely."""

FUZZY_MIN_RATIO = 90.0
"""How close (rapidfuzz ratio, 0-100) a longer run must be to a keyword to match it."""

CV_VOCABULARY_KIND = "application"
"""Items of this kind name what a CV holds; their keywords are not job requirements."""

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
def english() -> Any:
    """The Snowball English stemmer, loaded on the first call."""
    return _stemmer()


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased (see the module docstring)."""
    return _WORD.findall(text.lower())


def stems(text: str) -> tuple[str, ...]:
    """The Snowball English stems of the words of ``text``."""
    return tuple(english().stemWords(words(text)))


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
    stemmer = english()
    for number, line in enumerate(text.split("\n"), start=1):
        written = words(line)
        if not written:
            continue
        line_stems = stemmer.stemWords(written)
        exact = [_exact_at(line_stems, j, vocab) for j in range(len(line_stems))]
        i = 0
        while i < len(line_stems):
            length = _match_at(line_stems, i, vocab, exact, hits, number, written)
            i += length or 1
    return hits


def _exact_at(line_stems: list[str], i: int, vocab: Vocabulary) -> tuple[int, Term] | None:
    """The longest keyword written exactly from word ``i`` and its length in words."""
    for length in range(min(vocab.longest, len(line_stems) - i), 0, -1):
        term = vocab.terms.get(tuple(line_stems[i : i + length]))
        if term is not None:
            return length, term
    return None


def _match_at(
    line_stems: list[str],
    i: int,
    vocab: Vocabulary,
    exact: list[tuple[int, Term] | None],
    hits: list[Hit],
    line: int,
    written: list[str],
) -> int:
    """Record the longest keyword starting at word ``i``; its length in words (0: none).
    ``exact`` holds, for each word of the line, the longest keyword written exactly
    from it (see :func:`_exact_at`). A keyword written exactly wins over a near
    spelling: a near match may take in a keyword written exactly only whole, never
    cut it ("a Ethics of AI" names Ethics of AI, not a misspelt "AI ethics"; "daly
    scrum" is still daily scrum)."""
    here = exact[i]
    if here is not None:
        length, term = here
        hits.append(Hit(term, line, " ".join(written[i : i + length])))
        return length
    top = min(vocab.longest, len(line_stems) - i)
    exact_spans = [
        (j, j + found[0]) for j in range(i + 1, i + top) if (found := exact[j]) is not None
    ]
    for length in range(top, 0, -1):
        if any(start < i + length < stop for start, stop in exact_spans):
            continue  # it would cut a keyword written exactly
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


def term_lines(hits: list[Hit]) -> list[tuple[Term, list[int]]]:
    """Each term ``hits`` name, once, in the order first named, with the lines naming
    it (each once, in order)."""
    seen: dict[tuple[str, ...], tuple[Term, list[int]]] = {}
    for hit in hits:
        _, lines = seen.setdefault(hit.term.key, (hit.term, []))
        if hit.line not in lines:
            lines.append(hit.line)
    return list(seen.values())
