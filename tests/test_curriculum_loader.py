"""The curriculum loader reports every problem of a curriculum file at once, each as
``FILE:LINE: message`` in line order, and never lets any other exception escape."""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aipm_tracker.curriculum import load_curriculum, parse_curriculum, read_curriculum
from aipm_tracker.errors import EXIT_USAGE, CurriculumError
from aipm_tracker.models import Curriculum

from .conftest import MINI_CURRICULUM, progress_path

SRC = "c.yaml"

# ----------------------------------------------------------------------------- helpers


def edit(old: str, new: str, text: str = MINI_CURRICULUM) -> str:
    """``text`` with the single occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the ``occurrence``-th line of ``text`` containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} (occurrence {occurrence}) not in the text")


def problems_of(text: str, source: str = SRC) -> list[str]:
    """The problems parse_curriculum reports for ``text`` (it must refuse it)."""
    with pytest.raises(CurriculumError) as info:
        parse_curriculum(text, source)
    err = info.value
    assert err.exit_code == EXIT_USAGE == 2
    count = len(err.problems)
    noun = "problem" if count == 1 else "problems"
    assert err.message == f"{source}: invalid curriculum ({count} {noun}):\n" + "\n".join(
        err.problems
    )
    return err.problems


CYCLE = re.compile(r"^(?P<src>[^:]+):(?P<line>\d+): prerequisite cycle: (?P<path>.+)$")


def cycle_members(problem: str, requires: dict[str, list[str]]) -> tuple[int, list[str]]:
    """(line, members) of a ``prerequisite cycle: a -> b -> a`` problem, checking that
    each arrow is a real "requires" edge and that the path closes on itself."""
    match = CYCLE.match(problem)
    assert match, problem
    path = match["path"].split(" -> ")
    assert path[0] == path[-1], problem
    members = path[:-1]
    assert len(set(members)) == len(members), problem
    for item, prerequisite in itertools.pairwise(path):
        assert prerequisite in requires[item], f"{item} does not require {prerequisite}"
    return int(match["line"]), members


def item_yaml(item_id: str, category: str, prerequisites: list[str] | None = None) -> dict:
    return {
        "id": item_id,
        "title": item_id.upper(),
        "category": category,
        "kind": "concept",
        "summary": "Something to learn.",
        "why": "It matters.",
        "effort_hours": 3,
        "priority": "core",
        "prerequisites": prerequisites or [],
    }


def curriculum_yaml(items: list[dict], categories: list[str], **extra: object) -> str:
    doc: dict[str, object] = {
        "schema_version": 1,
        "id": "gen",
        "version": "1",
        "title": "Generated",
        "categories": [{"id": c, "title": c.title()} for c in categories],
        "items": items,
    }
    doc.update(extra)
    return yaml.safe_dump(doc, sort_keys=False)


# ------------------------------------------------------------------- a valid curriculum


def test_the_mini_curriculum_loads_with_its_items_in_file_order() -> None:
    c = parse_curriculum(MINI_CURRICULUM, SRC)
    assert isinstance(c, Curriculum)
    assert [i.id for i in c.items] == ["ai.ml-basics", "ai.nlp", "pm.risk-management"]
    assert c.item_map["ai.nlp"].prerequisites == ["ai.ml-basics"]
    assert [r.item for r in c.roles[0].requires] == [
        "ai.ml-basics",
        "ai.nlp",
        "pm.risk-management",
    ]


def test_load_curriculum_returns_the_file_it_read_as_source(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINI_CURRICULUM, encoding="utf-8")
    c, source = load_curriculum(path)
    assert (c.id, c.version, source) == ("mini", "1.0", str(path))


def test_without_a_path_load_curriculum_reads_the_bundled_curriculum() -> None:
    c, source = load_curriculum(None)
    assert c.id == "aipm-default"
    assert Path(source).name == "curriculum.yaml"
    assert Path(source).is_file()


# --------------------------------------------------------------------- 1. unknown field


def test_a_typod_field_name_is_reported_on_its_own_line_with_a_suggestion() -> None:
    text = edit("    effort_hours: 10\n", "    efort_hours: 10\n")
    typo = line_of(text, "efort_hours")
    item = line_of(text, "- id: ai.ml-basics")
    assert problems_of(text) == [
        # The real field is now missing: reported at the item it belongs to.
        f"{SRC}:{item}: items[0].effort_hours: is required",
        f"{SRC}:{typo}: items[0]: unknown field 'efort_hours' (did you mean 'effort_hours'?)",
    ]


def test_a_typod_top_level_field_is_reported_with_a_suggestion() -> None:
    text = edit("default_role: entry\n", "default_rol: entry\n")
    assert problems_of(text) == [
        f"{SRC}:5: (top level): unknown field 'default_rol' (did you mean 'default_role'?)"
    ]


def test_a_typod_field_in_a_role_requirement_points_at_that_requirement() -> None:
    text = edit("{item: ai.nlp, level: 1}", "{item: ai.nlp, levl: 1}")
    line = line_of(text, "levl")
    assert problems_of(text) == [
        f"{SRC}:{line}: roles[0].requirements[1]: unknown field 'levl' (did you mean 'level'?)"
    ]


def test_an_unknown_field_with_no_close_match_gets_no_suggestion() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n    zzz: 1\n")
    line = line_of(text, "zzz")
    assert problems_of(text) == [f"{SRC}:{line}: items[1]: unknown field 'zzz'"]


def test_a_wrong_value_type_points_at_the_value_line() -> None:
    text = edit("    effort_hours: 20\n", "    effort_hours: lots\n")
    line = line_of(text, "effort_hours: lots")
    assert problems_of(text) == [
        f"{SRC}:{line}: items[1].effort_hours: must be a number (got 'lots')"
    ]


# ------------------------------------------------------------------- 2. duplicate key


def test_a_key_given_twice_in_one_mapping_is_reported_at_the_second_one() -> None:
    text = edit("    title: ML basics\n", "    title: ML basics\n    title: Again\n")
    first = line_of(text, "title: ML basics")
    second = line_of(text, "title: Again")
    assert second == first + 1
    assert problems_of(text) == [
        f"{SRC}:{second}: duplicate key 'title' (first given on line {first})"
    ]


def test_a_duplicate_top_level_key_is_reported() -> None:
    text = MINI_CURRICULUM + "title: Other\n"
    last = len(text.splitlines())
    assert problems_of(text) == [f"{SRC}:{last}: duplicate key 'title' (first given on line 4)"]


# --------------------------------------------------------------- 3. duplicate item ID


def test_an_item_id_given_twice_is_reported_at_the_second_item_naming_the_first() -> None:
    block_start = MINI_CURRICULUM.index("  - id: ai.ml-basics")
    block_end = MINI_CURRICULUM.index("  - id: ai.nlp")
    block = MINI_CURRICULUM[block_start:block_end]
    text = edit("roles:\n", block + "roles:\n")
    first = line_of(text, "- id: ai.ml-basics")
    second = line_of(text, "- id: ai.ml-basics", occurrence=2)
    assert problems_of(text) == [
        f"{SRC}:{second}: duplicate item ID 'ai.ml-basics' (first on line {first})"
    ]


def test_a_category_id_given_twice_is_reported() -> None:
    text = edit("  - id: pm-skills\n", "  - id: ai-concepts\n")
    first = line_of(text, "- id: ai-concepts")
    second = line_of(text, "- id: ai-concepts", occurrence=2)
    risk_category = line_of(text, "category: pm-skills")
    assert problems_of(text) == [
        f"{SRC}:{second}: duplicate category ID 'ai-concepts' (first on line {first})",
        f"{SRC}:{risk_category}: pm.risk-management: unknown category 'pm-skills' "
        "(known: ai-concepts)",
    ]


# --------------------------------------------------------------- 4. unknown prerequisite


def test_an_unknown_prerequisite_is_reported_at_that_prerequisite_entry() -> None:
    text = edit(
        "    prerequisites: [ai.ml-basics]\n",
        "    prerequisites:\n      - ai.ml-basics\n      - ai.deep-learning\n",
    )
    line = line_of(text, "- ai.deep-learning")
    assert problems_of(text) == [f"{SRC}:{line}: ai.nlp: unknown prerequisite 'ai.deep-learning'"]


def test_a_misspelt_prerequisite_gets_a_suggestion() -> None:
    text = edit("prerequisites: [ai.ml-basics]", "prerequisites: [ai.ml-basic]")
    line = line_of(text, "prerequisites: [ai.ml-basic]")
    assert problems_of(text) == [
        f"{SRC}:{line}: ai.nlp: unknown prerequisite 'ai.ml-basic' (did you mean 'ai.ml-basics'?)"
    ]


# --------------------------------------------------------------- 5. prerequisite cycles


def test_a_two_item_prerequisite_cycle_is_reported_naming_both_items() -> None:
    text = edit(
        "    effort_hours: 10\n    priority: core\n",
        "    effort_hours: 10\n    priority: core\n    prerequisites: [ai.nlp]\n",
    )
    problems = problems_of(text)
    assert len(problems) == 1
    requires = {"ai.ml-basics": ["ai.nlp"], "ai.nlp": ["ai.ml-basics"]}
    line, members = cycle_members(problems[0], requires)
    # Reported at the cycle's first item in the file.
    assert line == line_of(text, "- id: ai.ml-basics")
    assert sorted(members) == ["ai.ml-basics", "ai.nlp"]


def test_a_three_item_prerequisite_cycle_names_every_member_in_requires_order() -> None:
    text = edit(
        "    effort_hours: 10\n    priority: core\n",
        "    effort_hours: 10\n    priority: core\n    prerequisites: [pm.risk-management]\n",
    )
    text = edit(
        "    effort_hours: 5\n    priority: core\n",
        "    effort_hours: 5\n    priority: core\n    prerequisites: [ai.nlp]\n",
        text,
    )
    problems = problems_of(text)
    assert len(problems) == 1
    requires = {
        "ai.ml-basics": ["pm.risk-management"],
        "pm.risk-management": ["ai.nlp"],
        "ai.nlp": ["ai.ml-basics"],
    }
    line, members = cycle_members(problems[0], requires)
    assert line == line_of(text, "- id: ai.ml-basics")
    assert sorted(members) == ["ai.ml-basics", "ai.nlp", "pm.risk-management"]


def test_an_item_that_requires_itself_is_a_cycle() -> None:
    text = edit("prerequisites: [ai.ml-basics]", "prerequisites: [ai.ml-basics, ai.nlp]")
    line = line_of(text, "- id: ai.nlp")
    assert problems_of(text) == [f"{SRC}:{line}: prerequisite cycle: ai.nlp -> ai.nlp"]


def test_two_separate_cycles_are_both_reported_each_at_its_own_first_item() -> None:
    requires = {"x.a": ["x.b"], "x.b": ["x.a"], "x.c": ["x.d"], "x.d": ["x.c"]}
    items = [item_yaml(i, "cat", pre) for i, pre in requires.items()]
    text = curriculum_yaml(items, ["cat"])
    problems = problems_of(text)
    assert len(problems) == 2
    found = [cycle_members(p, requires) for p in problems]
    assert found[0][0] == line_of(text, "- id: x.a")
    assert sorted(found[0][1]) == ["x.a", "x.b"]
    assert found[1][0] == line_of(text, "- id: x.c")
    assert sorted(found[1][1]) == ["x.c", "x.d"]


# ------------------------------------------- 6. categories, roles and the default role


def test_an_item_in_an_unknown_category_is_reported_at_its_category_line() -> None:
    text = edit("    category: pm-skills\n", "    category: pm-skill\n")
    line = line_of(text, "category: pm-skill")
    assert problems_of(text) == [
        f"{SRC}:{line}: pm.risk-management: unknown category 'pm-skill' "
        "(known: ai-concepts, pm-skills)"
    ]


def test_a_role_naming_an_unknown_item_is_reported_at_that_requirement() -> None:
    text = edit("{item: ai.nlp, level: 1}", "{item: ai.nlq, level: 1}")
    line = line_of(text, "ai.nlq")
    assert problems_of(text) == [
        f"{SRC}:{line}: role entry: unknown item 'ai.nlq' (did you mean 'ai.nlp'?)"
    ]


def test_an_item_required_twice_by_one_role_is_reported_at_the_second_requirement() -> None:
    text = edit("      - {item: pm.risk-management}\n", "      - {item: ai.nlp, level: 3}\n")
    line = line_of(text, "{item: ai.nlp", occurrence=2)
    assert problems_of(text) == [f"{SRC}:{line}: role entry: item 'ai.nlp' is required twice"]


def test_a_role_id_given_twice_is_reported() -> None:
    role = MINI_CURRICULUM[MINI_CURRICULUM.index("  - id: entry") :]
    text = MINI_CURRICULUM + role
    first = line_of(text, "- id: entry")
    second = line_of(text, "- id: entry", occurrence=2)
    assert problems_of(text) == [
        f"{SRC}:{second}: duplicate role ID 'entry' (first on line {first})"
    ]


def test_an_unknown_default_role_is_reported_at_the_default_role_line() -> None:
    text = edit("default_role: entry\n", "default_role: senior\n")
    assert problems_of(text) == [f"{SRC}:5: default_role 'senior' is not a role of this curriculum"]


# ------------------------------------------------------------ 7. every problem at once


def test_several_problems_in_one_file_are_all_reported_in_line_order() -> None:
    text = edit("default_role: entry\n", "default_role: senior\n")
    text = edit("    title: ML basics\n", "    title: ML basics\n    title: Again\n", text)
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n    zzz: 1\n", text)
    text = edit("prerequisites: [ai.ml-basics]", "prerequisites: [ai.ml-basic]", text)
    text = edit("    category: pm-skills\n", "    category: pm-skill\n", text)
    text = edit("{item: ai.nlp, level: 1}", "{item: ai.nlq, level: 1}", text)
    text = edit("      - {item: pm.risk-management}\n", "      - {item: ai.ml-basics}\n", text)
    dup_title = line_of(text, "title: Again")
    zzz = line_of(text, "zzz")
    prereq = line_of(text, "[ai.ml-basic]")
    category = line_of(text, "category: pm-skill")
    nlq = line_of(text, "ai.nlq")
    twice = line_of(text, "{item: ai.ml-basics}")
    expected = [
        f"{SRC}:5: default_role 'senior' is not a role of this curriculum",
        f"{SRC}:{dup_title}: duplicate key 'title' (first given on line {dup_title - 1})",
        f"{SRC}:{zzz}: items[1]: unknown field 'zzz'",
        f"{SRC}:{prereq}: ai.nlp: unknown prerequisite 'ai.ml-basic' "
        "(did you mean 'ai.ml-basics'?)",
        f"{SRC}:{category}: pm.risk-management: unknown category 'pm-skill' "
        "(known: ai-concepts, pm-skills)",
        f"{SRC}:{nlq}: role entry: unknown item 'ai.nlq' (did you mean 'ai.nlp'?)",
        f"{SRC}:{twice}: role entry: item 'ai.ml-basics' is required twice",
    ]
    assert problems_of(text) == expected
    lines = [int(p.split(":")[1]) for p in expected]
    assert lines == sorted(lines) and lines[0] < 10 < lines[-1]  # numeric, not text, order


# ------------------------------------------- 8. YAML syntax, shape, encoding, missing file


# The parser's own wording differs between libyaml and PyYAML's pure-Python parser and
# between releases; the message is ours, from the error's position alone.
def test_invalid_yaml_syntax_is_reported_at_its_line_in_our_words() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n   bad: indent\n")
    line = line_of(text, "bad: indent")
    assert problems_of(text) == [
        f"{SRC}:{line}: invalid YAML: syntax error at column 4 near 'bad: indent': check "
        "the indentation, and for a missing ':' or an unclosed quote or bracket"
    ]


def test_an_unclosed_bracket_at_the_end_of_the_file_is_reported_in_our_words() -> None:
    text = MINI_CURRICULUM + "extra: [a, b\n"
    problems = problems_of(text)
    assert len(problems) == 1
    assert re.fullmatch(
        rf"{re.escape(SRC)}:\d+: invalid YAML: syntax error at column \d+ "
        r"(near '.+'|at the end of the file): check the indentation, and for a missing "
        r"':' or an unclosed quote or bracket",
        problems[0],
    ), problems


def test_a_tab_used_for_indentation_is_reported_at_its_line() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n\tkind: concept\n")
    line = line_of(text, "\tkind")
    assert problems_of(text) == [
        f"{SRC}:{line}: invalid YAML: a tab character: YAML is indented with spaces"
    ]


@pytest.mark.parametrize(
    "text",
    ["- a\n- b\n", "", "just words\n", "# only a comment\n"],
    ids=["top-level list", "empty file", "a plain string", "only a comment"],
)
def test_a_file_that_is_not_a_mapping_is_refused(text: str) -> None:
    assert problems_of(text) == [
        f"{SRC}:1: the curriculum must be a YAML mapping (key: value lines)"
    ]


def test_a_non_utf8_file_is_reported_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"schema_version: 1\nid: mini\ntitle: Caf\xff\nversion: '1'\n")
    with pytest.raises(CurriculumError) as info:
        read_curriculum(path)
    assert info.value.exit_code == 2
    assert info.value.problems == [f"{path}:3: not UTF-8 text (byte 0xff)"]


def test_a_missing_file_is_a_curriculum_error_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(CurriculumError) as info:
        load_curriculum(path)
    err = info.value
    assert err.exit_code == 2
    assert err.problems == [f"{path}:1: cannot read the file: No such file or directory"]
    assert err.message.startswith(f"{path}: invalid curriculum (1 problem):\n")


def test_a_directory_given_as_the_curriculum_is_a_curriculum_error(tmp_path: Path) -> None:
    with pytest.raises(CurriculumError) as info:
        read_curriculum(tmp_path)
    assert info.value.problems == [f"{tmp_path}:1: cannot read the file: Is a directory"]


def test_an_impossible_date_is_reported_at_its_line_not_raised_as_a_crash() -> None:
    # Unquoted, 2026-02-30 is a YAML date; PyYAML raises a bare ValueError for it.
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n    as_of: 2026-02-30\n")
    line = line_of(text, "as_of")
    assert problems_of(text) == [
        f"{SRC}:{line}: invalid YAML: '2026-02-30' is not a date that exists "
        "(quote it if it is meant as text)"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int many", "'many' is not a whole number"),
        ("!!float x", "'x' is not a number"),
        ("!!bool maybe", "'maybe' is not true or false"),
        ("!!timestamp soon", "'soon' is not a date that exists (quote it if it is meant as text)"),
        ("!!map [1]", "expected a mapping, but found sequence"),
        ("!!seq {a: 1}", "expected a list, but found mapping"),
    ],
)
def test_a_value_its_tag_cannot_hold_is_reported_at_its_line(value: str, message: str) -> None:
    text = edit("    why: Chatbots.\n", f"    why: Chatbots.\n    effort_hours: {value}\n")
    line = line_of(text, value)
    assert problems_of(text) == [f"{SRC}:{line}: invalid YAML: {message}"]


def test_a_control_character_is_reported_on_one_line_at_its_own_line() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chat\x07bots.\n")
    line = line_of(text, "\x07")
    assert problems_of(text) == [
        f"{SRC}:{line}: invalid YAML: the control character #x0007 is not allowed in YAML text"
    ]


def test_a_lone_surrogate_in_the_text_is_a_curriculum_error() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chat\ud800bots.\n")
    line = line_of(text, "\ud800")
    assert problems_of(text) == [f"{SRC}:{line}: not UTF-8 text (lone surrogate U+D800)"]


def test_absurdly_deep_nesting_is_a_curriculum_error_not_a_recursion_crash() -> None:
    # Under a field a curriculum does not have: nothing but the depth stops it.
    text = "notes: " + "[" * 3000 + "]" * 3000 + "\n"
    assert problems_of(text) == [
        f"{SRC}:1: invalid YAML: lists or mappings nested more than 32 deep"
    ]


def test_a_list_where_a_single_value_belongs_is_refused_before_it_is_read() -> None:
    # Where a title belongs, a list of any size (here nested past the depth bound)
    # is refused where it starts: nothing in it is read.
    text = "title: " + "[" * 3000 + "]" * 3000 + "\n"
    assert problems_of(text) == [
        f"{SRC}:1: title: must be a single value (text, a number, true/false or a date), "
        "not a list",
        f"{SRC}:1: more problems may follow from here on; fix these first",
    ]


def test_a_mapping_key_that_is_not_a_plain_value_is_reported() -> None:
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n    ? [a, b]\n    : c\n")
    line = line_of(text, "? [a, b]")
    assert problems_of(text) == [f"{SRC}:{line}: a mapping key must be a plain value"]


# ---------------------------------------------------------------- 9. no code execution


@pytest.mark.parametrize(
    "tagged",
    [
        '!!python/object/apply:os.system ["echo hi"]',
        "!!python/name:os.system",
        '!!python/object/new:os.system ["echo hi"]',
    ],
)
def test_a_python_object_tag_is_refused_at_its_line_and_never_run(
    tagged: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    text = edit("title: Mini curriculum\n", f"title: Mini curriculum\ndescription: {tagged}\n")
    line = line_of(text, "description:")
    tag = tagged.split()[0]
    assert problems_of(text) == [
        f"{SRC}:{line}: invalid YAML: the tag {tag} is not allowed: a curriculum holds only "
        "text, numbers, true/false, dates, lists and mappings"
    ]
    assert calls == []


# ----------------------------------------------------------------------------- 10. CLI

TWO_ROLES = MINI_CURRICULUM + (
    "  - id: lead\n    title: Lead AI PM\n    requirements:\n      - {item: ai.nlp, level: 3}\n"
)


def test_validate_says_a_good_file_is_valid_with_its_counts(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(TWO_ROLES, encoding="utf-8")
    result = aipm("curriculum", "validate", "good.yaml")
    assert result.exit_code == 0
    assert result.stdout == (
        "good.yaml: valid curriculum mini 1.0: 3 items, 2 categories, 2 roles.\n"
    )
    assert result.stderr == ""


def test_validate_lists_every_problem_of_a_bad_file_and_exits_2(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = edit("default_role: entry\n", "default_role: senior\n")
    text = edit("{item: ai.nlp, level: 1}", "{item: ai.nlq, level: 1}", text)
    text = edit("    why: Chatbots.\n", "    why: Chatbots.\n    zzz: 1\n", text)
    Path("bad.yaml").write_text(text, encoding="utf-8")
    result = aipm("curriculum", "validate", "bad.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: bad.yaml: invalid curriculum (3 problems):\n"
        "bad.yaml:5: default_role 'senior' is not a role of this curriculum\n"
        f"bad.yaml:{line_of(text, 'zzz')}: items[1]: unknown field 'zzz'\n"
        f"bad.yaml:{line_of(text, 'ai.nlq')}: role entry: unknown item 'ai.nlq' "
        "(did you mean 'ai.nlp'?)\n"
    )


def test_validate_prints_each_problem_whole_on_one_line_even_past_80_columns(
    aipm: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "a-curriculum-with-a-rather-long-file-name.yaml"
    text = edit("    category: pm-skills\n", "    category: pm-skill\n")
    path.write_text(text, encoding="utf-8")
    expected = (
        f"{path}:{line_of(text, 'category: pm-skill')}: pm.risk-management: "
        "unknown category 'pm-skill' (known: ai-concepts, pm-skills)"
    )
    assert len(expected) > 80
    result = aipm("curriculum", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: invalid curriculum (1 problem):\n{expected}\n"


def test_validate_of_a_missing_file_exits_2_naming_it(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = aipm("curriculum", "validate", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: nope.yaml: invalid curriculum (1 problem):\n"
        "nope.yaml:1: cannot read the file: No such file or directory\n"
    )


BAD_FOR_STATUS = edit("default_role: entry\n", "default_role: senior\n")
BAD_FOR_STATUS = edit("    title: NLP\n", "    title: NLP\n    title: Again\n", BAD_FOR_STATUS)


@pytest.mark.parametrize("how", ["option", "env"])
def test_status_with_a_bad_curriculum_exits_2_with_its_lines_and_no_traceback(
    how: str,
    aipm: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(BAD_FOR_STATUS, encoding="utf-8")
    if how == "env":
        monkeypatch.setenv("AIPM_CURRICULUM", "bad.yaml")
        result = aipm("status")
    else:
        result = aipm("--curriculum", "bad.yaml", "status")
    again = line_of(BAD_FOR_STATUS, "title: Again")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: bad.yaml: invalid curriculum (2 problems):\n"
        "bad.yaml:5: default_role 'senior' is not a role of this curriculum\n"
        f"bad.yaml:{again}: duplicate key 'title' (first given on line {again - 1})\n"
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert isinstance(result.exception, SystemExit)
    assert not (isolated / "progress").exists()


def test_the_curriculum_option_switches_to_that_curriculum_and_its_own_progress_file(
    aipm: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mini.yaml").write_text(MINI_CURRICULUM, encoding="utf-8")

    status = aipm("--curriculum", "mini.yaml", "status")
    assert status.exit_code == 0
    assert status.stdout.splitlines()[0] == "Mini curriculum 1.0  ·  2026-11-23"
    assert "Entry AI PM" in status.stdout

    done = aipm("--curriculum", "mini.yaml", "done", "nlp")
    assert done.exit_code == 0
    assert done.stdout.splitlines()[0] == (
        "Done: ai.nlp (NLP). AI concepts: 1 of 2 done. Undo with: aipm undo"
    )
    mini_file = progress_path(isolated, "mini")
    assert mini_file == isolated / "progress" / "mini.json"
    saved = json.loads(mini_file.read_text(encoding="utf-8"))
    assert saved["curriculum"] == {"id": "mini", "version": "1.0"}
    assert saved["items"]["ai.nlp"]["status"] == "done"
    assert not progress_path(isolated).exists()  # aipm-default.json never created
    assert sorted(p.name for p in (isolated / "progress").glob("*.json")) == ["mini.json"]


# ------------------------------------------------------------------ 11. property tests

CATEGORIES = ["ai-concepts", "pm-skills", "leadership"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
SLUG = st.builds("-".join, st.lists(WORD, min_size=1, max_size=2))
ITEM_ID = st.builds(lambda a, b: f"{a}.{b}", SLUG, SLUG)


@st.composite
def dags(draw: st.DrawFn, min_items: int = 1) -> tuple[list[str], dict[str, list[str]]]:
    """Unique item IDs in order, and prerequisites that only name earlier items."""
    ids = draw(st.lists(ITEM_ID, min_size=min_items, max_size=8, unique=True))
    requires: dict[str, list[str]] = {}
    for index, item in enumerate(ids):
        earlier = ids[:index]
        requires[item] = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
    return ids, requires


@st.composite
def valid_curricula(draw: st.DrawFn) -> tuple[str, list[str], dict[str, list[str]], list[str]]:
    ids, requires = draw(dags())
    cats = [draw(st.sampled_from(CATEGORIES)) for _ in ids]
    items = [item_yaml(i, c, requires[i]) for i, c in zip(ids, cats, strict=True)]
    for item in items:
        item["effort_hours"] = draw(st.floats(min_value=0.5, max_value=500))
        item["priority"] = draw(st.sampled_from(["core", "recommended", "optional"]))
    role_items = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    levels = [draw(st.none() | st.integers(0, 5)) for _ in role_items]
    roles = [
        {
            "id": "target",
            "title": "Target",
            "requirements": [
                {"item": i} if lv is None else {"item": i, "level": lv}
                for i, lv in zip(role_items, levels, strict=True)
            ],
        }
    ]
    text = curriculum_yaml(items, CATEGORIES, roles=roles, default_role="target")
    return text, ids, requires, cats


@settings(max_examples=60, deadline=None)
@given(valid_curricula())
def test_any_small_valid_curriculum_loads_with_its_items_in_order(
    case: tuple[str, list[str], dict[str, list[str]], list[str]],
) -> None:
    text, ids, requires, cats = case
    c = parse_curriculum(text, SRC)
    assert isinstance(c, Curriculum)
    assert [i.id for i in c.items] == ids
    assert [i.category for i in c.items] == cats
    assert {i.id: i.prerequisites for i in c.items} == requires
    assert c.default_role == "target"


YAMLISH = st.text(alphabet="abc:-[]{}!&*#|>?,'\"%@` \n\t.0123456789", max_size=80)


@st.composite
def mini_with_one_line_replaced(draw: st.DrawFn) -> str:
    lines = MINI_CURRICULUM.splitlines()
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = draw(st.text(max_size=40) | YAMLISH)
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.text() | YAMLISH | mini_with_one_line_replaced())
def test_any_text_either_loads_or_is_a_curriculum_error_never_a_crash(text: str) -> None:
    try:
        result = parse_curriculum(text, SRC)
    except CurriculumError as exc:
        assert exc.exit_code == 2
        assert exc.problems
        for problem in exc.problems:
            assert re.fullmatch(rf"{re.escape(SRC)}:\d+: [^\n]+", problem), problem
        lines = [int(p.split(":")[1]) for p in exc.problems]
        assert lines == sorted(lines)
    else:
        assert isinstance(result, Curriculum)


@st.composite
def dags_with_a_back_edge(draw: st.DrawFn) -> tuple[list[str], dict[str, list[str]], str, str]:
    """A DAG plus one added edge ``ancestor requires later`` that closes a cycle."""
    ids, requires = draw(dags(min_items=2))
    # Make sure some item has an ancestor: chain the last item onto an earlier one.
    last = ids[-1]
    if not requires[last]:
        requires[last] = [draw(st.sampled_from(ids[:-1]))]

    def ancestors(item: str) -> set[str]:
        found: set[str] = set()
        todo = list(requires[item])
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo.extend(requires[node])
        return found

    later = draw(st.sampled_from([i for i in ids if ancestors(i)]))
    ancestor = draw(st.sampled_from(sorted(ancestors(later))))
    requires[ancestor] = [*requires[ancestor], later]
    return ids, requires, ancestor, later


@settings(max_examples=60, deadline=None)
@given(dags_with_a_back_edge())
def test_an_edge_back_to_an_ancestor_is_always_reported_as_a_cycle(
    case: tuple[list[str], dict[str, list[str]], str, str],
) -> None:
    ids, requires, ancestor, later = case
    items = [item_yaml(i, "cat", requires[i]) for i in ids]
    text = curriculum_yaml(items, ["cat"])
    problems = problems_of(text)
    assert problems, "the cycle was not reported"
    for problem in problems:
        _line, members = cycle_members(problem, requires)
        # The graph was acyclic before: every cycle goes through the added edge.
        assert ancestor in members and later in members, problem


@pytest.mark.parametrize("length", [236, 251])
def test_a_curriculum_id_too_long_for_a_file_name_is_refused_where_it_is_given(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    # Issue 13 item 25: such an ID validated, then every save failed "File name too long".
    long_id = "a" * length
    path = tmp_path / "long.yaml"
    path.write_text(edit("id: mini", f"id: {long_id}"), encoding="utf-8")
    with pytest.raises(CurriculumError) as info:
        read_curriculum(path)
    assert info.value.problems == [
        f"{path}:2: id: is {length} characters long; a curriculum ID names your progress "
        "files, so it has at most 100"
    ]
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    result = aipm("note", "nlp", "x")
    assert result.exit_code == EXIT_USAGE
    assert not (tmp_path / "data").exists()


def test_a_curriculum_id_of_100_characters_saves(
    aipm: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(edit("id: mini", f"id: {'a' * 100}"), encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(path))
    for note in ("one", "two"):
        assert aipm("note", "nlp", note).exit_code == 0
    assert aipm("backup", "restore").exit_code == 0


_PLAIN = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=True, width=64),
    st.dates(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
)
_DOCUMENTS = st.dictionaries(
    st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=8),
    st.recursive(
        _PLAIN,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(_DOCUMENTS, st.booleans())
def test_the_event_walk_builds_what_pyyaml_s_safe_loader_builds(
    document: dict[str, object], flow: bool
) -> None:
    """The one-pass walk replaced PyYAML's compose-and-construct: for any document of
    plain values, in block or flow style, it builds the same data, with every key's
    and entry's line."""
    import yaml

    from aipm_tracker import yaml_lines
    from aipm_tracker.line_data import ANY, MAPPING, Shape

    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    limits = yaml_lines.Limits(32, 10_000, 1_000, "not a mapping", "", "too deep")
    top = Shape(frozenset({MAPPING}), fields=None)
    loaded = yaml_lines.load(yaml_lines.SafeLoaderBase(text), top, limits)
    assert loaded.problems == [] and loaded.shape_problems == []
    assert loaded.data == yaml.load(text, Loader=yaml_lines.SafeLoaderBase)
    assert ANY.kinds == {"scalar", "list", "mapping"}


def test_anchors_merge_keys_and_explicit_plain_tags_read_as_pyyaml_reads_them() -> None:
    import yaml

    from aipm_tracker import yaml_lines
    from aipm_tracker.line_data import MAPPING, Shape

    text = (
        "base: &base {a: 1, b: two}\n"
        "merged:\n  <<: *base\n  b: mine\n"
        "both:\n  <<: [*base, {c: 3}]\n"
        "tagged: [!!str 12, !!int '7', !!float '1.5', !!bool 'yes', !!null '']\n"
        "same: *base\n"
    )
    limits = yaml_lines.Limits(32, 10_000, 1_000, "not a mapping", "", "too deep")
    loaded = yaml_lines.load(yaml_lines.SafeLoaderBase(text), Shape(frozenset({MAPPING})), limits)
    assert loaded.data == yaml.load(text, Loader=yaml_lines.SafeLoaderBase)
    assert loaded.data["merged"] == {"a": 1, "b": "mine"}
    assert loaded.data["merged"].key_lines == {"b": 4, "a": 1}
    assert loaded.data["tagged"] == ["12", 7, 1.5, True, None]
    assert loaded.data["tagged"].item_lines == [7, 7, 7, 7, 7]


@pytest.mark.parametrize("key", ["0[", "<item>", "a[b]"])
def test_an_unknown_field_named_like_a_validator_tag_is_told_not_a_crash(key: str) -> None:
    # The schema check drops pydantic's tags (``[...]``, ``<...>``) from a location;
    # an unknown field so named was dropped too, and the message crashed (IndexError).
    text = MINI_CURRICULUM.replace("title: ", f'"{key}": 1\ntitle: ', 1)
    line = text.splitlines().index(f'"{key}": 1') + 1
    [problem] = problems_of(text)
    assert problem.startswith(f"{SRC}:{line}: (top level): unknown field {key!r}")


CERT_ITEMS = """\
  - id: cert.one
    title: One
    category: pm-skills
    kind: certification
    summary: A certificate.
    why: Employers ask.
    effort_hours: 2
    priority: core
    eligibility_rules:
      - {experience: project-lead, months: 36}
      - {quantity: ai.nlp}
      - {cert_active: cert.none}
      - {degre: four-year}
      - {course_hours: 16, quantity: ai.nlp}
      - any_of:
          - {cert_active: pm.risk-management}
    renewal_credits: {amount: 0, unit: PDUs, years: 3}
  - id: cert.two
    title: Two
    category: pm-skills
    kind: skill
    summary: Not a certificate.
    why: w
    effort_hours: 2
    priority: core
    attempts_allowed: {count: 2, within_days: 90}
"""


def test_certification_rules_are_checked_with_the_line_of_each_in_our_words() -> None:
    text = MINI_CURRICULUM.replace("roles:\n", CERT_ITEMS + "roles:\n")
    line = lambda needle: line_of(text, needle)  # noqa: E731
    assert problems_of(text) == [
        f"{SRC}:{line('{experience: project-lead')}: items[3].eligibility_rules[0]: an "
        "experience rule needs months and within_months",
        f"{SRC}:{line('{quantity: ai.nlp}')}: cert.one: eligibility rule quantity 'ai.nlp' is "
        "not a quantity item",
        f"{SRC}:{line('{cert_active: cert.none}')}: cert.one: eligibility rule cert_active "
        "'cert.none' is not an item",
        f"{SRC}:{line('{degre:')}: items[3].eligibility_rules[3]: unknown field 'degre' (did you "
        "mean 'degree'?)",
        f"{SRC}:{line('{course_hours: 16')}: cert.one: eligibility rule quantity 'ai.nlp' is not "
        "a quantity item",
        f"{SRC}:{line('{course_hours: 16')}: items[3].eligibility_rules[4]: an eligibility rule "
        "needs exactly one of experience, degree, quantity, cert_active, course_hours or any_of "
        "(got quantity, course_hours)",
        f"{SRC}:{line('- any_of:')}: items[3].eligibility_rules[5].any_of: must have at least 2 "
        "entries",
        f"{SRC}:{line('{cert_active: pm.risk')}: cert.one: eligibility rule cert_active "
        "'pm.risk-management' is not a certification",
        f"{SRC}:{line('renewal_credits')}: items[3].renewal_credits.amount: must be more than 0 "
        "(got 0)",
        f"{SRC}:{line('attempts_allowed')}: cert.two: attempts_allowed belongs to a "
        "certification item (kind: certification)",
    ]


def test_the_bundled_pmp_rule_is_36_or_60_months_and_hours_or_an_active_capm() -> None:
    from aipm_tracker.curriculum import load_curriculum

    pmp = load_curriculum()[0].item_map["cert.pmp"]
    experience, education = pmp.eligibility_rules
    assert [(r.months, r.within_months, r.degree) for r in experience.any_of] == [
        (36, 96, "four-year"),
        (60, 96, "secondary"),
    ]
    assert [(r.quantity, r.cert_active) for r in education.any_of] == [
        ("edu.pm-contact-hours", None),
        (None, "cert.capm"),
    ]
    assert (pmp.renewal_credits.amount, pmp.renewal_credits.unit, pmp.renewal_credits.years) == (
        60, "PDUs", 3,
    )  # fmt: skip
