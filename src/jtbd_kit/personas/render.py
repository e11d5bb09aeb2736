"""Personas and the saturation curve as a Rich table, JSON (the contract other tools read) or Markdown."""

from __future__ import annotations

import json

from rich.markup import escape
from rich.table import Table

from jtbd_kit.personas.describe import concept_label


def _stamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def how_k(personas: list[dict]) -> str:
    return next((p["data"].get("how_k_was_chosen") for p in personas if p["data"].get("how_k_was_chosen")), "")


def personas_json(personas: list[dict]) -> str:
    """`{"personas": [{"id", "key", "name", "description", "job", "members", "origin", "data"}], ...}`."""
    return json.dumps({"personas": personas, "k": len(personas), "how_k_was_chosen": how_k(personas)},
                      ensure_ascii=False, indent=2)


def personas_table(personas: list[dict], details: bool = True) -> Table:
    """One row per persona: id, name with description and what sets it apart, members, job statement."""
    table = Table(title=f"{len(personas)} persona{'s' if len(personas) != 1 else ''}", caption=how_k(personas),
                  show_lines=True)
    table.add_column("id", justify="right")
    table.add_column("persona", ratio=3)
    table.add_column("members", ratio=1)
    table.add_column("job", ratio=3)
    for p in personas:
        about = f"[bold]{escape(p['name'])}[/]" + (" [dim](edited)[/]" if p["origin"] == "human" else "")
        about += f"\n[dim]{escape(p['description'])}[/]"
        if details:
            about += "".join(f"\n• {escape(d)}" for d in p["data"].get("distinct", []))
        table.add_row(str(p["id"]), about, "\n".join(map(escape, p["members"])), escape(p["job"]))
    return table


def personas_markdown(personas: list[dict]) -> str:
    """A document a researcher can paste into a report: one section per persona, quotes with timestamps."""
    out = ["# Personas", ""]
    if how_k(personas):
        out += [f"_{how_k(personas)}_", ""]
    for p in personas:
        d = p["data"]
        out += [f"## {p['name']}", "", p["description"], "", f"**Job (draft):** {p['job']}", ""]
        if d.get("evidence"):
            out += ["**In their words:**", ""] + [f"> {q['text']} — {q['participant']}" + (
                f" at {_stamp(q['seconds'])}" if q["seconds"] is not None else "") for q in d["evidence"]] + [""]
        out += [f"**Members ({len(p['members'])}):** {', '.join(p['members'])}", ""]
        if d.get("distinct"):
            out += ["**What sets it apart:**", ""] + [f"- {x}" for x in d["distinct"]] + [""]
        for f in d.get("top_forces", [])[:4]:
            out.append(f"**{f['force'].capitalize()}** ({f['share']:.0%} of segments)")
            out.append("")
            out += [f"> {q['text']} — {q['participant']}" + (f" at {_stamp(q['seconds'])}" if q["seconds"] is not None
                                                             else "") for q in f["quotes"]]
            out.append("")
        for kind in ("situation", "touchpoints", "pains"):
            if d.get(kind):
                out += [f"**{kind.capitalize()}:** " + ", ".join(f"{concept_label(x['id'])} ({x['count']})"
                                                                 for x in d[kind]), ""]
    return "\n".join(out).rstrip() + "\n"


def saturation_table(rows: list[dict], width: int = 16, brief: bool = False) -> Table:
    """Interview by interview: new codes, running total, a bar, and (unless brief) which codes were new."""
    top = max((r["new"] for r in rows), default=0) or 1
    table = Table(title="Saturation: new codes per interview, in date order")
    columns = [("#", "right"), ("participant", "left"), ("date", "left"), ("new", "right"), ("total", "right"),
               ("", "left")] + ([] if brief else [("new codes", "left")])
    for col, justify in columns:
        table.add_column(col, justify=justify)
    for i, r in enumerate(rows, 1):
        codes = ", ".join(r["new_codes"][:6]) + (f" +{len(r['new_codes']) - 6}" if len(r["new_codes"]) > 6 else "")
        table.add_row(str(i), escape(r["participant"]), r["date"] or "", str(r["new"]), str(r["cumulative"]),
                      "█" * round(width * r["new"] / top), *([] if brief else [escape(codes)]))
    return table


def demo_stage(db, console) -> list[dict]:
    """`jtbd demo`'s personas stage: find and save the personas, show them and the saturation curve briefly."""
    from jtbd_kit.personas.find import find_personas
    from jtbd_kit.personas.saturation import saturation_curve, saturation_summary

    personas = find_personas(db)
    console.print(personas_table(personas, details=False))
    rows = saturation_curve(db)
    console.print(saturation_table(rows, brief=True))
    console.print(saturation_summary(rows))
    return personas
