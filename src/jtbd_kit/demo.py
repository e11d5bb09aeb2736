"""`jtbd demo`: the whole pipeline on the bundled sample transcripts, into a fresh folder.

Each stage is a plain function over the project database, so the demo is also a worked example
of using jtbd-kit from Python.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rich.console import Console

from jtbd_kit.atomic import check_folder_path
from jtbd_kit.errors import UserError
from jtbd_kit.guides import bundled_folder, bundled_guides
from jtbd_kit.importer import find_transcripts, import_many
from jtbd_kit.store import open_db


def bundled_transcripts() -> Path:
    """The sample interviews that come with jtbd-kit."""
    return bundled_folder("transcripts")


DEMO_RESULTS = {"report", "study.qdpx", "study.xlsx"}
DEMO_FILES = DEMO_RESULTS | {"jtbd.db", "jtbd.db-wal", "jtbd.db-shm", "jtbd.db-journal", "jtbd-data"}


def check_demo_folder(out: Path) -> None:
    """Refuse an `out` the demo must not replace: the demo empties an earlier demo folder first.

    Only a folder holding an earlier demo (its database with the report or exports, nothing
    else) is replaced; a project of your own, other files, the folder you are in (or one holding
    it), or a path through a file are refused with a UserError. `run_demo` calls this first.
    """
    out = Path(out)
    check_folder_path(out, "--out")
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


def run_demo(out: Path, transcripts: Path | None = None, console: Console | None = None) -> Path:
    """Run every stage into `out` (replaced only if it holds an earlier demo, see check_demo_folder);
    return the project database's path."""
    out = Path(out)
    check_demo_folder(out)
    console = console or Console(highlight=False)
    transcripts = transcripts or bundled_transcripts()
    files = find_transcripts([transcripts]) if transcripts.is_dir() else []
    if not files:
        raise UserError("no sample transcripts found", transcripts, None, "pass --transcripts DIR")
    if out.exists():
        shutil.rmtree(out)
    try:
        out.mkdir(parents=True)
    except OSError as e:
        raise UserError(f"cannot create the demo folder: {e.strerror}", out, None, "pick another --out DIR") from None
    try:
        return _run_stages(out, transcripts, files, console)
    except UserError:
        shutil.rmtree(out, ignore_errors=True)  # a failed demo leaves no half-built project
        raise


def _run_stages(out: Path, transcripts: Path, files: list[Path], console: Console) -> Path:
    db = open_db(out / "jtbd.db")
    imported = 0
    for path, result, _warnings, error in import_many(db, files):
        if error:
            raise UserError(f"a transcript failed to import: {error}")
        imported += 1
    console.rule("[bold]1. Import transcripts")  # after the import: a bad file is the only line printed
    console.print(f"Imported {imported} transcripts from {transcripts} "
                  f"({len({f.suffix for f in files})} formats) into {out / 'jtbd.db'}")

    console.rule("[bold]2. Code")
    from jtbd_kit.coding.stored import code_with_progress

    code_with_progress(db, console)

    console.rule("[bold]3. Personas")
    from jtbd_kit.personas.render import demo_stage

    demo_stage(db, console)

    console.rule("[bold]4. Journey maps and report")
    from jtbd_kit.journey.report import write_report

    index = write_report(db, out / "report")
    console.print(f"Wrote a journey map per persona (HTML, Markdown, Mermaid, JSON) and the study report: "
                  f"{len(list(index.parent.iterdir()))} files in {index.parent}", soft_wrap=True)

    console.rule("[bold]5. Exports")
    from jtbd_kit.exports.qdpx import write_qdpx
    from jtbd_kit.exports.xlsx import write_xlsx

    qdpx, xlsx = write_qdpx(db, out / "study.qdpx"), write_xlsx(db, out / "study.xlsx")
    console.print(f"REFI-QDA project for ATLAS.ti, NVivo or MAXQDA: {qdpx}\nExcel workbook: {xlsx}", soft_wrap=True)

    console.rule("[bold]Done")
    console.print(f"Project database: {out / 'jtbd.db'}")
    console.print(f"Look around: jtbd interviews --db {out / 'jtbd.db'}")
    quick = bundled_guides() / "quick-en.yaml"
    quick_shown = os.path.relpath(quick) if not os.path.relpath(quick).startswith("..") else quick.name
    console.print(f"Run an interview: jtbd interview {quick_shown} --participant P-99 --respondent Sam "
                  f"--db {out / 'jtbd.db'}", soft_wrap=True)
    console.print(f"Open the report: {index}", soft_wrap=True)
    return out / "jtbd.db"
