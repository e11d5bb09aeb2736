"""The learned coder as plain JSON weights, scored with numpy (no scikit-learn at coding time).

A model file holds one feature vocabulary and three heads over it: `stage` (multinomial, its
log-probabilities are blended into the story pass's emission scores), `forces` (per force its
logit against "no force", each with its own threshold; a sentence takes the likeliest force or
none) and `emotion` (-1, 0, +1, with optional per-label offsets `emotion_bias`). `learn.py`
writes it; `benchmarks/train_coder.py` chooses the thresholds and offsets by cross-validation.
A project's model (`"base": "shipped"`) is stacked on the shipped one: the shipped model's
outputs are features of the project model, so a few reviewed interviews correct it rather than
replace it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jtbd_kit.coding.featureids import IDS, ids_of
from jtbd_kit.errors import UserError

FORMAT = "jtbd-coder"
SHIPPED = Path(__file__).parent / "learned" / "coder.json"


@dataclass
class Head:
    """Linear scores over the shared vocabulary: coef is (features, outputs), intercept (outputs,)."""

    labels: list
    coef: object
    intercept: object

    def scores(self, rows, cols, vals, n: int, start=None):
        """The intercept (or `start`, sums so far) plus each row's terms coef[col] * val.

        The entries come row by row (`rows` sorted), so they are already a CSR matrix: the row
        bounds are all scipy needs, and its sparse-times-dense product does the sums without
        gathering a weight row per entry first.
        """
        import numpy as np
        from scipy.sparse import csr_array

        out = np.tile(self.intercept, (n, 1)) if start is None else start.copy()
        bounds = np.searchsorted(rows, np.arange(n + 1))  # each row's entries: [bounds[i], bounds[i + 1])
        out += csr_array((vals, cols, bounds), shape=(n, len(self.coef))) @ self.coef
        return out


@dataclass
class Encoded:
    """The stage head's and the force and emotion heads' sums over one list of feature dicts."""

    stage: object  # (units, stages) array
    codes: object  # (units, force and emotion outputs) array


class CoderModel:
    """A loaded model file; `name` goes into each segment's `coder` column."""

    def __init__(self, data: dict, path: Path | None = None) -> None:
        import numpy as np

        from jtbd_kit.coding.features import know_pairs

        if data.get("format") != FORMAT:
            raise UserError("not a jtbd coder model", path, None, "train one with: jtbd learn")
        self.data, self.path = data, path
        self.name = str(data["name"])
        self.index = {name: i for i, name in enumerate(data["features"])}
        # per feature id (featureids.py), its column or -1; the model's names get their ids now, so
        # a name that gets one later is none of the model's
        ids = ids_of(data["features"])
        know_pairs(data["features"])
        # one more than there are ids: the last, -1, is where an unnamed word pair (negative id) looks
        self._columns = np.full(len(IDS) + 1, -1)
        self._columns[ids] = np.arange(len(ids))
        self.blend = dict(data["blend"])
        self.stage = self._head(data["stage"])
        self.forces = {f: self._head(h) for f, h in data["forces"].items()}
        self.thresholds = {f: float(h["threshold"]) for f, h in data["forces"].items()}
        self.emotion = self._head(data["emotion"])
        self._np = np
        # the force heads and the emotion head side by side, scored in one pass (same sums per column)
        self._codes = Head([], np.concatenate([h.coef for h in (*self.forces.values(), self.emotion)], axis=1),
                           np.concatenate([h.intercept for h in (*self.forces.values(), self.emotion)]))
        # ... and the stage head beside them, for `encode`
        self._all = Head([], np.concatenate([self.stage.coef, self._codes.coef], axis=1),
                         np.concatenate([self.stage.intercept, self._codes.intercept]))
        # a project model is stacked on the shipped one: its predictions are features here
        self.base = load_model(SHIPPED) if data.get("base") == "shipped" else None

    def _head(self, h: dict) -> Head:
        import numpy as np

        coef = np.zeros((len(self.index), len(h["intercept"])))
        for name, row in h["coef"].items():
            coef[self.index[name]] = row
        return Head(list(h["labels"]), coef, np.array(h["intercept"], dtype=float))

    def sparse(self, features: Sequence[dict[str, float]], extra: Sequence[dict[str, float]] | None = None):
        """Row, column and value arrays of the known features (a features.Table, or dicts).

        `extra` holds more features per row, scored as if each row's dict were followed by them
        (Head.scores adds entries in array order, so each row's sums come out the same).
        """
        if extra is None:
            return self._part(features)
        rows, cols, vals = (self._np.concatenate(x) for x in zip(self._part(features), self._part(extra)))
        order = self._np.argsort(rows, kind="stable")  # row by row, each row's features before its extras
        return rows[order], cols[order], vals[order]

    def _part(self, features: Sequence[dict[str, float]]):
        """`sparse` of one list of feature dicts or table (known features only)."""
        from jtbd_kit.coding.features import Table, pairs_version

        np = self._np
        table = Table.of(features)
        if len(self._columns) <= len(IDS):  # names new since the model was loaded
            self._columns = np.concatenate([self._columns, np.full(len(IDS) + 1 - len(self._columns), -1)])
        cols, vals = self._columns[np.maximum(table.ids, -1)], table.values
        if table.unnamed is not None and table.known != pairs_version():
            # made before a model was loaded (a model trained in this process, as in cross-validation):
            # a pair unnamed then may be one of this model's, so its unnamed pairs are looked up by name
            pairs = table.unnamed.names()
            unnamed = np.flatnonzero(table.ids < 0)
            cols[unnamed] = [self.index.get(pairs[-1 - i], -1) for i in table.ids[unnamed].tolist()]
        rows = np.repeat(np.arange(len(table)), table.sizes)
        known = cols >= 0
        return rows[known], cols[known], vals[known]

    def encode(self, features: Sequence[dict[str, float]]) -> Encoded | None:
        """Every head's sums over the features in one pass, for `stage_logprob` and
        `codes` over the same features (None for a stacked model: it adds its base
        model's outputs to the features first)."""
        if self.base is not None:
            return None
        both = self._all.scores(*self._part(features), len(features))
        k = len(self.stage.intercept)
        return Encoded(both[:, :k], both[:, k:])

    def stage_logprob(self, features: Sequence[dict[str, float]], encoded: Encoded | None = None):
        """(units, stages) log-probabilities, columns in the order of model.STAGES.

        `encoded` is `encode(features)` when the caller has it.
        """
        from jtbd_kit.coding.model import STAGES

        np = self._np
        if self.base is not None:
            features = self.base.with_stage_prior(features)
        if encoded is not None:
            z = encoded.stage.copy()
        else:
            z = self.stage.scores(*self.sparse(features), len(features))
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        order = [self.stage.labels.index(s) if s in self.stage.labels else None for s in STAGES]
        return np.stack([logp[:, j] if j is not None else np.full(len(features), -20.0) for j in order], axis=1)

    def with_stage_prior(self, features: list[dict[str, float]]) -> list[dict[str, float]]:
        """Features plus this model's stage log-probabilities (`base:stage:*`), for a model built on it."""
        from jtbd_kit.coding.model import STAGES

        logp = self.stage_logprob(features)
        return [dict(f, **{f"base:stage:{s}": max(-10.0, float(v)) for s, v in zip(STAGES, row)})
                for f, row in zip(features, logp.tolist())]

    def with_code_prior(self, features: list[dict[str, float]]) -> list[dict[str, float]]:
        """Features plus this model's force logits and emotion log-probabilities (`base:*`)."""
        logits, emo = self._raw_codes(features)
        out = []
        for i, f in enumerate(features):
            extra = {f"base:force:{k}": max(-10.0, min(10.0, float(v[i]))) for k, v in logits.items()}
            extra.update({f"base:emotion:{lab}": max(-10.0, float(v)) for lab, v in zip(self.emotion.labels, emo[i])})
            out.append(dict(f, **extra))
        return out

    def _threshold_logit(self, force: str) -> float:
        t = min(0.99, max(0.01, self.thresholds[force]))
        return float(self._np.log(t / (1 - t)))

    def _raw_codes(self, features: Sequence[dict[str, float]], extra: Sequence[dict[str, float]] | None = None,
                   encoded: Encoded | None = None):
        """Force logits {force: (units,)} minus each threshold's logit, and emotion log-probabilities.

        `extra` holds more features per unit, as if merged into `features` after each unit's own.
        """
        np = self._np
        if self.base is not None:
            if extra is not None:
                features, extra = [{**f, **e} for f, e in zip(features, extra)], None
            features = self.base.with_code_prior(features)
        n = len(features)
        if encoded is not None:
            # the features' sums are done; the extras go on in the same order `sparse` would put them
            scores = (encoded.codes.copy() if extra is None
                      else self._codes.scores(*self._part(extra), n, start=encoded.codes))
        else:
            scores = self._codes.scores(*self.sparse(features, extra), n)
        logits, j = {}, 0
        for f, head in self.forces.items():
            logits[f] = scores[:, j] - self._threshold_logit(f)
            j += head.coef.shape[1]
        z = scores[:, j:]
        z -= z.max(axis=1, keepdims=True)
        return logits, z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def codes(self, features: Sequence[dict[str, float]], breaks: list[bool] | None = None,
              extra: Sequence[dict[str, float]] | None = None, encoded: Encoded | None = None) -> Codes:
        """Forces and emotion per unit, the force probabilities as one array.

        `breaks[i]` is True where unit i starts a new passage (a new turn or stage); within a
        passage the labels are sticky (`sticky` in the model file), as a feeling or force usually
        runs over several sentences. `extra` (per unit, e.g. features.stage_extras_table) counts as if
        merged into each unit's features; `encoded` is `encode(features)` when the caller has it.
        """
        from jtbd_kit.coding.model import FORCES, rounded

        np = self._np
        n = len(features)
        breaks = breaks if breaks is not None else [True] * n
        stick = self.data.get("sticky", {})
        logits, logp = self._raw_codes(features, extra, encoded)
        # a passage carries at most one force: choose among none and each force by the joint
        # probability of "this force and no other" (each head's threshold already in its logit)
        names = [f for f in FORCES if f in logits]
        no = np.stack([-np.logaddexp(0, logits[f]) for f in names], axis=1) if names else np.zeros((n, 0))
        yes = np.stack([-np.logaddexp(0, -logits[f]) for f in names], axis=1) if names else np.zeros((n, 0))
        rest = no.sum(axis=1, keepdims=True)
        path = sticky(np.concatenate([rest, rest - no + yes], axis=1), breaks, stick.get("forces", 0.0))
        chosen = [[names[j - 1]] if j else [] for j in path.tolist()]
        # each force against none and the others, as trained (one softmax; thresholds taken back out)
        raw = [logits[f] + self._threshold_logit(f) for f in names]
        z = np.stack([np.zeros(n), *raw], axis=1)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        p = np.exp(logp)
        # per-label offsets chosen by cross-validation (`calm` is the older form: neutral's offset)
        bias = self.data.get("emotion_bias", {})
        calm = self.data.get("calm", 0.0)
        logp = logp + np.array([float(bias.get(str(lab), 0.0)) + (calm if lab == 0 else 0.0)
                                for lab in self.emotion.labels])
        path = sticky(logp, breaks, stick.get("emotion", 0.0))
        labels = [int(lab) for lab in self.emotion.labels]
        pos, neg = self.emotion.labels.index(1), self.emotion.labels.index(-1)
        return Codes(chosen, [labels[j] for j in path.tolist()],
                     rounded(p[:, pos] - p[:, neg]), z[:, 1:], names)


@dataclass
class Codes:
    """Forces and emotion per unit, as `CoderModel.codes` decides them."""

    forces: list[list[str]]
    emotion: list[int]
    score: list[float]  # P(+) - P(-), rounded
    chances: object  # (units, forces) array: the probability of each force, columns in `names` order
    names: list[str]


def sticky(logp, breaks: list[bool], cost: float):
    """Best label per row of log-probabilities when changing label costs `cost` except at breaks.

    Viterbi with one flat switching cost: the best way into label j comes either from j itself
    or from the best label overall (paying `cost`), so each step is linear in the labels.
    """
    import numpy as np

    n = len(logp)
    if not n:
        return np.zeros(0, dtype=int)
    if cost <= 0:
        return logp.argmax(axis=1)
    # plain floats: with a handful of labels, numpy's per-call cost outweighs the arithmetic
    rows = logp.tolist()
    # per step, the scores before it, their first best label and the cost of switching to it: the
    # way back is then worked out only for the label the path takes, not for every label
    before: list[list[float]] = [[]] * n
    tops = [0] * n
    switches: list[float | None] = [None] * n  # None at a break: every label comes from the best
    score = rows[0]
    for t in range(1, n):
        best = max(score)
        tops[t] = score.index(best)  # the first best, as numpy's argmax
        if breaks[t]:
            score = [best + v for v in rows[t]]
        else:
            switch = best - cost
            before[t], switches[t] = score, switch
            score = []  # a loop, not a comprehension: in Python 3.11 each comprehension is a function call
            for s, v in zip(before[t], rows[t]):
                score.append((switch if switch > s else s) + v)  # max(s, switch)
    path = [0] * n
    j = path[-1] = score.index(max(score))
    for t in range(n - 1, 0, -1):
        switch, top = switches[t], tops[t]
        if switch is None:
            j = top
        else:
            s = before[t][j]
            # staying wins ties only where it is also the first best (it comes first in that case)
            j = j if s > switch or (s == switch and j < top) else top
        path[t - 1] = j
    return np.array(path, dtype=int)


def load_model(path: Path) -> CoderModel:
    try:
        return CoderModel(json.loads(path.read_text(encoding="utf-8")), path)
    except UserError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        raise UserError(f"cannot read the coder model: {type(e).__name__}: {e}", path, None,
                        "train it again: jtbd learn") from None


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> CoderModel:
    return load_model(Path(path))


def project_model_path(db_path: str | Path | None = None) -> Path:
    """Where `jtbd learn` keeps the project's model: `jtbd-data/models/coder.json` beside the database."""
    from jtbd_kit.store.db import resolve_db_path

    return resolve_db_path(db_path).resolve().parent / "jtbd-data" / "models" / "coder.json"


def active_model(db_path: str | Path | None = None) -> CoderModel | None:
    """The project's model when one was learned, else the shipped one (None if neither exists)."""
    for path in (project_model_path(db_path), SHIPPED):
        if path.is_file():
            return _cached(str(path), path.stat().st_mtime)
    return None


def save_model(data: dict, path: Path) -> Path:
    """Write a model file atomically (temp file in the same folder, then os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".coder-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a model is no secret
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
