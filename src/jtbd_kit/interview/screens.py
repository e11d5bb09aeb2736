"""Pop-up screens of the interview app: section picker, a one-line prompt, a confirmation (keys help: jtbd_kit.keyhelp)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from jtbd_kit.guides import Guide

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
            options.append(Option(f"{i + 1}. {s.title}  ({s.minutes:g} min, {done}/{len(s.questions)} answered)",
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


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, classes="title")
            yield Label("y yes · n no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
