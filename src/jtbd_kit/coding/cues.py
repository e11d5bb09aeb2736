"""Cue lexicons from the language data, matched with spaCy's PhraseMatcher and Matcher.

A cue is written in a data file as words: `read reviews` matches any inflection of those words
(compared by lemma), `review*` matches lemmas starting with `review`, and `=was` matches that exact
word form (for tense and function words that lemmas would blur). A cue list may be a plain list
(weight 1) or split into `strong` (2), `cues` (1) and `weak` (0.5).
"""

from __future__ import annotations

from collections import defaultdict
import re
from collections.abc import Iterable
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

WEIGHTS = {"strong": 2.0, "cues": 1.0, "weak": 0.5}
# data file -> kind of cue; each file maps a key (stage, force, concept id, ...) to cues
KINDS = ("stages", "questions", "forces", "emotion", "touchpoints", "pains", "time")


class Hit(NamedTuple):
    """One cue found in a doc: tokens [start, end), what it signals and how strongly.

    A named tuple, not a dataclass: thousands are made per interview and a tuple is cheap to build.
    """

    start: int
    end: int
    kind: str
    key: str
    weight: float
    text: str


def cue_entries(lang: dict) -> Iterable[tuple[str, str, float, str]]:
    """(kind, key, weight, cue text) for every cue in a language's data files."""
    for kind in KINDS:
        for key, value in lang.get(kind, {}).items():
            groups = value if isinstance(value, dict) else {"cues": value}
            for group, cues in groups.items():
                weight = WEIGHTS.get(group)
                if weight is None or not isinstance(cues, list):
                    raise ValueError(f"{lang['dir']}/{kind}.yaml: {key}: use a list, or strong/cues/weak lists")
                for cue in cues:
                    yield kind, str(key), weight, str(cue).strip()


class Lexicon:
    """All cues of one language, compiled for fast matching on lemmatised docs."""

    def __init__(self, nlp: Language, lang: dict) -> None:
        self.vocab = nlp.vocab
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.form_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.prefixes: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, tuple[str, str, float]] = {}
        self._prefix_cache: dict[int, tuple[str, ...]] = {}
        lemmas = nlp.get_pipe("jtbd_lemmas")
        lemma_docs, form_docs, patterns = defaultdict(list), defaultdict(list), defaultdict(list)
        for kind, key, weight, cue in cue_entries(lang):
            label = f"{kind}|{key}|{weight:g}"
            self.labels[label] = (kind, key, weight)
            if cue.startswith("="):
                form_docs[label].append(nlp.make_doc(cue[1:].lower()))
            elif "*" not in cue:
                lemma_docs[label].append(lemmas(nlp.make_doc(cue.lower())))
            elif " " not in cue:
                self.prefixes[cue.rstrip("*").lower()].append(label)
            else:
                pattern = []
                for word in cue.lower().split():
                    if word.endswith("*"):
                        pattern.append({"LEMMA": {"REGEX": "^" + re.escape(word.rstrip("*"))}})
                    else:
                        pattern += [{"LEMMA": t.lemma_} for t in lemmas(nlp.make_doc(word))]
                patterns[label].append(pattern)
        for label, docs in lemma_docs.items():
            self.lemma_matcher.add(label, docs)
        for label, docs in form_docs.items():
            self.form_matcher.add(label, docs)
        for label, pats in patterns.items():
            self.matcher.add(label, pats)
        self.max_prefix = max(map(len, self.prefixes), default=0)

    def _prefix_labels(self, lemma_hash: int) -> tuple[str, ...]:
        hit = self._prefix_cache.get(lemma_hash)
        if hit is None:
            lemma = self.vocab.strings[lemma_hash]
            found: list[str] = []
            for n in range(1, min(len(lemma), self.max_prefix) + 1):
                found += self.prefixes.get(lemma[:n], ())
            hit = self._prefix_cache[lemma_hash] = tuple(found)
        return hit

    def __call__(self, doc: Doc) -> list[Hit]:
        strings, labels = self.vocab.strings, self.labels
        found: list[tuple[int, int, str]] = []
        for matcher in (self.lemma_matcher, self.form_matcher, self.matcher):
            if len(matcher):
                found += [(start, end, strings[match_id]) for match_id, start, end in matcher(doc)]
        if self.prefixes:
            lemmas = doc_array(doc, "LEMMA")
            for i, labels_here in enumerate(map(self._prefix_cache.get, lemmas)):
                if labels_here is None:
                    labels_here = self._prefix_labels(lemmas[i])
                for label in labels_here:
                    found.append((i, i + 1, label))
        if not found:
            return []
        text = doc_text(doc)
        starts = doc_array(doc, "IDX")
        lengths = doc_array(doc, "LENGTH")
        hits = [Hit(start, end, *labels[label], text[starts[start]:starts[end - 1] + lengths[end - 1]])
                for start, end, label in found]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def doc_text(doc: Doc) -> str:
    """The doc's text; `code_transcript` stores the turn's string so it need not be rebuilt from tokens."""
    return doc.user_data.get("jtbd_text") or doc.text


def doc_array(doc: Doc, attr: str) -> list[int]:
    """A token attribute as a list, made once per doc: the lemmas, cues, segmenter and coder all read them."""
    key = f"jtbd_{attr}"
    got = doc.user_data.get(key)
    if got is None:
        got = doc.user_data[key] = doc.to_array(attr).tolist()
    return got


if not Doc.has_extension("jtbd_cues"):
    Doc.set_extension("jtbd_cues", default=None)


@Language.factory("jtbd_cues", default_config={"code": ""})
def make_cues(nlp: Language, name: str, code: str):
    """Finds every cue of the language in the doc: `doc._.jtbd_cues` is a list of Hit."""
    from jtbd_kit.lang import load_language

    lexicon = Lexicon(nlp, load_language(code))

    def find_cues(doc: Doc) -> Doc:
        doc._.jtbd_cues = lexicon(doc)
        return doc

    return find_cues
