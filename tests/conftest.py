"""Shared fixtures: every test runs with its own data dir, a pinned clock, 80 columns,
no colour and UTC, so outputs can be asserted exactly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from aipm_tracker.cli import app, context

# No property test has a deadline: hypothesis's default (200 ms an example) is a timed
# assertion, which fails on a loaded machine (a 920 ms first example of a date
# parser on a shared 2-CPU machine at load 16), not on slow code. Timing lives in
# benchmarks/.
settings.register_profile("aipm", deadline=None)
settings.load_profile("aipm")

FIXED_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

MINI_CURRICULUM = """\
schema_version: 1
id: mini
version: "1.0"
title: Mini curriculum
default_role: entry
categories:
  - id: ai-concepts
    title: AI concepts
  - id: pm-skills
    title: PM skills
items:
  - id: ai.ml-basics
    title: ML basics
    category: ai-concepts
    kind: concept
    summary: How machines learn from data.
    why: Every AI project rests on it.
    effort_hours: 10
    priority: core
  - id: ai.nlp
    title: NLP
    category: ai-concepts
    kind: concept
    summary: Language models.
    why: Chatbots.
    effort_hours: 20
    priority: recommended
    prerequisites: [ai.ml-basics]
  - id: pm.risk-management
    title: Risk management
    category: pm-skills
    kind: skill
    summary: Spot and handle risks.
    why: AI projects are uncertain.
    effort_hours: 5
    priority: core
roles:
  - id: entry
    title: Entry AI PM
    requirements:
      - {item: ai.ml-basics, level: 2}
      - {item: ai.nlp, level: 1}
      - {item: pm.risk-management}
"""


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh data dir per test, pinned clock and terminal; returns the data dir."""
    data = tmp_path / "data"
    monkeypatch.setenv("AIPM_DATA_DIR", str(data))
    monkeypatch.setenv("AIPM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AIPM_CURRICULUM", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(context, "now", lambda: FIXED_NOW)
    # Drill due dates exact: fsrs's random fuzz off (aipm_tracker.spacing).
    from aipm_tracker import spacing

    monkeypatch.setattr(spacing, "FUZZING", False)
    return data


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small curriculum above, used through AIPM_CURRICULUM."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_CURRICULUM, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    return path


DRILL_QUESTIONS = """\
questions:
  - id: q.pipeline
    text: The nightly feed stopped. What do you do first?
    tags: [technical, situational]
    items: [ai.ml-basics, pm.risk-management]
    source: https://example.com/questions/pipeline
    as_of: "2026-12"
  - id: q.conflict
    text: Two people on your team disagree. How do you unblock them?
    tags: [behavioural]
    items: [pm.risk-management]
    source: https://example.com/questions/conflict
    as_of: "2026-12"
  - id: q.nlp-explain
    text: Explain a language model to an executive.
    tags: [technical]
    items: [ai.nlp]
    source: https://example.com/questions/nlp
    as_of: "2026-12"
"""
"""Three interview questions on the mini curriculum's items (the ``drill`` fixture)."""


@pytest.fixture
def drill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini curriculum with :data:`DRILL_QUESTIONS`, through AIPM_CURRICULUM."""
    path = tmp_path / "drill.yaml"
    path.write_text(MINI_CURRICULUM + DRILL_QUESTIONS, encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    return path


@pytest.fixture
def aipm() -> Iterator[Callable[..., Result]]:
    """Run ``aipm ARGS`` in-process; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    yield run


def progress_path(data_dir: Path, curriculum_id: str = "aipm-default") -> Path:
    """Where the progress file of ``curriculum_id`` lives under ``data_dir``."""
    return data_dir / "progress" / f"{curriculum_id}.json"
