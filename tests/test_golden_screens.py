"""Golden screens: the exact text of the main screens at 60, 80 and 120 columns under
NO_COLOR, on a converted roadmap-style curriculum with long item IDs (up to 51
characters) and two categories of the same title, and ``show cert.pmp`` on the
bundled one.

The expected screens are files in tests/golden/, one per command and width, read
by a person before they were committed. A change of layout shows up as a failing
test with the difference; after checking the new screen by eye, rewrite the files
with ``AIPM_WRITE_GOLDEN=1 pytest tests/test_golden_screens.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW

GOLDEN = Path(__file__).parent / "golden"

LONG_IDS = """\
schema_version: 1
id: roadmap
version: "2026.12"
title: Product manager roadmap (converted)
default_role: pm
categories:
  - id: product-discovery
    title: Discovery
  - id: user-discovery
    title: Discovery
  - id: delivery
    title: Delivery and execution
items:
  - id: roadmap.product-discovery.customer-interview-techniques
    title: Customer interview techniques
    category: product-discovery
    kind: skill
    summary: Ask about the past, not the future.
    why: Most product mistakes start with a guess.
    effort_hours: 12
    priority: core
  - id: roadmap.user-discovery.jobs-to-be-done
    title: Jobs to be done
    category: user-discovery
    kind: concept
    summary: What progress a customer hires a product for.
    why: It names the need behind a feature request.
    effort_hours: 6
    priority: recommended
    prerequisites: [roadmap.product-discovery.customer-interview-techniques]
  - id: roadmap.delivery.backlog-refinement-and-prioritisation
    title: Backlog refinement and prioritisation with RICE, MoSCoW and Kano
    category: delivery
    kind: skill
    summary: Keep the backlog ordered and small.
    why: A team works from the top of it.
    effort_hours: 8
    priority: core
  - id: roadmap.delivery.okr
    title: OKRs
    category: delivery
    kind: concept
    summary: Objectives and key results.
    why: Goals a team can check.
    effort_hours: 1500
    priority: optional
roles:
  - id: pm
    title: Product manager
    requirements:
      - {item: roadmap.product-discovery.customer-interview-techniques, level: 3}
      - {item: roadmap.user-discovery.jobs-to-be-done, level: 2}
      - {item: roadmap.delivery.backlog-refinement-and-prioritisation}
"""

SCREENS = {
    "status": ["status"],
    "list": ["list"],
    "gaps": ["gaps"],
    "next-explain": ["next", "--explain"],
    "burndown": ["burndown", "--weeks", "3"],
}


@pytest.fixture
def roadmap(aipm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user of the long-ID curriculum a week in: interviews done at level 2,
    backlog refinement started, a pace of 6 hours a week."""
    import aipm_tracker.cli.context as context

    path = tmp_path / "roadmap.yaml"
    path.write_text(LONG_IDS, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    monkeypatch.setattr(context, "now", lambda: FIXED_NOW - timedelta(days=7))
    assert aipm("done", "customer-interview-techniques", "--level", "2").exit_code == 0
    monkeypatch.setattr(context, "now", lambda: FIXED_NOW)
    assert aipm("start", "backlog-refinement-and-prioritisation").exit_code == 0
    assert aipm("target", "--hours-per-week", "6").exit_code == 0


def check(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("AIPM_WRITE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name}: see {path}"


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_roadmap_curriculum_with_long_ids_fits_exactly_like_this(
    aipm, roadmap: None, monkeypatch: pytest.MonkeyPatch, screen: str, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = aipm(*SCREENS[screen])
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= columns for line in result.stdout.splitlines())
    assert "…" not in result.stdout
    check(f"{screen}-{columns}", result.stdout)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_show_cert_pmp_fits_exactly_like_this(
    aipm, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert aipm("start", "cert.pmp").exit_code == 0
    result = aipm("show", "cert.pmp")
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= columns for line in result.stdout.splitlines())
    assert "…" not in result.stdout
    check(f"show-cert.pmp-{columns}", result.stdout)
