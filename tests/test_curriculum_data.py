"""The bundled curriculum (data/curriculum.yaml, schema 2) covers what the source article
and real AI project/program manager postings name, with the refreshed figures of
/work/shared/curriculum-facts.md (2026-12): the PMP exam of record since 9 Jul 2026, the
EU AI Act digital omnibus as adopted, PMBOK 8, CAPM's confirmed PDUs, Ethics of AI's 2
ECTS; every source a specific page; nothing unconfirmed presented as settled; roles that
mean what they say (any_of, extends, prerequisites included).

Most tests read the YAML as data (yaml.safe_load) so that they pin the file itself,
whatever the models do with it; the tests at the end load it with the schema-2 loader
and check what the engine makes of it (required hours, resolved roles, short names).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from aipm_tracker import engine
from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.models import SCHEMA_VERSION, AnyOf, Curriculum, CurriculumRef, Progress

DATA = Path(__file__).resolve().parent.parent / "data" / "curriculum.yaml"

Item = dict[str, Any]


@cache
def text() -> str:
    return DATA.read_text(encoding="utf-8")


@cache
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text())
    return data


def items() -> list[Item]:
    found: list[Item] = raw()["items"]
    return found


@cache
def item_map() -> dict[str, Item]:
    return {i["id"]: i for i in items()}


def item(item_id: str) -> Item:
    return item_map()[item_id]


def role_map() -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in raw()["roles"]}


def item_text(it: Item) -> str:
    """Every piece of prose an item shows the user (not its unconfirmed list)."""
    parts = [it.get(f) or "" for f in ("title", "summary", "why", "evidence_hint")]
    parts += [it.get(f) or "" for f in ("body", "eligibility", "exam", "cost", "renewal")]
    for r in it.get("resources", []):
        parts += [r["title"], r["provider"], r.get("cost") or ""]
    return "\n".join(parts)


def unconfirmed_text(it: Item) -> str:
    return "\n".join(it.get("unconfirmed", []))


def all_urls() -> list[tuple[str, str]]:
    """(item ID, URL) for every source and resource address in the file."""
    found = []
    for it in items():
        found += [(it["id"], s) for s in it.get("sources", [])]
        found += [(it["id"], r["url"]) for r in it.get("resources", [])]
    return found


def resolved(role_id: str) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """A role's requirements with ``extends`` applied: single requirements by item (a
    requirement here replaces an inherited one for the same item) and any_of groups."""
    role = role_map()[role_id]
    singles: dict[str, dict[str, Any]] = {}
    groups: list[dict[str, Any]] = []
    if role.get("extends"):
        singles, groups = resolved(role["extends"])
        singles, groups = dict(singles), list(groups)
    for req in role["requires"]:
        if "any_of" in req:
            groups.append(req)
        else:
            singles[req["item"]] = req
    return singles, groups


def required_items(role_id: str) -> set[str]:
    """Every item a role names: single requirements and every any_of option."""
    singles, groups = resolved(role_id)
    return set(singles) | {o["item"] for g in groups for o in g["any_of"]}


def required_hours(role_id: str) -> float:
    """Study hours a new user faces for a role: the effort of every single requirement
    plus the cheapest option of each any_of (unknown effort counts 0)."""
    singles, groups = resolved(role_id)
    total = sum(item(i)["effort_hours"] or 0 for i in singles)
    for g in groups:
        total += min(item(o["item"])["effort_hours"] or 0 for o in g["any_of"])
    return total


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

# Every item ID of the 2026.11 file: users' progress files name them, so each must
# still exist (or be an alias of the item that replaced it).
IDS_2026_11 = [
    "ai.ml-basics",
    "ai.supervised-unsupervised",
    "ai.neural-networks",
    "ai.nlp",
    "ai.generative-ai",
    "ai.data-science",
    "ai.data-labeling",
    "ai.ai-lifecycle",
    "ai.crisp-dm",
    "ai.model-evaluation",
    "ai.mlops",
    "ai.frameworks",
    "ai.responsible-ai",
    "ai.nist-ai-rmf",
    "pm.scope",
    "pm.timeline",
    "pm.risk-management",
    "pm.team-coordination",
    "pm.stakeholder-communication",
    "pm.agile-scrum",
    "pm.scrum-events",
    "pm.pmbok",
    "pm.ai-regulation",
    "pm.prioritisation",
    "lead.emotional-intelligence",
    "lead.tech-translation",
    "lead.strategic-alignment",
    "lead.adaptive-communication",
    "lead.conflict-resolution",
    "lead.decision-making",
    "cert.csm",
    "cert.psm-1",
    "cert.pmp",
    "cert.capm",
    "cert.pmi-acp",
    "cert.pmi-cpmai",
    "cert.aigp",
    "cert.google-pm",
    "cert.ethics-of-ai",
    "cert.ai-for-leaders",
    "portfolio.chatbot",
    "portfolio.tiny-model",
    "portfolio.volunteer",
    "portfolio.freelance",
    "portfolio.shadow-ai-team",
    "portfolio.crisp-dm-plan",
    "edu.degree",
    "edu.pm-contact-hours",
    "edu.online-courses",
    "edu.ai-for-everyone",
    "edu.elements-of-ai",
    "edu.fast-ai",
    "edu.ai-product-management",
    "app.cv-power-words",
    "app.ai-achievements",
    "app.keywords",
    "app.cv-tailoring",
    "app.interview-technical",
    "app.interview-behavioural",
    "app.ambiguity",
]


def test_the_file_is_curriculum_schema_2_with_a_quoted_version() -> None:
    assert raw()["schema_version"] == 2
    assert raw()["id"] == "aipm-default"
    assert isinstance(raw()["version"], str) and raw()["version"] == "2026.12"


def test_the_default_hours_per_level_is_a_number_and_marked_as_an_estimate() -> None:
    hpl = raw()["hours_per_level"]
    assert isinstance(hpl, int | float) and not isinstance(hpl, bool) and hpl > 0
    line = next(ln for ln in text().splitlines() if ln.startswith("hours_per_level:"))
    assert "estimate" in line.lower()


def test_the_header_comment_describes_schema_2_the_effort_rule_and_as_of() -> None:
    lines = text().splitlines()
    first = next(n for n, ln in enumerate(lines) if ln.strip() and not ln.startswith("#"))
    header = "\n".join(lines[:first]).lower()
    for words in (
        "schema 2",
        "as_of",
        "month",
        "required course",
        "counted twice",
        "credential",
        "hours_per_level",
        "estimate",
        "null",
    ):
        assert words in header, words


def test_every_2026_11_item_id_still_exists() -> None:
    known = set(item_map()) | {a for i in items() for a in i.get("aliases", [])}
    assert not [i for i in IDS_2026_11 if i not in known]


def test_item_ids_are_unique_dotted_lowercase_slugs() -> None:
    ids = [i["id"] for i in items()]
    assert len(ids) == len(set(ids))
    slug = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
    assert not [i for i in ids if not slug.match(i)]


def test_the_bundled_curriculum_has_at_least_70_items() -> None:
    assert len(items()) >= 70


def test_all_seven_categories_are_present_in_order_and_none_is_empty() -> None:
    assert [cat["id"] for cat in raw()["categories"]] == CATEGORIES
    counts = {cat: sum(1 for i in items() if i["category"] == cat) for cat in CATEGORIES}
    assert all(n > 0 for n in counts.values()), counts


def test_the_levels_are_the_six_dreyfus_levels() -> None:
    assert [(lv["value"], lv["name"]) for lv in raw()["levels"]] == [
        (0, "none"),
        (1, "novice"),
        (2, "advanced beginner"),
        (3, "competent"),
        (4, "proficient"),
        (5, "expert"),
    ]


KINDS = {"concept", "skill", "certification", "portfolio", "education", "application", "credential"}


def test_every_item_has_a_known_kind_and_priority_and_its_prerequisites_exist() -> None:
    for it in items():
        assert it["kind"] in KINDS, it["id"]
        assert it["priority"] in {"core", "recommended", "optional"}, it["id"]
        assert it["summary"].strip() and it["why"].strip(), it["id"]
        assert all(p in item_map() for p in it.get("prerequisites", [])), it["id"]


def test_effort_is_a_positive_number_or_null_and_never_a_string() -> None:
    for it in items():
        hours = it["effort_hours"]
        assert hours is None or (isinstance(hours, int | float) and hours > 0), it["id"]
        assert it.get("effort_confidence", "confirmed") in {"confirmed", "unconfirmed"}


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
    # Learning resources (platform homepages are not cited: named in the item's text)
    "Coursera, Udemy, edX, YouTube": (
        "text",
        "edu.online-courses",
        "Coursera",
        "Udemy",
        "edX",
        "YouTube",
    ),
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
    # The article's own words the 2026.11 file lacked
    "within budget": ("item", "pm.budget-cost"),
    "expanding your network": ("text", "app.networking", "network"),
}


@pytest.mark.parametrize("named", list(COVERAGE))
def test_every_thing_the_source_article_names_is_covered(named: str) -> None:
    how, *what = COVERAGE[named]
    if how == "url":
        urls = [r["url"] for i in items() for r in i.get("resources", [])]
        assert any(what[0] in u for u in urls), f"no resource URL contains {what[0]!r}"
        return
    item_id, *words = what
    assert item_id in item_map(), f"{named!r}: no item {item_id}"
    it = item(item_id)
    if how == "text":
        prose = item_text(it)
        missing = [w for w in words if w.lower() not in prose.lower()]
        assert not missing, f"{item_id} does not mention {missing}"
    elif how == "keyword":
        assert words[0] in it.get("keywords", [])


def test_the_crash_course_and_andrew_ng_resources_are_the_named_courses() -> None:
    by_url = {r["url"]: r for i in items() for r in i.get("resources", [])}
    crash = by_url["https://developers.google.com/machine-learning/crash-course"]
    assert (crash["title"], crash["provider"], crash["hours"], crash["cost"]) == (
        "Machine Learning Crash Course",
        "Google",
        15,
        "free",
    )
    ng = by_url["https://www.coursera.org/learn/ai-for-everyone"]
    assert "AI For Everyone" in ng["title"]
    assert ng["provider"] == "DeepLearning.AI on Coursera"


# ------------------------------------------------ what real postings ask, as items

# New item -> a term of the postings or CV vocabulary it must list as a keyword.
POSTING_ITEMS: dict[str, tuple[str, ...]] = {
    "pm.ai-governance-ops": (
        "AI governance",
        "model inventory",
        "model risk management",
        "model cards",
        "audit readiness",
    ),
    "ai.model-monitoring": ("model monitoring", "retraining"),
    "pm.budget-cost": ("budget management", "cost management"),
    "pm.vendor-procurement": ("vendor management", "procurement"),
    "pm.value-realisation": ("KPIs", "value realisation", "benefits realisation"),
    "ai.data-governance": ("data governance",),
    "pm.raid-log": ("RAID log",),
    "pm.wbs": ("WBS",),
    "app.networking": ("networking",),
    "portfolio.pm-experience": ("PMP",),
}


@pytest.mark.parametrize("item_id", list(POSTING_ITEMS))
def test_each_thing_postings_ask_for_is_an_item_with_its_terms(item_id: str) -> None:
    assert item_id in item_map(), f"no item {item_id}"
    it = item(item_id)
    missing = [k for k in POSTING_ITEMS[item_id] if k not in it.get("keywords", [])]
    assert not missing, f"{item_id} lacks the keywords {missing}"
    assert it["summary"].strip() and it["why"].strip()


def test_ai_governance_operations_names_model_cards_and_audit_readiness() -> None:
    prose = item_text(item("pm.ai-governance-ops")).lower()
    for words in ("model inventory", "approval", "model risk management", "model card", "audit"):
        assert words in prose, words


def test_model_monitoring_covers_drift() -> None:
    assert "drift" in item_text(item("ai.model-monitoring")).lower()


def test_estimated_effort_of_the_new_items_is_marked_as_an_estimate() -> None:
    lines = text().splitlines()
    for item_id in POSTING_ITEMS:
        if item(item_id)["effort_hours"] is None:
            continue
        start = lines.index(f"  - id: {item_id}")
        effort = next(ln for ln in lines[start:] if ln.strip().startswith("effort_hours:"))
        assert "estimate" in effort, item_id


# ----------------------------------------------------------- the PMP exam of record

RETIRED_PMP_EXAM = [
    "People 42",
    "Process 50",
    "Business Environment 8",
    "42/50/8",
    "42 / 50 / 8",
    "230 min",
]


def test_the_pmp_exam_is_the_july_2026_exam() -> None:
    pmp = item("cert.pmp")
    exam = pmp["exam"]
    for figure in (
        "240 min",
        "People 33%",
        "Process 41%",
        "Business Environment 26%",
        "9 Jul 2026",
        "2026 ECO",
    ):
        assert figure in exam, figure
    assert "9 Jul 2026" in pmp["summary"]


@pytest.mark.parametrize("figure", RETIRED_PMP_EXAM)
def test_the_retired_2021_pmp_exam_appears_nowhere(figure: str) -> None:
    assert figure not in " ".join(text().split())


def test_the_disputed_pmp_question_count_and_fee_are_flagged() -> None:
    pmp = item("cert.pmp")
    assert "185 (175 scored)" in pmp["exam"] and "180 (170 scored)" in pmp["exam"]
    assert "unconfirmed" in pmp["exam"]
    flags = unconfirmed_text(pmp)
    assert "185" in flags and "180" in flags
    assert "675" in pmp["cost"] and "unconfirmed" in pmp["cost"]
    assert "675" in flags


def test_pmp_eligibility_is_the_or_rule_with_the_experience_months() -> None:
    rule = item("cert.pmp")["eligibility"]
    for figure in ("36 months", "60 months", "8 years", "35 contact hours", "CAPM"):
        assert figure in rule, figure
    assert re.search(r"35 contact\s+hours of PM education or an active CAPM", rule)
    assert item("cert.pmp")["renewal"] == "60 PDUs every 3 years."


def test_pmp_is_sourced_from_pmi_and_the_2026_update_pages_not_a_content_farm() -> None:
    sources = item("cert.pmp")["sources"]
    assert "https://www.pmi.org/certifications/project-management-pmp" in sources
    assert any("pmp-exam-update-july-2026" in s for s in sources)
    assert not [s for s in sources if "visualfoodie" in s]


def test_pmp_effort_excludes_the_contact_hours_and_the_experience() -> None:
    pmp, hours = item("cert.pmp"), item("edu.pm-contact-hours")
    assert pmp["effort_hours"] == 4  # the 240-min exam
    assert hours["quantity"] == {"unit": "hours", "target": 35}
    assert hours["effort_hours"] == 35
    assert "edu.pm-contact-hours" not in pmp["prerequisites"]  # an OR: in the role
    assert "portfolio.pm-experience" in pmp["prerequisites"]


def test_the_pm_experience_is_a_quantity_of_36_months_with_no_study_hours() -> None:
    exp = item("portfolio.pm-experience")
    assert exp["quantity"] == {"unit": "months", "target": 36}
    assert exp["effort_hours"] is None
    assert "60 months" in exp["summary"] and "8 years" in exp["summary"]


# ------------------------------------------------------ EU AI Act, PMBOK, CAPM, Ethics


def test_the_eu_digital_omnibus_is_adopted_with_its_dates() -> None:
    reg = item("pm.ai-regulation")
    summary = " ".join(reg["summary"].split())
    for figure in (
        "adopted",
        "7 May",
        "16 Jun",
        "29 Jun",
        "2 Dec 2027",
        "2 Aug 2028",
        "2 Dec 2026",
        "2 Feb 2025",
        "2 Aug 2025",
        "2 Aug 2026",
        "1 Aug 2024",
    ):
        assert figure in summary, figure
    assert "proposal" not in summary.lower()
    assert "Official Journal" in summary and "unconfirmed" in summary
    assert "Official Journal" in unconfirmed_text(reg)
    assert not [u for u in reg.get("unconfirmed", []) if "Dec 2027" in u]


def test_the_ai_act_fine_tiers_of_article_99() -> None:
    summary = " ".join(item("pm.ai-regulation")["summary"].split())
    for tier in ("EUR 35M or 7%", "EUR 15M or 3%", "EUR 7.5M or 1%", "Art. 99"):
        assert tier in summary, tier
    sources = item("pm.ai-regulation")["sources"]
    assert "https://eur-lex.europa.eu/eli/reg/2024/1689/oj" in sources
    assert any("article-99" in s for s in sources)


def test_pmbok_is_the_8th_edition_and_its_counts_are_flagged() -> None:
    pmbok = item("pm.pmbok")
    assert "8th edition" in pmbok["title"]
    summary = " ".join(pmbok["summary"].split())
    assert "13 Nov 2025" in summary and "supersedes the 7th" in summary
    assert "unconfirmed" in summary
    assert "principle" in unconfirmed_text(pmbok)
    assert not re.search(r"PMBOK\s*7", text())


def test_capm_renewal_is_15_pdus_and_confirmed_on_pmi_org() -> None:
    capm = item("cert.capm")
    assert capm["renewal"] == "15 PDUs every 3 years."
    assert "15 PDUs" not in unconfirmed_text(capm)
    assert "https://www.pmi.org/certifications/certification-resources/maintain" in capm["sources"]


def test_ethics_of_ai_is_2_ects_and_its_effort_follows() -> None:
    ethics = item("cert.ethics-of-ai")
    assert "2 ECTS" in ethics["summary"] and "2 ECTS" in ethics["exam"]
    assert 50 <= ethics["effort_hours"] <= 60
    assert "https://ethics-of-ai.mooc.fi/faq" in ethics["sources"]


# ----------------------------------------------------- certifications and sources

CERTS = [i["id"] for i in items() if i["kind"] == "certification"]


def test_every_certification_sits_in_the_certifications_category() -> None:
    assert {"cert.csm", "cert.psm-1", "cert.pmi-acp", "cert.pmp", "cert.aigp"} <= set(CERTS)
    assert {item(i)["category"] for i in CERTS} == {"certifications"}
    assert {i["id"] for i in items() if i["category"] == "certifications"} == set(CERTS)


@pytest.mark.parametrize("cert_id", CERTS)
def test_every_certification_has_body_eligibility_sources_and_a_month(cert_id: str) -> None:
    it = item(cert_id)
    assert it["body"]
    assert it.get("eligibility") or it.get("unconfirmed"), "no eligibility, no note"
    assert isinstance(it["as_of"], str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", it["as_of"])
    if it.get("confidence") == "unconfirmed":
        assert it.get("unconfirmed"), "an unconfirmed item must say what is unconfirmed"
    else:
        assert it.get("sources"), "no sources"


def test_every_as_of_is_a_quoted_year_month_string() -> None:
    for line in text().splitlines():
        if line.strip().startswith("as_of:"):
            assert re.fullmatch(r'\s*as_of: "\d{4}-(0[1-9]|1[0-2])"', line), line
    values = [i["as_of"] for i in items() if "as_of" in i]
    values += [r["as_of"] for i in items() for r in i.get("resources", [])]
    assert values and all(isinstance(v, str) for v in values)


def test_every_figure_rechecked_for_the_2026_12_sheet_is_dated_2026_12() -> None:
    stale = [i["id"] for i in items() if i.get("as_of") and i["as_of"] != "2026-12"]
    stale += [i["id"] for i in items() for r in i.get("resources", []) if r["as_of"] != "2026-12"]
    assert not stale


def test_every_source_and_resource_is_a_specific_https_page() -> None:
    for item_id, url in all_urls():
        parts = urlparse(url)
        assert parts.scheme == "https", (item_id, url)
        assert parts.netloc, (item_id, url)
        assert parts.path.strip("/"), f"{item_id}: {url} is a bare homepage"


AI_WRITTEN_OR_FARMS = ("grokipedia.com", "visualfoodie.com")


def test_no_item_rests_only_on_an_ai_written_encyclopedia_or_a_content_farm() -> None:
    for it in items():
        sources = it.get("sources", [])
        if sources:
            good = [s for s in sources if not any(b in s for b in AI_WRITTEN_OR_FARMS)]
            assert good, f"{it['id']} is sourced only from {sources}"
    assert "visualfoodie" not in text()


OFFICIAL_PAGES: dict[str, str] = {
    "pm.agile-scrum": "https://scrumguides.org/scrum-guide.html",
    "pm.scrum-events": "https://scrumguides.org/scrum-guide.html",
    "ai.nist-ai-rmf": "https://www.nist.gov/itl/ai-risk-management-framework",
    "pm.ai-regulation": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    "pm.pmbok": "https://www.pmi.org/standards/pmbok",
    "cert.pmp": "https://www.pmi.org/certifications/project-management-pmp",
    "edu.pm-contact-hours": "https://www.pmi.org/certifications/project-management-pmp",
    "cert.capm": "https://www.pmi.org/certifications/certification-resources/maintain",
    "cert.pmi-acp": "https://www.pmi.org/certifications/agile-acp",
    "cert.csm": (
        "https://www.scrumalliance.org/get-certified/scrum-master-track/certified-scrummaster"
    ),
    "cert.psm-1": "https://www.scrum.org/professional-scrum-master-i-certification",
    "cert.aigp": "https://iapp.org/certify/aigp",
    "cert.ethics-of-ai": "https://ethics-of-ai.mooc.fi/faq",
    "ai.ml-basics": "https://developers.google.com/machine-learning/crash-course",
    "edu.ai-for-everyone": "https://www.coursera.org/learn/ai-for-everyone",
}


@pytest.mark.parametrize("item_id", list(OFFICIAL_PAGES))
def test_an_item_with_an_official_page_links_it_as_a_resource(item_id: str) -> None:
    urls = [r["url"] for r in item(item_id).get("resources", [])]
    assert OFFICIAL_PAGES[item_id] in urls, urls


# ------------------------------------------- one effort rule, and no double counting


def test_certification_effort_includes_a_required_course() -> None:
    assert item("cert.csm")["effort_hours"] >= 16  # the 16-hour course
    assert item("cert.pmi-cpmai")["effort_hours"] >= 21  # the 21-hour course
    assert item("cert.capm")["effort_hours"] >= 23  # the 23 contact hours
    assert item("cert.aigp")["effort_hours"] >= 30  # the recommended study


# A course that is an item of its own -> the address of the course.
COURSE_ITEMS: dict[str, str] = {
    "edu.ai-for-everyone": "coursera.org/learn/ai-for-everyone",
    "edu.fast-ai": "course.fast.ai",
    "edu.elements-of-ai": "elementsofai.com",
    "cert.ethics-of-ai": "ethics-of-ai.mooc.fi",
}


@pytest.mark.parametrize("course_id", list(COURSE_ITEMS))
def test_a_course_that_is_its_own_item_is_no_other_items_resource(course_id: str) -> None:
    address = COURSE_ITEMS[course_id]
    assert any(address in r["url"] for r in item(course_id)["resources"])
    elsewhere = [
        i["id"]
        for i in items()
        if i["id"] != course_id
        for r in i.get("resources", [])
        if address in r["url"]
    ]
    assert not elsewhere


def test_the_degree_is_a_credential_with_no_hours() -> None:
    degree = item("edu.degree")
    assert degree["kind"] == "credential"
    assert degree["effort_hours"] is None
    assert [i["id"] for i in items() if i["kind"] == "credential"] == ["edu.degree"]


def test_no_item_dominates_the_education_totals() -> None:
    hours = [i["effort_hours"] or 0 for i in items() if i["category"] == "education"]
    assert max(hours) <= sum(hours) / 2


# ------------------------------------------------ unconfirmed facts are marked as such


@pytest.mark.parametrize(
    "item_id",
    [
        "edu.ai-for-everyone",
        "edu.ai-product-management",
        "cert.ai-for-leaders",
        "cert.pmi-acp",
        "cert.pmi-cpmai",
    ],
)
def test_unconfirmed_effort_is_marked(item_id: str) -> None:
    assert item(item_id)["effort_confidence"] == "unconfirmed"


def test_confirmed_effort_is_not_marked_unconfirmed() -> None:
    for item_id in ("cert.csm", "cert.pmp", "cert.capm", "ai.ml-basics"):
        assert item(item_id).get("effort_confidence", "confirmed") == "confirmed"


# A figure the facts sheet marks UNCONFIRMED -> (the item stating it, the words one of
# its `unconfirmed` entries must have).
UNCONFIRMED_FIGURES: list[tuple[str, str, str]] = [
    ("cert.pmp", "185", "185"),
    ("cert.pmp", "675", "675"),
    ("cert.pmi-acp", "28 hours", "28-hour"),
    ("cert.pmi-acp", "24 months", "24 months"),
    ("cert.pmi-cpmai", "120 questions", "exam format"),
    ("cert.psm-1", "150", "150"),
    ("cert.google-pm", "49", "49"),
    ("pm.pmbok", "6", "principle"),
    ("pm.ai-regulation", "Official Journal", "Official Journal"),
    ("edu.ai-for-everyone", "6 h", "6 h"),
    ("edu.online-courses", "Machine Learning Specialization", "Machine Learning Specialization"),
    ("edu.ai-product-management", "unconfirmed", "course length"),
]


@pytest.mark.parametrize(("item_id", "figure", "flag"), UNCONFIRMED_FIGURES)
def test_an_unconfirmed_figure_is_stated_only_with_its_flag(
    item_id: str, figure: str, flag: str
) -> None:
    it = item(item_id)
    assert figure in item_text(it), f"{item_id} no longer states {figure!r}"
    assert flag in unconfirmed_text(it), f"{item_id} does not flag {flag!r}"


def test_pmi_acp_eligibility_is_unconfirmed_as_a_whole() -> None:
    acp = item("cert.pmi-acp")
    assert "unconfirmed" in acp["eligibility"]
    assert "eligibility as a whole" in unconfirmed_text(acp)
    assert not [s for s in acp["sources"] if "globalknowledge" in s]  # the old rule


def test_cpmai_is_unconfirmed_states_no_cost_or_renewal_and_not_only_grokipedia() -> None:
    cpmai = item("cert.pmi-cpmai")
    assert cpmai["confidence"] == "unconfirmed"
    assert "cost" not in cpmai and "renewal" not in cpmai
    flags = unconfirmed_text(cpmai)
    assert "cost" in flags and "renewal" in flags
    assert [s for s in cpmai["sources"] if "grokipedia" not in s]
    assert "21-hour" in cpmai["eligibility"]


def test_the_ai_for_leaders_course_is_marked_unconfirmed() -> None:
    leaders = [i for i in items() if "leaders" in i["title"].lower()]
    assert [i["id"] for i in leaders] == ["cert.ai-for-leaders"]
    assert leaders[0]["confidence"] == "unconfirmed"
    assert leaders[0]["unconfirmed"]


def test_no_resource_states_the_unconfirmed_ai_for_everyone_hours() -> None:
    for it in items():
        for r in it.get("resources", []):
            if "ai-for-everyone" in r["url"]:
                assert r.get("hours") is None or r.get("confidence") == "unconfirmed"


# ----------------------------------------------------- exact figures from the facts

EXACT_FIGURES: list[tuple[str, str, str]] = [
    ("cert.pmp", "renewal", "60 PDUs"),
    ("cert.csm", "exam", "50 questions"),
    ("cert.csm", "exam", "37 (74%)"),
    ("cert.csm", "exam", "60 min"),
    ("cert.csm", "exam", "two attempts within 90 days"),
    ("cert.csm", "eligibility", "16-hour"),
    ("cert.csm", "renewal", "20 SEUs + USD 100"),
    ("cert.psm-1", "exam", "80 questions"),
    ("cert.psm-1", "exam", "85%"),
    ("cert.psm-1", "cost", "200"),
    ("cert.capm", "exam", "150 questions (135 scored), 3 h"),
    ("cert.capm", "eligibility", "23 contact hours"),
    ("cert.capm", "cost", "225"),
    ("cert.capm", "cost", "300"),
    ("cert.pmi-acp", "exam", "120 questions, 3 h"),
    ("cert.pmi-acp", "exam", "Nov 2024"),
    ("cert.pmi-acp", "cost", "435"),
    ("cert.pmi-acp", "renewal", "30 PDUs every 3 years"),
    ("cert.pmi-cpmai", "exam", "160 min"),
    ("cert.pmi-cpmai", "exam", "Responsible AI 15%"),
    ("cert.aigp", "exam", "100 questions (85 scored)"),
    ("cert.aigp", "exam", "2 h 45 min"),
    ("cert.aigp", "exam", "pass 300"),
    ("cert.aigp", "cost", "649"),
    ("cert.aigp", "cost", "799"),
    ("cert.aigp", "renewal", "20 CPE credits"),
    ("cert.aigp", "summary", "4 Apr 2024"),
    ("cert.aigp", "summary", "v2.1"),
]


@pytest.mark.parametrize(("item_id", "field", "figure"), EXACT_FIGURES)
def test_the_facts_sheets_figures_appear_exactly(item_id: str, field: str, figure: str) -> None:
    assert figure in " ".join((item(item_id).get(field) or "").split())


def test_the_csm_price_range_the_sheet_no_longer_confirms_is_gone() -> None:
    assert "2,495" not in text()
    assert "price" in unconfirmed_text(item("cert.csm"))


# ------------------------------------------------------------------------ the roles


def test_entry_senior_and_the_default_role_exist() -> None:
    assert {"ai-pm-entry", "ai-pm-senior", "ai-product-manager"} <= set(role_map())
    assert raw()["default_role"] == "ai-pm-entry"
    assert all(role["requires"] for role in raw()["roles"])


def test_entry_asks_for_a_scrum_certificate_any_of_csm_psm_i_or_pmi_acp() -> None:
    singles, groups = resolved("ai-pm-entry")
    assert "cert.csm" not in singles
    scrum = [g for g in groups if {o["item"] for o in g["any_of"]} & {"cert.csm"}]
    assert len(scrum) == 1
    assert {o["item"] for o in scrum[0]["any_of"]} == {"cert.csm", "cert.psm-1", "cert.pmi-acp"}
    assert "Scrum" in scrum[0]["title"]


def test_senior_extends_entry_and_asks_at_least_as_much() -> None:
    assert role_map()["ai-pm-senior"]["extends"] == "ai-pm-entry"
    entry, _ = resolved("ai-pm-entry")
    senior, _ = resolved("ai-pm-senior")
    assert set(entry) <= set(senior)
    lower = [
        i for i, req in entry.items() if (senior[i].get("level") or 0) < (req.get("level") or 0)
    ]
    assert not lower
    assert required_hours("ai-pm-senior") >= required_hours("ai-pm-entry")


def test_senior_asks_for_pmp_with_its_eligibility_inputs() -> None:
    singles, groups = resolved("ai-pm-senior")
    assert {"cert.pmp", "portfolio.pm-experience"} <= set(singles)
    options = [{o["item"] for o in g["any_of"]} for g in groups]
    assert {"edu.pm-contact-hours", "cert.capm"} in options
    group = next(
        g
        for g in groups
        if {o["item"] for o in g["any_of"]} == {"edu.pm-contact-hours", "cert.capm"}
    )
    assert "35 contact hours" in group["title"] and "CAPM" in group["title"]


def test_senior_asks_for_the_governance_budget_and_vendor_work_postings_ask_for() -> None:
    singles, _ = resolved("ai-pm-senior")
    for item_id in (
        "pm.ai-governance-ops",
        "ai.model-monitoring",
        "pm.budget-cost",
        "pm.vendor-procurement",
        "pm.value-realisation",
        "ai.data-governance",
        "pm.raid-log",
    ):
        assert item_id in singles, item_id


@pytest.mark.parametrize("role_id", [r["id"] for r in raw()["roles"]])
def test_every_any_of_has_a_title_and_at_least_two_known_options(role_id: str) -> None:
    for req in role_map()[role_id]["requires"]:
        if "any_of" in req:
            assert req["title"].strip()
            assert len(req["any_of"]) >= 2
            assert all(o["item"] in item_map() for o in req["any_of"])


@pytest.mark.parametrize("role_id", [r["id"] for r in raw()["roles"]])
def test_skills_and_concepts_are_required_at_a_level_and_the_rest_by_finishing(
    role_id: str,
) -> None:
    singles, groups = resolved(role_id)
    for item_id, req in singles.items():
        kind = item(item_id)["kind"]
        if kind in {"skill", "concept"}:
            assert 1 <= req["level"] <= 5, item_id
        else:
            assert "level" not in req, item_id
    for g in groups:
        assert all("level" not in o for o in g["any_of"])


# Decision: a role is closed under prerequisites. Every prerequisite (transitively) of
# anything a role names, a single requirement or an any_of option, is itself named by
# the role, directly or through `extends`; nothing a role needs is left out of its hours.
@pytest.mark.parametrize("role_id", [r["id"] for r in raw()["roles"]])
def test_every_role_includes_the_prerequisites_of_what_it_requires(role_id: str) -> None:
    named = required_items(role_id)
    missing = set()
    for item_id in named:
        stack = list(item(item_id).get("prerequisites", []))
        while stack:
            pre = stack.pop()
            if pre not in named:
                missing.add((item_id, pre))
            stack += item(pre).get("prerequisites", [])
    assert not missing, sorted(missing)


# ------------------------------------------------------------ prerequisites and IDs


@pytest.mark.parametrize(
    ("item_id", "prerequisite"),
    [
        ("ai.neural-networks", "ai.ml-basics"),
        ("ai.nlp", "ai.ml-basics"),
        ("cert.csm", "pm.agile-scrum"),
        ("cert.psm-1", "pm.agile-scrum"),
        ("cert.pmi-acp", "pm.agile-scrum"),
        ("cert.pmp", "portfolio.pm-experience"),
        ("ai.model-monitoring", "ai.mlops"),
        ("pm.ai-governance-ops", "pm.ai-regulation"),
    ],
)
def test_real_prerequisites_are_recorded(item_id: str, prerequisite: str) -> None:
    assert prerequisite in item(item_id)["prerequisites"]


def test_items_with_no_prerequisites_exist_so_there_is_somewhere_to_start() -> None:
    starts = [i["id"] for i in items() if not i.get("prerequisites")]
    assert "ai.ml-basics" in starts


# ------------------------------------------------- what the loader and engine make of it


@cache
def bundled() -> Curriculum:
    curriculum, _source = load_curriculum(None)
    return curriculum


def fresh() -> Progress:
    c = bundled()
    return Progress(
        schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id=c.id, version=c.version)
    )


def test_the_loader_reads_the_bundled_file_as_schema_2_with_every_item() -> None:
    c = bundled()
    assert c.schema_version == 2
    assert [i.id for i in c.items] == [i["id"] for i in items()]
    assert c.hours_per_level == raw()["hours_per_level"]


def test_the_loader_counts_no_hours_for_the_degree_or_the_experience_months() -> None:
    c = bundled()
    assert c.item_map["edu.degree"].counted_hours == 0
    assert c.item_map["portfolio.pm-experience"].counted_hours == 0
    assert c.item_map["edu.pm-contact-hours"].counted_hours == 35


def test_the_resolved_senior_role_holds_every_entry_requirement() -> None:
    c = bundled()

    def named(role_id: str) -> set[str]:
        found: set[str] = set()
        for req in c.requirements(c.role_map[role_id]):
            found |= {o.item for o in req.any_of} if isinstance(req, AnyOf) else {req.item}
        return found

    assert named("ai-pm-entry") <= named("ai-pm-senior")
    assert named("ai-pm-senior") == required_items("ai-pm-senior")


def test_a_new_user_needs_at_least_as_many_hours_for_senior_as_for_entry() -> None:
    c, today = bundled(), date(2026, 12, 1)
    hours = {role.id: engine.readiness(c, fresh(), role, today).hours_required for role in c.roles}
    assert all(h > 0 for h in hours.values()), hours
    assert hours["ai-pm-senior"] >= hours["ai-pm-entry"], hours


@pytest.mark.parametrize(
    ("query", "item_id"),
    [("nlp", "ai.nlp"), ("pmp", "cert.pmp"), ("chatbot", "portfolio.chatbot")],
)
def test_short_names_resolve_to_exactly_one_item(query: str, item_id: str) -> None:
    c = bundled()
    assert [i for i in c.item_map if i.endswith("." + query) or i.endswith(query)] == [item_id]
    assert engine.resolve_item(c, query) == item_id
