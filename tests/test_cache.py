"""The cache of validated curricula is only ever an accelerator: a changed curriculum
invalidates it, and a corrupt, truncated, foreign or forged entry is ignored and
rebuilt, never trusted. Nothing here is timed."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import Result

from aipm_tracker import cache, changes
from aipm_tracker.curriculum import load_curriculum, parse_curriculum, read_curriculum
from aipm_tracker.curriculum_checks import passes_cross_checks
from aipm_tracker.errors import CurriculumError
from aipm_tracker.models import Curriculum, CurriculumRef, Progress, Standing
from aipm_tracker.store import ProgressStore

from .conftest import MINI_CURRICULUM, progress_path
from .test_curriculum_loader import valid_curricula
from .test_store import make_store, progresses

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
            lambda blob: re.sub(rb'"aipm": "[^"]*"', b'"aipm": "0.0.1"', blob),
            id="other aipm version",
        ),
        pytest.param(
            lambda blob: re.sub(rb'"pydantic": "[^"]*"', b'"pydantic": "2.0"', blob),
            id="other pydantic version",
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


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(b'{"schema_version": 1, "id": "x"}', id="other shape"),
        pytest.param(b"[]", id="a list"),
        pytest.param(b"not json", id="not json"),
        pytest.param(b"[" * 100_000, id="deeply nested"),
        pytest.param(None, id="a value the models refuse"),
    ],
)
def test_a_forged_entry_with_the_right_digests_is_validated_and_refused(
    curriculum_file: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    payload: bytes | None,
) -> None:
    # Well-formed entries, digests and versions all right, holding data the models do
    # not accept (as a forger or an older program could write): parsed from the file.
    good = read_curriculum(curriculum_file, cache_dir)
    (entry,) = entries(cache_dir, "curriculum")
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    if payload is None:
        payload = (
            good.model_dump_json().replace('"effort_hours":10.0', '"effort_hours":-1').encode()
        )
        assert b'"effort_hours":-1' in payload
    cache._write(entry, header["source"], payload)
    assert cache._read(entry, header["source"]) == payload  # the digests are right
    parses = CountingParse(monkeypatch)
    assert read_curriculum(curriculum_file, cache_dir) == good
    assert parses.calls == 1


FORGERIES = {
    # (text in the good payload, what it becomes): each valid by the models, each
    # refused by the loader's cross-checks had it been the file.
    "a prerequisite cycle": ('"ai.ml-basics","title":"ML basics","category":"ai-concepts",'
                             '"kind":"concept","summary":"How machines learn from data.",'
                             '"why":"Every AI project rests on it.","effort_hours":10.0,'
                             '"effort_confidence":"confirmed","hours_per_level":null,'
                             '"quantity":null,"priority":"core","prerequisites":[]',
                             '"ai.ml-basics","title":"ML basics","category":"ai-concepts",'
                             '"kind":"concept","summary":"How machines learn from data.",'
                             '"why":"Every AI project rests on it.","effort_hours":10.0,'
                             '"effort_confidence":"confirmed","hours_per_level":null,'
                             '"quantity":null,"priority":"core","prerequisites":["ai.nlp"]'),
    "an unknown prerequisite": ('"prerequisites":["ai.ml-basics"]',
                                '"prerequisites":["ai.gone"]'),
    "an unknown category": ('"category":"pm-skills"', '"category":"nowhere"'),
    "an item ID twice": ('"id":"pm.risk-management"', '"id":"ai.nlp"'),
    "a role requiring no item": ('{"item":"ai.nlp","level":1,"need":"both"}',
                                 '{"item":"ai.gone","level":1,"need":"both"}'),
    "an unknown default role": ('"default_role":"entry"', '"default_role":"nobody"'),
}  # fmt: skip


@pytest.mark.parametrize(("before", "after"), FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_entry_the_models_accept_but_the_cross_checks_refuse_is_a_miss(
    curriculum_file: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    aipm: Callable[..., Result],
    before: str,
    after: str,
) -> None:
    # Issue 13 item 10: an entry with the right digests was trusted once the models
    # took it, though the loader would refuse it (a cycle, an unknown prerequisite).
    monkeypatch.setenv("AIPM_CURRICULUM", str(curriculum_file))
    monkeypatch.setenv("AIPM_CACHE_DIR", str(cache_dir))
    good = read_curriculum(curriculum_file, cache_dir)
    (entry,) = entries(cache_dir, "curriculum")
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    text = good.model_dump_json()
    assert text.count(before) == 1
    forged = Curriculum.model_validate_json(text.replace(before, after))  # the models take it
    assert not passes_cross_checks(forged)
    cache._write(entry, header["source"], forged.model_dump_json().encode())
    assert cache._read(entry, header["source"]) is not None  # the digests are right
    parses = CountingParse(monkeypatch)
    assert read_curriculum(curriculum_file, cache_dir) == good
    assert parses.calls == 1
    # And a command shows the file's curriculum, not the forged one (an unknown
    # category or a role naming no item crashed status with a KeyError).
    cache._write(entry, header["source"], forged.model_dump_json().encode())
    forged_status = aipm("status")
    entry.unlink()
    assert forged_status.exit_code == 0
    assert forged_status.stdout == aipm("status").stdout


def test_an_entry_is_keyed_on_the_aipm_and_pydantic_versions(
    curriculum_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import version

    import pydantic

    read_curriculum(curriculum_file, cache_dir)
    (entry,) = entries(cache_dir, "curriculum")
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    assert header["aipm"] == version("aipm-tracker")
    assert header["pydantic"] == pydantic.VERSION
    parses = CountingParse(monkeypatch)
    monkeypatch.setattr(cache, "_versions", lambda: ("9.9.9", pydantic.VERSION))
    read_curriculum(curriculum_file, cache_dir)
    assert parses.calls == 1  # an upgrade of aipm-tracker is a miss


def test_an_unwritable_cache_never_fails_a_command(curriculum_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    assert read_curriculum(curriculum_file, blocker / "cache").id == "mini"


@settings(max_examples=40, deadline=None)
@given(valid_curricula())
def test_any_valid_curriculum_comes_back_from_the_cache_equal(
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[str, list[str], dict[str, list[str]], list[str]],
) -> None:
    directory = tmp_path_factory.mktemp("cache")
    source = directory / "curriculum.yaml"
    raw = case[0].encode("utf-8")
    parsed: list[Curriculum] = []

    def parse() -> Curriculum:
        parsed.append(parse_curriculum(case[0], "curriculum.yaml"))
        return parsed[-1]

    first = cache.curriculum(directory, source, raw, parse, passes_cross_checks)
    cached = cache.curriculum(directory, source, raw, parse, passes_cross_checks)
    assert len(parsed) == 1  # the second came from the cache: the checks took it
    assert cached == first
    assert cached.model_dump() == first.model_dump()
    assert cached.item_map.keys() == first.item_map.keys()


def test_the_bundled_curriculum_comes_back_from_the_cache_with_every_field(
    cache_dir: Path,
) -> None:
    # The bundled file has resources, certifications and sources the generated ones
    # lack: every field's type survives the JSON round trip.
    parsed, _ = load_curriculum(None, cache_dir)
    cached, _ = load_curriculum(None, cache_dir)
    assert cached == parsed
    assert [type(r) for r in cached.items[0].resources] == [
        type(r) for r in parsed.items[0].resources
    ]


# ------------------------------------------------------------------------ progress


def _standing_of(progress: Progress) -> dict[str, object]:
    return progress.model_dump(exclude={"history"})


@settings(max_examples=40, deadline=None)
@given(progress=progresses)
def test_any_progress_comes_back_from_the_cache_as_its_standing(progress: Progress) -> None:
    """A miss reads the file whole (a Progress, which is a Standing); a hit gives back
    a Standing equal to it without its history, and with no history attribute."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = make_store(Path(tmp))
        store.update(lambda p: progress.model_copy(update={"curriculum": p.curriculum}))
        saved = store.load()
        directory = Path(tmp) / "cache"
        first = cache.standing(directory, store, lambda head: head)
        assert isinstance(first, Progress) and first == saved
        if not store.path.exists():  # nothing recorded: a fresh start, never cached
            assert cache.standing(directory, store, lambda head: head) == saved
            return
        second = cache.standing(directory, store, lambda head: head)
        assert type(second) is Standing
        assert not hasattr(second, "history")
        assert second.model_dump() == _standing_of(saved)


def test_a_hit_hashes_in_chunks_and_never_parses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    directory = tmp_path / "cache"
    cache.standing(directory, store, lambda head: head)  # a miss: read whole, cached

    def never(self: ProgressStore) -> object:
        raise AssertionError("a cache hit parsed the progress file")

    monkeypatch.setattr(ProgressStore, "load_with_digest", never)
    monkeypatch.setattr(ProgressStore, "load", never)
    head = cache.standing(directory, store, lambda head: head)
    assert head.items["ai.nlp"].status == "in_progress"


def test_a_changed_or_forged_standing_entry_is_a_miss(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    directory = tmp_path / "cache"
    cache.standing(directory, store, lambda head: head)
    # Changed behind the cache's back: the new bytes are read.
    store.update(lambda p: changes.skip(p, "ai.nlp", AT, reason="not for me"))
    assert cache.standing(directory, store, lambda head: head).items["ai.nlp"].status == ("skipped")
    # Forged with the right digests: the models refuse it, so it is a miss.
    (entry,) = entries(directory, "standing")
    header, _, payload = entry.read_bytes().partition(b"\n")
    forged = payload.replace(b'"skipped"', b'"bogus"')
    head = json.loads(header)
    head["payload"] = cache.hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(head).encode() + b"\n" + forged)
    again = cache.standing(directory, store, lambda head: head)
    assert isinstance(again, Progress) and again.items["ai.nlp"].status == "skipped"


def test_status_after_a_change_reads_the_standing_the_save_wrote(
    aipm: Callable[..., Result], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert aipm("done", "nlp").exit_code == 0

    def never(self: ProgressStore) -> object:
        raise AssertionError("status parsed the progress file again")

    monkeypatch.setattr(ProgressStore, "load_with_digest", never)
    monkeypatch.setattr(ProgressStore, "load", never)
    result = aipm("status")
    assert result.exit_code == 0, result.output
    # The AI concepts row: 1 done (ai.nlp), 15 to do.
    assert re.search(r"AI concepts +1 +0 +15 ", result.stdout), result.stdout


def test_a_read_only_commands_progress_is_always_whole(
    aipm: Callable[..., Result], isolated: Path
) -> None:
    """No read of the progress file ever comes back without its history: on the
    first read, and on every later one of an unchanged file."""
    from aipm_tracker.cli.context import Session

    assert aipm("start", "nlp").exit_code == 0
    assert aipm("note", "nlp", "a note").exit_code == 0
    whole = ProgressStore(
        progress_path(isolated), CurriculumRef(id="aipm-default", version="x")
    ).load()
    assert len(whole.history) == 2
    for _ in range(3):  # as three commands in a row would
        assert aipm("status").exit_code == 0
        session = Session()
        assert session.progress.history == whole.history


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
