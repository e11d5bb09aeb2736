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

from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from jtbd_kit.coding.cues import WorkedOut


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


# the hash of every lemma the coder's pipelines made -> the lemma (a token's NORM is the hash)
LEMMAS: dict[int, str] = {}


class Lemmas:
    """Each word's lemma kept as its lexeme's NORM, worked out once per new word.

    A lemma here depends on the lowercase form alone, so it is a property of the lexeme: spaCy
    calls the NORM getter once when it first meets a word, and from then on every token's lemma
    is read in C with the doc's other token columns (cues.doc_array), as a hash; LEMMAS gives its
    text. The tokenizer's special cases lose their own norms (`n't` -> `not`), which would
    override the lexeme's for those tokens. So nothing is left to do per doc.
    """

    def __init__(self, source: Callable[[str], str], nlp: Language) -> None:
        self.source = source
        self.strings = nlp.vocab.strings
        self.lemmas: dict[str, str] = WorkedOut(self._add)  # lowercase form -> lemma
        nlp.vocab.lex_attr_getters[NORM] = self.lemma
        for lex in nlp.vocab:  # the words spaCy met before this getter was set
            lex.norm_ = self.lemma(lex.orth_)
        nlp.tokenizer.rules = {chunk: [{ORTH: token[ORTH]} for token in tokens]
                               for chunk, tokens in nlp.tokenizer.rules.items()}

    def lemma(self, form: str) -> str:
        """The lemma of a word form (a form seen before in any case is answered by the cache)."""
        return self.lemmas[form.lower()]

    def _add(self, low: str) -> str:
        """Look a new lowercase form up in the lemma source."""
        got = self.lemmas[low] = self.source(low)
        LEMMAS[self.strings.add(got)] = got
        return got

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("jtbd_lemmas", default_config={"code": ""})
def make_lemmas(nlp: Language, name: str, code: str) -> Lemmas:
    from jtbd_kit.lang import load_language

    return Lemmas(lemma_source(load_language(code)), nlp)
