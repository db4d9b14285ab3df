"""Where ``export -o`` may write (issue 13 items 4, 8, 20, 28): only a regular file
or nothing is replaced, never a file the store owns under any name, the report is
mode 0644 whatever the umask, and a data dir whose name is not UTF-8 still exports."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import progress_path


def test_force_never_replaces_a_progress_file_reached_through_a_hard_link(
    aipm: Callable[..., Result], mini: Path, isolated: Path, tmp_path: Path
) -> None:
    # The old guard compared resolved paths; a hard link (like a bind mount) resolves
    # elsewhere but is the same file. Device and inode numbers tell.
    assert aipm("note", "nlp", "mine").exit_code == 0
    path = progress_path(isolated, "mini")
    before = path.read_bytes()
    alias = tmp_path / "alias.json"
    os.link(path, alias)
    result = aipm("export", "-o", str(alias), "--force")
    assert result.exit_code == 1
    assert "is another name for a file in" in result.stderr
    assert path.read_bytes() == before


def test_force_never_writes_into_the_progress_directory_through_a_symlinked_alias(
    aipm: Callable[..., Result], mini: Path, isolated: Path, tmp_path: Path
) -> None:
    assert aipm("note", "nlp", "mine").exit_code == 0
    alias_dir = tmp_path / "elsewhere"
    alias_dir.symlink_to(progress_path(isolated, "mini").parent)
    before = sorted(p.name for p in progress_path(isolated, "mini").parent.iterdir())
    result = aipm("export", "-o", str(alias_dir / "report.md"), "--force")
    assert result.exit_code == 1
    assert "where your progress is kept" in result.stderr
    assert sorted(p.name for p in progress_path(isolated, "mini").parent.iterdir()) == before


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-stdout", "symlink-to-file", "device"])
def test_force_replaces_only_a_regular_file(
    aipm: Callable[..., Result], mini: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.md"
    real = tmp_path / "real.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink-to-stdout":
        target.symlink_to("/proc/self/fd/1")
    elif kind == "symlink-to-file":
        real.write_text("mine\n")
        target.symlink_to(real)
    else:  # a null device of our own: a test must never risk the system's /dev/null
        try:
            os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    before = os.lstat(target)
    result = aipm("export", "-o", str(target), "--force")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {target} is ")
    assert "a report only ever replaces a regular file" in result.stderr
    after = os.lstat(target)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (
        before.st_ino,
        stat.S_IFMT(before.st_mode),
    )
    if kind == "symlink-to-file":
        assert real.read_text() == "mine\n"


def test_an_exported_report_is_0644_whatever_the_umask(
    aipm: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    old = os.umask(0)
    try:
        assert aipm("export", "-o", str(tmp_path / "r.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o644


@pytest.mark.parametrize("fmt", ["md", "html", "json", "evidence"])
def test_a_data_dir_whose_name_is_not_utf8_still_exports(
    aipm: Callable[..., Result],
    mini: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    data = Path(os.fsdecode(bytes(tmp_path) + b"/d\xff"))
    monkeypatch.setenv("AIPM_DATA_DIR", str(data))
    assert aipm("note", "nlp", "mine").exit_code == 0
    before = progress_path(data, "mini").read_bytes()
    out = tmp_path / f"r.{fmt}"
    result = aipm("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    out.read_bytes().decode("utf-8")  # a valid UTF-8 report
    assert progress_path(data, "mini").read_bytes() == before
