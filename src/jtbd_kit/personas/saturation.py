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


def saturation_summary(rows: list[dict]) -> str:
    """One sentence a researcher can act on: how many of the latest interviews added nothing new."""
    if not rows:
        return "No coded interviews yet."
    quiet = 0
    for r in reversed(rows):
        if r["new"]:
            break
        quiet += 1
    total = rows[-1]["cumulative"]
    if quiet:
        return (f"{total} codes in {len(rows)} interviews; the last {quiet} added nothing new"
                f"{': saturation is near' if quiet >= 2 else ''}.")
    return f"{total} codes in {len(rows)} interviews; the latest still added {rows[-1]['new']}: keep interviewing."
