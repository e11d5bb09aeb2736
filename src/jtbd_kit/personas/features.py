"""What each coded interview looks like to the clusterer: its codes, reduced to numbers.

Studies cross languages, so the features that carry the job are language-independent: forces and
what they are about (concept ids), the shape of the timeline, touchpoints, pains, the emotion
curve. Words help only within one language: lemma TF-IDF is fitted per language and centred on
that language's mean, so a Ukrainian and a Polish respondent are never apart just for their words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import sqlite_utils

FORCES = ("push", "pull", "anxiety", "habit")
STAGES = ("first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming", "satisfaction")
JSON_FIELDS = ("forces", "touchpoints", "pains", "cues")


@dataclass
class Coded:
    """One coded interview: its segments (decoded, in text order, with `seconds`) and respondent speech."""

    participant: str
    language: str
    date: str | None
    product: str | None
    segments: list[dict] = field(default_factory=list)
    speech: str = ""


def load_coded(db: sqlite_utils.Database) -> list[Coded]:
    """Every interview that has at least one coded segment, in participant order."""
    out: dict[int, Coded] = {}
    for r in db.query("""select id, participant, language, date, product from interviews
                         where id in (select interview_id from segments) order by participant"""):
        out[r["id"]] = Coded(r["participant"], r["language"], r["date"], r["product"])
    seconds: dict[tuple[int, int], float | None] = {}
    for r in db.query("select interview_id, idx, role, seconds, text from turns order by interview_id, idx"):
        if r["interview_id"] in out:
            seconds[(r["interview_id"], r["idx"])] = r["seconds"]
            if r["role"] == "respondent":
                out[r["interview_id"]].speech += r["text"] + "\n"
    for r in db.query("""select interview_id, turn_idx, start, end, text, stage, forces, emotion, emotion_score,
                         touchpoints, pains, confidence, origin, force_scores from segments
                         order by interview_id, start"""):
        s = dict(r)
        for k in ("forces", "touchpoints", "pains"):
            s[k] = [str(x) for x in json.loads(r[k] or "[]")]
        s["weights"] = force_weights(s["forces"], r["force_scores"] if r["origin"] == "machine" else None)
        s["seconds"] = seconds.get((r["interview_id"], r["turn_idx"]))
        out[r["interview_id"]].segments.append(s)
    return list(out.values())


def force_weights(forces: list[str], scores: str | None) -> dict[str, float]:
    """How much a segment says each force: the model's probabilities where it left them (a
    "maybe anxiety" counts as a maybe, which keeps one wrong yes/no from moving a person),
    else 1 for each coded force (a researcher's verdict, or the rules' codes)."""
    if scores:
        return {f: float(p) for f, p in json.loads(scores).items() if f in FORCES}
    return dict.fromkeys(forces, 1.0)


def _share(counter: Counter, total: float, root: bool) -> dict[str, float]:
    """Shares of segments; with `root`, their square roots (the Hellinger transform), so a code
    mentioned twice as often does not weigh four times as much in a distance."""
    return {k: (v / total) ** (0.5 if root else 1) for k, v in counter.items()} if total else {}


def code_blocks(c: Coded, root: bool = True) -> dict[str, dict[str, float]]:
    """The language-independent feature blocks of one interview, each a sparse {feature: value}.

    For distances (`root=True`) forces count by the model's probabilities (`weights`); `root=False`
    gives plain shares of the coded forces, for describing a group in words a researcher can check.
    """
    segs = c.segments
    n = len(segs) or 1
    forces, about, by_stage, stages, tps, pains = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    chars = Counter()
    for s in segs:
        stage = s["stage"] or "other"
        stages[stage] += 1
        chars[stage] += max(0, (s["end"] or 0) - (s["start"] or 0))
        weights = s.get("weights") if root else None
        for f, w in (weights if weights is not None else force_weights(s["forces"], None)).items():
            forces[f] += w
            by_stage[f"{f}@{stage}"] += w
            for concept in s["touchpoints"] + s["pains"]:
                about[f"{f}:{concept}"] += w
        for t in set(s["touchpoints"]):
            tps[t] += 1
        for p in set(s["pains"]):
            pains[p] += 1
    timeline = [s for s in segs if (s["stage"] or "other") != "other"]
    total_chars = sum(v for k, v in chars.items() if k != "other") or 1
    shape = {f"share:{k}": v / total_chars for k, v in chars.items() if k != "other"}
    shape.update({f"has:{k}": 1.0 for k in stages if k != "other"})
    return {
        "forces": _share(forces, n, root),
        "about": _share(about, n, root),
        "force_stage": _share(by_stage, n, root),
        "timeline": shape,
        "touchpoints": _share(Counter({f"tp:{k}": v for k, v in tps.items()}), n, root),
        "pains": _share(Counter({f"pain:{k}": v for k, v in pains.items()}), n, root),
        "emotion": emotion_curve(timeline or segs),
    }


def emotion_curve(segs: list[dict], parts: int = 3) -> dict[str, float]:
    """Mean emotion in each third of the story, the overall mean, and the change from start to end."""
    values = [float(s["emotion"] or 0) for s in segs]
    if not values:
        return {}
    out = {"emotion:mean": sum(values) / len(values)}
    for i in range(parts):
        chunk = values[i * len(values) // parts:(i + 1) * len(values) // parts] or values
        out[f"emotion:part{i + 1}"] = sum(chunk) / len(chunk)
    out["emotion:change"] = out[f"emotion:part{parts}"] - out["emotion:part1"]
    return out


WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@lru_cache(maxsize=None)
def _lemmatizer(language: str):
    """The language data's own lemma source (the coder's), cached per form; word forms if there is none."""
    from jtbd_kit.coding.lemmas import lemma_source
    from jtbd_kit.errors import UserError
    from jtbd_kit.lang import load_language

    try:
        return lru_cache(maxsize=200_000)(lemma_source(load_language(language)))
    except UserError:  # no data folder for this language: its word forms are the best we have
        return str


def lemmas(text: str, language: str) -> list[str]:
    """Lower-cased lemmas of the words in `text` (numbers and one- or two-letter words dropped)."""
    lemma = _lemmatizer(language)
    return [lemma(w) for w in WORD.findall(text.lower())]
