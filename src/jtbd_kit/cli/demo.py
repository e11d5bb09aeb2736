"""`jtbd demo`: run the whole pipeline on the bundled sample transcripts."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(short_help="Run the whole pipeline on the bundled sample interviews.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("jtbd-demo"),
              show_default=True, help="Folder for the demo project (replaced if it holds an earlier demo).")
@click.option("--transcripts", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Transcripts to use instead of the bundled samples.")
def demo(out: Path, transcripts: Path | None) -> None:
    """Run the whole pipeline on the bundled sample interviews: no network, no server.

    Imports the sample interviews, codes them, finds personas, draws journey maps and
    exports, all into one folder (./jtbd-demo/ unless --out says otherwise). Open
    jtbd-demo/report/index.html in a browser to see the result; the other commands work on the
    demo project with --db jtbd-demo/jtbd.db.

    \b
    Example:
      jtbd demo
      jtbd demo --out /tmp/jtbd-demo
    """
    from jtbd_kit.cli import check_output
    from jtbd_kit.demo import run_demo

    check_output(out, "--out", folder=True)  # also refuses a folder that cannot be written in
    run_demo(out, transcripts)  # refuses a folder that is not an earlier demo (check_demo_folder)


COMMANDS = [demo]
