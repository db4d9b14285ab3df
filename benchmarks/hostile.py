"""How fast hostile curricula are refused, against the bound of one second per MB
(at least one second) that the hostile-input issue names.

    python benchmarks/hostile.py

Each case is parsed in process by ``aipm_tracker.curriculum.parse_curriculum`` (the
work that every command does on a cache miss), best of 5; the bound is the one the
hostile-input tests name. A timed assertion in a test would fail on a loaded machine
rather than on slow code, so the timing lives here.
"""

from __future__ import annotations

import contextlib
import time

from aipm_tracker.curriculum import CurriculumError, parse_curriculum

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
}


def main() -> int:
    """Print one line per case: best time of 5 and its ratio to the bound."""
    worst = 0.0
    for name, text in CASES.items():
        bound = max(1.0, len(text.encode()) / 1e6)
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            with contextlib.suppress(CurriculumError):
                parse_curriculum(text, "hostile.yaml")
            best = min(best, time.perf_counter() - started)
        worst = max(worst, best / bound)
        print(f"{name:30} {best * 1000:8.1f} ms  {best / bound:5.2f} x its {bound:.2f} s bound")
    print(f"worst: {worst:.2f} x its bound")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
