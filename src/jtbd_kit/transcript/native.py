"""The project's own transcript format: YAML front matter, then `[hh:mm:ss] Speaker: words` turns."""

from __future__ import annotations

import re

import yaml

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.language import check_language, detect_language
from jtbd_kit.transcript.meta import check_participant, check_people, date_or_warning
from jtbd_kit.transcript.model import Transcript, Turn, assign_roles, participant_from_path

TURN = re.compile(r"^(?:\[(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2})\]\s*)?(?P<speaker>[^:\[\]{}\n]{1,40}):[ \t]?")
LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")  # lines end at \n only: str.splitlines also breaks at U+2028 and the like
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader when built in: 3x faster
KNOWN_KEYS = ("participant", "language", "interviewer", "respondent", "product", "date")


class DateAsText(SAFE_LOADER):
    """The safe loader, keeping dates as written: PyYAML's own date parsing crashes on `2026-02-30`."""


DateAsText.add_constructor("tag:yaml.org,2002:timestamp", DateAsText.construct_yaml_str)


def parse_timestamp(ts: str, path: str | None = None, line: int | None = None) -> float:
    """Seconds of `[h:]mm:ss`; seconds, and minutes after hours, run to 59 as the .vtt and .srt readers require."""
    parts = [int(part) for part in ts.split(":")]
    if parts[-1] > 59 or (len(parts) == 3 and parts[1] > 59):
        raise UserError(f"bad timestamp {ts!r}: minutes and seconds run from 00 to 59", path, line,
                        "write it as [hh:mm:ss], e.g. [01:05:30]")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
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
        meta = yaml.load(front, Loader=DateAsText) or {}
    except (yaml.YAMLError, ValueError) as e:  # ValueError: an explicit tag such as `!!int abc`
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


def front_lines(front: str) -> dict[str, tuple[int, str]]:
    """(line number, value as written) of each top-level `key: value` line of the front matter."""
    lines = {}
    for number, line in enumerate(front.splitlines()[1:], 2):
        m = PLAIN_LINE.match(line)
        if m:
            lines[m.group(1)] = (number, re.split(r"\s+#", m.group(2))[0])
    return lines


def known_values(meta: dict, front: str, path: str) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """The known keys' values as text, every key's line, and warnings.

    A number or a yes/no YAML reads is taken as written (`participant: 007`, `product: 2024`), not as
    Python prints it; a list or a set of keys is refused. A date that is not a real YYYY-MM-DD is left
    out with a warning (meta.date_or_warning).
    """
    lines = front_lines(front)
    values, warnings = {}, []
    for key in KNOWN_KEYS:
        value, (line, written) = meta.get(key), lines.get(key, (2, str(meta.get(key))))
        if value is None or value == "":
            continue
        if isinstance(value, (list, dict)):
            raise UserError(f"`{key}:` must be one plain value, not {'a list' if isinstance(value, list) else 'a set of keys'}",
                            path, line, f"write it as `{key}: text` on one line")
        value = value if isinstance(value, str) else written.strip().strip("'\"")
        if key == "date":
            value, said = date_or_warning(value, path, line)
            warnings += said
            if value is None:
                continue
        values[key] = value
    return values, {key: line for key, (line, _) in lines.items()}, warnings


def parse_native(text: str, path: str = "<text>", language: str | None = None) -> Transcript:
    meta, body, first_line = split_front_matter(text, path)
    known, lines, notes = known_values(meta, text[:body], path)
    check_people(known.get("interviewer"), known.get("respondent"), path, lines.get("respondent"))
    participant = check_participant(known.get("participant") or participant_from_path(path), path,
                                    lines.get("participant"), "participant" not in known, "in the front matter")
    raw_turns: list[dict] = []
    pos = body
    for lineno, line in enumerate(LINES.findall(text[body:]), first_line):
        content = line.rstrip("\r\n")
        m = TURN.match(content)
        if m and m.group("speaker").strip():
            raw_turns.append({"speaker": m.group("speaker").strip(),
                              "seconds": parse_timestamp(m.group("ts"), path, lineno) if m.group("ts") else None,
                              "start": pos + m.end(), "end": pos + len(content), "line": lineno})
        elif raw_turns and content.strip():
            raw_turns[-1]["end"] = pos + len(content)
        pos += len(line)
    if not raw_turns:
        raise UserError("no turns found", path, first_line,
                        "write one turn per line as `[00:01:15] Name: words`")
    turns = [Turn(index=i, speaker=r["speaker"], text=text[r["start"]:r["end"]], start=r["start"],
                  end=r["end"], seconds=r["seconds"], line=r["line"]) for i, r in enumerate(raw_turns)]
    lang = language or known.get("language") or detect_language(text[body:])
    lang = check_language(lang, path, lines.get("language", 2) if known.get("language") and not language else None)
    interviewer, respondent, warnings = assign_roles(turns, known.get("interviewer"), known.get("respondent"), path)
    if respondent and not any(t.role == "respondent" for t in turns):
        raise UserError(f"respondent {respondent!r} never speaks", path, None,
                        "check the `respondent:` name in the front matter against the speaker names")
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS}
    return Transcript(participant=participant, language=lang, turns=turns, text=text,
                      interviewer=interviewer, respondent=respondent, product=known.get("product"),
                      date=known.get("date"), meta=extra, source=path, format="native",
                      warnings=notes + warnings)
