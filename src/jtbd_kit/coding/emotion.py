"""Emotion per unit: positive and negative cue weights, flipped by negation, scaled by intensifiers.

`emotion.yaml` holds `positive`, `negative`, `negation`, `intensifier` and `downtoner` cues. A
negation up to three tokens before a cue flips it (`not happy`) unless a comma or a full stop
comes between (`No worries, love it.` is not negated); an intensifier or downtoner just before
scales it (`really annoying`, `a bit annoying`). A cue that opens with its own negation (`nie
żałuję`, `не пожалел`) is not flipped again by one before it: in Slavic negative concord
`ніколи не шкодував` (never regretted) is one negation, not two.
"""

from __future__ import annotations

from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import CUES, cue_kinds, doc_array, doc_text, token_text
from jtbd_kit.coding.segmenter import UNITS

NEGATION_REACH = 3
# a negation does not reach across these
BREAKS = frozenset((",", ".", ";", ":", "!", "?", "…", "—", "–"))
SCALE = {"intensifier": 1.5, "downtoner": 0.6}


def polarity(hits: list, flip: float = -0.8, breaks: frozenset[int] = frozenset()) -> float:
    """Signed emotion score of one unit's hits; `breaks` are the token indices of clause punctuation."""
    score = 0.0
    marks = None  # gathered on the first feeling cue: most units have none
    for h in hits:
        if h.kind != "emotion" or h.key not in ("positive", "negative"):
            continue
        if marks is None:
            marks = [m for m in hits if m.kind == "emotion" and m.key in ("negation", "intensifier", "downtoner")]
        value = h.weight if h.key == "positive" else -h.weight
        if not marks:  # most feelings come without a negation, intensifier or downtoner
            score += value
            continue
        negated = False  # "wasn't" is both `=wasn't` and `n't`: one negation, flipped once
        concord = any(m.key == "negation" and m.start == h.start for m in marks)
        for m in marks:
            gap = h.start - m.end
            if (m.key == "negation" and not concord and 0 <= gap < NEGATION_REACH
                    and not breaks.intersection(range(m.end, h.start))):
                negated = True
            elif m.key in SCALE and 0 <= gap <= 1:
                value *= SCALE[m.key]
        score += value * flip if negated else value
    return score


@Language.component("jtbd_emotion")
def emotion(doc: Doc) -> Doc:
    units = doc.user_data.get(UNITS) or []
    if not units:
        return doc
    if "emotion" not in cue_kinds(doc):  # its units keep the score 0 they were made with
        return doc
    # only a negation looks at the clause breaks, and only at the few tokens after it that it may
    # reach: those are the only ones looked up (most turns have no negation at all)
    hits = doc.user_data.get(CUES) or ()
    breaks: frozenset[int] = frozenset()
    if "negation" in map(itemgetter(3), hits):  # Hit.key, at C speed, before the exact test
        text, starts_at, lengths = doc_text(doc), doc_array(doc, "IDX"), doc_array(doc, "LENGTH")
        reach = {i for h in hits if h.key == "negation" and h.kind == "emotion"
                 for i in range(h.end, min(h.end + NEGATION_REACH - 1, len(lengths)))}
        breaks = frozenset(i for i in reach if token_text(text, starts_at, lengths, i) in BREAKS)
    for unit in units:
        unit.emotion_score = polarity(unit.hits, breaks=breaks)
    return doc


# How a stage usually feels (the first thought is a problem, satisfaction mostly a relief), and
# how a force cue colours the sentence: a soft prior added to the cue score before labelling.
STAGE_FEELING = {"first_thought": -0.6, "passive_looking": -0.1, "satisfaction": 0.4}
FORCE_FEELING = {"push": -0.4, "anxiety": -0.4, "pull": 0.4}


def smooth(units: list, stages: list[str], share: float = 0.5) -> list[float]:
    """Each unit's score with its stage's and forces' colour, plus a share of its same-stage neighbours'.

    Feelings run over several sentences; a lone neutral sentence between two upset ones is
    usually part of the same upset passage.
    """
    own = []
    for unit, stage in zip(units, stages):
        score = unit.emotion_score + STAGE_FEELING.get(stage, 0.0)
        score += sum(FORCE_FEELING.get(f, 0.0) * min(1.0, w) for f, w in unit.force_scores.items())
        own.append(score)
    out = []
    for i, score in enumerate(own):
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and stages[j] == stages[i]:
                score += share * own[j]
        out.append(score)
    return out
