"""Polish force and emotion cues: native phrasings fire in inflected forms, neutral talk fires nothing.

Lemmas come from simplemma, which maps many participles to their verb and some past forms oddly
(`miałem` -> `miał`), so these sentences use the forms a respondent would say, not the cue's own.
"""

from __future__ import annotations

import pytest

from jtbd_kit.coding.cues import CUES
from jtbd_kit.coding.pipeline import pipeline
from jtbd_kit.coding.segmenter import UNITS

FEELINGS = ("forces", "emotion")


def coded(text: str):
    doc = pipeline("pl")(text)
    units = doc.user_data[UNITS]
    forces = {f for u in units for f in u.forces}
    return doc.user_data[CUES], forces, sum(u.emotion_score for u in units)


def has_hit(hits, kind: str, key: str, text: str) -> bool:
    return any(h.kind == kind and h.key == key and h.text.lower() == text for h in hits)


@pytest.mark.parametrize("sentence, force, cue", [
    ("Miałam tego serdecznie dość.", "push", "serdecznie dość"),
    ("Aplikacja się zawieszała i nikt nie oddzwonił.", "push", "nikt nie oddzwonił"),
    ("Już nic nie działało jak trzeba.", "push", "nic nie działało"),  # `nic` must not cancel it
    ("Przez to straciłam klientów.", "push", "straciłam klientów"),
    ("Od razu wpadł mi w oko.", "pull", "wpadł mi w oko"),
    ("Wychodziło o wiele szybciej.", "pull", "o wiele szybciej"),
    ("To naprawdę ułatwia życie.", "pull", "ułatwia życie"),
    ("Zastanawiałam się, czy sobie poradzę.", "anxiety", "czy sobie poradzę"),
    ("Gdzie jest haczyk, pomyślałem.", "anxiety", "gdzie jest haczyk"),
    ("Biłam się z myślami przez tydzień.", "anxiety", "biłam się z myślami"),
    ("Odkąd pamiętam, robiłam to z automatu.", "habit", "z automatu"),
    ("Szkoda było wyrzucać, przecież działało.", "habit", "przecież działało"),
    ("Nie widziałam potrzeby, żeby cokolwiek zmieniać.", "habit", "nie widziałam potrzeby"),
])
def test_force_cue_fires(sentence, force, cue):
    hits, forces, _ = coded(sentence)
    assert has_hit(hits, "forces", force, cue), [(h.kind, h.key, h.text) for h in hits]
    assert force in forces


@pytest.mark.parametrize("sentence, sign, cue", [
    ("Działa jak w zegarku.", 1, "jak w zegarku"),
    ("Polecam z całego serca.", 1, "z całego serca"),
    ("Podjarałam się, jak przyszło.", 1, "podjarałam"),
    ("Wcale nie żałuję tej decyzji.", 1, "wcale nie żałuję"),  # not flipped by `wcale`
    ("To było strasznie fajne.", 1, "fajne"),  # `strasznie` only intensifies
    ("Czułam się jak idiotka.", -1, "jak idiotka"),
    ("To była totalna klapa.", -1, "totalna klapa"),
    ("Konsultant był opryskliwy.", -1, "opryskliwy"),
    ("Było bez szału.", -1, "bez szału"),  # `bez` flips `szał`, the phrase still reads as meh
])
def test_emotion_cue_fires(sentence, sign, cue):
    hits, _, score = coded(sentence)
    key = "positive" if sign > 0 else "negative"
    assert has_hit(hits, "emotion", key, cue), [(h.kind, h.key, h.text) for h in hits]
    assert score * sign > 0


@pytest.mark.parametrize("sentence", [
    "Kurier przyjechał następnego dnia około południa.",
    "Przy okazji kupiłam też drugi kabel, naprawdę tak było.",
    "Córka poszła w tym roku do pierwszej klasy.",
])
def test_neutral_talk_fires_no_force_or_feeling(sentence):
    hits, forces, score = coded(sentence)
    feelings = [h for h in hits if h.kind in FEELINGS and h.key not in ("negation", "intensifier", "downtoner")]
    assert not feelings and not forces and score == 0
