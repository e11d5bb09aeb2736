"""Emotion per unit: positive and negative cue weights, flipped by negation, scaled by intensifiers.

`emotion.yaml` holds `positive`, `negative`, `negation`, `intensifier` and `downtoner` cues. A
negation up to three tokens before a cue flips it (`not happy`); an intensifier or downtoner just
before scales it (`really annoying`, `a bit annoying`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NEGATION_REACH = 3
SCALE = {"intensifier": 1.5, "downtoner": 0.6}


def polarity(hits: list, flip: float = -0.8) -> float:
    """Signed emotion score of one unit's hits."""
    score = 0.0
    marks = [h for h in hits if h.kind == "emotion" and h.key in ("negation", "intensifier", "downtoner")]
    for h in hits:
        if h.kind != "emotion" or h.key not in ("positive", "negative"):
            continue
        value = h.weight if h.key == "positive" else -h.weight
        for m in marks:
            gap = h.start - m.end
            if m.key == "negation" and 0 <= gap < NEGATION_REACH:
                value *= flip
            elif m.key in SCALE and 0 <= gap <= 1:
                value *= SCALE[m.key]
        score += value
    return score


@Language.component("jtbd_emotion")
def emotion(doc: Doc) -> Doc:
    for unit in doc._.jtbd_units or []:
        unit.emotion_score = polarity(unit.hits)
    return doc


def smooth(units: list, stages: list[str], share: float = 0.5) -> list[float]:
    """Each unit's score plus a share of its same-stage neighbours' in the turn.

    Feelings run over several sentences; a lone neutral sentence between two upset ones is
    usually part of the same upset passage.
    """
    out = []
    for i, unit in enumerate(units):
        score = unit.emotion_score
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and stages[j] == stages[i]:
                score += share * units[j].emotion_score
        out.append(score)
    return out
