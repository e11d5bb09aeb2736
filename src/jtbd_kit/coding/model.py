"""What the coding pass produces: segments of respondent speech with their codes and reasons."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STAGES = ("first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming",
          "satisfaction", "other")
TIMELINE = STAGES[:-1]
FORCES = ("push", "pull", "anxiety", "habit")


@dataclass(slots=True)  # slots: one per sentence of every interview, quicker to build
class Unit:
    """One sentence of a turn, the smallest thing the coder labels; offsets are into the turn."""

    start: int
    end: int
    token_start: int
    token_end: int
    hits: list = field(default_factory=list)
    stage_scores: dict[str, float] = field(default_factory=dict)
    forces: list[str] = field(default_factory=list)
    force_scores: dict[str, float] = field(default_factory=dict)
    emotion_score: float = 0.0
    emotion: int = 0
    touchpoints: list[str] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)


@dataclass(slots=True)  # slots: hundreds per interview, quicker to build
class Segment:
    """A coded span: `text == transcript.text[start:end]`; `cues` say why it got its codes."""

    start: int
    end: int
    text: str
    stage: str
    forces: list[str]
    emotion: int
    emotion_score: float
    touchpoints: list[str]
    pains: list[str]
    confidence: float
    cues: list[str]
    turn_idx: int | None = None
    # the learned model's probability of each force (mean over the segment's sentences): softer
    # evidence than the yes/no `forces`, which the persona features weigh by (empty for the rules)
    force_scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def label_of(unit: Unit, stage: str) -> tuple:
    return stage, tuple(unit.forces), unit.emotion


def rounded(values, digits: int = 3) -> list:
    """`round(v, digits)` of every value of an array, as plain floats (a list, or lists for a 2-d array).

    Python's round goes through a decimal string per value; here each value is scaled, rounded
    to an integer and divided back at once. That is the same float unless the scaled value lies
    within a rounding error of a half (the one place the scaled float can round the other way than
    the exact value): those few, if any, go through round itself.
    """
    import numpy as np

    scale = 10.0 ** digits
    scaled = values * scale
    out = np.rint(scaled) / scale
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near.any():
        out[near] = [round(v, digits) for v in values[near].tolist()]
    return out.tolist()


def emotion_label(score: float, threshold: float = 0.5) -> int:
    return 1 if score >= threshold else -1 if score <= -threshold else 0


def runs(units: list[Unit], stages: list[str], turns: list[int] | None = None) -> list[list[int]]:
    """Indexes of units grouped into runs whose stage, forces and emotion (and turn, when given) agree."""
    groups: list[list[int]] = []
    labels = map(label_of, units, stages)
    before = None  # the label of the unit before, the last of the last group
    for i, label in enumerate(labels if turns is None else zip(turns, labels)):
        if groups and label == before:
            groups[-1].append(i)
        else:
            groups.append([i])
        before = label
    return groups
