"""Pains: what hurts about the old way or the switch (shared ids, e.g. `price`, `setup_effort`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import cue_kinds
from jtbd_kit.coding.segmenter import UNITS


@Language.component("jtbd_pains")
def pains(doc: Doc) -> Doc:
    units = doc.user_data.get(UNITS) or []
    if "pains" not in cue_kinds(doc):
        for unit in units:
            unit.pains = []
        return doc
    for unit in units:
        unit.pains = sorted({h.key for h in unit.hits if h.kind == "pains"})
    return doc
