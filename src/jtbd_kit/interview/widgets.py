"""The small widgets of the interview screen; each owns its keys and knows nothing of the journal."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Static, TextArea

from jtbd_kit.guides import Guide
from jtbd_kit.interview.state import Answer, Tag
from jtbd_kit.keyhelp import binding_keys
from jtbd_kit.transcript.model import format_timestamp

TAG_KEYS = {"1": "push", "2": "pull", "3": "anxiety", "4": "habit", "q": "quote", "p": "pain", "t": "touchpoint"}


class BudgetClock(Static):
    """A clock against a time budget: yellow past 80%, red once over."""

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.label = label

    def show(self, seconds: float, budget_minutes: float, paused: bool = False) -> None:
        budget = budget_minutes * 60
        self.set_class(seconds > budget, "over")
        self.set_class(budget * 0.8 <= seconds <= budget, "near")
        self.set_class(paused, "paused")
        state = " paused" if paused else (" over" if seconds > budget else "")
        self.update(f"{self.label} {format_timestamp(seconds)[3:] if seconds < 3600 else format_timestamp(seconds)}"
                    f" / {int(budget_minutes)}:{int(budget % 60):02d}{state}")


class Headline(Static):
    """Who is interviewed, with which guide, and where in it."""

    def show(self, participant: str, respondent: str, guide: Guide, section: int) -> None:
        sec = guide.sections[section]
        self.update(Text.assemble((participant, "bold"), f" · {respondent} · ", (guide.title, "italic"),
                                  f" · section {section + 1}/{len(guide.sections)}: ", (sec.title, "bold")))


class QuestionView(Static, can_focus=True):
    """The current question and its probes; focused, it is tag mode: single keys become live tags.

    Tag mode is shown on the border. Any other character (and a paste) goes on to `on_typing`,
    which leaves tag mode and puts it in the answer: nothing typed is dropped.
    """

    BINDINGS = [
        *(Binding(key, f"app.tag('{kind}')", kind.capitalize()) for key, kind in TAG_KEYS.items()),
        Binding("g", "app.free_tag", "Tag…"),
        Binding("n", "app.note", "Note…"),
        Binding("space", "app.pause", "Pause", show=False),
        Binding("right", "app.step(1)", "Next", show=False),
        Binding("left", "app.step(-1)", "Previous", show=False),
        Binding("s", "app.sections", "Sections", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("escape,i,enter", "app.type", "Type"),
    ]
    MODE = "TAG KEYS · esc, i or enter: back to typing"

    def __init__(self, on_typing: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_typing = on_typing
        self.tag_keys = {key for b in self.BINDINGS for key in binding_keys(b)}

    def on_focus(self) -> None:
        self.border_title = self.MODE

    def on_blur(self) -> None:
        self.border_title = None

    def on_key(self, event: events.Key) -> None:
        """Runs before the bindings: a character that is no tag key (or comes once tag mode has ended) is typing."""
        if event.is_printable and (event.key not in self.tag_keys or self.screen.focused is not self):
            event.stop()
            event.prevent_default()
            self.on_typing(event.character or "")

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.on_typing(event.text)

    def show(self, guide: Guide, section: int, question: int) -> None:
        sec = guide.sections[section]
        q = sec.questions[question]
        number = sum(len(s.questions) for s in guide.sections[:section]) + question + 1
        text = Text.assemble((f"Q{number}/{guide.question_count}", "dim"),
                             (f"  {q.stage.replace('_', ' ')}" if q.stage else "", "dim italic"), "\n",
                             (q.text, "bold"))
        for probe in q.probes:
            text.append(f"\n  • {probe}", "italic")
        self.update(text)


class AnswerArea(TextArea):
    """Where the interviewer types what the respondent says.

    Every change reaches `on_change` synchronously, before the screen is painted, so the
    journal has each keystroke before the interviewer sees it.
    """

    BINDINGS = [
        Binding("escape", "app.tag_mode", "Tag keys"),
        *(Binding(f"alt+{key}", f"app.tag('{kind}')", kind, show=False) for key, kind in TAG_KEYS.items()),
    ]

    def __init__(self, on_change: Callable[[str], None], **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.on_change = on_change

    def on_key(self, event: events.Key) -> None:
        """A terminal that sends Alt as an esc prefix gives alt+q with the character q: a tag, not a letter."""
        if event.key.startswith("alt+") and event.key[4:] in TAG_KEYS:
            event.prevent_default()  # skips TextArea's insert; the binding still gets the key

    def type_text(self, text: str) -> None:
        """Type `text` at the cursor as if from the keyboard (journalled like any keystroke)."""
        if text:
            self.replace(text, *self.selection, maintain_selection_offset=False)

    def show(self, answer: Answer, respondent: str) -> None:
        """Load the answer of the question now shown (not an edit: nothing is journalled)."""
        self.load_text(answer.text)
        self.move_cursor(self.document.end)
        self.stamp(answer, respondent)

    def stamp(self, answer: Answer, respondent: str) -> None:
        when = (f" · from {format_timestamp(answer.t)} ({answer.at[11:19]})" if answer.t is not None and answer.at
                else " · waiting for the first word")
        self.border_title = f"{respondent}{when}"

    def edit(self, edit):
        result = super().edit(edit)
        self.on_change(self.text)
        return result

    def _undo_batch(self, edits) -> None:
        super()._undo_batch(edits)
        self.on_change(self.text)

    def _redo_batch(self, edits) -> None:
        super()._redo_batch(edits)
        self.on_change(self.text)


class TagLog(Static):
    """The live tags of the question on screen, newest last."""

    def show(self, tags: list[Tag]) -> None:
        if not tags:
            self.update(Text("no tags yet · esc then 1-4 forces, q quote, p pain, t touchpoint, g tag, n note",
                             "dim"))
            return
        text = Text()
        for tag in tags[-6:]:
            text.append(f"▸ {tag.kind}", f"bold {'magenta' if tag.kind in ('tag', 'note') else 'yellow'}")
            if tag.note:
                text.append(f" {tag.note}")
            text.append(f" {format_timestamp(tag.t)}  ", "dim")
        self.update(text)
