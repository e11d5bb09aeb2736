"""`jtbd interview`: run a live switch interview in the terminal."""

from __future__ import annotations

import click

from jtbd_kit.cli import db_option


@click.command(short_help="Run a live switch interview in the terminal.")
@click.argument("guide", type=click.Path(dir_okay=False))
@click.option("--participant", "-p", required=True, help="Participant id, e.g. P-07 (letters, digits, - and _).")
@click.option("--respondent", "-r", required=True, help="The respondent's name, as the transcript will show it.")
@click.option("--interviewer", default="Interviewer", show_default=True, help="Your name in the transcript.")
@click.option("--product", default=None, help="What the respondent switched to (kept with the interview).")
@click.option("--resume", is_flag=True, help="Continue an unfinished interview from its journal.")
@db_option
def interview(guide: str, participant: str, respondent: str, interviewer: str, product: str | None, resume: bool,
              db_path: str | None) -> None:
    """Run a switch interview with GUIDE: type answers, tag moments, finish into the project.

    GUIDE is a guide file of your own, or the file name of a bundled one (`jtbd guides`
    lists them), e.g. quick-en.yaml.

    Every keystroke is written to a journal on disk before it shows (in the folder
    jtbd-data beside the database), so a crash loses nothing: run the same command with
    --resume. Finishing (ctrl+f) saves the transcript into the project, and a copy as a
    text file in jtbd-data. Press F1 in the app for the keys.

    \b
    Example:
      jtbd interview quick-en.yaml --participant P-99 --respondent Sam
      jtbd interview switch-en.yaml -p P-07 -r Anna --resume
    """
    from rich.console import Console

    from jtbd_kit.interview.journal import journal_path
    from jtbd_kit.interview.run import run_interview

    out, err = Console(highlight=False), Console(stderr=True, highlight=False)
    session, saved = run_interview(guide, participant, respondent, db_path, interviewer, product, resume,
                                   warn=lambda line: err.print(f"Warning: {line}", markup=False, soft_wrap=True))
    db = f" --db {db_path}" if db_path else ""
    if saved is None:
        out.print(f"Stopped: the interview with {participant} is kept in {journal_path(db_path, participant)}",
                  markup=False, soft_wrap=True)
        out.print(f"Resume with: jtbd interview {guide} --participant {participant} --respondent {respondent} "
                  f"--resume{db}", markup=False, soft_wrap=True)
        return
    out.print(f"Saved {saved.participant}: {saved.turns} turns, {saved.tags} live tags; transcript {saved.transcript}",
              markup=False, soft_wrap=True)
    out.print(f"Look at it: jtbd show {saved.participant}{db}", markup=False, soft_wrap=True)
    out.print(f"When the recording arrives: jtbd import {saved.participant}.vtt --replace --offset SECONDS{db} "
              "(SECONDS: how much later the recording started; 0 if together)", markup=False, soft_wrap=True)

COMMANDS = [interview]
