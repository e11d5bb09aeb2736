"""Touchpoints: where the respondent met the product or advice (shared ids, e.g. `web_search`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.segmenter import set_unit_keys


@Language.component("jtbd_touchpoints")
def touchpoints(doc: Doc) -> Doc:
    set_unit_keys(doc, "touchpoints")
    return doc
