"""`jtbd import`: transcripts into the project database."""

from __future__ import annotations

import sys

import click

from jtbd_kit.cli import db_option


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--replace", is_flag=True, help="Replace an interview whose source file changed.")
@click.option("--language", "-l", default=None, help="Language of the transcripts (en, ru, uk, pl); detected when not given.")
@click.option("--offset", type=float, default=0.0, show_default=True,
              help="Seconds between the live interview clock and the recording (recording started later: positive).")
@db_option
def import_(paths: tuple[str, ...], replace: bool, language: str | None, offset: float, db_path: str | None) -> None:
    """Import transcript files or folders (.txt, .vtt, .srt, .docx).

    Each file is imported on its own: a bad file is reported on one line and changes
    nothing, the good ones are imported, and the exit code is 2 if any failed. Importing the
    same file again changes nothing; a changed file needs --replace. The participant is the
    file's own `participant:` line, else the id that starts the file name (P-13-zoom.vtt is
    P-13). The respondent is the file's `respondent:` line, else the speaker who talks most and
    asks least (a warning says so). Formats and rules: docs/transcripts.md.

    \b
    Example:
      jtbd import transcripts/
      jtbd import zoom/P-07.vtt --language en --replace
    """
    from rich.console import Console
    from rich.progress import Progress

    from jtbd_kit.importer import find_transcripts, import_many
    from jtbd_kit.store.db import discard_db, open_db, resolve_db_path

    out, err = Console(highlight=False), Console(stderr=True, highlight=False)
    if language is not None:  # once here, not once per file of the batch
        from jtbd_kit.transcript.language import check_language

        language = check_language(language, "--language")
    files = find_transcripts(paths)
    if not files:
        err.print(f"Error: no transcript files (.txt .vtt .srt .docx) in {' '.join(paths)}", soft_wrap=True,
                  markup=False)
        sys.exit(2)
    db_file = resolve_db_path(db_path)
    new_db = not db_file.exists()
    db = open_db(db_file)
    counts = {"imported": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    with Progress(console=err, transient=True, disable=len(files) < 10) as progress:
        task = progress.add_task("Importing", total=len(files))
        for path, result, warnings, error in import_many(db, files, replace=replace, language=language,
                                                         offset=offset):
            progress.advance(task)
            for w in warnings if result and result.status != "unchanged" else []:
                err.print(f"Warning: {w}", style="yellow", soft_wrap=True, markup=False)
            if error:
                counts["failed"] += 1
                err.print(f"Error: {error}", soft_wrap=True, markup=False)
                continue
            counts[result.status] += 1
            if len(files) < 10:
                verb = {"unchanged": "unchanged, skipped"}.get(result.status, result.status)
                out.print(f"{path}: {result.participant} {verb}", soft_wrap=True, markup=False)
    if len(files) > 1 or not counts["failed"]:  # one failed file: its error line says it all
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        out.print(f"{len(files)} file{'s' if len(files) != 1 else ''}: {summary}")
    if new_db and not counts["imported"]:
        discard_db(db_file, db)
    if counts["failed"]:
        sys.exit(2)


COMMANDS = [import_]
