"""The progress store: fresh start, atomic save, 0600 mode, corrupt files left alone."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aipm_tracker import changes
from aipm_tracker.errors import CorruptProgressError, DataError, LockTimeoutError, StorageError
from aipm_tracker.models import (
    SCHEMA_VERSION,
    CurriculumRef,
    Evidence,
    ItemProgress,
    Note,
    OwnItem,
    Profile,
    Progress,
)
from aipm_tracker.store import ProgressStore, serialize

REF = CurriculumRef(id="aipm-default", version="2026.11")
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def make_store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress" / "aipm-default.json", REF, lock_timeout=0.2)


def test_a_missing_file_is_a_fresh_start_and_nothing_is_written(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    progress = store.load()
    assert progress == Progress(schema_version=SCHEMA_VERSION, curriculum=REF)
    assert not store.path.exists()


def test_the_first_save_creates_the_file_with_mode_0600_in_a_0700_dir(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    before, after = store.update(lambda p: changes.start(p, "ai.nlp", AT))
    assert before.items == {}
    assert after.items["ai.nlp"].status == "in_progress"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert store.load() == after
    saved = json.loads(store.path.read_text())
    assert saved["schema_version"] == SCHEMA_VERSION
    assert saved["curriculum"] == {"id": "aipm-default", "version": "2026.11"}
    assert saved["items"]["ai.nlp"]["started_at"] == "2026-11-23T10:00:00Z"


def test_a_change_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.start(p, "ai.nlp", AT))
    mtime = store.path.stat().st_mtime_ns
    content = store.path.read_bytes()
    before, after = store.update(lambda p: changes.start(p, "ai.nlp", AT + timedelta(days=1)))
    assert before == after
    assert store.path.read_bytes() == content
    assert store.path.stat().st_mtime_ns == mtime


def test_no_temporary_file_is_left_after_a_save(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert sorted(f.name for f in store.path.parent.iterdir()) == [
        "aipm-default.json",
        "aipm-default.json.lock",
    ]


def test_a_failing_replace_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.done(p, "ai.nlp", AT))
    old = store.path.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match=r"No space left on device.*previous file is unchanged"):
        store.update(lambda p: changes.done(p, "pm.risk-management", AT))
    assert store.path.read_bytes() == old
    assert [f.name for f in store.path.parent.iterdir() if f.suffix == ".tmp"] == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "a value is missing here (or the file is empty or cut short)"),
        (b'{"a" 1}', "a colon is missing after a key"),
        (b'{"a": 1 "b": 2}', "a comma is missing between two entries"),
        (b"{a: 1}", "a key must be text in double quotes"),
        (b'{"a": "b', "a string is not closed"),
        (b'{"a": "\\q"}', "a string holds a backslash escape JSON does not have"),
        (b'{"a": "\\u12"}', "a \\u escape is not four hex digits"),
        (b'{"a": "x\ny"}', "a string holds a control character (a raw line break?)"),
        (b"{} x", "more follows the end of the document"),
    ],
)
def test_broken_json_is_told_in_our_words_never_the_decoder_s(
    content: bytes, words: str, tmp_path: Path
) -> None:
    from aipm_tracker.files import JSONProblem, parse_json

    with pytest.raises(JSONProblem) as info:
        parse_json(content.decode())
    assert info.value.reason == f"is not valid JSON: {words}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b'{"schema_version": 1, "curriculum": {"id": "a", "ver', "not valid JSON"),
        (b"\x00" * 64, "not valid JSON"),
        (b"[1, 2]", "must hold a JSON object"),
        (
            b'{"schema_version": 1, "curriculum": 5}',
            r"not valid: curriculum: must be a mapping of named fields \(got 5\)\. ",
        ),
        (b'{"curriculum": {"id": "a", "version": "1"}}', "no valid schema_version"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_a_corrupt_file_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    store = make_store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    with pytest.raises(CorruptProgressError, match=reason) as info:
        store.load()
    assert str(store.path) in info.value.message
    with pytest.raises(CorruptProgressError):
        store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert store.path.read_bytes() == content


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{\n  "schema_version": 1,\n  oops\n}')
    with pytest.raises(CorruptProgressError) as info:
        store.load()
    assert info.value.message.startswith(f"{store.path}:3:3: the progress file is not valid JSON")
    assert "mv " in info.value.message


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.path.parent.mkdir(parents=True)
    content = b'{"schema_version": 99, "curriculum": {"id": "aipm-default", "version": "x"}}'
    store.path.write_bytes(content)
    with pytest.raises(DataError, match="newer aipm"):
        store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert store.path.read_bytes() == content


def test_a_held_lock_times_out_with_exit_1(tmp_path: Path) -> None:
    from filelock import FileLock

    store = make_store(tmp_path)
    store.path.parent.mkdir(parents=True)
    with FileLock(store.lock_path), pytest.raises(LockTimeoutError) as info:
        store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert info.value.exit_code == 1
    assert "locked by another aipm process" in info.value.message
    assert not store.path.exists()


@pytest.mark.parametrize(
    ("timeout", "held", "told"),
    [
        (0.8, True, [(4242, 0.8)]),  # waited half a second and goes on: told once
        (0.8, False, []),  # the lock was free: nothing to say
        (0.5, True, []),  # gives up at half a second: the error says it all
    ],
)
def test_a_wait_for_the_lock_is_told_once_with_the_holder_after_half_a_second(
    tmp_path: Path, timeout: float, held: bool, told: list[tuple[int | None, float]]
) -> None:
    # Issue 13 item 30: the wait was silent for up to 10 s.
    from filelock import FileLock

    calls: list[tuple[int | None, float]] = []
    store = ProgressStore(
        tmp_path / "progress" / "aipm-default.json",
        REF,
        lock_timeout=timeout,
        on_wait=lambda holder, up_to: calls.append((holder, up_to)),
    )
    store.path.parent.mkdir(parents=True)
    if not held:
        store.update(lambda p: changes.done(p, "ai.nlp", AT))
    else:
        with FileLock(store.lock_path):
            store.lock_path.write_text("4242\n")  # as the holder's stamp does
            with pytest.raises(LockTimeoutError):
                store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert calls == told


def test_an_unwritable_data_dir_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be")
    store = ProgressStore(blocker / "progress" / "x.json", REF)
    with pytest.raises(StorageError, match="cannot create the data directory"):
        store.update(lambda p: changes.done(p, "ai.nlp", AT))


def test_items_the_curriculum_no_longer_has_are_kept(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.update(lambda p: changes.done(p, "ai.retired-item", AT))
    store.update(lambda p: changes.done(p, "ai.nlp", AT))
    assert set(store.load().items) == {"ai.retired-item", "ai.nlp"}


# ------------------------------------------------------------------ round trips

aware = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
text = st.text(min_size=1, max_size=40)
item_ids = st.sampled_from(["ai.nlp", "ai.ml-basics", "pm.risk-management", "cert.pmp"])
states = st.builds(
    ItemProgress,
    status=st.sampled_from(["todo", "in_progress", "done", "skipped"]),
    level=st.none() | st.integers(0, 5),
    started_at=st.none() | aware,
    completed_at=st.none() | aware,
    skip_reason=st.none() | text,
    steps_done=st.lists(st.integers(1, 6), max_size=3, unique=True).map(sorted),
    own_steps=st.lists(text, max_size=2),
    notes=st.lists(st.builds(Note, at=aware, text=text), max_size=3),
    evidence=st.lists(
        st.builds(Evidence, at=aware, url=st.just("https://example.com/x"), label=st.none() | text),
        max_size=2,
    ),
)
progresses = st.builds(
    Progress,
    schema_version=st.just(SCHEMA_VERSION),
    curriculum=st.just(REF),
    profile=st.builds(
        Profile,
        target_role=st.none() | st.sampled_from(["ai-pm-entry", "ai-pm-senior"]),
        hours_per_week=st.none() | st.floats(0.5, 40),
        require=st.lists(item_ids, max_size=2, unique=True),
    ),
    items=st.dictionaries(item_ids, states, max_size=4),
    own_items=st.lists(
        st.builds(
            OwnItem,
            id=st.sampled_from(["my.talk", "my.blog-post", "own.mentoring"]),
            title=text,
            category=st.just("ai-concepts"),
            effort_hours=st.floats(0.5, 200),
            steps=st.lists(text, max_size=2),
        ),
        max_size=2,
        unique_by=lambda o: o.id,
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(progress=progresses)
def test_any_progress_survives_save_and_load_unchanged(tmp_path: Path, progress: Progress) -> None:
    store = make_store(tmp_path)
    if store.path.exists():
        store.path.unlink()
    store.update(lambda _: progress)
    loaded = store.load()
    assert loaded == progress
    if progress == Progress(schema_version=SCHEMA_VERSION, curriculum=REF):
        assert not store.path.exists()  # a fresh state is not worth a file
    else:
        assert serialize(loaded) == store.path.read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(
    progress=progresses,
    steps=st.lists(
        st.tuples(st.sampled_from(["start", "done", "skip", "reset", "level", "note"]), item_ids),
        min_size=1,
        max_size=6,
    ),
)
def test_undo_after_any_change_restores_the_exact_bytes(
    progress: Progress, steps: list[tuple[str, str]]
) -> None:
    apply = {
        "start": lambda p, i: changes.start(p, i, AT),
        "done": lambda p, i: changes.done(p, i, AT, level=3, note="n"),
        "skip": lambda p, i: changes.skip(p, i, AT, reason="r"),
        "reset": lambda p, i: changes.reset(p, i, AT),
        "level": lambda p, i: changes.set_level(p, i, 4, AT),
        "note": lambda p, i: changes.add_note(p, i, "hello", AT),
    }
    snapshots = [serialize(progress)]
    current = progress
    for action, item in steps:
        new = apply[action](current, item)
        if new is not current:
            snapshots.append(serialize(new))
            current = new
    while len(snapshots) > 1:
        current = changes.undo(current)
        snapshots.pop()
        assert serialize(current) == snapshots[-1]


# ------------------------------------------- reading once per command (store memo)


def _hand_written(store: ProgressStore, progress: Progress) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(serialize(progress), encoding="utf-8")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=progresses, second=progresses)
def test_a_change_reads_the_file_afresh_unless_its_bytes_are_the_ones_read_before(
    tmp_path: Path, first: Progress, second: Progress
) -> None:
    # A command reads the file before it takes the lock; under the lock it finds
    # either the same bytes (and may reuse what it read) or another process's save,
    # which it must see.
    store = make_store(tmp_path)
    _hand_written(store, first)
    read = store.load()
    assert read == first
    _hand_written(store, second)
    seen: list[Progress] = []
    store.update(lambda p: seen.append(p) or p)
    assert seen == [second]
    assert (seen[0] is read) == (serialize(first) == serialize(second))


def test_the_same_bytes_are_parsed_once_per_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    _hand_written(
        store,
        Progress(
            schema_version=SCHEMA_VERSION,
            curriculum=REF,
            items={"ai.nlp": ItemProgress(status="in_progress")},
        ),
    )
    parsed: list[bytes] = []
    real = ProgressStore._parse

    def counting(self: ProgressStore, raw: bytes, path: Path) -> Progress:
        parsed.append(raw)
        return real(self, raw, path)

    monkeypatch.setattr(ProgressStore, "_parse", counting)
    store.load_with_digest()  # the read before the lock (the cache's miss)
    store.update(lambda p: changes.set_level(p, "ai.nlp", 3, AT))  # the same bytes
    assert len(parsed) == 1
    store.update(lambda p: changes.set_level(p, "ai.nlp", 4, AT))  # its own save's bytes
    assert len(parsed) == 2
    assert store.load().items["ai.nlp"].level == 4
    assert len(parsed) == 3


def test_a_state_that_breaks_a_rule_is_refused_before_a_byte_is_written(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    good = Progress(
        schema_version=SCHEMA_VERSION,
        curriculum=REF,
        items={"ai.nlp": ItemProgress(status="in_progress", level=2)},
    )
    store.update(lambda _: good)
    before = store.path.read_bytes()
    # model_copy does not validate: a level past the Dreyfus scale gets this far.
    bad_item = good.items["ai.nlp"].model_copy(update={"level": 9})
    bad = good.model_copy(update={"items": {"ai.nlp": bad_item}})
    with pytest.raises(ValueError):
        store.update(lambda _: bad)
    assert store.path.read_bytes() == before
    assert not (store.backup_dir.exists() and any(store.backup_dir.iterdir()))


def test_a_change_that_would_pass_the_size_cap_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # aipm must never write a file it would refuse to read back (the cap also bounds
    # how long a change holds the lock).
    from aipm_tracker import store as store_module

    store = make_store(tmp_path)
    store.update(lambda p: changes.add_note(p, "ai.nlp", "first", AT))
    before = store.path.read_bytes()
    monkeypatch.setattr(store_module, "MAX_PROGRESS_BYTES", len(before) + 10)
    with pytest.raises(StorageError) as caught:
        store.update(lambda p: changes.add_note(p, "ai.nlp", "a longer second note", AT))
    assert caught.value.reason == (
        "the change would make the progress file larger than 0 MB, the most aipm reads back."
    )
    assert store.path.read_bytes() == before
    assert not store.backup_dir.exists() or not any(store.backup_dir.iterdir())
    assert store.load().items["ai.nlp"].notes[0].text == "first"
