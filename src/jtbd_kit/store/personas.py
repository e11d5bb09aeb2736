"""The personas and persona_members tables: the only code that writes them.

A re-run of the clusterer proposes groups of participants; the researcher's edits win over it.
A member row with origin `human` pins that interview to its persona (a move or a merge), and a
persona with origin `human` keeps the fields the researcher set (listed in `data["edited"]`).
"""

from __future__ import annotations

import json
import re

import sqlite_utils

from jtbd_kit.errors import UserError
from jtbd_kit.store.interviews import now

EDITABLE = ("name", "description", "job")


def list_personas(db: sqlite_utils.Database) -> list[dict]:
    """Every saved persona with its members (participant ids, in participant order), biggest first."""
    members: dict[int, list[str]] = {}
    for r in db.query("""select m.persona_id, i.participant from persona_members m
                         join interviews i on i.id = m.interview_id order by i.participant"""):
        members.setdefault(r["persona_id"], []).append(r["participant"])
    out = []
    for r in db.query("select * from personas order by id"):
        out.append({"id": r["id"], "key": r["key"], "name": r["name"], "description": r["description"] or "",
                    "job": r["job"] or "", "members": members.get(r["id"], []), "origin": r["origin"],
                    "data": json.loads(r["data"] or "{}")})
    out.sort(key=lambda p: (-len(p["members"]), p["id"]))
    return out


def pins(db: sqlite_utils.Database) -> dict[str, int]:
    """participant -> persona id, for members the researcher placed by hand (moves and merges)."""
    return {r["participant"]: r["persona_id"] for r in db.query(
        """select i.participant, m.persona_id from persona_members m join interviews i on i.id = m.interview_id
           where m.origin = 'human'""")}


def find_persona(db: sqlite_utils.Database, ref: str | int) -> dict:
    """A saved persona by id or key; a clear error listing the known ones otherwise."""
    personas = list_personas(db)
    for p in personas:
        if str(p["id"]) == str(ref) or p["key"] == str(ref):
            return p
    known = ", ".join(f"{p['id']} {p['key']!r}" if p["key"] else str(p["id"]) for p in personas)
    raise UserError(f"no persona {ref!r}", None, None,
                    f"known: {known}" if known else "find personas first: jtbd personas")


def reconcile(db: sqlite_utils.Database, groups: list[list[str]]) -> list[dict]:
    """Give machine-proposed groups the ids of the saved personas they overlap most, then apply pins.

    Returns `[{"id": int | None, "members": [...]}]`, one per group in order (members may be left
    empty), then any pinned persona no group matched; an unmatched group gets id None (a new persona).
    """
    saved = {p["id"]: set(p["members"]) for p in list_personas(db)}
    pinned = pins(db)
    pairs = sorted(((len(set(g) & m), -len(m), pid, gi) for gi, g in enumerate(groups) for pid, m in saved.items()
                    if set(g) & m), reverse=True)
    ids: dict[int, int] = {}
    for _overlap, _size, pid, gi in pairs:
        if gi not in ids and pid not in ids.values():
            ids[gi] = pid
    out = [{"id": ids.get(gi), "members": [p for p in g if p not in pinned]} for gi, g in enumerate(groups)]
    by_id = {o["id"]: o for o in out if o["id"] is not None}
    for participant, pid in sorted(pinned.items()):
        if pid not in by_id:
            by_id[pid] = {"id": pid, "members": []}
            out.append(by_id[pid])
        by_id[pid]["members"].append(participant)
    return out


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w]+", "-", name.lower(), flags=re.UNICODE).strip("-")[:40] or "persona"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def save_personas(db: sqlite_utils.Database, personas: list[dict]) -> list[dict]:
    """Replace the saved personas with `personas`, in one transaction, keeping the researcher's edits.

    Each persona is `{"name", "description", "job", "members": [participant ids], "data": {...}}`,
    optionally with `"id"` (update that persona) and `"key"`. Without ids, groups are matched to the
    saved personas by member overlap. Pinned members stay where the researcher put them; fields the
    researcher edited stay as edited. Personas left without members are deleted. Returns list_personas().
    """
    if any("id" not in p for p in personas):
        matched = reconcile(db, [p["members"] for p in personas])
        # reconcile keeps group order for the proposed groups; pinned-only personas come after them.
        personas = [dict(p, id=m["id"], members=m["members"]) for p, m in zip(personas, matched)] + [
            {"id": m["id"], "members": m["members"]} for m in matched[len(personas):]]
    saved = {r["id"]: r for r in db["personas"].rows}
    ids = {r["participant"]: r["id"] for r in db.query("select id, participant from interviews")}
    pinned = pins(db)
    unknown = sorted({m for p in personas for m in p["members"]} - set(ids))
    if unknown:
        raise UserError(f"no interview for participant {unknown[0]!r}", None, None, "import it first: jtbd import PATH")
    # Pins win: drop pinned participants proposed elsewhere and make sure they sit in their persona.
    by_id = {p["id"]: p for p in personas if p.get("id") is not None}
    for p in personas:
        p["members"] = [m for m in dict.fromkeys(p["members"]) if pinned.get(m, p.get("id")) == p.get("id")]
    for participant, pid in pinned.items():
        if pid not in by_id and pid in saved:
            by_id[pid] = {"id": pid, "members": []}
            personas.append(by_id[pid])
        if pid in by_id and participant not in by_id[pid]["members"]:
            by_id[pid]["members"].append(participant)
    personas = [p for p in personas if p["members"]]
    stamp = now()
    taken = {r["key"] for r in saved.values() if r["key"]}
    with db.atomic():
        keep = {p["id"] for p in personas if p.get("id") in saved}
        db["persona_members"].delete_where("origin = 'machine' or persona_id not in ({})".format(
            ",".join(map(str, keep)) or "null"))
        for pid in set(saved) - keep:
            db["personas"].delete(pid)
        for p in personas:
            old = saved.get(p.get("id"))
            data = dict(p.get("data") or {})
            row = {k: p.get(k) or "" for k in EDITABLE}
            if old:
                edited = json.loads(old["data"] or "{}").get("edited", [])
                if edited:
                    data["edited"] = edited
                for k in edited:
                    row[k] = old[k]
                if not row["name"]:
                    row["name"] = old["name"]
                row.update(key=old["key"], origin=old["origin"], created_at=old["created_at"])
                row["data"] = json.dumps(data, ensure_ascii=False) if p.get("data") is not None else old["data"]
                db["personas"].update(old["id"], row)
                pid = old["id"]
            else:
                key = p.get("key") if p.get("key") and p["key"] not in taken else _slug(row["name"], taken)
                taken.add(key)
                row.update(key=key, origin="machine", created_at=stamp, data=json.dumps(data, ensure_ascii=False))
                if not row["name"]:
                    raise UserError("a persona needs a name", None, None, "give it one: jtbd personas rename ID NAME")
                pid = db["personas"].insert(row).last_pk
            p["id"] = pid
            db["persona_members"].upsert_all(
                ({"persona_id": pid, "interview_id": ids[m], "origin": "human" if pinned.get(m) == pid else "machine"}
                 for m in p["members"]), pk="interview_id")
    return list_personas(db)


def edit_persona(db: sqlite_utils.Database, ref: str | int, **fields: str) -> dict:
    """Set the researcher's name, description or job of a persona; a re-run keeps them."""
    p = find_persona(db, ref)
    changes = {k: v.strip() for k, v in fields.items() if k in EDITABLE and v is not None}
    if "name" in changes and not changes["name"]:
        raise UserError("a persona name cannot be empty", None, None, 'e.g. jtbd personas rename 2 "Weekend riders"')
    data = dict(p["data"], edited=sorted(set(p["data"].get("edited", [])) | set(changes)))
    with db.atomic():
        db["personas"].update(p["id"], dict(changes, origin="human", data=json.dumps(data, ensure_ascii=False)))
    return find_persona(db, p["id"])


def move_member(db: sqlite_utils.Database, participant: str, ref: str | int) -> dict:
    """Pin one interview to a persona (a human move); its old persona is deleted if left empty."""
    target = find_persona(db, ref)
    row = next(db["interviews"].rows_where("participant = ?", [participant], limit=1), None)
    if row is None:
        raise UserError(f"no interview for participant {participant!r}", None, None,
                        "see the members with: jtbd personas show")
    with db.atomic():
        db["persona_members"].upsert({"persona_id": target["id"], "interview_id": row["id"], "origin": "human"},
                                     pk="interview_id")
        _drop_empty(db)
    return find_persona(db, target["id"])


def merge_personas(db: sqlite_utils.Database, into: str | int, others: list[str | int]) -> dict:
    """Fold personas into one: their members are pinned to it, and the others are deleted."""
    target = find_persona(db, into)
    sources = [find_persona(db, ref) for ref in others]
    if any(s["id"] == target["id"] for s in sources):
        raise UserError("cannot merge a persona into itself", None, None, "name two different personas")
    with db.atomic():
        for s in sources:
            db.execute("update persona_members set persona_id = ?, origin = 'human' where persona_id = ?",
                       [target["id"], s["id"]])
        db.execute("update persona_members set origin = 'human' where persona_id = ?", [target["id"]])
        _drop_empty(db)
    return find_persona(db, target["id"])


def _drop_empty(db: sqlite_utils.Database) -> None:
    db.execute("delete from personas where id not in (select persona_id from persona_members)")
