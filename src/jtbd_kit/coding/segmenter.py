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
    for sent in doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        start, end = sent.start_char + lead, sent.start_char + len(text.rstrip())
        if end <= start:
            continue
        units.append(Unit(start, end, sent.start, sent.end,
                          [h for h in hits if sent.start <= h.start < sent.end]))
    return units


@Language.component("jtbd_segmenter")
def segmenter(doc: Doc) -> Doc:
    doc._.jtbd_units = split_units(doc)
    return doc
