"""The ``aipm doctor`` view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from .console import safe

if TYPE_CHECKING:  # annotations only: a status screen never loads doctor
    from ...doctor import Finding


def doctor_view(findings: list[Finding]) -> RenderableType:
    """The ``aipm doctor`` report: one line per check (``ok`` or ``FAIL``), what was
    found, how to fix it, then a verdict. Print with ``soft_wrap`` so that paths and
    commands stay whole."""
    text = Text()
    width = max(len(f.check) for f in findings) + 2
    for f in findings:
        text.append("ok    " if f.ok else "FAIL  ", style="green" if f.ok else "bold red")
        text.append(f.check.ljust(width), style="bold")
        lines = f.found.splitlines() or [""]
        text.append_text(safe(lines[0]))
        text.append("\n")
        for line in lines[1:]:
            text.append(" " * (6 + width))
            text.append_text(safe(line))
            text.append("\n")
        if f.fix:
            text.append(" " * (6 + width) + "fix: ", style="yellow")
            text.append_text(safe(f.fix))
            text.append("\n")
    problems = sum(1 for f in findings if not f.ok)
    if problems:
        text.append(f"{problems} problem{'s' if problems != 1 else ''} found.", style="bold red")
    else:
        text.append("All is well.", style="green")
    return text
