"""Forces of progress per unit: push, pull, anxiety, habit, from `forces.yaml` cues.

A force is coded when its cue weight in the sentence reaches one (one ordinary cue or two weak
ones); a negation just before a cue (`wasn't worried`) cancels it. Once stages are known,
`settle` adds what the feeling means at that stage (upset before looking is push, upset while
choosing is anxiety, delight while looking is pull, fondness for the old way is habit) and lets a
force carry over to same-stage neighbours, since a force usually runs for a passage.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import cue_kinds
from jtbd_kit.coding.model import FORCES
from jtbd_kit.coding.segmenter import UNITS

THRESHOLD = 1.0


def force_scores(hits: list) -> dict[str, float]:
    scores: dict[str, float] = {}
    negations = None
    for h in hits:
        if h.kind == "forces" and h.key in FORCES:
            if negations is None:
                negations = [n.end for n in hits if n.kind == "emotion" and n.key == "negation"]
            if not any(0 <= h.start - end < 2 for end in negations):
                scores[h.key] = scores.get(h.key, 0.0) + h.weight
    return scores


@Language.component("jtbd_forces")
def forces(doc: Doc) -> Doc:
    if "forces" not in cue_kinds(doc):  # its units keep the empty scores and forces they were made with
        return doc
    for unit in doc.user_data.get(UNITS) or []:
        scores = unit.force_scores = force_scores(unit.hits)
        unit.forces = [f for f in FORCES if scores.get(f, 0) >= THRESHOLD] if scores else []
    return doc


# (stage, sign of emotion) -> force the feeling suggests, and how strongly
FEELING = {
    ("other", -1): ("push", 0.6), ("first_thought", -1): ("push", 0.9), ("passive_looking", -1): ("push", 0.7),
    ("active_looking", -1): ("anxiety", 0.7), ("deciding", -1): ("anxiety", 0.7), ("buying", -1): ("anxiety", 0.8),
    ("other", 1): ("habit", 0.5), ("passive_looking", 1): ("pull", 0.7), ("active_looking", 1): ("pull", 0.8),
    ("deciding", 1): ("pull", 0.7),
}
CARRY = 0.8
MOST = 2


def settle(units: list, stages: list[str], emotions: list[int]) -> list[list[str]]:
    """Forces per unit of one turn, from cues, the feeling at that stage, and neighbours' cues."""
    base = []
    for unit, stage, emo in zip(units, stages, emotions):
        scores = Counter(unit.force_scores)
        force, weight = FEELING.get((stage, emo), (None, 0.0))
        if force:
            scores[force] += weight
        base.append(scores)
    out = []
    for i, scores in enumerate(base):
        total = Counter(scores)
        for j in (i - 1, i + 1):
            if 0 <= j < len(base) and stages[j] == stages[i]:
                for f, w in base[j].items():
                    total[f] += CARRY * w
        chosen = [f for f, w in total.most_common() if w >= THRESHOLD][:MOST]
        out.append([f for f in FORCES if f in chosen])
    return out
