"""End-to-end: the installed ``aipm`` console script and ``python -m aipm_tracker``
run in a subprocess, as a user would run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_tracker.curriculum import load_curriculum
from tests.conftest import progress_path


def aipm_executable() -> str:
    beside = Path(sys.executable).parent / "aipm"
    found = str(beside) if beside.exists() else shutil.which("aipm")
    if found is None:
        pytest.fail("the aipm console script is not installed in this environment")
    return found


def run(*args: str, data_dir: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AIPM_CURRICULUM", "FORCE_COLOR")}
    env.update({"AIPM_DATA_DIR": str(data_dir), "COLUMNS": "80", "NO_COLOR": "1"})
    return subprocess.run(
        args, capture_output=True, text=True, env=env, cwd=cwd, timeout=60, check=False
    )


def test_the_installed_aipm_marks_an_item_and_reports_it(tmp_path: Path, isolated: Path) -> None:
    exe = aipm_executable()
    # From an unrelated directory: the bundled curriculum comes from the package.
    status = run(exe, "status", data_dir=isolated, cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("AI Project Manager curriculum 2026.12")
    assert "\x1b" not in status.stdout

    done = run(exe, "done", "nlp", "--level", "2", data_dir=isolated, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    saved = json.loads(progress_path(isolated).read_text())
    assert saved["items"]["ai.nlp"]["status"] == "done"
    assert saved["items"]["ai.nlp"]["level"] == 2

    bad = run(exe, "done", "no-such-item", data_dir=isolated, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("Error: no item 'no-such-item'")
    assert "Traceback" not in bad.stderr


def test_python_dash_m_runs_the_same_cli(tmp_path: Path, isolated: Path) -> None:
    result = run(sys.executable, "-m", "aipm_tracker", "--version", data_dir=isolated, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("aipm-tracker ")


def test_shell_completion_offers_the_item_ids_that_start_with_the_typed_word(
    tmp_path: Path, isolated: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AIPM_CURRICULUM"}
    env.update(
        {"_AIPM_COMPLETE": "complete_bash", "COMP_WORDS": "aipm done ai.n", "COMP_CWORD": "2"}
    )
    result = subprocess.run(
        [aipm_executable()], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0
    expected = [i for i in load_curriculum()[0].item_map if i.startswith("ai.n")]
    assert len(expected) >= 2
    assert result.stdout.split() == expected


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("aipm target ai-pm-e", "2", ["ai-pm-entry"]),
     ("aipm status --target ai-pm-", "3", None),
     ("aipm list --category ce", "3", ["certifications"]),
     ("aipm list --status d", "3", ["doing", "done"]),
     ("aipm export --format e", "3", ["evidence"])],
)  # fmt: skip
def test_shell_completion_offers_roles_categories_statuses_and_formats(
    tmp_path: Path, isolated: Path, words: str, cword: str, expected: list[str] | None
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AIPM_CURRICULUM"}
    env.update({"_AIPM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    result = subprocess.run(
        [aipm_executable()], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0
    if expected is None:  # every role of the bundled curriculum
        expected = [r.id for r in load_curriculum()[0].roles if r.id.startswith("ai-pm-")]
        assert len(expected) >= 2
    assert result.stdout.split() == expected


def complete(words: str, cword: str, cwd: Path, **extra: str) -> list[str]:
    """What bash completion offers for ``words`` (the real console script)."""
    env = {k: v for k, v in os.environ.items() if k != "AIPM_CURRICULUM"}
    env.update({"_AIPM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    env.update(extra)
    result = subprocess.run(
        [aipm_executable()], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [("aipm done nl", ["ai.nlp"]),  # a suffix being typed
     ("aipm show basi", ["ai.ml-basics"]),  # a part after a dash
     ("aipm done machine-le", ["ai.ml-basics"]),  # words of the title
     ("aipm done ai.nl", ["ai.nlp"]),  # a prefix, as before
     ("aipm done zzz", [])],
)  # fmt: skip
def test_shell_completion_offers_the_suffix_and_title_forms_item_accepts(
    tmp_path: Path, isolated: Path, words: str, expected: list[str]
) -> None:
    # Issue 17 item 18: only prefixes were offered, though ITEM accepts more.
    assert complete(words, "2", tmp_path) == expected


def test_shell_completion_offers_backup_ids_newest_first(
    tmp_path: Path, isolated: Path, aipm
) -> None:
    # Issue 17 item 18: aipm backup restore ID completed nothing.
    for text in ("one", "two", "three"):
        assert aipm("note", "nlp", text).exit_code == 0
    backups = isolated / "progress" / "backups" / "aipm-default"
    ids = [path.stem for path in sorted(backups.glob("*.json"))]
    assert len(ids) == 2
    assert complete("aipm backup restore ", "3", tmp_path) == ids[::-1]
    assert complete("aipm backup restore 2026", "3", tmp_path) == ids[::-1]
    assert complete("aipm backup restore 1999", "3", tmp_path) == []
    elsewhere = str(tmp_path / "elsewhere")
    assert complete(f"aipm --data-dir {elsewhere} backup restore ", "5", tmp_path) == []
