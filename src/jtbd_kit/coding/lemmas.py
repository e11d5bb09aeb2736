"""Lemmas for blank pipelines, cached per word form.

A blank pipeline has no tagger, so each language names a lemma source in `language.yaml`:
`lookup` (spaCy's lookup tables from spacy-lookups-data), `pymorphy3` (the analyser spaCy's
ru/uk lemmatizer uses; we take its best parse, since without POS tags spaCy's own pymorphy3 mode
keeps the surface form of every ambiguous word), `simplemma` (Polish: spacy-lookups-data has only
POS-split tables there, which a blank pipeline cannot pick between), or `none`. An optional
`lemmas.yaml` (form: lemma) in the language folder is consulted first, so a new language can bring
its own small table. Each distinct form is analysed once per process. Typographic apostrophes
(’ ʼ) are read as ' first, so з’явилася and з'явилася are one word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from jtbd_kit.coding.cues import WorkedOut, doc_array


APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def _word(w: str) -> bool:
    """Letters only, an apostrophe inside allowed (з'явився, п'ять)."""
    return w.replace("'", "").isalpha()


def lemma_source(lang: dict) -> Callable[[str], str]:
    """The uncached form -> lemma function named by the language's data."""
    conf = lang["language"]
    kind = conf.get("lemmatizer", "none")
    code = conf.get("spacy", lang["code"])
    if kind == "lookup":
        from spacy.lookups import load_lookups

        table = load_lookups(code, ["lemma_lookup"]).get_table("lemma_lookup")
        base = lambda w: table.get(w, w)  # noqa: E731
    elif kind == "pymorphy3":
        import pymorphy3

        morph = pymorphy3.MorphAnalyzer(lang=code)
        base = lambda w: morph.parse(w)[0].normal_form if _word(w) else w  # noqa: E731
    elif kind == "simplemma":
        import simplemma

        base = lambda w: simplemma.lemmatize(w, lang=code) if w.isalpha() else w  # noqa: E731
    elif kind == "none":
        base = str
    else:
        raise ValueError(f"unknown lemmatizer {kind!r} in {lang['dir']}/language.yaml")
    own = Path(lang["dir"]) / "lemmas.yaml"
    if own.is_file():
        import yaml

        table_own = {str(k).lower().translate(APOSTROPHES): str(v).lower()
                     for k, v in (yaml.safe_load(own.read_text("utf-8")) or {}).items()}
        return lambda w: table_own.get(w.translate(APOSTROPHES)) or _base(base, w)
    return lambda w: _base(base, w)


def _base(base: Callable[[str], str], w: str) -> str:
    """The lemma source's answer, lowercased; a one-letter word is its own lemma."""
    w = w.translate(APOSTROPHES)
    return base(w).lower() if len(w) > 1 else w


class Lemmas:
    """Sets each token's lemma from a per-form cache over the language's lemma source.

    Works on lists of string hashes (no Token objects), so a warm cache costs a dict lookup
    per word. Besides the token attribute, the doc's lemma hashes and lemma strings are kept in
    `doc.user_data` (`jtbd_LEMMA`, `jtbd_lemma_text`) for the cues and the coder.
    """

    def __init__(self, source: Callable[[str], str], strings: StringStore) -> None:
        self.source = source
        self.strings = strings  # the pipeline's vocabulary strings: every doc it lemmatises uses them
        self.cache: dict[int, int] = WorkedOut(self._add)  # hash of the lowercase form -> hash of its lemma
        self.text: dict[int, str] = {}  # hash of the lowercase form -> its lemma

    def _add(self, low: int) -> int:
        """Look a new form up in the lemma source (a form seen before is answered by the cache)."""
        lemma = self.source(self.strings[low])
        got = self.cache[low] = self.strings.add(lemma)
        self.text[low] = lemma
        return got

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lowers = doc_array(doc, "LOWER")
        out = list(map(self.cache.__getitem__, lowers))  # a form not seen yet is looked up here
        doc.from_array("LEMMA", numpy.array(out, dtype=numpy.uint64))
        doc.user_data["jtbd_LEMMA"] = out  # read again by the cues and the coder (cues.doc_array)
        doc.user_data["jtbd_lemma_text"] = list(map(self.text.__getitem__, lowers))
        return doc


@Language.factory("jtbd_lemmas", default_config={"code": ""})
def make_lemmas(nlp: Language, name: str, code: str) -> Lemmas:
    from jtbd_kit.lang import load_language

    return Lemmas(lemma_source(load_language(code)), nlp.vocab.strings)
