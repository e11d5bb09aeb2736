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
        check_folder_path(folder, "path", shown=target)
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
        raise UserError(f"cannot write the file: {reason(e)}", target, None, "pick a folder you can write to") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def nearest_existing(path: Path) -> Path:
    """`path` itself or the closest folder above it that exists (what a mkdir would build on)."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def check_folder_path(folder: str | Path, what: str = "path", shown: str | Path | None = None) -> None:
    """Refuse a folder path that cannot be one, in the CLI's words: `X is a file, not a folder`.

    `folder` may be missing (a caller creates it); it fails when it is a file or when a folder on
    its way is a file. `what` names the option in the hint; `shown` is the path the user gave.
    """
    folder = Path(folder)
    shown = folder if shown is None else shown
    hint = f"pick another {what}"
    if folder.exists() and not folder.is_dir():
        if str(shown) == str(folder):
            raise UserError("is a file, not a folder", folder, None, hint)
        raise UserError(f"{folder} is a file, not a folder", shown, None, hint)
    nearest = nearest_existing(folder)
    if nearest.exists() and not nearest.is_dir():
        raise UserError(f"{nearest} is a file, not a folder", shown, None, hint)


def reason(e: OSError) -> str:
    """An OS error's reason in lower case: 'permission denied', 'no space left on device'."""
    text = e.strerror or str(e)
    return text[:1].lower() + text[1:]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | Path, text: str) -> Path:
    """Write a UTF-8 text file (with \\n line ends) in one step."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(target)
