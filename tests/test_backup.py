"""Backups and restore: a backup before every save, the newest N kept, corrupt files
never backed up, a restore that undo reverts, and the restore command printed when
the progress file does not parse (Watson #499: its single backup was overwritten)."""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import Result

from aipm_tracker import changes
from aipm_tracker.models import SCHEMA_VERSION, CurriculumRef
from aipm_tracker.store import ProgressStore
from tests.conftest import progress_path

ID0 = "20261123T100000.000000Z"
ID1 = "20261123T100000.000001Z"
ID2 = "20261123T100000.000002Z"


def backup_dir(data: Path, curriculum_id: str = "mini") -> Path:
    return data / "progress" / "backups" / curriculum_id


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file under the data dir (progress, backups, kept files) by relative path."""
    return {
        str(p.relative_to(data)): p.read_bytes()
        for p in sorted(data.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_every_change_keeps_the_file_it_replaces_as_a_backup(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    states = []
    for args in (["start", "nlp"], ["done", "nlp"], ["note", "nlp", "read ch. 2"]):
        assert aipm(*args).exit_code == 0
        states.append(path.read_bytes())
    backups = sorted(backup_dir(isolated).iterdir())
    # The first save had no file to keep; each later one kept the file before it.
    assert [b.name for b in backups] == [f"{ID0}.json", f"{ID1}.json"]
    assert [b.read_bytes() for b in backups] == states[:2]
    for p in (*backups, path):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    for d in (isolated, isolated / "progress", backup_dir(isolated).parent, backup_dir(isolated)):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700


def test_only_the_newest_backups_are_kept_and_the_number_is_configurable(
    aipm: Callable[..., Result], mini: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIPM_BACKUPS", "3")
    path = progress_path(isolated, "mini")
    states = []
    for n in range(7):
        states.append(path.read_bytes() if path.exists() else None)
        assert aipm("note", "nlp", f"note {n}").exit_code == 0
    kept = sorted(backup_dir(isolated).iterdir())
    assert [b.name for b in kept] == [f"20261123T100000.00000{n}Z.json" for n in (3, 4, 5)]
    assert [b.read_bytes() for b in kept] == states[4:7]


@pytest.mark.parametrize("value", ["0", "ten", "-1", "1001", "1.5", "2.0"])
def test_a_bad_number_of_backups_is_a_usage_error_and_nothing_is_stored(
    aipm: Callable[..., Result],
    mini: Path,
    isolated: Path,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    # Issue 13 item 24: 1.5 was taken as 1 and pruned backups.
    monkeypatch.setenv("AIPM_BACKUPS", value)
    result = aipm("start", "nlp")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: AIPM_BACKUPS={value!r} is not a whole number from 1 to 1000\n"
    )
    assert not progress_path(isolated, "mini").exists()


def test_backup_ids_always_increase_even_when_the_clock_steps_back(tmp_path: Path) -> None:
    times = iter(
        datetime(2026, 11, 23, 10, 0, tzinfo=UTC) + timedelta(seconds=s) for s in (5, 1, 1, 9)
    )
    store = ProgressStore(
        tmp_path / "p" / "x.json", CurriculumRef(id="x", version="1"), clock=lambda: next(times)
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(5):
        store.update(lambda p, n=n: changes.add_note(p, "ai.nlp", f"n{n}", at))
    assert [b.id for b in store.backups()] == [
        "20261123T100005.000000Z",
        "20261123T100005.000001Z",
        "20261123T100005.000002Z",
        "20261123T100009.000000Z",
    ]


def test_backup_list_shows_what_each_backup_holds(aipm: Callable[..., Result], mini: Path) -> None:
    assert aipm("backup", "list").stdout == "No backups yet: one is made before every change.\n"
    aipm("start", "nlp")
    aipm("done", "nlp")
    aipm("start", "risk")
    result = aipm("backup", "list")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "",
        " ID                        Last change            Changes   Done   Doing",
        " ───────────────────────────────────────────────────────────────────────",
        f" {ID0}   2026-11-23 10:00 UTC         1      0       1",
        f" {ID1}   2026-11-23 10:00 UTC         2      1       0",
        "",
        "Restore one with: aipm backup restore ID (undo it with: aipm undo).",
        "The newest 10 are kept (set AIPM_BACKUPS to keep more).",
    ]
    rows = json.loads(aipm("backup", "list", "--json").stdout)
    assert [set(r) for r in rows] == [
        {
            "id", "path", "size", "readable", "problem", "changes", "done", "in_progress",
            "last_change",
        }
    ] * 2  # fmt: skip
    assert [(r["id"], r["changes"], r["done"], r["readable"]) for r in rows] == [
        (ID0, 1, 0, True),
        (ID1, 2, 1, True),
    ]


def test_a_restore_is_a_change_that_undo_reverts_byte_for_byte(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    aipm("start", "nlp")
    first = path.read_bytes()
    aipm("done", "nlp", "--level", "2")
    aipm("skip", "risk", "--reason", "done it before")
    before_restore = path.read_bytes()

    result = aipm("backup", "restore", ID0)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Restored backup {ID0}: 0 items done, 1 change in its history.\n"
        f"Undo with: aipm undo\nThe file it replaced is kept as backup {ID2}.\n"
    )
    restored = json.loads(path.read_text())
    assert restored["items"] == json.loads(first)["items"]
    assert restored["history"][-1]["action"] == "restore"
    assert restored["history"][-1]["backup"] == ID0
    assert (backup_dir(isolated) / f"{ID2}.json").read_bytes() == before_restore
    history = json.loads(aipm("history", "--json").stdout)
    assert [e["action"] for e in history] == ["start", "restore"]

    undo = aipm("undo")
    assert undo.exit_code == 0
    assert undo.stdout == (
        f"Undid restore: restored backup {ID0}\n"
        f"  back to the file the restore replaced (backup {ID2})\n"
    )
    assert path.read_bytes() == before_restore


def test_restore_without_an_id_takes_the_newest_backup(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp")
    aipm("done", "nlp")
    aipm("reset", "nlp")
    newest = (backup_dir(isolated) / f"{ID1}.json").read_bytes()
    assert aipm("backup", "restore").stdout.startswith(f"Restored backup {ID1}:")
    assert (
        json.loads(progress_path(isolated, "mini").read_text())["items"]
        == (json.loads(newest)["items"])
    )


def test_restoring_an_unknown_backup_or_none_changes_nothing(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    none = aipm("backup", "restore")
    assert none.exit_code == 1
    assert none.stderr.startswith("Error: There are no backups of ")
    aipm("start", "nlp")
    aipm("done", "nlp")
    before = snapshot(isolated)
    result = aipm("backup", "restore", "20200101T000000.000000Z")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: no backup '20200101T000000.000000Z'; the newest are {ID0}. List them "
        "with: aipm backup list\n"
    )
    assert snapshot(isolated) == before


CORRUPT = {
    "empty": b"",
    "truncated": b'{\n  "schema_version": 2,\n  "curriculum": {"id": "mini", "ver',
    "nul-filled": b"\x00" * 512,
    "wrong types": b'{"schema_version": 2, "curriculum": {"id": "mini", "version": "1.0"}, '
    b'"items": {"ai.nlp": {"status": 7}}}',
    "future version": b'{"schema_version": 99, "curriculum": {"id": "mini", "version": "9"}}',
    "not an object": b"[]",
    "not utf-8": b'{"schema_version": 2, "x": "\xff"}',
}

EVERY_COMMAND = [
    ["status"], ["list"], ["show", "nlp"], ["gaps"], ["next"], ["history"], ["export"],
    ["start", "nlp"], ["done", "nlp"], ["skip", "nlp"], ["reset", "nlp"], ["level", "nlp", "2"],
    ["note", "nlp", "x"], ["evidence", "nlp", "https://example.com"], ["undo"],
    ["target", "entry"], ["status", "--json"], ["doctor"],
]  # fmt: skip


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_a_corrupt_file_stops_every_command_and_nothing_is_written(
    aipm: Callable[..., Result], mini: Path, isolated: Path, kind: str
) -> None:
    aipm("start", "nlp")
    aipm("done", "nlp")
    path = progress_path(isolated, "mini")
    path.write_bytes(CORRUPT[kind])
    before = snapshot(isolated)
    for args in EVERY_COMMAND:
        result = aipm(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        assert snapshot(isolated) == before, args
    message = aipm("status").stderr
    assert message.startswith(f"Error: {path}")
    if kind == "future version":
        assert f"written by a newer aipm (schema 99; this one knows {SCHEMA_VERSION})" in message
    else:
        assert message.endswith(
            f"The file was left untouched. Restore the newest good backup with: aipm backup "
            f"restore {ID0}\n"
        )


def test_invalid_json_names_line_and_column_and_the_printed_command_restores(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp")
    aipm("done", "nlp")
    path = progress_path(isolated, "mini")
    good = path.read_bytes()
    path.write_bytes(good.replace(b'"status": "done"', b'"status": done', 1))
    broken = path.read_bytes()
    result = aipm("status")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}:9:17: the progress file is not valid JSON: a value is missing here "
        "(or the file is empty or cut short). The file was left untouched. Restore the "
        f"newest good backup with: aipm backup restore {ID0}\n"
    )
    command = result.stderr.rpartition("with: ")[2].split()
    assert command[:3] == ["aipm", "backup", "restore"]
    restore = aipm(*command[1:])
    assert restore.exit_code == 0, restore.output
    kept = path.with_name(f"mini.unreadable-{ID1}.json")
    # Issue 13 item 26: undo refuses after such a restore, so it is not offered.
    # The message wraps at words; the mv command it names stays on one line.
    assert " ".join(restore.stdout.split()).endswith(
        f"The unreadable file it replaced is kept as {kept}. Undo cannot bring it back; "
        f"to put it back by hand: mv '{kept}' '{path}'"
    )
    assert restore.stdout.endswith(f"\nmv '{kept}' '{path}'\n")
    assert "Undo with" not in restore.stdout
    assert kept.read_bytes() == broken
    # The corrupt file never went among the backups, so it pushed no good one out.
    assert sorted(p.name for p in backup_dir(isolated).iterdir()) == [f"{ID0}.json"]
    assert aipm("status").exit_code == 0
    # The dry run refuses what undo refuses (it promised "Undo it with: aipm undo").
    dry = aipm("undo", "--dry-run")
    assert dry.exit_code == 1
    assert f"that file is kept at {kept}, and undo cannot bring" in dry.stderr
    undo = aipm("undo")
    assert undo.exit_code == 1
    assert undo.stderr == dry.stderr


def test_a_refused_restore_over_an_unreadable_file_leaves_no_copy_of_it(
    aipm: Callable[..., Result], mini: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found in review: the unreadable file was copied aside before the save could
    # refuse, so "nothing was changed" left a copy behind, one more per retry.
    from aipm_tracker import store

    aipm("start", "nlp")
    aipm("done", "nlp")
    path = progress_path(isolated, "mini")
    path.write_bytes(b"{")
    backup = backup_dir(isolated) / f"{ID0}.json"
    monkeypatch.setattr(store, "MAX_PROGRESS_BYTES", backup.stat().st_size + 5)
    for _ in range(2):
        result = aipm("backup", "restore", ID0)
        assert result.exit_code == 1, result.output
        assert "larger than 0 MB, the most aipm reads back" in result.stderr
    assert path.read_bytes() == b"{"
    assert sorted(p.name for p in path.parent.iterdir() if "unreadable" in p.name) == []
    assert sorted(p.name for p in backup_dir(isolated).iterdir()) == [f"{ID0}.json"]


def test_the_restore_command_repeats_the_data_dir_given_on_the_command_line(
    aipm: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    other = tmp_path / "my data"
    aipm("--data-dir", str(other), "start", "nlp")
    aipm("--data-dir", str(other), "done", "nlp")
    progress_path(other, "mini").write_text("{")
    result = aipm("--data-dir", str(other), "list")
    assert result.stderr.endswith(f"with: aipm --data-dir '{other}' backup restore {ID0}\n"), (
        result.stderr
    )


def test_a_corrupt_file_without_backups_says_how_to_move_it_aside(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    path.parent.mkdir(parents=True)
    path.write_text("nonsense")
    result = aipm("status")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "The file was left untouched and there is no good backup. Repair it by hand, or move "
        f"it aside to start afresh: mv '{path}' '{path}.broken'\n"
    )


def test_a_corrupt_backup_is_listed_as_unreadable_and_cannot_be_restored(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    aipm("start", "nlp")
    aipm("done", "nlp")
    aipm("reset", "nlp")
    (backup_dir(isolated) / f"{ID1}.json").write_text("{oops")
    listing = "\n".join(line.rstrip() for line in aipm("backup", "list").stdout.splitlines())
    assert f"\n {ID1}   unreadable                   -      -       -\n" in listing
    assert f"\n{ID1}: 1:2: the progress file is not valid JSON: a key must be\n" in listing
    before = snapshot(isolated)
    result = aipm("backup", "restore", ID1)
    assert result.exit_code == 1
    assert snapshot(isolated) == before
    # The message points at the newest *good* backup.
    progress_path(isolated, "mini").write_text("")
    assert aipm("status").stderr.endswith(f"aipm backup restore {ID0}\n")


def test_an_endless_progress_file_is_refused_unread_with_exit_1(
    aipm, isolated, monkeypatch
) -> None:
    # A link to /dev/zero would be read until memory runs out: the read stops at the
    # cap (lowered here from 512 MB so the test reads little).
    from aipm_tracker import store
    from tests.conftest import progress_path

    monkeypatch.setattr(store, "MAX_PROGRESS_BYTES", 2**20)
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    for args in (["status"], ["done", "nlp"], ["history"]):
        result = aipm(*args)
        assert result.exit_code == 1, (args, result.output)
        # Issue 13 item 12: refused as what it is before a byte is read (it was read
        # up to the cap before).
        assert "it is a character device, not a regular file." in result.stderr
    assert path.is_symlink()


def test_an_oversized_progress_file_says_left_untouched_once(aipm, isolated, monkeypatch) -> None:
    # Issue 13 item 29: the reason and the way out both said "left untouched".
    from aipm_tracker import store
    from tests.conftest import progress_path

    monkeypatch.setattr(store, "MAX_PROGRESS_BYTES", 2**10)
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    path.write_bytes(b" " * 2**11)
    result = aipm("status")
    assert result.exit_code == 1
    assert "the file is larger than 0 MB, far more than any progress file." in result.stderr
    assert result.stderr.count("left untouched") == 1, result.stderr


def test_a_blocked_backup_directory_stops_a_change_before_anything_is_written(
    aipm, isolated
) -> None:
    from tests.conftest import progress_path

    assert aipm("start", "nlp").exit_code == 0
    assert aipm("note", "nlp", "week 1").exit_code == 0  # the first backup
    before = progress_path(isolated).read_bytes()
    backups = isolated / "progress" / "backups"
    shutil.rmtree(backups)
    backups.write_text("not a directory")
    result = aipm("done", "nlp")
    assert result.exit_code == 1
    assert "cannot create the backup directory" in result.stderr
    assert "Run aipm doctor to see why." in result.stderr
    assert progress_path(isolated).read_bytes() == before  # not saved, and says so
    backups.unlink()
    assert aipm("done", "nlp").exit_code == 0


def test_a_failed_save_leaves_no_backup_behind(aipm, isolated, monkeypatch) -> None:
    from aipm_tracker import store

    assert aipm("start", "nlp").exit_code == 0
    assert aipm("note", "nlp", "week 1").exit_code == 0  # the first backup
    backup_dir = isolated / "progress" / "backups" / "aipm-default"
    count = len(list(backup_dir.iterdir()))
    real = store.write_atomic

    def refuse_progress(path, data, mode=0o600):
        if path.name == "aipm-default.json":
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(store, "write_atomic", refuse_progress)
    result = aipm("done", "nlp")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert len(list(backup_dir.iterdir())) == count


def test_restoring_again_and_again_keeps_the_file_small(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    # Review finding: each restore used to embed the state it replaced, restores
    # included, so the file grew about 1.6 times per restore (17 MB after 16).
    path = progress_path(isolated, "mini")
    aipm("start", "nlp")
    aipm("done", "nlp")
    aipm("start", "risk")
    sizes = []
    for _ in range(16):
        assert aipm("backup", "restore").exit_code == 0
        sizes.append(path.stat().st_size)
    assert max(sizes) < 4000, sizes
    # Each restore event is a few lines that name two backups, nothing nested.
    last = json.loads(path.read_text())["history"][-1]
    assert set(last) == {"at", "action", "backup", "replaced_backup"}


def test_undo_of_a_restore_works_after_more_changes_than_backups_are_kept(
    aipm: Callable[..., Result], mini: Path, isolated: Path, monkeypatch
) -> None:
    monkeypatch.setenv("AIPM_BACKUPS", "2")
    path = progress_path(isolated, "mini")
    aipm("start", "nlp")
    aipm("done", "nlp")
    before_restore = path.read_bytes()
    assert aipm("backup", "restore", ID0).exit_code == 0
    replaced = json.loads(path.read_text())["history"][-1]["replaced_backup"]
    for n in range(5):  # five more saves, rotating through a window of 2 backups
        assert aipm("note", "risk", f"note {n}").exit_code == 0
    assert (backup_dir(isolated) / f"{replaced}.json").exists()  # pinned by the restore
    for _ in range(5):
        assert aipm("undo").exit_code == 0
    assert aipm("undo").stdout == (
        f"Undid restore: restored backup {ID0}\n"
        f"  back to the file the restore replaced (backup {ID1})\n"
    )
    assert path.read_bytes() == before_restore


def test_undo_of_a_restore_whose_backup_was_deleted_says_so(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    path = progress_path(isolated, "mini")
    aipm("start", "nlp")
    aipm("done", "nlp")
    assert aipm("backup", "restore", ID0).exit_code == 0
    replaced = json.loads(path.read_text())["history"][-1]["replaced_backup"]
    (backup_dir(isolated) / f"{replaced}.json").unlink()
    after_restore = path.read_bytes()
    result = aipm("undo")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: Cannot undo the restore: the backup {replaced} that holds the file it "
        "replaced is gone from "
    )
    assert path.read_bytes() == after_restore


def test_undo_reaches_through_two_restores_after_rotation(
    aipm: Callable[..., Result], mini: Path, isolated: Path, monkeypatch
) -> None:
    # Issue 13 item 1: the second restore took the first one out of the history, so
    # rotation deleted the backup the first restore's undo needs.
    monkeypatch.setenv("AIPM_BACKUPS", "3")
    path = progress_path(isolated, "mini")
    for n in range(4):
        assert aipm("note", "nlp", f"note {n}").exit_code == 0
    before_first = path.read_bytes()
    assert aipm("backup", "restore").exit_code == 0
    before_second = path.read_bytes()
    assert aipm("backup", "restore", ID0).exit_code == 0
    for n in range(6):
        assert aipm("note", "risk", f"later {n}").exit_code == 0
    for _ in range(6):
        assert aipm("undo").exit_code == 0
    assert aipm("undo").exit_code == 0, "undo of the second restore"
    assert path.read_bytes() == before_second
    result = aipm("undo")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == before_first


@pytest.mark.parametrize(
    ("name", "blocks"),
    [("99999999T999999.999999Z.json", False), ("99991231T235959.999999Z.json", True)],
)
def test_an_absurd_backup_name_never_crashes_a_change_a_restore_or_doctor(
    aipm: Callable[..., Result], mini: Path, isolated: Path, name: str, blocks: bool
) -> None:
    # Issue 13 item 16: the first is no time at all (strptime raised), the second the
    # last microsecond there is (one microsecond later overflowed).
    path = progress_path(isolated, "mini")
    assert aipm("note", "nlp", "one").exit_code == 0
    assert aipm("note", "nlp", "two").exit_code == 0
    absurd = backup_dir(isolated) / name
    absurd.write_bytes((backup_dir(isolated) / f"{ID0}.json").read_bytes())
    before = snapshot(isolated)
    for args in (["note", "nlp", "three"], ["backup", "restore", ID0]):
        result = aipm(*args)
        if blocks:
            assert result.exit_code == 1
            assert result.stderr.startswith(f"Error: {absurd}: the backup is named for the last")
            assert "Nothing was changed." in result.stderr
            assert snapshot(isolated) == before
        else:
            assert result.exit_code == 0, result.output
    doctor = aipm("doctor")
    assert doctor.exit_code == (1 if blocks else 0), doctor.output
    assert absurd.read_bytes() == before[str(absurd.relative_to(isolated))]
    assert path.exists()


def test_a_symlinked_progress_file_is_saved_through_the_link_and_doctor_says_so(
    aipm: Callable[..., Result], mini: Path, isolated: Path, tmp_path: Path
) -> None:
    # Issue 13 item 15: the link was replaced by a regular file, its target left stale.
    path = progress_path(isolated, "mini")
    assert aipm("note", "nlp", "one").exit_code == 0
    target = tmp_path / "synced" / "mini.json"
    target.parent.mkdir()
    path.rename(target)
    path.symlink_to(target)
    before = target.read_bytes()
    assert aipm("note", "nlp", "two").exit_code == 0
    assert path.is_symlink()
    assert "two" in target.read_text()
    assert [b.read_bytes() for b in sorted(backup_dir(isolated).iterdir())][-1] == before
    assert list(target.parent.iterdir()) == [target]  # no temporary file left
    doctor = aipm("doctor")
    assert f"a symbolic link to {target}, which each change replaces" in doctor.stdout


def test_undo_after_a_hand_edit_restores_the_content_and_the_backup_keeps_the_bytes(
    aipm: Callable[..., Result], mini: Path, isolated: Path
) -> None:
    # Issue 13 item 27: what README says undo promises is what it does.
    path = progress_path(isolated, "mini")
    assert aipm("note", "nlp", "one").exit_code == 0
    hand_edited = json.dumps(json.loads(path.read_text()), indent=4).encode()
    path.write_bytes(hand_edited)
    assert aipm("note", "nlp", "two").exit_code == 0
    assert aipm("undo").exit_code == 0
    assert json.loads(path.read_bytes()) == json.loads(hand_edited)
    # The backup made before "two" holds the hand-edited bytes exactly.
    assert hand_edited in [b.read_bytes() for b in backup_dir(isolated).iterdir()]
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "A file you edited by hand comes back with the same content" in readme
