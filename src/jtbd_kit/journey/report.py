"""The study report: one folder with index.html, every persona's map in every format, and saturation.

The folder is written atomically (a failed run leaves an earlier report as it was); index.html links
to each file and is readable on its own (persona cards, emotion curves and the saturation curve are
inline SVG).
"""

from __future__ import annotations

import re
from pathlib import Path

import sqlite_utils

from jtbd_kit.journey.build import build_maps
from jtbd_kit.journey.html import environment, map_items
from jtbd_kit.journey.json_out import SCHEMA_PATH
from jtbd_kit.atomic import atomic_folder, check_folder_path, write_text_atomic
from jtbd_kit.journey.output import EXTENSIONS, map_slug, one_map, render
from jtbd_kit.journey.stages import DEFAULT_SET
from jtbd_kit.journey.svg import saturation_chart

STALE = re.compile(r"journey-(persona-\d+(-[a-z0-9-]+)?|all-participants)\.(html|md|mmd|json)|saturation\.svg")
REPORT_FILE = re.compile(rf"{STALE.pattern}|index\.html|journey-maps(\.schema)?\.json")
FORMAT_NAMES = {"html": "HTML", "md": "Markdown", "mermaid": "Mermaid", "json": "JSON"}


def _owned(name: str) -> bool:
    """Whether a file in the report folder is one a report writes (the next report replaces or removes it)."""
    return bool(REPORT_FILE.fullmatch(name))


def _kept(out: Path) -> set[str]:
    """The user's own files in an existing report folder: they stay, and the index links them."""
    if not out.is_dir():
        return set()
    return {p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".") and not _owned(p.name)}


def _saturation(db: sqlite_utils.Database) -> list[dict]:
    from jtbd_kit.personas.saturation import saturation_curve

    return saturation_curve(db)


def _clarity_note(db: sqlite_utils.Database, language: str) -> str:
    """How clearly the saved personas stand apart, in the report's language ("" without personas)."""
    from jtbd_kit.journey.labels import Labels
    from jtbd_kit.personas.render import saved_clarity
    from jtbd_kit.store.personas import list_personas

    found = saved_clarity(list_personas(db)) if db["personas"].exists() else None
    return Labels(language).ui(f"clarity_{found['level']}", s=f"{found['silhouette']:.2f}") if found else ""


def _borderline_notes(db: sqlite_utils.Database, language: str) -> dict[int, list[str]]:
    """persona id -> a sentence per borderline member (personas.cluster.borderline), in the report's language."""
    from jtbd_kit.journey.labels import Labels
    from jtbd_kit.personas.render import borderline_pairs
    from jtbd_kit.store.personas import list_personas

    labels, out = Labels(language), {}
    for participant, p, near in borderline_pairs(list_personas(db) if db["personas"].exists() else []):
        out.setdefault(p["id"], []).append(labels.ui("borderline_note", p=participant, other=near["name"]) if near
                                           else labels.ui("borderline_other", p=participant))
    return out


def write_report(db: sqlite_utils.Database, out: Path, stage_set: str = DEFAULT_SET,
                 language: str | None = None) -> Path:
    """Write the report into `out` (created if missing) and return the path of its index.html.

    Every file is staged first and lands together (atomic_folder); the user's own files stay.
    """
    doc = build_maps(db, None, stage_set, language)
    check_folder_path(out, "--out")  # `a_file is a file, not a folder`, as the CLI says it
    with atomic_folder(out, _owned, last="index.html") as folder:
        _write_report_files(db, doc, folder, _kept(out))
    return out / "index.html"


def _write_report_files(db: sqlite_utils.Database, doc: dict, folder: Path, kept: set[str]) -> None:
    """Every report file into the (staging) `folder`; the index also links the `kept` files of the user."""
    env = environment()
    ui = doc["labels"]["ui"]
    items = map_items(doc)
    unsure = _borderline_notes(db, doc["language"])
    for item in items:
        item["borderline"] = unsure.get(item["map"]["persona"]["id"], [])
        item["files"] = []
        for fmt, ext in EXTENSIONS.items():
            name = f"journey-{map_slug(item['map']['persona'])}{ext}"
            write_text_atomic(folder / name, render(one_map(doc, item["map"]), fmt))
            item["files"].append({"name": name, "format": FORMAT_NAMES[fmt]})
    write_text_atomic(folder / "journey-maps.json", render(doc, "json"))
    write_text_atomic(folder / "journey-maps.schema.json", SCHEMA_PATH.read_text(encoding="utf-8"))
    rows = _saturation(db)
    chart = saturation_chart(rows) if rows else None
    if chart:
        svg = env.get_template("saturation.svg.j2").render(g=chart, ui=ui)
        write_text_atomic(folder / "saturation.svg", svg)
    files = sorted({p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")} | kept)
    stats = {"interviews": db["interviews"].count, "segments": db["segments"].count}
    index = env.get_template("index.html.j2").render(
        doc=doc, ui=ui, items=items, saturation=rows, chart=chart, files=files, stats=stats,
        clarity=_clarity_note(db, doc["language"]), title=ui["report_title"])
    write_text_atomic(folder / "index.html", index)
