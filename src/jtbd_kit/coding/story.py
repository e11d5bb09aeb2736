"""Deciding each unit's stage over the whole interview: a Viterbi pass over stage scores.

Emissions are the unit's own cues plus the interviewer's question (strongest on the first sentence
of the answer). Transitions carry the story order as a soft prior: staying is free, moving forward
is cheap, moving back is dear unless a flashback is signalled (`back then`, `let's go back`), and
any move is cheaper where a new question starts a turn. Interviews told backwards (purchase first,
then the first thought) therefore follow the questions, not the position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jtbd_kit.coding.model import STAGES, TIMELINE, rounded

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
HINT = 6.0            # a guide's stage hint for the question, on the first unit of the answer (half later)


@dataclass(slots=True)  # slots: one per respondent sentence of every interview, quicker to build
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
    hint: str | None = None  # the stage the interview guide gave the question (transcript meta)


def emissions(steps: list[Step], position: float = POSITION):
    """Emission scores, one row per step, one column per stage (numpy array)."""
    import numpy as np

    k = len(STAGES)
    index = {s: j for j, s in enumerate(STAGES)}
    # plain floats in one flat list: per-item numpy access, or a list per row, costs more than the sums
    flat = [0.0] * (len(steps) * k)
    for at, step in zip(range(0, len(flat), k), steps):
        for s, v in step.scores.items():
            flat[at + index[s]] += OWN * v
        q = QUESTION if step.first_of_answer else QUESTION_LATER
        for s, v in step.question.items():
            flat[at + index[s]] += q * min(1.0, v / 2)
    out = np.array(flat, dtype=float).reshape(len(steps), k)
    for s, v in BIAS.items():
        out[:, index[s]] += v
    expected = np.array([step.position for step in steps]) * (len(TIMELINE) - 1)
    timeline = np.arange(len(TIMELINE))
    out[:, :len(TIMELINE)] += position * np.exp(-((timeline[None, :] - expected[:, None]) ** 2) / 4.5)
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


# transition scores per situation (a step's first_in_turn, bool(question), flashback, ahead: all that
# `transition` reads of it), worked out once per process: they depend on nothing else
_MOVES: dict[tuple, list[list[float]]] = {}


def decode(steps: list[Step], extra=None, rules: float = 1.0, moves: float = 1.0,
           position: float = POSITION) -> tuple[list[str], list[float]]:
    """Best stage per step, and a confidence for each (its share against its neighbours' choice).

    `extra` (steps x stages) is added to the rule emissions scaled by `rules`: the learned
    model's log-probabilities. `moves` scales every transition cost, `position` the story-order
    prior.
    """
    import numpy as np

    if not steps:
        return [], []
    n, k = len(steps), len(STAGES)
    emit = rules * emissions(steps, position)
    if extra is not None:
        emit = emit + extra
    for t, step in enumerate(steps):
        if step.hint:
            emit[t, STAGES.index(step.hint)] += HINT if step.first_in_turn else HINT / 2
    # steps in the same situation (turn start, question, flashback, ahead) share a transition matrix
    keys = [(s.first_in_turn, bool(s.question), s.flashback, s.ahead) for s in steps]
    for key, step in zip(keys, steps):
        if key not in _MOVES:
            _MOVES[key] = [[transition(a, b, step) for b in STAGES] for a in STAGES]
    number: dict[tuple, int] = {}
    which = [number.setdefault(key, len(number)) for key in keys]
    table = moves * np.array([_MOVES[key] for key in number])  # (situations, k, k): from -> to
    score = emit[0] - np.array([0.0 if s in ("other", "first_thought") else 0.5 for s in STAGES])
    # few numpy calls per step: each matrix transposed once (to -> from), so a step's totals come
    # from a row-wise broadcast and its best entries from one flat `take` (the same sums and
    # the same first-best choices as the (from, to) layout)
    into = list(np.ascontiguousarray(table.transpose(0, 2, 1)))
    flat = np.arange(k) * k
    back = []  # per step after the first: the best previous stage into each stage, as plain ints
    for row, j in zip(emit[1:], which[1:]):
        totals = into[j] + score
        came = totals.argmax(1)
        back.append(came.tolist())
        score = totals.take(flat + came)
        score += row
    best = int(score.argmax())
    way = [best] * n
    for t in range(n - 1, 0, -1):
        best = way[t - 1] = back[t - 1][best]
    path = np.array(way)
    later = np.array(which[1:], dtype=int)  # each step's situation, from the second on
    local = emit.copy()
    local[1:] += table[later, path[:-1], :]
    local[:-1] += table[later, :, path[1:]]
    local -= local.max(axis=1, keepdims=True)
    share = np.exp(local)
    confidence = share[np.arange(n), path] / share.sum(axis=1)
    return [STAGES[j] for j in way], rounded(confidence)
