"""Startup and scale benchmark of ``aipm`` against its floors, in plain Python.

    python benchmarks/run.py            # full run: 11 alternating rounds
    python benchmarks/run.py --quick    # short run: 5 rounds
    python benchmarks/instructions.py   # the same cases, instructions (callgrind)

Floors, measured in the same run with the same interpreter (``sys.executable``):

- P: ``python -c pass``, the interpreter's own start;
- F: a bare Typer app with two commands, one printing "ok": the framework floor;
- R: F printing a 10-row rich table as aipm does: the floor of a command that shows
  a table;
- W: R plus taking and releasing a filelock lock: the floor of a change.

Each target is a ratio to one floor (:data:`TARGETS`). Every case runs once per round
and the rounds alternate over all cases, so a change of machine load hits every case
alike; the table gives medians and their ratio to F and to the case's floor. Peak
memory is the child's maximum resident set size (``os.wait4``). Everything lives in a
temporary directory (data dir, cache dir, generated curricula): the user's own files
are never read or touched.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BARE_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    print("ok")


@app.command()
def other(name: str = "x") -> None:
    print(name)


if __name__ == "__main__":
    app()
"""

RICH_TYPER_APP = BARE_TYPER_APP.replace(
    '    print("ok")',
    """\
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table()
    table.add_column("item")
    table.add_column("title")
    for i in range(10):
        table.add_row(Text(f"item.{i}"), Text("title " * (i % 4 + 1)))
    Console(highlight=False, emoji=False).print(table)""",
)
"""R: F whose command prints a 10-row rich table, set up as aipm's are (literal Text
cells, no highlighting, no emoji codes): for reference, what showing any table costs
on top of F."""

LOCKING_APP = RICH_TYPER_APP.replace(
    "    Console(highlight=False, emoji=False).print(table)",
    """\
    Console(highlight=False, emoji=False).print(table)
    import filelock

    with filelock.FileLock(__file__ + ".lock"):
        pass""",
)
"""W: R that also takes and releases a filelock lock: for reference, the least a
locked write costs before any reading, validating or writing."""

BUNDLED_ITEM = "ai.nlp"
"""The item ``aipm done`` marks in the write benchmark (the progress file is restored
before and after every run, so each run makes the same change). datagen never touches
it in the realistic progress file."""


@dataclass
class Case:
    """One command to time: ``argv`` after the interpreter, extra ``env``, an optional
    ``before`` and ``after`` run outside the timing (e.g. to restore a file), and its
    target: ``(floor, ratio)``, e.g. ``("R", 1.10)`` for at most 1.10 x R (None:
    reported only)."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    after: Callable[[], None] | None = None
    target: tuple[str, float] | None = None
    times: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)


def run_once(argv: list[str], env: dict[str, str], scratch: Path) -> tuple[float, int]:
    """Run ``argv`` with standard output to /dev/null; return (wall seconds, peak RSS
    in KiB). Raises RuntimeError with its standard error when it fails.

    ``ru_maxrss`` survives ``exec``, so a child's peak can never read lower than this
    harness's own size at the spawn (about 10 MiB, as it never imports aipm_tracker or
    holds the generated data); only P's peak is near that floor.
    """
    err_path = scratch / "stderr.txt"
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(err_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = err_path.read_text(errors="replace")[-800:]
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err}")
    return elapsed, int(usage.ru_maxrss)  # KiB on Linux


SCALE = {1000: 20_000, 10_000: 100_000}
"""Generated curricula: items -> history entries of their progress file. 1,000 items
(three roadmap.sh roadmaps together are about 320) with 20,000 entries is a scale users
reach, with targets; 10,000 with 100,000 is the scaling point."""

FLOOR_NAMES = {"P": "P  python -c pass", "F": "F  bare Typer app"}
FLOOR_NAMES |= {"R": "R  F + a rich table", "W": "W  R + a file lock"}


def prepare(root: Path, py: str) -> list[Case]:
    """Generate the data under ``root`` (fixed seed, in a child process so that this
    harness stays small: see :func:`run_once`) and return the cases, floors first.
    Raises CalledProcessError when the generation fails."""
    cache = root / "cache"
    # Bytecode caching on, as in an installed package (pip compiles .pyc files): an
    # editable install run with PYTHONDONTWRITEBYTECODE=1 would compile aipm's sources
    # afresh on every run, which no user pays.
    base_env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith("AIPM_") and k != "PYTHONDONTWRITEBYTECODE"
        },
        "AIPM_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    (root / "bare.py").write_text(BARE_TYPER_APP, encoding="utf-8")
    # Not "rich.py": the script's directory comes first on sys.path.
    (root / "with_rich.py").write_text(RICH_TYPER_APP, encoding="utf-8")
    (root / "with_lock.py").write_text(LOCKING_APP, encoding="utf-8")
    print("Generating the data (fixed seed)...", flush=True)
    specs = [f"{n}:{h}" for n, h in SCALE.items()]
    gen = [py, str(Path(__file__).with_name("datagen.py")), str(root), *specs]
    subprocess.run(gen, check=True, env=base_env)
    data = root / "data"
    bundled = {**base_env, "AIPM_DATA_DIR": str(data)}
    aipm = [py, "-m", "aipm_tracker"]

    def scale_env(n: int) -> dict[str, str]:
        return {
            **base_env,
            "AIPM_CURRICULUM": str(root / f"curriculum-{n}.yaml"),
            "AIPM_DATA_DIR": str(root / f"data-{n}"),
            "AIPM_CACHE_DIR": str(root / f"cache-{n}"),
        }

    def restorer(path: Path) -> Callable[[], None]:
        # A pristine copy, copied back before and after every run (never read into this
        # harness, whose size would raise every child's peak).
        pristine = path.with_name(path.name + ".pristine")
        shutil.copyfile(path, pristine)
        return lambda: shutil.copyfile(pristine, path)

    def wipe_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    restore = restorer(data / "progress" / "aipm-default.json")
    k1 = 1000
    free = (root / f"free-item-{k1}.txt").read_text(encoding="utf-8").strip()
    restore_1k = restorer(root / f"data-{k1}" / "progress" / "bench-scale.json")
    return [
        Case(FLOOR_NAMES["P"], [py, "-c", "pass"], base_env),
        Case(FLOOR_NAMES["F"], [py, str(root / "bare.py"), "hello"], base_env),
        Case(FLOOR_NAMES["R"], [py, str(root / "with_rich.py"), "hello"], base_env),
        Case(FLOOR_NAMES["W"], [py, str(root / "with_lock.py"), "hello"], base_env),
        Case("aipm --help", [*aipm, "--help"], bundled, target=("F", 1.15)),
        Case("aipm status", [*aipm, "status"], bundled, target=("R", 1.10)),
        Case("aipm next", [*aipm, "next"], bundled, target=("R", 1.10)),
        Case("aipm gaps", [*aipm, "gaps"], bundled, target=("R", 1.10)),
        Case("aipm list", [*aipm, "list"], bundled, target=("R", 1.15)),
        Case("aipm status (cold cache)", [*aipm, "status"], bundled, before=wipe_cache),
        Case(
            f"aipm done {BUNDLED_ITEM}",
            [*aipm, "done", BUNDLED_ITEM],
            # Its own cache directory, so that it never disturbs the read cases'.
            {**bundled, "AIPM_CACHE_DIR": str(root / "cache-done")},
            before=restore,
            after=restore,
            target=("W", 1.10),
        ),
        Case("1k: aipm status", [*aipm, "status"], scale_env(k1), target=("F", 1.5)),
        Case(
            "1k: aipm done",
            [*aipm, "done", free],
            # Its own cache directory too: the entry it writes for the state it saved
            # would otherwise turn every later "1k: aipm status" into a cache miss
            # (the file is put back to bytes no entry is for), which no user meets.
            {**scale_env(k1), "AIPM_CACHE_DIR": str(root / f"cache-{k1}-done")},
            before=restore_1k,
            after=restore_1k,
            target=("F", 1.6),
        ),
        *(
            Case(f"{n // 1000}k: aipm status", [*aipm, "status"], scale_env(n))
            for n in SCALE
            if n != k1
        ),
    ]


def main() -> int:
    """Parse the options, build the data, run the rounds, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds")
    parser.add_argument("--runs", type=int, help="rounds (default 11, quick 5)")
    args = parser.parse_args()
    rounds = args.runs or (5 if args.quick else 11)

    with tempfile.TemporaryDirectory(prefix="aipm-bench-") as tmp:
        root = Path(tmp)
        cases = prepare(root, sys.executable)
        print("Warming the caches once (first runs are not timed)...", flush=True)
        cold: dict[str, float] = {}
        for case in cases:
            if case.name in FLOOR_NAMES.values():
                continue
            if case.before:
                case.before()
            elapsed, _ = run_once(case.argv, case.env, root)
            if case.after:
                case.after()
            if case.name.endswith(": aipm status"):
                cold[case.name.split(":")[0]] = elapsed
        print(f"Timing {len(cases)} cases x {rounds} alternating rounds...", flush=True)
        for r in range(rounds):
            for case in cases:
                if case.before:
                    case.before()
                elapsed, peak = run_once(case.argv, case.env, root)
                if case.after:
                    case.after()
                case.times.append(elapsed)
                case.peak_kib.append(peak)
            print(f"  round {r + 1}/{rounds} done", flush=True)

    report(cases, cold, rounds)
    return 0


def verdict(ratio: float, target: tuple[str, float] | None) -> str:
    """``met`` or ``MISSED`` for ``ratio`` (to the target's floor), "" without one."""
    if target is None:
        return ""
    return "met" if ratio <= target[1] else "MISSED"


def report(cases: list[Case], cold: dict[str, float], rounds: int) -> None:
    """Print the environment, the table of medians and ratios (within 80 columns), and
    the scaling."""
    med = {c.name: statistics.median(c.times) for c in cases}
    floor = {key: med[name] for key, name in FLOOR_NAMES.items()}
    f = floor["F"]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print()
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f}; {rounds} rounds, medians."
    )
    print("Caches (aipm's, Python's bytecode) warmed once before timing, except 'cold'.")
    print()
    header = (
        f"{'case':25s} {'median':>8s} {'x F':>5s}  {'target':>11s} {'ratio':>5s} "
        f"{'':6s} {'peak':>8s}"
    )
    print(header)
    print("-" * len(header))
    for c in cases:
        m = med[c.name]
        target = ratio = ""
        if c.target:
            target = f"<= {c.target[1]:.2f} x {c.target[0]}"
            ratio = f"{m / floor[c.target[0]]:.2f}"
        peak = max(c.peak_kib) / 1024
        print(
            f"{c.name:25s} {m * 1000:5.0f} ms {m / f:5.2f}  {target:>11s} {ratio:>5s} "
            f"{verdict(m / floor[c.target[0]], c.target) if c.target else '':6s} "
            f"{peak:4.0f} MiB"
        )
    print()
    print(
        f"Floors: R {floor['R'] / f:.2f} x F, W {floor['W'] / f:.2f} x F, "
        f"P {floor['P'] / f:.2f} x F."
    )
    print()
    print("Scaling of `aipm status` (warm cache):")
    prev = None
    for n, entries in SCALE.items():
        m = med[f"{n // 1000}k: aipm status"]
        own = m - f
        growth = ""
        if prev is not None:
            growth = f"; own work x{own / prev[1]:.1f} for x{n / prev[0]:g} items"
        print(f"  {n:>6,} items, {entries:>7,} entries: {m * 1000:5.0f} ms{growth}")
        prev = (n, own)
    if cold:
        print()
        print("First (cold cache) run, once:", ", ".join(f"{k} {v:.2f} s" for k, v in cold.items()))


if __name__ == "__main__":
    raise SystemExit(main())
