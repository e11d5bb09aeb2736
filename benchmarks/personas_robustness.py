"""Persona robustness: how far clustering moves when the coder's codes move.

Every retrain of the coder shifts some force codes, and a clusterer that follows them swings with
it (persona-study-e went 1.00 -> 0.50 -> 1.00 over three retrains with the clustering unchanged).
This codes a study once (cached per study and coder version), then clusters many perturbed copies
of the codes and reports the adjusted Rand index against the planted personas:

- `forces`: ~15% of segments get a force dropped, flipped to another force or added, and every
  force probability is jittered (what a retrain does);
- `stages`: ~10% of segments move to a neighbouring stage and ~10% flip emotion;
- `segments`: ~10% of segments are dropped (a different segmentation);
- `speech`: ~15% of each respondent's turns are dropped from their words (what the situation
  concepts and words read), so the text side is not taken as exact either;
- `loo`: one interview left out (each in turn);
- `all`: all of the above, with one random interview left out.

    python benchmarks/personas_robustness.py benchmarks/persona-study benchmarks/persona-study-b \
        --corpus-tool /work/shared/corpus/corpus.py [--gold-codes] [--runs 30] [--weights situation=3]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sqlite3
import statistics
import tempfile
from collections import Counter
from contextlib import closing
from pathlib import Path

from personas_quality import prepare

ROOT = Path(__file__).resolve().parents[1]
FORCES = ("push", "pull", "anxiety", "habit")
STAGES = ("first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming", "satisfaction")
KINDS = ("forces", "stages", "segments", "speech", "loo", "all")


def coder_version() -> str:
    """A hash of everything the coder's output depends on in this checkout (code, model, language data)."""
    digest = hashlib.sha1()
    for folder in ("src/jtbd_kit/coding", "src/jtbd_kit/lang"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def cached_db(folder: Path, corpus_tool: Path, gold: bool, cache: Path) -> tuple[Path, dict[str, str]]:
    """The coded project for one study, coded once per study content and coder version."""
    digest = hashlib.sha1(b"gold" if gold else coder_version().encode())
    for path in sorted(folder.glob("*.txt")):
        digest.update(path.read_bytes())
    stem = f"{folder.name}-{digest.hexdigest()[:12]}"
    db_path, key_path = cache / f"{stem}.db", cache / f"{stem}.json"
    if not key_path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        db_path.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            planted = prepare(folder, corpus_tool, gold, db_path, Path(tmp))
        key_path.write_text(json.dumps(planted), encoding="utf-8")
    return db_path, json.loads(key_path.read_text(encoding="utf-8"))


def _set_forces(seg: dict, forces: list[str], weights: dict[str, float]) -> None:
    seg["forces"] = forces
    seg["weights"] = {f: round(max(0.0, min(1.0, w)), 4) for f, w in weights.items()}


def perturb_forces(seg: dict, rng: random.Random, p: float = 0.15, jitter: float = 0.1) -> None:
    """Drop, flip or add one force on a share p of segments; jitter every probability by +-jitter."""
    forces = list(seg["forces"])
    weights = dict(seg.get("weights") or dict.fromkeys(forces, 1.0))
    weights = {f: weights.get(f, 0.0) + rng.uniform(-jitter, jitter) for f in FORCES}
    if rng.random() < p:
        action = rng.choice(("drop", "flip", "add") if forces else ("add",))
        if action == "add":
            new = rng.choice([f for f in FORCES if f not in forces])
            forces.append(new)
            weights[new] = rng.uniform(0.5, 0.9)
        else:
            old = rng.choice(forces)
            forces.remove(old)
            if action == "flip":
                new = rng.choice([f for f in FORCES if f != old])
                forces = sorted(set(forces) | {new})
                weights[old], weights[new] = weights[new], weights[old]
            else:
                weights[old] = rng.uniform(0.1, 0.45)
    _set_forces(seg, forces, weights)


def perturb_stage(seg: dict, rng: random.Random, p: float = 0.1) -> None:
    """Move a share p of segments to a neighbouring stage and flip the emotion of another share p."""
    if seg["stage"] in STAGES and rng.random() < p:
        i = STAGES.index(seg["stage"]) + rng.choice((-1, 1))
        seg["stage"] = STAGES[min(len(STAGES) - 1, max(0, i))]
    if rng.random() < p:
        seg["emotion"] = rng.choice([e for e in (-1, 0, 1) if e != int(seg["emotion"] or 0)])


def perturbed(coded: list, kind: str, rng: random.Random, left_out: int | None) -> list:
    out = copy.deepcopy([c for i, c in enumerate(coded) if i != left_out])
    for c in out:
        if kind in ("segments", "all"):
            c.segments = [s for s in c.segments if rng.random() >= 0.1] or c.segments[:1]
        if kind in ("speech", "all"):
            turns = c.speech.splitlines()
            c.speech = "\n".join(t for t in turns if rng.random() >= 0.15) or c.speech
        for seg in c.segments:
            if kind in ("forces", "all"):
                perturb_forces(seg, rng)
            if kind in ("stages", "all"):
                perturb_stage(seg, rng)
    return out


def score(coded: list, planted: dict[str, str], weights: dict[str, float] | None) -> tuple[float, int]:
    from sklearn.metrics import adjusted_rand_score

    from jtbd_kit.personas.cluster import find_groups

    result = find_groups(coded, weights=weights)
    return adjusted_rand_score([planted[c.participant] for c in coded], result.labels), len(set(result.labels))


def study(db_path: Path, planted: dict[str, str], runs: int, seed: int, weights: dict[str, float] | None) -> dict:
    import sqlite_utils

    from jtbd_kit.personas.features import load_coded

    with closing(sqlite3.connect(db_path)) as conn:
        coded = load_coded(sqlite_utils.Database(conn))
    ari, k = score(coded, planted, weights)
    out = {"interviews": len(coded), "planted_k": len(set(planted.values())), "ari": round(ari, 3), "k": k}
    everything = []
    for kind in KINDS:
        rng = random.Random(seed)
        trials = range(len(coded)) if kind == "loo" else range(runs)
        results = [score(perturbed(coded, kind, rng, t if kind == "loo" else
                                   (rng.randrange(len(coded)) if kind == "all" else None)), planted, weights)
                   for t in trials]
        aris = [a for a, _ in results]
        everything += aris
        out[kind] = {"mean": round(statistics.mean(aris), 3), "min": round(min(aris), 3),
                     "k": dict(sorted(Counter(k for _, k in results).items()))}
    out["perturbed_mean"] = round(statistics.mean(everything), 3)
    out["perturbed_min"] = round(min(everything), 3)
    return out


def parse_weights(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    from jtbd_kit.personas.cluster import WEIGHTS

    pairs = dict(item.split("=") for item in text.split(","))
    unknown = set(pairs) - set(WEIGHTS)
    if unknown:
        raise SystemExit(f"unknown blocks: {', '.join(sorted(unknown))} (known: {', '.join(WEIGHTS)})")
    return {**WEIGHTS, **{name: float(v) for name, v in pairs.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="annotated folders with a persona: field")
    parser.add_argument("--corpus-tool", type=Path, default=Path("/work/shared/corpus/corpus.py"),
                        help="corpus.py, for `strip` (default: %(default)s)")
    parser.add_argument("--gold-codes", action="store_true", help="perturb the hand-written codes, not jtbd code's")
    parser.add_argument("--runs", type=int, default=30, help="perturbed copies per kind (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weights", help="override block weights, e.g. situation=3,forces=0.5")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "jtbd-personas-robustness",
                        help="where coded studies are kept between runs (default: %(default)s)")
    args = parser.parse_args()
    weights = parse_weights(args.weights)
    summary = {}
    for folder in args.folders:
        db_path, planted = cached_db(folder, args.corpus_tool, args.gold_codes, args.cache)
        summary[folder.name] = study(db_path, planted, args.runs, args.seed, weights)
        print(json.dumps({folder.name: summary[folder.name]}, ensure_ascii=False))
    if len(summary) > 1:
        print(json.dumps({"overall": {key: round(statistics.mean(s[key] for s in summary.values()), 3)
                                      for key in ("ari", "perturbed_mean")} |
                          {"perturbed_min": min(s["perturbed_min"] for s in summary.values())}}))


if __name__ == "__main__":
    main()
