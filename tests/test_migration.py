"""Schema versions: a committed fixture for every schema version ever written, loaded,
migrated and round-tripped; migrations written back only by a successful save; a file
from a newer aipm left untouched."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import Result

from aipm_tracker import changes
from aipm_tracker.errors import CorruptProgressError, DataError
from aipm_tracker.migrations import MIGRATIONS
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef
from aipm_tracker.store import ProgressStore, serialize
from tests.conftest import progress_path

FIXTURES = Path(__file__).parent / "fixtures" / "progress"
REF = CurriculumRef(id="mini", version="1.0")
AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def store_with(tmp_path: Path, content: bytes) -> ProgressStore:
    store = ProgressStore(tmp_path / "progress" / "mini.json", REF)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    return store


def test_there_is_a_fixture_and_a_migration_for_every_past_schema_version() -> None:
    assert sorted(p.name for p in FIXTURES.glob("v*.json")) == [
        f"v{n}.json" for n in range(1, SCHEMA_VERSION + 1)
    ]
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_fixture_loads_migrates_and_round_trips(tmp_path: Path, version: int) -> None:
    raw = (FIXTURES / f"v{version}.json").read_bytes()
    assert json.loads(raw)["schema_version"] == version
    store = store_with(tmp_path, raw)
    progress = store.load()
    assert progress.schema_version == SCHEMA_VERSION
    # Reading never writes: the migration is applied in memory only.
    assert store.path.read_bytes() == raw
    text = serialize(progress)
    expected = raw.decode().replace(
        f'"schema_version": {version}', f'"schema_version": {SCHEMA_VERSION}', 1
    )
    assert text == expected
    assert store_with(tmp_path / "again", text.encode()).load() == progress


def test_a_v1_file_keeps_every_field_through_the_migration(tmp_path: Path) -> None:
    progress = store_with(tmp_path, (FIXTURES / "v1.json").read_bytes()).load()
    item = progress.items["ai.ml-basics"]
    assert (item.status, item.level) == ("done", 2)
    assert [n.text for n in item.notes] == ["Finished the course"]
    assert [(e.url, e.label) for e in item.evidence] == [
        ("https://example.com/cert", None),
        ("https://example.com/repo", "My repo"),
    ]
    assert progress.items["pm.risk-management"].skip_reason == "did it at work"
    assert (progress.profile.target_role, progress.profile.hours_per_week) == ("entry", 6)
    assert [e.action for e in progress.history] == ["start", "done", "skip", "target", "evidence"]


def test_the_first_save_writes_the_new_version_and_backs_up_the_old_file(tmp_path: Path) -> None:
    raw = (FIXTURES / "v1.json").read_bytes()
    store = store_with(tmp_path, raw)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    assert json.loads(store.path.read_text())["schema_version"] == SCHEMA_VERSION
    [backup] = store.backups()
    assert backup.path.read_bytes() == raw
    # Undo of the change gives the migrated file, the backup still holds the original.
    store.update(changes.undo)
    assert store.path.read_text() == serialize(store_with(tmp_path / "b", raw).load())


def test_a_migrated_file_that_does_not_validate_is_left_as_it_was(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "v1.json").read_bytes())
    data["items"]["ai.ml-basics"]["level"] = 9
    raw = json.dumps(data).encode()
    store = store_with(tmp_path, raw)
    with pytest.raises(CorruptProgressError, match=r"items\.ai\.ml-basics\.level"):
        store.update(lambda p: changes.start(p, "ai.nlp", AT))
    assert store.path.read_bytes() == raw
    assert store.backups() == []


def test_a_file_from_a_newer_aipm_is_refused_and_left_untouched(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    newer = SCHEMA_VERSION + 1
    future = (
        f'{{"schema_version": {newer}, "curriculum": {{"id": "mini", "version": "2.0"}}, "new": 1}}'
    ).encode()
    path.write_bytes(future)
    message = (
        f"{path} was written by a newer aipm (schema {newer}; this one knows "
        f"{SCHEMA_VERSION}). "
        "Upgrade aipm-tracker; the file was left untouched."
    )
    for args in (["status"], ["start", "nlp"], ["backup", "restore"]):
        result = aipm(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(("Error: There are no backups", f"Error: {message}\n"))
    doctor = aipm("doctor")
    assert doctor.exit_code == 1
    assert f"FAIL  progress file  {message}\n" in doctor.stdout
    assert path.read_bytes() == future
    assert not (isolated / "progress" / "backups").exists()


def test_a_newer_file_also_raises_from_the_store(tmp_path: Path) -> None:
    newer = SCHEMA_VERSION + 1
    store = store_with(
        tmp_path, f'{{"schema_version": {newer}, "curriculum": {{"id": "mini"}}}}'.encode()
    )
    with pytest.raises(DataError, match="newer aipm"):
        store.load()


# ------------------------------------------------------------- curriculum schema 1

CURRICULUM_V1 = Path(__file__).parent / "fixtures" / "curriculum" / "v1.yaml"
"""The bundled curriculum as aipm-tracker 0.2 shipped it (schema 1), as users who
copied it have it."""


def test_a_schema_1_curriculum_still_loads_and_keeps_its_meaning() -> None:
    from aipm_tracker.curriculum import parse_curriculum
    from aipm_tracker.models import Requirement

    old = parse_curriculum(CURRICULUM_V1.read_text(encoding="utf-8"), "v1.yaml")
    assert (old.schema_version, old.version, len(old.items)) == (1, "2026.11", 60)
    entry = old.role_map["ai-pm-entry"]
    reqs = old.requirements(entry)
    assert all(isinstance(r, Requirement) for r in reqs)
    # Schema 1 asked a skill done *and* at its level: read as need: both.
    assert {r.needs for r in reqs if r.level is not None} == {"both"}
    assert {r.needs for r in reqs if r.level is None} == {"item"}
    assert (reqs[0].item, reqs[0].level) == ("ai.ml-basics", 3)
    assert old.item_map["edu.degree"].effort_hours == 3600


def test_a_schema_1_curriculum_works_with_every_read_command(
    aipm: Callable[..., Result], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIPM_CURRICULUM", str(CURRICULUM_V1))
    for args in (["status"], ["gaps"], ["next"], ["list"], ["show", "pmp"], ["burndown"]):
        result = aipm(*args)
        assert result.exit_code == 0, (args, result.output)
    assert aipm("done", "cert.csm").exit_code == 0
    gaps = [g["item"] for g in json.loads(aipm("gaps", "--json").stdout)]
    assert "cert.csm" not in gaps and "ai.ml-basics" in gaps


def test_a_v8_file_keeps_the_degree_experience_and_certificates(tmp_path: Path) -> None:
    progress = store_with(tmp_path, (FIXTURES / "v8.json").read_bytes()).load()
    assert progress.profile.degree == "four-year"
    assert [(e.id, e.from_, e.to, e.kind) for e in progress.experience] == [
        ("e1", "2021-01", "2022-06", "project-lead"),
        ("e2", "2023-03", None, "agile"),
    ]
    csm = progress.certs["cert.csm"]
    assert (csm.earned_on.isoformat(), csm.credential_id) == ("2026-11-20", "000123456")
    assert [(a.on.isoformat(), a.result) for a in csm.attempts] == [("2026-11-20", "pass")]
    assert [(c.amount, c.note) for c in csm.credits] == [(2.5, "Scrum meetup")]
    assert progress.certs["cert.pmp"].exam_on.isoformat() == "2027-03-04"
    assert progress.history[-1].action == "cert_credit"


def test_a_v7_file_reads_as_schema_8_with_no_experience_and_no_certificates(tmp_path: Path) -> None:
    progress = store_with(tmp_path, (FIXTURES / "v7.json").read_bytes()).load()
    assert (progress.profile.degree, progress.experience, progress.certs) == (None, [], {})
