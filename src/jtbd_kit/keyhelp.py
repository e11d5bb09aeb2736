"""The keys pop-up shared by the Textual apps: read from the bindings the classes declare, so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def binding_keys(binding: Binding) -> list[str]:
    """The keys of one binding (`"escape,i,enter"` -> three), as the apps and this pop-up read them."""
    return [key.strip() for key in binding.key.split(",")]


class HelpScreen(ModalScreen[None]):
    """One column of keys per group (title, bindings); each app styles `#dialog` in its .tcss."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, groups: list[tuple[str, list[BindingType]]], hint: str = "esc closes",
                 dialog_classes: str = "") -> None:
        super().__init__()
        self.groups = groups
        self.hint = hint
        self.dialog_classes = dialog_classes

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 3))
        columns = []
        for title, bindings in self.groups:
            table = Table(box=None, show_header=False, padding=(0, 1), title=title, title_style="bold",
                          title_justify="left")
            table.add_column(no_wrap=True)
            table.add_column()
            for b in bindings:
                if isinstance(b, Binding) and b.description:
                    table.add_row(", ".join(map(format_key, binding_keys(b))), b.description)
            columns.append(table)
        grid.add_row(*columns)
        with Vertical(id="dialog", classes=self.dialog_classes):
            yield Static(grid)
            yield Label(self.hint, classes="hint")
