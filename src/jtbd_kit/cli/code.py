"""`jtbd code`: code transcript files (no database) or stored interviews (into the segments table)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from jtbd_kit.cli import db_option
from jtbd_kit.errors import UserError


@click.command(short_help="Code transcripts: stage, forces, emotion, touchpoints, pains.")
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default=None,
              help="Output for files: a table (default on a terminal) or JSON lines / one JSON list.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes to code many interviews with.")
@click.option("--language", default=None, help="Language of the files, if not in their front matter.")
@db_option
def code(targets: tuple[str, ...], fmt: str | None, jobs: int, language: str | None, db_path: str | None) -> None:
    """Code transcripts: JTBD stage, forces, emotion, touchpoints and pains per segment.

    TARGETS are transcript files or folders of them (coded and printed, no database needed) or
    participant ids of stored interviews (coded into the project database; segments a
    researcher reviewed are kept). No TARGETS codes every stored interview. The project's own
    model (see `jtbd learn`) is used when one was learned, else the shipped model; a line on
    stderr says which.

    \b
    Example:
      jtbd code transcripts/P-01-en.txt --format jsonl
      jtbd code transcripts/ --format json
      jtbd code P-01 P-02 --db jtbd-demo/jtbd.db
      jtbd code --db jtbd-demo/jtbd.db
    """
    if language is not None:
        from jtbd_kit.transcript.language import check_language

        language = check_language(language, "--language")
    files, participants = _split(targets)
    if files and participants:
        raise UserError("give either transcript files or participant ids, not both", None, None,
                        "run jtbd code twice")
    if files:
        _code_files(files, fmt or ("table" if sys.stdout.isatty() else "jsonl"), language, jobs, db_path)
    else:
        _code_db(participants, db_path, jobs, fmt)


def _split(targets: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """TARGETS as (transcript files, participant ids); a folder stands for the transcripts in it.

    A target that looks like a path (a folder separator or a transcript suffix) but is not there
    is refused here: looked up as a participant id it would only say "no interview".
    """
    from jtbd_kit.transcript import SUFFIXES

    files: list[str] = []
    participants: list[str] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            from jtbd_kit.importer import find_transcripts

            found = find_transcripts([path])
            if not found:
                raise UserError(f"no transcript files ({' '.join(sorted(SUFFIXES))}) in this folder", target, None,
                                "give transcript files, or participant ids of stored interviews")
            files += [str(f) for f in found]
        elif path.is_file():
            files.append(target)
        elif "/" in target or "\\" in target or path.suffix.lower() in SUFFIXES:
            raise UserError("no such file", target, None, "check the path, or give a participant id such as P-01")
        else:
            participants.append(target)
    return files, participants


def which_model(db_path: str | None) -> str:
    """One line naming the model `jtbd code` uses: the project's own, the shipped one, or none."""
    from jtbd_kit.coding.weights import SHIPPED, active_model

    model = active_model(db_path)
    if model is None:
        return "Coded with the cue rules alone (no model file found)."
    if model.path == SHIPPED:
        return f"Coded with the shipped model {model.name}."
    return f"Coded with the project model {model.name} ({model.path})."


def _code_files(files: list[str], fmt: str, language: str | None, jobs: int, db_path: str | None) -> None:
    from jtbd_kit.coding.files import code_files

    results = code_files(files, language=language, jobs=jobs, db_path=db_path)
    click.echo(which_model(db_path), err=True)
    for _, _, warnings in results:
        for w in warnings:
            click.echo(f"Warning: {w}", err=True)
    if fmt == "table":
        from rich.console import Console

        from jtbd_kit.coding.render import segments_table

        console = Console()
        for path, segments, _ in results:
            console.print(segments_table(segments, title=path))
        return
    rows = [dict(s.to_dict(), file=path) if len(files) > 1 else s.to_dict() for path, segs, _ in results for s in segs]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))


def _code_db(participants: list[str], db_path: str | None, jobs: int, fmt: str | None) -> None:
    from rich.console import Console
    from rich.progress import Progress

    from jtbd_kit.coding import code_stored
    from jtbd_kit.store import open_db

    db = open_db(db_path, create=False)
    names = participants or [r["participant"] for r in db.query("select participant from interviews")]
    if not names:
        raise UserError("no interviews in the project to code", None, None, "import transcripts first: jtbd import PATH")
    console = Console(stderr=fmt in ("jsonl", "json"))
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("Coding", total=len(names))
        done = code_stored(db, participants or None, jobs=jobs, progress=lambda p: bar.advance(task))
    if fmt in ("jsonl", "json"):
        rows = [{"participant": d.participant, "segments": d.segments, "reviewed_kept": d.kept_reviewed}
                for d in done]
        click.echo(json.dumps(rows) if fmt == "json" else "\n".join(json.dumps(r) for r in rows))
        return
    for d in done:
        kept = f", {d.kept_reviewed} reviewed kept" if d.kept_reviewed else ""
        console.print(f"{d.participant}: {d.segments} segments{kept}", markup=False)
    console.print(f"Coded {len(done)} interview{'s' if len(done) != 1 else ''}.")
    console.print(which_model(db_path), soft_wrap=True)


COMMANDS = [code]
