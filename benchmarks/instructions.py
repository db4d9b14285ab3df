"""The cases of ``benchmarks/run.py`` counted in instructions, the stable figure.

    python benchmarks/instructions.py            # every case but P, cold and 10k
    python benchmarks/instructions.py status 1k  # only cases whose name has a word

Each case runs once natively (to warm aipm's cache and Python's bytecode), then once
under ``valgrind --tool=callgrind`` with ``PYTHONHASHSEED=0``; the count is the same on
every run of the same code, where wall time on a shared machine wanders by 15 % or
more. Needs valgrind on PATH. Slow: valgrind runs some 50 times slower than Python.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions ``argv`` executes (callgrind's "Collected"), its output discarded.
    Raises RuntimeError when it fails or valgrind reports no count."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env={**env, "PYTHONHASHSEED": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr[-800:]}")
    return int(found.group(1))


def main() -> int:
    """Count the cases (those matching the words given, if any) and print the table."""
    words = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="aipm-instr-") as tmp:
        root = Path(tmp)
        cases = run.prepare(root, sys.executable)
        chosen = [
            c
            for c in cases
            if c.name in (run.FLOOR_NAMES["F"], run.FLOOR_NAMES["R"], run.FLOOR_NAMES["W"])
            or (
                c.name not in run.FLOOR_NAMES.values()
                and "cold" not in c.name
                # the 10k point runs for minutes under valgrind: only when asked for
                and ("10k" not in c.name or "10k" in words)
                and all(w in c.name for w in words)
            )
        ]
        counts: dict[str, int] = {}
        for case in chosen:
            print(f"  {case.name} ...", flush=True, file=sys.stderr)
            if case.before:
                case.before()
            run.run_once(case.argv, case.env, root)  # warm the caches
            if case.after:
                case.after()
            if case.before:
                case.before()
            counts[case.name] = instructions(case.argv, case.env)
            if case.after:
                case.after()
    floor = {key: counts[name] for key, name in run.FLOOR_NAMES.items() if name in counts}
    print(f"Instructions (callgrind, PYTHONHASHSEED=0, warm caches), {os.uname().machine}:")
    print()
    header = f"{'case':25s} {'instructions':>13s} {'x F':>5s}  {'target':>11s} {'ratio':>5s}"
    print(header)
    print("-" * len(header))
    for name, count in counts.items():
        case = next(c for c in chosen if c.name == name)
        target = ratio = ""
        if case.target:
            target = f"<= {case.target[1]:.2f} x {case.target[0]}"
            value = count / floor[case.target[0]]
            ratio = f"{value:.2f} {run.verdict(value, case.target)}"
        print(f"{name:25s} {count / 1e6:11,.0f} M {count / floor['F']:5.2f}  {target:>11s} {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
