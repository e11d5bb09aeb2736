"""One spaCy pipeline per language, built once per process from the language's data folder."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, LOWER, NORM
from spacy.language import Language

# What each new word's lexeme gets: the attributes the coding reads (lowercase form, title case,
# norm: jtbd_lemmas makes it the lemma) and the everyday ones (alpha, punctuation, space). spaCy's other lexical attributes (stop
# word, number-like, shape, URL- and e-mail-like, affixes, ...) run a Python function each per new
# word: several microseconds a word, more than its tokenizing, for attributes nothing here reads.
LEXEME_ATTRS = (LOWER, NORM, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE)
COMPONENTS = ("jtbd_segmenter", "jtbd_emotion", "jtbd_forces", "jtbd_touchpoints", "jtbd_pains", "jtbd_stage")
# what these set on a unit is read only for the respondent's units: the coding skips them on questions
ANSWER_ONLY = frozenset(("jtbd_emotion", "jtbd_forces", "jtbd_touchpoints", "jtbd_pains"))


@lru_cache(maxsize=None)
def pipeline(code: str) -> Language:
    """spacy.blank(lang) + cached lemmas + cue matchers + the coding components."""
    import spacy

    from jtbd_kit.coding import cues, emotion, forces, lemmas, pains, segmenter, stage, touchpoints  # noqa: F401
    from jtbd_kit.lang import load_language

    lang = load_language(code)
    nlp = spacy.blank(lang["language"].get("spacy", code))
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in LEXEME_ATTRS if attr in getters}
    nlp.add_pipe("jtbd_lemmas", config={"code": code})
    nlp.add_pipe("jtbd_cues", config={"code": code})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
