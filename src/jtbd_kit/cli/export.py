"""`jtbd export`: the coded project for ATLAS.ti, NVivo, MAXQDA (REFI-QDA) or Excel."""

from __future__ import annotations

from pathlib import Path

import click

from jtbd_kit.cli import check_output, db_option

WRITERS = {".qdpx": "qdpx", ".xlsx": "xlsx"}


@click.command(short_help="Export the coded project for ATLAS.ti, NVivo, MAXQDA or Excel.")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def export(out: Path, db_path: str | None) -> None:
    """Export the coded project to OUT: a REFI-QDA .qdpx project or an Excel .xlsx workbook.

    The format follows the file's suffix. A .qdpx opens in ATLAS.ti, NVivo and MAXQDA with every
    coded segment as a coded selection (stage, forces, emotion, touchpoints, pains as codes).

    \b
    Example:
      jtbd export study.qdpx --db jtbd-demo/jtbd.db
      jtbd export study.xlsx --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.errors import UserError
    from jtbd_kit.store import open_db

    kind = WRITERS.get(out.suffix.lower())
    if kind is None:
        raise UserError(f"unknown export format {out.suffix or '(no suffix)'!r}", out, None,
                        "name the file .qdpx (REFI-QDA) or .xlsx (Excel)")
    check_output(out, "path", db_path=db_path)
    db = open_db(db_path, create=False)
    if not db["interviews"].count:
        raise UserError("nothing to export: no interviews in the project", None, None,
                        "import transcripts first: jtbd import PATH")
    if not db["segments"].count:
        click.echo("Warning: nothing is coded yet, so the export holds the transcripts without codes "
                   "(code them first: jtbd code)", err=True)
    if kind == "qdpx":
        from jtbd_kit.exports.qdpx import write_qdpx as writer
    else:
        from jtbd_kit.exports.xlsx import write_xlsx as writer
    writer(db, out)
    click.echo(f"Wrote {out}")


COMMANDS = [export]
