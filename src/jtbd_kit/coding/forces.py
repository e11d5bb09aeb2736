"""Forces of progress per unit: push, pull, anxiety, habit, from `forces.yaml` cues.

A force is coded when its cue weight in the sentence reaches one (one ordinary cue or two weak
ones); a negation just before a cue (`wasn't worried`) cancels it.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.model import FORCES

THRESHOLD = 1.0


def force_scores(hits: list) -> Counter:
    negations = [h for h in hits if h.kind == "emotion" and h.key == "negation"]
    scores: Counter = Counter()
    for h in hits:
        if h.kind == "forces" and h.key in FORCES:
            if not any(0 <= h.start - n.end < 2 for n in negations):
                scores[h.key] += h.weight
    return scores


@Language.component("jtbd_forces")
def forces(doc: Doc) -> Doc:
    for unit in doc._.jtbd_units or []:
        unit.force_scores = dict(force_scores(unit.hits))
        unit.forces = [f for f in FORCES if unit.force_scores.get(f, 0) >= THRESHOLD]
    return doc
