"""Atomic file writes: write beside the target, then rename, so a failed run leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jtbd_kit.errors import UserError


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target.

    Readers never see half a file; on any error the temporary file is removed and the old target,
    if any, stays as it was. OS errors become one-line UserErrors.
    """
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError("folder does not exist", folder, None, "create it first or pick another path")
    if target.is_dir():
        raise UserError("is a folder, not a file", target, None, "pick a file name")
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        os.replace(tmp, target)
    except OSError as e:
        raise UserError(f"cannot write the file ({e.strerror})", target, None, "pick a folder you can write to") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | Path, text: str) -> Path:
    """Write a UTF-8 text file (with \\n line ends) in one step."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(target)
