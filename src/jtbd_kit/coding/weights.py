"""The learned coder as plain JSON weights, scored with numpy (no scikit-learn at coding time).

A model file holds one feature vocabulary and three heads over it: `stage` (multinomial, its
log-probabilities are blended into the story pass's emission scores), `forces` (one binary
head per force, each with its own threshold) and `emotion` (-1, 0, +1). `learn.py` writes it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jtbd_kit.errors import UserError

FORMAT = "jtbd-coder"
SHIPPED = Path(__file__).parent / "learned" / "coder.json"


@dataclass
class Head:
    """Linear scores over the shared vocabulary: coef is (features, outputs), intercept (outputs,)."""

    labels: list
    coef: object
    intercept: object

    def scores(self, rows, cols, vals, n: int):
        import numpy as np

        out = np.tile(self.intercept, (n, 1))
        if len(cols):
            np.add.at(out, rows, self.coef[cols] * vals[:, None])
        return out


class CoderModel:
    """A loaded model file; `name` goes into each segment's `coder` column."""

    def __init__(self, data: dict, path: Path | None = None) -> None:
        import numpy as np

        if data.get("format") != FORMAT:
            raise UserError("not a jtbd coder model", path, None, "train one with: jtbd learn")
        self.data, self.path = data, path
        self.name = str(data["name"])
        self.index = {name: i for i, name in enumerate(data["features"])}
        self.blend = dict(data["blend"])
        self.stage = self._head(data["stage"])
        self.forces = {f: self._head(h) for f, h in data["forces"].items()}
        self.thresholds = {f: float(h["threshold"]) for f, h in data["forces"].items()}
        self.emotion = self._head(data["emotion"])
        self._np = np

    def _head(self, h: dict) -> Head:
        import numpy as np

        coef = np.zeros((len(self.index), len(h["intercept"])))
        for name, row in h["coef"].items():
            coef[self.index[name]] = row
        return Head(list(h["labels"]), coef, np.array(h["intercept"], dtype=float))

    def sparse(self, features: list[dict[str, float]]):
        """Row, column and value arrays of the known features."""
        np = self._np
        rows, cols, vals = [], [], []
        index = self.index
        for r, f in enumerate(features):
            for name, v in f.items():
                c = index.get(name)
                if c is not None and v:
                    rows.append(r)
                    cols.append(c)
                    vals.append(v)
        return np.array(rows, dtype=int), np.array(cols, dtype=int), np.array(vals, dtype=float)

    def stage_logprob(self, features: list[dict[str, float]]):
        """(units, stages) log-probabilities, columns in the order of model.STAGES."""
        from jtbd_kit.coding.model import STAGES

        np = self._np
        z = self.stage.scores(*self.sparse(features), len(features))
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        order = [self.stage.labels.index(s) if s in self.stage.labels else None for s in STAGES]
        return np.stack([logp[:, j] if j is not None else np.full(len(features), -20.0) for j in order], axis=1)

    def forces_and_emotion(self, features: list[dict[str, float]]) -> tuple[list[list[str]], list[int], list[float]]:
        """Forces per unit, emotion label per unit, and a signed emotion score (P(+) - P(-))."""
        from jtbd_kit.coding.model import FORCES

        np = self._np
        sparse = self.sparse(features)
        n = len(features)
        chosen = [[] for _ in range(n)]
        for f in FORCES:
            head = self.forces.get(f)
            if head is None:
                continue
            p = 1 / (1 + np.exp(-head.scores(*sparse, n)[:, 0]))
            for i in np.nonzero(p >= self.thresholds[f])[0]:
                chosen[i].append(f)
        z = self.emotion.scores(*sparse, n)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        labels = [int(self.emotion.labels[j]) for j in p.argmax(axis=1)]
        pos, neg = self.emotion.labels.index(1), self.emotion.labels.index(-1)
        return chosen, labels, [round(float(a - b), 3) for a, b in zip(p[:, pos], p[:, neg])]


def load_model(path: Path) -> CoderModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UserError(f"cannot read the coder model: {e}", path, None, "train it again: jtbd learn") from None
    return CoderModel(data, path)


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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
