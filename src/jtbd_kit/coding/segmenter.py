"""Sentences become units; after the stage pass, neighbouring units with the same codes merge.

Codes belong to segments, not whole turns: a turn is split wherever the stage, the forces or the
emotion changes between sentences, and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import CUES, cue_kinds, doc_array, doc_text, ext_key
from jtbd_kit.coding.model import Unit

if not Doc.has_extension("jtbd_units"):
    Doc.set_extension("jtbd_units", default=None)
UNITS = ext_key("jtbd_units")


# a sentence ends at one of these, when it is the last character of a token
ENDS = frozenset(".!?…")
CLOSERS = frozenset(("»", '"', ")", "”"))


def end_marks(text: str) -> list[int]:
    """Where the text has an end mark (ENDS), in order.

    A str.find per mark character scans at C speed; a regex over `[.!?…]` steps through every
    character, and a turn has hundreds of characters but a handful of marks.
    """
    found = []
    for mark in ENDS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


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
    cuts = [0]
    for at in end_marks(text):
        # the token holding the mark (a bisect: tokens are in order, never empty); a cut goes
        # before the token after it when the mark is that token's last character
        i = bisect_right(idx, at)
        if 0 < i < n and idx[i - 1] + lengths[i - 1] == at + 1:
            a = idx[i]
            if not (text[a] in ENDS or text[a:a + lengths[i]] in CLOSERS):
                cuts.append(i)
    cuts.append(n)
    hits = doc.user_data.get(CUES) or []
    starts = list(map(itemgetter(0), hits))  # Hit.start; the hits are in order of it
    units, h = [], 0
    for a, b in zip(cuts, cuts[1:]):
        end = bisect_left(starts, b, h)
        units.append(Unit(idx[a], idx[b - 1] + lengths[b - 1], a, b, hits[h:end]))
        h = end
    return units


@Language.component("jtbd_segmenter")
def segmenter(doc: Doc) -> Doc:
    doc.user_data[UNITS] = split_units(doc)
    return doc


def set_unit_keys(doc: Doc, kind: str) -> None:
    """Sets on each unit of the doc that has cues of one kind (`pains`, `touchpoints`, the attribute
    of that name) their sorted keys; the others keep the empty lists they were made with.

    Most turns have none of a kind: a doc without it is left without a look at its hits.
    """
    if kind not in cue_kinds(doc):
        return
    for unit in doc.user_data.get(UNITS) or []:
        keys = set()
        for h in unit.hits:  # a loop, not a comprehension per unit (a function call in Python 3.11)
            if h.kind == kind:
                keys.add(h.key)
        if keys:
            setattr(unit, kind, sorted(keys))
