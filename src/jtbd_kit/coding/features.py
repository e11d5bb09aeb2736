"""Features of one respondent sentence for the learned coder, as {name: value} dicts.

Most features are language-independent: which cue kinds and keys fired (the language data
already maps words to `stages`, `forces`, `emotion`, `time`, ... keys), what the interviewer just
asked, where in the interview and in the turn the sentence sits, and the same cue features of the
neighbouring sentences. Lemma unigrams and bigrams of the sentence (and of the question) add what
the lexicons miss; they only help in languages the model has seen.
"""

from __future__ import annotations

from itertools import filterfalse

from jtbd_kit.coding.emotion import polarity

SHORT = {"stages": "s", "questions": "q", "forces": "f", "emotion": "e", "touchpoints": "tp", "pains": "pn",
         "time": "t"}
POSITION_BINS = 8
# features for the force and emotion heads only: how a passage feels says little about its stage
CODES_ONLY = ("turn|", "mark:", "ask:mood")
# features crossed with the decided stage for those heads
CROSSED = ("f:", "e:", "mark:")


def cue_features(hits: list, pol: float | None = None) -> dict[str, float]:
    """Cue weight per kind:key, the unit's signed emotion and negation-aware force scores.

    `pol` is `polarity(hits)` when the caller has it (the emotion component sets it on each unit).
    """
    out: dict[str, float] = {}
    for h in hits:
        name = f"{SHORT.get(h.kind, h.kind)}:{h.key}"
        out[name] = out.get(name, 0.0) + h.weight
    if pol is None:
        pol = polarity(hits)
    if pol:
        out["e:polarity"] = max(-3.0, min(3.0, pol))
    return out


def lemma_features(lemmas: list[str], prefix: str) -> dict[str, float]:
    words = list(filter(str.isalpha, lemmas))
    out = dict.fromkeys([f"{prefix}:{w}" for w in words], 1.0)
    if len(words) > 1:
        out.update(dict.fromkeys([f"{prefix}2:{a}_{b}" for a, b in zip(words, words[1:])], 1.0))
    return out


MARKS = ("!", "?", "...", "(")


def marks(lemmas: list[str]) -> dict[str, float]:
    """How a sentence is said: exclamation, question, a trailing-off, an aside in brackets (laughs)."""
    said = "".join(filterfalse(str.isalnum, lemmas))
    if not said:
        return {}
    said = said.replace("…", "...")
    out = {f"mark:{m}": min(2.0, float(said.count(m))) for m in MARKS}
    return {k: v for k, v in out.items() if v}


def _renamed(cues: dict[str, float], tag: str, share: float) -> dict[str, float]:
    """A neighbour's cue features under `tag|`, scaled by `share`."""
    return {f"{tag}|{k}": share * v for k, v in cues.items()}


def unit_features(cues: list[dict[str, float]], steps: list, lemmas: list[list[str]],
                  question_lemmas: list[list[str]], turn_of: list[int],
                  crossed: list[dict[str, float]] | None = None) -> list[dict[str, float]]:
    """One feature dict per respondent unit of an interview (all lists run over the same units).

    `crossed`, when given, gets per unit the part of its features that `stage_extras` crosses with
    the stage (the same items in the same order), so the coder need not search every feature for it.
    """
    out = []
    n = len(steps)
    # a coded passage is usually a whole answer: the force and emotion cues of the unit's turn
    whole: dict[int, dict[str, float]] = {}
    for c, t in zip(cues, turn_of):
        agg = whole.setdefault(t, {})
        for k, v in c.items():
            if k.startswith(("f:", "e:")):
                agg[k] = agg.get(k, 0.0) + v
    # the same for every unit of a turn, and the question's words the same for every unit of its answer
    clipped = {t: {f"turn|{k}": max(-3.0, min(3.0, v)) for k, v in agg.items()} for t, agg in whole.items()}
    asked: dict[tuple[int, float], dict[str, float]] = {}
    ask_names: dict[str, str] = {}
    for i, step in enumerate(steps):
        f = dict(cues[i])
        f.update(clipped[turn_of[i]])
        p = step.position
        f["pos"] = p
        f["pos2"] = p * p
        f[f"posbin:{min(POSITION_BINS - 1, int(p * POSITION_BINS))}"] = 1.0
        f["first_in_turn"] = float(step.first_in_turn)
        f["first_of_answer"] = float(step.first_of_answer)
        f["flashback"] = float(step.flashback)
        f["ahead"] = float(step.ahead)
        weight = 1.0 if step.first_of_answer else 0.5
        if step.question:
            for s, v in step.question.items():
                name = ask_names.get(s) or ask_names.setdefault(s, f"ask:{s}")
                f[name] = weight * min(1.0, v / 2)
        else:
            f["ask:none"] = 1.0
        f.update(lemma_features(lemmas[i], "w"))
        said = marks(lemmas[i])
        f.update(said)
        if crossed is not None:
            # only the unit's own cues and its marks have these prefixes (see the names above)
            crossed.append({**{k: v for k, v in cues[i].items() if k.startswith(CROSSED)}, **said})
        key = (id(question_lemmas[i]), weight)
        if key not in asked:
            asked[key] = {k: v * weight for k, v in lemma_features(question_lemmas[i], "qw").items()}
        f.update(asked[key])
        if i:
            f.update(_renamed(cues[i - 1], "prev", 1.0 if turn_of[i - 1] == turn_of[i] else 0.5))
        else:
            f["prev|none"] = 1.0
        if i + 1 < n:
            f.update(_renamed(cues[i + 1], "next", 1.0 if turn_of[i + 1] == turn_of[i] else 0.5))
        else:
            f["next|none"] = 1.0
        out.append(f)
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
    out = {f"stage:{stage}": 1.0}
    out.update({f"{stage}|{k}": v for k, v in features.items() if k.startswith(CROSSED)})
    return out
