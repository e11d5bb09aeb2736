"""The interview journal: one JSON line per event, flushed and fsynced before the screen shows it.

The journal lives in the project's data folder next to the database
(`<db dir>/jtbd-data/journals/<participant>.jsonl`). It is append-only: a line cut off by a crash
is never overwritten, only skipped when reading (and reported), so nothing once written is lost.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from jtbd_kit.errors import UserError
from jtbd_kit.store.db import resolve_db_path

PARTICIPANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_sync = getattr(os, "fdatasync", os.fsync)


def check_participant(participant: str) -> str:
    """Refuse ids that could escape the journal folder or confuse a file system (checked before any path is built)."""
    if not PARTICIPANT.match(participant or ""):
        raise UserError(f"participant id {participant!r} is not allowed", None, None,
                        "use up to 64 letters, digits, - and _, e.g. P-07")
    return participant


def data_dir(db_path: str | Path | None) -> Path:
    """The project's data folder: `jtbd-data/` beside the database."""
    return resolve_db_path(db_path).resolve().parent / "jtbd-data"


def journal_path(db_path: str | Path | None, participant: str) -> Path:
    return data_dir(db_path) / "journals" / f"{check_participant(participant)}.jsonl"


def transcript_path(db_path: str | Path | None, participant: str) -> Path:
    return data_dir(db_path) / "transcripts" / f"{check_participant(participant)}.txt"


def make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create the data folder: {e.strerror}", folder, None,
                        "make the folder beside the database writable, or pass another --db") from None
    return folder


def _lock(fd: int, path: Path) -> None:
    """Hold the journal alone: two apps resuming one interview would interleave their keystrokes.
    The lock goes with the process, so a crash never leaves the journal locked (none on Windows)."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise UserError("another jtbd interview has this journal open", path, None,
                        "go back to that window and quit it (ctrl+q), then resume here with --resume") from None


class Journal:
    """An open journal file, held by this process alone; `append` returns only once the event is on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        make_folder(path.parent)
        is_new = not path.exists()
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            _lock(self._fd, path)
            if not is_new and path.stat().st_size and not _ends_with_newline(path):
                self._write(b"\n")  # keep a cut-off last line apart from the next event
            if is_new:
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as e:
            raise UserError(f"cannot write the interview journal: {e.strerror}", path, None,
                            "make the data folder beside the database writable, or pass another --db") from None

    def append(self, event: dict) -> None:
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self._write(line.encode("utf-8"))
        except OSError as e:
            raise UserError(f"cannot write the interview journal: {e.strerror}", self.path, None,
                            "free some disk space, then resume with --resume") from None

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]
        _sync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


@dataclass
class JournalRead:
    events: list[dict]
    dropped: list[str] = field(default_factory=list)  # one line per skipped piece: where, what, why


def read_journal(path: Path) -> JournalRead:
    """Every complete event of a journal; cut-off or damaged lines are skipped and described."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read the interview journal: {e.strerror}", path, None,
                        "check the file's permissions") from None
    events: list[dict] = []
    dropped: list[str] = []
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        complete = number < len(lines)  # the last piece has no newline: cut off mid-write
        try:
            event = json.loads(raw.decode("utf-8"))
            if not isinstance(event, dict) or "e" not in event or "t" not in event:
                raise ValueError
        except ValueError:
            what = "an event cut off mid-line" if not complete else "a damaged line"
            dropped.append(f"{path}:{number}: dropped {what} ({len(raw)} bytes: {raw[:40]!r})")
            continue
        events.append(event)
    if not events or events[0].get("e") != "start":
        raise UserError("the journal has no start event", path, 1,
                        "it is not an interview journal; move it away to start a new interview")
    return JournalRead(events, dropped)
