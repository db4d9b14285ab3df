"""What the exported reports list item by item: each item with the user's whole state
(dates, notes, evidence), and the evidence pack of the target role's requirements
with their proof. Pure: no I/O, no clock."""

from __future__ import annotations

from typing import NamedTuple

from ..models import Curriculum, ItemProgress, Role, Standing
from .items import ItemRow, item_rows, required_levels, state


class ReportEntry(NamedTuple):
    """One item of an exported report: its list row and the user's full state
    (dates, notes, evidence)."""

    row: ItemRow
    state: ItemProgress

    @property
    def touched(self) -> bool:
        """Whether the user did anything on the item: a status, a note or evidence."""
        return self.state.status != "todo" or bool(self.state.notes or self.state.evidence)


def report_entries(
    curriculum: Curriculum, progress: Standing, role: Role | None
) -> list[ReportEntry]:
    """Every item of the curriculum, in order, with the user's state."""
    return [
        ReportEntry(row=row, state=state(progress, row.id))
        for row in item_rows(curriculum, progress, role)
    ]


class EvidencePack(NamedTuple):
    """The target role's requirements with the user's proof: ``requirements`` are
    report entries (row and full state) in curriculum order, skipped ones left out;
    ``skipped`` the IDs of requirements the user marked not applicable."""

    requirements: list[ReportEntry]
    skipped: list[str]


def evidence_pack(curriculum: Curriculum, progress: Standing, role: Role) -> EvidencePack:
    """Every requirement of ``role`` with what proves it (an entry is proven when its
    state has an evidence link)."""
    required = required_levels(role)
    entries = [e for e in report_entries(curriculum, progress, role) if e.row.id in required]
    return EvidencePack(
        requirements=[e for e in entries if e.state.status != "skipped"],
        skipped=[e.row.id for e in entries if e.state.status == "skipped"],
    )
