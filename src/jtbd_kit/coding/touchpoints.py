"""Touchpoints: where the respondent met the product or advice (shared ids, e.g. `web_search`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import cue_kinds
from jtbd_kit.coding.segmenter import UNITS


@Language.component("jtbd_touchpoints")
def touchpoints(doc: Doc) -> Doc:
    units = doc.user_data.get(UNITS) or []
    if "touchpoints" not in cue_kinds(doc):
        for unit in units:
            unit.touchpoints = []
        return doc
    for unit in units:
        unit.touchpoints = sorted({h.key for h in unit.hits if h.kind == "touchpoints"})
    return doc
