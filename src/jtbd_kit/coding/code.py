"""The coding pass over one transcript: turns through the language pipeline, then the story pass.

`analyse` gathers each respondent sentence's cues and features; `label` decides the stages with
the story pass (rule emissions plus the learned model's stage log-probabilities), then forces and
emotion with the model's heads (or, with no model file, with the rules in forces.py/emotion.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from jtbd_kit.coding.model import STAGES, Segment, emotion_label, rounded, runs
from jtbd_kit.coding.story import POSITION, Step, decode
from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript, without_asides

if TYPE_CHECKING:
    from jtbd_kit.coding.features import Table
    from jtbd_kit.coding.weights import Codes, CoderModel, Encoded

CODER = "jtbd-learned-1"      # the shipped model (coding/learned/coder.json); a project's own model names itself
RULES_CODER = "jtbd-rules-1"  # the cue rules and story pass alone, when no model file exists


def coder_name(model: CoderModel | None) -> str:
    """What goes into a segment's `coder` column: the model's name, or the rules' when there is none."""
    return model.name if model is not None else RULES_CODER


def stage_hints(transcript: Transcript) -> dict[int, str]:
    """Per-turn stage hints from the transcript meta (`stages`), keyed by turn index.

    A hint on a question turn or on the answer turn itself steers the answer.
    The interview TUI may write `stages` as {turn index: stage} or as a list with one entry per
    interviewer turn (null where the question had no stage); both are optional.
    """
    raw = transcript.meta.get("stages")
    hints: dict[int, str] = {}
    if isinstance(raw, dict):
        for k, v in raw.items():
            if str(k).isdigit() and v in STAGES:
                hints[int(k)] = v
    elif isinstance(raw, list):
        asked = [t.index for t in transcript.turns if t.role == "interviewer"]
        hints = {i: v for i, v in zip(asked, raw) if v in STAGES}
    return hints


@dataclass
class Analysis:
    """One interview through the language pipeline: its respondent units, story steps and features."""

    transcript: Transcript
    turns: list
    owners: list  # (turn position, unit) per step
    steps: list[Step]
    features: Table  # per unit its feature dict, stored flat
    crossed: list[dict[str, float]]  # what features.stage_extras_table reads of each unit's features

    def spans(self) -> list[tuple[int, int]]:
        """Each unit's character span in the transcript text."""
        return [(self.turns[pos].start + u.start, self.turns[pos].start + u.end) for pos, u in self.owners]


def analyse(transcript: Transcript) -> Analysis:
    """Run the language pipeline over every turn and collect each respondent unit's evidence."""
    if not transcript.respondent_turns:
        raise UserError("no respondent turns to code", transcript.source, None,
                        "set `respondent:` in the front matter to the name of the person interviewed")
    from jtbd_kit.coding.cues import CUES, cue_kinds, doc_array
    from jtbd_kit.coding.emotion import polarity
    from jtbd_kit.coding.features import cue_features, unit_features
    from jtbd_kit.coding.pipeline import ANSWER_ONLY, pipeline
    from jtbd_kit.coding.segmenter import UNITS
    from jtbd_kit.coding.stage import QUESTION

    nlp = pipeline(transcript.language)
    hints = stage_hints(transcript)
    turns = [t for t in transcript.turns if t.role in ("interviewer", "respondent") and t.text.strip()]
    components = {"respondent": [proc for _name, proc in nlp.pipeline],
                  "interviewer": [proc for name, proc in nlp.pipeline if name not in ANSWER_ONLY]}
    docs = []
    for turn in turns:
        doc = nlp.make_doc(without_asides(turn.text))  # same length: the units' offsets still fit the turn
        doc.user_data["jtbd_role"] = turn.role
        doc.user_data["jtbd_text"] = turn.text
        # each component straight on the doc: nlp.pipe's batching and generators cost more than they
        # save here (every component works on one doc at a time)
        for proc in components[turn.role]:
            doc = proc(doc)
        docs.append(doc)
    steps: list[Step] = []
    owners: list[tuple[int, object]] = []
    cues, felt, lemmas, asked, turn_of = [], [], [], [], []
    question: dict[str, float] = {}
    question_flashback = False
    question_cues: list[str] = []
    question_lemmas: list[int] = []
    mood = 0.0
    hint: str | None = None
    total = max(1, sum(len(t.text) for t in turns if t.role == "respondent"))
    said = 0
    for pos, (turn, doc) in enumerate(zip(turns, docs)):
        units = doc.user_data.get(UNITS) or []
        words = doc_array(doc, "NORM")  # lemma hashes (lemmas.py)
        if turn.role == "interviewer":
            question = dict(doc.user_data.get(QUESTION) or {})
            hint = hints.get(turn.index)
            if hint:
                question[hint] = question.get(hint, 0.0) + 3.0
            hits, kinds = doc.user_data.get(CUES) or [], cue_kinds(doc)  # the units' hits, in order
            question_flashback = "time" in kinds and any(h.kind == "time" and h.key == "flashback" for h in hits)
            # the interviewer's reaction ("that sounds stressful") colours the answer
            mood = polarity(hits) if "emotion" in kinds else 0.0
            question_cues = (sorted({f"question {h.key}: {h.text}" for h in hits if h.kind == "questions"})
                             if "questions" in kinds else [])
            question_lemmas = words[units[-1].token_start:units[-1].token_end] if units else []
            continue
        hint = hint or hints.get(turn.index)
        timed = "time" in cue_kinds(doc)  # most turns have no time expression
        for i, unit in enumerate(units):
            times = {h.key for h in unit.hits if h.kind == "time"} if timed else ()
            step = Step(scores=unit.stage_scores, question=question, first_in_turn=i == 0,
                        first_of_answer=i == 0 and bool(question),
                        flashback="flashback" in times or (i == 0 and question_flashback),
                        ahead="ahead" in times,
                        position=(said + unit.start) / total, reasons=question_cues if i == 0 else [],
                        hint=hint)
            steps.append(step)
            owners.append((pos, unit))
            own, its_felt = cue_features(unit.hits, unit.emotion_score)
            cues.append(own)
            felt.append(its_felt)
            if i == 0 and mood:
                cues[-1]["ask:mood"] = max(-3.0, min(3.0, mood))
            lemmas.append(words[unit.token_start:unit.token_end])
            asked.append(question_lemmas)
            turn_of.append(pos)
        said += len(turn.text)
        question, question_flashback, question_cues, question_lemmas, hint, mood = {}, False, [], [], None, 0.0
    crossed: list[dict[str, float]] = []
    features = unit_features(cues, felt, steps, lemmas, asked, turn_of, crossed, word_ids(transcript.language))
    return Analysis(transcript, turns, owners, steps, features, crossed)


@lru_cache(maxsize=None)
def word_ids(language: str) -> dict[int, tuple[int, ...]]:
    """Lemma hash -> ids of the features `d:<id>`: the cross-lingual word table (personas/dictionary, the
    same ~1,650 ids in every language) read by the coder's own lemmas, one-word cues only. Six-fold CV on
    876 interviews, session 18: force F1 0.507 -> 0.514 (up in every language), stage 0.797 -> 0.799."""
    from jtbd_kit.coding.featureids import IDS
    from jtbd_kit.coding.pipeline import pipeline
    from jtbd_kit.lang import read_yaml
    from jtbd_kit.personas.situation import concepts_file

    path = concepts_file(language, "dictionary")
    if path is None:
        return {}
    nlp = pipeline(language)
    lemma = nlp.get_pipe("jtbd_lemmas").lemma
    out: dict[int, set[int]] = {}
    for key, cues in (read_yaml(path) or {}).items():
        fid = IDS.setdefault(f"d:{key}", len(IDS))
        for cue in cues or []:
            cue = str(cue).lower()
            if " " in cue or cue.endswith("*") or "!" in cue:
                continue
            out.setdefault(nlp.vocab.strings.add(lemma(cue)), set()).add(fid)
    return {h: tuple(sorted(v)) for h, v in out.items()}


def code_transcript(transcript: Transcript, model: CoderModel | None | bool = True) -> list[Segment]:
    """Code every respondent turn of a transcript into segments with stage, forces, emotion and cues.

    `model` is a CoderModel, True for the active one (the project's, else the shipped one), or
    None/False for the rules alone.
    """
    if model is True:
        from jtbd_kit.coding.weights import active_model

        model = active_model()
    with gc_paused():
        return label(analyse(transcript), model or None)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one interview is coded.

    Coding makes tens of thousands of short-lived containers (hits, units, feature dicts), and
    refcounting frees nearly all of them; yet each few hundred allocations start a collection that
    walks the young objects, and now and then one that walks every object in the process (the
    model's weights included): 10-20% of the coding time. Paused here, the collector runs later
    as usual, on the few objects still alive. A caller that had it off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def label(a: Analysis, model: CoderModel | None) -> list[Segment]:
    """Decide stages over the interview, then forces and emotion per unit, and group into segments."""
    if model is None:
        stages, confidence = decode(a.steps)
        return _segments(a, stages, confidence, None)
    encoded = model.encode(a.features)
    extra = model.blend["model"] * model.stage_logprob(a.features, encoded)
    blend = model.blend
    stages, confidence = decode(a.steps, extra=extra, rules=blend["rules"], moves=blend.get("moves", 1.0),
                                position=blend.get("position", POSITION))
    return _segments(a, stages, confidence, model, encoded)


def _segments(a: Analysis, stages: list[str], confidence: list[float], model: CoderModel | None,
              encoded: Encoded | None = None) -> list[Segment]:
    """Forces and emotion per unit (by the model's heads, or the rules), then runs of equal codes."""
    import numpy as np

    from jtbd_kit.coding.cues import KINDS

    if model is not None:
        codes = _model_codes(a, stages, model, encoded)
    else:
        codes = None
        _rule_codes(a, stages)
    # each passage: its turn's position and its members' places in the interview's unit lists
    turn_of = [pos for pos, _unit in a.owners]
    units = [unit for _pos, unit in a.owners]
    passages = [(turn_of[rows[0]], rows) for rows in runs(units, stages, turn_of)]
    if codes is not None:
        # the members' mean emotion score and force probabilities, for all passages at once
        means = _means(np.column_stack([codes.score, codes.chances]), [rows for _pos, rows in passages])
        scores = rounded(means[:, 0])
        force_scores = [dict(zip(codes.names, row)) for row in rounded(means[:, 1:])]
    else:
        scores = [round(max(-1.0, min(1.0, sum([a.owners[r][1].emotion_score for r in rows]) / 2)), 3)
                  for _pos, rows in passages]
        force_scores = [{} for _ in passages]
    out: list[Segment] = []
    kind_name = {kind: kind.rstrip("s") for kind in KINDS}  # as a segment's cues name it: `stages` -> `stage`
    # loops, not comprehensions, per passage: in Python 3.11 each comprehension is a function call
    for (pos, rows), score, chances in zip(passages, scores, force_scores):
        turn = a.turns[pos]
        first, last = units[rows[0]], units[rows[-1]]
        start, end = turn.start + first.start, turn.start + last.end
        cues: list[str] = []
        touchpoints: set[str] = set()
        pains: set[str] = set()
        for r in rows:
            cues += a.steps[r].reasons
            u = units[r]
            for h in u.hits:
                cues.append(f"{kind_name[h.kind]} {h.key}: {h.text}")
            touchpoints.update(u.touchpoints)
            pains.update(u.pains)
        out.append(Segment(
            start=start, end=end, text=a.transcript.text[start:end], stage=stages[rows[0]],
            forces=list(first.forces), emotion=first.emotion, emotion_score=score,
            touchpoints=sorted(touchpoints), pains=sorted(pains),
            confidence=min(map(confidence.__getitem__, rows)),  # rounded already, by decode
            cues=list(dict.fromkeys(cues)), turn_idx=turn.index, force_scores=chances))
    return out


def _model_codes(a: Analysis, stages: list[str], model: CoderModel, encoded: Encoded | None) -> Codes:
    """The model's forces and emotion per unit, set on the units too (`runs` groups by them)."""
    from jtbd_kit.coding.features import stage_extras_table

    turn = [pos for pos, _unit in a.owners]
    breaks = [i == 0 or turn[i] != turn[i - 1] or stages[i] != stages[i - 1] for i in range(len(stages))]
    codes = model.codes(a.features, breaks, stage_extras_table(a.crossed, stages), encoded)
    for (_pos, unit), fs, feeling in zip(a.owners, codes.forces, codes.emotion):
        unit.forces, unit.emotion = fs, feeling
    return codes


def _rule_codes(a: Analysis, stages: list[str]) -> None:
    """Forces and emotion of every unit by the rules, turn by turn, set on the units (`runs` groups by them)."""
    from jtbd_kit.coding.emotion import smooth
    from jtbd_kit.coding.forces import settle

    by_turn: dict[int, list[int]] = {}
    for n, (pos, _unit) in enumerate(a.owners):
        by_turn.setdefault(pos, []).append(n)
    for idx in by_turn.values():
        units = [a.owners[n][1] for n in idx]
        turn_stages = [stages[n] for n in idx]
        feelings = [emotion_label(v) for v in smooth(units, turn_stages)]
        for unit, feeling, fs in zip(units, feelings, settle(units, turn_stages, feelings)):
            unit.emotion, unit.forces = feeling, fs


def _means(values, groups: list[list[int]]):
    """Per group of rows, the mean of `values`' rows (an array, units x columns).

    The same sums as `sum` over each group's list (rows added one by one, in order), made for all
    groups at once: the j-th row of every group that has one in one step.
    """
    import numpy as np

    rows = np.array([r for g in groups for r in g], dtype=int)
    sizes = np.array([len(g) for g in groups], dtype=int)
    group = np.repeat(np.arange(len(groups)), sizes)
    rank = np.arange(len(rows)) - np.repeat(np.cumsum(sizes) - sizes, sizes)  # place in its group
    total = np.zeros((len(groups), values.shape[1]))
    for j in range(int(sizes.max(initial=0))):
        at = rank == j
        total[group[at]] += values[rows[at]]
    return total / sizes[:, None]
