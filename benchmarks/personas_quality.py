"""Persona quality: adjusted Rand index of `jtbd personas` against planted personas.

For an annotated folder (files with a hidden `persona:` front-matter field): strip the tags with
the corpus tool, import the plain transcripts, code them with `jtbd code` (or, with --gold-codes,
load the hand-written codes instead, to separate clustering from coding errors), cluster with k
chosen automatically, and compare with the planted labels. A folder of plain transcripts (like the
bundled `transcripts/`) works too when its README.md has a table with a "Planted persona" column.

    python benchmarks/personas_quality.py /work/shared/corpus/dev-personas \
        --corpus-tool /work/shared/corpus/corpus.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def strip(folder: Path, corpus_tool: Path, out: Path) -> list[Path]:
    files = sorted(folder.glob("*.annotated.txt")) or sorted(folder.glob("*.txt"))
    subprocess.run([sys.executable, str(corpus_tool), "strip", str(out), *map(str, files)], check=True,
                   capture_output=True)
    return sorted(out.glob("*.txt"))


def readme_key(folder: Path) -> dict[str, str]:
    """file name -> planted persona, from a README.md table with a "Planted persona" column."""
    column, key = None, {}
    for line in (folder / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if column is None and "Planted persona" in cells:
            column = cells.index("Planted persona")
        elif column is not None and cells[0].endswith(".txt") and len(cells) > column:
            key[cells[0]] = cells[column]
    return key


def load_gold_codes(db, gold: dict, participant: str) -> None:
    """The hand-written stage/forces/emotion of one interview as its segments (no touchpoints or pains)."""
    from jtbd_kit.store.segments import replace_machine_segments

    row = next(db["interviews"].rows_where("participant = ?", [participant]))
    turns = list(db.query("select idx, start, end from turns where interview_id = ?", [row["id"]]))
    segs = []
    for s in gold["spans"]:
        idx = next((t["idx"] for t in turns if t["start"] <= s["start"] < t["end"]), None)
        segs.append(dict(s, turn_idx=idx, confidence=1.0))
    replace_machine_segments(db, row["id"], segs, coder="gold")


def prepare(folder: Path, corpus_tool: Path, gold_codes: bool, db_path: Path, tmp: Path) -> dict[str, str]:
    """Import the folder into a new project at db_path and code it; return participant -> planted persona."""
    from jtbd_kit.importer import import_many
    from jtbd_kit.store import open_db

    annotated = bool(list(folder.glob("*.annotated.txt")))
    key = {} if annotated else readme_key(folder)
    plain = strip(folder, corpus_tool, tmp / "plain") if annotated else [folder / f for f in sorted(key)]
    db = open_db(db_path)
    planted = {}
    for _path, result, _warnings, error in import_many(db, plain):
        if error:
            raise SystemExit(f"import failed: {error}")
        if not annotated:
            planted[result.participant] = key[_path.name]
    for path in plain if annotated else []:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        planted[gold["meta"]["participant"]] = gold["meta"]["persona"]
        if gold_codes:
            load_gold_codes(db, gold, gold["meta"]["participant"])
    if not gold_codes:
        subprocess.run(["jtbd", "code", "--db", str(db_path)], check=True, capture_output=True,
                       env=dict(os.environ, JTBD_DB=str(db_path)))
    return planted


def run(folder: Path, corpus_tool: Path, gold_codes: bool, k: int | None) -> dict:
    from sklearn.metrics import adjusted_rand_score

    from jtbd_kit.personas.find import find_personas
    from jtbd_kit.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "jtbd.db"
        started = time.perf_counter()
        planted = prepare(folder, corpus_tool, gold_codes, db_path, Path(tmp))
        coded_in = time.perf_counter() - started
        started = time.perf_counter()
        personas = find_personas(open_db(db_path), k)
        clustered_in = time.perf_counter() - started
    found = {m: p["id"] for p in personas for m in p["members"]}
    order = sorted(planted)
    return {"folder": str(folder), "interviews": len(order), "codes": "gold" if gold_codes else "jtbd code",
            "ari": round(adjusted_rand_score([planted[m] for m in order], [found.get(m, -1) for m in order]), 3),
            "k": len(personas), "planted_k": len(set(planted.values())),
            "how_k_was_chosen": personas[0]["data"].get("how_k_was_chosen") if personas else "",
            "clarity": personas[0]["data"].get("clarity") if personas else None,
            "import_and_coding_seconds": round(coded_in, 1), "clustering_seconds": round(clustered_in, 2),
            "personas": [{"name": p["name"], "members": [f"{m} ({planted[m]})" for m in p["members"]],
                          "borderline": [b["participant"] for b in p["data"].get("borderline", [])]}
                         for p in personas]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="annotated folders with a persona: field")
    parser.add_argument("--corpus-tool", type=Path, default=Path("/work/shared/corpus/corpus.py"),
                        help="corpus.py, for `strip` (default: %(default)s)")
    parser.add_argument("--gold-codes", action="store_true", help="cluster the hand-written codes, not jtbd code's")
    parser.add_argument("--k", type=int, default=None, help="fix k instead of choosing it")
    args = parser.parse_args()
    for folder in args.folders:
        print(json.dumps(run(folder, args.corpus_tool, args.gold_codes, args.k), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
