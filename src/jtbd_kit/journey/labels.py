"""Words on a journey map, in the study's language: one YAML file per language under labels/.

Adding a language means adding `labels/<code>.yaml`; any key it lacks falls back to English, and a
concept nobody labelled shows as its id with underscores turned into spaces.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LABELS_DIR = Path(__file__).with_name("labels")
FALLBACK = "en"


def languages() -> list[str]:
    """Languages that have a labels file."""
    return sorted(p.stem for p in LABELS_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def _load(lang: str) -> dict:
    path = LABELS_DIR / f"{lang}.yaml"
    if lang not in languages():
        return {}
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


class Labels:
    """Lookups into one language's labels with the English file and the id as fallbacks."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in languages() else FALLBACK
        self._chain = [_load(self.lang), _load(FALLBACK)]

    def _get(self, *keys: str):
        for data in self._chain:
            node = data
            for k in keys:
                node = node.get(k) if isinstance(node, dict) else None
            if node is not None:
                return node
        return None

    def ui(self, key: str, **fmt: str) -> str:
        text = self._get("ui", key) or key
        return text.format(**fmt) if fmt else text

    def stage(self, stage_id: str, field: str = "label") -> str:
        return self._get("stages", stage_id, field) or stage_id.replace("_", " ")

    def stage_set(self, set_id: str) -> str:
        return self._get("stage_sets", set_id) or set_id

    def metric(self, metric_id: str) -> str:
        return self._get("metrics", metric_id) or metric_id.replace("_", " ")

    def force(self, force: str) -> str:
        return self._get("forces", force) or force

    def concept(self, concept_id: str) -> str:
        return self._get("concepts", concept_id) or str(concept_id).replace("_", " ")

    def question_cues(self) -> dict:
        """Words that tell a respondent's own question from a hedged answer (see journey/evidence.py)."""
        return self._get("question_cues") or {}

    def template(self, key: str, **fmt: str) -> str:
        return (self._get("templates", key) or key).format(**fmt)
