"""The curriculum loader's cross-checks of certification rules (``eligibility_rules``,
``renewal_credits``, ``attempts_allowed``): what the schema cannot see, such as a
rule naming an item that does not exist. Their shapes are checked by the models
(:class:`~aipm_tracker.models.EligibilityRule`) with the rest of the file.

Reads the data as YAML gives it (mappings and lists that know their lines, see
:mod:`aipm_tracker.yaml_lines`) or as plain dicts and lists (line 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Problem = tuple[int, str]
"""``(line, message)``, the line 1-based."""

CERT_KEYS = ("eligibility_rules", "renewal_credits", "attempts_allowed")
"""The keys only a certification item may carry."""


def _line(seq: Any, index: int, default: int) -> int:
    lines: list[int] | None = getattr(seq, "item_lines", None)
    return lines[index] if lines is not None and index < len(lines) else default


def _key_line(mapping: Any, key: str, default: int) -> int:
    lines: dict[Any, int] = getattr(mapping, "key_lines", {})
    return lines.get(key, default)


def problems(items: Iterable[tuple[int, dict[Any, Any]]]) -> list[Problem]:
    """The problems of every item's certification keys: a certification key on an
    item that is not a certification; a ``quantity`` rule naming an item that is not
    a quantity item; a ``cert_active`` rule naming an item that is not a
    certification. ``items`` are ``(line, mapping)`` pairs, in file order."""
    entries = list(items)
    kinds = {e.get("id"): e.get("kind") for _, e in entries if isinstance(e.get("id"), str)}
    quantities = {e.get("id") for _, e in entries if isinstance(e.get("quantity"), dict)}
    found: list[Problem] = []
    for line, item in entries:
        iid = item.get("id", "?")
        for key in CERT_KEYS:
            if item.get(key) is not None and item.get("kind") != "certification":
                found.append(
                    (
                        _key_line(item, key, line),
                        f"{iid}: {key} belongs to a certification item (kind: certification)",
                    )
                )
        rules = item.get("eligibility_rules")
        if isinstance(rules, list):
            found.extend(_rule_problems(str(iid), rules, kinds, quantities, line))
    return found


def _rule_problems(
    iid: str, rules: list[Any], kinds: dict[Any, Any], quantities: set[Any], line: int
) -> list[Problem]:
    found: list[Problem] = []
    for index, rule in enumerate(rules):
        where = _line(rules, index, line)
        if not isinstance(rule, dict):
            continue
        named = rule.get("quantity")
        if isinstance(named, str) and named not in quantities:
            what = "is not a quantity item" if named in kinds else "is not an item"
            found.append((where, f"{iid}: eligibility rule quantity {named!r} {what}"))
        named = rule.get("cert_active")
        if isinstance(named, str) and kinds.get(named) != "certification":
            what = "is not a certification" if named in kinds else "is not an item"
            found.append((where, f"{iid}: eligibility rule cert_active {named!r} {what}"))
        options = rule.get("any_of")
        if isinstance(options, list):
            found.extend(_rule_problems(iid, options, kinds, quantities, where))
    return found
