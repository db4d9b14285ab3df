"""Tables that fit the terminal, 60 to 200 columns, by one rule for every table.

Rich shrinks a table that is too wide by cutting every column evenly, which turns
numbers, dates and headers into ``…``. A :class:`FitTable` instead chooses its column
widths itself when it is drawn, in this order, stopping as soon as the table fits:

1. titles (and other prose) wrap at words, the widest first, down to
   :data:`TITLE_SHARE` cells;
2. the gaps between columns close from three spaces to two;
3. item IDs wrap after ``.`` and ``-``, but not after their namespace
   (``ai.responsible-`` / ``ai``, not a lone ``ai.``);
4. titles wrap further, down to their longest word;
5. item IDs wrap after their namespace too, where nothing else made room;
6. bars shorten, down to :data:`BAR_MIN` cells;
7. headers wrap at words (``To do`` over two lines above a column of small numbers);
8. as a last resort, columns are dropped in the order the view gives, and the footer
   says which (and how to see them).

Numbers, dates, statuses and other short values are never cut: their column is never
narrower than its longest value. A column's legend (what ``Lvl`` means) is printed
under the table only while the column is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .console import bar

Kind = Literal["id", "title", "value", "bar"]

BAR_MIN = 5
"""The fewest cells a bar shrinks to before a column is dropped."""

TITLE_SHARE = 24
"""The width titles keep while long IDs wrap: without it a 51-character ID would
keep its line and squeeze its title into a word a line."""


class Column(NamedTuple):
    """One column of a :class:`FitTable`: its ``header``; its ``kind`` (``id`` wraps
    after ``.`` and ``-``, ``title`` at words, ``value`` is never cut, ``bar`` is a
    :class:`Meter` drawn ``width`` cells wide or fewer); ``justify``; a ``legend``
    printed under the table while the column is shown; and ``drop``, its place in the
    order of columns dropped as a last resort (1 first; 0 never)."""

    header: str
    kind: Kind = "value"
    justify: Literal["left", "right"] = "left"
    legend: str = ""
    drop: int = 0
    width: int = 0


class Meter(NamedTuple):
    """A bar cell: ``completed`` of ``total``, in ``style``."""

    completed: float
    total: float
    style: str = "green"


Cell = str | Text | Meter


def _plain(cell: Cell) -> str:
    if isinstance(cell, Meter):
        return ""
    return cell.plain if isinstance(cell, Text) else cell


def _longest_line(text: str) -> int:
    return max((Text(line).cell_len for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((Text(word).cell_len for word in text.split()), default=0)


def id_pieces(text: str, namespace: bool = False) -> list[str]:
    """``text`` split after every ``.`` and ``-``: the places an ID may wrap. With
    ``namespace``, not after the first ``.``: a line holding only the namespace
    (``ai.`` of ``ai.responsible-ai``) reads as a stray fragment, so it stays with
    the piece that follows it (``ai.responsible-`` / ``ai``) where there is room."""
    pieces: list[str] = []
    start = 0
    kept = text.find(".") if namespace else -1
    for i, char in enumerate(text):
        if char in ".-" and i != kept:
            pieces.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def wrap_id(text: str, width: int) -> str:
    """``text`` (an item ID) wrapped into lines of at most ``width`` cells after
    ``.`` and ``-``, keeping the namespace with its next piece when that fits (see
    :func:`id_pieces`); a piece longer than ``width`` is folded (never with ``…``)."""
    lines: list[str] = []
    line = ""
    pieces = id_pieces(text, namespace=True)
    if pieces and len(pieces[0]) > width:  # no room for the namespace with its piece
        pieces = id_pieces(text)
    for piece in pieces:
        while len(piece) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(piece[:width])
            piece = piece[width:]
        if len(line) + len(piece) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    return "\n".join(x for x in lines if x) or text


class _Plan(NamedTuple):
    kept: list[int]
    widths: list[int]
    tight: bool


class FitTable:
    """A table that chooses its column widths when drawn (see the module's rule).
    ``rows`` hold one cell per column; a shorter row (a section heading) is padded
    with empty cells. ``more`` says how to see every column (for the footer of a
    table that had to drop some); ``space_after`` ends a footer with a blank line,
    for a table followed by more of the screen."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Cell]],
        more: str = "",
        space_after: bool = False,
    ) -> None:
        self.columns = list(columns)
        self.rows = [list(row) + [""] * (len(self.columns) - len(row)) for row in rows]
        self.more = more
        self.space_after = space_after

    # ------------------------------------------------------------------ widths

    def _natural(self, i: int) -> int:
        col = self.columns[i]
        if col.kind == "bar":
            return max(col.width, BAR_MIN, len(col.header))
        cells = [_longest_line(_plain(row[i])) for row in self.rows]
        return max([len(col.header), *cells])

    def _least(self, i: int, stage: str) -> int:
        """The narrowest column ``i`` may be at ``stage`` of the rule."""
        col = self.columns[i]
        texts = [_plain(row[i]) for row in self.rows]
        head = len(col.header) if stage != "headers" else _longest_word(col.header)
        if col.kind == "title":
            least = max([head, *(_longest_word(t) for t in texts)])
            return max(least, min(TITLE_SHARE, self._natural(i))) if stage == "title" else least
        if col.kind == "id":
            namespace = stage == "id"  # until "id-split", no ID leaves its namespace alone
            pieces = [max((len(p) for p in id_pieces(t, namespace)), default=0) for t in texts]
            return max([head, *pieces])
        if col.kind == "bar":
            return max(BAR_MIN, head)
        return max([head, *(_longest_line(t) for t in texts)])

    @staticmethod
    def _total(widths: Sequence[int], tight: bool) -> int:
        gap = 2 if tight else 3
        return sum(widths) + gap * (len(widths) - 1) + 2

    def _plan(self, max_width: int) -> _Plan:
        droppable = sorted(
            (i for i, c in enumerate(self.columns) if c.drop), key=lambda i: self.columns[i].drop
        )
        kept = list(range(len(self.columns)))
        while True:
            plan = self._shrink(kept, max_width)
            if plan is not None or not droppable:
                return plan or self._shrink(kept, 10**6) or _Plan(kept, [], True)
            kept.remove(droppable.pop(0))

    def _shrink(self, kept: list[int], max_width: int) -> _Plan | None:
        widths = {i: self._natural(i) for i in kept}
        tight = False

        def excess() -> int:
            return self._total(list(widths.values()), tight) - max_width

        for stage in ("title", "tight", "id", "words", "id-split", "bar", "headers"):
            if excess() <= 0:
                break
            if stage == "tight":
                tight = True
                continue
            kinds = {
                "headers": ("id", "title", "value", "bar"),
                "words": ("title",),
                "id-split": ("id",),
            }.get(stage, (stage,))
            floors = {i: self._least(i, stage) for i in kept if self.columns[i].kind in kinds}
            while excess() > 0:
                room = [i for i in floors if widths[i] > floors[i]]
                if not room:
                    break
                widest = max(room, key=lambda i: widths[i] - floors[i])
                widths[widest] -= 1
        if excess() > 0:
            return None
        return _Plan(kept, [widths[i] for i in kept], tight)

    # ------------------------------------------------------------------ drawing

    def _table(self, plan: _Plan) -> Table:
        table = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0) if plan.tight else (0, 1)
        )
        for i, width in zip(plan.kept, plan.widths, strict=True):
            col = self.columns[i]
            table.add_column(col.header, justify=col.justify, width=width, overflow="fold")
        for row in self.rows:
            cells: list[str | Text] = []
            for i, width in zip(plan.kept, plan.widths, strict=True):
                cell = row[i]
                if isinstance(cell, Meter):
                    cells.append(bar(cell.completed, cell.total, width, cell.style))
                elif self.columns[i].kind == "id" and _plain(cell):
                    style = cell.style if isinstance(cell, Text) else ""
                    cells.append(Text(wrap_id(_plain(cell), width), style=style))
                else:
                    cells.append(cell)
            table.add_row(*cells)
        return table

    def _footer(self, plan: _Plan, max_width: int) -> Text | None:
        legends = [self.columns[i].legend for i in plan.kept if self.columns[i].legend]
        hidden = [c.header for i, c in enumerate(self.columns) if i not in plan.kept]
        words = " ".join(legends)
        if hidden:
            them = " and ".join(hidden) if len(hidden) < 3 else ", ".join(hidden)
            note = f"{them} hidden to fit {max_width} columns"
            note += f": {self.more}." if self.more else "."
            words = f"{words}\n{note}" if words else note
        return Text(words, style="dim") if words else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plan = self._plan(options.max_width)
        yield self._table(plan)
        footer = self._footer(plan, options.max_width)
        if footer is not None:
            yield footer
            if self.space_after:
                yield Text("")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plan = self._plan(options.max_width)
        return Measurement(self._total(plan.widths, plan.tight), options.max_width)
