"""`jtbd personas` (find, show, rename, merge, move) and `jtbd saturation`."""

from __future__ import annotations

import click

from jtbd_kit.cli import db_option

FORMATS = click.Choice(["table", "json", "md"])


def _print(personas: list[dict], fmt: str) -> None:
    from rich.console import Console

    from jtbd_kit.personas.render import personas_json, personas_markdown, print_personas

    if fmt == "json":
        click.echo(personas_json(personas))
    elif fmt == "md":
        click.echo(personas_markdown(personas), nl=False)
    else:
        print_personas(Console(highlight=False), personas)


def _db(ctx: click.Context, db_path: str | None):
    from jtbd_kit.store import open_db

    # `jtbd personas --db X rename ...` and `jtbd personas rename ... --db X` both work.
    return open_db(db_path or (ctx.parent.params.get("db_path") if ctx.parent else None), create=False)


@click.group(invoke_without_command=True, short_help="Group the coded interviews into personas, and edit them.")
@click.option("--k", type=int, default=None, help="Number of personas (default: chosen automatically).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@db_option
@click.pass_context
def personas(ctx: click.Context, k: int | None, fmt: str, db_path: str | None) -> None:
    """Group the coded interviews into personas, save them, and print them.

    Re-running keeps the researcher's edits: renamed personas keep their names and moved or
    merged members stay where they were put. `jtbd personas show` prints the saved personas
    without clustering again. Below the personas, a line says how clearly they stand apart
    (weak, moderate or clear); a weak grouping is a draft to check member by member. When another
    number of personas separates the interviews about as well, a line names the --k that shows it.
    Members that sit nearly as close to another persona are marked `?`, with the command that moves
    them: read those first.

    \b
    Example:
      jtbd personas --db jtbd-demo/jtbd.db
      jtbd personas --k 3 --format json --db jtbd-demo/jtbd.db
    """
    if ctx.invoked_subcommand:
        return
    from jtbd_kit.personas.find import find_personas

    _print(find_personas(_db(ctx, db_path), k), fmt)


@personas.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@db_option
@click.pass_context
def show(ctx: click.Context, fmt: str, db_path: str | None) -> None:
    """Print the saved personas without clustering again.

    \b
    Example:
      jtbd personas show --format md --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.errors import UserError
    from jtbd_kit.store.personas import list_personas

    saved = list_personas(_db(ctx, db_path))
    if not saved:
        raise UserError("no personas saved yet", None, None, "find them first: jtbd personas")
    _print(saved, fmt)


@personas.command(short_help="Give a persona your own name, description or job.")
@click.argument("persona")
@click.argument("name", required=False)
@click.option("--description", default=None, help="Replace the one-line description too.")
@click.option("--job", default=None, help='Replace the job statement ("When ..., I want to ..., so I can ...").')
@db_option
@click.pass_context
def rename(ctx: click.Context, persona: str, name: str | None, description: str | None, job: str | None,
           db_path: str | None) -> None:
    """Give a persona (id or key) your own name, description or job; re-runs keep them.

    \b
    Example:
      jtbd personas rename 2 "Weekend riders" --db jtbd-demo/jtbd.db
      jtbd personas rename 2 --job "When ..., I want to ..., so I can ..."
    """
    from jtbd_kit.errors import UserError
    from jtbd_kit.store.personas import edit_persona

    if name is None and description is None and job is None:
        raise UserError("nothing to change", None, None, 'give a NAME, --description or --job')
    p = edit_persona(_db(ctx, db_path), persona, name=name, description=description, job=job)
    click.echo(f"Persona {p['id']} is now {p['name']!r}.")


@personas.command(short_help="Merge personas into one.")
@click.argument("into")
@click.argument("others", nargs=-1, required=True)
@db_option
@click.pass_context
def merge(ctx: click.Context, into: str, others: tuple[str, ...], db_path: str | None) -> None:
    """Merge personas OTHERS into INTO (ids or keys); the members stay together on re-runs.

    \b
    Example:
      jtbd personas merge 1 3 --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.personas.find import refresh
    from jtbd_kit.store.personas import merge_personas

    db = _db(ctx, db_path)
    p = merge_personas(db, into, list(others))
    refresh(db)
    click.echo(f"Merged {', '.join(others)} into persona {p['id']} ({p['name']}): {len(p['members'])} members.")


@personas.command(short_help="Move one interview to another persona.")
@click.argument("participant")
@click.argument("persona")
@db_option
@click.pass_context
def move(ctx: click.Context, participant: str, persona: str, db_path: str | None) -> None:
    """Move one interview to another persona (id or key); it stays there on re-runs.

    \b
    Example:
      jtbd personas move P-03 2 --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.personas.find import refresh
    from jtbd_kit.store.personas import move_member

    db = _db(ctx, db_path)
    p = move_member(db, participant, persona)
    refresh(db)
    click.echo(f"Moved {participant} to persona {p['id']} ({p['name']}).")


@click.command(short_help="How many new codes each interview added, in date order.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@db_option
def saturation(fmt: str, db_path: str | None) -> None:
    """How many new codes (touchpoints, pains, force themes) each interview added, in date order.

    When the latest interviews add nothing new, you have probably talked to enough people.

    \b
    Example:
      jtbd saturation --db jtbd-demo/jtbd.db
    """
    import json

    from rich.console import Console

    from jtbd_kit.personas.find import coded_or_fail
    from jtbd_kit.personas.render import saturation_table
    from jtbd_kit.personas.saturation import saturation_curve, saturation_summary, undated
    from jtbd_kit.store import open_db

    db = open_db(db_path, create=False)
    coded_or_fail(db)
    rows = saturation_curve(db)
    if fmt == "json":
        click.echo(json.dumps({"saturation": rows, "undated": undated(rows)}, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(saturation_table(rows))
    console.print(saturation_summary(rows))


COMMANDS = [personas, saturation]
