"""Local stage evidence per unit: the respondent's own cues, and for interviewer turns the question.

Respondent units score each stage from `stages.yaml` cues and from time expressions (`time.yaml`:
`now` speaks from today, so satisfaction or consuming; `first` marks the first thought). Interviewer
turns are not coded; their `questions.yaml` cues become a prior for the answer that follows, the
last sentence (the question actually asked) counting most. The story pass (story.py) then decides.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import cue_kinds, ext_key
from jtbd_kit.coding.segmenter import UNITS

# what a time expression says about the stage of the sentence it is in
TIME_STAGES = {"now": {"satisfaction": 1.0, "consuming": 0.4}, "first": {"first_thought": 1.0},
               "background": {"other": 1.0}}


def unit_scores(hits: list) -> dict[str, float]:
    scores: dict[str, float] = {}
    for h in hits:
        if h.kind == "stages":
            scores[h.key] = scores.get(h.key, 0.0) + h.weight
        elif h.kind == "time":
            for stage, w in TIME_STAGES.get(h.key, {}).items():
                scores[stage] = scores.get(stage, 0.0) + w * h.weight
    return scores


def question_scores(doc: Doc) -> dict[str, float]:
    """Stage cues of an interviewer turn, the last sentence weighted fully, earlier ones half."""
    units = doc.user_data.get(UNITS) or []
    scores: dict[str, float] = {}
    for i, unit in enumerate(units):
        factor = 1.0 if i == len(units) - 1 else 0.5
        for h in unit.hits:
            if h.kind == "questions":
                scores[h.key] = scores.get(h.key, 0.0) + h.weight * factor
    return scores


if not Doc.has_extension("jtbd_question"):
    Doc.set_extension("jtbd_question", default=None)
QUESTION = ext_key("jtbd_question")


@Language.component("jtbd_stage")
def stage(doc: Doc) -> Doc:
    kinds = cue_kinds(doc)
    if doc.user_data.get("jtbd_role") == "interviewer":
        doc.user_data[QUESTION] = question_scores(doc) if "questions" in kinds else {}
    elif "stages" in kinds or "time" in kinds:  # else its units keep the empty scores they were made with
        for unit in doc.user_data.get(UNITS) or []:
            if unit.hits:
                unit.stage_scores = unit_scores(unit.hits)
    return doc
