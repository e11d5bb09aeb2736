"""What an interview is at any moment, rebuilt purely from its journal events.

The app never changes the state directly: it writes an event to the journal, then applies the
same event here. Replaying the journal after a crash therefore gives back the exact state.

Every event carries `t` (seconds on the interview clock, which stops while paused) and `at`
(wall clock, ISO 8601 with milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jtbd_kit.guides import Guide, Question

FORCE_TAGS = ("push", "pull", "anxiety", "habit")
TAG_KINDS = (*FORCE_TAGS, "quote", "pain", "touchpoint", "tag", "note")


@dataclass
class Answer:
    text: str = ""
    t: float | None = None   # interview clock at the first keystroke
    at: str | None = None    # wall clock at the first keystroke


@dataclass
class Tag:
    kind: str
    note: str | None
    question: str
    t: float
    at: str


@dataclass
class InterviewState:
    guide: Guide
    participant: str
    respondent: str
    interviewer: str
    product: str | None
    started_at: str
    section: int = 0
    question: int = 0
    asked: dict[str, tuple[float, str]] = field(default_factory=dict)  # question id -> first shown (t, at)
    answers: dict[str, Answer] = field(default_factory=dict)
    tags: list[Tag] = field(default_factory=list)
    section_seconds: list[float] = field(default_factory=list)
    shown_since: float = 0.0
    paused: bool = False
    finished: bool = False
    t: float = 0.0

    @classmethod
    def from_start(cls, event: dict) -> InterviewState:
        guide = Guide.from_dict(event["guide"])
        state = cls(guide, event["participant"], event["respondent"], event["interviewer"], event.get("product"),
                    event["at"], section_seconds=[0.0] * len(guide.sections))
        state.asked[state.current.id] = (event["t"], event["at"])
        return state

    @classmethod
    def from_events(cls, events: list[dict]) -> InterviewState:
        state = cls.from_start(events[0])
        for event in events[1:]:
            state.apply(event)
        return state

    @property
    def current(self) -> Question:
        return self.guide.sections[self.section].questions[self.question]

    @property
    def answer(self) -> Answer:
        return self.answers.get(self.current.id, Answer())

    def section_elapsed(self, now: float) -> float:
        """Seconds spent in the current section, counting the visit under way at `now`."""
        return self.section_seconds[self.section] + max(0.0, now - self.shown_since)

    def apply(self, event: dict) -> None:
        kind, t = event["e"], event["t"]
        self.t = max(self.t, t)
        if kind == "show":
            self._leave(t)
            self.section, self.question = event["s"], event["q"]
            self.asked.setdefault(self.current.id, (t, event["at"]))
        elif kind == "edit":
            answer = self.answers.setdefault(event["q"], Answer())
            p, d = event["p"], event["d"]
            answer.text = answer.text[:p] + event["i"] + answer.text[p + d:]
            if answer.t is None and answer.text.strip():
                answer.t, answer.at = t, event["at"]
        elif kind == "tag":
            self.tags.append(Tag(event["kind"], event.get("note"), event["q"], t, event["at"]))
        elif kind == "pause":
            self.paused = True
        elif kind == "resume":
            self.paused = False
        elif kind == "finish":
            self._leave(t)
            self.finished = True
        # "stop" (ctrl+q) and "reopen" (--resume) only mark leaving and coming back: the clock carries on from `t`.

    def _leave(self, t: float) -> None:
        self.section_seconds[self.section] += max(0.0, t - self.shown_since)
        self.shown_since = t


def edit_event(old: str, new: str) -> tuple[int, int, str]:
    """The smallest (position, deleted, inserted) change from `old` to `new`: one keystroke, a few bytes."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, len(old) - p - s, new[p:len(new) - s]


def since_start(state: InterviewState, at: str) -> float:
    """Wall-clock seconds from the start: the time a recording started with the interview shows."""
    return max(0.0, (datetime.fromisoformat(at) - datetime.fromisoformat(state.started_at)).total_seconds())
