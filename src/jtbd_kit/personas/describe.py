"""Turning a group of interviews into a persona a researcher can read.

The name and one-line description come from what the group has more of than the others (a pain,
a force and what it is about, the timeline, the emotion curve), never from a cluster number. The
job statement is a draft in JTBD form, quoting the members' own push and pull segments.
"""

from __future__ import annotations

import re
from collections import Counter

from jtbd_kit.personas.features import FORCES, Coded, code_blocks

FORCE_WORDS = {"push": "pushed", "pull": "pulled", "anxiety": "worried", "habit": "held back"}
FORCE_ADJ = {"push": "problem-pushed", "pull": "pull-driven", "anxiety": "anxious", "habit": "habit-bound"}
ABOUT_ADJ = {"push": "{}-pushed", "pull": "{}-seeking", "anxiety": "{}-wary", "habit": "{}-attached"}


def concept_label(concept: str) -> str:
    """A concept id as words: 'web_search' -> 'web search'."""
    return concept.replace("_", " ")


def profile(c: Coded) -> dict[str, float]:
    """One flat {feature: value} per interview, for describing groups (not for distances)."""
    out: dict[str, float] = {}
    for name, block in code_blocks(c, root=False).items():
        out.update(block if name != "forces" else {f"force:{k}": v for k, v in block.items()})
    return out


def _mean(rows: list[dict[str, float]], key: str) -> float:
    return sum(r.get(key, 0.0) for r in rows) / len(rows) if rows else 0.0


def _trait(key: str) -> tuple[str, str] | None:
    """(kind, words) for a feature that can name a persona: 'mod' modifies a noun, 'noun' is one."""
    kind, _, rest = key.partition(":")
    if kind == "pain":
        return "mod", f"{concept_label(rest)}-driven"
    if kind in ABOUT_ADJ:
        return "mod", ABOUT_ADJ[kind].format(concept_label(rest))
    if kind == "force":
        return "mod", FORCE_ADJ.get(rest, rest)
    if kind == "tp":
        return "mod", f"{concept_label(rest)}-guided"
    if key == "share:passive_looking":
        return "noun", "slow deliberators"
    if key == "share:active_looking":
        return "noun", "thorough researchers"
    if key in ("share:deciding", "share:buying"):
        return "noun", "quick deciders"
    if key in ("share:consuming", "share:satisfaction"):
        return "noun", "settled users"
    if key == "emotion:change":
        return "noun", "relieved switchers"
    if key == "emotion:mean":
        return "noun", "enthusiastic switchers"
    return None


def _sentence(key: str, inside: float, outside: float) -> str | None:
    """What sets a group apart, as one phrase with the numbers behind it."""
    kind, _, rest = key.partition(":")
    if kind in ("tp", "pain"):
        what = "touchpoint" if kind == "tp" else "pain"
        return f"{what} {concept_label(rest)} in {inside:.0%} of segments vs {outside:.0%} for the others"
    if kind == "force":
        return f"{rest} in {inside:.0%} of segments vs {outside:.0%} for the others"
    if kind in FORCE_WORDS:
        return f"{FORCE_WORDS[kind]} by {concept_label(rest)} ({inside:.0%} vs {outside:.0%} for the others)"
    if kind == "share":
        return f"{rest.replace('_', ' ')} takes {inside:.0%} of the story vs {outside:.0%} for the others"
    inside, outside = round(inside, 1) + 0.0, round(outside, 1) + 0.0  # no "-0.0"
    if key == "emotion:change":
        return f"emotion changes by {inside:+.1f} from start to end vs {outside:+.1f} for the others"
    if key == "emotion:mean":
        return f"mean emotion {inside:+.1f} vs {outside:+.1f} for the others"
    return None


def _distinct(group: list[dict], rest: list[dict]) -> list[tuple[float, str, float, float]]:
    """Features the group has more of than the rest, strongest first: (score, key, inside, outside)."""
    keys = {k for r in group for k in r}
    out = []
    for key in keys:
        if _trait(key) is None:
            continue
        inside, outside = _mean(group, key), _mean(rest, key)
        values = [r.get(key, 0.0) for r in group + rest]
        mean = sum(values) / len(values)
        spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 + 0.05
        present = sum(1 for r in group if r.get(key, 0.0) > 0) / len(group)
        if inside > outside and present >= 0.5:
            out.append(((inside - outside) / spread * present, key, inside, outside))
    return sorted(out, reverse=True)


def _clause(text: str, words: int = 14) -> str:
    """The first sentence of a quote, cut to a few words, ready to sit inside a job statement."""
    first = re.split(r"(?<=[.!?…])\s+", text.strip())[0].strip().rstrip(".!?…,;:")
    parts = first.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _quote_score(s: dict, concepts: set[str]) -> tuple:
    length = len(s["text"] or "")
    return (len(concepts & set(s["touchpoints"] + s["pains"])), 40 <= length <= 240, s["confidence"] or 0, -length)


def _quotes(members: list[Coded], force: str, concepts: set[str], limit: int = 2) -> list[dict]:
    """The best segment with this force from each of the most fitting members."""
    best = []
    for c in members:
        segs = [s for s in c.segments if force in s["forces"] and (s["text"] or "").strip()]
        if segs:
            s = max(segs, key=lambda s: _quote_score(s, concepts))
            best.append((_quote_score(s, concepts), c.participant, s))
    best.sort(key=lambda x: x[0], reverse=True)
    return [{"participant": p, "seconds": s["seconds"], "text": _short(s["text"])} for _, p, s in best[:limit]]


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


JOB_STAGES = {"push": ("first_thought", "passive_looking"), "pull": ("satisfaction", "active_looking", "deciding")}


def _job_quote(members: list[Coded], force: str, concepts: set[str]) -> str | None:
    """The member segment that best states the situation (push) or the hoped-for outcome (pull).

    Early-story pushes and outcome-like pulls fit the template best; English quotes are preferred
    because the template is English; then felt ones (a negative push, a positive pull), then the
    same ranking as the persona's quotes.
    """
    best = None
    for c in members:
        for s in c.segments:
            if force in s["forces"] and (s["text"] or "").strip():
                felt = (s["emotion"] or 0) * (-1 if force == "push" else 1) > 0
                rank = (s["stage"] in JOB_STAGES[force], c.language == "en", felt, *_quote_score(s, concepts))
                if best is None or rank > best[0]:
                    best = (rank, s["text"])
    return best[1] if best else None


def job_statement(members: list[Coded], concepts: set[str]) -> str:
    """'When <push>, I want to <switch>, so I can <pull>.' from the members' own words."""
    push, pull = _job_quote(members, "push", concepts), _job_quote(members, "pull", concepts)
    products = Counter(c.product for c in members if c.product)
    switch = f"switch to {products.most_common(1)[0][0]}" if products else "make the switch"
    when = f"“{_clause(push)}”" if push else "the old way stops working"
    so = f"get “{_clause(pull)}”" if pull else "get on with what matters"
    return f"When {when}, I want to {switch}, so I can {so}."


def describe(coded: list[Coded], groups: list[dict], how: str) -> list[dict]:
    """One persona dict per group ({"id"?, "members"}), ready for store.personas.save_personas."""
    by_participant = {c.participant: c for c in coded}
    profiles = {c.participant: profile(c) for c in coded}
    names: set[str] = set()
    out = []
    for g in groups:
        members = [by_participant[m] for m in g["members"] if m in by_participant]
        inside = [profiles[c.participant] for c in members]
        rest = [p for k, p in profiles.items() if k not in set(g["members"])]
        distinct = _distinct(inside, rest) if inside else []
        segs = [s for c in members for s in c.segments]
        tps = Counter(t for c in members for t in {t for s in c.segments for t in s["touchpoints"]})
        pains = Counter(p for c in members for p in {p for s in c.segments for p in s["pains"]})
        concepts = {k for k, _ in (pains + tps).most_common(4)}
        forces = Counter(f for s in segs for f in s["forces"])
        top_forces = [{"force": f, "share": round(forces[f] / max(1, len(segs)), 3),
                       "quotes": _quotes(members, f, concepts)} for f, _ in forces.most_common() if f in FORCES]
        name = _name(distinct, names)
        names.add(name.lower())
        out.append({
            "id": g.get("id"),
            "name": name,
            "description": _description(members, top_forces, tps, pains, distinct),
            "job": job_statement(members, concepts),
            "members": list(g["members"]),
            "data": {
                "top_forces": top_forces,
                "touchpoints": [{"id": k, "count": v} for k, v in tps.most_common()],
                "pains": [{"id": k, "count": v} for k, v in pains.most_common()],
                "distinct": [x for x in (_sentence(k, i, o) for _, k, i, o in distinct[:4])
                             if x] if rest else [],
                "languages": dict(Counter(c.language for c in members).most_common()),
                "how_k_was_chosen": how,
            },
        })
    return out


def _name(distinct: list[tuple[float, str, float, float]], taken: set[str]) -> str:
    """'<modifier> <noun>' from the group's most distinctive traits; unique among the personas."""
    mods = [t[1] for _, key, _, _ in distinct if (t := _trait(key)) and t[0] == "mod"]
    nouns = [t[1] for _, key, _, _ in distinct if (t := _trait(key)) and t[0] == "noun"] + ["switchers"]
    mods = list(dict.fromkeys(mods)) or ["typical"]
    for noun in dict.fromkeys(nouns):
        for i, mod in enumerate(mods):
            name = f"{mod} {noun}" if i == 0 or mod == "typical" else f"{mods[0]}, {mod} {noun}"
            if name.lower() not in taken:
                return name[0].upper() + name[1:]
    n = 2
    while f"{mods[0]} switchers {n}".lower() in taken:
        n += 1
    return f"{mods[0][0].upper()}{mods[0][1:]} switchers {n}"


def _description(members: list[Coded], top_forces: list[dict], tps: Counter, pains: Counter,
                 distinct: list[tuple[float, str, float, float]]) -> str:
    """One line: how many, what pushes them, where they look, what stands out."""
    bits = [f"{len(members)} interview{'s' if len(members) != 1 else ''}"]
    if pains:
        bits.append("pains: " + ", ".join(concept_label(k) for k, _ in pains.most_common(3)))
    if tps:
        bits.append("looks via " + ", ".join(concept_label(k) for k, _ in tps.most_common(3)))
    if top_forces:
        bits.append("mostly " + " and ".join(f["force"] for f in top_forces[:2]))
    nouns = [t[1] for _, key, _, _ in distinct if (t := _trait(key)) and t[0] == "noun"]
    if nouns:
        bits.append(nouns[0])
    return "; ".join(bits)
