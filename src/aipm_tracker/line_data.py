"""Containers for data read from YAML that remember where each part was: the line of
a mapping and of each key, of a list and of each entry (1-based).

The loader (:mod:`aipm_tracker.yaml_lines`) builds them and the curriculum checks
(:mod:`aipm_tracker.curriculum`) read the lines to report ``FILE:LINE: message``. They
live apart from both so that the dependency runs one way (curriculum -> yaml_lines ->
line_data) and importing them never imports PyYAML, which only a real parse needs.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

__all__ = ["LineDict", "LineList"]


class LineDict(dict[Any, Any]):
    """A dict from YAML that remembers its own line and each key's line (1-based)."""

    line: int = 1
    key_lines: dict[Hashable, int]


class LineList(list[Any]):
    """A list from YAML that remembers its own line and each entry's line (1-based)."""

    line: int = 1
    item_lines: list[int]
