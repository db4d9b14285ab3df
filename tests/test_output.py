"""One output path: every export format is in the exporter registry, every printed
result type in the emit registry, and JSON is built from the result types."""

from __future__ import annotations

from datetime import date

from aipm_tracker import engine
from aipm_tracker.cli import output
from aipm_tracker.cli.report import ExportFormat
from aipm_tracker.render import jsondoc
from aipm_tracker.render.exporters import EXPORTERS


def test_the_exporter_registry_lists_every_format_in_order() -> None:
    assert list(EXPORTERS) == [f.value for f in ExportFormat]
    assert all(callable(e) for e in EXPORTERS.values())


def test_every_printed_result_type_has_one_output() -> None:
    from aipm_tracker.backups import BackupSummary
    from aipm_tracker.doctor import Finding
    from aipm_tracker.models import Contact, Event, Story

    kinds = [
        engine.StatusReport, engine.ItemRow, engine.ItemDetail, engine.Gap,
        engine.NextStep, engine.Burndown, engine.Plan, engine.RoleSummary, Event, BackupSummary,
        Finding, engine.DrillDue, Story, engine.ApplicationRow, Contact,
        Finding, engine.JobRow, engine.JobText, engine.JobMatch, engine.Market, engine.CvCheck,
        engine.LogList,
        engine.CertStatus, engine.ExperienceList,
    ]  # fmt: skip
    assert {k.__name__ for k in kinds} | {"places"} == set(output.OUTPUTS)


def test_json_is_the_result_fields_with_the_shape_differences_only() -> None:
    row = engine.ItemRow("ai.nlp", "NLP", "ai", "skill", "core", "todo", None, 2, 10.0)
    assert jsondoc.to_json(row) == row._asdict()
    gap = engine.Gap("ai.nlp", "NLP", "ai", "core", "todo", 1, 2, True, True, 10.0, ["ai.nlp"])
    assert list(jsondoc.to_json(gap)) == ["item", *engine.Gap._fields[1:]]
    point = engine.BurndownPoint(date(2026, 11, 23), 5.0)
    chart = engine.Burndown("r", "Role", 10.0, [point], None, None, date(2027, 1, 2))
    assert jsondoc.to_json(chart) == {
        "role": "r",
        "title": "Role",
        "hours_required": 10.0,
        "hours_remaining": 5.0,
        "points": [{"day": "2026-11-23", "hours_remaining": 5.0}],
        "hours_per_week": None,
        "pace_source": None,
        "ready_on": "2027-01-02",
        "observed_pace": None,
    }


def test_every_shape_order_names_every_key_once() -> None:
    for kind, shape in jsondoc.SHAPES.items():
        if not shape.order:
            continue
        fields = [shape.rename.get(f, f) for f in kind._fields if f not in shape.omit]
        assert sorted(shape.order) == sorted({*fields, *shape.add}), kind
