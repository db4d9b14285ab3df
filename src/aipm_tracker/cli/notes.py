"""Commands on an item's notes and evidence: note (add, edit, remove) and evidence
(add, edit, remove)."""

from typing import Annotated

import typer

from . import context
from .context import session
from .groups import DefaultGroup
from .options import AtOpt, ItemArg, complete_item, whole_number

commands = typer.Typer(rich_markup_mode=None)
"""The commands of this module (the root app merges them: see cli/__init__.py)."""


# The core and the renderers are imported inside the commands that use them, so that
# the commands that do not (``--help``, ``path``) do not pay for them.


note_app = typer.Typer(
    cls=DefaultGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Add, edit or remove a dated note on ITEM.\n\nNotes are numbered as aipm show "
        'numbers them.\n\nExample: aipm note nlp "Finished week 2"\n\n'
        'Example: aipm note edit nlp 1 "Finished week 3"'
    ),
)
commands.add_typer(note_app, name="note")

NumberArg = Annotated[
    int,
    typer.Argument(
        parser=whole_number("an entry number", 1),
        metavar="N",
        help="Its number, as aipm show numbers them.",
        show_default=False,
    ),
]


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    item: ItemArg,
    text: Annotated[str, typer.Argument(help="The note.")],
    at: AtOpt = None,
) -> None:
    """Add a dated note to ITEM (aipm note ITEM TEXT says the same).

    Example: aipm note nlp "Finished week 2 of the course; tokenizers make sense now"

    Example: aipm note add nlp "Read the tokenizer chapter" --at yesterday
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    s.change_item(item_id, lambda p, i: changes.add_note(p, i, text, now, as_of=as_of))
    terminal.say(f"Note added to {item_id}. Undo with: aipm undo", style="green")


@note_app.command("edit")
def note_edit(
    ctx: typer.Context,
    item: ItemArg,
    number: NumberArg,
    text: Annotated[str, typer.Argument(help="The note's new text.")],
    at: AtOpt = None,
) -> None:
    """Replace the text of note N of ITEM (and with --at its date).

    Example: aipm note edit nlp 1 "Finished week 3, not 2"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    after = s.change_item(
        item_id, lambda p, i: changes.edit_note(p, i, number, text, now, as_of=as_of)
    )
    if after is None:
        terminal.say(f"Note {number} of {item_id} already says that; nothing changed.")
        return
    terminal.say(f"Note {number} of {item_id} edited. Undo with: aipm undo", style="green")


@note_app.command("remove")
def note_remove(ctx: typer.Context, item: ItemArg, number: NumberArg) -> None:
    """Remove note N of ITEM.

    Example: aipm note remove nlp 2
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now = context.now()
    s.change_item(item_id, lambda p, i: changes.remove_note(p, i, number, now))
    terminal.say(f"Note {number} of {item_id} removed. Undo with: aipm undo", style="green")


evidence_app = typer.Typer(
    cls=DefaultGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Attach, edit or remove a link that proves your progress.\n\nOne link can "
        "back several items: aipm evidence ITEM [ITEM ...] URL.\n\n"
        "Example: aipm evidence csm https://example.com/my-csm-badge "
        '--label "CSM badge"\n\nExample: aipm evidence remove csm 1'
    ),
)
commands.add_typer(evidence_app, name="evidence")


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM... URL",
            help="The items it proves, then an http(s) link: certificate, repo, post.",
            autocompletion=complete_item,
            show_default=False,
        ),
    ],
    label: Annotated[str | None, typer.Option("--label", help="What the link shows.")] = None,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", help="The certificate or credential number, to verify it."),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Attach a link that proves your progress on ITEM, or on several at once.

    One piece of evidence (a project write-up) can back several items: name them all
    before the link. For a certification, add the credential number the issuer gave
    you: the evidence pack (aipm export --format evidence) shows it for an employer to
    verify.

    Example: aipm evidence csm https://example.com/my-csm-badge --label "CSM badge"

    Example: aipm evidence chatbot nlp https://example.com/write-up --label "Write-up"

    Example: aipm evidence add csm https://example.com/csm --credential-id 000123
    """
    from .. import changes
    from ..errors import UsageError
    from ..render import terminal

    if len(items) < 2:
        raise UsageError("name the item and then the link: aipm evidence ITEM [ITEM ...] URL")
    s = session(ctx)
    *named, url = items
    item_ids = s.resolve_all(named)
    now, as_of = context.now(), context.moment(at)
    s.update(
        lambda p: changes.add_evidence(p, item_ids, url, now, label, credential_id, as_of=as_of)
    )
    terminal.say(f"Evidence added to {', '.join(item_ids)}. Undo with: aipm undo", style="green")


@evidence_app.command("edit")
def evidence_edit(
    ctx: typer.Context,
    item: ItemArg,
    number: NumberArg,
    url: Annotated[str | None, typer.Option("--url", help="The new http(s) link.")] = None,
    label: Annotated[
        str | None, typer.Option("--label", help='What the link shows ("" removes it).')
    ] = None,
    credential_id: Annotated[
        str | None,
        typer.Option("--credential-id", help='The credential number ("" removes it).'),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Change the link, label, credential number or (--at) date of evidence N of ITEM.

    Example: aipm evidence edit csm 1 --label "CSM certificate"
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now, as_of = context.now(), context.moment(at)
    after = s.change_item(
        item_id,
        lambda p, i: changes.edit_evidence(
            p, i, number, now, url=url, label=label, credential_id=credential_id, as_of=as_of
        ),
    )
    if after is None:
        terminal.say(f"Evidence {number} of {item_id} already says that; nothing changed.")
        return
    terminal.say(f"Evidence {number} of {item_id} edited. Undo with: aipm undo", style="green")


@evidence_app.command("remove")
def evidence_remove(ctx: typer.Context, item: ItemArg, number: NumberArg) -> None:
    """Remove evidence N of ITEM.

    Example: aipm evidence remove csm 2
    """
    from .. import changes
    from ..render import terminal

    s = session(ctx)
    item_id = s.resolve(item)
    now = context.now()
    s.change_item(item_id, lambda p, i: changes.remove_evidence(p, i, number, now))
    terminal.say(f"Evidence {number} of {item_id} removed. Undo with: aipm undo", style="green")
