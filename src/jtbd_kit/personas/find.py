"""`jtbd personas` as a library call: load the codes, cluster, describe, save with the researcher's edits."""

from __future__ import annotations

import sqlite_utils

from jtbd_kit.errors import UserError
from jtbd_kit.personas.features import Coded, load_coded
from jtbd_kit.store.personas import list_personas, reconcile, save_personas


def coded_or_fail(db: sqlite_utils.Database) -> list[Coded]:
    coded = load_coded(db)
    if not coded:
        raise UserError("no coded interviews in the project", None, None,
                        "import and code them first: jtbd import PATH, then jtbd code")
    return coded


def find_personas(db: sqlite_utils.Database, k: int | None = None) -> list[dict]:
    """Group the coded interviews into personas and save them; returns store.personas.list_personas()."""
    from jtbd_kit.personas.cluster import find_groups

    coded = coded_or_fail(db)
    if k is not None and not 1 <= k <= len(coded):
        raise UserError(f"--k {k} is outside 1..{len(coded)}, the number of coded interviews", None, None,
                        f"pick a k from 1 to {len(coded)}, or leave --k out to choose it automatically")
    result = find_groups(coded, k)
    groups: dict[int, list[str]] = {}
    for c, label in zip(coded, result.labels):
        groups.setdefault(label, []).append(c.participant)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    kept = reconcile(db, ordered)  # the researcher's moves and merges may change the groups
    same = {frozenset(g["members"]) for g in kept if g["members"]} == {frozenset(g) for g in ordered}
    return save_personas(db, _described(coded, kept, result.how, result.scores.get(result.k) if same else None,
                                        result.close if same else None))


def _grouped(coded: list[Coded], groups: list[dict]) -> tuple[list[Coded], list[int]]:
    """The interviews in some group, and the index of each one's group (members not in any group left out)."""
    group_of = {m: i for i, g in enumerate(groups) for m in g["members"]}
    grouped = [c for c in coded if c.participant in group_of]
    return grouped, [group_of[c.participant] for c in grouped]


def _described(coded: list[Coded], groups: list[dict], how: str, score: float | None = None,
               close: dict | None = None) -> list[dict]:
    """describe() of the groups as they will be saved, with how clearly they stand apart (cluster.clarity;
    `score` when already known) and, per persona, `data.borderline`: members that sit nearly as close to
    another group (cluster.borderline), each with that group's members, so the researcher reads them
    first. The distances between the interviews are computed once for both. `close`: a nearly as good
    number of personas (cluster.close_cut), kept while the grouping is the automatic one."""
    from jtbd_kit.personas.cluster import borderline, clarity, comparable, distances
    from jtbd_kit.personas.describe import describe

    grouped, labels = _grouped(coded, groups)
    angles = distances(grouped) if comparable(labels) else None
    personas = describe(coded, groups, how, clarity(grouped, labels, score, angles))
    for p in personas:
        p["data"]["borderline"] = []
        p["data"]["close_k"] = close
    for i, (own, other) in sorted(borderline(grouped, labels, angles).items(), key=lambda x: x[1][0]):
        personas[labels[i]]["data"]["borderline"].append(
            {"participant": grouped[i].participant, "silhouette": round(own, 3),
             "closer_to": list(groups[other]["members"])})
    return personas


def refresh(db: sqlite_utils.Database) -> list[dict]:
    """Describe the saved personas again after a researcher's edit (no re-clustering); how clearly
    the edited groups stand apart is measured again."""
    saved = list_personas(db)
    how = next((p["data"].get("how_k_was_chosen") for p in saved if p["data"].get("how_k_was_chosen")), "")
    groups = [{"id": p["id"], "members": p["members"]} for p in saved if p["members"]]
    coded = load_coded(db)
    return save_personas(db, _described(coded, groups, how))
