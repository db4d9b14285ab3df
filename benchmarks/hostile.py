"""How fast hostile curricula are refused, against the bound of one second per MB
(at least one second) that the hostile-input issue names.

    python benchmarks/hostile.py

Each case is parsed by ``aipm_tracker.curriculum.parse_curriculum`` (the work that
every command does on a cache miss) in a fresh process of its own, best of 3, which
also reports its peak memory (``ru_maxrss``, MB; a bare interpreter with the loader
imported is about 60 MB). The bound is the one the hostile-input tests name. A timed
assertion in a test would fail on a loaded machine rather than on slow code, so the
timing lives here.

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py --valid    # also a generated 1,000 and 10,000 items

Measured on the project's 2-core machine (2026-12-02, with other jobs running: load
3-4, so about twice the quiet times; quiet, the densest file at the cap, accepted,
takes 0.46 s). Right-shaped curricula packed with values (:data:`PACKED_CASES`, the
same files before and after), seconds and the ratio to the bound:

    case                                 MB   before (1,000,000 values)  after (400,000)
    keywords: [a,a,...] at the cap      0.80  1.31 s  1.31 x   93 MB     0.71 s  0.71 x
    keywords: [a,a,...] over the cap    0.80  1.09 s  1.09 x   93 MB     0.66 s  0.66 x
    keywords: [1,1,...] under the cap   0.80  4.20 s  4.20 x  544 MB     0.00 s
    keywords of '-' (null) lines        3.20  3.11 s  0.97 x  556 MB     0.00 s
    prerequisites: [a,a,...]            0.80  7.16 s  7.16 x  944 MB     0.00 s
    requires: [{a,a,a,...}]             0.40  0.94 s  0.94 x  112 MB     0.00 s
    requires: [{k0,k1,...}]             1.49  2.55 s  1.71 x  435 MB     0.01 s

(after: 93 MB peak each, the bare interpreter's 76 MB and the file). At the old cap
the same kinds of file, 2 MB each, took up to 13.9 s (prerequisites, 2.3 GB); the
2 MB ``keywords: [1,1,...]`` of 1,000,001 values took 2.3 s and is now refused at
its 201st entry in 2 ms. The other cases are as they were (the 10,000-item
curriculum 0.24-0.38 s/MB and the cross-check cases 0.26-0.40 s/MB, before and after,
as the load varied).
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

BOMB = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
)

CASES = {
    "alias bomb": BOMB + "\n",
    "recursive alias": "a: &a [1, *a]\n",
    "deep flow (200,000 brackets)": "title: x\nitems: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "deep block (40 levels)": "".join(f"{'  ' * n}k{n}:\n" for n in range(40)),
    "python tag": 'id: x\ntitle: !!python/object/apply:os.system ["echo owned"]\n',
    "syntax error after 1 MB": "title: x\nitems:\n" + "  - a\n" * 170_000 + " bad: [\n",
    # Megabytes of junk (issue 13 item 14), refused while the events are counted.
    "6 MB flow list [1,1,1,...]": "[" + ",".join(["1"] * 3_000_000) + "]\n",
    "6 MB of '- a' lines": "- a\n" * 1_500_000,
    "6.5 MB of 'kN: v' lines": "".join(f"k{n}: v\n" for n in range(600_000)),
    # Junk of a curriculum's shape but the wrong kinds (issue 13 item 13), under the
    # 1,000,000-value cap: refused by the shape walk at its first values.
    "1.8 MB items: [1,1,...]": "title: x\nitems: [" + ",".join(["1"] * 900_000) + "]\n",
    "1.6 MB items of '- a' lines": "title: x\nitems:\n" + "  - a\n" * 270_000,
    "1.8 MB items: [{},{},...]": "items: [" + ",".join(["{}"] * 600_000) + "]\n",
    "1.8 MB title: [1,1,...]": "title: [" + ",".join(["1"] * 900_000) + "]\n",
    "4.8 MB one item of unknown keys": "items:\n- {"
    + ",".join(f"k{n}: 1" for n in range(450_000))
    + "}\n",
    "2 MB keywords: [1,1,...] (old cap)": "items:\n- keywords: ["
    + ",".join(["1"] * 1_000_001)
    + "]\n",
}


PACKED_CASES = (
    "0.8 MB keywords: [a,a,...] at the cap",
    "0.8 MB keywords: [a,a,...] over the cap",
    "0.8 MB keywords: [1,1,...] under the cap",
    "3.2 MB keywords of '-' (null) lines",
    "0.8 MB prerequisites: [a,a,...]",
    "0.4 MB requires: [{a,a,a,...}]",
    "1.5 MB requires: [{k0,k1,...}]",
)
"""Right-shaped curricula packed with values up to the value cap (issue 13 items 13
and 14): a real curriculum (one generated item) with one huge list, or one role
requirement of a million keys. One value in every byte or two is the densest YAML
gets, so these are the slowest files per MB there are."""


def _packed_cases() -> dict[str, str]:
    """The :data:`PACKED_CASES` texts, sized against ``curriculum.MAX_VALUES``."""
    from aipm_tracker.curriculum import MAX_VALUES
    from benchmarks.datagen import curriculum_yaml

    base = curriculum_yaml(1)  # 219 values, 2 of them the keywords
    room = MAX_VALUES - 217  # keywords this many long: MAX_VALUES in all

    def keywords(listed: str) -> str:
        return base.replace("    keywords: [metric, ethics]\n", f"    keywords: {listed}\n")

    def requirement(keys: str) -> str:
        return base.replace("      - {item: c00.item-00000, level: 3}", "      - {" + keys + "}")

    return {
        PACKED_CASES[0]: keywords("[" + ",".join(["a"] * room) + "]"),
        PACKED_CASES[1]: keywords("[" + ",".join(["a"] * (room + 1)) + "]"),
        PACKED_CASES[2]: keywords("[" + ",".join(["1"] * room) + "]"),
        PACKED_CASES[3]: keywords("\n" + "      -\n" * room),
        PACKED_CASES[4]: base.replace(
            "    keywords: [metric, ethics]\n",
            "    prerequisites: [" + ",".join(["a"] * room) + "]\n",
        ),
        PACKED_CASES[5]: requirement(",".join(["a"] * (room // 2))),
        PACKED_CASES[6]: requirement(",".join(f"k{n}" for n in range(room // 2))),
    }


CROSS_CHECK_CASES = (
    "600 long unknown prerequisites",
    "4,000 unknown prerequisites",
    "4,000 items in 2-cycles",
)


def _cross_check_cases() -> dict[str, str]:
    """The cross-check attacks of issue 13 item 13 on generated curricula: 600 items
    each with a long unknown prerequisite, 4,000 with one unknown prerequisite each,
    and 4,000 in 2,000 two-item prerequisite cycles."""
    import re

    from benchmarks.datagen import curriculum_yaml

    def with_prerequisites(n: int, prerequisite: Callable[[int], str]) -> str:
        # In place of the generated prerequisites: a second prerequisites key in an
        # item is a duplicate key, and past 200 of them the file is refused unchecked.
        text = re.sub(r"^    prerequisites: \[.*\]\n", "", curriculum_yaml(n), flags=re.M)
        count = iter(range(n))
        return re.sub(
            r"^(  - id: c\d\d\.item-\d+)$",
            lambda m: f"{m.group(1)}\n    prerequisites: [{prerequisite(next(count))}]",
            text,
            flags=re.M,
        )

    ids = [f"c{n % 20:02d}.item-{n:05d}" for n in range(4_000)]
    return {
        "600 long unknown prerequisites": with_prerequisites(
            600, lambda n: "x." + "y" * 5_000 + str(n)
        ),
        "4,000 unknown prerequisites": with_prerequisites(4_000, lambda n: f"no.such-{n}"),
        "4,000 items in 2-cycles": with_prerequisites(4_000, lambda n: ids[n ^ 1]),
    }


def _one(name: str, valid: int) -> None:
    """In this (fresh) process: best time of 3 for one case, printed as JSON with the
    size and the peak memory."""
    from aipm_tracker.curriculum import CurriculumError, parse_curriculum

    if valid:
        from benchmarks.datagen import curriculum_yaml

        text = curriculum_yaml(valid)
    elif name in CROSS_CHECK_CASES:
        text = _cross_check_cases()[name]
    elif name in PACKED_CASES:
        text = _packed_cases()[name]
    else:
        text = CASES[name]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.suppress(CurriculumError):
            parse_curriculum(text, "hostile.yaml")
        best = min(best, time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mb": len(text.encode()) / 1e6, "s": best, "peak_mb": peak}))


def main() -> int:
    """Print one line per case: best time of 3, s/MB, peak memory and the ratio to
    the bound; exit 1 if any case is over its bound."""
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2], int(sys.argv[3]))
        return 0
    cases = [(name, 0) for name in [*CASES, *PACKED_CASES, *CROSS_CHECK_CASES]]
    if "--valid" in sys.argv:
        cases += [(f"valid {n:,} items", n) for n in (1_000, 10_000)]
    worst = 0.0
    for name, valid in cases:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.hostile", "--one", name, str(valid)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        got = json.loads(out)
        bound = max(1.0, got["mb"])
        worst = max(worst, got["s"] / bound)
        print(
            f"{name:34} {got['mb']:5.2f} MB {got['s'] * 1000:8.1f} ms "
            f"{got['s'] / got['mb']:6.2f} s/MB {got['peak_mb']:6.0f} MB peak  "
            f"{got['s'] / bound:5.2f} x its {bound:.2f} s bound"
        )
    print(f"worst: {worst:.2f} x its bound")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
