"""The console and the house style every view shares: printing, literal text, the
bars, status labels and local times (the tables are in :mod:`.fit`).

Rich drops colour by itself when ``NO_COLOR`` is set or the output is not a terminal,
and renders 80 columns wide when it cannot measure the terminal.

All user and curriculum text goes through :func:`safe`, which makes it a literal
``Text`` (so ``[bold]`` in a note is shown, not interpreted) and removes control
characters (ESC, C1 codes such as 0x9b, other C0 codes except tab and newline), so
text from a file can never move the cursor or change the terminal.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment, Segments
from rich.text import Text

from ..text import STATUS_LABEL, strip_control

STATUS_SHORT = {"todo": "to do", "in_progress": "doing", "done": "done", "skipped": "skipped"}
PRIORITY_SHORT = {"core": "core", "recommended": "rec", "optional": "opt"}
STATUS_STYLE = {"todo": "", "in_progress": "yellow", "done": "green", "skipped": "dim"}


def safe(text: str, style: str = "") -> Text:
    """``text`` as a literal rich Text with control characters removed."""
    return Text(strip_control(text), style=style)


def _console(stderr: bool = False) -> Console:
    # Created per call so that the current sys.stdout/sys.stderr is used (tests swap
    # them). highlight=False: rich must not colour numbers or URLs inside user text.
    # Rich's own NO_COLOR handling drops colours but keeps bold and dim; we promise
    # plain text, so NO_COLOR turns every style off (color_system=None).
    file = sys.stderr if stderr else sys.stdout
    if os.environ.get("NO_COLOR"):
        return Console(file=file, highlight=False, emoji=False, color_system=None, no_color=True)
    return Console(file=file, highlight=False, emoji=False)


def _rstrip(line: list[Segment]) -> list[Segment]:
    """``line`` without the spaces at its end (table cells and grids pad with them)."""
    while line and not line[-1].control and not line[-1].text.rstrip():
        line.pop()
    if line and not line[-1].control:
        last = line[-1]
        line[-1] = Segment(last.text.rstrip(), last.style, last.control)
    return line


def show(renderable: RenderableType, soft_wrap: bool = False) -> None:
    """Print ``renderable`` to standard output (``soft_wrap``: let the terminal fold
    long lines instead of rich, for text people copy, such as paths). No line ends
    in a space: rich pads table cells and grids to the full width, which piped output
    and copied text should not carry."""
    console = _console()
    options = console.options
    if soft_wrap:
        options = options.update(no_wrap=True, overflow="ignore")
    out: list[Segment] = []
    for line in Segment.split_lines(console.render(renderable, options)):
        out.extend(_rstrip(line))
        out.append(Segment.line())
    console.print(Segments(out), end="", crop=False, soft_wrap=True)


SAY_WIDTH = 80
"""The widest a message line gets, however wide the terminal: a sentence reads
best at this measure."""

_GLUE = "\x00"

COMMAND_WORDS = ("aipm", "mv", "chmod")
"""The words that start a command a message may quote: aipm's own, and the shell
commands that errors name as a way out (``errors.Fix.shell``)."""


def _glue_commands(message: str) -> str:
    """``message`` with the spaces inside each command it quotes (``aipm ...``,
    ``mv ...``: :data:`COMMAND_WORDS`) replaced by a placeholder, so that wrapping
    never splits a command. A command runs from its first word to the first word that
    ends a clause (``.``, ``,``, ``;``, ``)``) or to a double space."""
    words = message.split(" ")
    out: list[str] = []
    in_command = False
    for word in words:
        if in_command and word:
            out[-1] += _GLUE + word
        else:
            out.append(word)
        starts = next((c for c in COMMAND_WORDS if word.endswith(c)), None)
        if starts and (word == starts or not word[-len(starts) - 1].isalnum()):
            in_command = True
        elif not word or word[-1] in ".,;)":
            in_command = False
    return " ".join(out)


def wrap_message(message: str, width: int) -> str:
    """``message`` wrapped at words into lines of at most ``width`` cells (and never
    more than :data:`SAY_WIDTH`), keeping every quoted ``aipm`` command and every
    long word (a path, a URL) whole on one line."""
    import textwrap

    width = max(20, min(width, SAY_WIDTH))
    lines: list[str] = []
    for paragraph in _glue_commands(message).split("\n"):
        wrapped = textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
        lines.extend(wrapped or [""])
    return "\n".join(lines).replace(_GLUE, " ")


def say(message: str, style: str = "") -> None:
    """Print a message (literal text) to standard output, wrapped at words to the
    terminal's width or 80 columns, whichever is less (:func:`wrap_message`)."""
    console = _console()
    console.print(safe(wrap_message(message, console.width), style), soft_wrap=True)


def notice(message: str) -> None:
    """Print a passing remark (literal text) to standard error: what the command is
    doing while it makes the user wait, never part of its output."""
    console = _console(stderr=True)
    console.print(safe(message), soft_wrap=True)


def warn(message: str) -> None:
    """Print a warning (literal text) to standard error."""
    console = _console(stderr=True)
    console.print(Text("Warning: ", style="bold yellow") + safe(message), soft_wrap=True)


def error(message: str) -> None:
    """Print an error message (literal text) to standard error."""
    console = _console(stderr=True)
    # soft_wrap: the terminal folds long lines itself, so paths stay copyable.
    console.print(Text("Error: ", style="bold red") + safe(message), soft_wrap=True)


BAR_DONE = "█"
BAR_EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_TRACK = "░"


def bar(completed: float, total: float, width: int, style: str = "green") -> Text:
    """A progress bar of ``width`` cells: ``completed`` of ``total`` drawn as full
    blocks (a partial block, in eighths, for the last cell) over a shaded track, so
    that it reads the same without colour, and a 0% bar still shows where it would
    run."""
    share = 0.0 if total <= 0 else min(max(completed / total, 0.0), 1.0)
    full, eighths = divmod(round(share * width * 8), 8)
    text = Text(BAR_DONE * full + BAR_EIGHTHS[eighths].strip(), style=style)
    text.append(BAR_TRACK * (width - len(text)), style="dim")
    return text


class Bar:
    """A :func:`bar` that shortens to fit: ``width`` cells at most, and as few as
    ``least`` when its place in a grid is narrower (the readiness bar at 60 columns)."""

    def __init__(
        self, completed: float, total: float, width: int, style: str = "green", least: int = 5
    ) -> None:
        self.completed, self.total, self.width, self.style = completed, total, width, style
        self.least = least

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield bar(self.completed, self.total, min(self.width, options.max_width), self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(self.least, self.width), self.width)


def status_text(status: str, short: bool = False) -> Text:
    """``status`` as its label (``short``: the table label), in its status colour."""
    label = STATUS_SHORT[status] if short else STATUS_LABEL[status]
    return Text(label, style=STATUS_STYLE[status])


def when(value: datetime) -> str:
    """An aware datetime as local time, e.g. ``2026-11-23 10:00 UTC``."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M %Z")
