"""Rendering a journey-map document to a format and writing files atomically (temp file, then rename)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from jtbd_kit.errors import UserError

EXTENSIONS = {"md": ".md", "html": ".html", "mermaid": ".mmd", "json": ".json"}


def render(doc: dict, fmt: str) -> str:
    """The whole document in one format (renderers are imported only when used)."""
    if fmt == "md":
        from jtbd_kit.journey.markdown import render_markdown
        return render_markdown(doc)
    if fmt == "mermaid":
        from jtbd_kit.journey.mermaid import render_mermaid
        return render_mermaid(doc)
    if fmt == "json":
        from jtbd_kit.journey.json_out import render_json
        return render_json(doc)
    if fmt == "html":
        from jtbd_kit.journey.html import render_html
        return render_html(doc)
    raise UserError(f"unknown format {fmt!r}", None, None, f"use one of: {', '.join(EXTENSIONS)}")


def write_atomic(path: Path, text: str) -> Path:
    """Write via a temporary file in the same folder and rename it over `path`: readers never see half a file."""
    folder = path.parent
    if not folder.is_dir():
        raise UserError("folder does not exist", folder, None, "create it first or pick another --out")
    if path.is_dir():
        raise UserError("is a folder, not a file", path, None, "pick a file name for --out")
    tmp = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False, newline="\n") as f:
            tmp = Path(f.name)
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write the file ({e.strerror})", path, None, "pick another --out") from None
    return path


def map_slug(persona: dict) -> str:
    """A safe file-name stem from the persona's id and key/name (never a path taken as given)."""
    base = re.sub(r"[^a-z0-9]+", "-", str(persona.get("key") or persona.get("name") or "").lower()).strip("-")[:40]
    if persona.get("id") is None:
        return "all-participants"
    return f"persona-{persona['id']}" + (f"-{base}" if base else "")


def one_map(doc: dict, m: dict) -> dict:
    return {**doc, "maps": [m]}


def write_maps(doc: dict, fmt: str, out: Path) -> list[Path]:
    """Into an existing folder: one file per persona; otherwise one file with every map."""
    if out.is_dir():
        return [write_atomic(out / f"journey-{map_slug(m['persona'])}{EXTENSIONS[fmt]}", render(one_map(doc, m), fmt))
                for m in doc["maps"]]
    if fmt == "mermaid" and len(doc["maps"]) > 1:
        raise UserError("a Mermaid file holds one diagram", out, None,
                        "name a persona, or pass an existing folder as --out for one file per persona")
    return [write_atomic(out, render(doc, fmt))]
