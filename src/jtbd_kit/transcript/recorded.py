"""What the VTT, SRT and Word readers share.

A recording's transcript arrives as cues (a start time and a line or two of text, the speaker
named by a `<v Name>` voice tag or a `Name: ` prefix). Consecutive cues of one speaker become
one turn, the turn's time is its first cue's start, and the conversation is rendered in the
project's own format so that every offset points into one text a researcher can open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.language import check_language, detect_language
from jtbd_kit.transcript.meta import check_participant, check_people, date_or_warning
from jtbd_kit.transcript.model import Transcript, Turn, assign_roles, participant_from_path, render_native

META_KEYS = ("participant", "language", "interviewer", "respondent", "product", "date")
VOICE = re.compile(r"^\s*<v(?:\.[\w-]+)*\s+(?P<name>[^>]+)>")
NAME_PREFIX = re.compile(r"^\s*(?P<name>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})\s*:\s+(?P<text>\S.*)$")
META_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
TAGS = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # WebVTT/SRT cue tags and ASS overrides like {\an8}
NOT_IN_NAME = re.compile(r"[:\[\]{}\n\r]")


@dataclass
class Cue:
    """One stretch of speech as the recording tool wrote it; `speaker` None means 'same as before'."""

    speaker: str | None
    seconds: float | None
    text: str


def split_speaker(line: str) -> tuple[str | None, str]:
    """(speaker, words) of one cue line: a `<v Name>` voice tag, else a `Name: ` prefix, else no name."""
    m = VOICE.match(line)
    if m:
        return m.group("name").strip(), TAGS.sub("", line[m.end():]).strip()
    plain = TAGS.sub("", line).strip()
    m = NAME_PREFIX.match(plain)
    if m:
        return m.group("name").strip(), m.group("text").strip()
    return None, plain


def cues_from_lines(lines: list[str], seconds: float | None) -> list[Cue]:
    """The cues of one caption block: a new cue wherever a line names a speaker."""
    cues: list[Cue] = []
    for line in lines:
        speaker, words = split_speaker(line)
        if speaker is not None or not cues:
            cues.append(Cue(speaker, seconds, words))
        else:
            cues[-1].text += " " + words
    return cues


def meta_from_line(line: str) -> tuple[str, str] | None:
    """`key: value` for one of the front-matter keys (`participant: P-13`), else None."""
    m = META_LINE.match(line)
    if m and m.group("key").lower() in META_KEYS and m.group("value"):
        return m.group("key").lower(), m.group("value")
    return None


def clean_speaker(name: str) -> str:
    """A name the project's format can hold: no colons or brackets, at most 40 characters."""
    name = " ".join(NOT_IN_NAME.sub(" ", name).split())[:40].strip()
    return name or "Speaker"


def build_transcript(cues: list[Cue], meta: dict[str, str], path: str, language: str | None, fmt: str,
                     meta_lines: dict[str, int] | None = None, where: str = "in the file") -> Transcript:
    """Merge cues into turns, settle language and roles, render in the own format with offsets."""
    meta_lines = meta_lines or {}
    check_people(meta.get("interviewer"), meta.get("respondent"), path, meta_lines.get("respondent"))
    date, notes = date_or_warning(meta.get("date"), path, meta_lines.get("date"))
    participant = check_participant(meta.get("participant") or participant_from_path(path), path,
                                    meta_lines.get("participant"), "participant" not in meta, where)
    merged: list[list] = []  # [speaker, seconds, words]
    named = False
    for cue in cues:
        words = " ".join(cue.text.split())
        if not words:
            continue
        named = named or cue.speaker is not None
        speaker = clean_speaker(cue.speaker) if cue.speaker is not None else (
            merged[-1][0] if merged else "Speaker")
        if merged and merged[-1][0] == speaker:
            merged[-1][2] += " " + words
        else:
            merged.append([speaker, cue.seconds, words])
    if not merged:
        raise UserError("no turns found", path, None,
                        "the file has no spoken text; export the transcript again with captions")
    lang = language or meta.get("language") or detect_language(" ".join(m[2] for m in merged))
    lang = check_language(lang, path, meta_lines.get("language") if meta.get("language") and not language else None)
    turns = [Turn(index=i, speaker=s, text=w, start=0, end=0, seconds=sec) for i, (s, sec, w) in enumerate(merged)]
    interviewer, respondent, role_warnings = assign_roles(turns, meta.get("interviewer"), meta.get("respondent"), path,
                                                      where)
    if respondent and not any(t.role == "respondent" for t in turns):
        raise UserError(f"respondent {respondent!r} never speaks", path, meta_lines.get("respondent"),
                        f"use one of the speaker names: {', '.join(dict.fromkeys(t.speaker for t in turns))}")
    head = {"participant": participant, "language": lang, "interviewer": interviewer, "respondent": respondent,
            "product": meta.get("product"), "date": date}
    text, spans = render_native({k: v for k, v in head.items() if v is not None},
                                [(t.speaker, t.seconds, t.text) for t in turns])
    for turn, (start, end, line) in zip(turns, spans):
        turn.start, turn.end, turn.line, turn.text = start, end, line, text[start:end]
    return Transcript(participant=participant, language=lang, turns=turns, text=text, interviewer=interviewer,
                      respondent=respondent, product=meta.get("product"), date=date, source=path,
                      format=fmt, warnings=notes + (role_warnings if named else [
                          f"{path}: no speaker names found; all text is taken as the respondent's answers"]))
