"""Annotated interviews (`{stage|forces|emotion}` tags in respondent turns) as plain text plus gold spans.

A tag codes the text from where it stands to the next tag or the end of its turn (docs/coding.md).
Stripping the tags gives the transcript a researcher would have; the spans' offsets point into it.
"""

from __future__ import annotations

import re
from pathlib import Path

from jtbd_kit.errors import UserError

TAG = re.compile(r"\{([a-z_]+)\|([a-z,]*)\|([-0+])\}[ \t]?")
EMOTIONS = {"-": -1, "0": 0, "+": 1}
BROKEN = re.compile(r"\{[a-z_]+\|[^}\n]*\}?")  # what is left of a tag TAG did not take: unclosed, bad emotion


def strip_tags(raw: str, source: str = "") -> tuple[str, list[dict]]:
    """Plain text and gold spans {start, end, stage, forces, emotion}; bad tags are a UserError."""
    from jtbd_kit.coding.model import FORCES, STAGES

    out: list[str] = []
    size, spans = 0, []
    for lineno, line in enumerate(raw.splitlines(keepends=True), 1):
        pos, span = 0, None
        for t in TAG.finditer(line):
            piece = line[pos:t.start()]
            out.append(piece)
            size += len(piece)
            if span:
                span["end"] = size - (len(piece) - len(piece.rstrip(" \t")))
                spans.append(span)
            forces = [f for f in t.group(2).split(",") if f]
            if t.group(1) not in STAGES or any(f not in FORCES for f in forces):
                raise UserError(f"unknown stage or force in tag {t.group(0).strip()}", source or None, lineno,
                                f"stages: {', '.join(STAGES)}; forces: {', '.join(FORCES)}")
            span = {"start": size, "stage": t.group(1), "forces": forces, "emotion": EMOTIONS[t.group(3)]}
            pos = t.end()
        rest = line[pos:]
        _no_broken_tag(line, TAG.sub("", line), source, lineno)
        out.append(rest)
        size += len(rest)
        if span:
            span["end"] = size - (len(rest) - len(rest.rstrip("\n")))
            spans.append(span)
    return "".join(out), spans


def _no_broken_tag(line: str, untagged: str, source: str, lineno: int) -> None:
    """A tag that does not parse would silently become text and its span its neighbour's: refuse it."""
    broken = BROKEN.search(untagged)
    if broken:
        raise UserError(f"malformed tag {broken.group(0).strip()}", source or None, lineno,
                        "write tags as {stage|force,force|emotion} with emotion -, 0 or +, e.g. {deciding|pull|+}")


def read_annotated(path: Path):
    """(transcript, gold spans) of one `*.annotated.txt` file."""
    from jtbd_kit.transcript.native import parse_native
    from jtbd_kit.transcript.read import decode_text

    text, spans = strip_tags(decode_text(path.read_bytes(), str(path)), str(path))
    if not spans:
        raise UserError("no {stage|forces|emotion} tags in an annotated file", path, None,
                        "tag each respondent turn, e.g. {first_thought|push|-}")
    return parse_native(text, str(path)), spans


def annotated_files(folders: list[Path]) -> list[Path]:
    """Every `*.annotated.txt` in the folders (or the files themselves), sorted, each once."""
    found: list[Path] = []
    for p in folders:
        found += sorted(p.glob("*.annotated.txt")) if p.is_dir() else [p]
    return list(dict.fromkeys(found))
