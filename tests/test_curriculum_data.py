"""The bundled curriculum (data/curriculum.yaml) covers what the source article names,
with the figures of /work/shared/curriculum-facts.md, sources and dates on every
certification and resource, and nothing unconfirmed presented as settled."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.engine import resolve_item
from aipm_tracker.models import Curriculum, Item


@cache
def bundled() -> Curriculum:
    curriculum, _source = load_curriculum(None)
    return curriculum


def item(item_id: str) -> Item:
    return bundled().item_map[item_id]


def item_text(it: Item) -> str:
    """Every piece of prose an item shows the user (not its unconfirmed list)."""
    parts = [it.title, it.summary, it.why, it.evidence_hint]
    parts += [getattr(it, f) or "" for f in ("body", "eligibility", "exam", "cost", "renewal")]
    for r in it.resources:
        parts += [r.title, r.provider, r.cost or ""]
    return "\n".join(parts)


# ------------------------------------------------------------------------ its shape

CATEGORIES = [
    "ai-concepts",
    "pm-skills",
    "leadership",
    "certifications",
    "portfolio",
    "education",
    "application",
]


def test_the_bundled_curriculum_has_at_least_45_items() -> None:
    assert len(bundled().items) >= 45


def test_all_seven_categories_are_present_in_order_and_none_is_empty() -> None:
    c = bundled()
    assert [cat.id for cat in c.categories] == CATEGORIES
    counts = {cat: sum(1 for i in c.items if i.category == cat) for cat in CATEGORIES}
    assert all(n > 0 for n in counts.values()), counts


def test_entry_and_senior_roles_exist_and_entry_is_the_default() -> None:
    c = bundled()
    assert len(c.roles) >= 2
    assert {"ai-pm-entry", "ai-pm-senior"} <= set(c.role_map)
    assert c.default_role == "ai-pm-entry"
    assert all(role.requirements for role in c.roles)


def test_the_levels_are_the_six_dreyfus_levels() -> None:
    assert [(lv.value, lv.name) for lv in bundled().levels] == [
        (0, "none"),
        (1, "novice"),
        (2, "advanced beginner"),
        (3, "competent"),
        (4, "proficient"),
        (5, "expert"),
    ]


# --------------------------------------------- coverage of the source article's list

# Each thing the first section of curriculum-facts.md names -> how the curriculum covers
# it: ("item", ID), ("url", substring of a resource URL) or ("text", ID, words the
# item's prose must contain) or ("keyword", ID, keyword the item lists).
COVERAGE: dict[str, tuple[str, ...]] = {
    # Roles of the job
    "scope definition": ("item", "pm.scope"),
    "team coordination": ("item", "pm.team-coordination"),
    "data scientists": ("text", "pm.team-coordination", "data scientists"),
    "software engineers": ("text", "pm.team-coordination", "software engineers"),
    "UX designers": ("text", "pm.team-coordination", "UX designers"),
    "business analysts": ("text", "pm.team-coordination", "business analysts"),
    "timeline management": ("item", "pm.timeline"),
    "risk mitigation": ("item", "pm.risk-management"),
    "risk: ethics, bias in data, regulation": (
        "text",
        "pm.risk-management",
        "ethics",
        "bias in data",
        "regulation",
    ),
    "stakeholder communication": ("item", "pm.stakeholder-communication"),
    "technical and non-technical stakeholders": (
        "text",
        "pm.stakeholder-communication",
        "technical and non-technical stakeholders",
    ),
    "translating technical talk": ("item", "lead.tech-translation"),
    "tensors": ("text", "lead.tech-translation", "tensors"),
    "gradient descent": ("text", "lead.tech-translation", "gradient descent"),
    "big-picture alignment": ("item", "lead.strategic-alignment"),
    "ethics and user expectations": ("text", "ai.responsible-ai", "expectations", "bias"),
    # Foundation
    "degree": ("item", "edu.degree"),
    "degree subjects": (
        "text",
        "edu.degree",
        "Computer Science",
        "Data Science",
        "Engineering",
        "Business Administration",
    ),
    # AI concepts
    "neural networks": ("item", "ai.neural-networks"),
    "natural language processing": ("item", "ai.nlp"),
    "data labeling and preprocessing": ("item", "ai.data-labeling"),
    "AI development life cycle": ("item", "ai.ai-lifecycle"),
    "supervised vs unsupervised": ("item", "ai.supervised-unsupervised"),
    "machine-learning basics": ("item", "ai.ml-basics"),
    "data-science fundamentals": ("item", "ai.data-science"),
    "AI tools and frameworks": ("item", "ai.frameworks"),
    "TensorFlow and PyTorch": ("text", "ai.frameworks", "TensorFlow", "PyTorch"),
    # Learning resources
    "Coursera": ("url", "coursera.org"),
    "Udemy": ("url", "udemy.com"),
    "edX": ("url", "edx.org"),
    "YouTube": ("url", "youtube.com"),
    "Google's Machine Learning Crash Course": (
        "url",
        "developers.google.com/machine-learning/crash-course",
    ),
    "Andrew Ng's Coursera AI course": ("url", "coursera.org/learn/ai-for-everyone"),
    "build a chatbot": ("item", "portfolio.chatbot"),
    "train a tiny model": ("item", "portfolio.tiny-model"),
    # Leadership
    "Agile and Scrum": ("item", "pm.agile-scrum"),
    "CFO, developer and UX designer alike": (
        "text",
        "lead.adaptive-communication",
        "CFO",
        "developer",
        "UX designer",
    ),
    "emotional intelligence": ("item", "lead.emotional-intelligence"),
    # Certifications
    "Certified Scrum Master": ("item", "cert.csm"),
    "PMP": ("item", "cert.pmp"),
    "AI-for-leaders course on LinkedIn Learning": ("text", "cert.ai-for-leaders", "LinkedIn"),
    "ethics-in-AI training": ("item", "cert.ethics-of-ai"),
    # Portfolio
    "volunteer for tech-heavy projects": ("item", "portfolio.volunteer"),
    "freelance for AI startups": ("item", "portfolio.freelance"),
    "intern or apprentice / shadow an AI team": (
        "text",
        "portfolio.shadow-ai-team",
        "Intern",
        "apprentice",
        "shadow",
    ),
    "side project: your own AI tool or chatbot": ("text", "portfolio.chatbot", "chatbot"),
    # Application
    "CV power words": ("item", "app.cv-power-words"),
    "power word orchestrated": ("keyword", "app.cv-power-words", "orchestrated"),
    "power word delivered": ("keyword", "app.cv-power-words", "delivered"),
    "power word optimised": ("keyword", "app.cv-power-words", "optimised"),
    "highlight AI achievements": ("item", "app.ai-achievements"),
    "tailor each CV": ("item", "app.cv-tailoring"),
    "keyword AI project management": ("keyword", "app.keywords", "AI project management"),
    "keyword machine learning": ("keyword", "app.keywords", "machine learning"),
    "keyword Agile": ("keyword", "app.keywords", "Agile"),
    "technical interview prep": (
        "text",
        "app.interview-technical",
        "How would you manage a data pipeline issue?",
    ),
    "behavioural interview prep": (
        "text",
        "app.interview-behavioural",
        "How do you handle team conflict?",
    ),
    "handling ambiguity": ("item", "app.ambiguity"),
}


@pytest.mark.parametrize("named", list(COVERAGE))
def test_every_thing_the_source_article_names_is_covered(named: str) -> None:
    c = bundled()
    how, *what = COVERAGE[named]
    if how == "url":
        urls = [r.url for i in c.items for r in i.resources]
        assert any(what[0] in u for u in urls), f"no resource URL contains {what[0]!r}"
        return
    item_id, *words = what
    assert item_id in c.item_map, f"{named!r}: no item {item_id}"
    it = c.item_map[item_id]
    if how == "text":
        text = item_text(it)
        missing = [w for w in words if w.lower() not in text.lower()]
        assert not missing, f"{item_id} does not mention {missing}"
    elif how == "keyword":
        assert words[0] in it.keywords


def test_the_andrew_ng_and_crash_course_resources_are_the_named_courses() -> None:
    by_url = {r.url: r for i in bundled().items for r in i.resources}
    crash = by_url["https://developers.google.com/machine-learning/crash-course"]
    assert (crash.title, crash.provider, crash.hours, crash.cost) == (
        "Machine Learning Crash Course",
        "Google",
        15,
        "free",
    )
    ng = by_url["https://coursera.org/learn/ai-for-everyone"]
    assert "AI For Everyone" in ng.title
    assert ng.provider == "DeepLearning.AI on Coursera"


# ------------------------------------------------------ sources and dates on entries

CERTS = [i.id for i in bundled().items if i.kind == "certification"]


def test_every_certification_sits_in_the_certifications_category() -> None:
    assert CERTS
    assert {item(i).category for i in CERTS} == {"certifications"}
    assert {i.id for i in bundled().items if i.category == "certifications"} == set(CERTS)


@pytest.mark.parametrize("cert_id", CERTS)
def test_every_certification_has_body_eligibility_sources_and_date(cert_id: str) -> None:
    it = item(cert_id)
    assert it.body
    assert it.eligibility or it.unconfirmed, "neither eligibility nor an unconfirmed note"
    assert it.as_of
    if it.confidence == "unconfirmed":
        # The facts file found no specific course for this one (e.g. the LinkedIn
        # Learning "AI for leaders" course): no source to cite, and it must say why.
        assert it.unconfirmed, "an unconfirmed item must say what is unconfirmed"
    else:
        assert it.sources, "no sources"
    assert all(s.startswith("https://") for s in it.sources), it.sources


def test_every_resource_has_an_https_url_and_a_date() -> None:
    resources = [(i.id, r) for i in bundled().items for r in i.resources]
    assert len(resources) >= 10
    for item_id, r in resources:
        assert r.url.startswith("https://"), (item_id, r.url)
        assert r.as_of, (item_id, r.title)


def test_as_of_dates_are_iso_year_month_or_full_dates() -> None:
    dates = [i.as_of for i in bundled().items if i.as_of]
    dates += [r.as_of for i in bundled().items for r in i.resources]
    assert dates
    bad = [d for d in dates if not _is_iso_month_or_date(d)]
    assert not bad


def _is_iso_month_or_date(text: str) -> bool:
    parts = text.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return False
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1
    try:
        date(year, month, day)
    except ValueError:
        return False
    return len(parts[0]) == 4


# ------------------------------------------------ unconfirmed facts are marked as such

# A figure the facts file marks UNCONFIRMED -> (the words any item mentioning it must
# have in one of its `unconfirmed` entries).
UNCONFIRMED_FIGURES: dict[str, str] = {
    "185 questions": "185 questions",
    "240 min": "240 min",
    "28 hours": "28-hour",
    "15 PDUs": "15 PDUs",
    "Dec 2027": "Dec 2027",
    "PMBOK 8": "PMBOK 8",
    "about 6 h": "6 h",
}


@pytest.mark.parametrize("figure", list(UNCONFIRMED_FIGURES))
def test_an_unconfirmed_figure_appears_only_in_items_that_flag_it(figure: str) -> None:
    flag = UNCONFIRMED_FIGURES[figure]
    mentioning = [i for i in bundled().items if figure.lower() in item_text(i).lower()]
    assert mentioning, f"no item mentions {figure!r}: drop it from this table"
    for it in mentioning:
        assert any(flag.lower() in u.lower() for u in it.unconfirmed), (
            f"{it.id} states {figure!r} but its unconfirmed list does not mention {flag!r}"
        )


def test_the_2026_pmp_exam_format_is_flagged_and_not_the_exam_of_record() -> None:
    pmp = item("cert.pmp")
    assert "185 questions" in item_text(pmp)  # mentioned ...
    assert any("185 questions" in u for u in pmp.unconfirmed)  # ... but flagged
    assert "185" not in (pmp.exam or "") and "240 min" not in (pmp.exam or "")


def test_the_pmi_acp_28_hour_rule_is_listed_as_unconfirmed() -> None:
    acp = item("cert.pmi-acp")
    assert any("28-hour" in u for u in acp.unconfirmed), acp.unconfirmed
    assert "unconfirmed" in (acp.eligibility or "")


def test_the_ai_for_leaders_course_is_marked_unconfirmed() -> None:
    leaders = [i for i in bundled().items if "leaders" in i.title.lower()]
    assert [i.id for i in leaders] == ["cert.ai-for-leaders"]
    assert leaders[0].confidence == "unconfirmed"
    assert leaders[0].unconfirmed


def test_unpublished_cpmai_cost_and_renewal_are_not_stated_but_flagged() -> None:
    cpmai = item("cert.pmi-cpmai")
    assert cpmai.cost is None and cpmai.renewal is None
    assert any("cost" in u for u in cpmai.unconfirmed)
    assert any("renewal" in u for u in cpmai.unconfirmed)


def test_capm_renewal_and_course_hours_the_facts_file_doubts_are_flagged() -> None:
    assert any("15 PDUs" in u for u in item("cert.capm").unconfirmed)
    assert any("hours" in u for u in item("edu.ai-for-everyone").unconfirmed)
    assert any(
        "Machine Learning Specialization" in u for u in item("edu.online-courses").unconfirmed
    )
    assert any("course length" in u for u in item("edu.ai-product-management").unconfirmed)
    assert any("Nov 2025" in u for u in item("pm.ai-regulation").unconfirmed)


def test_no_resource_states_the_unconfirmed_ai_for_everyone_hours() -> None:
    for it in bundled().items:
        for r in it.resources:
            if "ai-for-everyone" in r.url:
                assert r.hours is None or r.confidence == "unconfirmed", it.id


# ----------------------------------------------------- exact figures from the facts

EXACT_FIGURES: list[tuple[str, str, str]] = [
    ("cert.pmp", "exam", "180 questions"),
    ("cert.pmp", "exam", "175 scored"),
    ("cert.pmp", "exam", "230 min"),
    ("cert.pmp", "exam", "People 42%"),
    ("cert.pmp", "exam", "Process 50%"),
    ("cert.pmp", "exam", "Business Environment 8%"),
    ("cert.pmp", "cost", "405"),
    ("cert.pmp", "cost", "575"),
    ("cert.pmp", "renewal", "60 PDUs"),
    ("cert.pmp", "eligibility", "35 contact hours"),
    ("cert.pmp", "eligibility", "36 months"),
    ("cert.pmp", "eligibility", "60 months"),
    ("cert.csm", "exam", "50 questions"),
    ("cert.csm", "exam", "37"),
    ("cert.csm", "exam", "60 min"),
    ("cert.csm", "eligibility", "16-hour"),
    ("cert.csm", "renewal", "20 SEUs"),
    ("cert.psm-1", "exam", "80 questions"),
    ("cert.psm-1", "exam", "85%"),
    ("cert.capm", "exam", "150 questions"),
    ("cert.capm", "eligibility", "23 contact hours"),
    ("cert.pmi-acp", "exam", "120 questions"),
    ("cert.pmi-cpmai", "exam", "120 questions"),
    ("cert.pmi-cpmai", "exam", "160 min"),
    ("cert.aigp", "exam", "100 questions"),
    ("cert.aigp", "exam", "85 scored"),
    ("cert.aigp", "exam", "pass 300"),
    ("cert.aigp", "cost", "649"),
    ("cert.aigp", "cost", "799"),
]


@pytest.mark.parametrize(("item_id", "field", "figure"), EXACT_FIGURES)
def test_the_facts_files_figures_appear_exactly(item_id: str, field: str, figure: str) -> None:
    assert figure in (getattr(item(item_id), field) or "")


# ------------------------------------------------------------ prerequisites and IDs


@pytest.mark.parametrize(
    ("item_id", "prerequisite"),
    [
        ("ai.neural-networks", "ai.ml-basics"),
        ("cert.pmp", "edu.pm-contact-hours"),
        ("ai.nlp", "ai.ml-basics"),
        ("cert.csm", "pm.agile-scrum"),
    ],
)
def test_real_prerequisites_are_recorded(item_id: str, prerequisite: str) -> None:
    assert prerequisite in item(item_id).prerequisites


def test_items_with_no_prerequisites_exist_so_there_is_somewhere_to_start() -> None:
    starts = [i.id for i in bundled().items if not i.prerequisites]
    assert "ai.ml-basics" in starts


@pytest.mark.parametrize(
    ("query", "item_id"),
    [("nlp", "ai.nlp"), ("pmp", "cert.pmp"), ("chatbot", "portfolio.chatbot")],
)
def test_short_names_resolve_to_exactly_one_item(query: str, item_id: str) -> None:
    c = bundled()
    assert [i for i in c.item_map if i.endswith("." + query) or i.endswith(query)] == [item_id]
    assert resolve_item(c, query) == item_id
