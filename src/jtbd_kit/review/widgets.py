"""The pieces of the review screen: where we are, the segment with its context and cues, the codes."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.containers import VerticalScroll
from textual.widgets import Static

from jtbd_kit.coding.model import STAGES

FORCE_KEYS = {"push": "p", "pull": "u", "anxiety": "a", "habit": "h"}
EMOTIONS = {-1: "-", 0: "0", 1: "+"}


def codes_line(s: dict) -> str:
    """A segment's codes in one short line: stage, forces, emotion."""
    return f"{s.get('stage') or '?'}  {','.join(s.get('forces') or []) or '-'}  {EMOTIONS.get(s.get('emotion') or 0, '0')}"


def cues_line(cues: list[str]) -> str:
    """Cues grouped by what they point to: `question other: Before, household; stage deciding: pick`."""
    groups: dict[str, list[str]] = {}
    for cue in cues:
        head, _, words = cue.partition(": ")
        groups.setdefault(head, []).append(words)
    return "; ".join(f"{head}: {', '.join(words)}" for head, words in groups.items()) or "none fired"


class Headline(Static):
    """Whose interview, who reviews."""

    def show(self, participant: str, product: str | None, reviewer: str) -> None:
        self.update(Text.assemble(("jtbd review ", "bold"), participant, f"  {product or ''}",
                                  ("  reviewer: ", "dim"), reviewer))


class ReviewProgress(Static):
    """Reviewed / total, as a number and a bar."""

    def show(self, reviewed: int, total: int, index: int) -> None:
        width = 30
        filled = round(width * reviewed / total) if total else 0
        self.update(Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"),
                                  f" {reviewed} / {total} reviewed", ("   segment ", "dim"), f"{index + 1} of {total}"))


class SegmentList(Widget):
    """The segments around the current one: ✓ marks the reviewed, ▶ the one being coded."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.segments: list[dict] = []
        self.index = 0

    def show(self, segments: list[dict], index: int) -> None:
        self.segments, self.index = segments, index
        self.refresh()

    def render(self) -> Text:
        height = max(1, self.size.height)
        first = max(0, min(self.index - height // 2, len(self.segments) - height))
        lines = Text()
        for i in range(first, min(first + height, len(self.segments))):
            s = self.segments[i]
            mark = "✓" if s["origin"] == "human" else " "
            style = "reverse" if i == self.index else "green" if mark == "✓" else ""
            row = Text(f"{'▶' if i == self.index else ' '}{mark} #{s['id']:<5} {codes_line(s):<34} ", style=style)
            row.append(" ".join((s["text"] or "").split()), style=style or "dim")
            row.truncate(max(10, self.size.width), overflow="ellipsis")
            lines.append_text(row)
            if i < first + height - 1:
                lines.append("\n")
        return lines


class SegmentCard(VerticalScroll, can_focus=True):
    """The segment being coded: the question before it, its words, its codes and why the machine chose them.

    The coding keys live here; they act on the app, which writes each change to the store at once.
    """

    BINDINGS = [
        *(Binding(str(i + 1), f"app.stage('{stage}')", f"stage {stage}", show=False) for i, stage in enumerate(STAGES)),
        *(Binding(key, f"app.force('{force}')", f"toggle {force}", show=False) for force, key in FORCE_KEYS.items()),
        Binding("minus", "app.emotion(-1)", "emotion negative", show=False),
        Binding("0", "app.emotion(0)", "emotion neutral", show=False),
        Binding("plus,equals_sign", "app.emotion(1)", "emotion positive", show=False),
        Binding("enter,space", "app.accept", "Accept"),
        Binding("backspace", "app.unreview", "Undo review", show=False),
        # a long segment fills the card: these bring its codes and cues into view (j/k move between segments)
        Binding("pagedown", "page_down", "scroll the segment down", show=False),
        Binding("pageup", "page_up", "scroll the segment up", show=False),
    ]

    def compose(self):
        yield Static(id="card-body")

    def show(self, s: dict) -> None:
        parts: list = []
        if s.get("question"):
            parts.append(Text.assemble(("Asked: ", "bold cyan"), (" ".join(s["question"].split()), "cyan")))
        parts.append(Text(""))
        parts.append(Text(" ".join((s["text"] or "").split()), style="bold"))
        parts.append(Text(""))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        status = (Text(f"reviewed by {s['coder']} at {s['coded_at']}", "green") if s["origin"] == "human"
                  else Text(f"machine draft ({s['coder']}, confidence {s['confidence'] or 0:.2f})", "yellow"))
        table.add_row("status", status)
        table.add_row("codes", Text(codes_line(s), "bold"))
        extra = " ".join(s.get("touchpoints") or []) + ("  pains: " + " ".join(s["pains"]) if s.get("pains") else "")
        if extra.strip():
            table.add_row("touchpoints", Text(extra.strip()))  # Text: codes a researcher typed are never markup
        draft = s.get("machine_codes")
        if draft and codes_line(draft) != codes_line(s):
            table.add_row("machine said", Text(codes_line(draft)))
        table.add_row("cues", Text(cues_line(s.get("cues") or []), "italic"))
        parts.append(table)
        self.query_one("#card-body", Static).update(Group(*parts))
        self.scroll_home(animate=False)


class CodeBar(Static):
    """The keys for the codes, the segment's current ones lit: the legend and the state in one place."""

    def show(self, s: dict) -> None:
        line = Text()
        for i, stage in enumerate(STAGES):
            line.append(f"{i + 1} {stage}", "reverse bold" if s.get("stage") == stage else "")
            line.append(" ")
        line.append("\n")
        forces = set(s.get("forces") or [])
        for force, key in FORCE_KEYS.items():
            line.append(f"{key} {force}", "reverse bold" if force in forces else "")
            line.append(" ")
        line.append("  emotion ")
        for value, key in EMOTIONS.items():
            line.append(f" {key} ", "reverse bold" if (s.get("emotion") or 0) == value else "")
        self.update(line)
