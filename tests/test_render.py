"""Renderers are pure: the Markdown report for a fixed progress file and date is
pinned exactly, and user text never becomes markup or escape codes."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from aipm_tracker import changes, engine
from aipm_tracker.curriculum import parse_curriculum
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef, Progress
from aipm_tracker.render import markdown, terminal
from tests.conftest import MINI_CURRICULUM

CUR = parse_curriculum(MINI_CURRICULUM, "mini.yaml")
ROLE = CUR.role_map["entry"]
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def fixed_progress() -> Progress:
    p = Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="mini", version="1.0"))
    p = changes.set_profile(p, AT, hours_per_week=5)
    p = changes.done(p, "ai.ml-basics", AT, level=2, note="Took *the* course | 10/10")
    p = changes.add_evidence(p, "ai.ml-basics", "https://example.com/cert(1)", AT, label="Cert")
    p = changes.start(p, "pm.risk-management", AT)
    return p


EXPECTED_MD = """\
# AI-PM progress report: Mini curriculum

Generated on 2026-11-23 from curriculum `mini` version 1.0; data file `/data/mini.json`.

## Readiness for Entry AI PM

**46% ready**: ~30 of the ~65 required hours done; 1 of 3 requirements met; 1 of 2 target \
levels met.

Counted: study hours of items to finish + 10 h practice per level to reach (an estimate).

At 5 hours a week, the remaining ~35 hours are done by **2027-01-11**.

## Progress by category

| Category | Done | In progress | To do | Skipped | Hours done | % |
|---|--:|--:|--:|--:|--:|--:|
| AI concepts | 1 | 0 | 1 | 0 | 10 / 30 | 33% |
| PM skills | 0 | 1 | 0 | 0 | 0 / 5 | 0% |

## Gaps

| Item | Priority | Missing | Level now / target | Hours left |
|---|---|---|---|--:|
| Risk management (`pm.risk-management`) | core | item |  | 5 |
| NLP (`ai.nlp`) | recommended | item + level | -/1 | ~30 |

## Next steps

1. **Risk management** (`pm.risk-management`, 5 h) (in progress)
2. **NLP** (`ai.nlp`, 20 h)

## Work done, notes and evidence

### ML basics (`ai.ml-basics`)

Done; completed 2026-11-20; level 2 (advanced beginner).

- Note, 2026-11-20: Took \\*the\\* course \\| 10/10
- Evidence, 2026-11-20: [Cert](<https://example.com/cert(1)>)

### Risk management (`pm.risk-management`)

In progress; started 2026-11-20.
"""


def test_the_markdown_report_of_a_fixed_progress_file_is_exactly_this() -> None:
    p = fixed_progress()
    report = engine.status_report(CUR, p, ROLE, TODAY, next_limit=10)
    text = markdown.report(report, engine.report_entries(CUR, p, ROLE), "/data/mini.json")
    assert text == EXPECTED_MD


def test_markdown_escapes_html_and_table_breakers() -> None:
    assert markdown.escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert markdown.escape("a|b\nc\x1b[31m") == "a\\|b c\\[31m"


def render(renderable) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system="truecolor", force_terminal=True).print(renderable)
    return buffer.getvalue()


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_no_user_text_can_inject_escape_codes_or_markup(note: str) -> None:
    p = changes.add_note(
        Progress(schema_version=SCHEMA_VERSION, curriculum=CurriculumRef(id="mini", version="1.0")),
        "ai.nlp",
        note if note.strip() else "x",
        AT,
    )
    detail = engine.item_detail(CUR, p, "ai.nlp", ROLE)
    out = render(terminal.item_view(detail))
    # Every escape sequence in the output is one rich made for styles: ESC [ ... m.
    stripped = __import__("re").sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in stripped
    assert not any(0x80 <= ord(c) <= 0x9F for c in stripped)
    assert terminal.safe("[bold]x[/bold]").plain == "[bold]x[/bold]"


def test_a_skip_reason_keeps_its_own_capitals_in_the_report() -> None:
    p = changes.skip(fixed_progress(), "ai.nlp", AT, reason="Did it at ACME")
    report = engine.status_report(CUR, p, ROLE, TODAY)
    text = markdown.report(report, engine.report_entries(CUR, p, ROLE), "/data/mini.json")
    assert "### NLP (`ai.nlp`)\n\nSkipped; reason: Did it at ACME.\n" in text


def test_plural_fits_the_counts_shown_to_users() -> None:
    from aipm_tracker.render.text import plural

    assert [plural(1, "role"), plural(2, "role"), plural(1, "category"), plural(3, "category")] == [
        "role",
        "roles",
        "category",
        "categories",
    ]
    # A y after a vowel stays: "daies" and "journeies" were shown before.
    assert [plural(3, "day"), plural(2, "journey"), plural(2, "entry")] == [
        "days",
        "journeys",
        "entries",
    ]


def test_a_report_shows_paths_under_home_as_tilde(monkeypatch, tmp_path) -> None:
    from aipm_tracker.paths import for_display

    monkeypatch.setenv("HOME", str(tmp_path))
    assert for_display(tmp_path / ".local" / "p.json") == "~/.local/p.json"
    assert for_display(tmp_path.parent / "elsewhere.json") == str(
        tmp_path.parent / "elsewhere.json"
    )
