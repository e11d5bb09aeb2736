"""Import transcript files into the store: find the files, read each, save each in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from jtbd_kit.errors import UserError
from jtbd_kit.store.interviews import SaveResult, already_imported, save_transcript
from jtbd_kit.transcript import SUFFIXES, read_transcript


def is_transcript_name(path: Path) -> bool:
    """A folder's transcripts: known suffixes, but not hidden files or a README beside the interviews."""
    return (path.suffix.lower() in SUFFIXES and not path.name.startswith(".")
            and path.name.split(".")[0].lower() != "readme")


def find_transcripts(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every transcript file below each folder, sorted."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and is_transcript_name(f))
        else:
            files.append(p)
    return files


def import_file(db: sqlite_utils.Database, path: Path, replace: bool = False, language: str | None = None,
                offset: float = 0.0) -> tuple[SaveResult, list[str]]:
    """Read and store one file; returns the result and the reader's warnings."""
    try:
        unchanged = already_imported(db, str(path), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        unchanged = None  # the reader reports why the file cannot be read
    if unchanged:
        return unchanged, []
    transcript = read_transcript(path, language)
    result = save_transcript(db, transcript, replace=replace)
    if result.status != "unchanged" and transcript.format in ("vtt", "srt", "docx"):
        from jtbd_kit.store.tags import attach_live_tags

        attach_live_tags(db, result.interview_id, offset)
    return result, transcript.warnings


def import_many(db: sqlite_utils.Database, files: list[Path], **options):
    """Yield (path, SaveResult | None, warnings, error line) per file; bad files do not stop the batch."""
    for path in files:
        try:
            result, warnings = import_file(db, path, **options)
            yield path, result, warnings, None
        except UserError as e:
            yield path, None, [], e.one_line()
