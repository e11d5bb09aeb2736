"""The help pop-up: every key of the review app, read from the bindings the classes declare."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 4))
        columns = []
        for title, bindings in self.groups:
            table = Table(box=None, show_header=False, padding=(0, 1), title=title, title_style="bold",
                          title_justify="left")
            table.add_column(no_wrap=True)
            table.add_column(no_wrap=True)
            for b in bindings:
                if b.description:
                    table.add_row(" ".join(format_key(k.strip()) for k in b.key.split(",")), b.description)
            columns.append(table)
        grid.add_row(*columns)
        with Vertical(id="dialog"):
            yield Static(grid)
            yield Label("Every change is saved at once. esc closes.", classes="hint")
