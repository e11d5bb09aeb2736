"""The respondent's situation as concept ids (children, health, money, study, ...), in any language.

Codes say how a person switched; the situation words say who they are and why the job arose,
and that is what separates personas whose forces look alike. Each language brings a data file,
`personas/concepts/<code>.yaml`, mapping the same concept ids to cue words, so a Ukrainian
parent and a Polish parent both count `children`. Adding a language means adding a file.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent / "concepts"
TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def concepts_file(language: str) -> Path | None:
    """The language's concept file, or None (a language without one simply adds no situation features)."""
    path = HERE / f"{language}.yaml"
    return path if re.fullmatch(r"[a-z]{2,3}", language or "") and path.is_file() else None


@lru_cache(maxsize=None)
def _cues(language: str) -> tuple[dict[str, set[str]], list[tuple[str, str]], list[tuple[str, tuple[str, ...]]]]:
    """(lemma -> concepts, [(prefix, concept)], [(concept, phrase lemmas)]) compiled from the data file."""
    import yaml

    from jtbd_kit.personas.features import _lemmatizer

    path = concepts_file(language)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else {}
    lemma = _lemmatizer(language)
    words: dict[str, set[str]] = {}
    prefixes, phrases = [], []
    for concept, cues in (data or {}).items():
        for cue in cues or []:
            parts = str(cue).lower().split()
            if len(parts) > 1:
                phrases.append((str(concept), tuple(p if p.endswith("*") else lemma(p) for p in parts)))
            elif parts[0].endswith("*"):
                prefixes.append((parts[0].rstrip("*"), str(concept)))
            else:
                words.setdefault(lemma(parts[0]), set()).add(str(concept))
    return words, prefixes, phrases


def _fits(pattern: str, form: str, lemma: str) -> bool:
    return lemma.startswith(pattern[:-1]) or form.startswith(pattern[:-1]) if pattern.endswith("*") else lemma == pattern


def situation_counts(text: str, language: str) -> Counter:
    """How often each situation concept is mentioned in `text` (one count per word or phrase)."""
    from jtbd_kit.personas.features import _lemmatizer

    words, prefixes, phrases = _cues(language)
    if not (words or prefixes or phrases):
        return Counter()
    lemma = _lemmatizer(language)
    forms = TOKEN.findall(text.lower())
    lemmas = [lemma(f) for f in forms]
    out: Counter = Counter()
    for i, (form, lem) in enumerate(zip(forms, lemmas)):
        hit = set(words.get(lem, ())) | {c for p, c in prefixes if lem.startswith(p) or form.startswith(p)}
        for concept, phrase in phrases:
            if all(_fits(p, forms[i + j], lemmas[i + j]) for j, p in enumerate(phrase) if i + j < len(forms)) \
                    and i + len(phrase) <= len(forms):
                hit.add(concept)
        out.update(hit)
    return out
