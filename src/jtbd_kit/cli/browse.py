"""Looking at the project: `jtbd interviews`, `jtbd show`, `jtbd search`."""

from __future__ import annotations

import click

from jtbd_kit.cli import db_option


@click.command()
@db_option
def interviews(db_path: str | None) -> None:
    """List the interviews in the project.

    \b
    Example:
      jtbd interviews --db jtbd-demo/jtbd.db
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from jtbd_kit.store import open_db
    from jtbd_kit.store.interviews import list_interviews

    rows = list_interviews(open_db(db_path, create=False))
    if not rows:
        click.echo("0 interviews: import some with jtbd import PATH (a transcript file or a folder of them).")
        return
    table = Table(title=f"{len(rows)} interview{'s' if len(rows) != 1 else ''}")
    for col in ("participant", "language", "product", "turns", "words", "coded"):
        table.add_column(col, justify="right" if col in ("turns", "words") else "left")
    for r in rows:
        coded = "no" if not r["segments"] else f"{r['segments']} segments" + (
            f", {r['reviewed']} reviewed" if r["reviewed"] else "")
        table.add_row(Text(r["participant"]), r["language"], Text(r["product"] or ""), str(r["turns"]),
                      str(r["words"]), coded)
    Console().print(table)


@click.command(short_help="Show one interview: its turns, live tags and codes.")
@click.argument("participant")
@click.option("--codes/--no-codes", default=True, show_default=True, help="Show coded segments under each turn.")
@db_option
def show(participant: str, codes: bool, db_path: str | None) -> None:
    """Show one interview: turns with roles and timestamps, live tags, and its codes.

    \b
    Example:
      jtbd show P-01 --db jtbd-demo/jtbd.db
    """
    from rich.console import Console
    from rich.text import Text

    from jtbd_kit.store import open_db
    from jtbd_kit.store.interviews import interview_row, load_transcript
    from jtbd_kit.store.tags import tags_by_turn
    from jtbd_kit.transcript.model import format_timestamp
    from jtbd_kit.transcript.read import printable

    db = open_db(db_path, create=False)
    t = load_transcript(db, participant)
    tags = tags_by_turn(db, interview_row(db, participant)["id"])
    segments = []
    if codes:
        from jtbd_kit.store.segments import segments_for

        segments = segments_for(db, participant)
    console = Console(highlight=False)
    head = " · ".join(x for x in (t.participant, t.language, t.product, t.date) if x)
    console.print(Text.assemble((head, "bold"), f"  interviewer: {t.interviewer or '(not named)'}"
                                f"  respondent: {t.respondent or '(not named)'}"), soft_wrap=True)
    style = {"interviewer": "cyan", "respondent": "green", "other": "magenta"}
    for turn in t.turns:
        stamp = f"{format_timestamp(turn.seconds)} " if turn.seconds is not None else ""
        # One turn, one line: the terminal wraps it, and `| grep`/`| head` see whole turns.
        console.print(Text.assemble((stamp, "dim"), (printable(turn.speaker), style[turn.role]),
                                    (f" ({turn.role})", "dim"), ": ", printable(turn.text)), soft_wrap=True)
        for tag in tags.get(turn.index, []):
            note = f": {tag['note']}" if tag["note"] else ""
            console.print(Text.assemble(("    # tag ", "magenta"), (f"{tag['kind']}{note}", "magenta")), soft_wrap=True)
        for s in segments:
            if turn.start <= s["start"] < turn.end:
                console.print(Text.assemble(("    ▸ " + s["label"], "yellow"), "  ", (s["preview"], "dim")),
                              soft_wrap=True)


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most hits to show.")
@db_option
def search(query: str, limit: int, db_path: str | None) -> None:
    """Full-text search over every turn of every interview.

    Words match whole words in any case; SQLite FTS5 syntax works too ("meal kit" for a phrase,
    cook* for a prefix, price OR cost). Anything else is searched as plain words.

    \b
    Example:
      jtbd search price --db jtbd-demo/jtbd.db
      jtbd search '"meal kit"'
      jtbd search 'cook*' --limit 5
    """
    import re

    from rich.console import Console
    from rich.text import Text

    from jtbd_kit.store import open_db
    from jtbd_kit.store.interviews import search_turns
    from jtbd_kit.transcript.model import format_timestamp
    from jtbd_kit.transcript.read import printable

    console = Console(highlight=False)
    hits = search_turns(open_db(db_path, create=False), query, limit)
    for h in hits:
        line = Text.assemble((h["participant"], "cyan"), " ", format_timestamp(h["seconds"]) or f"turn {h['idx']}",
                             " ", printable(h["speaker"]), ": ")
        for i, part in enumerate(re.split(r"\[\[|\]\]", printable(h["snippet"]))):
            line.append(part, "bold yellow" if i % 2 else "")
        console.print(line, soft_wrap=True)
    console.print(f"[dim]{len(hits)} hit{'s' if len(hits) != 1 else ''}[/]")


COMMANDS = [interviews, show, search]
