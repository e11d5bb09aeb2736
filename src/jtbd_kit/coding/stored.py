"""Coding interviews in the project database, in parallel processes when asked.

Reviewed segments (origin `human`) are never touched: `replace_machine_segments` drops new machine
segments that overlap them. The project's own model (`jtbd learn`) is used when it exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript


@dataclass
class CodedInterview:
    participant: str
    segments: int
    kept_reviewed: int


def _code(job: tuple[Transcript, str | None]) -> list[dict]:
    from jtbd_kit.coding.code import code_transcript
    from jtbd_kit.coding.weights import active_model

    transcript, db_path = job
    return [s.to_dict() for s in code_transcript(transcript, active_model(db_path) if db_path else True)]


def code_stored(db: sqlite_utils.Database, participants: list[str] | None = None, jobs: int = 1,
                progress: Callable[[str], None] | None = None) -> list[CodedInterview]:
    """Code stored interviews (all, or the given participants) into the segments table.

    `progress(participant)` is called after each interview is written; `jobs` > 1 codes in that
    many processes (each loads the pipeline once) while this process writes the results.
    """
    from jtbd_kit.coding.code import coder_name
    from jtbd_kit.coding.weights import active_model
    from jtbd_kit.store.interviews import interview_row, load_transcript
    from jtbd_kit.store.segments import replace_machine_segments

    if participants:
        for p in participants:
            interview_row(db, p)
        names = list(dict.fromkeys(participants))
    else:
        names = [r["participant"] for r in db.query("select participant from interviews order by participant")]
    transcripts = [load_transcript(db, p) for p in names]
    # checked before anything is written, so a bad interview never leaves the others half coded
    for t in transcripts:
        if not t.respondent_turns:
            raise UserError(f"interview {t.participant} has no respondent turns to code", t.source, None,
                            "set `respondent:` in its front matter and import it again, or name the "
                            "participants to code: jtbd code P-01 P-02")
    db_path = db.conn.execute("PRAGMA database_list").fetchone()[2] or None
    coder = coder_name(active_model(db_path) if db_path else active_model())
    jobs_in = [(t, db_path) for t in transcripts]
    if jobs > 1 and len(transcripts) > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=min(jobs, len(transcripts)))
        results = pool.map(_code, jobs_in, chunksize=1)
    else:
        pool = None
        results = map(_code, jobs_in)
    done = []
    try:
        for t, segments in zip(transcripts, results):
            row = interview_row(db, t.participant)
            written = replace_machine_segments(db, row["id"], segments, coder)
            reviewed = db.execute("select count(*) from segments where interview_id = ? and origin = 'human'",
                                  [row["id"]]).fetchone()[0]
            done.append(CodedInterview(t.participant, written, reviewed))
            if progress:
                progress(t.participant)
    finally:
        if pool:
            pool.shutdown()
    return done


def code_with_progress(db: sqlite_utils.Database, console, jobs: int = 1) -> list[CodedInterview]:
    """Code every stored interview with a Rich progress bar, then print a short summary."""
    from collections import Counter

    from rich.progress import Progress

    total = db["interviews"].count
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("Coding interviews", total=total)
        done = code_stored(db, jobs=jobs, progress=lambda p: bar.advance(task))
    stages = Counter(r["stage"] for r in db.query("select stage from segments"))
    forces: Counter = Counter()
    for r in db.query("select forces from segments"):
        forces.update(json.loads(r["forces"] or "[]"))
    segments = sum(d.segments for d in done)
    console.print(f"Coded {len(done)} interviews into {segments} segments.")
    console.print("Stages: " + ", ".join(f"{s} {n}" for s, n in stages.most_common()))
    console.print("Forces: " + (", ".join(f"{f} {n}" for f, n in forces.most_common()) or "none"))
    return done
