"""The interview app: a Textual screen over a Session.

Every action goes through the session (journal first, then state) and only then redraws, so
what the interviewer sees is always already on disk. The app returns "finished" or "stopped";
saving to the store happens after it exits (see `jtbd_kit.interview.run`).
"""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Footer

from jtbd_kit.errors import UserError
from jtbd_kit.interview.screens import ConfirmFinish, Prompt, SectionPicker
from jtbd_kit.keyhelp import HelpScreen
from jtbd_kit.interview.session import Session, wall_clock
from jtbd_kit.interview.state import InterviewState
from jtbd_kit.interview.widgets import AnswerArea, BudgetClock, Headline, QuestionView, TagLog

MAIN_SCREEN_ONLY = {"step", "sections", "pause", "finish", "tag", "free_tag", "note", "tag_mode", "help"}


class InterviewApp(App[str | UserError]):
    CSS_PATH = "interview.tcss"
    TITLE = "jtbd interview"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+n", "step(1)", "Next"),
        Binding("ctrl+b", "step(-1)", "Back"),
        Binding("ctrl+g", "sections", "Section"),
        Binding("f2", "pause", "Pause"),
        Binding("f1", "help", "Help"),
        Binding("ctrl+f", "finish", "Finish"),
        Binding("ctrl+q", "stop", "Stop", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def state(self) -> InterviewState:
        return self.session.state

    def compose(self) -> ComposeResult:
        yield Headline(id="headline")
        with Horizontal(id="clocks"):
            yield BudgetClock("section", id="section-clock")
            yield BudgetClock("total", id="total-clock")
        yield QuestionView(self._type_into_answer, id="question")
        yield AnswerArea(self._typed, id="answer")
        yield TagLog(id="tags")
        yield Footer()

    def on_mount(self) -> None:
        self._show_question()
        self._tick()
        self.set_interval(0.5, self._tick)
        self.query_one(AnswerArea).focus()
        for line in self.session.dropped:
            self.notify(line, title="Journal", severity="warning", timeout=10, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Main-screen actions stay quiet while a pop-up is open (the pop-up gets the keys)."""
        if action in MAIN_SCREEN_ONLY and isinstance(self.screen, ModalScreen):
            return False
        return True

    # -- drawing ----------------------------------------------------------------------------

    def _show_question(self) -> None:
        s = self.state
        self.query_one(Headline).show(s.participant, s.respondent, s.guide, s.section)
        self.query_one(QuestionView).show(s.guide, s.section, s.question)
        self.query_one(AnswerArea).show(s.answer, s.respondent)
        self._show_tags()
        self._tick()

    def _show_tags(self) -> None:
        qid = self.state.current.id
        self.query_one(TagLog).show([t for t in self.state.tags if t.question == qid])

    def _tick(self) -> None:
        s, now = self.state, self.session.clock.elapsed()
        self.query_one("#section-clock", BudgetClock).show(s.section_elapsed(now), s.guide.sections[s.section].minutes,
                                                           s.paused)
        self.query_one("#total-clock", BudgetClock).show(now, s.guide.minutes, s.paused)

    # -- recording --------------------------------------------------------------------------

    def _record(self, method, *args) -> bool:
        """Run a session method; if the journal cannot be written, stop at once and say why."""
        try:
            method(*args)
            return True
        except UserError as e:
            self.exit(e, return_code=2)
            return False

    def _typed(self, text: str) -> None:
        if self._record(self.session.edit, text):
            self.query_one(AnswerArea).stamp(self.state.answer, self.state.respondent)

    def _type_into_answer(self, text: str) -> None:
        """Typing that reached tag mode or a pop-up: back to the answer, and the text into it."""
        self.action_type()
        self.query_one(AnswerArea).type_text(text)

    def _pass_on(self, event: events.Key | events.Paste) -> None:
        """A key that cancelled the finish question goes where it would have gone without it."""
        if isinstance(event, events.Paste):
            self._type_into_answer(event.text)
        elif event.is_printable:
            self._type_into_answer(event.character or "")
        else:
            self.action_type()
            self.post_message(events.Key(event.key, event.character))

    # -- actions ----------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        if self._record(self.session.step, delta):
            self._show_question()
        self.action_type()

    def action_sections(self) -> None:
        answered = {q for q, a in self.state.answers.items() if a.text.strip()}

        def jump(index: int | None) -> None:
            if index is not None and self._record(self.session.show, index, 0):
                self._show_question()
            self.action_type()

        self.push_screen(SectionPicker(self.state.guide, self.state.section, answered), jump)

    def action_tag(self, kind: str) -> None:
        if self._record(self.session.tag, kind):
            self._show_tags()
        self.action_type()

    def action_free_tag(self) -> None:
        self._ask("tag", "Tag this moment (e.g. price, partner):")

    def action_note(self) -> None:
        self._ask("note", "Note on this moment:")

    def _ask(self, kind: str, title: str) -> None:
        moment, at = self.session.clock.elapsed(), wall_clock()

        def done(text: str | None) -> None:
            if text and self._record(self.session.tag, kind, text, moment, at):
                self._show_tags()
            self.action_type()

        self.push_screen(Prompt(title), done)

    def action_pause(self) -> None:
        if self._record(self.session.toggle_pause):
            self._tick()
            self.notify("Paused: the clocks stand still" if self.state.paused else "Resumed", timeout=2)
        self.action_type()

    def action_tag_mode(self) -> None:
        self.set_focus(self.query_one(QuestionView))

    def action_type(self) -> None:
        """Leave tag mode: focus the answer now, not after a refresh, so the next key already lands there."""
        if not isinstance(self.screen, ModalScreen):
            self.set_focus(self.query_one(AnswerArea))

    def action_help(self) -> None:
        self.push_screen(HelpScreen([
            ("While typing", [*AnswerArea.BINDINGS[:1], *self.BINDINGS]),
            ("Tag keys: esc first", QuestionView.BINDINGS)],
            hint="To tag, press esc, then the key. alt+q/p/t tag without esc only where the terminal sends Alt "
                 "(macOS: turn on Use Option as Meta key); alt+1…4 only in terminals with the kitty keyboard "
                 "protocol · esc closes",
            dialog_classes="wide"),
            lambda _: self.action_type())

    def action_finish(self) -> None:
        if not any(a.text.strip() for a in self.state.answers.values()):
            self.notify("Nothing to save yet: type what the respondent says first", severity="warning")
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self._record(self.session.finish):
                self.exit("finished")
            elif not yes:
                self.action_type()

        self.push_screen(ConfirmFinish(self._pass_on), confirmed)

    def action_stop(self) -> None:
        """Leave without finishing; the stop is journalled so time until now counts after --resume (if the
        journal cannot take it, leave all the same: what it holds is kept)."""
        self._record(self.session.stop)
        self.exit("stopped")
