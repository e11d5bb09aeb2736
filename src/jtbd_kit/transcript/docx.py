"""Word (.docx) transcripts, read with python-docx.

Two layouts are understood, one per document:
- `Name: words` paragraphs, optionally led by a timestamp: `[00:01:15] Name: words`;
- Teams' export: a header line `Name   0:03` (name, spaces, time), the words on the lines below.
Lines before the first turn that read `participant: P-16` (or language, interviewer, respondent,
product, date) are metadata; other lines there (a meeting title, a date) are skipped.
Errors name the paragraph number as the line.
"""

from __future__ import annotations

import io
import re

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript
from jtbd_kit.transcript.native import parse_timestamp
from jtbd_kit.transcript.read import check_control_characters
from jtbd_kit.transcript.recorded import Cue, build_transcript, meta_from_line, split_speaker

STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}"
TEAMS_HEADER = re.compile(rf"^\s*(?P<name>[^\d\s:][^:\t]{{0,39}}?)(?:\s{{2,}}|\t)(?P<ts>{STAMP})\s*$")
LEADING_STAMP = re.compile(rf"^\s*\[?(?P<ts>{STAMP})\]?\s+")


def paragraph_lines(data: bytes, path: str) -> list[tuple[int, str]]:
    """(paragraph number, line) for every non-empty line of the document body."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zip, XML, key and package errors alike for a non-Word file
        raise UserError("not a Word .docx file", path, None,
                        "save it from Word as .docx (not .doc or .pdf), or export the transcript as .vtt") from None
    lines = [(number, line) for number, p in enumerate(document.paragraphs, 1)
             for line in p.text.split("\n") if line.strip()]
    for number, line in lines:
        check_control_characters(line, path, number)
    return lines


def parse_docx(data: bytes, path: str = "<docx>", language: str | None = None) -> Transcript:
    lines = paragraph_lines(data, path)
    teams = any(TEAMS_HEADER.match(line) for _, line in lines)
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    cues: list[Cue] = []
    for number, line in lines:
        if not cues and (kv := meta_from_line(line)):
            meta[kv[0]], meta_lines[kv[0]] = kv[1], number
            continue
        if teams:
            m = TEAMS_HEADER.match(line)
            if m:
                cues.append(Cue(m.group("name").strip(), parse_timestamp(m.group("ts"), path, number), ""))
            elif cues:
                cues[-1].text += " " + line
            continue
        stamp = LEADING_STAMP.match(line)
        seconds = parse_timestamp(stamp.group("ts"), path, number) if stamp else None
        speaker, words = split_speaker(line[stamp.end():] if stamp else line)
        if speaker is not None:
            cues.append(Cue(speaker, seconds, words))
        elif cues:
            cues[-1].text += " " + words
    return build_transcript(cues, meta, path, language, "docx", meta_lines,
                            "in a paragraph before the first turn")
