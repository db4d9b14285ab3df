"""The zone is read at the edge and passed in: the local-zone tzinfo converts exactly as
``datetime.astimezone()`` does, the burndown reads event dates in the zone it is
given, and no engine module reads a clock or the process's zone."""

from __future__ import annotations

import ast
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aipm_tracker import changes, engine
from aipm_tracker.localzone import LOCAL
from tests.test_engine import CUR, ROLE, fresh

ENGINE = Path(engine.__file__).parent


@pytest.fixture(params=["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
def process_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's zone set to the parameter (``TZ`` and ``time.tzset()``), and
    set back afterwards: monkeypatch would restore ``TZ`` without ``tzset``."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


instants = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=instants)
# Both occurrences of a repeated hour in New York and Berlin, and a gap in spring.
@example(at=datetime(2026, 11, 1, 5, 30, tzinfo=UTC))
@example(at=datetime(2026, 11, 1, 6, 30, tzinfo=UTC))
@example(at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
@example(at=datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
@example(at=datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
def test_the_local_zone_converts_as_astimezone_does(process_zone: str, at: datetime) -> None:
    ours, theirs = at.astimezone(LOCAL), at.astimezone()
    assert ours.replace(tzinfo=None, fold=0) == theirs.replace(tzinfo=None)
    assert ours.date() == theirs.date()
    assert ours.utcoffset() == theirs.utcoffset()
    assert ours.tzname() == theirs.tzname()
    # The same instant, also in a repeated hour (where PEP 495 makes == between two
    # zones False, for zoneinfo too).
    assert ours.timestamp() == at.timestamp()
    assert ours.strftime("%Y-%m-%d %H:%M %Z") == theirs.strftime("%Y-%m-%d %H:%M %Z")


def test_the_burndown_reads_event_dates_in_the_zone_it_is_given() -> None:
    # Done late on a week's last day (a Sunday) in UTC, already Monday at UTC+2.
    today = date(2026, 11, 24)
    at = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    p = changes.done(fresh(), "ai.ml-basics", at)
    in_utc = engine.burndown(CUR, p, ROLE, today, tz=UTC)
    east = engine.burndown(CUR, p, ROLE, today, tz=timezone(timedelta(hours=2)))
    # UTC: done on Sunday the 22nd, so the week ending then shows it done.
    # (65 h of work in the role; finishing ML basics, level not recorded, is 10 of them.)
    assert [(pt.day.day, pt.hours_remaining) for pt in in_utc.points] == [
        (15, 65.0),
        (22, 55.0),
        (24, 55.0),
    ]
    # UTC+2: done on Monday the 23rd, in the next week; the series starts a week later.
    assert [(pt.day.day, pt.hours_remaining) for pt in east.points] == [(22, 65.0), (24, 55.0)]


def test_the_next_step_score_is_the_sum_of_its_explained_terms() -> None:
    p = changes.start(fresh(), "ai.ml-basics", datetime(2026, 11, 20, tzinfo=UTC))
    required = engine.open_requirement_items(CUR, p, ROLE)
    for step in engine.next_steps(CUR, p, ROLE):
        terms = engine.score_terms(CUR, p, CUR.item_map[step.item_id], required)
        assert step.terms == terms
        total = 0.0
        for term in terms:
            total += term.points
        assert step.score == round(total, 2)


_CLOCK_CALLS = {"now", "today", "utcnow", "time", "localtime", "gmtime", "tzset", "monotonic"}


def _clock_reads(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name == "astimezone" and not node.args and not node.keywords:
                yield f"line {node.lineno}: .astimezone() reads the process's zone"
            elif name in _CLOCK_CALLS:
                yield f"line {node.lineno}: .{name}() reads a clock"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            module = getattr(node, "module", None) or ""
            if "time" in names or module == "time" or "zoneinfo" in (module, *names):
                yield f"line {node.lineno}: imports a clock or zone module"


@pytest.mark.parametrize("module", sorted(p.name for p in ENGINE.glob("*.py")))
def test_no_engine_module_reads_a_clock_or_the_process_zone(module: str) -> None:
    tree = ast.parse((ENGINE / module).read_text(encoding="utf-8"))
    assert list(_clock_reads(tree)) == []
