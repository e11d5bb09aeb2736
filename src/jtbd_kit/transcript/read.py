"""Pick the reader for a file by its suffix, after the checks every format shares."""

from __future__ import annotations

import hashlib
from importlib import import_module
from pathlib import Path

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript

SUFFIXES = {".txt": "native", ".vtt": "vtt", ".srt": "srt", ".docx": "docx"}


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text or a one-line error: empty files, binary files and other encodings are refused."""
    if not data.strip():
        raise UserError("file is empty", path, None, "export the transcript again")
    if b"\x00" in data[:8192]:
        raise UserError("this is a binary file, not a transcript", path, None,
                        "give a .txt, .vtt, .srt or .docx transcript")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise UserError("not UTF-8 text", path, line,
                        "re-save the file as UTF-8, e.g. `iconv -f cp1251 -t utf-8`") from None
    return text.replace("\r\n", "\n")


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
