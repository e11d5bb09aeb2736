"""Stage sets as data: which map stages exist, in timeline order, and which coded stages feed each.

`stages/jtbd.yaml` is the JTBD switch timeline (the default); `stages/cjm.yaml` maps it onto the
classic customer-journey stages. A new set is a new YAML file, no code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from jtbd_kit.errors import UserError

STAGES_DIR = Path(__file__).with_name("stages")
DEFAULT_SET = "jtbd"


def stage_set_names() -> list[str]:
    return sorted(p.stem for p in STAGES_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def load_stage_set(name: str) -> list[dict]:
    """The stages of a set in timeline order: [{id, from: [coded stages], metrics: [ids]}]."""
    if name not in stage_set_names():
        raise UserError(f"unknown stage set {name!r}", None, None, f"use one of: {', '.join(stage_set_names())}")
    with (STAGES_DIR / f"{name}.yaml").open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return [{"id": s["id"], "from": list(s["from"]), "metrics": list(s.get("metrics") or [])}
            for s in data["stages"]]
