"""Agreement between the machine's draft and the researcher's verdict, over reviewed segments.

Plain arithmetic (no scikit-learn): stage accuracy and Cohen's kappa, force F1 (micro over the
four forces, and per force), emotion accuracy. Segments reviewed without a kept draft (before
the draft was kept, or written by hand into the store) cannot be compared and are only counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jtbd_kit.coding.model import FORCES


@dataclass
class Agreement:
    reviewed: int                   # reviewed segments in scope
    compared: int                   # of those, with the machine's draft kept
    stage_accuracy: float | None
    stage_kappa: float | None
    forces_f1: float | None         # micro F1 over (segment, force) pairs
    force_f1: dict[str, float | None] = field(default_factory=dict)
    emotion_accuracy: float | None = None
    changed: int = 0                # segments whose codes the researcher changed
    corrections: list[tuple[str, str, int]] = field(default_factory=list)  # machine stage -> human stage, count

    def to_dict(self) -> dict:
        """Plain JSON-ready numbers, rounded to 4 places."""
        out = {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}
        out["force_f1"] = {f: None if v is None else round(v, 4) for f, v in self.force_f1.items()}
        out["corrections"] = [{"machine": m, "human": h, "count": n} for m, h, n in self.corrections]
        return out


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two labelings; 1.0 when both use one same label throughout, None when empty."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def f1(tp: int, fp: int, fn: int) -> float | None:
    """F1 of one label; None when neither side ever used it (nothing to agree on)."""
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


def agreement(segments: list[dict]) -> Agreement:
    """Compare each reviewed segment's `machine_codes` (the draft) with its current codes (the verdict)."""
    pairs = [(s["machine_codes"], s) for s in segments if s.get("machine_codes")]
    n = len(pairs)
    machine_stages = [m["stage"] for m, _ in pairs]
    human_stages = [h["stage"] for _, h in pairs]
    counts = {f: Counter() for f in FORCES}
    for m, h in pairs:
        mf, hf = set(m.get("forces") or []), set(h["forces"] or [])
        for f in FORCES:
            counts[f]["tp"] += f in mf and f in hf
            counts[f]["fp"] += f in mf and f not in hf
            counts[f]["fn"] += f in hf and f not in mf
    total = Counter()
    for c in counts.values():
        total.update(c)
    corrections = Counter((a, b) for a, b in zip(machine_stages, human_stages) if a != b)
    changed = sum(any(_norm(m.get(k)) != _norm(h.get(k)) for k in ("stage", "forces", "emotion", "touchpoints", "pains"))
                  for m, h in pairs)
    return Agreement(
        reviewed=len(segments), compared=n,
        stage_accuracy=sum(a == b for a, b in zip(machine_stages, human_stages)) / n if n else None,
        stage_kappa=cohen_kappa(machine_stages, human_stages),
        forces_f1=f1(total["tp"], total["fp"], total["fn"]) if n else None,
        force_f1={f: f1(c["tp"], c["fp"], c["fn"]) for f, c in counts.items()},
        emotion_accuracy=sum((m.get("emotion") or 0) == (h["emotion"] or 0) for m, h in pairs) / n if n else None,
        changed=changed,
        corrections=[(a, b, k) for (a, b), k in corrections.most_common()],
    )


def _norm(value):
    """Codes as compared: lists without order, a missing emotion as neutral."""
    return sorted(value) if isinstance(value, list) else 0 if value is None else value
