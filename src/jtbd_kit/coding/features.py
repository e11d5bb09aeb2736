"""Features of one respondent sentence for the learned coder, as {name: value} dicts.

Most features are language-independent: which cue kinds and keys fired (the language data
already maps words to `stages`, `forces`, `emotion`, `time`, ... keys), what the interviewer just
asked, where in the interview and in the turn the sentence sits, and the same cue features of the
neighbouring sentences. Lemma unigrams and bigrams of the sentence (and of the question) add what
the lexicons miss; they only help in languages the model has seen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from itertools import filterfalse

from jtbd_kit.coding.emotion import polarity

SHORT = {"stages": "s", "questions": "q", "forces": "f", "emotion": "e", "touchpoints": "tp", "pains": "pn",
         "time": "t"}
POSITION_BINS = 8
# features for the force and emotion heads only: how a passage feels says little about its stage
CODES_ONLY = ("turn|", "mark:", "ask:mood")
# features crossed with the decided stage for those heads
CROSSED = ("f:", "e:", "mark:")


class _Names(dict):
    """Feature names made once per key (`w:` + a lemma, `prev|` + a cue feature) and then reused.

    The same string object each time, interned as the model's feature names are (weights.py):
    besides the string building, the model's index lookup saves hashing it again (a string keeps
    its hash) and comparing it (the index holds this very object). Bounded by the lemmas and cue
    names seen.
    """

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> str:
        name = self[key] = sys.intern(self.prefix + key)
        return name


class _Prefixed(dict):
    """Per key, the `_Names` under the prefix `to_prefix(key)` (cue kind `stages` -> `s:`), made on first use."""

    def __init__(self, to_prefix: Callable[[str], str]) -> None:
        super().__init__()
        self.to_prefix = to_prefix

    def __missing__(self, key: str) -> _Names:
        names = self[key] = _Names(self.to_prefix(key))
        return names


_CUES = _Prefixed(lambda kind: f"{SHORT.get(kind, kind)}:")  # `stages`, `buying` -> `s:buying`
_UNIGRAMS = _Prefixed(lambda prefix: f"{prefix}:")  # `w`, a lemma -> `w:lemma`
_STAGED = _Prefixed(lambda stage: f"{stage}|")  # a stage, a crossed feature -> `buying|f:push`


def cue_features(hits: list, pol: float | None = None) -> dict[str, float]:
    """Cue weight per kind:key, the unit's signed emotion and negation-aware force scores.

    `pol` is `polarity(hits)` when the caller has it (the emotion component sets it on each unit).
    """
    out: dict[str, float] = {}
    for h in hits:
        name = _CUES[h.kind][h.key]
        out[name] = out.get(name, 0.0) + h.weight
    if pol is None:
        pol = polarity(hits)
    if pol:
        out["e:polarity"] = max(-3.0, min(3.0, pol))
    return out


def lemma_features(lemmas: list[str], prefix: str) -> dict[str, float]:
    """`prefix:lemma` per word (letters only) and `prefix2:a_b` per pair of neighbouring words."""
    words = list(filter(str.isalpha, lemmas))
    return dict.fromkeys([*map(_UNIGRAMS[prefix].__getitem__, words), *[f"{prefix}2:{a}_{b}" for a, b in zip(words, words[1:])]],
                         1.0)


MARKS = ("!", "?", "...", "(")
_MARK_NAMES = {m: f"mark:{m}" for m in MARKS}


def marks(lemmas: list[str]) -> dict[str, float]:
    """How a sentence is said: exclamation, question, a trailing-off, an aside in brackets (laughs)."""
    said = "".join(filterfalse(str.isalnum, lemmas)).replace("…", "...")
    # most sentences have none of the marks: a few `in` tests find that out
    return {_MARK_NAMES[m]: min(2.0, float(said.count(m))) for m in MARKS if m in said}


_PREV, _NEXT, _TURN = _Names("prev|"), _Names("next|"), _Names("turn|")
_POSBINS = [f"posbin:{b}" for b in range(POSITION_BINS)]


def _renamed(cues: dict[str, float], names: _Names, share: float) -> dict[str, float]:
    """A neighbour's cue features under `names`' prefix (`prev|`, `next|`), scaled by `share`."""
    return {names[k]: share * v for k, v in cues.items()}


def _turn_cues(cues: list[dict[str, float]], turn_of: list[int]) -> dict[int, dict[str, float]]:
    """Per turn, the sum of its units' force and emotion cues (clipped to +-3) as `turn|` features.

    A coded passage is usually a whole answer: these are the same for every unit of a turn.
    """
    whole: dict[int, dict[str, float]] = {}
    for c, t in zip(cues, turn_of):
        agg = whole.setdefault(t, {})
        for k, v in c.items():
            if k.startswith(("f:", "e:")):
                agg[k] = agg.get(k, 0.0) + v
    return {t: {_TURN[k]: max(-3.0, min(3.0, v)) for k, v in agg.items()} for t, agg in whole.items()}


def unit_features(cues: list[dict[str, float]], steps: list, lemmas: list[list[str]],
                  question_lemmas: list[list[str]], turn_of: list[int],
                  crossed: list[dict[str, float]] | None = None) -> list[dict[str, float]]:
    """One feature dict per respondent unit of an interview (all lists run over the same units).

    `crossed`, when given, gets per unit the part of its features that `stage_extras` crosses with
    the stage (the same items in the same order), so the coder need not search every feature for it.
    """
    out = []
    n = len(steps)
    clipped = _turn_cues(cues, turn_of)
    # the question's stage cues and words are the same for every unit of its answer (by weight)
    asked: dict[tuple[int, float], dict[str, float]] = {}
    ask: dict[tuple[int, float], dict[str, float]] = {}
    for i, step in enumerate(steps):
        own, t, p = cues[i], turn_of[i], step.position
        weight = 1.0 if step.first_of_answer else 0.5
        key = (id(step.question), weight)
        if key not in ask:
            ask[key] = ({f"ask:{s}": weight * min(1.0, v / 2) for s, v in step.question.items()}
                        if step.question else {"ask:none": 1.0})
        said = marks(lemmas[i])
        if crossed is not None:
            # only the unit's own cues and its marks have these prefixes (see the names above)
            crossed.append({**{k: v for k, v in own.items() if k.startswith(CROSSED)}, **said} if own else said)
        words = (id(question_lemmas[i]), weight)
        if words not in asked:
            asked[words] = {k: v * weight for k, v in lemma_features(question_lemmas[i], "qw").items()}
        # one dict display: the groups have distinct names, so this is their updates in this order
        out.append({
            **own, **clipped[t], "pos": p, "pos2": p * p,
            _POSBINS[min(POSITION_BINS - 1, int(p * POSITION_BINS))]: 1.0,
            "first_in_turn": float(step.first_in_turn), "first_of_answer": float(step.first_of_answer),
            "flashback": float(step.flashback), "ahead": float(step.ahead),
            **ask[key], **lemma_features(lemmas[i], "w"), **said, **asked[words],
            **(_renamed(cues[i - 1], _PREV, 1.0 if turn_of[i - 1] == t else 0.5) if i else {"prev|none": 1.0}),
            **(_renamed(cues[i + 1], _NEXT, 1.0 if turn_of[i + 1] == t else 0.5) if i + 1 < n
               else {"next|none": 1.0}),
        })
    return out


def with_stage(features: dict[str, float], stage: str) -> dict[str, float]:
    """A unit's features plus its decided stage, for the force and emotion heads.

    The same cue means different things by stage (a complaint early is a push, late a regret),
    so the unit's own force and emotion cues are also crossed with the stage.
    """
    out = dict(features)
    out.update(stage_extras(features, stage))
    return out


def stage_extras(features: dict[str, float], stage: str) -> dict[str, float]:
    """What `with_stage` adds to a unit's features (the coder scores them without copying the rest)."""
    names = _STAGED[stage]
    return {f"stage:{stage}": 1.0, **{names[k]: v for k, v in features.items() if k.startswith(CROSSED)}}
