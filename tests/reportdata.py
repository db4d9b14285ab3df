"""A realistic progress file for report tests: 30 items of the bundled curriculum
touched over the 10 weeks before ``FIXED_NOW``, with notes full of HTML special
characters, one note that is a script tag, and evidence links."""

from __future__ import annotations

from datetime import timedelta

from aipm_tracker import changes
from aipm_tracker.models import SCHEMA_VERSION, Curriculum, CurriculumRef, Progress
from tests.conftest import FIXED_NOW

SCRIPT_NOTE = "<script>alert(1)</script>"
SPECIAL_NOTE = 'Tom & Jerry\'s "R&D" notes: 5 < 6 > 4 [bold]not bold[/bold]'


def realistic_progress(curriculum: Curriculum) -> Progress:
    """30 items touched, three a week for 10 weeks: 18 done with a level and an
    evidence link, 6 in progress, 6 skipped; notes on every third item."""
    p = Progress(
        schema_version=SCHEMA_VERSION,
        curriculum=CurriculumRef(id=curriculum.id, version=curriculum.version),
    )
    start = FIXED_NOW - timedelta(weeks=10)
    p = changes.set_profile(p, start, hours_per_week=8)
    for n, item in enumerate(curriculum.items[:30]):
        at = start + timedelta(weeks=n // 3, days=n % 3, hours=n)
        p = changes.start(p, item.id, at)
        if n == 0:
            p = changes.add_note(p, item.id, SCRIPT_NOTE, at)
        elif n % 3 == 0:
            p = changes.add_note(p, item.id, f"{SPECIAL_NOTE} #{n}", at)
        if n % 5 == 4:
            p = changes.skip(p, item.id, at + timedelta(hours=1), reason="Already <covered> & done")
        elif n % 5 in (0, 1, 2) and n < 30:
            p = changes.done(p, item.id, at + timedelta(days=2), level=1 + n % 4)
            p = changes.add_evidence(
                p,
                item.id,
                f"https://example.com/proof/{n}?a=1&b=<2>",
                at + timedelta(days=2),
                label=f"Proof <b>{n}</b> & more",
            )
    return p
