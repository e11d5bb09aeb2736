"""Segments as a Rich table: the codes, and the cues that fired so a researcher sees why."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from jtbd_kit.coding.model import Segment

EMOTION = {1: "[green]+[/]", 0: "0", -1: "[red]-[/]"}


def segments_table(segments: list[Segment], title: str | None = None, width: int = 90) -> Table:
    """The segments as a Rich table. Every string is a Text, never markup: a transcript may say
    "[/red]" and a file may be called "weird [name].srt"."""
    table = Table(title=Text(title) if title else None, show_lines=False, expand=False)
    for col, opts in (("span", {"justify": "right", "no_wrap": True}), ("stage", {"no_wrap": True}),
                      ("forces", {}), ("emo", {"justify": "center"}), ("text", {"ratio": 3}),
                      ("why", {"style": "dim", "ratio": 2})):
        table.add_column(col, **opts)
    for s in segments:
        text = s.text if len(s.text) <= width else s.text[:width - 1] + "…"
        extra = " ".join(s.touchpoints + s.pains)
        why = "; ".join(s.cues[:4]) + (f" [{extra}]" if extra else "")
        table.add_row(f"{s.start}-{s.end}", s.stage, ",".join(s.forces), EMOTION[s.emotion], Text(text), Text(why))
    return table
