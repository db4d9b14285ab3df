"""The cache of validated files is only ever an accelerator: a changed curriculum or
progress file invalidates it, and a corrupt, truncated or foreign entry is ignored and
rebuilt, never trusted. Nothing here is timed."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aipm_tracker import cache, changes
from aipm_tracker.curriculum import load_curriculum, parse_curriculum, read_curriculum
from aipm_tracker.errors import CorruptProgressError, CurriculumError
from aipm_tracker.models import SCHEMA_VERSION, Curriculum, CurriculumRef, Progress
from aipm_tracker.store import ProgressStore, serialize

from .conftest import MINI_CURRICULUM, progress_path
from .test_curriculum_loader import valid_curricula
from .test_store import item_ids, progresses

AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def curriculum_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(MINI_CURRICULUM, encoding="utf-8")
    return path


def entries(directory: Path, kind: str) -> list[Path]:
    return sorted(directory.glob(f"{kind}-*.json"))


class CountingParse:
    """Counts how often the real YAML parse runs (a cache miss)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from aipm_tracker import curriculum

        self.calls = 0
        real = curriculum.parse_curriculum

        def counting(text: str, source: str) -> Curriculum:
            self.calls += 1
            return real(text, source)

        monkeypatch.setattr(curriculum, "parse_curriculum", counting)


def test_a_second_load_of_an_unchanged_curriculum_skips_the_yaml(
    curriculum_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = CountingParse(monkeypatch)
    first = read_curriculum(curriculum_file, cache_dir)
    second = read_curriculum(curriculum_file, cache_dir)
    assert parses.calls == 1
    assert second == first == read_curriculum(curriculum_file)
    assert second.item_map.keys() == first.item_map.keys()
    assert len(entries(cache_dir, "curriculum")) == 1


def test_the_bundled_curriculum_rebuilt_from_the_cache_equals_the_parsed_one(
    cache_dir: Path,
) -> None:
    parsed, _ = load_curriculum(None, cache_dir)
    cached, _ = load_curriculum(None, cache_dir)
    assert cached == parsed
    assert cached.model_dump_json() == parsed.model_dump_json()
    assert type(cached.items[0].resources[0]).__name__ == "Resource"


def test_a_changed_curriculum_invalidates_the_cache(
    curriculum_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = CountingParse(monkeypatch)
    read_curriculum(curriculum_file, cache_dir)
    curriculum_file.write_text(
        MINI_CURRICULUM.replace("title: NLP", "title: Natural language"), encoding="utf-8"
    )
    changed = read_curriculum(curriculum_file, cache_dir)
    assert parses.calls == 2
    assert changed.item_map["ai.nlp"].title == "Natural language"
    # One entry per curriculum file: the stale one was replaced, not kept beside it.
    assert len(entries(cache_dir, "curriculum")) == 1


def test_a_curriculum_made_invalid_is_reported_even_though_its_old_form_was_cached(
    curriculum_file: Path, cache_dir: Path
) -> None:
    read_curriculum(curriculum_file, cache_dir)
    curriculum_file.write_text(
        MINI_CURRICULUM.replace("effort_hours: 10", "effort_hours: -1"), encoding="utf-8"
    )
    with pytest.raises(CurriculumError) as info:
        read_curriculum(curriculum_file, cache_dir)
    assert "effort_hours" in info.value.message


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda blob: b"", id="empty"),
        pytest.param(lambda blob: blob[: len(blob) // 2], id="truncated"),
        pytest.param(lambda blob: b"\x00\xff garbage \xfe" * 50, id="garbage"),
        pytest.param(lambda blob: blob[:-40] + b"X" + blob[-39:], id="one byte changed"),
        pytest.param(
            lambda blob: blob.replace(b'"title":"NLP"', b'"title":"Hacked"'), id="edited payload"
        ),
        pytest.param(
            lambda blob: re.sub(rb'"source": "[0-9a-f]+"', b'"source": "' + b"0" * 64 + b'"', blob),
            id="other source",
        ),
        pytest.param(
            lambda blob: re.sub(
                rb'"program": "[0-9a-f]+"', b'"program": "' + b"1" * 64 + b'"', blob
            ),
            id="other program",
        ),
        pytest.param(lambda blob: b"{}\n[]", id="wrong shape"),
        pytest.param(lambda blob: b"[" * 100_000, id="deeply nested"),
    ],
)
def test_a_corrupt_curriculum_cache_entry_is_ignored_and_rebuilt(
    curriculum_file: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[bytes], bytes],
) -> None:
    good = read_curriculum(curriculum_file, cache_dir)
    (entry,) = entries(cache_dir, "curriculum")
    entry.write_bytes(damage(entry.read_bytes()))
    parses = CountingParse(monkeypatch)
    again = read_curriculum(curriculum_file, cache_dir)
    assert again == good
    assert again.item_map["ai.nlp"].title == "NLP"
    assert parses.calls == 1  # the damaged entry was not used ...
    read_curriculum(curriculum_file, cache_dir)
    assert parses.calls == 1  # ... and was rewritten whole


def test_an_entry_whose_payload_does_not_fit_the_models_is_a_miss(
    curriculum_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A well-formed entry, right digests and all, holding data of another shape (as an
    # older program could have written): rebuilt from the file, not trusted.
    read_curriculum(curriculum_file, cache_dir)
    (entry,) = entries(cache_dir, "curriculum")
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    cache._write(entry, header["source"], {"schema_version": 1, "id": "x"})
    parses = CountingParse(monkeypatch)
    assert read_curriculum(curriculum_file, cache_dir).id == "mini"
    assert parses.calls == 1


def test_an_unwritable_cache_never_fails_a_command(curriculum_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    assert read_curriculum(curriculum_file, blocker / "cache").id == "mini"


# ------------------------------------------------------------------------ progress


def worked_on(ref: CurriculumRef) -> Progress:
    p = Progress(schema_version=SCHEMA_VERSION, curriculum=ref)
    p = changes.start(p, "ai.ml-basics", AT)
    p = changes.done(p, "ai.ml-basics", AT + timedelta(days=1), level=2, note="done it")
    p = changes.add_evidence(p, "ai.ml-basics", "https://example.com/x", AT, label="cert")
    shifted = AT.astimezone(timezone(timedelta(hours=5, minutes=30)))
    return changes.add_note(p, "ai.nlp", "a note written in India", shifted)


def test_progress_rebuilt_from_the_cache_matches_the_file_except_its_history(
    tmp_path: Path, cache_dir: Path
) -> None:
    ref = CurriculumRef(id="mini", version="1.0")
    store = ProgressStore(tmp_path / "progress" / "mini.json", ref)
    saved = store.update(lambda p: worked_on(ref))[1]
    first = cache.progress(cache_dir, store)  # a miss: validated whole
    assert first == store.load() == saved
    second = cache.progress(cache_dir, store)  # a hit: no history
    assert second.history == []
    assert second.items == saved.items
    assert second.profile == saved.profile and second.curriculum == saved.curriculum
    # Rebuilt datetimes compare, dump and print like validated ones.
    for rebuilt, validated in zip(
        second.items["ai.nlp"].notes, saved.items["ai.nlp"].notes, strict=True
    ):
        assert rebuilt.at == validated.at
        assert rebuilt.at.isoformat() == validated.at.isoformat()
        assert rebuilt.at.astimezone(UTC) == validated.at.astimezone(UTC)
    head = saved.model_copy(update={"history": []})
    assert serialize(second) == serialize(head)
    assert second.model_dump(mode="json") == head.model_dump(mode="json")


def test_a_changed_progress_file_invalidates_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    ref = CurriculumRef(id="mini", version="1.0")
    store = ProgressStore(tmp_path / "progress" / "mini.json", ref)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    assert cache.progress(cache_dir, store).items["ai.nlp"].status == "in_progress"
    # Another process (or an editor) changes the file behind the cache's back.
    store.update(lambda p: changes.skip(p, "ai.nlp", AT))
    assert cache.progress(cache_dir, store).items["ai.nlp"].status == "skipped"


def test_a_progress_file_broken_by_hand_is_reported_although_it_was_cached(
    tmp_path: Path, cache_dir: Path
) -> None:
    ref = CurriculumRef(id="mini", version="1.0")
    store = ProgressStore(tmp_path / "progress" / "mini.json", ref)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    cache.progress(cache_dir, store)
    store.path.write_text('{"schema_version": 1, "curriculum": ', encoding="utf-8")
    with pytest.raises(CorruptProgressError):
        cache.progress(cache_dir, store)


def test_a_corrupt_progress_cache_entry_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    ref = CurriculumRef(id="mini", version="1.0")
    store = ProgressStore(tmp_path / "progress" / "mini.json", ref)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    cache.progress(cache_dir, store)
    (entry,) = entries(cache_dir, "progress")
    blob = entry.read_bytes()
    entry.write_bytes(blob.replace(b"in_progress", b"done"))
    progress = cache.progress(cache_dir, store)
    assert progress.items["ai.nlp"].status == "in_progress"
    assert progress.history  # read and validated whole, not taken from the entry


def test_marking_done_then_status_uses_what_the_save_wrote(
    aipm: Callable[..., Result], isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aipm_tracker import store

    assert aipm("done", "nlp").exit_code == 0
    (entry,) = entries(tmp_path / "cache", "progress")
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    assert (
        header["source"] == cache.hashlib.sha256(progress_path(isolated).read_bytes()).hexdigest()
    )

    def no_parse(self: ProgressStore, raw: bytes) -> Progress:
        raise AssertionError("status validated the progress file again")

    monkeypatch.setattr(store.ProgressStore, "parse", no_parse)
    result = aipm("status")
    assert result.exit_code == 0
    assert "1 of" in result.stdout


def test_a_hit_hashes_the_progress_file_in_chunks_and_never_holds_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aipm_tracker import store as store_module

    cache_dir = tmp_path / "cache"
    ref = CurriculumRef(id="mini", version="1.0")
    store = ProgressStore(tmp_path / "progress" / "mini.json", ref)
    assert store.digest() is None  # no file yet
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    raw = store.path.read_bytes()
    assert store.digest() == cache.hashlib.sha256(raw).hexdigest()
    # Chunks smaller than the file give the same digest.
    monkeypatch.setattr(store_module, "bytearray", lambda n: bytearray(7), raising=False)
    assert store.digest() == cache.hashlib.sha256(raw).hexdigest()
    monkeypatch.undo()
    cache.progress(cache_dir, store)  # a miss: read, validated, cached

    def no_read(self: ProgressStore) -> bytes:
        raise AssertionError("a cache hit read the whole progress file")

    monkeypatch.setattr(ProgressStore, "read_raw", no_read)
    assert cache.progress(cache_dir, store).items["ai.nlp"].status == "in_progress"


CHANGES: dict[str, Callable[[Progress, str, datetime], Progress]] = {
    "start": lambda p, i, at: changes.start(p, i, at),
    "done": lambda p, i, at: changes.done(p, i, at, level=3, note="n"),
    "skip": lambda p, i, at: changes.skip(p, i, at, reason="r"),
    "reset": lambda p, i, at: changes.reset(p, i, at),
    "evidence": lambda p, i, at: changes.add_evidence(p, i, "https://example.com/c", at),
    "note": lambda p, i, at: changes.add_note(p, i, "hello", at),
}


@settings(max_examples=60, deadline=None)
@given(
    progress=progresses,
    steps=st.lists(st.tuples(st.sampled_from(sorted(CHANGES)), item_ids), max_size=6),
)
def test_any_progress_rebuilt_from_its_json_form_equals_it(
    progress: Progress, steps: list[tuple[str, str]]
) -> None:
    # Every kind of field the cache stores (states, notes, evidence, history events
    # with their before and after states), rebuilt without validation.
    for n, (action, item) in enumerate(steps):
        progress = CHANGES[action](progress, item, AT + timedelta(minutes=n))
    data = json.loads(json.dumps(progress.model_dump(mode="json")))
    rebuilt = cache._build(Progress, data)
    assert rebuilt == progress
    assert serialize(rebuilt) == serialize(progress)


@settings(max_examples=40, deadline=None)
@given(valid_curricula())
def test_any_valid_curriculum_rebuilt_from_its_json_form_equals_it(
    case: tuple[str, list[str], dict[str, list[str]], list[str]],
) -> None:
    curriculum = parse_curriculum(case[0], "curriculum.yaml")
    data = json.loads(json.dumps(curriculum.model_dump(mode="json")))
    rebuilt = cache._build(Curriculum, data)
    assert rebuilt == curriculum
    assert rebuilt.model_dump() == curriculum.model_dump()


def test_every_model_field_type_can_be_rebuilt() -> None:
    # A new kind of field that _build does not know fails here, not in a user's hands.
    from aipm_tracker import models

    built = {}
    for name in dir(models):
        obj = getattr(models, name)
        if (
            isinstance(obj, type)
            and issubclass(obj, models.StrictModel)
            and obj.__module__.startswith(models.__name__ + ".")
        ):
            built[name] = cache._builder(obj)  # raises for a field type it does not know
    assert {"Curriculum", "Item", "Role", "Progress", "ItemProgress", "Event"} <= set(built)
    assert all(callable(build) for build in built.values())


def test_help_imports_no_core_module() -> None:
    import subprocess

    code = (
        "import sys; from aipm_tracker.cli import app\n"
        "try:\n    app(['--help'], prog_name='aipm')\nexcept SystemExit:\n    pass\n"
        "heavy = {'yaml', 'filelock', 'aipm_tracker.models', 'aipm_tracker.engine',"
        " 'aipm_tracker.render.terminal'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_cached_progress_file_follows_a_rename_the_curriculum_adds_later(
    aipm, mini: Path
) -> None:
    # Progress recorded under ai.nlp, read once (and cached) while the curriculum has
    # ai.nlp; then the curriculum renames it. The progress file's bytes are unchanged,
    # so the cached entry is used, and the rename must still apply to it.
    assert aipm("done", "ai.nlp").exit_code == 0
    assert aipm("status", "--json").exit_code == 0
    mini.write_text(
        MINI_CURRICULUM.replace(
            "  - id: ai.nlp\n", "  - id: ai.llm\n    aliases: [ai.nlp]\n"
        ).replace("{item: ai.nlp, level: 1}", "{item: ai.llm, level: 1}"),
        encoding="utf-8",
    )
    rows = json.loads(aipm("list", "--json").stdout)
    assert {r["id"]: r["status"] for r in rows}["ai.llm"] == "done"
    assert json.loads(aipm("status", "--json").stdout)["orphans"] == []
