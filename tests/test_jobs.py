"""Job descriptions and CVs as a user meets them: saving postings (and undoing it),
bad documents refused with nothing stored, `aipm match` on three postings written in
our own words (tests/postings), `aipm market`, the demand term of `next`, and
`aipm cv check` giving the same findings on the same CV as Markdown, PDF and Word."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import progress_path

POSTINGS = Path(__file__).parent / "postings"


def run_json(aipm: Callable[..., Result], *args: str):
    result = aipm(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def add(aipm: Callable[..., Result], name: str, *options: str) -> str:
    result = aipm("job", "add", str(POSTINGS / name), *options)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()[2]  # "Saved job j-xxxxxx ..."


def mapping(document) -> dict[str, list[str]]:
    return {r["term"]: r["items"] for r in document["requirements"]}


# ------------------------------------------------------------------ saving jobs


def test_a_saved_posting_is_listed_shown_and_kept_beside_the_progress_file(
    aipm, isolated: Path
) -> None:
    job = add(aipm, "pmp.md", "--title", "Senior PM", "--company", "City transit")
    text = (POSTINGS / "pmp.md").read_text()
    saved = isolated / "progress" / "jobs" / f"{job}.txt"
    assert saved.read_text() == text
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    rows = run_json(aipm, "job", "list")
    assert [(r["id"], r["title"], r["company"], r["file"]) for r in rows] == [
        (job, "Senior PM", "City transit", f"jobs/{job}.txt")
    ]
    assert set(rows[0]) == {"id", "title", "company", "added_at", "file"}
    shown = aipm("job", "show", "city transit")
    assert shown.exit_code == 0
    assert shown.stdout.startswith(f"Job {job}  Senior PM at City transit  (added 2026-11-23")
    assert shown.stdout.endswith(text)
    assert run_json(aipm, "job", "show", job[:4])["text"] == text


def test_a_posting_pasted_on_standard_input_is_saved(aipm) -> None:
    result = aipm("job", "add", "-", "--title", "Pasted", input="We need MLOps and PMP.\n")
    assert result.exit_code == 0, result.stderr
    job = result.stdout.split()[2]
    assert run_json(aipm, "job", "show", job)["text"] == "We need MLOps and PMP.\n"


def test_adding_and_removing_a_job_are_each_one_undoable_event(aipm, isolated: Path) -> None:
    assert aipm("start", "nlp").exit_code == 0
    path = progress_path(isolated)
    before_add = path.read_bytes()
    job = add(aipm, "llm.md")
    after_add = path.read_bytes()
    assert aipm("job", "remove", job).exit_code == 0
    assert run_json(aipm, "job", "list") == []
    history = run_json(aipm, "history")
    assert [e["action"] for e in history] == ["start", "job_add", "job_remove"]
    assert history[-1]["job_id"] == job
    assert aipm("undo").stdout == f"Undid job_remove: job {job} removed\n"
    assert path.read_bytes() == after_add
    assert aipm("undo").exit_code == 0
    assert path.read_bytes() == before_add


def test_the_same_posting_twice_is_refused_naming_the_saved_job(aipm, isolated: Path) -> None:
    job = add(aipm, "llm.md")
    before = progress_path(isolated).read_bytes()
    result = aipm("job", "add", str(POSTINGS / "llm.md"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: this job description is saved already, as {job}. See it with: "
        f"aipm job show {job}\n"
    )
    assert progress_path(isolated).read_bytes() == before


def test_an_unknown_job_is_exit_2_listing_the_saved_ones(aipm) -> None:
    assert aipm("match", "j-0000").stderr.startswith("Error: no saved job 'j-0000': no job is")
    job = add(aipm, "llm.md")
    result = aipm("match", "nothing")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: no saved job 'nothing' (saved: {job}). List them with: aipm job list\n"
    )


# ------------------------------------------------------------------ bad documents


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, written by hand (no binary file
    in the repository)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = (
        "BT /F1 10 Tf 12 TL 40 800 Td "
        + " ".join(f"({escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    stream = body.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    return out.getvalue()


def _encrypted_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_minimal_pdf(["Secret posting: PMP"]))).pages:
        writer.add_page(page)
    writer.encrypt("open-sesame")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


BAD = {
    "empty": ("empty.md", b"", "holds no text. Check that it is the right file"),
    "blank": ("blank.txt", b"  \n\n\t\n", "holds no text."),
    "binary": ("tool.txt", b"\x7fELF\x02\x01\x00\x00binary", "is a binary file, not text."),
    "not UTF-8": ("latin.md", "Caf\xe9 manager".encode("latin-1"), "is not UTF-8 text (byte 3"),
    "damaged PDF": ("broken.pdf", b"%PDF-1.4\nthis is not a pdf", "is not a PDF that can be read"),
    "damaged Word": ("broken.docx", b"PK\x03\x04 not a zip", "is not a Word document that can"),
    "unknown kind": ("posting.odt", b"text", "is not a document aipm reads: it reads text"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_document_is_exit_2_and_nothing_is_stored(
    aipm, isolated: Path, tmp_path: Path, case: str
) -> None:
    name, content, words = BAD[case]
    path = tmp_path / name
    path.write_bytes(content)
    for args in (["job", "add", str(path)], ["cv", "check", str(path)]):
        result = aipm(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Error: "), result.stderr
        assert words in result.stderr
        assert "Traceback" not in result.stderr
    assert not (isolated / "progress").exists()


def test_an_encrypted_pdf_is_refused_in_our_words(aipm, isolated: Path, tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path)
    result = aipm("job", "add", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path} is an encrypted (password-protected) PDF. Save an unprotected copy, "
        "or paste its text on standard input.\n"
    )
    assert not (isolated / "progress").exists()


def test_an_oversized_or_missing_document_is_refused(
    aipm, isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aipm_tracker import documents

    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1024)
    big = tmp_path / "big.md"
    big.write_text("PMP " * 1000)
    result = aipm("job", "add", str(big))
    assert result.exit_code == 2
    assert "is larger than 0 MB" in result.stderr or "is larger than" in result.stderr
    stdin = aipm("job", "add", "-", input="PMP " * 1000)
    assert stdin.exit_code == 2
    assert stdin.stderr.startswith("Error: standard input is larger than")
    missing = aipm("job", "add", str(tmp_path / "nope.md"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"Error: {tmp_path / 'nope.md'} does not exist.\n",
    )
    assert not (isolated / "progress").exists()


# ------------------------------------------------------------------ aipm match

# Checked by hand against tests/postings/*.md and the items' keywords: each term the
# posting names, and the items whose keywords name it, in the posting's order.
GOVERNANCE = {
    "AI governance": ["pm.ai-governance-ops", "cert.aigp"],
    "responsible AI": ["ai.responsible-ai"],
    "model inventory": ["pm.ai-governance-ops"],
    "approval gates": ["pm.ai-governance-ops"],
    "model risk management": ["pm.ai-governance-ops"],
    "model cards": ["pm.ai-governance-ops"],
    "audit readiness": ["pm.ai-governance-ops"],
    "regulation": ["pm.regulated-domains"],
    "EU AI Act": ["pm.ai-regulation"],
    "NIST AI RMF": ["ai.nist-ai-rmf"],
    "compliance": ["pm.ai-regulation"],
    "GDPR": ["ai.data-governance", "pm.ai-regulation"],
    "vendor management": ["pm.vendor-procurement"],
    "procurement": ["pm.vendor-procurement"],
    "stakeholder management": ["pm.stakeholder-communication"],
    "data protection": ["ai.data-governance"],
    "risk management": ["pm.risk-management"],
    # "in a regulated industry": read as a misspelt "AI regulation" ("a regul...")
    # until an exact keyword won over a near spelling overlapping it.
    "regulated industry": ["pm.regulated-domains"],
    "machine learning": ["ai.ml-basics"],
    "ML lifecycle": ["ai.ai-lifecycle"],
    "bias": ["ai.responsible-ai"],
}
PMP = {
    "machine learning": ["ai.ml-basics"],
    "PMP": ["cert.pmp", "portfolio.pm-experience"],
    "CSM": ["cert.csm"],
    "managing technology projects": ["portfolio.pm-experience"],
    "work breakdown structure": ["pm.wbs"],
    "RAID log": ["pm.raid-log"],
    "earned value": ["pm.budget-cost"],
    "budget management": ["pm.budget-cost"],
    "cost management": ["pm.budget-cost"],
    "Agile ceremonies": ["pm.scrum-events"],
    "sprint planning": ["pm.scrum-events"],
    "backlog refinement": ["pm.scrum-events"],
    "retrospectives": ["pm.scrum-events"],
    "Scrum": ["pm.agile-scrum"],
    "stakeholder management": ["pm.stakeholder-communication"],
    "MLOps": ["ai.mlops"],
    "model monitoring": ["ai.model-monitoring"],
    "MS Project": ["pm.timeline"],
}
LLM = {
    "LLM": ["ai.generative-ai"],
    "large language models": ["ai.generative-ai"],
    "roadmap": ["pm.prioritisation"],
    "generative AI": ["ai.generative-ai"],
    "prompt design": ["ai.generative-ai"],
    "model evaluation": ["ai.model-evaluation"],
    "hallucination": ["ai.generative-ai"],
    "KPIs": ["pm.value-realisation"],
    "value realisation": ["pm.value-realisation"],
    "prioritisation": ["pm.prioritisation"],
    "responsible AI": ["ai.responsible-ai"],
    "bias": ["ai.responsible-ai"],
    "user trust": ["ai.responsible-ai"],
    "NLP": ["ai.nlp"],
    "conversational AI": ["ai.nlp"],
    "PyTorch": ["ai.frameworks"],
    "fine-tuning": ["portfolio.tiny-model"],
    "A/B tests": ["ai.model-evaluation"],
}


@pytest.mark.parametrize(
    ("posting", "title", "expected", "unmatched"),
    [
        ("governance.md", "AI Governance Programme Manager", GOVERNANCE, ["ServiceNow GRC"]),
        ("pmp.md", "Senior Project Manager, AI Platform", PMP, ["Jira"]),
        ("llm.md", "Product Manager, LLM Assistants", LLM, ["Python", "Amplitude"]),
    ],
    ids=["governance", "pmp", "llm"],
)
def test_each_posting_maps_its_terms_to_the_items_checked_by_hand(
    aipm, posting: str, title: str, expected: dict[str, list[str]], unmatched: list[str]
) -> None:
    # The posting's own title and company are never listed as unmatched terms.
    job = add(aipm, posting, "--title", title, "--company", "Northwind Mutual")
    document = run_json(aipm, "match", job)
    assert mapping(document) == expected
    assert list(mapping(document)) == list(expected)  # the posting's order
    assert document["unmatched"] == unmatched
    assert document["score"] == 0
    assert all(not r["met"] for r in document["requirements"])
    assert {"job", "score", "requirements", "unmatched"} <= set(document)


def test_the_short_terms_count(aipm) -> None:
    result = aipm("job", "add", "-", input="AI PM: ML, NLP, LLM, PMP and CSM.\n")
    job = result.stdout.split()[2]
    assert mapping(run_json(aipm, "match", job)) == {
        "ML": ["ai.ml-basics"],
        "NLP": ["ai.nlp"],
        "LLM": ["ai.generative-ai"],
        "PMP": ["cert.pmp", "portfolio.pm-experience"],
        "CSM": ["cert.csm"],
    }


def test_power_verbs_and_generic_words_map_to_no_requirement(aipm) -> None:
    text = "You delivered, led, optimised and launched projects; you reduced costs.\n"
    job = aipm("job", "add", "-", input=text).stdout.split()[2]
    assert run_json(aipm, "match", job)["requirements"] == []


def test_done_items_raise_the_score_term_by_term_and_the_plan_covers_the_rest(aipm) -> None:
    job = add(aipm, "llm.md", "--title", "PM, LLM assistants", "--company", "Brightline")
    for item in ("ai.generative-ai", "ai.responsible-ai"):
        assert aipm("done", item).exit_code == 0
    assert aipm("evidence", "ai.generative-ai", "https://example.com/rag-demo").exit_code == 0
    document = run_json(aipm, "match", job)
    met = [r["term"] for r in document["requirements"] if r["met"]]
    assert met == [
        "LLM", "large language models", "generative AI", "prompt design", "hallucination",
        "responsible AI", "bias", "user trust",
    ]  # fmt: skip
    assert document["score"] == round(100 * 8 / 18) == 44
    assert {r["points"] for r in document["requirements"] if r["met"]} == {round(100 / 18, 2)}
    assert {r["points"] for r in document["requirements"] if not r["met"]} == {0}
    # Each of the three closes 2 open terms (as does ai.nlp); ties go to fewer hours,
    # then curriculum order.
    assert [p["item"] for p in document["plan"]] == [
        "pm.prioritisation", "ai.model-evaluation", "pm.value-realisation",
    ]  # fmt: skip
    assert document["plan_percent"] == round(100 * 14 / 18)
    screen = aipm("match", job)
    assert screen.exit_code == 0
    assert screen.stdout == MATCH_LLM_80


MATCH_LLM_80 = """\
Job j-087daa  PM, LLM assistants
Score 44 of 100: 8 of 18 terms this posting names are met (an item done).
Plan: these 3 items would cover 78% of this posting: pm.prioritisation (6 h),
ai.model-evaluation (8 h), pm.value-realisation (8 h).

 Term                   Item                  Status  Lvl  Ev  Hours  Points
 ───────────────────────────────────────────────────────────────────────────
 LLM                    ai.generative-ai      done      -   1      0   +5.56
 large language models  ai.generative-ai      done      -   1      0   +5.56
 roadmap                pm.prioritisation     to do     -   -      6       0
 generative AI          ai.generative-ai      done      -   1      0   +5.56
 prompt design          ai.generative-ai      done      -   1      0   +5.56
 model evaluation       ai.model-evaluation   to do     -   -      8       0
 hallucination          ai.generative-ai      done      -   1      0   +5.56
 KPIs                   pm.value-realisation  to do     -   -      8       0
 value realisation      pm.value-realisation  to do     -   -      8       0
 prioritisation         pm.prioritisation     to do     -   -      6       0
 responsible AI         ai.responsible-ai     done      -   -      0   +5.56
 bias                   ai.responsible-ai     done      -   -      0   +5.56
 user trust             ai.responsible-ai     done      -   -      0   +5.56
 NLP                    ai.nlp                to do     -   -     10       0
 conversational AI      ai.nlp                to do     -   -     10       0
 PyTorch                ai.frameworks         to do     -   -     10       0
 fine-tuning            portfolio.tiny-model  to do     -   -     15       0
 A/B tests              ai.model-evaluation   to do     -   -      8       0

Ev: evidence links. Hours: left to close the item.

Named by the posting, mapped to no item (a curriculum can add them as keywords):
Manager, Python, Amplitude
"""


# ------------------------------------------------------------------ market and next


def test_market_counts_the_postings_asking_for_each_item_and_next_weighs_them(aipm) -> None:
    before = run_json(aipm, "next", "--limit", "60")
    assert all(t["name"] != "demand" for s in before for t in s["terms"])
    for posting in ("governance.md", "pmp.md", "llm.md"):
        add(aipm, posting)
    market = run_json(aipm, "market")
    assert market["postings"] == 3
    asked = {r["item"]: r["postings"] for r in market["rows"]}
    assert asked["pm.stakeholder-communication"] == 2
    assert asked["ai.responsible-ai"] == 2
    assert asked["ai.ml-basics"] == 2
    assert asked["pm.wbs"] == 1
    assert [r["postings"] for r in market["rows"]] == sorted(
        (r["postings"] for r in market["rows"]), reverse=True
    )
    assert set(market["rows"][0]) == {
        "item", "title", "postings", "status", "level", "evidence", "hours_left",
    }  # fmt: skip
    steps = {s["item"]: s for s in run_json(aipm, "next", "--limit", "60")}
    demand = {t["name"]: t for t in steps["ai.responsible-ai"]["terms"]}["demand"]
    assert demand == {
        "name": "demand", "points": 1.33, "reason": "asked by 2 of 3 saved postings",
    }  # fmt: skip
    explained = aipm("next", "--limit", "1", "--explain").stdout
    assert "demand: asked by" in explained or "demand" in explained


# ------------------------------------------------------------------ cv check

CV_LINES = [
    "# Ada Example, project manager",
    "- Led the delivery of a chatbot for customer support with generative AI.",
    "- Orchestrated sprint planning and retrospectives for two Scrum teams.",
    "- Optimised our risk management process and the RAID log.",
    "- Streamlined stakeholder management with finance and legal.",
    "- PMP certified (2024).",
]


def _docx(path: Path, lines: list[str]) -> None:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def test_cv_check_gives_the_same_findings_for_markdown_pdf_and_word(aipm, tmp_path: Path) -> None:
    job = add(aipm, "pmp.md")
    assert aipm("done", "pm.scrum-events").exit_code == 0
    assert aipm("evidence", "pm.wbs", "https://example.com/wbs").exit_code == 0
    md = tmp_path / "cv.md"
    md.write_text("\n".join(CV_LINES) + "\n")
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(_minimal_pdf(CV_LINES))
    word = tmp_path / "cv.docx"
    _docx(word, CV_LINES)
    found = [run_json(aipm, "cv", "check", str(p), "--job", job) for p in (md, pdf, word)]
    assert found[0] == found[1] == found[2]
    cv = found[0]
    assert cv["source"] == job
    # In the posting's order, each with the first CV line naming it.
    assert [(t["term"], t["line"]) for t in cv["present"]] == [
        ("PMP", 6), ("RAID log", 4), ("sprint planning", 3), ("retrospectives", 3),
        ("Scrum", 3), ("stakeholder management", 5),
    ]  # fmt: skip
    assert [t["term"] for t in cv["missing"]] == [
        "machine learning", "CSM", "managing technology projects", "work breakdown structure",
        "earned value", "budget management", "cost management", "Agile ceremonies",
        "backlog refinement", "MLOps", "model monitoring", "MS Project",
    ]  # fmt: skip
    assert [(v["term"], v["line"]) for v in cv["verbs"]] == [
        ("orchestrated", 3),
        ("optimised", 4),
        ("led", 2),
        ("streamlined", 5),
    ]
    assert [(c["term"], c["line"]) for c in cv["unproven"]] == [
        ("chatbot", 2), ("generative AI", 2), ("Scrum", 3), ("risk management", 4),
        ("RAID log", 4), ("stakeholder management", 5), ("PMP", 6),
    ]  # fmt: skip
    assert [s["item"] for s in cv["unmentioned"]] == ["pm.wbs"]


def test_cv_check_without_a_job_uses_the_target_roles_keywords(aipm, tmp_path: Path) -> None:
    md = tmp_path / "cv.md"
    md.write_text("\n".join(CV_LINES) + "\n")
    result = aipm("cv", "check", str(md))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("CV checked against ai-pm-entry: ")
    assert "Power verbs used: orchestrated (line 3), optimised (line 4), led (line 2)" in (
        result.stdout
    )
