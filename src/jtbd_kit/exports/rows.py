"""The coded project as plain rows, shared by every export format."""

from __future__ import annotations

import sqlite_utils

from jtbd_kit.store.segments import decode


def coded_interviews(db: sqlite_utils.Database) -> list[dict]:
    """Every interview with its decoded segments, in participant order."""
    out = []
    for row in db.query("select * from interviews order by participant"):
        segments = [decode(s) for s in db["segments"].rows_where("interview_id = ?", [row["id"]],
                                                                  order_by="start")]
        out.append({**row, "segments": segments})
    return out


def code_names(segment: dict) -> list[tuple[str, str]]:
    """(code group, code) pairs of one segment: the codebook a QDA tool sees."""
    pairs = []
    if segment.get("stage"):
        pairs.append(("Stage", segment["stage"]))
    pairs += [("Force", f) for f in segment["forces"]]
    emotion = segment.get("emotion")
    if emotion:
        pairs.append(("Emotion", "positive" if emotion > 0 else "negative"))
    pairs += [("Touchpoint", str(t)) for t in segment["touchpoints"]]
    pairs += [("Pain", str(p)) for p in segment["pains"]]
    return pairs
