"""Pop-up screens of the interview app: section picker, a one-line prompt, a confirmation (keys help: jtbd_kit.keyhelp)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from jtbd_kit.guides import Guide
from jtbd_kit.keyhelp import binding_keys

class SectionPicker(ModalScreen[int]):
    """Jump to a section; shows each section's budget and how many questions have answers."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, guide: Guide, current: int, answered: set[str]) -> None:
        super().__init__()
        self.guide, self.current, self.answered = guide, current, answered

    def compose(self) -> ComposeResult:
        options = []
        for i, s in enumerate(self.guide.sections):
            done = sum(1 for q in s.questions if q.id in self.answered)
            # Text, not a str: a guide's "[optional]" or "[/]" is shown as written, never read as markup.
            options.append(Option(Text(f"{i + 1}. {s.title}  ({s.minutes:g} min, {done}/{len(s.questions)} answered)"),
                                  id=s.id))
        with Vertical(id="dialog"):
            yield Label("Jump to section", classes="title")
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)


class Prompt(ModalScreen[str]):
    """One line of text (a free tag, a note); escape cancels."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="title")
            yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(" ".join(event.value.split()) or None)


class ConfirmFinish(ModalScreen[bool]):
    """Finish only on purpose: ctrl+f again (or a click on Finish).

    Any other key cancels and is handed to `on_other_key`, so words typed after a stray ctrl+f land
    in the answer instead of answering the question; enter too, the likeliest key after a stray
    ctrl+f, which makes a new line in the answer.
    """

    BINDINGS = [Binding("ctrl+f", "answer(True)", "Finish"), Binding("escape", "answer(False)", "Keep interviewing")]
    AUTO_FOCUS = None  # a focused button would take enter as "finish"

    def __init__(self, on_other_key: Callable[[events.Key | events.Paste], None]) -> None:
        super().__init__()
        self.on_other_key = on_other_key
        self.passes = {key for b in self.BINDINGS for key in binding_keys(b)}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Finish the interview and save it to the project?", classes="title")
            yield Button("Finish", id="finish", variant="primary")
            yield Label("ctrl+f again finishes · esc or any other key goes back to the answer "
                        "(what you type is kept)", classes="hint")

    def on_key(self, event: events.Key) -> None:
        """Runs before the bindings: everything but the confirm and cancel keys is typing."""
        if event.key not in self.passes:
            self._hand_over(event)

    def on_paste(self, event: events.Paste) -> None:
        self._hand_over(event)

    def _hand_over(self, event: events.Key | events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self.is_active:
            self.dismiss(False)
        self.on_other_key(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
