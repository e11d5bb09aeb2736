"""The tags table: moments marked live in the interview app, attached later to recorded turns."""

from __future__ import annotations

import sqlite_utils


def attach_live_tags(db: sqlite_utils.Database, interview_id: int, offset: float = 0.0) -> int:
    """Point each live tag of an interview at the turn spoken at the same moment of the recording.

    A tag made `s` seconds into the live interview marks the turn whose recording time window
    holds `s - offset`. Returns how many tags were attached.
    """
    turns = list(db.query("select idx, seconds from turns where interview_id = ? and seconds is not null "
                          "order by idx", [interview_id]))
    if not turns:
        return 0
    attached = 0
    with db.atomic():
        for tag in db.query("select id, seconds from tags where interview_id = ? and seconds is not null",
                            [interview_id]):
            moment = tag["seconds"] - offset
            idx = turns[0]["idx"]
            for t in turns:
                if t["seconds"] <= moment:
                    idx = t["idx"]
                else:
                    break
            db["tags"].update(tag["id"], {"turn_idx": idx})
            attached += 1
    return attached
