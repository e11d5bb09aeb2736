"""Situation concepts: cue data in four languages, clustering that survives noisy codes, job drafts."""

from __future__ import annotations

from pathlib import Path

import yaml

from jtbd_kit.personas.cluster import cluster, feature_matrix
from jtbd_kit.personas.describe import describe
from jtbd_kit.personas.features import Coded
from jtbd_kit.personas.situation import situation_counts

CONCEPTS = Path(__file__).resolve().parents[1] / "src" / "jtbd_kit" / "personas" / "concepts"

SPEECH = {
    ("kids", "en"): "My kids come back from school starving and my son has football, the children need dinner.",
    ("kids", "pl"): "Dzieci wracają ze szkoły głodne, syn ma trening piłki, a córka zajęcia dodatkowe.",
    ("kids", "ru"): "Дети приходят из школы голодные, у сына кружок, дочку забираю из садика.",
    ("kids", "uk"): "Діти приходять зі школи голодні, у сина гурток, доньку забираю з садочка.",
    ("gym", "en"): "I go to the gym five times a week and count calories and protein after every workout.",
    ("gym", "pl"): "Chodzę na siłownię pięć razy w tygodniu i liczę kalorie i białko po każdym treningu.",
    ("gym", "ru"): "Я хожу в спортзал пять раз в неделю и считаю калории и белок после каждой тренировки.",
    ("gym", "uk"): "Я ходжу в спортзал п'ять разів на тиждень і рахую калорії та білок після кожного тренування.",
}


def segment(text: str, forces: list[str], pains: list[str]) -> dict:
    return {"text": text, "start": 0, "end": len(text), "stage": "first_thought", "forces": forces, "emotion": -1,
            "emotion_score": -0.5, "touchpoints": [], "pains": pains, "confidence": 0.9, "seconds": 60.0,
            "turn_idx": 0}


def interview(i: int, persona: str, language: str) -> Coded:
    """Identical codes for everybody (as noisy as codes get); only the words differ."""
    speech = SPEECH[(persona, language)]
    segs = [segment(speech, ["push"], ["time_waste"]), segment("It was fine, I suppose.", ["pull"], ["price"])]
    return Coded(f"X-{i:02d}", language, "2026-01-01", "meal kit", segs, speech + "\n" + "It was fine, I suppose.\n")


def study() -> list[Coded]:
    return [interview(i, persona, language) for i, (persona, language) in enumerate(SPEECH)]


def test_every_language_finds_the_same_concepts():
    for language in ("en", "pl", "ru", "uk"):
        assert situation_counts(SPEECH[("kids", language)], language)["children"] >= 2, language
        counts = situation_counts(SPEECH[("gym", language)], language)
        assert counts["fitness"] >= 2 and counts["children"] == 0, (language, counts)


HOSTING = {"en": "We rent out the spare flat as a holiday let, and the new guests arrive on Friday.",
           "ru": "Мы сдаём квартиру посуточно, в пятницу заезд новых гостей.",
           "uk": "Ми здаємо квартиру подобово, у п'ятницю заїзд нових гостей.",
           "pl": "Wynajmujemy mieszkanie na doby, w piątek przyjeżdżają nowi goście."}


def test_letting_a_place_to_guests_is_one_concept_in_every_language():
    for language, text in HOSTING.items():
        assert situation_counts(text, language)["hosting"] >= 2, language


def test_phrases_prefixes_and_unknown_languages():
    assert situation_counts("Honestly there was no time, never.", "en")["time_pressure"] == 1
    assert situation_counts("The discounts and a voucher", "en")["money"] == 2
    assert situation_counts("kids kids kids", "xx") == {}


def test_concept_files_share_ids_and_every_named_concept_exists():
    ids = {path.stem: set(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in CONCEPTS.glob("??.yaml")}
    assert set(ids) >= {"en", "pl", "ru", "uk"}
    assert all(found == ids["en"] for found in ids.values()), ids
    words = yaml.safe_load((CONCEPTS / "words.yaml").read_text(encoding="utf-8"))
    assert set(words["situation"]) <= ids["en"]
    assert all({"who", "adj", "when", "so"} <= set(w) for w in words["situation"].values())


def test_situation_separates_people_whose_codes_are_identical():
    coded = study()
    matrix, used = feature_matrix(coded)
    result = cluster(matrix)
    assert "situation" in used and result.k == 2
    # each group holds one persona in all four languages, not one language
    kids, gym = set(result.labels[:4]), set(result.labels[4:])
    assert len(kids) == 1 and len(gym) == 1 and kids != gym


def test_codes_that_cut_across_the_situations_do_not_split_them():
    """Machine codes move with every retrain; the respondents' situation does not, so it leads.

    Half of each persona leans calm in its codes and half tense, 60% of segments following the
    lean and the rest random: the groups still follow what people say about their lives (with
    the weights before the situation led, 2 of 30 such draws came out right; now 28).
    """
    import random

    from jtbd_kit.personas.features import FORCES, STAGES

    rng = random.Random(0)

    def coded_segment(text: str, calm: bool) -> dict:
        if rng.random() < 0.6:
            return dict(segment(text, ["pull"] if calm else ["push"], ["price"] if calm else ["trust"]),
                        stage="satisfaction" if calm else "deciding", emotion=1 if calm else -1)
        return dict(segment(text, [rng.choice(FORCES)], [rng.choice(["price", "trust", "time_waste"])]),
                    stage=rng.choice(STAGES), emotion=rng.choice([-1, 0, 1]))

    coded = study()
    for i, c in enumerate(coded):
        c.segments = [coded_segment(s["text"], i % 2 == 0) for s in c.segments for _ in range(4)]
    result = cluster(feature_matrix(coded)[0])
    assert result.k == 2 and len(set(result.labels[:4])) == 1 and len(set(result.labels[4:])) == 1


def test_situation_without_spread_adds_nothing():
    coded = [interview(i, "kids", "en") for i in range(5)]
    _matrix, used = feature_matrix(coded)
    assert "situation" not in used


def test_job_draft_comes_from_concepts_with_quotes_as_evidence():
    coded = study()
    groups = [{"members": [c.participant for c in coded[:4]]}, {"members": [c.participant for c in coded[4:]]}]
    kids, gym = describe(coded, groups, "test")
    assert kids["job"] == ("When I have children to look after, and too much time goes to waste, I want to switch "
                           "to meal kit and pay less for it, so I can spend more time with my family.")
    assert kids["name"].endswith("parents") and gym["name"].endswith("fitness seekers")
    assert "situation: children" in kids["description"]
    evidence = kids["data"]["evidence"]
    assert {e["participant"] for e in evidence if e["for"] == "situation"} <= set(groups[0]["members"])
    assert any("школ" in e["text"] or "school" in e["text"] or "szkoł" in e["text"] for e in evidence)
    assert kids["data"]["job_parts"] == {"situation": "children", "push": "time_waste", "pull": "price"}


def test_machine_forces_weigh_by_probability_a_reviewed_one_counts_fully():
    from jtbd_kit.personas.features import code_blocks, force_weights

    assert force_weights(["anxiety"], '{"push": 0.1, "pull": 0.05, "anxiety": 0.6, "habit": 0.0}') == {
        "push": 0.1, "pull": 0.05, "anxiety": 0.6, "habit": 0.0}
    assert force_weights(["habit"], None) == {"habit": 1.0}
    seg = {"stage": "deciding", "start": 0, "end": 10, "forces": ["anxiety"], "touchpoints": [], "pains": [],
           "emotion": -1, "weights": {"anxiety": 0.64, "push": 0.16}}
    c = Coded("X-01", "en", None, None, [seg], "")
    assert code_blocks(c)["force_stage"] == {"anxiety@deciding": 0.8, "push@deciding": 0.4}  # square roots
    assert code_blocks(c, root=False)["forces"] == {"anxiety": 1.0}  # words for people: the coded forces


def test_a_name_never_says_the_same_word_twice():
    from jtbd_kit.personas.describe import _name

    # children's modifier is "family-juggling", parents' noun "family helpers": they must not meet
    distinct = [(3.0, "sit:parents", 1.0, 0.0), (2.0, "sit:children", 1.0, 0.0), (1.0, "pain:price", 1.0, 0.0)]
    name = _name(distinct, set())
    assert name.lower().count("famil") == 1, name
    assert name.endswith("family helpers")
