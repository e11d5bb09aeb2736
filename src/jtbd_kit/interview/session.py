"""An interview in progress: each action becomes an event, written to the journal, then applied.

`open_session` does every check before the app starts (participant id, data folder, store,
unfinished journal), so a problem is one line on the terminal, never a lost interview.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jtbd_kit.errors import UserError
from jtbd_kit.guides import Guide, load_guide
from jtbd_kit.interview.journal import Journal, check_participant, journal_path, read_journal
from jtbd_kit.interview.state import InterviewState, edit_event
from jtbd_kit.transcript.native import TURN


class Clock:
    """Seconds on the interview clock: monotonic, stopped while paused, carried on after a restart."""

    def __init__(self, start: float = 0.0, paused: bool = False, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        moment = now()
        self._base = moment - start
        self._paused_at: float | None = moment if paused else None

    def elapsed(self) -> float:
        return (self._paused_at if self._paused_at is not None else self._now()) - self._base

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._now()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._base += self._now() - self._paused_at
            self._paused_at = None


def wall_clock() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


class Session:
    def __init__(self, journal: Journal, state: InterviewState, clock: Clock, dropped: list[str] | None = None) -> None:
        self.journal = journal
        self.state = state
        self.clock = clock
        self.dropped = dropped or []

    def emit(self, name: str, /, t: float | None = None, at: str | None = None, **data) -> dict:
        """Journal the event (on disk when this returns), then apply it to the state."""
        event = {"e": name, "t": round(self.clock.elapsed() if t is None else t, 3), "at": at or wall_clock(), **data}
        self.journal.append(event)
        self.state.apply(event)
        return event

    def show(self, section: int, question: int) -> None:
        if (section, question) != (self.state.section, self.state.question):
            self.emit("show", s=section, q=question)

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) question, across section boundaries."""
        flat = [(s, q) for s, sec in enumerate(self.state.guide.sections) for q in range(len(sec.questions))]
        i = flat.index((self.state.section, self.state.question)) + delta
        if 0 <= i < len(flat):
            self.show(*flat[i])

    def edit(self, text: str) -> None:
        old = self.state.answer.text
        if text != old:
            p, d, i = edit_event(old, text)
            self.emit("edit", q=self.state.current.id, p=p, d=d, i=i)

    def tag(self, kind: str, note: str | None = None, t: float | None = None, at: str | None = None) -> None:
        """Tag the current question; `t`/`at` keep the moment the key was pressed when a note was typed after."""
        self.emit("tag", t=t, at=at, kind=kind, note=note, q=self.state.current.id)

    def toggle_pause(self) -> None:
        if self.state.paused:
            self.clock.resume()
            self.emit("resume")
        else:
            self.emit("pause")
            self.clock.pause()

    def stop(self) -> None:
        """Mark leaving without finishing: --resume carries the clock on from here, idle time included."""
        self.emit("stop")

    def finish(self) -> None:
        if self.state.paused:
            self.toggle_pause()
        self.emit("finish")

    def close(self) -> None:
        self.journal.close()


def check_name(name: str, what: str) -> str:
    name = " ".join((name or "").split())
    m = TURN.match(f"{name}: ")
    if not name or not m or m.group("speaker").strip() != name:
        raise UserError(f"{what} name {name!r} cannot be a transcript speaker", None, None,
                        "use 1-40 characters without : [ ] { }")
    return name


def open_session(guide_path: str | Path, participant: str, respondent: str, db_path: str | Path | None = None,
                 interviewer: str = "Interviewer", product: str | None = None, resume: bool = False) -> Session:
    """Start a new interview, or resume an unfinished one from its journal, after every check."""
    check_participant(participant)
    respondent, interviewer = check_name(respondent, "respondent"), check_name(interviewer, "interviewer")
    if respondent == interviewer:
        raise UserError("the respondent and the interviewer have the same name", None, None,
                        "pass --interviewer NAME")
    path = journal_path(db_path, participant)
    stored = _stored(db_path, participant)
    if path.exists():
        read = read_journal(path)
        state = InterviewState.from_events(read.events)
        if state.finished:
            if stored:
                raise UserError(f"participant {participant!r} was interviewed already and is in the project",
                                path, None, "pick another --participant id")
            raise UserError(f"the interview with {participant} is finished but not yet saved", path, None,
                            f"save it with: jtbd interview {guide_path} --participant {participant} "
                            f"--respondent {respondent} --resume")
        if not resume:
            answered = sum(1 for a in state.answers.values() if a.text.strip())
            raise UserError(f"an unfinished interview with {participant} is in the journal "
                            f"(started {state.started_at[:16].replace('T', ' ')}, {answered} answer{'s' if answered != 1 else ''})", path, None,
                            "add --resume to continue it, or move the journal away to start over")
        journal = Journal(path)
        session = Session(journal, state, Clock(state.t, paused=state.paused), read.dropped)
        session.emit("reopen", t=state.t)
        return session
    if resume:
        raise UserError(f"no interview with {participant} to resume", path, None, "leave out --resume to start one")
    if stored:
        raise UserError(f"participant {participant!r} is already in the project", None, None,
                        "pick another --participant id")
    guide = load_guide(guide_path)
    journal = Journal(path)
    return start_session(journal, guide, participant, respondent, interviewer, product)


def start_session(journal: Journal, guide: Guide, participant: str, respondent: str, interviewer: str,
                  product: str | None = None, clock: Clock | None = None) -> Session:
    clock = clock or Clock()
    event = {"e": "start", "t": 0.0, "at": wall_clock(), "participant": participant, "respondent": respondent,
             "interviewer": interviewer, "product": product, "guide_path": guide.path, "guide_sha": guide.sha256,
             "guide": guide.to_dict()}
    journal.append(event)
    return Session(journal, InterviewState.from_start(event), clock)


def finished_unsaved(db_path: str | Path | None, participant: str) -> InterviewState | None:
    """The state of a finished interview whose save to the store did not happen (e.g. the database was locked)."""
    path = journal_path(db_path, participant)
    if not path.exists() or _stored(db_path, participant):
        return None
    state = InterviewState.from_events(read_journal(path).events)
    return state if state.finished else None


def _stored(db_path: str | Path | None, participant: str) -> bool:
    """Is the participant in the project? Opening (or creating) the database now means a bad
    --db fails before the interview, not after it."""
    from jtbd_kit.store import open_db

    db = open_db(db_path)
    return bool(db.execute("select 1 from interviews where participant = ?", [participant]).fetchone())
