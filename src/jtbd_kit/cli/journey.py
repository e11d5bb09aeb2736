"""Journey maps and the study report: `jtbd journey`, `jtbd report`."""

from __future__ import annotations

from pathlib import Path

import click

from jtbd_kit.cli import db_option
from jtbd_kit.journey.labels import languages
from jtbd_kit.journey.stages import DEFAULT_SET, stage_set_names


@click.command()
@click.argument("persona", required=False)
@click.option("--format", "fmt", type=click.Choice(["md", "html", "mermaid", "json"]), default="md",
              show_default=True, help="Markdown, one self-contained HTML page, a Mermaid journey diagram, or JSON.")
@click.option("--stages", "stage_set", type=click.Choice(stage_set_names()), default=DEFAULT_SET, show_default=True,
              help="Stage set: the JTBD timeline, or the classic customer-journey stages (cjm).")
@click.option("--lang", type=click.Choice(languages()), default=None,
              help="Language of the labels (default: the language most interviews are in).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="File to write (default: print). An existing folder gets one file per persona.")
@db_option
def journey(persona: str | None, fmt: str, stage_set: str, lang: str | None, out: Path | None,
            db_path: str | None) -> None:
    """Draw the journey map of a persona (id, key or name), or of every persona.

    Stages follow the timeline, not the order the story was told in: doing, touchpoints, thinking,
    feeling (with highs and lows), pains, opportunities, quotes with their source, and how to
    measure each stage.

    \b
    Example:
      jtbd journey --db jtbd-demo/jtbd.db
      jtbd journey 1 --format mermaid --db jtbd-demo/jtbd.db
      jtbd journey --format html --stages cjm --out map.html --db jtbd-demo/jtbd.db
    """
    from jtbd_kit.journey.build import build_maps
    from jtbd_kit.journey.output import render, write_maps
    from jtbd_kit.store import open_db

    doc = build_maps(open_db(db_path, create=False), persona, stage_set, lang)
    if out is None:
        click.echo(render(doc, fmt), nl=False)
        return
    for path in write_maps(doc, fmt, out):
        click.echo(f"Wrote {path}", err=True)


@click.command()
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

    index = write_report(open_db(db_path, create=False), out, stage_set, lang)
    click.echo(str(index))


COMMANDS = [journey, report]
