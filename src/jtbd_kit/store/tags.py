"""The tags table: moments marked live in the interview app, attached later to recorded turns.

A live tag keeps `seconds`: wall-clock seconds from the start of the interview, the time a
recording started at the same moment shows. When the recording's transcript replaces the typed
turns, each tag moves to the turn spoken at that moment, so it marks the real words.
"""

from __future__ import annotations

from bisect import bisect_right

import sqlite_utils


def attach_live_tags(db: sqlite_utils.Database, interview_id: int, offset: float = 0.0) -> int:
    """Point each live tag of an interview at the turn spoken at the same moment of the recording.

    `offset` is how much later the recording started than the interview clock (negative: earlier):
    a tag made `s` seconds into the interview marks the last turn that began at or before
    `s - offset` in the recording (the first turn for a tag made before anyone spoke).
    Returns how many tags were attached.
    """
    turns = list(db.query("select idx, seconds from turns where interview_id = ? and seconds is not null "
                          "order by seconds, idx", [interview_id]))
    if not turns:
        return 0
    starts = [t["seconds"] for t in turns]
    tags = list(db.query("select id, seconds from tags where interview_id = ? and source = 'live' "
                         "and seconds is not null", [interview_id]))
    with db.atomic():
        for tag in tags:
            at = max(0, bisect_right(starts, tag["seconds"] - offset) - 1)
            db["tags"].update(tag["id"], {"turn_idx": turns[at]["idx"]})
    return len(tags)



def tags_by_turn(db: sqlite_utils.Database, interview_id: int) -> dict[int, list[dict]]:
    """An interview's tags grouped by the turn they mark, in time order."""
    out: dict[int, list[dict]] = {}
    for tag in db.query("select turn_idx, seconds, kind, note from tags where interview_id = ? "
                        "order by seconds, id", [interview_id]):
        out.setdefault(tag["turn_idx"], []).append(tag)
    return out
