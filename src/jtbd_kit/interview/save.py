"""A finished interview into the project: a transcript in the project's format, then the store.

The transcript file is what a researcher would have typed by hand, so it imports and codes like
any other; the store gets the same text, its turns with timestamps, and the live tags, in one
transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from jtbd_kit.atomic import write_text_atomic
from jtbd_kit.errors import UserError
from jtbd_kit.interview.journal import make_folder
from jtbd_kit.interview.state import InterviewState, since_start
from jtbd_kit.transcript.model import render_native


@dataclass
class Saved:
    participant: str
    interview_id: int
    turns: int
    tags: int
    transcript: Path
    status: str


def render_transcript(state: InterviewState) -> tuple[str, dict[str, tuple[int | None, int | None]]]:
    """The interview in the project's format; and per question id its (interviewer, respondent) turn indexes.

    Each asked question is the interviewer's turn and its answer the respondent's, in the order the
    exchanges happened: by the answer's first keystroke (a question skipped and answered later comes
    later), by when the question was first shown if it has no answer. Turn times are wall-clock
    seconds from the start, so they line up with a recording started at the same moment, and never go
    backwards: a question answered after another was asked again, no earlier than the turn before
    it. The front matter keeps each turn's timeline `stages` (from the guide) and `wall_clock` time
    (a question's: when it was first shown) for the coder and the researcher.
    """
    questions = {q.id: q for s in state.guide.sections for q in s.questions}
    tagged = {tag.question for tag in state.tags}
    turns: list[tuple[str, float | None, str]] = []
    stages: dict[int, str] = {}
    clock: dict[int, str] = {}
    where: dict[str, tuple[int | None, int | None]] = {}
    last = 0.0  # the time of the turn before
    for qid, (_, asked_at) in sorted(state.asked.items(), key=lambda kv: (_happened(state, *kv), kv[1][0])):
        answer = state.answers.get(qid)
        has_answer = bool(answer and answer.text.strip())
        if not has_answer and qid not in tagged:
            continue
        q = questions[qid]
        asked = len(turns)
        last = max(since_start(state, asked_at), last)
        turns.append((state.interviewer, last, q.text))
        clock[asked] = _clock(asked_at)
        answered = None
        if has_answer:
            answered = len(turns)
            last = max(since_start(state, answer.at), last)
            turns.append((state.respondent, last, answer.text))
            clock[answered] = _clock(answer.at)
        if q.stage:
            stages.update({i: q.stage for i in (asked, answered) if i is not None})
        where[qid] = (asked, answered)
    meta = {"participant": state.participant, "language": state.guide.language, "interviewer": state.interviewer,
            "respondent": state.respondent, "product": state.product, "date": state.started_at[:10],
            "guide": state.guide.title, "started_at": state.started_at, "stages": stages, "wall_clock": clock}
    text, _ = render_native({k: v for k, v in meta.items() if v not in (None, {})}, turns)
    return text, where


def _happened(state: InterviewState, qid: str, asked: tuple[float, str]) -> float:
    """When a question's exchange took place: its answer's first keystroke, else when it was first shown."""
    answer = state.answers.get(qid)
    return since_start(state, answer.at if answer and answer.text.strip() and answer.at else asked[1])


def save_interview(db: sqlite_utils.Database, state: InterviewState, path: Path) -> Saved:
    """Write the transcript file (atomically), then the interview, turns and tags in one transaction."""
    from jtbd_kit.store.interviews import save_transcript
    from jtbd_kit.transcript.native import parse_native

    if not state.finished:
        raise UserError(f"the interview with {state.participant} is not finished", None, None,
                        "finish it in the app (ctrl+f)")
    text, where = render_transcript(state)
    if not any(r is not None for _, r in where.values()):
        raise UserError(f"the interview with {state.participant} has no answers to save", None, None,
                        "resume it with --resume and type what the respondent says")
    make_folder(path.parent)
    write_text_atomic(path, text)
    transcript = parse_native(text, str(path))
    transcript.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    transcript.source = str(path)
    with db.atomic():
        result = save_transcript(db, transcript)
        tags = 0
        if result.status != "unchanged":
            rows = []
            for tag in state.tags:
                asked, answered = where[tag.question]
                rows.append({"interview_id": result.interview_id, "turn_idx": answered if answered is not None else asked,
                             "seconds": round(since_start(state, tag.at), 3), "kind": tag.kind, "note": tag.note,
                             "source": "live", "created_at": tag.at})
            db["tags"].insert_all(rows)
            tags = len(rows)
    return Saved(state.participant, result.interview_id, len(transcript.turns), tags, path, result.status)


def _clock(at: str) -> str:
    return datetime.fromisoformat(at).strftime("%H:%M:%S")
