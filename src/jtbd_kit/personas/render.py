"""Personas and the saturation curve as a Rich table, JSON (the contract other tools read) or Markdown."""

from __future__ import annotations

import json
import re

from rich.markup import escape
from rich.table import Table

from jtbd_kit.personas.describe import concept_label as words


def _stamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def how_k(personas: list[dict]) -> str:
    return next((p["data"].get("how_k_was_chosen") for p in personas if p["data"].get("how_k_was_chosen")), "")


def saved_clarity(personas: list[dict]) -> dict | None:
    """How clearly the saved groups stand apart (as personas.cluster.clarity measured it), or None."""
    return next((p["data"]["clarity"] for p in personas if p["data"].get("clarity")), None)


CLARITY = {
    "weak": "The groups are not clearly apart (silhouette {s:.2f}): in the project's tests about six in ten "
            "groupings this weak were partly wrong. Read each persona's members before trusting its name, and "
            "try another --k.",
    "moderate": "The groups are moderately apart (silhouette {s:.2f}): groupings like this were right in nine "
                "of ten of the project's tests; check the members of each persona.",
    "clear": "The groups are clearly apart (silhouette {s:.2f}).",
}


def clarity_plain(personas: list[dict]) -> str:
    """How clearly the groups stand apart, and what to do about it, in one or two sentences."""
    found = saved_clarity(personas)
    return CLARITY[found["level"]].format(s=found["silhouette"]) if found else ""


def how_k_plain(personas: list[dict]) -> list[str]:
    """How the number of personas was chosen and how clearly they stand apart, in sentences a
    researcher reads without the maths (the technical account stays in `how_k_was_chosen` and
    `clarity`, e.g. in --format json)."""
    how, n = how_k(personas), len(personas)
    found = re.match(r"k=(\d+)", how)
    k = int(found.group(1)) if found else None
    apart = [s for s in [clarity_plain(personas)] if s]
    if k is not None and k != n:
        return [f"The automatic grouping found {k}; merged or moved by hand since.", *apart]
    if "set with --k" in how:
        return ["The number was set with --k; leave --k out to choose it automatically.", *apart]
    if "silhouette" in how:
        close = next((p["data"].get("close_k") for p in personas if p["data"].get("close_k")), None)
        also = [f"{close['k']} personas separate them about as well (silhouette {close['silhouette']:.2f}): "
                f"see them with --k {close['k']}."] if close else []
        return ["Chosen automatically: the grouping that separates the interviews best.", *apart, *also,
                "Set --k to choose the number yourself."]
    if how.startswith("k=1:"):
        reason = how.split(":", 1)[1].strip()
        return [f"One persona: {reason}."]
    return apart


def borderline_pairs(personas: list[dict]) -> list[tuple[str, dict, dict | None]]:
    """(participant, its persona, the persona it sits nearly as close to, or None) for each borderline
    member (personas.cluster.borderline). The other persona is found by that group's saved members,
    so renames do not matter; a member moved by hand since is left out."""
    out = []
    for p in personas:
        for b in p["data"].get("borderline", []):
            participant, there = b["participant"], set(b["closer_to"])
            if participant in p["members"]:
                near = max((q for q in personas if q is not p and set(q["members"]) & there), default=None,
                           key=lambda q: len(set(q["members"]) & there))
                out.append((participant, p, near))
    return out


def borderline_notes(personas: list[dict]) -> dict[str, str]:
    """participant -> one sentence for each borderline member: where else it could go and the command
    that moves it there."""
    return {participant: (f"{participant} (persona {p['id']}) sits nearly as close to persona {near['id']}, "
                          f"{near['name']}: read it first; to move it: jtbd personas move {participant} {near['id']}"
                          if near else f"{participant} (persona {p['id']}) sits nearly as close to another group: "
                                       "read it first.")
            for participant, p, near in borderline_pairs(personas)}


def personas_json(personas: list[dict]) -> str:
    """`{"personas": [{"id", "key", "name", "description", "job", "members", "origin", "data"}], ...}`."""
    return json.dumps({"personas": personas, "k": len(personas), "how_k_was_chosen": how_k(personas),
                       "clarity": saved_clarity(personas)}, ensure_ascii=False, indent=2)


def personas_table(personas: list[dict], details: bool = True) -> Table:
    """One row per persona: id, name with description and what sets it apart, members, job statement.

    How the number was chosen goes below it, as its own lines (print_personas): a caption would
    wrap to the table's width, mid-sentence.
    """
    table = Table(title=f"{len(personas)} persona{'s' if len(personas) != 1 else ''}", show_lines=True)
    table.add_column("id", justify="right")
    table.add_column("persona", ratio=3)
    table.add_column("members", ratio=1)
    table.add_column("job", ratio=3)
    unsure = borderline_notes(personas)
    for p in personas:
        about = f"[bold]{escape(p['name'])}[/]" + (" [dim](edited)[/]" if p["origin"] == "human" else "")
        about += f"\n[dim]{escape(p['description'])}[/]"
        if details:
            about += "".join(f"\n• {escape(d)}" for d in p["data"].get("distinct", []))
        members = "\n".join(escape(m) + (" ?" if m in unsure else "") for m in p["members"])
        table.add_row(str(p["id"]), about, members, escape(p["job"]))
    return table


def print_personas(console, personas: list[dict], details: bool = True) -> None:
    """The table, then how the number of personas was chosen, in plain words."""
    console.print(personas_table(personas, details))
    for sentence in how_k_plain(personas):
        console.print(escape(sentence), style="dim")
    unsure = borderline_notes(personas)
    if unsure:
        console.print("? Borderline members:", style="bold")
    for sentence in unsure.values():
        console.print(escape(f"  {sentence}"))


def personas_markdown(personas: list[dict]) -> str:
    """A document a researcher can paste into a report: one section per persona, quotes with timestamps."""
    out, notes = ["# Personas", ""], borderline_notes(personas)
    if how_k_plain(personas):
        out += [f"_{' '.join(how_k_plain(personas))}_", ""]
    for p in personas:
        d = p["data"]
        out += [f"## {p['name']}", "", p["description"], "", f"**Job (draft):** {p['job']}", ""]
        if d.get("evidence"):
            out += ["**In their words:**", ""] + _blockquotes(d["evidence"])
        out += [f"**Members ({len(p['members'])}):** {', '.join(p['members'])}", ""]
        unsure = [notes[m] for m in p["members"] if m in notes]
        for sentence in unsure:
            out += [f"**Borderline:** {sentence}", ""]
        if d.get("distinct"):
            out += ["**What sets it apart:**", ""] + [f"- {x}" for x in d["distinct"]] + [""]
        for f in d.get("top_forces", [])[:4]:
            out.append(f"**{f['force'].capitalize()}** ({f['share']:.0%} of segments)")
            out.append("")
            out += _blockquotes(f["quotes"])
        for kind in ("situation", "touchpoints", "pains"):
            if d.get(kind):
                out += [f"**{kind.capitalize()}:** " + ", ".join(f"{words(x['id'])} ({x['count']})"
                                                                 for x in d[kind]), ""]
    return "\n".join(out).rstrip() + "\n"


def _blockquotes(quotes: list[dict]) -> list[str]:
    """One block quote per quote, a blank line between them (consecutive `>` lines would render as
    one paragraph), each ending with who said it and when."""
    out = []
    for q in quotes:
        when = f" at {_stamp(q['seconds'])}" if q.get("seconds") is not None else ""
        out += [f"> {' '.join(str(q['text']).split())} — {q['participant']}{when}", ""]
    return out


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
    print_personas(console, personas, details=False)
    rows = saturation_curve(db)
    console.print(saturation_table(rows, brief=True))
    console.print(saturation_summary(rows))
    return personas
