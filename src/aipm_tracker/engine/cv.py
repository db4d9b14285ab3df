"""A CV checked against a job's or the target role's keywords (``aipm cv check``): the
keywords it holds and misses, the power verbs it uses (the keywords of
:data:`POWER_VERBS_ITEM`), the claims the tracker holds no proof of, and the proven
items it never mentions.

Pure: no files, no clock."""

from __future__ import annotations

from typing import NamedTuple

from ..models import Curriculum, Role, Standing
from .items import required_levels, state
from .match import ItemStand, item_stand
from .terms import CV_VOCABULARY_KIND, Term, Vocabulary, english, find_terms, term_lines, words

POWER_VERBS_ITEM = "app.cv-power-words"
"""The item whose keywords are the CV power verbs (see curriculum-facts, CV vocabulary)."""


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
    return [term for term, _ in term_lines(find_terms(text, vocab))]


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
        for term, lines in term_lines(hits)
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
    stemmer = english()
    wanted = {stemmer.stemWord(v.lower()): v for v in verbs if " " not in v.strip()}
    found: dict[str, int] = {}
    for number, line in enumerate(cv.split("\n"), start=1):
        for stem in stemmer.stemWords(words(line)):
            if stem in wanted:
                found.setdefault(wanted[stem], number)
    return [CvTerm(v, found[v]) for v in verbs if v in found]
