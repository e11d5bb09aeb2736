"""The coded project as plain rows, shared by every export format."""

from __future__ import annotations

import re
from typing import TypeVar

import sqlite_utils

from jtbd_kit.store.segments import decode

# Characters XML 1.0 does not allow (control characters such as ESC, lone surrogates, U+FFFE/U+FFFF):
# a superset of openpyxl's ILLEGAL_CHARACTERS_RE, so neither Excel nor project.qde chokes on them.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
T = TypeVar("T")


def xml_safe(value: T) -> T:
    """`value` with each character XML cannot hold replaced by U+FFFD, in nested lists and dicts too.

    Databases imported before such characters were refused may hold them. The replacement is one
    character for one, so segment offsets into a transcript still point at the same words.
    """
    if isinstance(value, str):
        return XML_ILLEGAL.sub("\ufffd", value)
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    return value


def coded_interviews(db: sqlite_utils.Database) -> list[dict]:
    """Every interview with its decoded segments, in participant order, safe to write as XML (xml_safe)."""
    out = []
    for row in db.query("select * from interviews order by participant"):
        segments = [decode(s) for s in db["segments"].rows_where("interview_id = ?", [row["id"]],
                                                                  order_by="start")]
        out.append(xml_safe({**row, "segments": segments}))
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
