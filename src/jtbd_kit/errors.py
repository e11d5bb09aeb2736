"""User-facing errors: one line, where it went wrong, how to fix it; the CLI turns them into exit 2."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input, not a bug: shown as one line, exit code 2, no traceback."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"
