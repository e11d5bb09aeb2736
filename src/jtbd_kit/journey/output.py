"""Rendering a journey-map document to a format and writing files atomically (temp file, then rename)."""

from __future__ import annotations

import re
from pathlib import Path

from jtbd_kit.atomic import atomic_folder, write_text_atomic
from jtbd_kit.errors import UserError

EXTENSIONS = {"md": ".md", "html": ".html", "mermaid": ".mmd", "json": ".json"}
SUFFIXES = {**{suffix: fmt for fmt, suffix in EXTENSIONS.items()}, ".txt": "md"}  # an --out file's suffix -> format


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


def map_slug(persona: dict) -> str:
    """A safe file-name stem from the persona's id and key/name (never a path taken as given)."""
    base = re.sub(r"[^a-z0-9]+", "-", str(persona.get("key") or persona.get("name") or "").lower()).strip("-")[:40]
    if persona.get("id") is None:
        return "all-participants"
    return f"persona-{persona['id']}" + (f"-{base}" if base else "")


def one_map(doc: dict, m: dict) -> dict:
    return {**doc, "maps": [m]}


def file_format(out: Path, fmt: str | None = None) -> str:
    """The format of an --out file: `fmt` if given, else its suffix's; a suffix no format writes is refused
    (a file without a suffix only with `fmt`).

    Without this, `--out map.pdf` would quietly get Markdown.
    """
    suffix, *known = out.suffix.lower(), *SUFFIXES
    if fmt and not suffix:  # `--format html --out map`: the format is said
        return fmt
    if suffix not in SUFFIXES:
        said = f"unsupported suffix {suffix!r} for a journey map" if suffix else "a journey map file needs a suffix"
        raise UserError(said, out, None,
                        f"name the file {', '.join(known[:-1])} or {known[-1]}, or pass an existing folder")
    return fmt or SUFFIXES[suffix]


def write_maps(doc: dict, fmt: str, out: Path) -> list[Path]:
    """Into an existing folder: one file per persona, all landing together; otherwise one file with every map."""
    if out.is_dir():
        names = [f"journey-{map_slug(m['persona'])}{EXTENSIONS[fmt]}" for m in doc["maps"]]
        with atomic_folder(out) as stage:  # the folder's other files stay
            for name, m in zip(names, doc["maps"]):
                write_text_atomic(stage / name, render(one_map(doc, m), fmt))
        return [out / name for name in names]
    file_format(out, fmt)
    if fmt == "mermaid" and len(doc["maps"]) > 1:
        raise UserError("a Mermaid file holds one diagram", out, None,
                        "name a persona, or pass an existing folder as --out for one file per persona")
    return [write_text_atomic(out, render(doc, fmt))]
