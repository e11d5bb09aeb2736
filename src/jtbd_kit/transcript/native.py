"""The project's own transcript format: YAML front matter, then `[hh:mm:ss] Speaker: words` turns."""

from __future__ import annotations

import re

import yaml

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.language import check_language, detect_language
from jtbd_kit.transcript.model import Transcript, Turn, assign_roles, participant_from_path

TURN = re.compile(r"^(?:\[(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2})\]\s*)?(?P<speaker>[^:\[\]{}\n]{1,40}):[ \t]?")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader when built in: 3x faster
KNOWN_KEYS = ("participant", "language", "interviewer", "respondent", "product", "date")


def parse_timestamp(ts: str) -> float:
    seconds = 0
    for part in ts.split(":"):
        seconds = seconds * 60 + int(part)
    return float(seconds)


PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def plain_key_values(front: str) -> dict | None:
    """Read `key: value` lines the way people write them (`product: Acme: the plan`), where YAML refuses.

    Values are kept as written after the first colon. None when a line is not `key: value` or a
    value opens YAML syntax (a bracket, brace or quote), where the YAML error says more.
    """
    meta = {}
    for line in front.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = PLAIN_LINE.match(line)
        if not m or m.group(2)[:1] in ("[", "{", '"', "'"):
            return None
        meta[m.group(1)] = m.group(2)
    return meta


def split_front_matter(text: str, path: str) -> tuple[dict, int, int]:
    """Return (meta, body offset, body's first line number)."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return {}, 0, 1
    m = re.search(r"^---[ \t]*\r?$", text[4:], re.MULTILINE)
    if not m:
        raise UserError("front matter is not closed", path, 1, "end it with a line of three dashes: ---")
    front = text[4:4 + m.start()]
    try:
        meta = yaml.load(front, Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as e:
        meta = plain_key_values(front)
        if meta is None:
            mark = getattr(e, "problem_mark", None)
            last = front.count("\n") + 1  # the front matter's last line (it starts on line 2)
            line = min(mark.line + 2, last) if mark is not None else 1
            problem = getattr(e, "problem", None) or "invalid YAML"
            raise UserError(f"bad front matter: {problem}", path, line,
                            "write one `key: value` per line; quote values containing a colon") from None
    if not isinstance(meta, dict):
        raise UserError("front matter is not a set of `key: value` lines", path, 2,
                        "write one `key: value` per line")
    body = 4 + m.end()
    if text[body:body + 1] == "\n":
        body += 1
    return meta, body, text[:body].count("\n") + 1


def parse_native(text: str, path: str = "<text>", language: str | None = None) -> Transcript:
    meta, body, first_line = split_front_matter(text, path)
    raw_turns: list[dict] = []
    pos = body
    for lineno, line in enumerate(text[body:].splitlines(keepends=True), first_line):
        content = line.rstrip("\r\n")
        m = TURN.match(content)
        if m and m.group("speaker").strip():
            raw_turns.append({"speaker": m.group("speaker").strip(),
                              "seconds": parse_timestamp(m.group("ts")) if m.group("ts") else None,
                              "start": pos + m.end(), "end": pos + len(content), "line": lineno})
        elif raw_turns and content.strip():
            raw_turns[-1]["end"] = pos + len(content)
        pos += len(line)
    if not raw_turns:
        raise UserError("no turns found", path, first_line,
                        "write one turn per line as `[00:01:15] Name: words`")
    turns = [Turn(index=i, speaker=r["speaker"], text=text[r["start"]:r["end"]], start=r["start"],
                  end=r["end"], seconds=r["seconds"], line=r["line"]) for i, r in enumerate(raw_turns)]
    lang_line = next((i + 2 for i, l in enumerate(text[:body].splitlines()[1:]) if l.startswith("language")), 2)
    lang = language or meta.get("language") or detect_language(text[body:])
    lang = check_language(lang, path, lang_line if meta.get("language") and not language else None)
    interviewer, respondent, warnings = assign_roles(
        turns, _str(meta.get("interviewer")), _str(meta.get("respondent")), path)
    if respondent and not any(t.role == "respondent" for t in turns):
        raise UserError(f"respondent {respondent!r} never speaks", path, None,
                        "check the `respondent:` name in the front matter against the speaker names")
    participant = _str(meta.get("participant")) or participant_from_path(path)
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS}
    return Transcript(participant=participant, language=lang, turns=turns, text=text,
                      interviewer=interviewer, respondent=respondent, product=_str(meta.get("product")),
                      date=_str(meta.get("date")), meta=extra, source=path, format="native",
                      warnings=warnings)


def _str(value) -> str | None:
    return None if value is None else str(value)
