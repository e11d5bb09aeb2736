"""Journey maps as Mermaid `journey` diagrams: sections are stages, tasks carry a 1-5 feeling score.

Mermaid's journey lexer ends a task name at `:`, `#`, `;` or a newline and reads `journey`, `title`,
`section` and `acc...` at the start of a line as keywords, so every text is sanitised before use.
"""

from __future__ import annotations

import re

from jtbd_kit.journey.evidence import clip

_BREAKS = re.compile(r"[#:;%<>{}\"\r\n\t\ufeff]+")  # U+FEFF: JavaScript's \s skips it, Python's does not
_TITLE_BREAKS = re.compile(r"[#;%<>{}\"\r\n\t\ufeff]+")  # a title may keep its colons
_KEYWORDS = ("journey", "title", "section", "acc")
TASKS_PER_SECTION = 5
TASK_CHARS = 60


def text(value: object, limit: int = TASK_CHARS, title: bool = False) -> str:
    """One-line text that Mermaid reads back unchanged as a task or section name, or as the title."""
    s = " ".join((_TITLE_BREAKS if title else _BREAKS).sub(" ", str(value)).split())
    s = clip(s, limit)
    if not s:
        return "…"
    return "· " + s if not title and s.casefold().startswith(_KEYWORDS) else s


def actor(value: object) -> str:
    return text(str(value).replace(",", " "), 40)


def _tasks(stage: dict) -> list[tuple[str, int, list[str]]]:
    """Touchpoints then pains, each scored by how the segments naming it felt; else the stage itself."""
    neutral = stage["feeling"]["score"] or 3
    tasks = [(item["label"], item["feeling"] or neutral, item["participants"])
             for kind in ("touchpoints", "pains") for item in stage[kind]]
    return tasks[:TASKS_PER_SECTION] or [(stage["label"], neutral, stage["participants"])]


def render_map(m: dict) -> str:
    """One diagram; stages without coded evidence are left out (a section needs tasks)."""
    lines = ["journey", f"    title {text(m['title'], 120, title=True)}"]
    for st in m["stages"]:
        if not st["segments"]:
            continue
        lines.append(f"    section {text(st['label'])}")
        for name, score, people in _tasks(st):
            who = ", ".join(actor(p) for p in people)
            lines.append(f"      {text(name)}: {score}" + (f": {who}" if who else ""))
    return "\n".join(lines) + "\n"


def render_mermaid(doc: dict) -> str:
    """Each map's diagram; several maps are separated by a blank line (one diagram per file renders)."""
    return "\n".join(render_map(m) for m in doc["maps"])
