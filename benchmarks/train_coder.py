"""Train the shipped coder model and measure it honestly with leave-files-out cross-validation.

Training data is only what the project annotated itself: benchmarks/train, the held-out sets
already spent (A-K) and tests/data/coding/annotated. Cross-validation holds out whole
interviews (every file of a fold is coded by a model that never saw it) and scores span by span
the way the corpus scorer does, next to the rules alone on the same files.

    python benchmarks/train_coder.py              # cross-validate, then write coding/learned/coder.json
    python benchmarks/train_coder.py --cv-only    # just the cross-validated table
    python benchmarks/train_coder.py --folds 6 --set C_stage=1.0
    python benchmarks/train_coder.py --retell     # also train on rewinding retellings (retell.py)
    python benchmarks/train_coder.py --merge      # also train on copies with answers joined (merge_turns.py)
    python benchmarks/train_coder.py --tune-on heldout  # choose the decision settings on the held-out sets' folds

The cross-validated tables are also given for the interviews told in order and for those that
rewind (retell.in_order), since position alone codes the first kind well and the second badly.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from coding_quality import SpanScores, table, vote
from merge_turns import merge_turns
from retell import in_order, order_for, retell

from jtbd_kit.coding.code import CODER, label
from jtbd_kit.coding.annotated import annotated_files, strip_tags
from jtbd_kit.coding.learn import annotated_examples, example, train
from jtbd_kit.coding.model import FORCES
from jtbd_kit.coding.weights import SHIPPED, CoderModel, save_model

REPO = Path(__file__).resolve().parents[1]
# the training data: the train folder, the test fixtures and the held-out sets already spent
# (scored at the end of their session; see benchmarks/README.md). Clean sets stay out.
SPENT = ["heldout", "heldout-b", "heldout-c", "heldout-d", "heldout-e", "heldout-f", "heldout-g", "heldout-h",
         "heldout-i", "heldout-j", "heldout-k", "heldout-l", "heldout-m", "heldout-n", "heldout-o", "heldout-p",
         "heldout-q", "heldout-r", "heldout-s", "heldout-t", "heldout-u",
         "heldout-v", "heldout-w", "heldout-x", "heldout-y"]
SOURCES = [*(REPO / "benchmarks" / s for s in SPENT), REPO / "benchmarks" / "train",
           REPO / "tests" / "data" / "coding" / "annotated"]


def score(examples, coders) -> dict:
    """Span-level scores per language (and all) of each example coded by coders[example name]."""
    scores = SpanScores()
    for ex in examples:
        scores.add(ex.language, ex.spans, [s.to_dict() for s in coders[ex.name](ex)])
    return scores.table()


def retold(paths: list[Path]) -> list:
    """A rewinding retelling of every interview told in order, named `<original>~<order>`."""
    from jtbd_kit.transcript.native import parse_native

    out = []
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        if in_order(raw):
            name = path.name.replace(".annotated.txt", "")
            text, spans = strip_tags(retell(raw, order_for(name)))
            out.append(example(parse_native(text, str(path)), spans, f"{name}~{order_for(name)}"))
    return out


def merged(paths: list[Path]) -> list:
    """A copy of every interview with answers joined across every other stage-changing question
    (merge_turns.py), named `<original>~merged`."""
    from jtbd_kit.transcript.native import parse_native

    out = []
    for path in paths:
        text, spans = strip_tags(merge_turns(path.read_text(encoding="utf-8")))
        name = path.name.replace(".annotated.txt", "")
        out.append(example(parse_native(text, str(path)), spans, f"{name}~merged"))
    return out


def fold_models(examples, folds: int, settings: dict, extra=()) -> dict:
    """Per example, a model trained on the other folds (files dealt round-robin per language).

    `extra` examples (retellings, named `<original>~...`) join the training of every fold that
    does not hold their original.
    """
    order = sorted(examples, key=lambda e: (e.language, e.name))
    fold_of = {ex.name: i % folds for i, ex in enumerate(order)}
    out = {}
    for k in range(folds):
        model = CoderModel(train([e for e in examples if fold_of[e.name] != k]
                                 + [e for e in extra if fold_of[e.name.split("~")[0]] != k], "cv", settings))
        out.update({ex.name: model for ex in examples if fold_of[ex.name] == k})
    return out


def cross_validate(examples, models: dict) -> dict:
    """Each file coded by its held-out model, scored span by span."""
    return score(examples, {name: (lambda e, m=m: label(e.analysis, m)) for name, m in models.items()})


def decisions(examples, models: dict, params: dict) -> tuple[dict, float]:
    """Per-force F1 and emotion accuracy of the held-out models with these decision settings."""
    for m in set(models.values()):
        m.thresholds.update(params["thresholds"])
        m.data["sticky"] = dict(params["sticky"])
        m.data["emotion_bias"] = dict(params["emotion_bias"])
    counts = {f: [0, 0, 0] for f in FORCES}  # tp, fp, fn
    right = total = 0
    for ex in examples:
        preds = [s.to_dict() for s in label(ex.analysis, models[ex.name])]
        for g in ex.spans:
            _stage, fs, emo = vote(g, preds)
            for f in FORCES:
                gold, got = f in g["forces"], f in fs
                counts[f][0 if gold and got else 1 if got else 2] += gold or got
            right += emo == g["emotion"]
            total += 1
    f1 = {f: 2 * tp / max(1, 2 * tp + fp + fn) for f, (tp, fp, fn) in counts.items()}
    return f1, right / max(1, total)


def tune(examples, models: dict, settings: dict) -> dict:
    """Force thresholds, emotion offsets and stickiness that maximise the cross-validated span scores.

    Coordinate ascent over small grids; the forces are scored independently, so one pass per
    threshold value serves all four.
    """
    from jtbd_kit.coding.learn import STICKY, THRESHOLDS

    params = {"thresholds": dict(settings.get("thresholds", THRESHOLDS)),
              "sticky": dict(settings.get("sticky", STICKY)),
              "emotion_bias": {"-1": 0.0, "1": 0.0}}

    def thresholds():
        best = {f: (-1.0, params["thresholds"][f]) for f in FORCES}
        for t in [round(0.2 + 0.05 * i, 2) for i in range(15)]:
            f1, _ = decisions(examples, models, {**params, "thresholds": {f: t for f in FORCES}})
            best = {f: max(best[f], (f1[f], t)) for f in FORCES}
        params["thresholds"] = {f: t for f, (_v, t) in best.items()}

    def pick(key, sub, grid, objective):
        scored = []
        for v in grid:
            trial = {**params, key: {**params[key], sub: v}}
            f1, emo = decisions(examples, models, trial)
            scored.append((objective(f1, emo), v))
        params[key][sub] = max(scored)[1]

    def force_f1(f1, _emo):
        return sum(f1.values()) / len(f1)

    def emo_acc(_f1, emo):
        return emo

    thresholds()
    pick("sticky", "forces", [0.0, 0.25, 0.5, 1.0, 1.5, 2.0], force_f1)
    thresholds()
    offsets = [round(-1.5 + 0.25 * i, 2) for i in range(13)]
    for _ in range(2):
        pick("emotion_bias", "-1", offsets, emo_acc)
        pick("emotion_bias", "1", offsets, emo_acc)
    pick("sticky", "emotion", [0.0, 0.25, 0.5, 1.0, 1.5, 2.0], emo_acc)
    decisions(examples, models, params)
    return params


def tuning_examples(examples, paths: list[Path], which: str) -> list:
    """The interviews whose cross-validated codes choose the decision settings (`--tune-on`).

    The training batches (benchmarks/train) were written to teach: their prompts asked for calm,
    factual passages too, so they have fewer positive spans (19-24%) than interviews written blind
    as tests, like the spent held-out sets (30%) and the development corpus (32%). An offset that
    trades neutral for positive is better chosen on the second kind (session 10: the emotion offsets
    came from `--tune-on heldout`; its force thresholds did not beat the old ones and were not kept).
    """
    if which == "all":
        return examples
    held = {p.name.replace(".annotated.txt", "") for p in paths if p.parent.name.startswith("heldout")}
    return [ex for ex in examples if ex.name in held]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--cv-only", action="store_true", help="do not write the shipped model")
    ap.add_argument("--no-cv", action="store_true", help="only train and write the shipped model")
    ap.add_argument("--no-tune", action="store_true",
                    help="keep the decision settings instead of choosing them on the held-out folds")
    ap.add_argument("--tune-on", choices=("all", "heldout"), default="all",
                    help="choose the decision settings on every fold (default) or only on the spent held-out sets")
    ap.add_argument("--retell", action="store_true",
                    help="also train on rewinding retellings of the interviews told in order")
    ap.add_argument("--merge", action="store_true",
                    help="also train on copies whose answers run on across a stage change (merge_turns.py)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="override a training setting, e.g. C_stage=1.0 or blend='{\"rules\":0.5,\"model\":1}'")
    args = ap.parse_args(argv)
    settings = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    t0 = time.perf_counter()
    paths = annotated_files([p for p in SOURCES if p.exists()])
    examples = annotated_examples(paths)
    extra = (retold(paths) if args.retell else []) + (merged(paths) if args.merge else [])
    told_in_order = {p.name.replace(".annotated.txt", "") for p in paths if in_order(p.read_text(encoding="utf-8"))}
    langs = defaultdict(int)
    for ex in examples:
        langs[ex.language] += 1
    print(f"{len(examples)} annotated interviews ({dict(langs)}; {len(told_in_order)} told in order), "
          f"{len(extra)} retold or merged copies, analysed in {time.perf_counter() - t0:.1f}s")
    if not args.no_cv:
        table("rules alone:", score(examples, {ex.name: (lambda e: label(e.analysis, None)) for ex in examples}))
        models = fold_models(examples, args.folds, settings, extra)
        table(f"learned, {args.folds}-fold leave-files-out:", cross_validate(examples, models))
        for title, kind in (("told in order", True), ("rewinding", False)):
            part = [ex for ex in examples if (ex.name in told_in_order) == kind]
            table(f"  {title} ({len(part)}):", cross_validate(part, models))
        if not args.no_tune:
            chosen = tuning_examples(examples, paths, args.tune_on)
            if args.tune_on != "all":
                table(f"  the {len(chosen)} interviews the decisions are chosen on ({args.tune_on}), before:",
                      cross_validate(chosen, models))
            tuned = tune(chosen, models, settings)
            print("decision settings chosen on the held-out folds:", json.dumps(tuned))
            table(f"learned + tuned decisions, {args.folds}-fold leave-files-out:", cross_validate(examples, models))
            if args.tune_on != "all":
                table(f"  the {len(chosen)} interviews they were chosen on, after:", cross_validate(chosen, models))
            settings = {**settings, **tuned}
    if not args.cv_only:
        path = save_model(train(examples + extra, CODER, settings), SHIPPED)
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
