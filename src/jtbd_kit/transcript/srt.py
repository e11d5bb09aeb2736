"""SubRip (.srt) transcripts, read with the `srt` library.

SRT has no place for metadata, so `key: value` lines before the first cue are taken as such
(`participant: P-23`, `respondent: Grace`, ...); without them the participant comes from the file
name (`P-23-call.srt`). Speakers come from `Name: ` prefixes or `<v Name>` tags in the cue text;
a cue without one continues the previous speaker.
"""

from __future__ import annotations

import re

import srt

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript
from jtbd_kit.transcript.recorded import build_transcript, cues_from_lines, meta_from_line

TS = r"(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
TIMING = re.compile(rf"^\s*{TS}\s*-->\s*{TS}(?:\s.*)?$")
LOOKS_LIKE_TIMING = re.compile(r"-->|^\s*\d[\d:.,]*\s*(?:-+>|–|—|→)?\s*\d[\d:.,]*:\d")
TIMING_HINT = "write cue timings as `00:01:02,500 --> 00:01:05,000`"


def _seconds(h: str, m: str, s: str, ms: str) -> float | None:
    if int(m) > 59 or int(s) > 59:
        return None
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def check_timings(text: str, path: str) -> None:
    """Find a broken timing line ourselves: the library only says which character it stopped at."""
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not LOOKS_LIKE_TIMING.search(line):
            continue
        before = lines[number - 2].strip() if number > 1 else ""
        if before and not before.isdigit():
            raise UserError(f"cue number {before!r} is not a number", path, number - 1,
                            "each cue starts with its number on a line of its own, after an empty line")
        m = TIMING.match(line)
        start, end = (_seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])) if m else (None, None)
        if start is None or end is None:
            raise UserError(f"broken cue timing {line.strip()!r}", path, number, TIMING_HINT)
        if end < start:
            raise UserError(f"cue ends before it starts: {line.strip()!r}", path, number,
                            "swap or fix the two times")


def split_header(text: str) -> tuple[str, dict[str, str], dict[str, int]]:
    """Take `key: value` lines off the top, blanking them so line numbers stay true."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        kv = meta_from_line(line)
        if kv:
            meta[kv[0]], meta_lines[kv[0]] = kv[1], number
            lines[number - 1] = ""
        elif line.strip():
            break
    return "\n".join(lines), meta, meta_lines


def parse_srt(text: str, path: str = "<text>", language: str | None = None) -> Transcript:
    text, meta, meta_lines = split_header(text)
    check_timings(text, path)
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as e:
        skipped = len(e.unmatched_content) - len(e.unmatched_content.lstrip())
        line = text[:e.expected_start + skipped].count("\n") + 1
        raise UserError("not a SubRip cue", path, line,
                        f"each cue is a number line, a timing line, then its text; {TIMING_HINT}") from None
    except srt.TimestampParseError as e:
        raise UserError(f"broken cue timing: {e}", path, None, TIMING_HINT) from None
    cues = [cue for s in subtitles for cue in cues_from_lines(s.content.split("\n"), s.start.total_seconds())]
    return build_transcript(cues, meta, path, language, "srt", meta_lines,
                            "in a line at the top of the .srt")
