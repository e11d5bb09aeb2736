"""Coding quality on any folder of annotated interviews, next to a position-only baseline.

Annotated files carry `{stage|forces|emotion}` tags in respondent turns (docs/coding.md). Each
file is stripped of its tags, coded in this process with `jtbd_kit.coding.code_transcript`, and
scored span by span the way the corpus scorer does: the predicted segments covering a gold span
vote by overlap. The baseline labels each respondent turn by its position in the interview alone.

    python benchmarks/coding_quality.py tests/data/coding/annotated
    python benchmarks/coding_quality.py /path/to/annotated --confusion
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from jtbd_kit.coding import FORCES, STAGES, code_transcript
from jtbd_kit.coding.annotated import strip_tags
from jtbd_kit.transcript.native import parse_native

def vote(span: dict, preds: list[dict]) -> tuple[str, set, int]:
    stage_w, force_w, emo, cover = Counter(), Counter(), 0.0, 0
    for p in preds:
        ov = min(span["end"], p["end"]) - max(span["start"], p["start"])
        if ov > 0:
            cover += ov
            stage_w[p["stage"] or "other"] += ov
            for f in p["forces"]:
                force_w[f] += ov
            emo += ov * p["emotion"]
    length = max(1, span["end"] - span["start"])
    mean = emo / cover if cover else 0
    return (stage_w.most_common(1)[0][0] if stage_w else "other",
            {f for f, w in force_w.items() if w >= 0.5 * length},
            1 if mean > 0.15 else -1 if mean < -0.15 else 0)


def position_baseline(transcript) -> list[dict]:
    """Each respondent turn gets the timeline stage of its position; the first and last are `other`."""
    turns = transcript.respondent_turns
    out = []
    for i, t in enumerate(turns):
        if i == 0 or i == len(turns) - 1:
            stage = "other"
        else:
            stage = STAGES[min(6, int((i - 1) / max(1, len(turns) - 2) * 7))]
        out.append({"start": t.start, "end": t.end, "stage": stage, "forces": [], "emotion": 0})
    return out


def kappa(pairs) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def summary(stage_pairs, force_pairs, emo_pairs) -> dict:
    ff = []
    for f in FORCES:
        tp = sum(1 for g, p in force_pairs[f] if g and p)
        fp = sum(1 for g, p in force_pairs[f] if not g and p)
        fn = sum(1 for g, p in force_pairs[f] if g and not p)
        if tp + fp + fn:
            ff.append(2 * tp / (2 * tp + fp + fn))
    n = max(1, len(stage_pairs))
    return {"spans": len(stage_pairs), "stage_acc": sum(a == b for a, b in stage_pairs) / n,
            "kappa": kappa(stage_pairs), "force_f1": sum(ff) / max(1, len(ff)),
            "emo_acc": sum(a == b for a, b in emo_pairs) / max(1, len(emo_pairs))}


class SpanScores:
    """Gold spans voted on by predicted segments, gathered per language and for all, as the corpus
    scorer counts them; `coding_quality`, `train_coder` and `agreement` all score through it."""

    def __init__(self) -> None:
        self.acc = defaultdict(lambda: ([], defaultdict(list), []))

    def add(self, language: str, gold: list[dict], preds: list[dict]) -> None:
        for lang in (language, "all"):
            stages, forces, emos = self.acc[lang]
            for span in gold:
                stage, fs, emo = vote(span, preds)
                stages.append((span["stage"], stage))
                for f in FORCES:
                    forces[f].append((f in span["forces"], f in fs))
                emos.append((span["emotion"], emo))

    def table(self) -> dict:
        """{language: summary}, the languages in order and "all" last."""
        return {lang: summary(*v) for lang, v in sorted(self.acc.items(), key=lambda kv: (kv[0] == "all", kv[0]))}

    def confusion(self) -> Counter:
        """Stage errors over all languages, (gold, predicted) -> count."""
        return Counter(p for p in self.acc["all"][0] if p[0] != p[1])


def table(title: str, rows: dict) -> None:
    """Print a title and one line of scores per language."""
    print(title)
    print(f"{'lang':5} {'spans':>5} {'stage_acc':>9} {'kappa':>6} {'force_F1':>8} {'emo_acc':>7}")
    for lang, r in rows.items():
        print(f"{lang:5} {r['spans']:5d} {r['stage_acc']:9.3f} {r['kappa']:6.3f} {r['force_f1']:8.3f} {r['emo_acc']:7.3f}")


def evaluate(files: list[Path], coder) -> tuple[dict, Counter, Counter]:
    """Scores per language, the stage errors, and stage hits split by whether the span's turn keeps
    one stage or changes stage inside ((changes, right) -> spans)."""
    scores, inside = SpanScores(), Counter()
    for path in files:
        text, gold = strip_tags(path.read_text(encoding="utf-8"))
        transcript = parse_native(text, str(path))
        preds = coder(transcript)
        scores.add(transcript.language, gold, preds)
        for turn in transcript.respondent_turns:
            spans = [g for g in gold if turn.start <= g["start"] < turn.end]
            changes = len({g["stage"] for g in spans}) > 1
            for g in spans:
                inside[changes, vote(g, preds)[0] == g["stage"]] += 1
    return scores.table(), scores.confusion(), inside


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="folders (or files) of *.annotated.txt")
    ap.add_argument("--confusion", action="store_true", help="also list the stage errors, gold -> predicted")
    args = ap.parse_args(argv)
    files = [f for p in args.folders for f in (sorted(p.glob("*.annotated.txt")) if p.is_dir() else [p])]
    if not files:
        print("no *.annotated.txt files found", file=sys.stderr)
        return 2
    coded, confusion, inside = evaluate(files, lambda t: [s.to_dict() for s in code_transcript(t)])
    base, _, _ = evaluate(files, position_baseline)
    print(f"{len(files)} annotated interviews")
    print(f"{'lang':5} {'spans':>5} {'stage_acc':>9} {'kappa':>6} {'force_F1':>8} {'emo_acc':>7}   "
          f"{'baseline: stage_acc':>19} {'kappa':>6} {'emo_acc':>7}")
    for lang, r in coded.items():
        b = base[lang]
        print(f"{lang:5} {r['spans']:5d} {r['stage_acc']:9.3f} {r['kappa']:6.3f} {r['force_f1']:8.3f} "
              f"{r['emo_acc']:7.3f}   {b['stage_acc']:19.3f} {b['kappa']:6.3f} {b['emo_acc']:7.3f}")
    parts = []
    for changes, where in ((False, "turns that keep one stage"), (True, "turns where it changes")):
        n = inside[changes, True] + inside[changes, False]
        if n:
            parts.append(f"{inside[changes, True] / n:.3f} in {where} ({n} spans)")
    print("stage accuracy: " + ", ".join(parts))
    if args.confusion:
        print("stage errors (gold -> predicted):")
        for (g, p), n in confusion.most_common(20):
            print(f"  {g:16} -> {p:16} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
