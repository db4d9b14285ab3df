"""Wording every layer may use: plurals and the control characters no output may
carry (no rich, no I/O, no models)."""

from __future__ import annotations

import re

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Characters no output may carry from user or curriculum text: C0 controls except tab
and newline, DEL, the C1 codes (0x9b is a one-byte CSI on some terminals), and the
invisible characters that make text read other than it is: the bidirectional marks,
embeddings, overrides and isolates (U+200E-200F, U+202A-202E, U+2066-2069, which
can show a credential ID backwards), the zero-width space, word joiner and invisible
operators (U+200B, U+2060-2064) and the zero-width no-break space (U+FEFF). The
zero-width (non-)joiners U+200C-200D stay: scripts such as Persian and emoji
sequences need them, and they reorder nothing."""


def strip_control(text: str) -> str:
    """``text`` without :data:`CONTROL` characters."""
    return CONTROL.sub("", text)


def plural(count: int, noun: str) -> str:
    """``noun`` in the plural unless ``count`` is 1: ``plural(2, "category")`` ->
    ``"categories"``, ``plural(3, "day")`` -> ``"days"`` (a ``y`` after a vowel
    stays)."""
    if count == 1:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"
