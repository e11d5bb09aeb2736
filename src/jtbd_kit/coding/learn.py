"""Training the learned coder from gold codes: annotated interviews or a researcher's reviewed segments.

Each respondent sentence (unit) takes the codes of the gold span it overlaps most (units less
than half covered by gold are left out). Logistic regression (scikit-learn, imported here only)
fits the stage head on the unit features, and the force (one softmax over none and the four
forces, as a passage carries one force at most) and emotion heads on the same features plus the
gold stage. The result is a plain JSON model (weights.py), never a pickle.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from jtbd_kit.coding.model import FORCES, STAGES
from jtbd_kit.errors import UserError

# Chosen by leave-files-out cross-validation on the project's annotated interviews
# (benchmarks/train_coder.py); a project's own model uses the same settings.
C_STAGE, C_FORCE, C_EMOTION = 0.3, 0.3, 0.3
BLEND = {"rules": 0.5, "model": 1.0}
# decision settings, chosen on the held-out folds by `train_coder.py` (it prints them): the thresholds
# and stickiness on every fold (session 8); the emotion offsets on the spent held-out sets' folds
# (`--tune-on heldout`, session 10), whose share of positive passages is that of interviews written
# blind, like real ones. That run also chose no emotion stickiness: 14% more, shorter segments for
# +0.01 emotion accuracy, so a passage keeps one feeling unless its sentences clearly differ.
THRESHOLDS = {"push": 0.6, "pull": 0.6, "anxiety": 0.5, "habit": 0.5}
STICKY = {"forces": 0.25, "emotion": 0.25}  # cost of changing a force or the emotion inside a passage
EMOTION_BIAS = {"-1": -0.5, "1": -0.25}  # log-odds added to an emotion: a calm passage is the default
MIN_FILES = 3  # a feature must occur in this many interviews to enter the vocabulary


@dataclass
class Example:
    """One interview's units with their gold codes (None where no gold span covers the unit)."""

    name: str
    language: str
    analysis: object
    gold: list  # per unit: (stage, forces, emotion, span id) or None
    spans: list = field(default_factory=list)


def gold_units(spans: list[tuple[int, int]], gold: list[dict]) -> list:
    """Per unit, the codes of the gold span overlapping it most, if it covers at least half the unit."""
    out = []
    for a, b in spans:
        best, best_ov = None, 0
        for k, g in enumerate(gold):
            ov = min(b, g["end"]) - max(a, g["start"])
            if ov > best_ov:
                best, best_ov = k, ov
        if best is not None and best_ov * 2 >= max(1, b - a):
            g = gold[best]
            out.append((g["stage"], tuple(g["forces"]), int(g["emotion"]), best))
        else:
            out.append(None)
    return out


def example(transcript, gold: list[dict], name: str | None = None) -> Example:
    from jtbd_kit.coding.code import analyse

    a = analyse(transcript)
    return Example(name or transcript.participant or transcript.source, transcript.language, a,
                   gold_units(a.spans(), gold), gold)


def annotated_examples(folders: list[Path]) -> list[Example]:
    from jtbd_kit.coding.annotated import annotated_files, read_annotated

    out = []
    for path in annotated_files(folders):
        transcript, spans = read_annotated(path)
        out.append(example(transcript, spans, path.name.replace(".annotated.txt", "")))
    return out


def reviewed_examples(db) -> list[Example]:
    """Interviews with segments a researcher reviewed (origin 'human'), those segments as gold."""
    import json

    from jtbd_kit.store.interviews import load_transcript

    out = []
    for row in db.query("select distinct i.participant from interviews i join segments s on s.interview_id = i.id "
                        "where s.origin = 'human' order by i.participant"):
        p = row["participant"]
        gold = [{"start": s["start"], "end": s["end"], "stage": s["stage"] or "other",
                 "forces": [f for f in json.loads(s["forces"] or "[]") if f in FORCES],
                 "emotion": max(-1, min(1, int(s["emotion"] or 0)))}
                for s in db.query("select s.* from segments s join interviews i on i.id = s.interview_id "
                                  "where i.participant = ? and s.origin = 'human' order by s.start", [p])]
        gold = [g for g in gold if g["stage"] in STAGES]
        if gold:
            out.append(example(load_transcript(db, p), gold, p))
    return out


def vocabulary(examples: list[Example]) -> list[str]:
    """Features seen in at least MIN_FILES interviews (all of them when there are fewer)."""
    from jtbd_kit.coding.features import with_stage

    seen: Counter = Counter()
    for ex in examples:
        names = set()
        for f, g in zip(ex.analysis.features, ex.gold):
            if g is not None:
                names.update(with_stage(f, g[0]))
        seen.update(names)
    need = min(MIN_FILES, len(examples))
    return sorted(n for n, c in seen.items() if c >= need)


def _matrix(rows: list[dict[str, float]], index: dict[str, int], width: int | None = None):
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for f in rows:
        for name, v in f.items():
            c = index.get(name)
            if c is not None and v:
                cols.append(c)
                data.append(v)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), width or len(index)))


def _head(clf, names: list[str], labels: list) -> dict:
    """A fitted LogisticRegression as JSON: coef rows per feature (zero rows left out)."""
    coef = clf.coef_.T  # (features, outputs)
    rows = {n: [round(float(v), 3) for v in row] for n, row in zip(names, coef) if abs(row).max() >= 2e-3}
    return {"labels": labels, "coef": rows, "intercept": [round(float(v), 4) for v in clf.intercept_]}


def _fit(X, y, C: float, weights=None, balanced: bool = False):
    import warnings

    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced" if balanced else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(X, y, sample_weight=weights)
    return clf


def train(examples: list[Example], name: str, settings: dict | None = None, base=None) -> dict:
    """A model (as the JSON-ready dict weights.py reads) fitted on the examples' gold units.

    With `base` (the shipped CoderModel) the new model is stacked on it: the base model's
    outputs become features, so little gold is enough to correct it.
    """
    import numpy as np

    from jtbd_kit.coding.features import CODES_ONLY, with_stage

    s = {"C_stage": C_STAGE, "C_force": C_FORCE, "C_emotion": C_EMOTION, "blend": BLEND,
         "thresholds": THRESHOLDS, "sticky": STICKY, "emotion_bias": EMOTION_BIAS,
         **(settings or {})}
    feats, stage_feats, gold, weights = [], [], [], []
    for ex in examples:
        per_span = Counter(g[3] for g in ex.gold if g is not None)
        kept = [(f, g) for f, g in zip(ex.analysis.features, ex.gold) if g is not None]
        plain = [f for f, _ in kept]
        staged = [with_stage(f, g[0]) for f, g in kept]
        if base is not None and kept:
            plain, staged = base.with_stage_prior(plain), base.with_code_prior(staged)
        feats += plain
        stage_feats += staged
        for _f, g in kept:
            gold.append(g)
            weights.append(1.0 / np.sqrt(per_span[g[3]]))
    stages_seen = sorted({g[0] for g in gold})
    if len(stages_seen) < 2:
        raise UserError("too little gold to learn from: fewer than two stages coded", None, None,
                        "review segments of more stages (or pass --annotated DIR)")
    names = vocabulary(examples)
    if base is not None:
        names += sorted({k for f in feats[:1] + stage_feats[:1] for k in f if k.startswith("base:")})
    index = {n: i for i, n in enumerate(names)}
    w = np.array(weights)
    X = _matrix(feats, {n: i for n, i in index.items() if not n.startswith(CODES_ONLY)}, len(index))
    Xs = _matrix(stage_feats, index)
    stage_clf = _fit(X, [g[0] for g in gold], s["C_stage"], w)
    model = {"format": "jtbd-coder", "version": 1, "name": name, "features": names,
             "trained": {"interviews": len(examples), "units": len(gold),
                         "languages": dict(Counter(ex.language for ex in examples)),
                         "at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
             "blend": dict(s["blend"]), "sticky": dict(s["sticky"]),
             "emotion_bias": dict(s["emotion_bias"]),
             **({"base": "shipped"} if base is not None else {}),
             "stage": _head(stage_clf, names, [str(c) for c in stage_clf.classes_]),
             "forces": {}}
    # a passage carries one force at most: one softmax over none and the forces, stored as each
    # force's logit against none, which is the per-force binary format weights.py decides from
    y = [next((f for f in FORCES if f in g[1]), "none") for g in gold]
    if len(set(y)) > 1:
        clf = _fit(Xs, y, s["C_force"], w, balanced=True)
        classes = [str(c) for c in clf.classes_]
        W, b = clf.coef_, clf.intercept_
        if len(classes) == 2:  # scikit-learn keeps one row for two classes: the second's logit
            W, b = np.vstack([np.zeros_like(W[0]), W[0]]), np.array([0.0, b[0]])
        base = (W[classes.index("none")], b[classes.index("none")]) if "none" in classes else (0.0, 0.0)
        for f in FORCES:
            if f in classes:
                coef, bias = W[classes.index(f)] - base[0], b[classes.index(f)] - base[1]
                model["forces"][f] = {
                    "labels": [False, True], "threshold": s["thresholds"][f],
                    "coef": {n: [round(float(v), 3)] for n, v in zip(names, coef) if abs(v) >= 2e-3},
                    "intercept": [round(float(bias), 4)]}
    emo = [g[2] for g in gold]
    if len(set(emo)) < 3:
        raise UserError("too little gold to learn from: emotions -, 0 and + must each occur", None, None,
                        "review more segments (or pass --annotated DIR)")
    # the emotion head does not read the question's words: how the interviewer asked says little about how
    # the respondent felt (six-fold CV on 960 interviews, session 20: emotion 0.632 -> 0.635, up or level
    # in every language)
    Xe = _matrix(stage_feats, {n: i for n, i in index.items() if not n.startswith(("qw:", "qw2:"))}, len(index))
    emo_clf = _fit(Xe, emo, s["C_emotion"], w)
    model["emotion"] = _head(emo_clf, names, [int(c) for c in emo_clf.classes_])
    return model


@dataclass
class Learned:
    path: Path
    name: str
    reviewed: int   # interviews with reviewed segments
    annotated: int  # annotated files
    units: int


def learn_project(db_path: str | Path | None = None, annotated: list[Path] | None = None) -> Learned:
    """Train the project's own model from reviewed segments (and annotated files) and save it.

    The model is written atomically to `jtbd-data/models/coder.json` beside the database; from
    then on `jtbd code` uses it instead of the shipped one.
    """
    from jtbd_kit.coding.weights import project_model_path, save_model
    from jtbd_kit.store.db import resolve_db_path

    db_file = resolve_db_path(db_path)
    reviewed = []
    if db_file.exists():
        from jtbd_kit.store import open_db

        reviewed = reviewed_examples(open_db(db_file, create=False))
    for folder in annotated or []:
        if not folder.exists():
            raise UserError("no such file or folder", folder, None, "pass a folder of *.annotated.txt files")
    files = annotated_examples(list(annotated or []))
    if annotated and not files:
        raise UserError("no *.annotated.txt files here", annotated[0], None,
                        "annotated files carry {stage|forces|emotion} tags; see docs/coding.md")
    if not reviewed and not files:
        raise UserError("nothing to learn from: no reviewed segments in the project", db_file, None,
                        "review some first (jtbd review P-01), or pass --annotated DIR")
    from jtbd_kit.coding.weights import SHIPPED, load_model

    examples = reviewed + files
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    model = train(examples, f"jtbd-project-{stamp}", base=load_model(SHIPPED) if SHIPPED.is_file() else None)
    path = save_model(model, project_model_path(db_path))
    return Learned(path, model["name"], len(reviewed), len(files), model["trained"]["units"])
