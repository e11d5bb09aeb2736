"""The cross-lingual word table: the same ids in every language, read from each language's everyday words,
so that two respondents with the same work in different languages share them, and a mixed-language study
can be grouped by what people talk about even with the situation concepts and the lexicon switched off."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from persona_study import ids_alike, said_alike
from sklearn.metrics import adjusted_rand_score

from jtbd_kit.personas.cluster import WEIGHTS, cluster, feature_matrix
from jtbd_kit.personas.features import Coded
from jtbd_kit.personas.situation import concepts_file, situation_counts

DICTIONARY = Path(__file__).resolve().parents[1] / "src" / "jtbd_kit" / "personas" / "dictionary"
LANGUAGES = ("en", "ru", "uk", "pl")

# Two kinds of work told in four languages: baking for a market stall, translating documents for clients.
SPEECH = {
    ("bake", "en"): "I bake bread and cakes at night and sell them at the market on Saturday.",
    ("bake", "ru"): "Я ночью пеку хлеб и торты, а в субботу продаю их на рынке.",
    ("bake", "uk"): "Я вночі печу хліб і торти, а в суботу продаю їх на ринку.",
    ("bake", "pl"): "W nocy piekę chleb i ciasta, a w sobotę sprzedaję je na targu.",
    ("translate", "en"): "I translate contracts and documents for clients, and the deadline is always tomorrow.",
    ("translate", "ru"): "Я перевожу договоры и документы для клиентов, и срок всегда завтра.",
    ("translate", "uk"): "Я перекладаю договори і документи для клієнтів, і дедлайн завжди завтра.",
    ("translate", "pl"): "Tłumaczę umowy i dokumenty dla klientów, a termin jest zawsze na jutro.",
}


def test_every_language_has_the_same_ids_in_the_same_order():
    assert len(ids_alike(DICTIONARY, LANGUAGES)) > 1500
    assert concepts_file("pl", "dictionary") == DICTIONARY / "pl.yaml"


def test_the_same_work_gives_the_same_ids_in_every_language():
    for work, wanted in (("bake", {"bread", "market", "sell"}), ("translate", {"client", "document", "contract"})):
        for lang in LANGUAGES:
            found = set(situation_counts(SPEECH[(work, lang)], lang, "dictionary"))
            assert wanted <= found, (work, lang, sorted(found))
    assert not set(situation_counts(SPEECH[("bake", "uk")], "uk", "dictionary")) & set(
        situation_counts(SPEECH[("translate", "pl")], "pl", "dictionary"))


def test_a_cue_whose_lemma_is_another_word_is_left_out():
    """Text and cue meet on the lemma: ru «дорогой» lemmatises to «дорога» (a road), so it is no cue for
    `expensive`, and a road trip is no talk about a price."""
    assert "expensive" not in situation_counts("Дорога заняла три часа.", "ru", "dictionary")


def test_a_mixed_language_study_groups_by_work_through_the_table():
    coded = said_alike(SPEECH)
    truth = [w for w, _lang in SPEECH]
    alone, used = feature_matrix(coded, {**WEIGHTS, "situation": 0.0, "lexicon": 0.0})
    assert "dictionary" in used and "lexicon" not in used and "situation" not in used
    assert adjusted_rand_score(truth, cluster(alone, 2).labels) == 1.0


def test_a_transcribers_asides_are_not_words_the_respondent_said():
    assert "laugh" in situation_counts("We laughed about it.", "en", "dictionary")
    assert "laugh" not in situation_counts("It broke again (laughs). [pause] Well.", "en", "dictionary")
    assert "laugh" not in situation_counts("Опять сломался (смеётся).", "ru", "dictionary")


def test_a_long_interview_does_not_stand_apart_for_its_length():
    """Counts are compared with what each interview's length predicts: the same talk three times over is
    still the same person, nearer to their short self than to someone with another job."""
    import numpy as np

    from jtbd_kit.personas.cluster import situation_block

    bake, translate = SPEECH[("bake", "en")], SPEECH[("translate", "en")]
    texts = [bake, " ".join([bake] * 3), translate, translate + " " + bake.split(",")[0], bake, translate]
    coded = [Coded(f"L-{i}", "en", "2026-01-01", "a van", [], t) for i, t in enumerate(texts)]
    rows = situation_block(coded, "dictionary", by_length=True)
    assert np.linalg.norm(rows[0] - rows[1]) < 0.5 * np.linalg.norm(rows[0] - rows[2])


def test_each_persona_lists_the_words_that_set_it_apart():
    from jtbd_kit.personas.describe import describe

    coded = said_alike(SPEECH)
    groups = [{"members": [c.participant for c, (w, _l) in zip(coded, SPEECH) if w == work]}
              for work in ("bake", "translate")]
    bakers, translators = describe(coded, groups, "by hand")
    assert {"bread", "market"} <= set(bakers["data"]["words"])
    assert {"client", "document"} <= set(translators["data"]["words"])
    assert not set(bakers["data"]["words"]) & set(translators["data"]["words"])
    assert any(d.startswith("words most of them say") and "bread" in d for d in bakers["data"]["distinct"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=5, max_size=5), min_size=1, max_size=8))
def test_counts_read_against_length_are_always_finite(rows):
    """Empty interviews, words nobody said, one interview alone: the log ratio never divides by zero."""
    import numpy as np

    from jtbd_kit.personas.cluster import _over_expected

    out = _over_expected(np.array(rows, dtype=float))
    assert out.shape == (len(rows), 5) and np.isfinite(out).all()
    assert not out[[i for i, r in enumerate(rows) if not any(r)]].any()  # an interview with no table word: all 0
