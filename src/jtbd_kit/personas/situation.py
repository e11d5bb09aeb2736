"""The respondent's situation as concept ids (children, health, money, study, ...), in any language.

Codes say how a person switched; the situation words say who they are and why the job arose,
and that is what separates personas whose forces look alike. Each language brings a data file,
`personas/concepts/<code>.yaml`, mapping the same concept ids to cue words, so a Ukrainian
parent and a Polish parent both count `children`. The everyday lexicon, `personas/lexicon/<code>.yaml`
(finer ids: grandson, knee, night shift), is read the same way (`lists="lexicon"`), and so is the
broad cross-lingual word table, `personas/dictionary/<code>.yaml` (`lists="dictionary"`). Adding a
language means adding its files.

A phrase may end in words marked `!` that must not follow it within a few words: `i rent !out`
is someone who rents their home, and not someone who rents a flat out (that is `hosting`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from jtbd_kit.transcript.model import ASIDE  # left out: counted, "laugh" set hand-typed transcripts apart

HERE = Path(__file__).resolve().parent
LISTS = ("concepts", "lexicon", "dictionary")  # coarse situation concepts; the everyday lexicon; the word table (their README.md)
TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
NOT_WITHIN = 4  # words after a phrase in which its `!word`s must not appear


def concepts_file(language: str, lists: str = "concepts") -> Path | None:
    """The language's concept file, or None (a language without one simply adds no situation features)."""
    path = HERE / lists / f"{language}.yaml"
    return path if lists in LISTS and re.fullmatch(r"[a-z]{2,3}", language or "") and path.is_file() else None


@lru_cache(maxsize=None)
def _cues(language: str, lists: str) -> tuple[dict[str, set[str]], list[tuple[str, str]],
                                  list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
    """(lemma -> concepts, [(prefix, concept)], [(concept, phrase lemmas, lemmas that must not follow)])."""
    from jtbd_kit.lang import read_yaml
    from jtbd_kit.personas.features import _lemmatizer

    path = concepts_file(language, lists)
    data = read_yaml(path) if path else {}
    lemma = _lemmatizer(language)
    words: dict[str, set[str]] = {}
    prefixes, phrases = [], []
    for concept, cues in (data or {}).items():
        for cue in cues or []:
            parts = [p for p in str(cue).lower().split() if not p.startswith("!")]
            nots = [p[1:] for p in str(cue).lower().split() if p.startswith("!") and len(p) > 1]
            if len(parts) > 1 or nots:  # one word with `!`s is a phrase of one
                phrases.append((str(concept), tuple(p if p.endswith("*") else lemma(p) for p in parts),
                                tuple(p if p.endswith("*") else lemma(p) for p in nots)))
            elif parts[0].endswith("*"):
                prefixes.append((parts[0].rstrip("*"), str(concept)))
            else:
                words.setdefault(lemma(parts[0]), set()).add(str(concept))
    return words, prefixes, phrases


def _fits(pattern: str, form: str, lemma: str) -> bool:
    return lemma.startswith(pattern[:-1]) or form.startswith(pattern[:-1]) if pattern.endswith("*") else lemma == pattern


@lru_cache(maxsize=None)
def _matcher(language: str, lists: str):
    """form -> (lemma, concepts the word alone signals, phrases it may start), cached per distinct form."""
    from jtbd_kit.personas.features import _lemmatizer

    words, prefixes, phrases = _cues(language, lists)
    lemma = _lemmatizer(language)
    # phrases by their first word's lemma, so a form is checked only against the phrases it may start
    # (the word table has hundreds); those starting with a `stem*` are few and checked one by one
    by_first: dict[str, list] = {}
    for phrase in phrases:
        by_first.setdefault("*" if phrase[1][0].endswith("*") else phrase[1][0], []).append(phrase)
    stem_first = by_first.pop("*", [])

    @lru_cache(maxsize=200_000)
    def hits(form: str) -> tuple[str, frozenset[str], tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]]:
        lem = lemma(form)
        alone = set(words.get(lem, ())) | {c for p, c in prefixes if lem.startswith(p) or form.startswith(p)}
        starts = by_first.get(lem, []) + [ph for ph in stem_first if _fits(ph[1][0], form, lem)]
        return lem, frozenset(alone), tuple(starts)

    return hits if words or prefixes or phrases else None


def situation_counts(text: str, language: str, lists: str = "concepts") -> Counter:
    """How often each concept of `lists` is mentioned in `text` (a word or phrase counts once per concept;
    bracketed asides are left out)."""
    return Counter(dict(_counts(text, language, lists)))


@lru_cache(maxsize=100_000)
def _counts(text: str, language: str, lists: str) -> tuple[tuple[str, int], ...]:
    """situation_counts, cached: clustering and describing read the same speech and segments again."""
    hits = _matcher(language, lists)
    if hits is None:
        return ()
    forms = TOKEN.findall(ASIDE.sub(" ", text).lower())
    found = [hits(f) for f in forms]
    bag: list[str] = []
    for i, (_lemma, alone, starts) in enumerate(found):
        bag.extend(alone)
        for concept, phrase, nots in starts:
            if concept in alone or i + len(phrase) > len(forms):
                continue
            for j in range(1, len(phrase)):
                if not _fits(phrase[j], forms[i + j], found[i + j][0]):
                    break
            else:
                after = range(i + len(phrase), min(len(forms), i + len(phrase) + NOT_WITHIN))
                if any(_fits(n, forms[k], found[k][0]) for n in nots for k in after):
                    continue
                bag.append(concept)
                alone = alone | {concept}  # one count per concept at this word
    return tuple(Counter(bag).items())
