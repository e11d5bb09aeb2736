"""Interviews -> feature blocks -> groups, with k chosen by silhouette unless the researcher sets it.

find_groups() is the entry point: the consensus of RUNS Ward clusterings whose block weights are
jittered, so the personas do not hang on one weighting (see RUNS).

Every code block is centred and scaled to the same total variance, then weighted, so a block
with many sparse columns (concept pairs) cannot drown a small dense one (forces, emotion).
Only features shared by at least two interviews are kept: a code one person mentions cannot
group anybody.

Machine codes are noisy and move with every retrain of the coder, so the text leads: the
respondent's situation (concept ids read from their own words in any language, see
personas/situation.py) and, within one language, their words. Neither depends on the coder. On the
project's mixed-language studies each block of codes alone groups the planted personas little
better than chance (ARI -0.2..0.5) while the situation block alone finds most of them; codes break
ties; the everyday lexicon (personas/lexicon/) adds finer situation ids read the same way.
benchmarks/personas_robustness.py clusters perturbed copies of a coded study (forces, stages,
segments and speech dropped or flipped, interviews left out) to check that a change holds beyond
one coding. What it cannot fix: when a study's personas differ in something the concept lists do
not name, the grouping follows what they do name (see docs/personas.md for the measured studies).
"""

from __future__ import annotations

from dataclasses import dataclass

from jtbd_kit.personas.features import Coded, code_blocks, lemmas

# Relative weight of each block in the distance between two interviews. "situation" and "words" are
# relative to the code blocks together. The situation block is not scaled to a fixed variance: its
# rows have unit length, so its total variance runs from 0 (everyone's situation alike, or only
# noise) to 1, and it weighs 20 x that x all the codes (4-7 x the codes in the planted studies,
# where the spread was 0.2-0.37). Words compare only same-language pairs, so their weight shrinks
# with the share of pairs that speak one language: in a one-language study they weigh 6 x the
# codes, about as much as the situation; in a four-language study about 1 x (4..8 measured alike).
# The everyday lexicon (personas/lexicon/: ~720 fine-grained ids such as grandson, knee, night_shift,
# puppy, in every language) is a second situation block at 15: on the 32 spent studies of session 12
# mean ARI 0.862 -> 0.890 (10 / 12.5 / 15 / 17.5 / 20 / 25: 0.869 / 0.880 / 0.890 / 0.884 / 0.849 / 0.868);
# it mends studies whose personas differ in things the coarse concepts do not name (d, i, m, x) and costs
# two (s, u) whose personas share those everyday things.
# The cross-lingual word table (personas/dictionary/: ~1,650 everyday content words of switch interviews,
# the same ids in every language) gives the respondents' words to mixed-language studies, where the
# words block cannot compare a Ukrainian with a Pole. Session 17, 44 studies (2 dev + 42 spent), mean ARI
# by its weight, counts over what the interview's length predicts (situation_block's by_length):
# 0 / 30 / 100 / 200 / 300 / 500 / 1000: 0.817 / 0.867 / 0.894 / 0.919 / 0.917 / 0.903 / 0.873 (the 34
# scored blind first: 0.777 -> 0.903 at 200; counted like the lexicon instead, 0.889 at best). It carries
# most of the distance: what respondents talk about separates jobs better than the shape of their switch,
# which still breaks near-ties.
WEIGHTS = {"forces": 1.0, "about": 1.0, "force_stage": 1.0, "timeline": 1.0, "touchpoints": 1.0, "pains": 1.0,
           "emotion": 1.0, "situation": 20.0, "lexicon": 15.0, "dictionary": 200.0, "words": 6.0}
RELATIVE = ("situation", "lexicon", "dictionary", "words")  # weights given relative to the code blocks' total
MAX_K = 8
# Each k's silhouette is multiplied by k ** LEAN: near-ties go to more personas, since a researcher
# merges two look-alike personas with one command but cannot split a mixed one. Chosen on
# subsamples of the four tuning studies (mean ARI 0.89 -> 0.92; the two-persona study kept k=2);
# checked on 64 studies in session 22: LEAN 0 / 0.1 / 0.25 / 0.4 gives 0.874 / 0.882 / 0.900 / 0.898.
LEAN = 0.25
# k is chosen among the cuts whose every persona holds at least MIN_MEMBERS interviews (when there
# are any): two people who share a situation are an anecdote, and the silhouette of small studies
# often ties a split into pairs with the real grouping (session 10, 29 studies with planted personas,
# codes of the session-10 coder: mean ARI 0.83 -> 0.85; three studies split into pairs come out right,
# one whose best cut had a group of two loses it). A persona of two people is then found only with --k,
# or when the consensus cut that makes it scores PAIR_MARGIN x the best cut without one (silhouette x
# k^LEAN): two people whose situation stands that far apart from everyone else's are a pattern, not an
# anecdote. Session 20, 56 studies: 2 had such a cut within reach, it was the better grouping in both
# (zz: 1.36 x, ARI 0.54 -> 0.75; rr: 1.19 x, 0.28 -> 0.39); mean ARI 0.898 -> 0.904, no study lower.
MIN_MEMBERS = 3
PAIR_MARGIN = 1.15
SHRINK = 3  # pseudo-interviews pulling a language's situation mean towards the study's (see situation_block)
# The grouping is the consensus of RUNS clusterings, each with every block's weight multiplied by a
# random factor between exp(-JITTER) and exp(JITTER) (0.67-1.49x): how often two interviews fall
# together, not one weighting's verdict. With small studies and noisy codes one clustering flips
# with a retrain of the coder (study ff: ARI 0.19 with the 748-interview coder, 0.78 with the
# 764-interview one); the consensus keeps what most weightings agree on. Session 15, 38 studies with
# planted personas and the 764-interview coder's codes: mean ARI 0.849 -> 0.865 (0.861 and 0.861
# with two other random seeds), no study lower, t 0.56 -> 1.00 and w 0.56 -> 0.72 (with the shipped
# 780-interview coder, 40 studies: 0.850 -> 0.854, only w); with codes perturbed as a retrain moves
# them (benchmarks/personas_robustness.py, nine studies, 10 copies per kind) the mean ARI 0.785 ->
# 0.823. JITTER 0.7 and 1.0 (in an earlier form) lost studies d, g and i.
RUNS = 25
JITTER = 0.4
# How clearly the personas stand apart: the cosine silhouette of the final grouping in the unjittered
# feature space. Session 23, 68 studies with planted personas (codes of the 1,044-interview coder): of
# the 36 below WEAK, 22 were partly wrong (mean ARI 0.77); of the 10 between WEAK and CLEAR one was
# (0.74); the 22 at CLEAR or above were all right. The levels were 0.20 and 0.25 before: on the same
# studies "weak" then held 46 groupings, half of them right, and said too little. (Session 19, 52
# studies, old levels: 16 of 31 weak partly wrong, all 21 others right.)
WEAK = 0.16
CLEAR = 0.20
# A member whose own cosine silhouette is below BORDERLINE sits nearly as close to another persona as to
# its own. Session 18, the 43 of 48 studies where the planted number of personas was found (the shipped
# coder's codes): 32 of 491 members fell below 0.05 and 5 of them were misplaced (1 in 6, against 1 in 45
# overall); 9 of the 11 studies with a misplaced member had such a member, and 5 of the 32 without; in 6
# of the 11 the member with the lowest silhouette was the misplaced one. So: read these first.
BORDERLINE = 0.05
# Another number of personas whose cut scores at least NEAR x the chosen one (silhouette x k^LEAN, every
# persona MIN_MEMBERS+) is named to the researcher as worth a look with --k. Session 23, 68 studies: 6
# chosen groupings had such a cut; it was the better grouping in 2 (JJJ 0.54 -> 0.82 at k=3, NNN 0.13
# -> 0.21 at k=2) and the worse in 4, so it is offered, not taken.
NEAR = 0.9


@dataclass
class Clustering:
    labels: list[int]
    k: int
    how: str
    scores: dict[int, float]
    close: dict | None = None  # {"k", "silhouette"} of a nearly as good cut (see NEAR), or None


def _scaled(matrix, weight: float):
    """Centre the columns and scale the block to total variance `weight`."""
    import numpy as np

    matrix = matrix - matrix.mean(axis=0)
    total = float((matrix ** 2).sum()) / max(1, matrix.shape[0])
    return matrix * np.sqrt(weight / total) if total > 1e-12 else None


def _shared(rows: list[dict[str, float]], min_df: int):
    """DictVectorizer over rows, keeping features present in at least min_df rows."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    if not any(rows):
        return np.zeros((len(rows), 0))
    matrix = DictVectorizer(sparse=False).fit_transform(rows)
    return matrix[:, (matrix != 0).sum(axis=0) >= min_df]


def word_block(coded: list[Coded]):
    """Lemma TF-IDF fitted within each language and centred on that language's mean."""
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    parts = []
    for language in sorted({c.language for c in coded}):
        rows = [i for i, c in enumerate(coded) if c.language == language]
        if len(rows) < 3:  # two people of one language: their difference is all they share
            continue
        vec = TfidfVectorizer(analyzer=lambda doc: doc, min_df=2, max_df=0.9, sublinear_tf=True)
        try:
            tfidf = vec.fit_transform([lemmas(coded[i].speech, language) for i in rows])
        except ValueError:  # no word shared by two respondents
            continue
        dims = min(30, len(rows) - 1, tfidf.shape[1] - 1)
        dense = TruncatedSVD(dims, random_state=0).fit_transform(tfidf) if dims >= 2 else tfidf.toarray()
        dense = dense - dense.mean(axis=0)
        block = np.zeros((len(coded), dense.shape[1]))
        block[rows] = dense
        parts.append(block)
    return np.hstack(parts) if parts else np.zeros((len(coded), 0))


def _over_expected(counts):
    """Log of each count over the count the interview's length and the word's rate in the study predict
    (both +0.5): a long interview does not stand apart for saying more words, nor a short one for missing
    them, and a word everyone uses at the same rate says nothing."""
    import numpy as np

    expected = counts.sum(axis=1, keepdims=True) * counts.sum(axis=0, keepdims=True) / max(float(counts.sum()), 1.0)
    return np.log((counts + 0.5) / (expected + 0.5))


def situation_block(coded: list[Coded], lists: str = "concepts", by_length: bool = False):
    """Situation concepts (or the everyday lexicon's ids) per interview as rows of unit length (cosine geometry).

    Each concept counts sublinearly (1 + log count) and is weighted by the square root of its
    spread across the study (coefficient of variation): a concept everyone mentions about as often
    (the product's own domain: cycling in an e-bike study, lessons in a tutoring one) weighs
    little, one that some respondents talk about a lot and others never (children, retirement,
    debt) weighs most. Inverse document frequency did the same for concepts nobody shares but kept
    full weight on ubiquitous ones whose counts vary only with how talkative a person is; over the
    fourteen project studies the spread weights scored the same or better on every study (mean ARI
    0.82 -> 0.84 with the session-5 cue lists; equal with the older ones).
    With `by_length` (the broad word table) each count is compared instead with what the interview's
    length predicts (`_over_expected`): that table's 1,650 words are present in long interviews and
    missing from short ones whatever the person's job (44 studies: mean ARI 0.889 -> 0.919).
    Each language's cue list finds some concepts more readily than another's, so each row is
    centred on its language's mean, shrunk towards the study's mean by SHRINK pseudo-interviews: a
    language with hundreds of interviews is fully centred, one with two barely (its mean says more
    about who they are).
    """
    import numpy as np

    from jtbd_kit.personas.situation import situation_counts

    min_df = 2 if len(coded) >= 4 else 1
    counts = _shared([dict(situation_counts(c.speech, c.language, lists)) for c in coded], min_df)
    if not counts.shape[1]:
        return counts
    if by_length:
        rows = _over_expected(counts)
    else:
        tf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0.0)
        spread = np.sqrt(tf.std(axis=0) / np.maximum(tf.mean(axis=0), 1e-9))
        rows = tf * spread
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    rows = rows / np.where(norms > 0, norms, 1.0)
    overall = rows.mean(axis=0)
    for language in {c.language for c in coded}:
        mine = [i for i, c in enumerate(coded) if c.language == language]
        rows[mine] -= (rows[mine].mean(axis=0) - overall) * len(mine) / (len(mine) + SHRINK)
    return rows


def word_weight(coded: list[Coded], relative: float, codes_total: float) -> float:
    """The words block's weight: `relative` x the code blocks' total x the share of same-language pairs."""
    n = len(coded)
    sizes = [sum(1 for c in coded if c.language == lang) for lang in {c.language for c in coded}]
    same = sum(s * (s - 1) for s in sizes if s >= 3) / (n * (n - 1)) if n > 1 else 0.0
    return relative * codes_total * same


def feature_blocks(coded: list[Coded], weights: dict[str, float] | None = None) -> list[tuple[str, object]]:
    """Each block that says something, centred and scaled to its weight: (name, matrix) pairs."""
    import numpy as np

    weights = weights or WEIGHTS
    blocks = [code_blocks(c) for c in coded]
    min_df = 2 if len(coded) >= 4 else 1
    out = []
    for name in blocks[0] if blocks else ():
        if weights.get(name, 0) <= 0 or name in RELATIVE:
            continue
        matrix = _shared([b[name] for b in blocks], min_df)
        scaled = _scaled(matrix, weights[name]) if matrix.shape[1] else None
        if scaled is not None:
            out.append((name, scaled))
    codes_total = sum(w for b, w in weights.items() if b not in RELATIVE)
    for name, lists, by_length in (("situation", "concepts", False), ("lexicon", "lexicon", False),
                                   ("dictionary", "dictionary", True)):
        if weights.get(name, 0) <= 0:
            continue
        block = situation_block(coded, lists, by_length)
        block = block - block.mean(axis=0) if block.shape[1] else block
        if float((block ** 2).sum()) > 1e-6 * len(coded):  # not scaled up: its spread is the signal
            out.append((name, block * np.sqrt(weights[name] * codes_total)))
    words = word_weight(coded, weights.get("words", 0), codes_total)
    if words > 0:
        scaled = _scaled(word_block(coded), words)
        if scaled is not None:
            out.append(("words", scaled))
    return out


def stack(blocks: list[tuple[str, object]], n: int, factors: dict[str, float] | None = None):
    """The blocks side by side, each weight times its factor (1 without `factors`)."""
    import numpy as np

    parts = [m * np.sqrt((factors or {}).get(name, 1.0)) for name, m in blocks]
    return np.hstack(parts) if parts else np.zeros((n, 1))


def reducer(matrix):
    """A PCA to 60 dimensions when the matrix is large, else None; fitted once per study, so the
    jittered copies of find_groups are projected with it instead of fitting one each."""
    if matrix.shape[1] > 60 and matrix.shape[0] > 60:
        from sklearn.decomposition import PCA

        return PCA(60, random_state=0).fit(matrix)
    return None


def _reduced(matrix, pca):
    return pca.transform(matrix) if pca is not None else matrix


def feature_matrix(coded: list[Coded], weights: dict[str, float] | None = None):
    """The weighted, block-scaled matrix (one row per interview) and which blocks made it in."""
    blocks = feature_blocks(coded, weights)
    matrix = stack(blocks, len(coded))
    return _reduced(matrix, reducer(matrix)), [name for name, _m in blocks]


def _cut(tree, k: int) -> list[int]:
    """Labels 0..k-1 for k groups from one Ward tree (built once, cut at every candidate k)."""
    from scipy.cluster.hierarchy import fcluster

    return [int(x) - 1 for x in fcluster(tree, k, criterion="maxclust")]


def _scored_cuts(tree, matrix) -> tuple[dict[int, list[int]], dict[int, float]]:
    """Each distinct grouping the tree's cuts into 2..min(MAX_K, n-1) make (one-person groups
    absorbed), by its number of groups, and its cosine silhouette in `matrix`."""
    from sklearn.metrics import silhouette_score

    n = matrix.shape[0]
    scores: dict[int, float] = {}
    found: dict[int, list[int]] = {}
    angles = _cosine(matrix)
    for candidate in range(2, min(MAX_K, n - 1) + 1):
        labels = _absorb(matrix, _cut(tree, candidate))
        size = len(set(labels))
        if size > 1 and size not in found:
            found[size] = labels
            scores[size] = float(silhouette_score(angles, labels, metric="precomputed"))
    return found, scores


def _smallest(labels: list[int]) -> int:
    """The size of a grouping's smallest persona."""
    return min(labels.count(x) for x in set(labels))


def _sizeable(found: dict[int, list[int]], scores: dict[int, float]) -> list[int]:
    """The scored cuts whose every persona holds at least MIN_MEMBERS interviews."""
    return [c for c in scores if _smallest(found[c]) >= MIN_MEMBERS]


def _leaned(scores: dict[int, float]) -> dict[int, float]:
    """Each k's silhouette times k^LEAN: the value k is chosen by."""
    return {c: s * c ** LEAN for c, s in scores.items()}


def choose_k(found: dict[int, list[int]], scores: dict[int, float]) -> tuple[int, bool]:
    """Among the consensus cuts (k -> labels, k -> silhouette), the k to keep and whether it is a cut with
    a two-person persona that beat the others by PAIR_MARGIN. Cuts with a persona under MIN_MEMBERS
    are passed over unless they are such a cut; with no sizeable cut at all, 0 (keep another choice)."""
    value = _leaned(scores)
    sizeable = _sizeable(found, scores)
    if not sizeable:
        return 0, False
    k = max(sizeable, key=lambda c: (value[c], -c))
    paired = max((c for c in scores if _smallest(found[c]) == 2), key=lambda c: value[c], default=None)
    if paired is not None and value[paired] >= PAIR_MARGIN * value[k]:
        return paired, True
    return k, False


def close_cut(found: dict[int, list[int]], scores: dict[int, float], k: int) -> dict | None:
    """The other cut into personas of MIN_MEMBERS+ that scores NEAR x the chosen k or better (silhouette x
    k^LEAN), as {"k", "silhouette"}; None when no other cut comes that close."""
    if k not in scores:
        return None
    value = _leaned(scores)
    near = [c for c in _sizeable(found, scores) if c != k and value[c] >= NEAR * value[k]]
    best = max(near, key=lambda c: value[c], default=None)
    return {"k": best, "silhouette": round(scores[best], 3)} if best is not None else None


def _cosine(matrix):
    """Cosine distances between the rows, computed once for the silhouettes of every cut."""
    import numpy as np
    from sklearn.metrics import pairwise_distances

    angles = pairwise_distances(matrix, metric="cosine")
    np.fill_diagonal(angles, 0.0)
    return angles


def _absorb(matrix, labels: list[int]) -> list[int]:
    """Move one-person groups into the nearest bigger group: a persona is a pattern several people share.

    Ward splits an outlier off first; without this, one unusual interview becomes a "persona".
    Returns labels renumbered 0..k'-1 in order of first appearance.
    """
    import numpy as np

    sizes = {x: labels.count(x) for x in set(labels)}
    big = [x for x in sizes if sizes[x] > 1]
    if big and len(big) < len(sizes):
        centres = {x: matrix[[i for i, y in enumerate(labels) if y == x]].mean(axis=0) for x in big}
        labels = [y if sizes[y] > 1 else min(big, key=lambda x: float(np.sum((matrix[i] - centres[x]) ** 2)))
                  for i, y in enumerate(labels)]
    order = {x: n for n, x in enumerate(dict.fromkeys(labels))}
    return [order[y] for y in labels]


def cluster(matrix, k: int | None = None) -> Clustering:
    """Ward clustering; k by the best cosine silhouette over 2..min(8, n-1), leaning to more groups (LEAN).

    With k chosen automatically, one-person groups join their nearest group (see _absorb), so a cut
    into k groups may give fewer personas; each distinct result is scored once, and the cuts with a
    persona of fewer than MIN_MEMBERS interviews are passed over while another cut has none. The silhouette is
    measured with cosine distance (the angle between two interviews' profiles, not their length):
    with noisy machine codes, euclidean silhouette and any "prefer fewer personas" tie-break kept
    merging two planted personas that differ in direction but sit close in length.
    """
    import numpy as np
    from scipy.cluster.hierarchy import linkage

    n = matrix.shape[0]
    if k is not None and k <= 1 or n < 2:
        return Clustering([0] * n, 1, f"k={k} set with --k" if k else "k=1: a single coded interview", {})
    tree = linkage(matrix, method="ward")
    if k is not None:
        return Clustering(_cut(tree, k), k, f"k={k} set with --k", {})
    if n < 3 or float(np.abs(matrix).max(initial=0)) < 1e-12:
        why = "fewer than 3 coded interviews" if n < 3 else "the interviews' codes do not differ"
        return Clustering([0] * n, 1, f"k=1: {why}, nothing to compare", {})
    found, scores = _scored_cuts(tree, matrix)
    if not scores:
        return Clustering([0] * n, 1, "k=1: every split leaves a one-person group", {})
    sizeable = _sizeable(found, scores)
    value = _leaned(scores)
    k = max(sizeable or scores, key=lambda c: (value[c], -c))
    tried = ", ".join(f"{c}: {s:.2f}" for c, s in sorted(scores.items()))
    among = f" among the cuts whose every persona has {MIN_MEMBERS}+ interviews" if sizeable else ""
    how = (f"k={k} by the best cosine silhouette over k={min(scores)}..{max(scores)} ({tried}) times "
           f"k^{LEAN}{among} (near-ties go to more personas: merging is one command), one-person groups "
           "joined to their nearest")
    return Clustering(found[k], k, how, scores)



def comparable(labels: list[int]) -> bool:
    """Whether a grouping has silhouettes: 3+ interviews, 2+ groups, and not every interview alone."""
    return len(labels) >= 3 and 1 < len(set(labels)) < len(labels)


def clarity(coded: list[Coded], labels: list[int], score: float | None = None, angles=None) -> dict | None:
    """How clearly the groups stand apart ({"silhouette", "level": weak|moderate|clear}; see WEAK),
    for any grouping: found automatically (its `score` is already known), with --k, or edited by
    hand (`angles`: distances(coded), when the caller has them). None for a single group."""
    from sklearn.metrics import silhouette_score

    if not comparable(labels):
        return None
    if score is None:
        score = float(silhouette_score(distances(coded) if angles is None else angles, labels, metric="precomputed"))
    level = "weak" if score < WEAK else "clear" if score >= CLEAR else "moderate"
    return {"silhouette": round(score, 3), "level": level}


def distances(coded: list[Coded]):
    """Cosine distances between the interviews in the unjittered feature space (as clustered)."""
    full = stack(feature_blocks(coded), len(coded))
    return _cosine(_reduced(full, reducer(full)))


def borderline(coded: list[Coded], labels: list[int], angles=None) -> dict[int, tuple[float, int]]:
    """Members that sit nearly as close to another group as to their own (silhouette below
    BORDERLINE; see there): index -> (their silhouette, the label of the nearest other group).
    Members of one-person groups have no silhouette and are never listed. `angles`: distances(coded),
    when the caller has them."""
    import numpy as np
    from sklearn.metrics import silhouette_samples

    if not comparable(labels):
        return {}
    groups = sorted(set(labels))
    angles = distances(coded) if angles is None else angles
    own = silhouette_samples(angles, labels, metric="precomputed")
    member = np.array([[x == g for g in groups] for x in labels], dtype=float)  # interviews x groups
    sizes = member.sum(axis=0)
    mean = angles @ member / sizes  # each interview's mean distance to each group
    mean[member.astype(bool)] = np.inf  # its own group is not "another"
    return {i: (float(own[i]), groups[int(np.argmin(mean[i]))]) for i, label in enumerate(labels)
            if sizes[groups.index(label)] > 1 and own[i] < BORDERLINE}


def co_association(blocks: list[tuple[str, object]], n: int, pca=None, runs: int = RUNS, jitter: float = JITTER):
    """Share of `runs` clusterings (block weights jittered, k chosen each time) that put two interviews together."""
    import numpy as np

    rng = np.random.default_rng(0)  # the same project gives the same personas
    together = np.zeros((n, n))
    for _ in range(runs):
        factors = {name: float(np.exp(rng.uniform(-jitter, jitter))) for name, _m in blocks}
        labels = np.array(cluster(_reduced(stack(blocks, n, factors), pca)).labels)
        together += labels[:, None] == labels[None, :]
    return together / runs


def find_groups(coded: list[Coded], k: int | None = None, weights: dict[str, float] | None = None) -> Clustering:
    """Group interviews by the consensus of RUNS jittered clusterings (see RUNS); `k` fixes the number.

    The consensus tree (average linkage on 1 - co-association) gives the candidate groupings; k is
    chosen among them as cluster() chooses among Ward's cuts: the best cosine silhouette in the
    unjittered feature space, leaning to more groups, cuts with a persona of fewer than
    MIN_MEMBERS passed over (unless one with a two-person persona scores PAIR_MARGIN x the best of
    the others), one-person groups joined to their nearest. (A silhouette on the
    co-association itself rates a split that one run in 25 made as perfect.) When every cut
    leaves a persona smaller than MIN_MEMBERS, the single unjittered clustering's choice stands.
    """
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    blocks = feature_blocks(coded, weights)
    n = len(coded)
    full = stack(blocks, n)
    pca = reducer(full)
    base = _reduced(full, pca)
    single = cluster(base, k)
    if n < 4 or single.k <= 1 and k is None:  # too few to vary, or nothing to separate
        return single
    distance = 1.0 - co_association(blocks, n, pca)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    if k is not None:  # the consensus cut, unless its ties cannot make k groups
        labels = _cut(tree, k)
        return Clustering(labels, k, f"k={k} set with --k", {}) if len(set(labels)) == k else single
    found, scores = _scored_cuts(tree, base)
    k, paired = choose_k(found, scores)
    if not k:  # every consensus cut leaves a persona of one or two: keep the single clustering's choice
        return single
    consensus = (f"the consensus of {RUNS} clusterings with the blocks' weights varied "
                 f"{np.exp(-JITTER):.2f}-{np.exp(JITTER):.2f}x (how often two interviews fall together)")
    if len(scores) == 1:  # every cut of the consensus tree gives the same groups
        how = (f"k={k}: the only grouping {consensus} makes between 2 and {min(MAX_K, n - 1)} personas "
               f"(cosine silhouette {scores[k]:.2f}), one-person groups joined to their nearest")
        return Clustering(found[k], k, how, scores)
    tried = ", ".join(f"{c}: {s:.2f}" for c, s in sorted(scores.items()))
    among = (f"a cut with a two-person persona, {PAIR_MARGIN}x or more the best of the cuts whose every persona "
             f"has {MIN_MEMBERS}+ interviews" if paired else
             f"among the cuts whose every persona has {MIN_MEMBERS}+ interviews")
    how = (f"k={k} by the best cosine silhouette over k={min(scores)}..{max(scores)} ({tried}) times k^{LEAN}, {among} "
           f"(near-ties go to more personas: merging is one command), on {consensus}, one-person groups joined to "
           "their nearest")
    return Clustering(found[k], k, how, scores, close_cut(found, scores, k))
