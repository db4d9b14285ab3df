"""What the exported reports list item by item: each item with the user's whole state
(dates, notes, evidence), and the evidence pack of the target role's requirements
with their proof. Pure: no I/O, no clock."""

from __future__ import annotations

from typing import NamedTuple

from ..models import Curriculum, ItemProgress, Role, Standing, Story
from .items import ItemRow, item_rows, state
from .requirements import role_status


class ReportEntry(NamedTuple):
    """One item of an exported report: its list row, the user's full state
    (dates, notes, evidence) and the ``hours_logged`` on it in the time log (hours;
    schema 7)."""

    row: ItemRow
    state: ItemProgress
    hours_logged: float = 0.0

    @property
    def touched(self) -> bool:
        """Whether the user did anything on the item: a status, a note or evidence."""
        return self.state.status != "todo" or bool(self.state.notes or self.state.evidence)


def report_entries(
    curriculum: Curriculum, progress: Standing, role: Role | None
) -> list[ReportEntry]:
    """Every item of the curriculum, in order, with the user's state and the hours
    logged on it."""
    logged: dict[str, float] = {}
    for entry in progress.time_log:
        logged[entry.item] = logged.get(entry.item, 0.0) + entry.minutes / 60
    return [
        ReportEntry(row=row, state=state(progress, row.id), hours_logged=logged.get(row.id, 0.0))
        for row in item_rows(curriculum, progress, role)
    ]


class EvidencePack(NamedTuple):
    """The target role's requirements with the user's proof: ``requirements`` are
    report entries (row and full state) in curriculum order, skipped ones left out;
    ``skipped`` the IDs of waived requirements (skipped as not applicable);
    ``stories`` the user's STAR stories, those linked to a requirement's item first."""

    requirements: list[ReportEntry]
    skipped: list[str]
    stories: tuple[Story, ...] = ()


def evidence_pack(curriculum: Curriculum, progress: Standing, role: Role) -> EvidencePack:
    """Every requirement of ``role`` (inherited ones included) with what proves it:
    an entry is proven when its state has an evidence link. An ``any_of`` group is
    one entry, its option with evidence (else the one it counts); a waived
    requirement is listed in ``skipped`` by its item ID (a group's joined with
    " or "), never as proven."""
    rows = {row.id: row for row in item_rows(curriculum, progress, role)}
    requirements: list[ReportEntry] = []
    skipped: list[str] = []
    for rs in role_status(curriculum, progress, role):
        if rs.standing == "waived":
            skipped.append(" or ".join(rs.item_ids))
            continue
        proven = [i for i in rs.item_ids if state(progress, i).evidence]
        chosen = proven[0] if proven else rs.counted.item.id
        requirements.append(ReportEntry(row=rows[chosen], state=state(progress, chosen)))
    required = {i for rs in role_status(curriculum, progress, role) for i in rs.item_ids}
    linked = [st for st in progress.stories if required & set(st.items)]
    others = [st for st in progress.stories if st not in linked]
    return EvidencePack(requirements=requirements, skipped=skipped, stories=(*linked, *others))
