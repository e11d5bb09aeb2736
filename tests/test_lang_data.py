"""Language data is plain text: YAML must not turn a cue into a boolean or a number.

Unquoted `no`, `yes`, `on` or `900` in a list load as False, True or 900, and such a cue silently
never fires (English "no" once stopped negating anything this way).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "jtbd_kit"
FILES = sorted((PACKAGE / "lang").glob("*/*.yaml")) + sorted((PACKAGE / "personas" / "concepts").glob("*.yaml"))


def list_items(node, path=()):
    """(where, item) for every scalar inside a list, at any depth."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from list_items(v, (*path, str(k)))
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, (dict, list)):
                yield from list_items(v, path)
            else:
                yield ".".join(path), v


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_cue_is_text(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = [(where, v) for where, v in list_items(data) if not isinstance(v, str)]
    assert not bad, f"{path}: quote these entries: {bad}"
