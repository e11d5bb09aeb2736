"""Pick the reader for a file by its suffix, after the checks every format shares."""

from __future__ import annotations

import codecs
import hashlib
import re
from importlib import import_module
from pathlib import Path

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript

SUFFIXES = {".txt": "native", ".vtt": "vtt", ".srt": "srt", ".docx": "docx"}
# Byte-order marks, longest first: a UTF-32 LE mark starts with the UTF-16 LE one. Teams can export UTF-16.
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Unicode category Cc but tab, newline and carriage return: they break the Excel and REFI-QDA exports
# and would reach a terminal as escape codes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters shown as U+FFFD: interviews imported before they were refused may
    hold some, and a terminal would run them as escape codes."""
    return CONTROL.sub("\ufffd", text)


def check_control_characters(text: str, path: str, first_line: int = 1) -> None:
    """Refuse text carrying a control character, naming the line it is on (counted from `first_line`)."""
    m = CONTROL.search(text)
    if m:
        raise UserError(f"control character U+{ord(m.group()):04X} is not allowed in a transcript", path,
                        first_line + text.count("\n", 0, m.start()),
                        "remove it or re-export the transcript")


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text (UTF-16/32 with a byte-order mark) or a one-line error: empty, binary, other encodings refused."""
    if not data.strip():
        raise UserError("file is empty", path, None, "export the transcript again")
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise UserError("this is a binary file, not a transcript", path, None,
                        "give a .txt, .vtt, .srt or .docx transcript")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[:e.start].decode(encoding, errors="replace").count("\n") + 1
        raise UserError(f"not {encoding.upper().removesuffix('-SIG')} text", path, line,
                        "re-save the file as UTF-8, e.g. `iconv -f cp1251 -t utf-8`") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows, and old Mac line endings
    if not text.strip():
        raise UserError("file is empty", path, None, "export the transcript again")
    check_control_characters(text, path)
    return text


def read_transcript(path: str | Path, language: str | None = None) -> Transcript:
    """Read any supported transcript file into the shared model."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UserError(f"unknown transcript format {path.suffix or '(no suffix)'!r}", path, None,
                        f"use one of {', '.join(SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read file: {e.strerror}", path) from None
    if not data.strip():
        raise UserError("file is empty", path, None, "export the transcript again")
    reader = import_module(f"jtbd_kit.transcript.{kind}")
    if kind == "docx":
        transcript = reader.parse_docx(data, str(path), language)
    else:
        text = decode_text(data, str(path))
        transcript = getattr(reader, f"parse_{kind}")(text, str(path), language)
    transcript.sha256 = hashlib.sha256(data).hexdigest()
    transcript.source = str(path)
    return transcript
