"""Ukrainian force and emotion cues fire on inflected forms, the way a respondent says them.

Cues are matched by lemma (pymorphy3's best parse), so each sentence uses the cue in a form other
than the one written in the data file; the neutral sentences must fire nothing at all.
"""

from __future__ import annotations

import pytest

from jtbd_kit.coding.cues import CUES
from jtbd_kit.coding.pipeline import pipeline


def hits(text: str) -> list[tuple[str, str, str]]:
    """(kind, key, matched text) of every force and emotion cue in the text."""
    doc = pipeline("uk")(text)
    return [(h.kind, h.key, h.text.lower()) for h in doc.user_data[CUES] if h.kind in ("forces", "emotion")]


@pytest.mark.parametrize(("text", "kind", "key", "cue"), [
    # push
    ("Ноутбук весь час вилітав, а потім ще й ціни злетіли.", "forces", "push", "ціни злетіли"),
    ("Ноутбук весь час вилітав, а потім ще й ціни злетіли.", "forces", "push", "весь час вилітав"),
    ("Я вже просто не витримувала цього.", "forces", "push", "не витримувала"),
    ("Мені набридла ця програма, бо вона постійно висне.", "forces", "push", "набридла"),
    ("Мені набридла ця програма, бо вона постійно висне.", "forces", "push", "висне"),
    ("Я довго не міг собі дозволити таку покупку.", "forces", "push", "не міг собі дозволити"),
    # pull
    ("Подруга порадила, і мене одразу зачепило.", "forces", "pull", "подруга порадила"),
    ("Подруга порадила, і мене одразу зачепило.", "forces", "pull", "зачепило"),
    ("Усе робиться за кілька хвилин, у два кліки.", "forces", "pull", "за кілька хвилин"),
    ("Там набагато дешевше, ніж у банку.", "forces", "pull", "набагато дешевше"),
    # anxiety
    ("Мене гризли сумніви: а раптом не спрацює?", "forces", "anxiety", "гризли сумніви"),
    ("Мене гризли сумніви: а раптом не спрацює?", "forces", "anxiety", "раптом не"),
    ("Я боялася, що там приховані комісії.", "forces", "anxiety", "приховані комісії"),
    ("Я ніколи не чула про цю фірму.", "forces", "anxiety", "ніколи не чула про"),
    # habit
    ("У нас так заведено: працює — не чіпай.", "forces", "habit", "працює — не чіпай"),
    ("Чесно кажучи, було не до того.", "forces", "habit", "було не до того"),
    ("Шкода було міняти, я з ним ще з університету.", "forces", "habit", "шкода було"),
    ("Я не міг розлучитися зі старим телефоном.", "forces", "habit", "не міг розлучитися"),
    # positive
    ("Тепер жодних проблем, я всім раджу.", "emotion", "positive", "жодних проблем"),
    ("Тепер жодних проблем, я всім раджу.", "emotion", "positive", "всім раджу"),
    ("Я просто радію щоранку, як годинник працює.", "emotion", "positive", "радію"),
    ("Я просто радію щоранку, як годинник працює.", "emotion", "positive", "як годинник"),
    # negative
    ("Я тоді аж розплакалася, гірше не буває.", "emotion", "negative", "розплакалася"),
    ("Я тоді аж розплакалася, гірше не буває.", "emotion", "negative", "гірше не буває"),
    ("Нас просто обдурили, суцільний обман.", "emotion", "negative", "обдурили"),
    ("Нас просто обдурили, суцільний обман.", "emotion", "negative", "суцільний обман"),
])
def test_a_cue_fires_on_an_inflected_form(text, kind, key, cue):
    assert (kind, key, cue) in hits(text), hits(text)


@pytest.mark.parametrize("text", [
    "Я живу в Києві, працюю бухгалтеркою, маю двох дітей.",
    "Минулого тижня ми з чоловіком їздили до Львова на вихідні.",
])
def test_a_neutral_sentence_fires_no_force_or_emotion(text):
    assert hits(text) == []


def test_an_everyday_time_word_is_no_emotion_modifier():
    # `часом` (sometimes) would lemmatise to `час` (time) and scale whatever follows "весь час"
    assert not [h for h in hits("Він весь час сидить удома.") if h[0] == "emotion"]
