"""Journey maps and the study report: `jtbd journey`, `jtbd report`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from jtbd_kit.cli import check_output, db_option
from jtbd_kit.errors import UserError
from jtbd_kit.journey.labels import languages
from jtbd_kit.journey.stages import DEFAULT_SET, stage_set_names


@click.command(short_help="Draw the journey map of a persona, or of every persona.")
@click.argument("persona", required=False)
@click.option("--format", "fmt", type=click.Choice(["md", "html", "mermaid", "json"]), default=None,
              help="Markdown, one self-contained HTML page, a Mermaid journey diagram, or JSON "
                   "(default: from the --out suffix, else md).")
@click.option("--stages", "stage_set", type=click.Choice(stage_set_names()), default=DEFAULT_SET, show_default=True,
              help="Stage set: the JTBD timeline, or the classic customer-journey stages (cjm).")
@click.option("--lang", type=click.Choice(languages()), default=None,
              help="Language of the labels (default: the language most interviews are in).")
@click.option("--out", type=click.Path(), default=None,
              help="File to write: .md, .txt, .html, .mmd or .json (default: print). "
                   "An existing folder gets one file per persona.")
@db_option
def journey(persona: str | None, fmt: str | None, stage_set: str, lang: str | None, out: str | None,
            db_path: str | None) -> None:
    """Draw the journey map of a persona (id, key or name), or of every persona.

    Stages follow the timeline, not the order the story was told in: doing, touchpoints, thinking,
    feeling (with highs and lows), pains, opportunities, quotes with their source, and how to
    measure each stage.

    \b
    Example:
      jtbd journey --db jtbd-demo/jtbd.db
      jtbd journey 1 --format mermaid --db jtbd-demo/jtbd.db
      jtbd journey 1 --stages cjm --db jtbd-demo/jtbd.db
      jtbd journey --format html --out map.html --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.journey.build import build_maps
    from jtbd_kit.journey.output import file_format, render, write_maps
    from jtbd_kit.store import open_db

    path = None
    if out is not None:  # checked before the maps are built: a bad --out fails fast and writes nothing
        path = Path(out)
        if out.endswith(("/", os.sep)) and not path.is_dir():  # "maps/" means a folder, never a file "maps"
            raise UserError("folder does not exist", out, None,
                            "create it first for one file per persona, or give a file name")
        check_output(path, "--out", folder=path.is_dir(), db_path=db_path)
        if not path.is_dir():  # --out map.html means HTML; --out map.pdf is refused, not filled with Markdown
            fmt = file_format(path, fmt)
    fmt = fmt or "md"
    doc = build_maps(open_db(db_path, create=False), persona, stage_set, lang)
    if path is None:
        click.echo(render(doc, fmt), nl=False)
        return
    for written in write_maps(doc, fmt, path):
        click.echo(f"Wrote {written}", err=True)


@click.command(short_help="Write the whole study into one folder, index.html first.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("jtbd-report"),
              show_default=True, help="Folder for the report (created if missing; its report files are replaced).")
@click.option("--stages", "stage_set", type=click.Choice(stage_set_names()), default=DEFAULT_SET, show_default=True,
              help="Stage set of the maps.")
@click.option("--lang", type=click.Choice(languages()), default=None,
              help="Language of the labels (default: the language most interviews are in).")
@db_option
def report(out: Path, stage_set: str, lang: str | None, db_path: str | None) -> None:
    """Write the whole study into one folder: index.html, every persona's map in every format, saturation.

    \b
    Example:
      jtbd report --db jtbd-demo/jtbd.db --out jtbd-report
    """
    from jtbd_kit.journey.report import write_report
    from jtbd_kit.store import open_db

    check_output(out, "--out", folder=True)
    index = write_report(open_db(db_path, create=False), out, stage_set, lang)
    click.echo(str(index))


COMMANDS = [journey, report]
