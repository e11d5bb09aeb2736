"""The everyday lexicon: the same fine-grained ids in every language, read from each language's words,
and a study whose personas differ only in such everyday things (not in the coarse concepts) clusters right."""

from __future__ import annotations

from pathlib import Path

from persona_study import ids_alike, said_alike
from sklearn.metrics import adjusted_rand_score

from jtbd_kit.personas.cluster import WEIGHTS, cluster, feature_matrix
from jtbd_kit.personas.situation import concepts_file, situation_counts

LEXICON = Path(__file__).resolve().parents[1] / "src" / "jtbd_kit" / "personas" / "lexicon"
LANGUAGES = ("en", "ru", "uk", "pl")

# Two lives told in four languages: a beekeeper with a tractor, a night-shift nurse with a knee injury.
SPEECH = {
    ("bees", "en"): "We keep bees behind the barn, forty hives, and the tractor is older than me. Honey pays for diesel.",
    ("bees", "ru"): "У нас пасека за сараем, сорок ульев, и трактор старше меня. Мёд окупает солярку.",
    ("bees", "uk"): "У нас пасіка за сараєм, сорок вуликів, і трактор старший за мене. Мед окупає солярку.",
    ("bees", "pl"): "Mamy pasiekę za stodołą, czterdzieści uli, a ciągnik jest starszy ode mnie. Miód płaci za ropę.",
    ("nurse", "en"): "I work as a nurse on night shifts at the hospital, and my knee has been bad since the fall.",
    ("nurse", "ru"): "Я работаю медсестрой в ночную смену в больнице, и колено болит с тех пор.",
    ("nurse", "uk"): "Я працюю медсестрою в нічну зміну в лікарні, і коліно болить відтоді.",
    ("nurse", "pl"): "Pracuję jako pielęgniarka na nocki w szpitalu, a kolano boli od tamtej pory.",
}


def test_every_language_has_the_same_ids_in_the_same_order():
    assert len(ids_alike(LEXICON, LANGUAGES)) > 500


def test_the_same_life_gives_the_same_ids_in_every_language():
    for persona, wanted in (("bees", {"tractor"}), ("nurse", {"knee"})):
        for lang in LANGUAGES:
            found = set(situation_counts(SPEECH[(persona, lang)], lang, "lexicon"))
            assert wanted <= found, (persona, lang, sorted(found))
    assert not set(situation_counts(SPEECH[("bees", "uk")], "uk", "lexicon")) & set(
        situation_counts(SPEECH[("nurse", "pl")], "pl", "lexicon"))


def test_only_known_lists_are_read():
    assert concepts_file("en", "lexicon") == LEXICON / "en.yaml"
    assert concepts_file("en", "../lexicon") is None
    assert situation_counts(SPEECH[("bees", "en")], "en", "nonsense") == {}


def test_a_mixed_language_study_groups_by_life_not_by_language():
    coded = said_alike(SPEECH)
    truth = [p for p, _lang in SPEECH]
    matrix, used = feature_matrix(coded)
    assert "lexicon" in used
    assert adjusted_rand_score(truth, cluster(matrix).labels) == 1.0
    alone, used = feature_matrix(coded, {**WEIGHTS, "situation": 0.0, "dictionary": 0.0})  # the lexicon alone carries them
    assert used == ["lexicon"]
    assert adjusted_rand_score(truth, cluster(alone, 2).labels) == 1.0
