"""Sentences become units; after the stage pass, neighbouring units with the same codes merge.

Codes belong to segments, not whole turns: a turn is split wherever the stage, the forces or the
emotion changes between sentences, and nowhere else.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import doc_array, doc_text
from jtbd_kit.coding.model import Unit

if not Doc.has_extension("jtbd_units"):
    Doc.set_extension("jtbd_units", default=None)


ENDS = frozenset(".!?…")


def split_units(doc: Doc) -> list[Unit]:
    """One unit per sentence (ends at . ! ? … before a word), carrying the cues inside it.

    Works on token arrays, not Token objects: this runs on every turn of every interview.
    """
    n = len(doc)
    if not n:
        return []
    text = doc_text(doc)
    idx = doc_array(doc, "IDX")
    lengths = doc_array(doc, "LENGTH")
    words = [text[i:i + k] for i, k in zip(idx, lengths)]
    cuts = [0]
    for i in range(1, n):
        prev = words[i - 1]
        if prev and prev[-1] in ENDS and not (words[i][0] in ENDS or words[i] in ("»", '"', ")", "”")):
            cuts.append(i)
    cuts.append(n)
    hits = doc._.jtbd_cues or []
    units, h = [], 0
    for a, b in zip(cuts, cuts[1:]):
        inside = []
        while h < len(hits) and hits[h].start < b:
            inside.append(hits[h])
            h += 1
        units.append(Unit(idx[a], idx[b - 1] + lengths[b - 1], a, b, inside))
    return units


@Language.component("jtbd_segmenter")
def segmenter(doc: Doc) -> Doc:
    doc._.jtbd_units = split_units(doc)
    return doc
