"""Cue lexicons from the language data, matched with spaCy's PhraseMatcher and on lemma hashes.

A cue is written in a data file as words: `read reviews` matches any inflection of those words
(compared by lemma), `review*` matches lemmas starting with `review`, and `=was` matches that exact
word form (for tense and function words that lemmas would blur). A cue list may be a plain list
(weight 1) or split into `strong` (2), `cues` (1) and `weak` (0.5). An emotion or force cue matched
by lemma never fires on a capitalised word inside a sentence: that is a name (Rob, Joy, Шкода).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
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


_new_tuple = tuple.__new__  # Hit from a plain tuple at C speed (Hit(...) runs a generated Python __new__)


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


class WorkedOut(dict):
    """A per-word cache whose missing keys `find` works out (and stores) the first time they are asked for.

    A plain `dict.__getitem__` then serves the words seen before at C speed (`map` over a doc's
    hashes), and only a new word costs a Python call.
    """

    def __init__(self, find: Callable) -> None:
        super().__init__()
        self.find = find

    def __missing__(self, key):
        return self.find(key)


class Lexicon:
    """All cues of one language, compiled for fast matching on lemmatised docs.

    Plain phrases go to spaCy's PhraseMatcher (C speed); single-word prefixes and phrases with a
    prefix word are matched here on the doc's lemmas, only at the tokens whose lexeme has the
    CUE_START flag, since spaCy's token Matcher reads every token as a Python object.
    """

    def __init__(self, nlp: Language, lang: dict) -> None:
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="NORM")  # a word's lemma is its NORM (lemmas.py)
        self.form_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefixes: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, tuple[str, str, float]] = {}
        # a phrase with a prefix word: (label, ((is_prefix, lemma or prefix), ...)), in the
        # order they were written, as spaCy's Matcher would report them
        self.sequences: list[tuple[str, tuple[tuple[bool, str], ...]]] = []
        # lemma -> (single-word prefix labels, indexes of sequences whose first word it fits)
        self._starts: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = WorkedOut(self._start_of)
        strings = nlp.vocab.strings
        lemma_docs, form_docs, patterns = defaultdict(list), defaultdict(list), defaultdict(list)
        for kind, key, weight, cue in cue_entries(lang):
            label = f"{kind}|{key}|{weight:g}"
            self.labels[label] = (kind, key, weight)
            if cue.startswith("="):
                form_docs[label].append(nlp.make_doc(cue[1:].lower()))
            elif "*" not in cue:
                lemma_docs[label].append(nlp.make_doc(cue.lower()))
            elif " " not in cue:
                self.prefixes[cue.rstrip("*").lower()].append(label)
            else:
                pattern: list[tuple[bool, str]] = []
                for word in cue.lower().split():
                    if word.endswith("*"):
                        pattern.append((True, word.rstrip("*")))
                    else:
                        pattern += [(False, t.norm_) for t in nlp.make_doc(word)]
                patterns[label].append(tuple(pattern))
        for label, docs in lemma_docs.items():
            self.lemma_matcher.add(label, docs)
        for label, docs in form_docs.items():
            self.form_matcher.add(label, docs)
        self.sequences = [(label, pat) for label, pats in patterns.items() for pat in pats]
        self.by_hash = {strings.add(label): value for label, value in self.labels.items()}
        self.feelings = frozenset(value for value in self.labels.values() if value[0] in FEELINGS)
        # what a new lemma is checked against (an hour brings hundreds): the prefixes' first
        # letters, then its own first letters; the sequences by their first word
        self.shortest = min(map(len, self.prefixes), default=0)
        self.max_prefix = max(map(len, self.prefixes), default=0)
        self.heads = frozenset(prefix[:self.shortest] for prefix in self.prefixes)
        self.first_exact: dict[str, list[int]] = defaultdict(list)  # lemma -> sequence indexes
        self.first_prefix: list[tuple[int, str]] = []
        for j, (_label, (first, *_rest)) in enumerate(self.sequences):
            if first[0]:
                self.first_prefix.append((j, first[1]))
            else:
                self.first_exact[first[1]].append(j)
        # each word's lexeme carries whether anything may start at it, worked out when spaCy first
        # meets the word: a doc's candidate tokens are then picked from a C-made column
        from jtbd_kit.coding.lemmas import LEMMAS

        self.lemma_text = LEMMAS  # a lemma hash (a token's NORM) -> the lemma
        lemma = nlp.get_pipe("jtbd_lemmas").lemma
        nlp.vocab.add_flag(lambda form: bool(self._starts[lemma(form)]), IDS[CUE_START])

    @staticmethod
    def _fits(element: tuple[bool, str], lemma: str) -> bool:
        """Whether one word of a sequence fits a lemma (a prefix, or the exact lemma)."""
        is_prefix, value = element
        return lemma.startswith(value) if is_prefix else lemma == value

    def _start_of(self, lemma: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """What may start at a token with this lemma: prefix labels and sequence indexes (cached)."""
        found: list[str] = []
        if lemma[:self.shortest] in self.heads:
            for n in range(max(1, self.shortest), min(len(lemma), self.max_prefix) + 1):
                found += self.prefixes.get(lemma[:n], ())
        seqs = tuple(sorted([*self.first_exact.get(lemma, ()),
                             *(j for j, prefix in self.first_prefix if lemma.startswith(prefix))]))
        got = self._starts[lemma] = (tuple(found), seqs) if found or seqs else ()
        return got

    def __call__(self, doc: Doc) -> list[Hit]:
        by_hash, labels = self.by_hash, self.labels
        found: list[tuple[int, int, tuple[str, str, float]]] = []
        if len(self.form_matcher):
            found += [(start, end, by_hash[match_id]) for match_id, start, end in self.form_matcher(doc)]
        by_lemma = len(found)  # from here on, matched by lemma: a name is no feeling ("Rob" is not "robbed")
        if len(self.lemma_matcher):
            found += [(start, end, by_hash[match_id]) for match_id, start, end in self.lemma_matcher(doc)]
        starts = doc_array(doc, CUE_START)
        if 1 in starts:
            lemmas, text = doc_array(doc, "NORM"), self.lemma_text
            singles: list[tuple[int, int, tuple[str, str, float]]] = []
            n = len(lemmas)
            for i in compress(range(n), starts):  # only the tokens something may start at, picked at C speed
                here = self._starts[text[lemmas[i]]]
                singles += [(i, i + 1, labels[label]) for label in here[0]]
                seen: set[tuple[str, int]] = set()
                for j in here[1]:
                    label, pat = self.sequences[j]
                    end = i + len(pat)
                    if end <= n and (label, end) not in seen and all(
                            self._fits(el, text[h]) for el, h in zip(pat[1:], lemmas[i + 1:end])):
                        seen.add((label, end))  # one match per label and span, as spaCy's Matcher reports
                        found.append((i, end, labels[label]))
            found += singles
        # names are looked for only where a feeling was matched by lemma (at C speed: the labels' set),
        # and only on its capitalised words
        if not self.feelings.isdisjoint(map(itemgetter(2), found[by_lemma:])):
            titles = doc_array(doc, "IS_TITLE")
            found[by_lemma:] = [f for f in found[by_lemma:] if f[2][0] not in FEELINGS
                                or 1 not in titles[f[0]:f[1]] or not named(doc, f[0], f[1])]
        if not found:
            return []
        text = doc_text(doc)
        starts_at = doc_array(doc, "IDX")
        lengths = doc_array(doc, "LENGTH")
        # in order of start, longest first, else as found: two stable sorts on C-level keys
        found.sort(key=itemgetter(1), reverse=True)
        found.sort(key=itemgetter(0))
        return [_new_tuple(Hit, (start, end, kind, key, weight, text[starts_at[start]:starts_at[end - 1] + lengths[end - 1]]))
                for start, end, (kind, key, weight) in found]


def ext_key(name: str) -> tuple[str, str, None, None]:
    """Where spaCy keeps `doc._.<name>` in `doc.user_data`.

    The components read and write it there directly: the `doc._` proxy costs microseconds per
    access, and every component reads every doc's units. `doc._.<name>` still works for callers.
    """
    return ("._.", name, None, None)


CUES = ext_key("jtbd_cues")


# cue kinds a name must not trigger; brands stay touchpoints (Instagram, Google)
FEELINGS = ("emotion", "forces")
SENTENCE_START = frozenset((".", "!", "?", "…", ":", "(", "—", "–", '"', "«", "„"))


def named(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold a capitalised word inside a sentence: a name or brand (Rob, Шкода)."""
    titles, starts_at, lengths = doc_array(doc, "IS_TITLE"), doc_array(doc, "IDX"), doc_array(doc, "LENGTH")
    text = doc_text(doc)
    for i in range(max(1, start), end):
        if titles[i] and lengths[i] > 1 and token_text(text, starts_at, lengths, i - 1) not in SENTENCE_START:
            return True
    return False


def token_text(text: str, starts_at: Sequence[int], lengths: Sequence[int], i: int) -> str:
    """Token i's text from the doc's text and token offsets (doc_array IDX, LENGTH), without a Token object."""
    return text[starts_at[i]:starts_at[i] + lengths[i]]


CUE_KINDS = "jtbd_cue_kinds"


def cue_kinds(doc: Doc) -> frozenset[str]:
    """The kinds of cue the doc has (`forces`, `pains`, ...), kept by the cue component.

    A component looking for one kind hands a doc without it the empty result at once: most turns
    have no touchpoint, no pain, and many no force or feeling.
    """
    got = doc.user_data.get(CUE_KINDS)
    if got is None:
        got = frozenset(map(itemgetter(2), doc.user_data.get(CUES) or ()))  # Hit.kind
    return got


def doc_text(doc: Doc) -> str:
    """The doc's text; `code_transcript` stores the turn's string so it need not be rebuilt from tokens."""
    return doc.user_data.get("jtbd_text") or doc.text


# token attributes every doc needs, read as lists from one `to_array` call (each call costs
# microseconds, and each attribute in it some more per token). The few tokens whose text is looked
# at (the word before a capitalised one, the few after a negation) are sliced from the doc's text
# (token_text): no ORTH column
# NORM is the lemma's hash (lemmas.py); CUE_START, a lexeme flag, marks the words a lemma cue may start at (Lexicon)
CUE_START = "FLAG63"
TOKEN_ATTRS = ("NORM", "IDX", "LENGTH", "IS_TITLE", CUE_START)
_TOKEN_IDS = [IDS[name] for name in TOKEN_ATTRS]  # ids, not names: to_array need not look them up
_KEYS = {name: f"jtbd_{name}" for name in TOKEN_ATTRS}
_TOKEN_KEYS = tuple(_KEYS[name] for name in TOKEN_ATTRS)


def doc_array(doc: Doc, attr: str) -> Sequence[int]:
    """A token attribute as a list, made once per doc: the lemmas, cues, segmenter and coder all read them."""
    key = _KEYS.get(attr) or f"jtbd_{attr}"
    got = doc.user_data.get(key)
    if got is None:
        if attr in TOKEN_ATTRS:
            # the transposed copy is contiguous: tolist then walks it row by row
            doc.user_data.update(zip(_TOKEN_KEYS, doc.to_array(_TOKEN_IDS).T.copy().tolist()))
            return doc.user_data[key]
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
        doc.user_data[CUES] = lexicon(doc)
        doc.user_data[CUE_KINDS] = cue_kinds(doc)  # worked out once here, read by every component
        return doc

    return find_cues
