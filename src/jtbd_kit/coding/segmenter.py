"""Sentences become units; after the stage pass, neighbouring units with the same codes merge.

Codes belong to segments, not whole turns: a turn is split wherever the stage, the forces or the
emotion changes between sentences, and nowhere else.
"""

from __future__ import annotations

import re
from operator import add

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import CUES, doc_array, doc_text, ext_key
from jtbd_kit.coding.model import Unit

if not Doc.has_extension("jtbd_units"):
    Doc.set_extension("jtbd_units", default=None)
UNITS = ext_key("jtbd_units")


# a sentence ends at one of these, when it is the last character of a token
END = re.compile(r"[.!?…]")
ENDS = frozenset(".!?…")
CLOSERS = frozenset(("»", '"', ")", "”"))


def split_units(doc: Doc) -> list[Unit]:
    """One unit per sentence (ends at . ! ? … before a word), carrying the cues inside it.

    Works on the text and token offset arrays, not Token objects, and looks only at the end marks
    in the text: this runs on every turn of every interview.
    """
    n = len(doc)
    if not n:
        return []
    text = doc_text(doc)
    idx = doc_array(doc, "IDX")
    lengths = doc_array(doc, "LENGTH")
    token_ending_at = dict(zip(map(add, idx, lengths), range(n)))
    cuts = [0]
    for mark in END.finditer(text):
        i = token_ending_at.get(mark.end(), n) + 1  # the token after the one this mark ends
        if i < n:
            a = idx[i]
            if not (text[a] in ENDS or text[a:a + lengths[i]] in CLOSERS):
                cuts.append(i)
    cuts.append(n)
    hits = doc.user_data.get(CUES) or []
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
    doc.user_data[UNITS] = split_units(doc)
    return doc
