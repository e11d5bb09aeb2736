"""Pains: what hurts about the old way or the switch (shared ids, e.g. `price`, `setup_effort`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.segmenter import set_unit_keys


@Language.component("jtbd_pains")
def pains(doc: Doc) -> Doc:
    set_unit_keys(doc, "pains")
    return doc
