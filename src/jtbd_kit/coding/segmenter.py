"""Sentences become units; after the stage pass, neighbouring units with the same codes merge.

Codes belong to segments, not whole turns: a turn is split wherever the stage, the forces or the
emotion changes between sentences, and nowhere else.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.model import Unit

if not Doc.has_extension("jtbd_units"):
    Doc.set_extension("jtbd_units", default=None)


def split_units(doc: Doc) -> list[Unit]:
    """One unit per sentence, trimmed of surrounding spaces, carrying the cues inside it."""
    units = []
    hits = doc._.jtbd_cues or []
    h = 0
    for sent in doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        start, end = sent.start_char + lead, sent.start_char + len(text.rstrip())
        inside = []
        while h < len(hits) and hits[h].start < sent.end:
            inside.append(hits[h])
            h += 1
        if end > start:
            units.append(Unit(start, end, sent.start, sent.end, inside))
    return units


@Language.component("jtbd_segmenter")
def segmenter(doc: Doc) -> Doc:
    doc._.jtbd_units = split_units(doc)
    return doc
