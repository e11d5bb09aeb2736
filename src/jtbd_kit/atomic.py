"""Atomic file writes: write beside the target, then rename, so a failed run leaves nothing half-written."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
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


@contextmanager
def atomic_folder(target: str | Path, owned: Callable[[str], bool] | None = None,
                  last: str | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; on success its files become the target folder's, all together.

    Nothing reaches `target` until every file is written, so a failed run (a disk that fills up
    halfway) leaves the target as it was and no staging folder. A missing target, or one holding
    only files `owned` says a writer made (an earlier report), is swapped whole for the staging
    folder by rename. A folder holding anything else keeps it: each staged file replaces its
    namesake by rename, `last` last, and owned files not written again are removed.
    OS errors become one-line UserErrors naming the target, never the staging folder.
    """
    target = Path(target)
    stage: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        swap = _swappable(target, owned)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                      dir=target.parent if swap else target))
        yield stage
        if swap:
            _swap(stage, target)
        else:
            _merge(stage, target, owned, last)
    except OSError as e:
        raise UserError(f"cannot write the folder: {reason(e)}", target, None,
                        "pick a folder you can write to") from None
    except UserError as e:
        raise _relocated(e, stage, target) from None
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


def _swappable(target: Path, owned: Callable[[str], bool] | None) -> bool:
    """Whether `target` may be replaced whole: missing, or a plain folder of owned files only.

    Never a link, a mount point, the folder we stand in (or one holding it), or a folder whose
    parent cannot be written (a rename needs that): those get their files replaced one by one.
    """
    if not target.exists() and not target.is_symlink():
        return True
    if owned is None or target.is_symlink() or target.is_mount() or not os.access(target.parent, os.W_OK | os.X_OK):
        return False
    here, real = Path.cwd().resolve(), target.resolve()
    if real == here or real in here.parents:
        return False
    return all(p.is_file() and not p.is_symlink() and owned(p.name) for p in target.iterdir())


def _swap(stage: Path, target: Path) -> None:
    """Put `stage` where `target` is; the old target is removed only once the new one is in place."""
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o777 & ~_umask()
    os.chmod(stage, mode)  # mkdtemp makes 0700
    if not target.exists():
        os.rename(stage, target)
        return
    old = stage.with_suffix(".old")
    os.rename(target, old)
    try:
        os.rename(stage, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _merge(stage: Path, target: Path, owned: Callable[[str], bool] | None, last: str | None) -> None:
    """Move each staged file over its namesake in `target` (`last` last); drop owned files not rewritten."""
    names = sorted(p.name for p in stage.iterdir())
    for name in names:
        if (target / name).is_dir() and not (target / name).is_symlink():
            raise UserError("is a folder, not a file", target / name, None, "move it away or pick another folder")
    first = [n for n in names if n != last]
    for name in first:
        os.replace(stage / name, target / name)
    if owned is not None:
        for old in target.iterdir():
            if owned(old.name) and old.name not in names and old.is_file():
                old.unlink()
    if last in names:
        os.replace(stage / last, target / last)


def _relocated(e: UserError, stage: Path | None, target: Path) -> UserError:
    """The error with a staged path shown as the path it was meant for: users never chose the staging folder."""
    if stage is None or not e.path or not e.path.startswith(str(stage)):
        return e
    return UserError(e.message, str(target) + e.path[len(str(stage)):], e.line, e.hint)
