"""The segments table: coded spans of respondent speech, by the machine or reviewed by a person.

A segment with origin `human` is the researcher's verdict: machine re-runs never touch it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from jtbd_kit.store.interviews import interview_row, now

JSON_FIELDS = ("forces", "touchpoints", "pains", "cues")


def replace_machine_segments(db: sqlite_utils.Database, interview_id: int, segments: Iterable[dict],
                             coder: str) -> int:
    """Swap an interview's machine segments for new ones, in one transaction.

    New segments that overlap a reviewed (human) segment are dropped: the review wins.
    Returns how many segments were written.
    """
    human = [(r["start"], r["end"]) for r in db.query(
        "select start, end from segments where interview_id = ? and origin = 'human'", [interview_id])]
    stamp = now()
    rows = []
    for s in segments:
        if any(s["start"] < e and b < s["end"] for b, e in human):
            continue
        row = {k: s.get(k) for k in ("turn_idx", "start", "end", "text", "stage", "emotion", "emotion_score",
                                      "confidence")}
        row.update({k: json.dumps(s.get(k) or [], ensure_ascii=False) for k in JSON_FIELDS})
        row.update(interview_id=interview_id, origin="machine", coder=coder, coded_at=stamp)
        rows.append(row)
    with db.atomic():
        db["segments"].delete_where("interview_id = ? and origin = 'machine'", [interview_id])
        db["segments"].insert_all(rows)
    return len(rows)


def decode(row: dict) -> dict:
    out = dict(row)
    for k in JSON_FIELDS:
        out[k] = json.loads(row.get(k) or "[]")
    return out


def segments_for(db: sqlite_utils.Database, participant: str) -> list[dict]:
    """An interview's segments in text order, decoded, with a short label for display."""
    row = interview_row(db, participant)
    out = []
    for r in db["segments"].rows_where("interview_id = ?", [row["id"]], order_by="start"):
        s = decode(r)
        emo = {1: "+", -1: "-"}.get(s["emotion"] or 0, "0")
        parts = [s["stage"] or "?", ",".join(s["forces"]) or "-", emo]
        extra = s["touchpoints"] + s["pains"]
        s["label"] = "|".join(parts) + (f" {' '.join(map(str, extra))}" if extra else "") + (
            " (reviewed)" if s["origin"] == "human" else "")
        text = s["text"] or ""
        s["preview"] = text[:70] + ("…" if len(text) > 70 else "")
        out.append(s)
    return out
