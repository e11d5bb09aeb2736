"""The review app: one interview's segments, one at a time, for the researcher to confirm or correct.

Every key that changes a code writes it to the store at once (origin `human`, in one
transaction) and only then redraws, so what the screen shows is already saved.
"""

from __future__ import annotations

import sqlite_utils
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from jtbd_kit.coding.model import FORCES
from jtbd_kit.errors import UserError
from jtbd_kit.keyhelp import HelpScreen
from jtbd_kit.review.widgets import CodeBar, Headline, ReviewProgress, SegmentCard, SegmentList
from jtbd_kit.store.interviews import interview_row
from jtbd_kit.store.segments import review_segment, segments_to_review, unreview_segment


class ReviewApp(App[int]):
    """Returns how many segments of the interview are reviewed when it closes."""

    CSS_PATH = "review.tcss"
    TITLE = "jtbd review"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("j,down", "move(1)", "Next", key_display="j/↓"),
        Binding("k,up", "move(-1)", "Previous", key_display="k/↑"),
        Binding("n", "next_unreviewed", "Next unreviewed"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db: sqlite_utils.Database, participant: str, reviewer: str) -> None:
        super().__init__()
        self.db, self.participant, self.reviewer = db, participant, reviewer
        self.product = interview_row(db, participant)["product"]
        self.segments = segments_to_review(db, participant)
        self.gone: UserError | None = None  # set when the interview lost its segments while open
        unreviewed = [i for i, s in enumerate(self.segments) if s["origin"] != "human"]
        self.index = unreviewed[0] if unreviewed else 0

    @property
    def current(self) -> dict:
        return self.segments[self.index]

    @property
    def reviewed(self) -> int:
        return sum(s["origin"] == "human" for s in self.segments)

    def compose(self) -> ComposeResult:
        yield Headline(id="headline")
        yield ReviewProgress(id="progress")
        yield SegmentCard(id="card")
        yield CodeBar(id="codes")
        yield SegmentList(id="segments")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Headline).show(self.participant, self.product, self.reviewer)
        self.query_one(SegmentCard).focus()
        self._show()

    def _show(self) -> None:
        s = self.current
        self.query_one(ReviewProgress).show(self.reviewed, len(self.segments), self.index)
        self.query_one(SegmentCard).show(s)
        self.query_one(CodeBar).show(s)
        self.query_one(SegmentList).show(self.segments, self.index)

    def _save(self, **codes) -> None:
        """Write the current segment's codes (and the review mark) to the store, then redraw."""
        try:
            saved = review_segment(self.db, self.current["id"], reviewer=self.reviewer, participant=self.participant,
                                   **codes)
        except UserError as e:
            self._reload(e)
            return
        self._replace(saved)

    def _reload(self, error: UserError) -> None:
        """The segment is gone (`jtbd code` ran meanwhile): say so and show the store as it is now.
        With no coded segments left (the interview imported again), leave: the caller says why."""
        self.notify(error.one_line(), title="Not saved", severity="error", timeout=10)
        try:
            self.segments = segments_to_review(self.db, self.participant)
        except UserError as gone:
            self.gone = gone
            self.exit(None)
            return
        self.index = min(self.index, len(self.segments) - 1)
        self._show()

    def _replace(self, saved: dict) -> None:
        import json

        saved["question"] = self.current["question"]
        saved["machine_codes"] = json.loads(saved["machine_codes"]) if saved.get("machine_codes") else None
        self.segments[self.index] = saved
        self._show()

    # -- actions ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.index = max(0, min(len(self.segments) - 1, self.index + step))
        self._show()

    def action_next_unreviewed(self) -> None:
        n = len(self.segments)
        for k in range(1, n + 1):
            i = (self.index + k) % n
            if self.segments[i]["origin"] != "human":
                self.index = i
                self._show()
                return
        self.notify("Every segment of this interview is reviewed.", title="Done")

    def action_stage(self, stage: str) -> None:
        self._save(stage=stage)

    def action_force(self, force: str) -> None:
        now = set(self.current["forces"]) ^ {force}
        self._save(forces=[f for f in FORCES if f in now])

    def action_emotion(self, value: int) -> None:
        self._save(emotion=value)

    def action_accept(self) -> None:
        """Confirm the codes as they stand and go on to the next segment."""
        self._save()
        if self.index < len(self.segments) - 1:
            self.action_move(1)
        elif self.reviewed == len(self.segments):
            self.notify("Every segment of this interview is reviewed.", title="Done")

    def action_unreview(self) -> None:
        try:
            self._replace(unreview_segment(self.db, self.current["id"], self.participant))
        except UserError as e:
            self._reload(e)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen([("Move", self.BINDINGS), ("Code", SegmentCard.BINDINGS)],
                                        hint="Every change is saved at once. esc closes."))

    def action_quit(self) -> None:
        self.exit(self.reviewed)
