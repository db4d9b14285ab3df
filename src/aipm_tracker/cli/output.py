"""Choosing the output: one :func:`emit` for every command that prints a result, as
JSON (``--json``) or as its terminal view, through one registry keyed by the result's
type. The renderers are imported only when a result is printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

if TYPE_CHECKING:
    from ..models import Role
    from .context import RoleChoice


class Output(NamedTuple):
    """How one kind of result is printed: ``json`` turns it into JSON data, ``view``
    into a terminal renderable (taking the result, then the command's view options);
    ``soft_wrap`` keeps long lines (paths, commands) whole."""

    json: Callable[[Any], Any]
    view: Callable[..., Any]
    soft_wrap: bool = False


def _jsondoc() -> Any:
    from ..render import jsondoc

    return jsondoc


def _terminal() -> Any:
    from ..render import terminal

    return terminal


def _to_json(result: Any) -> Any:
    return _jsondoc().to_json(result)


OUTPUTS: dict[str, Output] = {
    "StatusReport": Output(
        _to_json, lambda r, show_all=False: _terminal().status_view(r, show_all)
    ),
    "ItemRow": Output(
        _to_json, lambda rows, level_names=None: _terminal().items_view(rows, level_names)
    ),
    "ItemDetail": Output(_to_json, lambda d: _terminal().item_view(d)),
    "Gap": Output(
        _to_json,
        lambda gaps, role_title, level_names=None: _terminal().gaps_view(
            role_title, gaps, level_names
        ),
    ),
    "NextStep": Output(_to_json, lambda steps, explain: _terminal().next_view(steps, explain)),
    "Burndown": Output(_to_json, lambda b: _terminal().burndown_view(b)),
    "LogList": Output(_to_json, lambda found: _terminal().log_list_view(found)),
    "Plan": Output(_to_json, lambda p, weeks=12: _terminal().plan_view(p, weeks)),
    "RoleSummary": Output(
        _to_json, lambda found, current=None: _terminal().roles_summary_view(found, current)
    ),
    "Event": Output(
        lambda events: [_jsondoc().event_json(e) for e in events],
        lambda events: _terminal().history_view(events),
    ),
    "BackupSummary": Output(
        lambda summaries: _jsondoc().backups_json(summaries),
        lambda summaries, keep, command: _terminal().backups_view(summaries, keep, command),
    ),
    "Finding": Output(
        lambda findings: _jsondoc().doctor_json(findings),
        lambda findings: _terminal().doctor_view(findings),
        soft_wrap=True,
    ),
    "DrillDue": Output(_to_json, lambda d: _terminal().drill_due_view(d)),
    "Story": Output(_to_json, lambda stories: _terminal().stories_view(stories)),
    "ApplicationRow": Output(_to_json, lambda rows: _terminal().applications_view(rows)),
    "Contact": Output(_to_json, lambda contacts: _terminal().contacts_view(contacts)),
    "JobRow": Output(_to_json, lambda rows: _terminal().jobs_view(rows)),
    "JobText": Output(_to_json, lambda shown: _terminal().job_view(shown), soft_wrap=True),
    "JobMatch": Output(_to_json, lambda m: _terminal().match_view(m)),
    "Market": Output(_to_json, lambda m: _terminal().market_view(m)),
    "CvCheck": Output(_to_json, lambda c: _terminal().cv_view(c)),
    "CertStatus": Output(_to_json, lambda found: _terminal().certs_view(found)),
    "ExperienceList": Output(_to_json, lambda found: _terminal().experience_view(found)),
    "places": Output(lambda places: places, lambda p: _terminal().places_view(p), soft_wrap=True),
}
"""Every printable result by the name of its type (for a list: of its items), so
that the renderers' modules load only when used. ``places`` is ``aipm path``'s
``{what: path}``."""


def emit(result: Any, *, json: bool, of: type | str | None = None, **view_options: Any) -> None:
    """Print ``result`` to standard output: as JSON (indented, one trailing newline)
    when ``json``, else as its terminal view with ``view_options``. ``of`` names the
    kind of a list (its items' type, or a registry name), which an empty list cannot
    tell; else the kind is ``result``'s type. Raises KeyError for a kind that
    :data:`OUTPUTS` does not list (a bug)."""
    kind = of if isinstance(of, str) else (of or type(result)).__name__
    output = OUTPUTS[kind]
    if json:
        typer.echo(_jsondoc().dumps(output.json(result)), nl=False)
    else:
        _terminal().show(output.view(result, **view_options), soft_wrap=output.soft_wrap)


def take_role(choice: RoleChoice) -> Role | None:
    """The role of ``choice`` (see :meth:`Session.role
    <aipm_tracker.cli.context.Session.role>`), after printing its warning, if any, on
    standard error."""
    if choice.warning is not None:
        _terminal().warn(choice.warning)
    return choice.role
