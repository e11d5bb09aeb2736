"""The interviews and turns tables: saving transcripts, listing, loading, full-text search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript, Turn


@dataclass
class SaveResult:
    participant: str
    status: str  # "imported", "replaced" or "unchanged"
    interview_id: int


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def save_transcript(db: sqlite_utils.Database, t: Transcript, replace: bool = False) -> SaveResult:
    """Store a transcript and its turns in one transaction.

    The same file again (same sha256) is a no-op; a changed file for a participant already in the
    project needs `replace=True`, which drops the old turns and codes of that interview.
    """
    row = next(db["interviews"].rows_where("participant = ?", [t.participant], limit=1), None)
    if row and row["sha256"] == t.sha256 and t.sha256:
        return SaveResult(t.participant, "unchanged", row["id"])
    if row and not replace:
        same_file = Path(row["source"] or "").name == Path(t.source or "").name
        raise UserError(f"participant {t.participant!r} is already in the project from {row['source']}",
                        t.source, None, "pass --replace to replace it with this file" if same_file else
                        "if this is the same interview, pass --replace; if it is another one, give it its own id "
                        "with `participant:` in the file, or rename the file")
    record = {"participant": t.participant, "language": t.language, "interviewer": t.interviewer,
              "respondent": t.respondent, "product": t.product, "date": t.date, "source": t.source,
              "sha256": t.sha256, "format": t.format, "meta": json.dumps(t.meta, ensure_ascii=False, default=str),
              "text": t.text, "imported_at": now()}
    with db.atomic():
        if row:
            interview_id = row["id"]
            for table in ("turns", "segments", "persona_members"):
                db[table].delete_where("interview_id = ?", [interview_id])
            db["interviews"].update(interview_id, record)
        else:
            interview_id = db["interviews"].insert(record).last_pk
        db["turns"].insert_all(
            {"interview_id": interview_id, "idx": x.index, "speaker": x.speaker, "role": x.role,
             "seconds": x.seconds, "text": x.text, "start": x.start, "end": x.end, "line": x.line}
            for x in t.turns)
    return SaveResult(t.participant, "replaced" if row else "imported", interview_id)


def already_imported(db: sqlite_utils.Database, source: str, sha256: str) -> SaveResult | None:
    """The interview imported from this very file with these very bytes, if any: re-import skips parsing."""
    row = next(db["interviews"].rows_where("source = ? and sha256 = ?", [source, sha256], limit=1), None)
    return SaveResult(row["participant"], "unchanged", row["id"]) if row else None


def interview_row(db: sqlite_utils.Database, participant: str) -> dict:
    row = next(db["interviews"].rows_where("participant = ?", [participant], limit=1), None)
    if row is None:
        known = [r["participant"] for r in db.query("select participant from interviews order by participant limit 9")]
        listed = ", ".join(known[:8]) + (" and more; jtbd interviews lists all" if len(known) > 8 else "")
        raise UserError(f"no interview for participant {participant!r}", None, None,
                        f"known: {listed}" if known else "import transcripts first: jtbd import PATH")
    return row


def load_transcript(db: sqlite_utils.Database, participant: str) -> Transcript:
    """Rebuild the Transcript model from the store (the exact text the offsets point into)."""
    row = interview_row(db, participant)
    turns = [Turn(index=r["idx"], speaker=r["speaker"], text=r["text"], start=r["start"], end=r["end"],
                  seconds=r["seconds"], role=r["role"], line=r["line"])
             for r in db["turns"].rows_where("interview_id = ?", [row["id"]], order_by="idx")]
    return Transcript(participant=row["participant"], language=row["language"], turns=turns, text=row["text"],
                      interviewer=row["interviewer"], respondent=row["respondent"], product=row["product"],
                      date=row["date"], meta=json.loads(row["meta"] or "{}"), source=row["source"],
                      format=row["format"], sha256=row["sha256"])


def list_interviews(db: sqlite_utils.Database) -> list[dict]:
    """One summary row per interview: turns, respondent words, how many segments are coded."""
    return list(db.query("""
        select i.participant, i.language, i.product, i.date, i.format,
          (select count(*) from turns t where t.interview_id = i.id) as turns,
          (select coalesce(sum(length(t.text) - length(replace(t.text, ' ', '')) + 1), 0)
             from turns t where t.interview_id = i.id) as words,
          (select count(*) from segments s where s.interview_id = i.id) as segments,
          (select count(*) from segments s where s.interview_id = i.id and s.origin = 'human') as reviewed
        from interviews i order by i.participant"""))


def search_turns(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[dict]:
    """Full-text search over turns; snippets mark hits with [[ and ]].

    The query may use SQLite FTS5 syntax (`price OR cost`, `"meal kit"`, `cook*`); anything that
    is not valid FTS5 (a stray quote, a hyphen, `«guillemets»`) is searched as plain words.
    """
    import sqlite3

    if not any(ch.isalnum() for ch in query):
        raise UserError("nothing to search for", None, None, 'give a word, e.g. jtbd search "price"')
    sql = """
        select i.participant, t.speaker, t.role, t.seconds, t.idx,
          snippet(turns_fts, 0, '[[', ']]', '…', 12) as snippet
        from turns_fts join turns t on t.rowid = turns_fts.rowid
        join interviews i on i.id = t.interview_id
        where turns_fts match ? order by rank limit ?"""
    try:
        return list(db.query(sql, [query, limit]))
    except sqlite3.OperationalError:
        # Plain words from a researcher, not FTS syntax: quote each term.
        quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split() if any(c.isalnum() for c in w))
        return list(db.query(sql, [quoted, limit]))
