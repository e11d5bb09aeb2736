"""Language data as data: one folder of YAML files per language, found by folder name.

A language is `lang/<code>/` here, or `<dir>/<code>/` for each dir in $JTBD_LANG_PATH
(os.pathsep-separated), so a researcher adds a language by writing files, not code. Every
folder holds `language.yaml` (spaCy code, lemmatizer) and cue files: `stages.yaml`,
`questions.yaml`, `forces.yaml`, `emotion.yaml`, `touchpoints.yaml`, `pains.yaml`, `time.yaml`.
A missing cue file means no cues of that kind. Touchpoint and pain keys are concept ids shared by
all languages (`web_search`, `price`, ...), so mixed-language studies cluster on them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jtbd_kit.errors import UserError

HERE = Path(__file__).resolve().parent
CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$")
FILES = ("stages", "questions", "forces", "emotion", "touchpoints", "pains", "time")


def search_dirs() -> list[Path]:
    """$JTBD_LANG_PATH folders first (they may override a shipped language), then the shipped one."""
    extra = [Path(p) for p in os.environ.get("JTBD_LANG_PATH", "").split(os.pathsep) if p.strip()]
    return [*extra, HERE]


def language_dirs() -> dict[str, Path]:
    """Language code -> its data folder (a folder counts when it holds language.yaml)."""
    found: dict[str, Path] = {}
    for base in search_dirs():
        if not base.is_dir():
            continue
        for d in sorted(base.iterdir()):
            if d.is_dir() and CODE.match(d.name) and (d / "language.yaml").is_file():
                found.setdefault(d.name, d)
    return found


def language_codes() -> list[str]:
    """Every language with a data folder, sorted."""
    return sorted(language_dirs())


def language_aliases() -> dict[str, str]:
    """Casefolded name or alias -> code, from each folder's `language.yaml` (`name`, `aliases`).

    So a transcript that says `language: English`, `Polski` or `ua` is read, not refused.
    """
    found: dict[str, str] = {}
    for code, folder in language_dirs().items():
        meta = read_yaml(folder / "language.yaml")
        names = [meta.get("name"), *(meta.get("aliases") or [])] if isinstance(meta, dict) else []
        for name in names:
            if isinstance(name, str) and name.strip():
                found.setdefault(name.strip().casefold(), code)
    return found


def read_yaml(path: Path) -> Any:
    """A data file of the package ({} when empty); bad YAML is a UserError naming the file and line."""
    import yaml

    try:  # libyaml's loader when PyYAML has it: the same data, several times faster to read
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise UserError(f"bad language data: {getattr(e, 'problem', None) or 'invalid YAML'}", path,
                        mark.line + 1 if mark is not None else None, "fix the YAML in this file") from None
    except OSError as e:
        raise UserError(f"cannot read language data: {e.strerror}", path) from None


@lru_cache(maxsize=None)
def load_language(code: str) -> dict[str, Any]:
    """All data files of one language as a dict keyed by file stem (plus `code` and `dir`)."""
    dirs = language_dirs()
    if code not in dirs:
        raise UserError(f"unsupported language {code!r}", None, None,
                        f"use one of {', '.join(sorted(dirs))}, or add a language data folder lang/{code}/")
    folder = dirs[code]
    data: dict[str, Any] = {"code": code, "dir": str(folder), "language": read_yaml(folder / "language.yaml")}
    for name in FILES:
        path = folder / f"{name}.yaml"
        data[name] = read_yaml(path) if path.is_file() else {}
        if not isinstance(data[name], dict):
            raise UserError("language data must be a mapping of keys to cue lists", path, 1,
                            "see docs/coding.md for the layout")
    return data
