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
    from jtbd_kit.demo import run_demo

    check_demo_folder(out)
    run_demo(out, transcripts)


def check_demo_folder(out: Path) -> None:
    """Refuse an --out the demo must not replace: the demo empties an earlier demo folder first.

    Only a folder holding an earlier demo (its database with the report or exports, nothing
    else) is replaced; a project of your own, other files, or the folder you are in are refused.
    """
    from jtbd_kit.cli import check_output
    from jtbd_kit.errors import UserError

    check_output(out, "--out", folder=True)
    if not out.is_dir():
        return
    here, target = Path.cwd().resolve(), out.resolve()
    if target == here or target in here.parents:
        raise UserError("is the folder you are in (or holds it): the demo would replace it", out, None,
                        "pick a new folder for --out, outside the one you are in")
    names = {p.name for p in out.iterdir()}
    if not names:
        return
    foreign = sorted(names - DEMO_FILES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise UserError(f"folder holds files that are not an earlier demo ({shown})", out, None,
                        "pick a new folder for --out")
    if "jtbd.db" not in names or not names & DEMO_RESULTS:
        raise UserError("folder holds a project that is not a finished earlier demo", out, None,
                        "delete it yourself if it is an old demo, or pick a new folder for --out")


DEMO_RESULTS = {"report", "study.qdpx", "study.xlsx"}
DEMO_FILES = DEMO_RESULTS | {"jtbd.db", "jtbd.db-wal", "jtbd.db-shm", "jtbd.db-journal", "jtbd-data"}


COMMANDS = [demo]
