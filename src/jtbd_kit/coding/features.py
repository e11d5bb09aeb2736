"""Features of one respondent sentence for the learned coder, as {name: value} dicts.

Most features are language-independent: which cue kinds and keys fired (the language data
already maps words to `stages`, `forces`, `emotion`, `time`, ... keys), what the interviewer just
asked, where in the interview and in the turn the sentence sits, and the same cue features of the
neighbouring sentences. Lemma unigrams and bigrams of the sentence (and of the question) add what
the lexicons miss; they only help in languages the model has seen. An interview's features are
kept as one flat `Table` of feature ids, which the model scores without looking names up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from jtbd_kit.coding.cues import FEELINGS
from jtbd_kit.coding.emotion import polarity
from jtbd_kit.coding.featureids import IDS, ids_of, names
from jtbd_kit.coding.lemmas import LEMMAS

SHORT = {"stages": "s", "questions": "q", "forces": "f", "emotion": "e", "touchpoints": "tp", "pains": "pn",
         "time": "t"}
POSITION_BINS = 8
# features for the force and emotion heads only: how a passage feels says little about its stage
CODES_ONLY = ("turn|", "mark:", "ask:mood")
# features crossed with the decided stage for those heads
CROSSED = ("f:", "e:", "mark:")

class _Names(dict):
    """Feature names made once per key (a cue kind's key, a feature crossed with a stage) and then reused."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> str:
        name = self[key] = self.prefix + key
        return name


class _Ids(_Names):
    """Feature ids made once per key (`w:` + a lemma, `prev|` + a cue feature) and then reused."""

    def __missing__(self, key: str) -> int:
        got = self[key] = IDS.setdefault(self.prefix + key, len(IDS))
        return got


class _Prefixed(dict):
    """Per key, the `names` cache under the prefix `to_prefix(key)` (cue kind `stages` -> `s:`), made on first use."""

    def __init__(self, to_prefix: Callable[[str], str], names: type[_Names] = _Names) -> None:
        super().__init__()
        self.to_prefix, self.names = to_prefix, names

    def __missing__(self, key: str) -> _Names:
        names = self[key] = self.names(self.to_prefix(key))
        return names


class _Words(_Names):
    """Per lemma hash (a token's NORM, lemmas.py), the id of the prefix + the lemma, or -1 if it is no word (letters only)."""

    def __missing__(self, lemma: int) -> int:
        text = LEMMAS[lemma]
        got = self[lemma] = IDS.setdefault(self.prefix + text, len(IDS)) if text.isalpha() else -1
        return got


class _Said(dict):
    """Per lemma hash, the lemma if it is neither letters nor digits (punctuation, for `marks`), else ''."""

    def __missing__(self, lemma: int) -> str:
        text = LEMMAS[lemma]
        got = self[lemma] = "" if text.isalnum() else text
        return got


_CUES = _Prefixed(lambda kind: f"{SHORT.get(kind, kind)}:")  # `stages`, `buying` -> `s:buying`
_UNIGRAMS = _Prefixed(lambda prefix: f"{prefix}:", _Words)  # `w`, a lemma hash -> id of `w:lemma`
_SAID = _Said()
LOW = (1 << 32) - 1  # a word pair's key is (id of `w:a`) << 32 | (id of `w:b`)


class _KnownPairs:
    """The word pairs the loaded models know: their keys, sorted, and ids (`w2:a_b`), to look up all at once.

    A pair no model knows needs no id to be scored: it is named only if its table is read (Unnamed).
    """

    def __init__(self) -> None:
        self.keys = self.ids = np.zeros(0, dtype=np.int64)
        self.version = 0  # one more per model loaded: a table made before knows it is older

    def add(self, keys: list[int], ids: list[int]) -> None:
        self.version += 1
        both = dict(zip(self.keys.tolist(), self.ids.tolist()))
        both.update(zip(keys, ids))
        order = sorted(both)
        self.keys = np.array(order, dtype=np.int64)
        self.ids = np.array([both[k] for k in order], dtype=np.int64)

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The pairs' ids, -1 for a pair no model knows."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.ids[at], -1)


_KNOWN = _KnownPairs()


def pairs_version() -> int:
    """Changes whenever a model's word pairs join the known ones."""
    return _KNOWN.version


def know_pairs(features: Iterable[str]) -> None:
    """Lets the coding find a model's word pairs (`w2:a_b`, `qw2:a_b` among its features) by their words' ids."""
    keys, ids = [], []
    for name in features:
        prefix, _, pair = name.partition("2:")
        a, _, b = pair.partition("_")
        if prefix in ("w", "qw") and a.isalpha() and b.isalpha():
            first, second, whole = ids_of((f"{prefix}:{a}", f"{prefix}:{b}", name))
            keys.append(first << 32 | second)
            ids.append(whole)
    _KNOWN.add(keys, ids)


class Unnamed:
    """The word pairs of one table that no model knows: entry id -1 - j is the j-th, named when the table is read.

    An hour brings thousands of pairs no model has; making each a name and an id cost more than the
    rest of its words' features.
    """

    def __init__(self) -> None:
        self.parts: list[tuple[str, np.ndarray]] = []  # (prefix, distinct pair keys)
        self.count = 0
        self._names: list[str] | None = None

    def ids(self, prefix: str, keys: np.ndarray) -> np.ndarray:
        """Ids for these pairs (`prefix` `w` or `qw`): the same pair, the same id."""
        distinct, inverse = np.unique(keys, return_inverse=True)
        got = -1 - (self.count + inverse)
        self.parts.append((prefix, distinct))
        self.count += len(distinct)
        return got

    def names(self) -> list[str]:
        """The j-th pair's name at place j (`w2:a_b`), made once."""
        if self._names is None:
            known = names()
            self._names = [f"{prefix}2:{known[k >> 32][len(prefix) + 1:]}_{known[k & LOW][len(prefix) + 1:]}"
                           for prefix, keys in self.parts for k in keys.tolist()]
        return self._names


@dataclass
class Table(Sequence):
    """One interview's unit features, flat: feature ids (featureids.py) and values as arrays, each unit's count.

    Unit i has the next `sizes[i]` entries, in the order of its feature dict; as a sequence the
    table gives those dicts (for training, and for a model stacked on another). Negative ids are
    word pairs no model knows, named by `unnamed` when read.
    """

    ids: np.ndarray
    values: np.ndarray
    sizes: list[int]
    unnamed: Unnamed | None = None
    known: int = 0  # the known pairs' version when it was made (see CoderModel._part)

    @classmethod
    def of(cls, features: Sequence[dict[str, float]]) -> Table:
        """The features as a table (a table as it is; dicts' names get their ids as they come)."""
        if isinstance(features, Table):
            return features
        return cls(np.array(ids_of(chain.from_iterable(features)), dtype=np.int64),
                   np.array([v for f in features for v in f.values()], dtype=float), [len(f) for f in features])

    def __len__(self) -> int:
        return len(self.sizes)

    def __getitem__(self, i: int) -> dict[str, float]:
        i = range(len(self))[i]  # an IndexError past the end, as a list's
        start = sum(self.sizes[:i])
        return self._unit(start, start + self.sizes[i], self._name_of())

    def __iter__(self) -> Iterator[dict[str, float]]:
        start, name_of = 0, self._name_of()
        for size in self.sizes:
            yield self._unit(start, start + size, name_of)
            start += size

    def _name_of(self) -> Callable[[int], str]:
        """Each id's name, an unnamed pair's (negative id) too."""
        known = names()
        if self.unnamed is None:
            return known.__getitem__
        pairs = self.unnamed.names()
        return lambda i: known[i] if i >= 0 else pairs[-1 - i]

    def _unit(self, start: int, end: int, name_of: Callable[[int], str]) -> dict[str, float]:
        return dict(zip(map(name_of, self.ids[start:end].tolist()), self.values[start:end].tolist()))

    def __reduce__(self):
        """Pickled by names: ids are this process's own, and another process numbers names its own way."""
        return Table.of, (list(self),)


def cue_features(hits: list, pol: float | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Cue weight per kind:key, the unit's signed emotion and negation-aware force scores; and of
    these the unit's own force and emotion cues (its `f:` and `e:` names, in the same order).

    `pol` is `polarity(hits)` when the caller has it (the emotion component sets it on each unit).
    """
    out: dict[str, float] = {}
    felt: dict[str, float] = {}
    for h in hits:
        name = _CUES[h.kind][h.key]
        out[name] = value = out.get(name, 0.0) + h.weight
        if h.kind in FEELINGS:
            felt[name] = value
    if pol is None:
        pol = polarity(hits)
    if pol:
        out["e:polarity"] = felt["e:polarity"] = max(-3.0, min(3.0, pol))
    return out, felt


@dataclass
class Tokens:
    """The tokens of a list of units, flat: lemma hashes, each one's unit, and the id of `prefix:lemma` (-1: no word)."""

    prefix: str
    lemmas: list[int]
    rows: np.ndarray
    words: np.ndarray
    units: int

    @classmethod
    def of(cls, units: list[list[int]], prefix: str) -> Tokens:
        lemmas = list(chain.from_iterable(units))
        words = np.fromiter(map(_UNIGRAMS[prefix].__getitem__, lemmas), dtype=np.int64, count=len(lemmas))
        return cls(prefix, lemmas, np.repeat(np.arange(len(units)), list(map(len, units))), words, len(units))


MARKS = ("!", "?", "...", "(")
_MARK_NAMES = {m: f"mark:{m}" for m in MARKS}


def marks(lemmas: list[str]) -> dict[str, float]:
    """How a sentence is said: exclamation, question, a trailing-off, an aside in brackets (laughs)."""
    return _marks_in("".join(lemma for lemma in lemmas if not lemma.isalnum()))


def _marks_in(said: str) -> dict[str, float]:
    """`marks` of a sentence from its punctuation (its lemmas that are not letters or digits, joined)."""
    said = said.replace("…", "...")
    # most sentences have none of the marks: a few `in` tests find that out
    return {_MARK_NAMES[m]: min(2.0, float(said.count(m))) for m in MARKS if m in said}


def _all_marks(tokens: Tokens) -> list[dict[str, float]]:
    """`marks` of each unit; units with the same punctuation (most end in one `.`) share one dict.

    Only the tokens that are no words (`Tokens.words` -1) are looked at: the rest are letters.
    """
    others = np.flatnonzero(tokens.words < 0)
    said = list(map(_SAID.__getitem__, map(tokens.lemmas.__getitem__, others.tolist())))
    bounds = np.searchsorted(tokens.rows[others], np.arange(tokens.units + 1)).tolist()
    memo: dict[str, dict[str, float]] = {}
    return [memo[joined] if joined in memo else memo.setdefault(joined, _marks_in(joined))
            for joined in map("".join, map(said.__getitem__, map(slice, bounds, bounds[1:])))]


_PREV, _NEXT, _TURN, _ASK = _Ids("prev|"), _Ids("next|"), _Ids("turn|"), _Ids("ask:")
_POSBINS = np.array(ids_of(f"posbin:{b}" for b in range(POSITION_BINS)))
# a unit's place, in this order; its own position bin goes where `posbin:0` stands
_PLACE = ids_of(("pos", "pos2", "posbin:0", "first_in_turn", "first_of_answer", "flashback", "ahead"))

# One group of features of every unit: each entry's unit (in order), feature id and value.
Group = tuple[np.ndarray, Sequence[int], Sequence[float]]


def _group(blocks: list[dict[str, float]], ids: dict[str, int] = IDS) -> Group:
    """A group from one dict per unit (names given their ids by `ids`, the names' own by default).

    Built with `map` and `chain` over the dicts (C loops, no Python step per entry): an hour has
    thousands of entries in each group.
    """
    names = list(chain.from_iterable(blocks))
    return (np.repeat(np.arange(len(blocks)), list(map(len, blocks))), _ids(names, ids),
            list(chain.from_iterable(map(dict.values, blocks))))


def _ids(names: list[str], ids: dict[str, int]) -> list[int]:
    """The names' ids by `ids` (IDS gives a name no unit had before none by itself: ids_of does)."""
    try:
        return list(map(ids.__getitem__, names))
    except KeyError:
        return ids_of(names)


def _cue_groups(cues: list[dict[str, float]], turn_of: list[int]) -> tuple[Group, Group, Group]:
    """Each unit's own cues, and its neighbours' under `prev|` and `next|` names: taken in full
    within its turn, by half across turns; `none` for the first unit's previous and the last one's next.

    The neighbours' entries are the own ones moved one unit on or back (rows in order, a unit's
    entries together): the names are gathered once.
    """
    sizes = list(map(len, cues))
    rows = np.repeat(np.arange(len(cues)), sizes)
    names = list(chain.from_iterable(cues))
    values = np.fromiter(chain.from_iterable(map(dict.values, cues)), dtype=float, count=len(names))
    share = np.array(_shares(turn_of))  # between unit i and unit i + 1
    but_last, but_first = slice(0, len(names) - sizes[-1]), slice(sizes[0], len(names))  # the units' entries
    own = rows, _ids(names, IDS), values
    before = (np.concatenate([[0], rows[but_last] + 1]), [_PREV["none"], *map(_PREV.__getitem__, names[but_last])],
              np.concatenate([[1.0], values[but_last] * share[rows[but_last]]]))
    after = (np.concatenate([rows[but_first] - 1, [len(cues) - 1]]),
             [*map(_NEXT.__getitem__, names[but_first]), _NEXT["none"]],
             np.concatenate([values[but_first] * share[rows[but_first] - 1], [1.0]]))
    return own, before, after


def _words(tokens: Tokens, unnamed: Unnamed) -> tuple[Group, Group]:
    """`prefix:lemma` per word (letters only) and `prefix2:a_b` per pair of neighbouring words, per unit.

    Each feature once per unit, where it first comes, valued 1.0; done for all units at once. A
    pair no model knows gets an id from `unnamed`.
    """
    letters = tokens.words >= 0
    singles = tokens.words[letters]
    rows = tokens.rows[letters]
    inside = rows[1:] == rows[:-1]  # neighbours in the same unit
    keys = ((singles[:-1] << 32) | singles[1:])[inside]
    pairs = _KNOWN.find(keys)
    new = pairs < 0  # an hour has thousands of pairs no model knows
    if new.any():
        pairs[new] = unnamed.ids(tokens.prefix, keys[new])
    return _once(rows, singles), _once(rows[1:][inside], pairs)


def _table(tokens: Tokens, word_table: dict[int, tuple[int, ...]]) -> Group:
    """Each word-table id (`word_table`: lemma hash -> feature ids) of a unit's words, once per unit.

    Looked up once per distinct lemma (an hour has about 1,500), not per token."""
    keys = np.fromiter(tokens.lemmas, dtype=np.uint64, count=len(tokens.lemmas))
    distinct, inverse = np.unique(keys, return_inverse=True)
    pairs = [(j, fid) for j, lemma in enumerate(distinct.tolist()) for fid in word_table.get(lemma, ())]
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    which, ids = (np.array(x, dtype=np.int64) for x in zip(*pairs))  # sorted by `which`
    start, end = np.searchsorted(which, inverse, "left"), np.searchsorted(which, inverse, "right")
    counts = end - start
    tokens_hit = np.repeat(np.arange(len(inverse)), counts)
    entries = np.repeat(start, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return _once(tokens.rows[tokens_hit], ids[entries])


def _once(rows: np.ndarray, ids: np.ndarray) -> Group:
    """Each id once per unit, where it first comes (rows in order; an unnamed pair's negative id, too)."""
    _, first = np.unique((rows << 32) | (ids & LOW), return_index=True)
    first.sort()
    return rows[first], ids[first], np.ones(len(first))


def _repeated(group: Group, key: list[int]) -> Group:
    """Per unit, the entries of `group`'s row `key[unit]` (a group over the units' questions, say)."""
    rows, ids, values = group
    sizes = np.bincount(rows, minlength=max(key, default=-1) + 1)[key]
    starts = np.searchsorted(rows, key)
    at = np.arange(sizes.sum()) + np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)  # each unit's entries
    return np.repeat(np.arange(len(key)), sizes), np.asarray(ids)[at], np.asarray(values)[at]


def _turn_cues(felt: list[dict[str, float]], turn_of: list[int]) -> Group:
    """Per unit, the sum of its turn's force and emotion cues (`felt`, clipped to +-3) under `turn|` names.

    A coded passage is usually a whole answer: these are the same for every unit of a turn, so
    they are made once per turn and repeated for its units.
    """
    whole: dict[int, dict[str, float]] = {}
    for f, t in zip(felt, turn_of):
        if f:
            agg = whole.setdefault(t, {})
            for k, v in f.items():
                agg[k] = agg.get(k, 0.0) + v
    turns: dict[int, int] = {}
    which = [turns.setdefault(t, len(turns)) for t in turn_of]  # each unit's turn, numbered from 0
    clipped = [{k: max(-3.0, min(3.0, v)) for k, v in whole.get(t, {}).items()} for t in turns]
    return _repeated(_group(clipped, _TURN), which)


def _shares(turn_of: list[int]) -> list[float]:
    """How much of a neighbour's cues a unit takes, per pair of neighbouring units: all in its turn, else half."""
    return [1.0 if a == b else 0.5 for a, b in zip(turn_of, turn_of[1:])]


def _place(steps: list) -> Group:
    """Where each unit sits: position, its square and bin, first in the turn, first of the answer, flashback, ahead."""
    p = np.array([s.position for s in steps])
    ids = np.tile(_PLACE, (len(p), 1))
    ids[:, 2] = _POSBINS[np.minimum(POSITION_BINS - 1, (p * POSITION_BINS).astype(np.int64))]
    flags = np.array([(s.first_in_turn, s.first_of_answer, s.flashback, s.ahead) for s in steps], dtype=float)
    values = np.column_stack([p, p * p, np.ones(len(p)), flags.reshape(len(p), 4)])
    return np.repeat(np.arange(len(p)), len(_PLACE)), ids.ravel(), values.ravel()


def unit_features(cues: list[dict[str, float]], felt: list[dict[str, float]], steps: list,
                  lemmas: list[list[int]], question_lemmas: list[list[int]], turn_of: list[int],
                  crossed: list[dict[str, float]] | None = None,
                  word_table: dict[int, tuple[int, ...]] | None = None) -> Table:
    """The features of every respondent unit of an interview (all lists run over the same units).

    `cues` and `felt` are `cue_features`' two dicts per unit. `lemmas` and `question_lemmas` hold
    the lemma hashes of each unit's and its question's tokens.

    Each unit's features are, in order: its own cues, its turn's, its place, the question's stage
    cues, its words, its words' ids in the cross-lingual word table (`word_table`: lemma hash -> ids
    of `d:<id>`; the same id in every language, so what an English respondent taught the model
    counts for a Polish one), its marks, the question's words, the previous and the next unit's cues. The
    groups have distinct names, so this is the unit's feature dict. Each group is made for all
    units at once, then the entries are put in unit order. `crossed`, when given, gets per unit
    the part of its features that `stage_extras` crosses with the stage (the same items in the
    same order), so the coder need not search every feature for it.
    """
    n = len(steps)
    # a later sentence that says it speaks from another time ("and now...", "back then") has left the question:
    # the question weighs 0.1 there. Session 20, 960 interviews: six-fold CV level (stage 0.799 -> 0.798,
    # emotion 0.632 -> 0.634); on 20 unseen interviews where a quarter of the turns change stage, stage
    # 0.755 -> 0.763 (0.523 -> 0.550 in those turns), dev corpus 0.881 -> 0.883 (0.628 -> 0.640).
    # Every later sentence weighted down (1/2, 1/3, ...) cost CV stage 0.023 in stories told backwards.
    weight = [1.0 if step.first_of_answer else 0.1 if step.ahead or step.flashback else 0.5 for step in steps]
    words = Tokens.of(lemmas, "w")
    said = _all_marks(words)
    # the unit's own force and emotion cues: summed over its turn, and crossed with the stage
    if crossed is not None:
        # only the unit's own cues and its marks have the CROSSED prefixes (see the names above)
        crossed += [{**f, **s} if own else s for own, f, s in zip(cues, felt, said)]
    # the question's stage cues and words are the same for every unit of its answer (by weight)
    asked: dict[tuple[int, float], int] = {}  # by question (one dict per answer) and weight: its place in `ask`
    ask: list[dict[str, float]] = []
    which = []
    for step, w in zip(steps, weight):
        key = (id(step.question), w)
        if key not in asked:
            asked[key] = len(ask)
            ask.append({s: w * min(1.0, v / 2) for s, v in step.question.items()} or {"none": 1.0})
        which.append(asked[key])
    questions: dict[int, int] = {}
    question_of = [questions.setdefault(id(q), len(questions)) for q in question_lemmas]
    distinct = list({id(q): q for q in question_lemmas}.values())
    unnamed = Unnamed()
    question_words = [_repeated(g, question_of) for g in _words(Tokens.of(distinct, "qw"), unnamed)]
    own, before, after = _cue_groups(cues, turn_of)
    groups = [
        own,
        _turn_cues(felt, turn_of),
        _place(steps),
        _repeated(_group(ask, _ASK), which),
        *_words(words, unnamed),
        _table(words, word_table or {}),
        _group(said),
        *[(rows, ids, np.asarray(weight)[rows] * values) for rows, ids, values in question_words],
        before,
        after,
    ]
    rows = np.concatenate([g[0] for g in groups])
    order = np.argsort(rows, kind="stable")
    return Table(np.concatenate([np.asarray(g[1], dtype=np.int64) for g in groups])[order],
                 np.concatenate([np.asarray(g[2], dtype=float) for g in groups])[order],
                 np.bincount(rows, minlength=n).tolist(), unnamed if unnamed.count else None, _KNOWN.version)


def with_stage(features: dict[str, float], stage: str) -> dict[str, float]:
    """A unit's features plus its decided stage, for the force and emotion heads.

    The same cue means different things by stage (a complaint early is a push, late a regret),
    so the unit's own force and emotion cues are also crossed with the stage.
    """
    out = dict(features)
    out.update(stage_extras(features, stage))
    return out


def stage_extras(features: dict[str, float], stage: str) -> dict[str, float]:
    """What `with_stage` adds to a unit's features: its row of `stage_extras_table`, as a dict."""
    return stage_extras_table([{k: v for k, v in features.items() if k.startswith(CROSSED)}], [stage])[0]


_STAGE = _Ids("stage:")
_STAGED_IDS = _Prefixed(lambda stage: f"{stage}|", _Ids)  # a stage, a crossed feature -> id of `buying|f:push`


def stage_extras_table(crossed: list[dict[str, float]], stages: list[str]) -> Table:
    """Every unit's `stage_extras` (from its `crossed` part, unit_features) as one table.

    The same ids and values in the same order, without making a dict and a name per entry.
    """
    ids: list[int] = []
    values: list[float] = []
    for own, stage in zip(crossed, stages):
        ids.append(_STAGE[stage])
        values.append(1.0)
        if own:  # many units have no force, emotion or mark to cross
            ids += map(_STAGED_IDS[stage].__getitem__, own)
            values += own.values()
    return Table(np.array(ids, dtype=np.int64), np.array(values, dtype=float), [len(own) + 1 for own in crossed])
