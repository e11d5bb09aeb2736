"""The saturation curve: how many codes each interview, in date order, added that no earlier one had.

Researchers stop recruiting when new interviews stop adding new touchpoints, pains and force
themes (a force together with what it is about, e.g. `push:price`). Codes are concept ids, so the
curve is the same whatever language each interview was in.
"""

from __future__ import annotations

import sqlite_utils

from jtbd_kit.personas.features import Coded, load_coded


def interview_codes(c: Coded) -> set[str]:
    """`touchpoint:<id>`, `pain:<id>` and `<force>:<id>` for every concept the interview's segments carry."""
    out = set()
    for s in c.segments:
        out.update(f"touchpoint:{t}" for t in s["touchpoints"])
        out.update(f"pain:{p}" for p in s["pains"])
        out.update(f"{f}:{x}" for f in s["forces"] for x in s["touchpoints"] + s["pains"])
    return out


def saturation_curve(db: sqlite_utils.Database) -> list[dict]:
    """One row per coded interview in date order (undated last): participant, date, new, cumulative, new_codes."""
    coded = sorted(load_coded(db), key=lambda c: (c.date is None, str(c.date or ""), c.participant))
    seen: set[str] = set()
    rows = []
    for c in coded:
        new = sorted(interview_codes(c) - seen)
        seen.update(new)
        rows.append({"participant": c.participant, "date": c.date, "new": len(new), "cumulative": len(seen),
                     "new_codes": new})
    return rows


def undated(rows: list[dict]) -> list[str]:
    """Participants whose interview has no date (the curve puts them last, in participant order)."""
    return [r["participant"] for r in rows if not r["date"]]


def undated_note(rows: list[dict]) -> str:
    """'P-21 has no date: placed last.' (empty when every interview has a date)."""
    names = undated(rows)
    if not names:
        return ""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    verb = "has" if len(names) == 1 else "have"
    return f"{shown} {verb} no date: placed last."


def saturation_summary(rows: list[dict]) -> str:
    """What a researcher can act on: how many of the latest interviews added nothing new, and
    which interviews have no date (so their place in the order is a guess)."""
    if not rows:
        return "No coded interviews yet."
    quiet = 0
    for r in reversed(rows):
        if r["new"]:
            break
        quiet += 1
    total = rows[-1]["cumulative"]
    counted = (f"{total} code{'s' if total != 1 else ''} in {len(rows)} "
               f"interview{'s' if len(rows) != 1 else ''}")
    if quiet == len(rows):
        text = f"{counted}: no touchpoints or pains coded yet."
    elif quiet == 1:
        text = f"{counted}; the latest interview added nothing new."
    elif quiet:
        text = f"{counted}; the last {quiet} added nothing new: saturation is near."
    else:
        text = f"{counted}; the latest still added {rows[-1]['new']}: keep interviewing."
    note = undated_note(rows)
    return f"{text}\n{note}" if note else text
