"""The coding pass over one transcript: turns through the language pipeline, then the story pass."""

from __future__ import annotations

from jtbd_kit.coding.model import STAGES, Segment, emotion_label, runs
from jtbd_kit.coding.story import Step, decode
from jtbd_kit.errors import UserError
from jtbd_kit.transcript.model import Transcript

CODER = "jtbd-rules-1"


def stage_hints(transcript: Transcript) -> dict[int, str]:
    """Per-question stage hints from the transcript meta (`stages`), keyed by interviewer turn index.

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


def code_transcript(transcript: Transcript) -> list[Segment]:
    """Code every respondent turn of a transcript into segments with stage, forces, emotion and cues."""
    if not transcript.respondent_turns:
        raise UserError("no respondent turns to code", transcript.source, None,
                        "set `respondent:` in the front matter to the name of the person interviewed")
    from jtbd_kit.coding.pipeline import pipeline

    nlp = pipeline(transcript.language)
    hints = stage_hints(transcript)
    turns = [t for t in transcript.turns if t.role in ("interviewer", "respondent") and t.text.strip()]
    docs = []
    for turn in turns:
        doc = nlp.make_doc(turn.text)
        doc.user_data["jtbd_role"] = turn.role
        doc.user_data["jtbd_text"] = turn.text
        docs.append(doc)
    steps: list[Step] = []
    owners: list[tuple[int, object]] = []  # (turn position, unit) per step
    question: dict[str, float] = {}
    question_flashback = False
    question_cues: list[str] = []
    total = max(1, sum(len(t.text) for t in turns if t.role == "respondent"))
    said = 0
    for pos, (turn, doc) in enumerate(zip(turns, nlp.pipe(docs, batch_size=64))):
        if turn.role == "interviewer":
            question = dict(doc._.jtbd_question or {})
            if turn.index in hints:
                question[hints[turn.index]] = question.get(hints[turn.index], 0.0) + 3.0
            hits = [h for u in doc._.jtbd_units or [] for h in u.hits]
            question_flashback = any(h.kind == "time" and h.key == "flashback" for h in hits)
            question_cues = sorted({f"question {h.key}: {h.text}" for h in hits if h.kind == "questions"})
            continue
        for i, unit in enumerate(doc._.jtbd_units or []):
            keys = {(h.kind, h.key) for h in unit.hits}
            step = Step(scores=unit.stage_scores, question=question, first_in_turn=i == 0,
                        first_of_answer=i == 0 and bool(question),
                        flashback=("time", "flashback") in keys or (i == 0 and question_flashback),
                        ahead=("time", "ahead") in keys,
                        position=(said + unit.start) / total, reasons=question_cues if i == 0 else [])
            steps.append(step)
            owners.append((pos, unit))
        said += len(turn.text)
        question, question_flashback, question_cues = {}, False, []
    stages, confidence = decode(steps)
    return _segments(transcript, turns, owners, steps, stages, confidence)


def _segments(transcript, turns, owners, steps, stages, confidence) -> list[Segment]:
    from jtbd_kit.coding.emotion import smooth
    from jtbd_kit.coding.forces import settle

    out: list[Segment] = []
    by_turn: dict[int, list[int]] = {}
    for n, (pos, _unit) in enumerate(owners):
        by_turn.setdefault(pos, []).append(n)
    for pos, idx in by_turn.items():
        turn = turns[pos]
        units = [owners[n][1] for n in idx]
        turn_stages = [stages[n] for n in idx]
        feelings = [emotion_label(v) for v in smooth(units, turn_stages)]
        for unit, feeling, forces in zip(units, feelings, settle(units, turn_stages, feelings)):
            unit.emotion, unit.forces = feeling, forces
        for group in runs(units, turn_stages):
            first, last = units[group[0]], units[group[-1]]
            start, end = turn.start + first.start, turn.start + last.end
            members = [units[g] for g in group]
            score = sum(u.emotion_score for u in members)
            cues: list[str] = []
            for g in group:
                cues += steps[idx[g]].reasons
                cues += [f"{h.kind.rstrip('s')} {h.key}: {h.text}" for h in units[g].hits]
            out.append(Segment(
                start=start, end=end, text=transcript.text[start:end], stage=stages[idx[group[0]]],
                forces=list(first.forces), emotion=first.emotion,
                emotion_score=round(max(-1.0, min(1.0, score / 2)), 3),
                touchpoints=sorted({k for u in members for k in u.touchpoints}),
                pains=sorted({k for u in members for k in u.pains}),
                confidence=round(min(confidence[idx[g]] for g in group), 3),
                cues=list(dict.fromkeys(cues)), turn_idx=turn.index))
    return out

