"""`jtbd learn`: train the project's own coder from reviewed segments and annotated interviews."""

from __future__ import annotations

from pathlib import Path

import click

from jtbd_kit.cli import db_option


@click.command(short_help="Train the project's own coder from your reviewed segments.")
@click.option("--annotated", "annotated", multiple=True, type=click.Path(path_type=Path),
              help="A folder (or file) of *.annotated.txt interviews to learn from as well; repeatable.")
@db_option
def learn(annotated: tuple[Path, ...], db_path: str | None) -> None:
    """Train the project's coder from the segments you reviewed (and annotated interviews).

    Every segment a researcher reviewed (origin `human` in the segments table) is gold; so is
    every `{stage|forces|emotion}` tag in the --annotated files. The model is written to
    jtbd-data/models/coder.json beside the database, and `jtbd code` uses it from then on.
    Delete that file to go back to the shipped model.

    \b
    Example:
      jtbd learn --db jtbd-demo/jtbd.db --annotated tests/data/coding/annotated
    """
    from jtbd_kit.coding.learn import learn_project

    if not annotated:  # reviewed segments are all there is to learn from: the project must exist
        from jtbd_kit.store import open_db

        open_db(db_path, create=False)
    done = learn_project(db_path, list(annotated))
    click.echo(f"Learned {done.name} from {done.units} sentences: {done.reviewed} interviews with reviewed "
               f"segments, {done.annotated} annotated files.")
    click.echo(f"Wrote {done.path}; jtbd code now uses it.")


COMMANDS = [learn]
