"""Turning a group of interviews into a persona a researcher can read.

The name and one-line description come from what the group has more of than the others (their
situation, a pain, a force and what it is about, the timeline, the emotion curve), never from a
cluster number. The job statement is a first draft in JTBD form built from concept ids, so it reads
the same whatever languages the members spoke; the members' own words come with it as evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from jtbd_kit.personas.features import FORCES, Coded, code_blocks
from jtbd_kit.personas.situation import situation_counts

WORDS_FILE = Path(__file__).resolve().parent / "concepts" / "words.yaml"

FORCE_WORDS = {"push": "pushed", "pull": "pulled", "anxiety": "worried", "habit": "held back"}
FORCE_ADJ = {"push": "problem-pushed", "pull": "pull-driven", "anxiety": "anxious", "habit": "habit-bound"}
ABOUT_ADJ = {"push": "{}-pushed", "pull": "{}-seeking", "anxiety": "{}-wary", "habit": "{}-attached"}


def _top(counts: Counter, n: int | None = None) -> list:
    """Most common first, ties by name, so the same study reads the same on every run."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


def concept_label(concept: str) -> str:
    """A concept id in English words, as the journey maps write it ('friends_family' -> 'friends and family')."""
    from jtbd_kit.journey.labels import Labels

    return Labels("en").concept(concept)


@lru_cache(maxsize=1)
def concept_words() -> dict[str, dict[str, dict[str, str]]]:
    """English words for situation and pain concept ids (personas/concepts/words.yaml)."""
    import yaml

    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}
    return {kind: data.get(kind) or {} for kind in ("situation", "pain")}


MENTIONS = 2  # how often a respondent must mention a situation for it to describe them
# A situation names a group by how well it separates them from the rest: the share of the group
# who talk about it minus the share of the others who do. One that more than SHARED of the others
# talk about too (renovation in a study of renovators) is the study's topic, not this group's trait,
# and one that separates by less than MIN_SEPARATION says too little to be their name (at 0.25 one
# member of four who mentioned a school run named a group of heart patients).
SHARED = 0.5
MIN_SEPARATION = 0.4


def profile(c: Coded) -> dict[str, float]:
    """One flat {feature: value} per interview, for describing groups (not for distances)."""
    out: dict[str, float] = {}
    for name, block in code_blocks(c, root=False).items():
        out.update(block if name != "forces" else {f"force:{k}": v for k, v in block.items()})
    # a situation names a person when they come back to it (twice or more), not by its share of
    # everything they said: with 98 concepts every share is small, and a passing word is no trait
    out.update({f"sit:{k}": 1.0 for k, v in situation_counts(c.speech, c.language).items() if v >= MENTIONS})
    return out


def _mean(rows: list[dict[str, float]], key: str) -> float:
    return sum(r.get(key, 0.0) for r in rows) / len(rows) if rows else 0.0


def _trait(key: str) -> tuple[str, str] | None:
    """(kind, words) for a feature that can name a persona: 'mod' modifies a noun, 'noun' is one."""
    kind, _, rest = key.partition(":")
    if kind == "sit":
        words = concept_words()["situation"].get(rest)
        return ("noun", words["who"]) if words and words.get("who") else None
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
    if kind == "sit":
        return f"talks about {concept_label(rest)}: {inside:.0%} of them vs {outside:.0%} of the others"
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


def _words(members: list[str], rest: list[str], said: dict[str, set[str]], limit: int = 6) -> list[str]:
    """The word-table ids (personas/dictionary: English words, whatever the language) that most of
    the group says and few of the others do: the words that pulled the group together. `said` holds
    each participant's ids."""
    inside, outside = Counter(w for m in members for w in said[m]), Counter(w for m in rest for w in said[m])
    gap = {w: n / len(members) - (outside[w] / len(rest) if rest else 0.0) for w, n in inside.items()
           if n / len(members) >= 0.5}
    return [w for w, g in sorted(gap.items(), key=lambda wg: (-wg[1], wg[0])) if g >= 0.3][:limit]


def _quote_score(s: dict, concepts: set[str]) -> tuple:
    """Readable first (a whole thought, not "And I was like, wait, what?"), then on the persona's
    concepts, surest, shortest."""
    length = len(s["text"] or "")
    return (40 <= length <= 240, len(concepts & set(s["touchpoints"] + s["pains"])), s["confidence"] or 0, -length)


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


def _concept_of(distinct: list[tuple[float, str, float, float]], prefix: str, known: dict) -> list[str]:
    """Concept ids of the distinct keys starting with `prefix` that have words, strongest first."""
    return [key[len(prefix):] for _, key, _, _ in distinct if key.startswith(prefix) and key[len(prefix):] in known]


def _situations(distinct: list[tuple[float, str, float, float]]) -> list[str]:
    """Situation concepts that can name the group, the best separating first (see SHARED).

    The separation is the share of the group minus the share of the rest (a situation everyone in
    the group and nobody else talks about scores 1), not how often it comes up: a generic situation
    most respondents mention (a partner, renovating) outnumbers the distinctive one (letting a flat)
    in any group, and would name it. Ties keep the order of `distinct`.
    """
    known = concept_words()["situation"]
    found = [(round(inside - outside, 3), -i, key[4:]) for i, (_, key, inside, outside) in enumerate(distinct)
             if key.startswith("sit:") and key[4:] in known and outside <= SHARED
             and inside - outside >= MIN_SEPARATION]
    return [concept for *_, concept in sorted(found, reverse=True)]


def _force_pain(members: list[Coded], distinct: list, force: str) -> str | None:
    """The pain this group's `force` segments are most distinctively about, else their most common one."""
    pains = concept_words()["pain"]
    found = _concept_of(distinct, f"{force}:", pains)
    if found:
        return found[0]
    counts = Counter(p for c in members for s in c.segments if force in s["forces"] for p in s["pains"] if p in pains)
    return _top(counts, 1)[0][0] if counts else None


def job_parts(members: list[Coded], distinct: list[tuple[float, str, float, float]]) -> dict[str, str | None]:
    """The concept ids behind the job draft: the situation, the pain that pushes, the one the switch relieves."""
    return {"situation": next(iter(_situations(distinct)), None),
            "push": _force_pain(members, distinct, "push"), "pull": _force_pain(members, distinct, "pull")}


def short_product(product: str, words: int = 10) -> str:
    """The product as a job statement can carry it: up to the first bracket, comma or dash.

    A front matter often describes the product in full ("Vaultwell safe deposit box in Leeds (medium
    box, 24/7 access), annual plan"); the job needs its name, not its spec sheet.
    """
    head = re.split(r"\s*[(\[,;:\u2013\u2014]|\s+-\s+", product.strip(), maxsplit=1)[0].strip()
    kept = (head or product.strip()).split()[:words]
    while len(kept) > 1 and len(kept[-1]) <= 2:  # no dangling "in", "z", "в"
        kept.pop()
    return " ".join(kept)


def job_statement(members: list[Coded], parts: dict[str, str | None]) -> str:
    """'When <situation>, I want to <switch and progress>, so I can <outcome>.' from concept ids.

    A first draft for the researcher to rewrite: the situation comes from what the members talk
    about more than the others, the progress from the pain their pull segments are about, the
    outcome from the situation (else from the pain that pushes them, never the progress said
    twice); the quotes that back it are kept separately as evidence.
    """
    words = concept_words()
    situation = words["situation"].get(parts.get("situation") or "", {})
    push = words["pain"].get(parts.get("push") or "", {})
    pull = words["pain"].get(parts.get("pull") or "", {})
    products = Counter(short_product(c.product) for c in members if c.product)
    # the name most members give; among names given once each, the shortest
    top = min(products.items(), key=lambda kv: (-kv[1], len(kv[0])))[0] if products else None
    switch = f"switch to {top}" if top else "make the switch"
    when = ", and ".join(x for x in (situation.get("when"), push.get("push")) if x) or "the old way stops working"
    want = f"{switch} and {pull['want']}" if pull.get("want") else switch
    # the outcome: the situation's, else relief from the pain that pushes (unless the pull already says it)
    relief = push.get("want") if push.get("want") not in (None, pull.get("want")) else None
    so = situation.get("so") or relief or "get on with what matters"
    return f"When {when}, I want to {want}, so I can {so}."


def _evidence(members: list[Coded], parts: dict[str, str | None], limit: int = 3) -> list[dict]:
    """Members' own words behind the job: a segment naming the situation (or pushing), then a pull one."""
    out = []
    for what, force in (("situation", "push"), ("progress", "pull")):
        best = []
        for c in members:
            def score(s: dict) -> tuple:
                about = situation_counts(s["text"] or "", c.language).get(parts["situation"] or "", 0) \
                    if what == "situation" else 0
                pain = parts.get(force) in s["pains"]
                readable, _, sure, short = _quote_score(s, set())
                return (about > 0 or force in s["forces"], readable, force in s["forces"], pain, about, sure, short)
            segs = [s for s in c.segments if (s["text"] or "").strip()]
            if segs:
                s = max(segs, key=score)
                if score(s)[0]:
                    best.append((score(s), c.participant, s))
        best.sort(key=lambda x: x[0], reverse=True)
        out += [{"for": what, "participant": p, "seconds": s["seconds"], "text": _short(s["text"])}
                for _, p, s in best[:limit if what == "situation" else 2]]
    return out


def describe(coded: list[Coded], groups: list[dict], how: str, clarity: dict | None = None) -> list[dict]:
    """One persona dict per group ({"id"?, "members"}), ready for store.personas.save_personas;
    `how` and `clarity` (cluster.clarity) are the grouping's and go with every persona."""
    by_participant = {c.participant: c for c in coded}
    profiles = {c.participant: profile(c) for c in coded}
    said = {c.participant: set(situation_counts(c.speech, c.language, "dictionary")) for c in coded}
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
        concepts = {k for k, _ in _top((pains + tps), 4)}
        forces = Counter(f for s in segs for f in s["forces"])
        top_forces = [{"force": f, "share": round(forces[f] / max(1, len(segs)), 3),
                       "quotes": _quotes(members, f, concepts)} for f, _ in _top(forces) if f in FORCES]
        situation = Counter(k[4:] for p in inside for k, v in p.items() if k.startswith("sit:") and v > 0)
        words = _words([c.participant for c in members], [k for k in said if k not in set(g["members"])], said)
        parts = job_parts(members, distinct)
        name = _name(distinct, names)
        names.add(name.lower())
        out.append({
            "id": g.get("id"),
            "name": name,
            "description": _description(members, top_forces, tps, pains, distinct),
            "job": job_statement(members, parts),
            "members": list(g["members"]),
            "data": {
                "top_forces": top_forces,
                "job_parts": parts,
                "evidence": _evidence(members, parts),
                "situation": [{"id": k, "count": v} for k, v in _top(situation)],
                "touchpoints": [{"id": k, "count": v} for k, v in _top(tps)],
                "pains": [{"id": k, "count": v} for k, v in _top(pains)],
                # what sets it apart: nothing to say with no other persona ("100% of them vs 0% of the others")
                "distinct": ([x for x in (_sentence(k, i, o) for _, k, i, o in distinct[:4]) if x]
                             + ([f"words most of them say and few others do: {', '.join(words)}"] if words else [])
                             if rest else []),
                "words": words,
                "languages": dict(_top(Counter(c.language for c in members))),
                "how_k_was_chosen": how,
                "clarity": clarity,
            },
        })
    return out


def _repeats(mod: str, noun: str) -> bool:
    """Whether a modifier says a word the noun already says ('family-juggling family helpers', 'home-centred
    homeowners')."""
    words = [w for w in noun.lower().replace("-", " ").split() if len(w) > 3]
    return any(w[:5] == n[:5] or n.startswith(w) or w.startswith(n)
               for w in mod.lower().replace("-", " ").split() if len(w) > 3 for n in words)


def _name(distinct: list[tuple[float, str, float, float]], taken: set[str]) -> str:
    """'<modifier> <noun>' from the group's most distinctive traits; unique among the personas.

    The noun is who they are (the situation that best separates them from the others: parents,
    students), the modifier the next such situation (time-starved). A situation most of the others
    share names nobody (see _situations). Without a second situation the noun stands alone (a
    pain or force, price-pushed, only comes in to tell two personas apart); a noun from the timeline
    or the emotions (slow deliberators) always takes a modifier.
    """
    situations = concept_words()["situation"]
    sits = [c for c in _situations(distinct) if situations[c].get("who")]
    traits = [t[1] for _, key, _, _ in distinct if (t := _trait(key)) and t[0] == "mod"]
    others = [t[1] for _, key, _, _ in distinct if not key.startswith("sit:") and (t := _trait(key)) and t[0] == "noun"]

    def names(noun: str, mods: list[str]) -> list[str]:
        """'<mod> <noun>' with each fitting modifier in turn, the first kept in front ('a, b noun')."""
        fitting = [m for m in dict.fromkeys(mods) if not _repeats(m, noun)]
        return [f"{m} {noun}" if i == 0 else f"{fitting[0]}, {m} {noun}" for i, m in enumerate(fitting)]

    for c in sits:
        who = situations[c]["who"]
        adjs = [situations[o]["adj"] for o in sits if o != c and situations[o].get("adj")]
        for name in (names(who, adjs) or [who]) + names(who, traits):
            if name.lower() not in taken:
                return name[0].upper() + name[1:]
    adjs = [situations[c]["adj"] for c in sits if situations[c].get("adj")]
    for noun in dict.fromkeys(others + ["switchers"]):
        for name in names(noun, adjs + traits) or [f"typical {noun}"]:
            if name.lower() not in taken:
                return name[0].upper() + name[1:]
    first = (adjs + traits + ["typical"])[0]
    n = 2
    while f"{first} switchers {n}".lower() in taken:
        n += 1
    return f"{first[0].upper()}{first[1:]} switchers {n}"


def _description(members: list[Coded], top_forces: list[dict], tps: Counter, pains: Counter,
                 distinct: list[tuple[float, str, float, float]]) -> str:
    """One line: how many, their situation, what pains them, where they look, how they move."""
    bits = [f"{len(members)} interview{'s' if len(members) != 1 else ''}"]
    sits = _situations(distinct)
    if sits:
        bits.append("situation: " + ", ".join(concept_label(k) for k in sits[:3]))
    if pains:
        bits.append("pains: " + ", ".join(concept_label(k) for k, _ in _top(pains, 3)))
    if tps:
        bits.append("looks via " + ", ".join(concept_label(k) for k, _ in _top(tps, 3)))
    if top_forces:
        bits.append("mostly " + " and ".join(f["force"] for f in top_forces[:2]))
    nouns = [t[1] for _, key, _, _ in distinct if (t := _trait(key)) and t[0] == "noun" and not key.startswith("sit:")]
    if nouns:
        bits.append(nouns[0])
    return "; ".join(bits)
