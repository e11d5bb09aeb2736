"""Ukrainian lemma overrides (lang/uk/lemmas.yaml) fix pymorphy3's first parse where it misreads a common form.

Without POS tags the first parse turns past-tense verbs into adjectives (була -> булий), leaves some
verb forms as they are (міг), reads pronouns as rare nouns (мене -> мен) and does not lemmatise words
with an apostrophe at all; the table fixes these for the text and the cue lists alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jtbd_kit.coding.cues import CUES
from jtbd_kit.coding.pipeline import pipeline
from jtbd_kit.lang import load_language


def lemmas(text: str) -> dict[str, str]:
    """Lowercase word -> its lemma (the coder's pipeline keeps it as the word's norm), for every word of the text."""
    return {t.lower_: t.norm_ for t in pipeline("uk")(text) if not t.is_punct}


@pytest.mark.parametrize(("text", "form", "lemma"), [
    ("Вона тоді була вдома.", "була", "бути"),
    ("Потім вона стала шукати інший варіант.", "стала", "стати"),
    ("Я довго не міг вирішити.", "міг", "могти"),
    ("Я хотіла щось простіше, а він хотів дешевше.", "хотіла", "хотіти"),
    ("Я хотіла щось простіше, а він хотів дешевше.", "хотів", "хотіти"),
    ("Мені набридла ця програма.", "набридла", "набриднути"),
    ("Посилка прийшла за два дні.", "прийшла", "прийти"),
    ("Ноутбук раптом став гальмувати.", "став", "стати"),
    ("Я сказала, що купила нову.", "купила", "купити"),
    ("Мене це дратувало, а мені було байдуже.", "мене", "я"),
    ("Мене це дратувало, а мені було байдуже.", "мені", "я"),
    ("Його ніхто не питав.", "його", "він"),
    ("Минулого року ми переїхали.", "року", "рік"),
    ("Тоді в мене з'явилася думка.", "з'явилася", "з'явитися"),
    ("Тоді в мене з’явилася думка.", "з’явилася", "з'явитися"),
])
def test_a_common_form_gets_the_lemma_a_speaker_means(text, form, lemma):
    assert lemmas(text)[form] == lemma


@pytest.mark.parametrize(("text", "form", "lemma"), [
    ("Часу було мало.", "мало", "мало"),          # the adverb, not мати
    ("Тому я й купила.", "тому", "тому"),         # the conjunction, not том / те
    ("Він мило посміхнувся.", "мило", "мило"),    # not мити
])
def test_an_ambiguous_form_keeps_its_everyday_reading(text, form, lemma):
    assert lemmas(text)[form] == lemma


def test_a_cue_now_fires_on_a_feminine_past_form():
    # `прийшов` (consuming) and `прийшла` used to part ways: прийшла -> прийшлий (an adjective)
    doc = pipeline("uk")("Посилка прийшла вже наступного ранку.")
    assert ("stages", "consuming", "прийшла") in [(h.kind, h.key, h.text.lower()) for h in doc.user_data[CUES]]


def test_the_table_is_lowercase_yaml():
    path = Path(load_language("uk")["dir"]) / "lemmas.yaml"
    table = yaml.safe_load(path.read_text("utf-8"))
    assert len(table) > 1000
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in table.items())
    assert all(k == k.lower() and v == v.lower() for k, v in table.items())
