"""Choosing the quotes a map shows, so each one matches its heading.

- **Quotes** spread over people: the best quote of each participant first, then other turns, then
  the rest, so one vivid turn of one respondent does not fill a stage.
- **Questions** are the respondent's own questions and doubts: a sentence ending in "?" that opens
  with a question word, or one with no hedge ("I think it was, um, September?" is an answer), or a
  doubt phrase ("I wasn't sure whether ..."); words in quotation marks, or after a colon that a
  verb of saying introduces ("and he says: ..."), are someone else's. The words are per language,
  `question_cues` in `labels/<code>.yaml`.
- **Worries** are anxiety segments that read as a worry: not felt as positive, not more likely
  pull (or push, or habit) than anxiety by the coder's own scores, and more than a few words
  (not "(laughs)" or "Big time.").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from jtbd_kit.journey.labels import Labels

WORDS = re.compile(r"[\w'’-]+")
SENTENCES = re.compile(r"(?<=[.!?…])\s+")
ASIDES = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # (laughs), [inaudible]
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
MIN_WORRY_WORDS = 4


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut between words (a quote never ends "…were pretty simila…")."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2 and text[limit - 1] not in " \n":  # the cut falls inside a word: drop that word
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _words(text: str) -> list[str]:
    return [w.strip("'’-") for w in WORDS.findall(text.casefold()) if w.strip("'’-")]


def _has(words: list[str], phrase: str) -> bool:
    target = phrase.split()
    return any(words[i:i + len(target)] == target for i in range(len(words) - len(target) + 1))


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, tuple[str, ...]]:
    found = Labels(lang or "en").question_cues()
    return {k: tuple(str(x).casefold() for x in found.get(k) or ()) for k in
            ("question_words", "particles", "lead_ins", "hedges", "doubts", "reporting", "self")}


def _reported(sentence: str, cues: dict[str, tuple[str, ...]]) -> str:
    """The sentence without the words after a colon that a verb of saying hands to someone else
    ("Лёва подошёл и говорит: мам, ты чего?"): those are another person's, like words in quotation marks.
    The respondent's own ("I asked myself: ...", "Я спросила себя: ...") stay."""
    head, colon, _rest = sentence.partition(":")
    said_by = [w.casefold() for w in _words(head)[-4:]]
    if colon and any(w in cues["reporting"] for w in said_by) and not any(w in cues["self"] for w in said_by):
        return head + colon
    return sentence


def _opens_with(words: list[str], phrases: Iterable[str]) -> bool:
    return any(words[:len(p.split())] == p.split() for p in phrases)


def _strip_lead_ins(words: list[str], lead_ins: tuple[str, ...]) -> list[str]:
    changed = True
    while changed and words:
        changed = False
        for lead in sorted(lead_ins, key=lambda p: -len(p.split())):
            n = len(lead.split())
            if words[:n] == lead.split() and len(words) > n:
                words, changed = words[n:], True
                break
    return words


def _question_tier(sentence: str, cues: dict[str, tuple[str, ...]]) -> int | None:
    """0: a question or doubt of one's own; 1: a bare "...?" with no question word; None: not one."""
    words = _words(sentence)
    if not words:
        return None
    if any(_has(words, d) for d in cues["doubts"]):
        return 0
    if not sentence.rstrip().endswith("?"):
        return None
    parts = [_strip_lead_ins(_words(p), cues["lead_ins"]) for p in sentence.split(";")]  # "...; would it last?"
    if any(_opens_with(p, cues["question_words"]) for p in parts if p):
        return 0
    if any(_has(words, h) for h in cues["hedges"]):
        return None  # "I think it was, um, September?": a hedged answer, not a question
    return 0 if any(_has(words, p) for p in cues["particles"]) else 1


def own_question(text: str, lang: str = "en") -> tuple[int, str] | None:
    """The respondent's own question in a segment, as (tier, its sentences), or None.

    Tier 0 is sure (a question word, a question particle or a doubt phrase), 1 a bare "...?". Words
    inside quotation marks are someone else's (or a screen's) and do not count.
    """
    cues = _cues(lang)
    text = ASIDES.sub(" ", text)
    found = [(t, s) for s in SENTENCES.split(text)
             if (t := _question_tier(_reported(QUOTED.sub(" ", s), cues), cues)) is not None]
    if not found:
        return None
    best = min(t for t, _ in found)
    return best, " ".join(" ".join(s.split()) for t, s in found if t == best)


def anxiety_chance(seg: dict) -> float:
    """The coder's probability of anxiety (a reviewed or rule-coded segment's forces are certain)."""
    if seg.get("origin") != "machine" or not seg.get("force_scores"):
        return 1.0 if "anxiety" in seg["forces"] else 0.0
    scores = seg["force_scores"]
    return float(scores.get("anxiety") or 0.0)


def reads_as_worry(seg: dict) -> bool:
    """An anxiety segment that reads as a worry (see the module docstring)."""
    if "anxiety" not in seg["forces"] or (seg["emotion"] or 0) > 0:
        return False
    if len(_words(ASIDES.sub(" ", seg["text"]))) < MIN_WORRY_WORDS:
        return False
    scores = seg.get("force_scores") or {}
    if seg.get("origin") == "machine" and scores:
        mine = scores.get("anxiety") or 0.0
        if any((scores.get(f) or 0.0) > mine for f in ("push", "pull", "habit")):
            return False
    return True


def decode_scores(raw: str | None) -> dict[str, float]:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))} if isinstance(data, dict) else {}


def spread(ranked: list[dict], limit: int, key: Callable[[dict], object] = lambda s: 0) -> list[dict]:
    """Up to `limit` segments of distinct text from `ranked` (best first), spread over people.

    Within each `key` group (lower first), picks the best segment of each participant not yet quoted,
    then of each turn not yet quoted, then the rest.
    """
    out: list[dict] = []
    texts: set[str] = set()
    people: set[str] = set()
    turns: set[tuple] = set()
    for group in sorted({key(s) for s in ranked}):
        members = [s for s in ranked if key(s) == group and s["text"]]
        for test in (lambda s: s["participant"] not in people,
                     lambda s: (s["participant"], s.get("turn_idx")) not in turns,
                     lambda s: True):
            for seg in members:
                if len(out) == limit:
                    return out
                if seg["text"] in texts or not test(seg):
                    continue
                out.append(seg)
                texts.add(seg["text"])
                people.add(seg["participant"])
                turns.add((seg["participant"], seg.get("turn_idx")))
    return out
