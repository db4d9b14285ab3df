"""Run many ``aipm`` commands in one process, as the concurrency and crash tests'
writer: ``python -m tests.helpers.aipm_worker RESULTS COMMANDS_JSON``.

Each command goes through the real CLI entry point (option parsing, session, lock,
store, renderer), exactly as ``aipm ARGS`` would, without paying Python's start-up
for each one. ``AIPM_TEST_NOW`` (ISO 8601) pins the clock so that the states a test
expects are byte-exact. RESULTS gets ``ready`` once everything is imported, then each
command's exit code as it ends.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime

from aipm_tracker.cli import app, context


def warm_up() -> None:
    """Do before ``ready`` what the first command would otherwise do: import what the
    commands import lazily and load the curriculum (filling the cache), so that the
    crash test's kills land during saves, not during start-up."""
    import filelock  # noqa: F401

    from aipm_tracker import changes, engine, paths, store  # noqa: F401
    from aipm_tracker.curriculum import load_curriculum
    from aipm_tracker.render import terminal  # noqa: F401

    load_curriculum(paths.curriculum_override(None), cache_dir=paths.cache_dir())


def main() -> None:
    results_path, commands = sys.argv[1], json.loads(sys.argv[2])
    warm_up()
    fixed = os.environ.get("AIPM_TEST_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        context.now = lambda: moment
    with open(results_path, "w", encoding="utf-8") as results:
        results.write("ready\n")
        results.flush()
        for args in commands:
            try:
                code = app(args, prog_name="aipm", standalone_mode=False)
            except SystemExit as exc:
                code = exc.code
            results.write(f"{code or 0}\n")
            results.flush()


if __name__ == "__main__":
    main()
