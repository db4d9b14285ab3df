"""Hostile input: curricula built to hurt the loader, and user text built to hurt the
terminal. Each bad curriculum is refused with exit 2 and a FILE:LINE message, before
any expensive work; user text is always shown literally, without control codes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aipm_tracker import curriculum as loader
from aipm_tracker.curriculum import MAX_BYTES

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

EXPANDS = (
    "invalid YAML: the document expands to more than 100,000 values "
    "(YAML aliases repeat values; is this an alias bomb?)"
)
RECURSIVE = "invalid YAML: alias *a refers to a value that contains it"
HUGE = "the file is larger than 5 MB; a curriculum is a few hundred KB at most"

# (file name, content, the message after "FILE:")
HOSTILE: list[tuple[str, bytes, str]] = [
    ("bomb.yaml", BOMB.encode(), f"6: {EXPANDS}"),
    ("recursive.yaml", b"a: &a [1, *a]\n", f"1: {RECURSIVE}"),
    (
        "deep-flow.yaml",
        b"title: x\nitems: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
        "2: invalid YAML: lists or mappings nested more than 32 deep",
    ),
    (
        "deep-block.yaml",
        "".join(f"{'  ' * n}k{n}:\n" for n in range(40)).encode(),
        "33: invalid YAML: lists or mappings nested more than 32 deep",
    ),
    ("huge.yaml", b"# padding\n" * (MAX_BYTES // 10 + 1), f"1: {HUGE}"),
    ("latin1.yaml", b"id: x\ntitle: Caf\xe9\n", "2: not UTF-8 text (byte 0xe9)"),
    ("dup.yaml", b"id: x\ntitle: a\nid: y\n", "3: duplicate key 'id' (first given on line 1)"),
    (
        "python-tag.yaml",
        b'id: x\ntitle: !!python/object/apply:os.system ["echo owned"]\n',
        "2: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_curriculum_is_refused_fast_with_exit_2_and_file_line(
    aipm: Callable[..., Result], tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for args in (["curriculum", "validate", str(path)], ["--curriculum", str(path), "status"]):
        started = time.perf_counter()
        result = aipm(*args)
        elapsed = time.perf_counter() - started
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0].startswith(f"Error: {path}: invalid curriculum (")
        assert f"{path}:{message}" in lines[1:], result.stderr
        assert "Traceback" not in result.stderr
        # The bound: refused in under a second (the work is bounded below).
        assert elapsed < 1.0, f"{name} took {elapsed:.2f} s"


@pytest.mark.parametrize(
    "name", ["bomb.yaml", "recursive.yaml", "deep-flow.yaml", "deep-block.yaml"]
)
def test_bombs_and_deep_nesting_are_refused_before_anything_is_composed(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    content = next(c for n, c, _ in HOSTILE if n == name)

    def never(self: object) -> object:
        raise AssertionError("the document was composed")

    monkeypatch.setattr(loader._LineLoader, "get_single_data", never)
    with pytest.raises(loader.CurriculumError) as info:
        loader.parse_curriculum(content.decode(), "c.yaml")
    assert re.fullmatch(r"c\.yaml:\d+: invalid YAML: .+", info.value.problems[0])


def test_a_file_over_the_size_cap_is_not_read_past_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES * 3))
    parsed: list[str] = []
    monkeypatch.setattr(loader, "parse_curriculum", lambda text, source: parsed.append(text))
    with pytest.raises(loader.CurriculumError):
        loader.read_curriculum(path)
    assert parsed == []


def test_yaml_anchors_within_bounds_still_work(tmp_path: Path) -> None:
    from tests.conftest import MINI_CURRICULUM

    text = MINI_CURRICULUM.replace(
        "    why: Every AI project rests on it.\n", "    why: &why Every AI project rests on it.\n"
    ).replace("    why: Chatbots.\n", "    why: *why\n")
    c = loader.parse_curriculum(text, "c.yaml")
    assert c.item_map["ai.nlp"].why == "Every AI project rests on it."
