"""Rendering a journey-map document to a format and writing files atomically (temp file, then rename)."""

from __future__ import annotations

import re
from pathlib import Path

from jtbd_kit.atomic import write_text_atomic
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
        return [write_text_atomic(out / f"journey-{map_slug(m['persona'])}{EXTENSIONS[fmt]}", render(one_map(doc, m), fmt))
                for m in doc["maps"]]
    if fmt == "mermaid" and len(doc["maps"]) > 1:
        raise UserError("a Mermaid file holds one diagram", out, None,
                        "name a persona, or pass an existing folder as --out for one file per persona")
    return [write_text_atomic(out, render(doc, fmt))]
