"""Wording every layer may use: plurals and the control characters no output may
carry (no rich, no I/O, no models)."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters no output may carry from user or curriculum text: C0 except tab
and newline, DEL, and the C1 codes (0x9b is a one-byte CSI on some terminals)."""


def strip_control(text: str) -> str:
    """``text`` without :data:`CONTROL` characters."""
    return CONTROL.sub("", text)


def plural(count: int, noun: str) -> str:
    """``noun`` in the plural unless ``count`` is 1: ``plural(2, "category")`` ->
    ``"categories"``."""
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
