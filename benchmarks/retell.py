"""Retell an annotated interview told in order as a switch interview that starts at the purchase.

Half the project's training interviews are told in order, so "early in the interview" often
means "first thought", and the stage head learns that shortcut; on an interview that opens at
the purchase it then calls the purchase a first thought. A retold copy moves whole exchanges
(a question with the answers to it, tags and all) into a rewinding order, so position stops
being a shortcut while every passage keeps its words, its question and its codes. Used by
train_coder.py (`--retell`) for training only; a retold copy never scores a model.
"""

from __future__ import annotations

import re
import zlib

from jtbd_kit.coding.annotated import TAG
from jtbd_kit.coding.model import TIMELINE

LINE = re.compile(r"^\[(\d\d:\d\d:\d\d)\] ([^:]+):")

# where a retold interview starts and how it goes on (the kinds of rewinding our clean sets show)
ORDERS = {
    "purchase_first": ["buying", "first_thought", "passive_looking", "active_looking", "deciding",
                       "consuming", "satisfaction"],
    "use_first": ["consuming", "first_thought", "passive_looking", "active_looking", "deciding", "buying",
                  "satisfaction"],
    "backwards": ["buying", "deciding", "active_looking", "passive_looking", "first_thought", "consuming",
                  "satisfaction"],
}


def _split(raw: str) -> tuple[str, str, list[list[str]]]:
    """(front matter with its fences, interviewer name, exchanges): each exchange opens with a question."""
    _, front, body = raw.split("---\n", 2)
    interviewer = next((ln.split(":", 1)[1].strip().strip("'\"") for ln in front.splitlines()
                        if ln.startswith("interviewer:")), "")
    exchanges: list[list[str]] = []
    for line in body.splitlines(keepends=True):
        m = LINE.match(line)
        if not exchanges or (m and m.group(2).strip() == interviewer and _stage(exchanges[-1])):
            exchanges.append([])
        exchanges[-1].append(line)
    return f"---\n{front}---\n", interviewer, exchanges


def _stage(exchange: list[str]) -> str | None:
    """The stage most of the exchange's tagged text is coded with (None before any answer)."""
    sizes: dict[str, int] = {}
    for line in exchange:
        tags = list(TAG.finditer(line))
        for t, nxt in zip(tags, tags[1:] + [None]):
            end = nxt.start() if nxt else len(line)
            sizes[t.group(1)] = sizes.get(t.group(1), 0) + end - t.end()
    return max(sizes, key=sizes.get) if sizes else None


def in_order(raw: str) -> bool:
    """Whether the story opens at its beginning and mostly moves on (a flashback or two allowed).

    A rewinding interview opens at the purchase or later (on our training files the two kinds
    separate cleanly: opening stage 0 with at most 4 timeline steps back, or 4 and later)."""
    rank = [TIMELINE.index(s) for s in map(_stage, _split(raw)[2]) if s in TIMELINE]
    back = sum(max(0, a - b) for a, b in zip(rank, rank[1:]))
    return len(rank) > 3 and rank[0] <= 1 and back <= 4


def retell(raw: str, order: str) -> str:
    """The interview with its exchanges moved into `order` (see ORDERS); the opening and closing
    small talk stay where they were, an aside (`other`) moves with the exchange before it, and the
    timestamps are handed out again in their original order."""
    head, _who, exchanges = _split(raw)
    stages = [_stage(x) for x in exchanges]
    first = next((i for i, s in enumerate(stages) if s in TIMELINE), len(exchanges))
    last = max((i for i, s in enumerate(stages) if s in TIMELINE), default=first - 1)
    groups: list[tuple[str, list[str]]] = []
    for x, s in zip(exchanges[first:last + 1], stages[first:last + 1]):
        if s in TIMELINE or not groups:
            groups.append((s if s in TIMELINE else "first_thought", list(x)))
        else:
            groups[-1][1].extend(x)
    rank = {s: i for i, s in enumerate(ORDERS[order])}
    middle = [line for _s, lines in sorted(groups, key=lambda g: rank[g[0]]) for line in lines]
    lines = [ln for x in exchanges[:first] for ln in x] + middle + [ln for x in exchanges[last + 1:] for ln in x]
    times = iter(sorted(m.group(1) for ln in lines if (m := LINE.match(ln))))
    return head + "".join(LINE.sub(lambda m: f"[{next(times)}] {m.group(2)}:", ln, count=1) for ln in lines)


def order_for(name: str) -> str:
    """The retelling a file gets: fixed by its name, so every run trains on the same copies."""
    kinds = sorted(ORDERS)
    return kinds[zlib.crc32(name.encode()) % len(kinds)]
