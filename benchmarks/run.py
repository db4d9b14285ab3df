"""Startup and scale benchmark of ``aipm`` against two floors, in plain Python.

    python benchmarks/run.py            # full run: 11 alternating rounds
    python benchmarks/run.py --quick    # short run: 5 rounds, no 50,000-item point

Floors, measured in the same run with the same interpreter (``sys.executable``):

- P: ``python -c pass``, the interpreter's own start;
- F: a bare Typer app with two commands, one printing "ok": the framework floor;
- R and W (references, no target): F printing a 10-row rich table, and that plus
  taking a filelock lock: what the libraries aipm must use (rich for tables, filelock
  for locking) add to F before aipm does any work of its own.

Every case runs once per round and the rounds alternate over all cases, so a change
of machine load hits every case alike; the table gives medians and their ratio to F
and P, with the target of each case. Peak memory is the child's maximum resident set
size (``os.wait4``). Everything lives in a temporary directory (data dir, cache dir,
generated curricula): the user's own files are never read or touched.
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
    ``before`` and ``after`` run outside the timing (e.g. to restore a file), and its target as a
    ratio to F (None: reported only)."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    after: Callable[[], None] | None = None
    target: float | None = None
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


def main() -> int:
    """Parse the options, build the data, run the rounds, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds, no 50k point")
    parser.add_argument("--runs", type=int, help="rounds (default 11, quick 5)")
    args = parser.parse_args()
    rounds = args.runs or (5 if args.quick else 11)
    py = sys.executable

    with tempfile.TemporaryDirectory(prefix="aipm-bench-") as tmp:
        root = Path(tmp)
        cache = root / "cache"
        # Bytecode caching on, as in an installed package (pip compiles .pyc files):
        # an editable install run with PYTHONDONTWRITEBYTECODE=1 would compile aipm's
        # sources afresh on every run, which no user pays.
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
        os.environ.update({"AIPM_CACHE_DIR": str(cache)})
        (root / "bare.py").write_text(BARE_TYPER_APP, encoding="utf-8")
        # Not "rich.py": the script's directory comes first on sys.path.
        (root / "with_rich.py").write_text(RICH_TYPER_APP, encoding="utf-8")
        (root / "with_lock.py").write_text(LOCKING_APP, encoding="utf-8")
        sizes = [1000, 10000] + ([] if args.quick else [50000])
        print("Generating the data (fixed seed)...", flush=True)
        # In a child process, so that this harness stays small (see run_once).
        gen = [py, str(Path(__file__).with_name("datagen.py")), str(root), *map(str, sizes)]
        subprocess.run(gen, check=True, env=base_env)
        data = root / "data"
        progress_path = data / "progress" / "aipm-default.json"
        progress = progress_path.read_bytes()
        bundled = {**base_env, "AIPM_DATA_DIR": str(data)}
        aipm = [py, "-m", "aipm_tracker"]
        scale = {n: (root / f"curriculum-{n}.yaml", root / f"data-{n}") for n in sizes}

        def scale_env(n: int) -> dict[str, str]:
            cur, d = scale[n]
            return {
                **base_env,
                "AIPM_CURRICULUM": str(cur),
                "AIPM_DATA_DIR": str(d),
                "AIPM_CACHE_DIR": str(root / f"cache-{n}"),
            }

        def restore() -> None:
            progress_path.write_bytes(progress)

        def wipe_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        cases = [
            Case("P  python -c pass", [py, "-c", "pass"], base_env),
            Case("F  bare Typer app", [py, str(root / "bare.py"), "hello"], base_env),
            Case("R  F + a rich table", [py, str(root / "with_rich.py"), "hello"], base_env),
            Case("W  R + a file lock", [py, str(root / "with_lock.py"), "hello"], base_env),
            Case("aipm --help", [*aipm, "--help"], bundled, target=1.15),
            Case("aipm list", [*aipm, "list"], bundled, target=1.15),
            Case("aipm status", [*aipm, "status"], bundled, target=1.15),
            Case("aipm status (cold cache)", [*aipm, "status"], bundled, before=wipe_cache),
            Case(
                f"aipm done {BUNDLED_ITEM}",
                [*aipm, "done", BUNDLED_ITEM],
                # Its own cache: the entry it writes for the changed file would make
                # the read cases, which run on the restored file, miss their cache.
                {**bundled, "AIPM_CACHE_DIR": str(root / "cache-done")},
                before=restore,
                after=restore,
                target=1.25,
            ),
            Case("10k: aipm status", [*aipm, "status"], scale_env(10000), target=2.5),
            Case("10k: aipm next", [*aipm, "next"], scale_env(10000), target=2.5),
        ]
        cases += [
            Case(f"{n // 1000}k: aipm status", [*aipm, "status"], scale_env(n))
            for n in sizes
            if n != 10000
        ]

        print("Warming the caches once (first runs are not timed)...", flush=True)
        cold: dict[str, float] = {}
        for case in cases:
            if case.name.startswith(("P ", "F ", "R ", "W ")):
                continue
            if case.before:
                case.before()
            elapsed, _ = run_once(case.argv, case.env, root)
            if case.after:
                case.after()
            if ":" in case.name and case.name.split(":")[0] not in cold:
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

    report(cases, cold, rounds, sizes)
    return 0


def report(cases: list[Case], cold: dict[str, float], rounds: int, sizes: list[int]) -> None:
    """Print the environment, the table of medians and ratios, and the scaling."""
    med = {c.name: statistics.median(c.times) for c in cases}
    p = med["P  python -c pass"]
    f = med["F  bare Typer app"]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print()
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f}; {rounds} rounds, medians. "
        "Caches (aipm's and Python's bytecode) warmed once before timing, except where it "
        "says cold."
    )
    print()
    header = (
        f"{'case':28s} {'median':>9s} {'x F':>6s} {'x P':>6s} {'target':>8s} {'':7s} "
        f"{'peak RSS':>9s}"
    )
    print(header)
    print("-" * len(header))
    for c in cases:
        m = med[c.name]
        target = f"<= {c.target:g}" if c.target else ""
        verdict = ("met" if m / f <= c.target else "MISSED") if c.target else ""
        peak = max(c.peak_kib) / 1024
        print(
            f"{c.name:28s} {m * 1000:7.0f} ms {m / f:6.2f} {m / p:6.1f} {target:>8s} "
            f"{verdict:7s} {peak:6.0f} MiB"
        )
    peak10 = max(next(c for c in cases if c.name == "10k: aipm status").peak_kib) / 1024
    verdict = "met" if peak10 <= 150 else "MISSED"
    print(f"{'10k: status peak RSS':28s} {peak10:7.0f} MiB{'':12s} <= 150 MiB {verdict}")
    print()
    r, w = med["R  F + a rich table"], med["W  R + a file lock"]
    print(f"Floors: R (a rich table) {r / f:.2f} x F, W (R + a file lock) {w / f:.2f} x F.")
    print("Against them:")
    for c in cases:
        if c.target is not None and c.name != "aipm --help":
            floor, label = (w, "W") if " done " in c.name else (r, "R")
            print(f"  {c.name:28s} {med[c.name] / floor:5.2f} x {label}")
    print()
    print("Scaling of `aipm status` (same 100,000-entry history at each size; warm cache):")
    prev = None
    for n in sizes:
        m = med[f"{n // 1000}k: aipm status"]
        own = m - f
        growth = ""
        if prev is not None:
            pn, pown = prev
            growth = f"   own-work growth x{own / pown:.2f} for x{n / pn:g} items"
        print(
            f"  {n:>6,} items: {m * 1000:7.0f} ms  ({m / f:.2f} x F; own work "
            f"{own * 1000:.0f} ms){growth}"
        )
        prev = (n, own)
    if cold:
        print()
        print("First (cold cache) run, once:", ", ".join(f"{k} {v:.2f} s" for k, v in cold.items()))


if __name__ == "__main__":
    raise SystemExit(main())
