"""Run an interview from start to store: checks, the app, then the save (usable from Python)."""

from __future__ import annotations

from pathlib import Path

from jtbd_kit.errors import UserError
from jtbd_kit.interview.journal import check_participant, journal_path, transcript_path
from jtbd_kit.interview.save import Saved, save_interview
from jtbd_kit.interview.session import Session, finished_unsaved, open_session
from jtbd_kit.interview.state import InterviewState
from jtbd_kit.store.db import discard_db, resolve_db_path


def has_terminal() -> bool:
    """Whether a full-screen app can run: without a terminal on both ends it would wait for keys forever."""
    import sys

    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def save_finished(state: InterviewState, db_path: str | Path | None) -> Saved:
    from jtbd_kit.store import open_db

    return save_interview(open_db(db_path), state, transcript_path(db_path, state.participant))


def run_interview(guide_path: str | Path, participant: str, respondent: str, db_path: str | Path | None = None,
                  interviewer: str = "Interviewer", product: str | None = None, resume: bool = False,
                  warn=print) -> tuple[Session | None, Saved | None]:
    """Run the app; returns (session, saved) where saved is None when the interviewer stopped early.

    With `resume`, an interview finished in the app but never saved (say the database was
    locked) is saved without opening the app: the session is then None.
    """
    check_participant(participant)
    if resume and (state := finished_unsaved(db_path, participant)):
        return None, save_finished(state, db_path)
    db_file = resolve_db_path(db_path)
    new_db = not db_file.exists()
    try:
        session = open_session(guide_path, participant, respondent, db_path, interviewer, product, resume)
    except UserError:
        if new_db:  # the checks opened (so created) the database: a refused interview leaves none
            discard_db(db_file)
        raise
    for line in session.dropped:
        warn(line)
    if not has_terminal():
        session.close()
        if not resume:  # the journal open_session just started: it would block the next start
            journal_path(db_path, participant).unlink(missing_ok=True)
        if new_db:
            discard_db(db_file)
        raise UserError("the interview is a full-screen app and needs a terminal", None, None,
                        "run it in a terminal window, without redirecting its input or output")
    from jtbd_kit.interview.app import InterviewApp

    try:
        result = InterviewApp(session).run()
    finally:
        session.close()
    if isinstance(result, UserError):
        raise result
    if result != "finished":
        return session, None
    return session, save_finished(session.state, db_path)
