"""Pains: what hurts about the old way or the switch (shared ids, e.g. `price`, `setup_effort`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.segmenter import UNITS, unit_keys


@Language.component("jtbd_pains")
def pains(doc: Doc) -> Doc:
    found = unit_keys(doc, "pains")
    if found is not None:
        for unit, keys in zip(doc.user_data[UNITS], found):
            unit.pains = keys
    return doc
