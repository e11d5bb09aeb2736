"""Deciding each unit's stage over the whole interview: a Viterbi pass over stage scores.

Emissions are the unit's own cues plus the interviewer's question (strongest on the first sentence
of the answer). Transitions carry the story order as a soft prior: staying is free, moving forward
is cheap, moving back is dear unless a flashback is signalled (`back then`, `let's go back`), and
any move is cheaper where a new question starts a turn. Interviews told backwards (purchase first,
then the first thought) therefore follow the questions, not the position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from jtbd_kit.coding.model import STAGES, TIMELINE

OWN = 1.0             # weight of the unit's own cues
QUESTION = 1.6        # weight of the question on the first unit of its answer
QUESTION_LATER = 0.5  # ... and on later units of the same answer
POSITION = 0.4        # weight of the story-order prior (where in the interview the unit is)
BIAS = {"other": 0.1}
# Cost of a move, by where it happens: (switch at all, per extra stage forward, backward, into/out of other)
COSTS = {
    "in_turn": (1.4, 0.25, 1.6, 0.9),
    "follow_up": (0.5, 0.4, 1.5, 0.7),   # a new turn after a question without stage cues
    "asked": (0.4, 0.1, 0.4, 0.2),       # a new turn after a question with stage cues
}
FLASHBACK = 0.3       # share of the backward cost left when a flashback is signalled


@dataclass
class Step:
    """One respondent unit as the story pass sees it."""

    scores: dict[str, float]
    question: dict[str, float]
    first_in_turn: bool
    first_of_answer: bool
    position: float = 0.0
    flashback: bool = False
    ahead: bool = False
    reasons: list[str] = field(default_factory=list)


def emission(step: Step) -> list[float]:
    q = QUESTION if step.first_of_answer else QUESTION_LATER
    expected = step.position * (len(TIMELINE) - 1)
    out = []
    for s in STAGES:
        prior = 0.0 if s == "other" else POSITION * math.exp(-((TIMELINE.index(s) - expected) ** 2) / 4.5)
        out.append(OWN * step.scores.get(s, 0.0) + q * min(1.0, step.question.get(s, 0.0) / 2)
                   + BIAS.get(s, 0.0) + prior)
    return out


def transition(a: str, b: str, step: Step) -> float:
    """Log-score (<= 0) of moving from stage a to stage b at this step."""
    if a == b:
        return 0.0
    where = "in_turn" if not step.first_in_turn else "asked" if step.question else "follow_up"
    switch, per_stage, backward, other = COSTS[where]
    if a == "other" or b == "other":
        return -(switch + other)
    gap = TIMELINE.index(b) - TIMELINE.index(a)
    if gap > 0:
        return -(switch + per_stage * (gap - 1) * (0.3 if step.ahead else 1.0))
    return -(switch + backward * (FLASHBACK if step.flashback else 1.0))


def _matrix(step: Step, cache: dict) -> list[list[float]]:
    """Transition log-scores for a step; steps in the same situation share one matrix."""
    key = (step.first_in_turn, bool(step.question), step.flashback, step.ahead)
    m = cache.get(key)
    if m is None:
        m = cache[key] = [[transition(a, b, step) for b in STAGES] for a in STAGES]
    return m


def decode(steps: list[Step]) -> tuple[list[str], list[float]]:
    """Best stage per step, and a confidence for each (its share against its neighbours' choice)."""
    if not steps:
        return [], []
    n, k = len(steps), len(STAGES)
    emit = [emission(s) for s in steps]
    score = [emit[0][j] - (0.0 if STAGES[j] in ("other", "first_thought") else 0.5) for j in range(k)]
    back: list[list[int]] = []
    cache: dict = {}
    mats = [_matrix(s, cache) for s in steps]
    for t in range(1, n):
        trans = mats[t]
        row, new = [], []
        for j in range(k):
            best, value = 0, score[0] + trans[0][j]
            for i in range(1, k):
                v = score[i] + trans[i][j]
                if v > value:
                    best, value = i, v
            row.append(best)
            new.append(value + emit[t][j])
        back.append(row)
        score = new
    path = [max(range(k), key=lambda j: score[j])]
    for row in reversed(back):
        path.append(row[path[-1]])
    path.reverse()
    confidence = []
    for t in range(n):
        local = []
        for j in range(k):
            v = emit[t][j]
            if t > 0:
                v += mats[t][path[t - 1]][j]
            if t + 1 < n:
                v += mats[t + 1][j][path[t + 1]]
            local.append(v)
        top = max(local)
        total = sum(math.exp(v - top) for v in local)
        confidence.append(round(math.exp(local[path[t]] - top) / total, 3))
    return [STAGES[j] for j in path], confidence
