"""WebVTT transcripts as Zoom and Teams export them, read with webvtt-py.

Zoom writes numbered cues whose text starts `Name: `; Teams writes `<v Name>words</v>` voice
tags. Metadata may sit in `NOTE` blocks before the first cue, one `key: value` per line
(`NOTE participant: P-13`); without it the participant comes from the file name.

webvtt-py skips a malformed cue without a word, so the blocks are checked here first: a broken
timing line is reported with its line number instead of silently losing speech.
"""

from __future__ import annotations

import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript
from jtbd_kit.transcript.recorded import build_transcript, cues_from_lines, meta_from_line

TS = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})"
TIMING = re.compile(rf"^\s*{TS}\s*-->\s*{TS}(?:\s.*)?$")
LOOKS_LIKE_TIMING = re.compile(r"-->|^\s*\d[\d:.,]*\s*(?:-+>|–|—|→)?\s*\d[\d:.,]*:\d")
TIMING_HINT = "write cue timings as `00:01:02.500 --> 00:01:05.000`"


def _seconds(h: str | None, m: str, s: str, ms: str) -> float | None:
    if int(s) > 59 or (h is not None and int(m) > 59):
        return None
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def check_timing(line: str, path: str, lineno: int) -> None:
    m = TIMING.match(line)
    start = end = None
    if m:
        start, end = _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])
    if start is None or end is None:
        raise UserError(f"broken cue timing {line.strip()!r}", path, lineno, TIMING_HINT)
    if end < start:
        raise UserError(f"cue ends before it starts: {line.strip()!r}", path, lineno, "swap or fix the two times")


def blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each blank-line-separated block."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                out.append((number, current))
            current.append(line)
        elif current:
            current = []
    return out


def scan(text: str, path: str) -> tuple[dict[str, str], dict[str, int]]:
    """Check every block's timing line; return the metadata of NOTE blocks before the first cue."""
    lines = text.split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise UserError("not a WebVTT file: the first line must be WEBVTT", path, 1,
                        "export the transcript from Zoom or Teams as .vtt again, or rename the file")
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    seen_cue = False
    for first, block in blocks(lines)[1:]:
        head = block[0].strip()
        if head.startswith("NOTE"):
            if not seen_cue:
                for offset, line in enumerate([head[4:], *block[1:]]):
                    kv = meta_from_line(line)
                    if kv:
                        meta[kv[0]], meta_lines[kv[0]] = kv[1], first + offset
            continue
        if head.startswith(("STYLE", "REGION")) and not seen_cue:
            continue
        at = next((i for i, line in enumerate(block[:2]) if LOOKS_LIKE_TIMING.search(line)), None)
        if at is None:
            raise UserError("cue has no timing line", path, first + (1 if len(block) > 1 else 0),
                            f"a cue is an optional id line, then its timing line, then its text; {TIMING_HINT}")
        check_timing(block[at], path, first + at)
        for extra, line in enumerate(block[at + 1:], first + at + 1):
            if "-->" in line:
                raise UserError("cue timing without a blank line before it", path, extra,
                                "put an empty line between cues")
        seen_cue = True
    return meta, meta_lines


def parse_vtt(text: str, path: str = "<text>", language: str | None = None) -> Transcript:
    meta, meta_lines = scan(text, path)
    try:
        captions = webvtt.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError) as e:
        raise UserError(f"broken WebVTT: {e}", path, None, TIMING_HINT) from None
    cues = [cue for c in captions for cue in cues_from_lines(c.lines, c.start_time.in_milliseconds() / 1000)]
    return build_transcript(cues, meta, path, language, "vtt", meta_lines, "in a NOTE block before the first cue")
