"""The transcript model every reader produces and every later stage consumes.

`Transcript.text` is the text that coded spans point into: the file's own text for the
project's format, and the same conversation rendered in that format for VTT, SRT and Word
files (so `jtbd code` reports offsets a researcher can look up in one place).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jtbd_kit.errors import UserError

ROLES = ("interviewer", "respondent", "other")
# A transcriber's asides, "(laughs)", "[inaudible]", «(сміється)»: one or two words in brackets. They
# say how one transcriber marks speech, not what the respondent says, and some transcripts carry one in
# every third passage while others carry none.
ASIDE = re.compile(r"[(\[]\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*[)\]]")


def without_asides(text: str) -> str:
    """`text` with each aside blanked out by as many spaces: every offset still points where it did."""
    return ASIDE.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class Turn:
    """One speaker's turn; `text == transcript.text[start:end]`."""

    index: int
    speaker: str
    text: str
    start: int
    end: int
    seconds: float | None = None
    role: str = "other"
    line: int | None = None


@dataclass
class Transcript:
    participant: str
    language: str
    turns: list[Turn]
    text: str
    interviewer: str | None = None
    respondent: str | None = None
    product: str | None = None
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    format: str = "native"
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def respondent_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "respondent"]

    @property
    def words(self) -> int:
        return sum(len(t.text.split()) for t in self.turns)


_LEADING_ID = re.compile(r"^[A-Za-z]{1,8}[-_]?\d+(?:[-_]\d+)*(?=$|[-_. ])")


def participant_from_path(path: str | Path) -> str:
    """The participant id a file name carries when the file itself does not say.

    A leading id such as `P-13` in `P-13-zoom.vtt` or `P-13.annotated.txt`; else the whole
    name before its first dot.
    """
    stem = Path(path).name.split(".")[0]
    m = _LEADING_ID.match(stem)
    return m.group(0) if m else stem


def format_timestamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def assign_roles(turns: list[Turn], interviewer: str | None, respondent: str | None,
                 source: str | None = None, where: str = "in the front matter") -> tuple[str | None, str | None, list[str]]:
    """Set each turn's role; infer missing names (respondent: talks most, asks least).

    `where` tells the user where a file of this format names the respondent. A lone speaker is
    taken as the respondent, with a warning; a file whose only speaker is the named interviewer
    has nothing to code and is refused. Returns (interviewer, respondent, warnings).
    """
    warnings: list[str] = []
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    interviewer = _as_spoken(interviewer, speakers, "interviewer", source, warnings)
    respondent = _as_spoken(respondent, speakers, "respondent", source, warnings)
    if not respondent or not interviewer:
        words: Counter[str] = Counter()
        asks: Counter[str] = Counter()
        for t in turns:
            words[t.speaker] += len(t.text.split())
            asks[t.speaker] += t.text.count("?")
        candidates = [s for s in speakers if s != interviewer]
        if not respondent and not candidates:
            raise UserError(f"the only speaker, {interviewer!r}, is the interviewer: no answers to code", source,
                            None, f"add the respondent's turns, or fix `interviewer:` {where}")
        if not respondent and len(speakers) == 1:
            respondent = speakers[0]
            warnings.append(f"{source or 'transcript'}: only one speaker, {respondent!r}, taken as the respondent; "
                            f"set `respondent:` {where} to be sure")
        elif not respondent:
            respondent = max(candidates, key=lambda s: words[s] / (1 + asks[s]))
            warnings.append(f"{source or 'transcript'}: no respondent named; guessed {respondent!r} "
                            f"(talks most, asks least); set `respondent:` {where} to be sure")
        others = [s for s in speakers if s != respondent]
        if not interviewer and others:
            interviewer = max(others, key=lambda s: (asks[s], words[s]))
            if len(others) > 1 or source:
                warnings.append(f"{source or 'transcript'}: no interviewer named; guessed {interviewer!r}")
    for t in turns:
        t.role = ("respondent" if t.speaker == respondent
                  else "interviewer" if t.speaker == interviewer else "other")
    return interviewer, respondent, warnings


def _as_spoken(name: str | None, speakers: list[str], role: str, source: str | None,
               warnings: list[str]) -> str | None:
    """The speaker label a named person speaks under: `gareth` or `Gareth Smith` is `Gareth` when only one fits.

    Front matter and a call's speaker labels often spell a name differently; an exact match wins,
    then a match ignoring case, then one speaker sharing the first name. Otherwise the name is kept.
    """
    if not name or name in speakers:
        return name
    folded = name.casefold()
    fits = [s for s in speakers if s.casefold() == folded]
    if not fits:
        first = folded.split()[:1]  # empty for a blank name, which then fits no speaker
        fits = [s for s in speakers if s.casefold().split()[:1] == first]
    if len(fits) != 1:
        return name
    warnings.append(f"{source or 'transcript'}: {role} {name!r} taken to be the speaker {fits[0]!r}")
    return fits[0]


def render_native(meta: dict[str, Any], turns: list[tuple[str, float | None, str]]) -> tuple[str, list[tuple[int, int, int]]]:
    """Render (speaker, seconds, text) turns in the project's format.

    Returns the text and, per turn, (start, end, line) of its words in that text.
    """
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    head = "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False) + "---\n" if meta else ""
    parts = [head]
    pos = len(head)
    line = head.count("\n") + 1
    spans = []
    for speaker, seconds, words in turns:
        words = " ".join(words.split())
        stamp = f"[{format_timestamp(seconds)}] " if seconds is not None else ""
        prefix = f"{stamp}{speaker}: "
        start = pos + len(prefix)
        spans.append((start, start + len(words), line))
        chunk = prefix + words + "\n"
        parts.append(chunk)
        pos += len(chunk)
        line += 1
    return "".join(parts), spans
