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
        row["force_scores"] = json.dumps(s["force_scores"]) if s.get("force_scores") else None
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


# -- review: a researcher's verdict on the machine's draft ------------------------------------

CODE_FIELDS = ("stage", "forces", "emotion", "touchpoints", "pains")


def _check_codes(stage: str | None, forces: list[str] | None, emotion: int | None) -> None:
    from jtbd_kit.coding.model import FORCES, STAGES
    from jtbd_kit.errors import UserError

    if stage is not None and stage not in STAGES:
        raise UserError(f"unknown stage {stage!r}", None, None, f"use one of {', '.join(STAGES)}")
    bad = [f for f in forces or [] if f not in FORCES]
    if bad:
        raise UserError(f"unknown force {bad[0]!r}", None, None, f"use some of {', '.join(FORCES)}")
    if emotion is not None and emotion not in (-1, 0, 1):
        raise UserError(f"emotion must be -1, 0 or 1, not {emotion!r}", None, None, "e.g. --emotion -1")


def segment_row(db: sqlite_utils.Database, segment_id: int, participant: str | None = None) -> dict:
    """One segment, decoded; unknown ids (or ids of another interview) are the user's error."""
    from jtbd_kit.errors import UserError

    row = next(db.query("select s.*, i.participant from segments s join interviews i on i.id = s.interview_id "
                        "where s.id = ?", [segment_id]), None)
    if row is None or (participant is not None and row["participant"] != participant):
        whose = f"of {participant}" if participant else "in the project"
        raise UserError(f"no segment {segment_id} {whose}", None, None,
                        f"list the ids with: jtbd review {participant or 'PARTICIPANT'} --list")
    return decode(row)


def review_segment(db: sqlite_utils.Database, segment_id: int, *, stage: str | None = None,
                   forces: list[str] | None = None, emotion: int | None = None,
                   touchpoints: list[str] | None = None, pains: list[str] | None = None,
                   reviewer: str, participant: str | None = None) -> dict:
    """Set a segment's codes as a researcher's verdict (origin `human`), in one transaction.

    Codes left as None keep their current value, so no codes at all accepts the draft as is.
    The machine's draft is copied to `machine_codes` the first time, so `jtbd agreement` can
    compare it with the verdict later. Segment ids are never reused (store v3), so an id read
    before a re-run either still names the same segment or names none.
    Returns the segment as stored.
    """
    _check_codes(stage, forces, emotion)
    with db.atomic():
        current = segment_row(db, segment_id, participant)
        update = {"origin": "human", "coder": reviewer, "coded_at": now()}
        if current["origin"] == "machine" and not current.get("machine_codes"):
            draft = {k: current[k] for k in CODE_FIELDS + ("coder", "coded_at")}
            update["machine_codes"] = json.dumps(draft, ensure_ascii=False)
        for key, value in (("stage", stage), ("emotion", emotion)):
            if value is not None:
                update[key] = value
        for key, value in (("forces", forces), ("touchpoints", touchpoints), ("pains", pains)):
            if value is not None:
                update[key] = json.dumps(list(dict.fromkeys(value)), ensure_ascii=False)
        db["segments"].update(segment_id, update)
    return segment_row(db, segment_id)


def unreview_segment(db: sqlite_utils.Database, segment_id: int, participant: str | None = None) -> dict:
    """Undo a review: the machine's draft codes come back and the segment is the machine's again."""
    with db.atomic():
        current = segment_row(db, segment_id, participant)
        if current["origin"] == "human" and current.get("machine_codes"):
            draft = json.loads(current["machine_codes"])
            update = {k: draft.get(k) for k in ("stage", "emotion", "coder", "coded_at")}
            update.update({k: json.dumps(draft.get(k) or [], ensure_ascii=False)
                           for k in ("forces", "touchpoints", "pains")})
            db["segments"].update(segment_id, dict(update, origin="machine", machine_codes=None))
    return segment_row(db, segment_id)


def segments_to_review(db: sqlite_utils.Database, participant: str) -> list[dict]:
    """An interview's segments in text order, each with the question asked before it (its context).

    An interview without segments is the user's error: there is nothing to review until it is coded.
    """
    from jtbd_kit.errors import UserError

    row = interview_row(db, participant)
    turns = list(db["turns"].rows_where("interview_id = ?", [row["id"]], order_by="idx"))
    segments = [decode(r) for r in db["segments"].rows_where("interview_id = ?", [row["id"]], order_by="start")]
    if not segments:
        raise UserError(f"no coded segments for {participant}", None, None, f"run `jtbd code {participant}` first")
    question, k = None, 0
    for s in segments:
        while k < len(turns) and turns[k]["start"] <= s["start"]:
            if turns[k]["role"] == "interviewer":
                question = turns[k]["text"]
            k += 1
        s["question"] = question
        s["machine_codes"] = json.loads(s["machine_codes"]) if s.get("machine_codes") else None
    return segments


def accept_all(db: sqlite_utils.Database, participant: str, reviewer: str) -> int:
    """Mark every machine segment of an interview reviewed as it is; returns how many changed."""
    ids = [s["id"] for s in segments_to_review(db, participant) if s["origin"] == "machine"]
    with db.atomic():
        for segment_id in ids:
            review_segment(db, segment_id, reviewer=reviewer)
    return len(ids)


def reviewed_segments(db: sqlite_utils.Database, participants: list[str] | None = None) -> list[dict]:
    """Reviewed segments (origin `human`), decoded, with the machine's draft where it was kept."""
    for p in participants or []:
        interview_row(db, p)
    where = "s.origin = 'human'"
    params: list = []
    if participants:
        where += f" and i.participant in ({', '.join('?' * len(participants))})"
        params = list(participants)
    out = []
    for r in db.query(f"select s.*, i.participant from segments s join interviews i on i.id = s.interview_id "
                      f"where {where} order by i.participant, s.start", params):
        s = decode(r)
        s["machine_codes"] = json.loads(r["machine_codes"]) if r.get("machine_codes") else None
        out.append(s)
    return out
