"""A journey map as plain data: one persona's coded segments laid out stage by stage.

Interviewees tell their switch story out of order, so segments are placed by their coded stage and
stages follow the stage set's timeline, never transcript position. Every renderer (Markdown, HTML,
Mermaid, JSON) draws from the dictionary built here, which `schema.json` documents.
"""

from __future__ import annotations

import json
from collections import Counter

import sqlite_utils

from jtbd_kit import __version__
from jtbd_kit.errors import UserError
from jtbd_kit.journey.evidence import anxiety_chance, clip, decode_scores, own_question, reads_as_worry, spread
from jtbd_kit.journey.labels import Labels
from jtbd_kit.journey.stages import DEFAULT_SET, load_stage_set
from jtbd_kit.store.personas import list_personas
from jtbd_kit.transcript.model import format_timestamp

FORMAT = "jtbd-kit/journey-maps"
VERSION = 1
FORCES = ("push", "pull", "anxiety", "habit")
QUOTES_PER_STAGE = 4
THOUGHTS_PER_STAGE = 3
QUOTE_CHARS = 300
# a stage's quotes come from segments of at least QUOTE_WORDS words while it has any: "Which, fair."
# may be the surest segment of a stage, but it tells a reader nothing without its question
QUOTE_WORDS = 6
OPPORTUNITIES_FROM_PAINS = 5
OPPORTUNITIES_FROM_ANXIETIES = 2
UI_KEYS = ("persona", "job", "members", "distinct", "stage", "doing", "touchpoints", "thinking", "questions",
           "worries", "feeling", "pains", "opportunities", "quotes", "metrics", "segments", "no_evidence",
           "high", "low", "emotion_curve", "forces", "forces_progress", "forces_resist", "none", "mean", "maps",
           "personas", "interviews", "report_title", "saturation", "saturation_note",
           "saturation_undated", "files", "borderline")


def study_language(db: sqlite_utils.Database) -> str:
    """The language most interviews are in (labels follow it)."""
    counts = Counter(r["language"] for r in db.query("select language from interviews"))
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else "en"


def _everyone(db: sqlite_utils.Database, labels: Labels) -> dict:
    """Stand-in persona while no personas exist: every coded participant."""
    members = [r["participant"] for r in db.query(
        "select distinct i.participant from segments s join interviews i on i.id = s.interview_id "
        "order by i.participant")]
    return {"id": None, "key": "all", "name": labels.ui("all_participants"), "description": labels.ui("all_note"),
            "job": "", "members": members, "data": {}}


def select_personas(db: sqlite_utils.Database, query: str | None, labels: Labels) -> list[dict]:
    """The persona named by id, key or name (case-insensitive), or every persona when none is named."""
    personas = list_personas(db) or [_everyone(db, labels)]
    if query is None:
        return personas
    q = query.strip().casefold()
    for p in personas:
        if q in (str(p["id"] if p["id"] is not None else ""), str(p["key"] or "").casefold(),
                 str(p["name"] or "").casefold()):
            return [p]
    known = ", ".join(f"{p['id'] if p['id'] is not None else p['key']} {p['name']!r}" for p in personas[:8])
    more = " and more: jtbd personas show lists all" if len(personas) > 8 else ""
    raise UserError(f"no persona {query!r}", None, None, f"known: {known}{more}")


def persona_segments(db: sqlite_utils.Database, members: list[str]) -> list[dict]:
    """Members' coded segments, decoded, with the participant and the turn's timestamp."""
    if not members:
        return []
    marks = ", ".join("?" for _ in members)
    rows = db.query(f"""
        select s.stage, s.forces, s.emotion, s.emotion_score, s.touchpoints, s.pains, s.confidence,
               s.text, s.start, s.turn_idx, s.origin, s.force_scores, i.participant, i.language, t.seconds
        from segments s join interviews i on i.id = s.interview_id
        left join turns t on t.interview_id = s.interview_id and t.idx = s.turn_idx
        where i.participant in ({marks})""", members)
    out = []
    for r in rows:
        seg = dict(r)
        for k in ("forces", "touchpoints", "pains"):
            seg[k] = [x for x in json.loads(r[k] or "[]") if isinstance(x, str)]
        seg["force_scores"] = decode_scores(r["force_scores"])
        seg["text"] = " ".join((r["text"] or "").split())
        out.append(seg)
    return out


def _strength(seg: dict) -> float:
    score = seg["emotion_score"]
    return abs(score) if score is not None else abs(seg["emotion"] or 0)


def _rank(segs: list[dict]) -> list[dict]:
    """Most telling first: confidence, then emotional strength; participant and time break ties."""
    return sorted(segs, key=lambda s: (-(s["confidence"] or 0), -_strength(s), s["participant"],
                                       s["seconds"] if s["seconds"] is not None else -1, s["start"] or 0))


def _quote(seg: dict) -> dict:
    text = clip(seg["text"], QUOTE_CHARS)
    return {"participant": seg["participant"], "seconds": seg["seconds"],
            "timestamp": format_timestamp(seg["seconds"]) or None, "text": text,
            "emotion": seg["emotion"], "confidence": seg["confidence"]}


def _stands_alone(seg: dict) -> bool:
    """Long enough (QUOTE_WORDS) to be quoted without its neighbours."""
    return len(seg["text"].split()) >= QUOTE_WORDS


def _quotes(segs: list[dict], limit: int) -> list[dict]:
    """The most telling quotes, spread over participants and turns (evidence.spread); segments too
    short to stand alone (QUOTE_WORDS) only after the rest."""
    return [_quote(s) for s in spread(_rank(segs), limit, key=lambda s: not _stands_alone(s))]


def _questions(segs: list[dict], limit: int) -> list[dict]:
    """The respondents' own questions and doubts, surest first: the question's sentences, not the
    whole segment (evidence.own_question)."""
    asked = []
    for seg in _rank(segs):
        found = own_question(seg["text"], seg.get("language") or "en")
        if found:
            asked.append({**seg, "tier": found[0], "text": found[1]})
    return [_quote(s) for s in spread(asked, limit, key=lambda s: s["tier"])]


def _worries(segs: list[dict]) -> list[dict]:
    """Anxiety segments that read as a worry (evidence.reads_as_worry): felt as negative first, then
    the ones the coder is surest are anxiety."""
    order = {id(s): n for n, s in enumerate(_rank(segs))}
    return sorted((s for s in segs if reads_as_worry(s)),
                  key=lambda s: ((s["emotion"] or 0) >= 0, -round(anxiety_chance(s), 2), order[id(s)]))


def _mean_emotion(segs: list[dict]) -> float | None:
    emotions = [s["emotion"] for s in segs if s["emotion"] is not None]
    return round(sum(emotions) / len(emotions), 3) if emotions else None


def _concepts(segs: list[dict], kind: str, labels: Labels) -> list[dict]:
    """Touchpoints or pains by how often they come up, each with how it felt and who named it."""
    counts = Counter(x for s in segs for x in s[kind])
    out = []
    for cid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        with_it = [s for s in segs if cid in s[kind]]
        out.append({"id": cid, "label": labels.concept(cid), "count": n,
                    "feeling": feeling_score(_mean_emotion(with_it)),
                    "participants": sorted({s["participant"] for s in with_it})})
    return out


def feeling_score(mean: float | None) -> int | None:
    """Mean emotion in [-1, 1] onto Mermaid's 1-5 scale (3 is neutral)."""
    if mean is None:
        return None
    return max(1, min(5, int(3 + 2 * mean + 0.5)))


def _worried(seg: dict) -> bool:
    return "anxiety" in seg["forces"] or (seg["emotion"] or 0) < 0


def _opportunities(segs: list[dict], during: str, labels: Labels) -> list[dict]:
    """Drafted from the stage's pains (the most worrying first), then from worries that name no pain."""
    pains = _concepts(segs, "pains", labels)
    worry = {p["id"]: sum(_worried(s) for s in segs if p["id"] in s["pains"]) for p in pains}
    pains.sort(key=lambda p: (-worry[p["id"]], -p["count"], p["id"]))
    out = [{"kind": "pain", "concept": p["id"], "count": p["count"],
            "text": labels.template("opportunity_pain", concept=p["label"], during=during)}
           for p in pains[:OPPORTUNITIES_FROM_PAINS]]
    loose = [s for s in _worries(segs) if not s["pains"]]
    for seg in spread(loose, OPPORTUNITIES_FROM_ANXIETIES):
        out.append({"kind": "anxiety", "concept": None, "count": 1,
                    "text": labels.template("opportunity_anxiety", quote=clip(seg["text"], 80), during=during)})
    return out


def _stage(stage: dict, segs: list[dict], labels: Labels) -> dict:
    mean = _mean_emotion(segs)
    during = labels.stage(stage["id"], "during")
    return {
        "id": stage["id"],
        "label": labels.stage(stage["id"]),
        "coded_stages": stage["from"],
        "segments": len(segs),
        "participants": sorted({s["participant"] for s in segs}),
        "doing": labels.stage(stage["id"], "doing"),
        "touchpoints": _concepts(segs, "touchpoints", labels),
        "thinking": {
            "questions": _questions(segs, THOUGHTS_PER_STAGE),
            "worries": [_quote(s) for s in spread(_worries(segs), THOUGHTS_PER_STAGE)],
        },
        "feeling": {"mean": mean, "score": feeling_score(mean),
                    "coded": sum(s["emotion"] is not None for s in segs)},
        "forces": {f: sum(f in s["forces"] for s in segs) for f in FORCES},
        "pains": _concepts(segs, "pains", labels),
        "opportunities": _opportunities(segs, during, labels),
        "quotes": _quotes(segs, QUOTES_PER_STAGE),
        "metrics": [{"id": m, "label": labels.metric(m)} for m in stage["metrics"]],
    }


def _extreme(stage: dict, segs: list[dict], sign: int) -> dict:
    """A named high or low: the stage and its most strongly felt quote of that sign, from the segments
    that stand alone (QUOTE_WORDS) while there are any: "(laughs) That's it." names no high."""
    felt = [s for s in segs if (s["emotion"] or 0) * sign > 0]
    best = max(felt, key=lambda s: (_stands_alone(s), _strength(s), s["confidence"] or 0), default=None)
    return {"stage": stage["id"], "label": stage["label"], "mean": stage["feeling"]["mean"],
            "quote": _quote(best) if best else None}


def build_map(persona: dict, segments: list[dict], stage_set: str, labels: Labels) -> dict:
    """One persona's map: stages in timeline order, the emotion curve with its high and low, forces."""
    stages, by_stage = [], {}
    for st in load_stage_set(stage_set):
        segs = [s for s in segments if s["stage"] in st["from"]]
        by_stage[st["id"]] = segs
        stages.append(_stage(st, segs, labels))
    placed = {c for st in stages for c in st["coded_stages"]}
    felt = [st for st in stages if st["feeling"]["mean"] is not None]
    high = low = None
    if len(felt) >= 2:
        top = max(felt, key=lambda st: st["feeling"]["mean"])
        bottom = min(felt, key=lambda st: st["feeling"]["mean"])
        if top["feeling"]["mean"] > bottom["feeling"]["mean"]:
            high, low = _extreme(top, by_stage[top["id"]], 1), _extreme(bottom, by_stage[bottom["id"]], -1)
    data = persona.get("data") or {}
    return {
        "persona": {"id": persona["id"], "key": persona["key"], "name": persona["name"],
                    "description": persona.get("description") or "", "job": persona.get("job") or "",
                    "members": list(persona["members"]),
                    "distinct": [str(x) for x in data.get("distinct") or []]},
        "title": labels.ui("map_title", name=persona["name"]),
        "segments": len(segments),
        "unplaced": sum(s["stage"] not in placed for s in segments),
        "stages": stages,
        "feeling": {"curve": [{"stage": st["id"], "label": st["label"], "mean": st["feeling"]["mean"],
                               "score": st["feeling"]["score"]} for st in stages],
                    "high": high, "low": low},
        "forces": {f: sum(f in s["forces"] for s in segments) for f in FORCES},
    }


def build_maps(db: sqlite_utils.Database, persona: str | None = None, stage_set: str = DEFAULT_SET,
               language: str | None = None) -> dict:
    """The journey-map document for one persona (id, key or name) or all of them."""
    if not db["segments"].exists() or not db["segments"].count:
        raise UserError("nothing coded yet", None, None, "code the interviews first: jtbd code")
    load_stage_set(stage_set)
    labels = Labels(language or study_language(db))
    maps = [build_map(p, persona_segments(db, p["members"]), stage_set, labels)
            for p in select_personas(db, persona, labels)]
    return {"format": FORMAT, "version": VERSION, "generator": f"jtbd-kit {__version__}",
            "language": labels.lang, "stage_set": {"id": stage_set, "label": labels.stage_set(stage_set)},
            "labels": {"ui": {k: labels.ui(k) for k in UI_KEYS}, "forces": {f: labels.force(f) for f in FORCES}},
            "maps": maps}

