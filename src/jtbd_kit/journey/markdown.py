"""Journey maps as Markdown that reads well in a GitHub preview: a two-column table per stage."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def cell(text: object) -> str:
    """Make a transcript string safe inside a table cell: escape pipes and markup, no raw HTML."""
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _cite(q: dict) -> str:
    where = ", ".join(x for x in (q["participant"], q["timestamp"]) if x)
    return f"“{cell(q['text'])}” — {cell(where)}"


def _counts(items: list[dict], none: str) -> str:
    return ", ".join(f"{cell(x['label'])} ({x['count']})" for x in items) or none


def _signed(mean: float | None) -> str:
    return "–" if mean is None else f"{mean:+.2f}"


def render_map(m: dict, doc: dict) -> str:
    ui, forces = doc["labels"]["ui"], doc["labels"]["forces"]
    p = m["persona"]
    lines = [f"# {cell(m['title'])}", ""]
    if p["description"]:
        lines += [f"> {cell(p['description'])}", ""]
    if p["job"]:
        lines += [f"**{ui['job']}:** {cell(p['job'])}", ""]
    lines += [f"**{ui['members']}:** {cell(', '.join(p['members'])) or ui['none']} · "
              f"{ui['segments']}: {m['segments']} · {cell(doc['stage_set']['label'])}", ""]
    if p["distinct"]:
        lines += [f"**{ui['distinct']}:** {cell('; '.join(p['distinct']))}", ""]
    feel = []
    for key in ("high", "low"):
        x = m["feeling"][key]
        if x:
            quote = f" — {_cite(x['quote'])}" if x["quote"] else ""
            feel.append(f"**{ui[key]}:** {cell(x['label'])} ({_signed(x['mean'])}){quote}")
    curve = " → ".join(f"{cell(c['label'])} {c['score'] or '–'}" for c in m["feeling"]["curve"])
    lines += [f"**{ui['emotion_curve']} (1–5):** {curve}", ""]
    lines += [line for x in feel for line in (x, "")]
    lines += [f"**{ui['forces']}:** " + " · ".join(f"{cell(forces[f])} {n}" for f, n in m["forces"].items()), ""]
    for number, st in enumerate(m["stages"], 1):
        lines += [f"## {number}. {cell(st['label'])}", ""]
        if not st["segments"]:
            lines += [f"_{ui['no_evidence']}_", ""]
        else:
            lines += [f"_{ui['segments']}: {st['segments']} · {cell(', '.join(st['participants']))}_", ""]
        thinking = [f"{ui['questions']}: {_cite(q)}" for q in st["thinking"]["questions"]]
        thinking += [f"{ui['worries']}: {_cite(q)}" for q in st["thinking"]["worries"]]
        f = st["feeling"]
        feeling = f"{f['score']}/5 ({ui['mean']} {_signed(f['mean'])})" if f["mean"] is not None else ui["none"]
        rows = [
            (ui["doing"], cell(st["doing"])),
            (ui["touchpoints"], _counts(st["touchpoints"], ui["none"])),
            (ui["thinking"], "<br>".join(thinking) or ui["none"]),
            (ui["feeling"], feeling),
            (ui["pains"], _counts(st["pains"], ui["none"])),
            (ui["opportunities"], "<br>".join(f"• {cell(o['text'])}" for o in st["opportunities"]) or ui["none"]),
            (ui["quotes"], "<br>".join(_cite(q) for q in st["quotes"]) or ui["none"]),
            (ui["metrics"], "; ".join(cell(x["label"]) for x in st["metrics"]) or ui["none"]),
        ]
        lines += [f"| {ui['stage']} | {cell(st['label'])} |", "| --- | --- |"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        lines.append("")
    return "\n".join(lines)


def render_markdown(doc: dict) -> str:
    """Every map in the document, one after another."""
    return "\n---\n\n".join(render_map(m, doc) for m in doc["maps"])
