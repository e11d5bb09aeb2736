"""One spaCy pipeline per language, built once per process from the language's data folder."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

COMPONENTS = ("jtbd_segmenter", "jtbd_emotion", "jtbd_forces", "jtbd_touchpoints", "jtbd_pains", "jtbd_stage")


@lru_cache(maxsize=None)
def pipeline(code: str) -> Language:
    """spacy.blank(lang) + cached lemmas + cue matchers + the coding components."""
    import spacy

    from jtbd_kit.coding import cues, emotion, forces, lemmas, pains, segmenter, stage, touchpoints  # noqa: F401
    from jtbd_kit.lang import load_language

    lang = load_language(code)
    nlp = spacy.blank(lang["language"].get("spacy", code))
    nlp.add_pipe("jtbd_lemmas", config={"code": code})
    nlp.add_pipe("jtbd_cues", config={"code": code})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
