"""More situation concepts (pregnancy, single parents, occupations, faith, noise, ...) in all four languages.

Each concept is found in every language by a sentence a respondent could say, and talk about buying
and using a product finds none of them: occupations are cued from the worker's side ("as a waiter"),
so a customer mentioning a waiter or a nurse is not one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jtbd_kit.personas.situation import situation_counts

CONCEPTS = Path(__file__).resolve().parents[1] / "src" / "jtbd_kit" / "personas" / "concepts"
NEW = ("pregnancy", "fertility", "single_parent", "large_family", "special_needs_child", "lives_with_parents",
       "empty_nest", "grandparenting", "long_distance", "dating", "dental", "graduate", "career_change", "side_hustle",
       "gig_work", "farming", "teaching", "healthcare_work", "hospitality", "retail_work", "online_seller", "startup",
       "nonprofit", "public_sector", "academia", "sales_work", "military", "content_creation", "faith", "music_making",
       "noise", "legal_dispute")

SAYS = {
    "pregnancy": {
        "en": "When I was pregnant with our first I had morning sickness for weeks.",
        "ru": "Когда я была беременна первым, меня мучил токсикоз, ходила в женскую консультацию.",
        "uk": "Коли я була вагітна першою, мене мучив токсикоз, ходила в жіночу консультацію.",
        "pl": "Kiedy byłam w ciąży z pierwszym, miałam poranne mdłości i chodziłam do szkoły rodzenia.",
    },
    "single_parent": {
        "en": "I'm a single mum, it's just me and the kids since he left.",
        "ru": "Я мать-одиночка, одна воспитываю двоих, помочь с детьми некому.",
        "uk": "Я мама-одиначка, сама виховую двох, допомогти з дітьми нікому.",
        "pl": "Jestem samotną mamą, sama wychowuję dwójkę i nie mam z kim zostawić dzieci.",
    },
    "large_family": {
        "en": "We're a family of six, I'm a mum of four, so all four kids need lifts.",
        "ru": "У нас многодетная семья, четверо детей, готовлю на шестерых.",
        "uk": "У нас багатодітна сім'я, четверо дітей, готую на шістьох.",
        "pl": "Jesteśmy rodziną wielodzietną, mam czwórkę dzieci i kartę dużej rodziny.",
    },
    "teaching": {
        "en": "I'm a teacher, I teach Year 6, and the marking homework eats my weekends.",
        "ru": "Я учительница, работаю в школе, по вечерам проверяю тетради.",
        "uk": "Я вчителька, працюю в школі, вечорами перевіряю зошити.",
        "pl": "Jestem nauczycielką, pracuję w szkole i wieczorami sprawdzam kartkówki.",
    },
    "healthcare_work": {
        "en": "I work as a nurse, twelve hours on the wards, and my patients come first.",
        "ru": "Я работаю медсестрой в больнице, мои пациенты — это двенадцать часов на ногах.",
        "uk": "Я працюю медсестрою в лікарні, мої пацієнти — це дванадцять годин на ногах.",
        "pl": "Pracuję jako pielęgniarka w szpitalu, moi pacjenci to dwanaście godzin na nogach.",
    },
    "farming": {
        "en": "We farm two hundred acres, our cows need milking and harvest never waits.",
        "ru": "У нас фермерское хозяйство, двести гектаров, посевная кампания скоро.",
        "uk": "У нас фермерське господарство, двісті гектарів, скоро посівна кампанія.",
        "pl": "Jestem rolnikiem, mamy gospodarstwo i sto hektarów, zaraz żniwa.",
    },
    "side_hustle": {
        "en": "I sell prints as a side hustle, alongside my day job.",
        "ru": "Я подрабатываю по вечерам, это дополнительный доход помимо основной работы.",
        "uk": "Я підробляю вечорами, це додатковий дохід окрім основної роботи.",
        "pl": "Dorabiam wieczorami, to dodatkowy dochód obok etatu.",
    },
    "faith": {
        "en": "My faith matters to me, we go to mass every Sunday and I pray daily.",
        "ru": "Я верующая, хожу в храм по воскресеньям, в пост не ем мясо.",
        "uk": "Я віруюча, ходжу до храму щонеділі, у піст не їм м'яса.",
        "pl": "Jestem wierząca, chodzę do kościoła na mszę co niedzielę.",
    },
    "noise": {
        "en": "We have noisy neighbours and paper-thin walls, I hear the neighbours every night.",
        "ru": "У нас шумные соседи и картонные стены, соседи сверху не дают спать.",
        "uk": "У нас галасливі сусіди і тонкі стіни, сусіди зверху не дають спати.",
        "pl": "Mamy hałaśliwych sąsiadów i cienkie ściany, sąsiedzi z góry nie dają spać.",
    },
    "lives_with_parents": {
        "en": "I still live at home, I moved back in with my parents after uni.",
        "ru": "Я живу с родителями, вернулась к родителям после универа.",
        "uk": "Я живу з батьками, повернулася до батьків після університету.",
        "pl": "Mieszkam z rodzicami, wróciłam do rodziców po studiach.",
    },
    "startup": {
        "en": "We raised a seed round, our investors want growth and the runway is nine months.",
        "ru": "У нас стартап, привлекли инвестиции на посевном раунде, наши инвесторы ждут роста.",
        "uk": "У нас стартап, залучили інвестиції в посівному раунді, наші інвестори чекають зростання.",
        "pl": "Mamy startup, pozyskaliśmy inwestora w rundzie seed, nasi inwestorzy czekają na wzrost.",
    },
}

NEUTRAL = {
    "en": "I compared three models, read the reviews, asked the shop assistant and the waiter, did my research "
          "and ordered the entry-level one with free delivery; it's in the sale now.",
    "ru": "Я сравнила три модели, почитала отзывы, спросила продавца, и заказала ту, что есть в продаже, с доставкой.",
    "uk": "Я порівняла три моделі, почитала відгуки, спитала продавця і замовила ту, що є в продажу, з доставкою.",
    "pl": "Porównałam trzy modele, przeczytałam opinie, zapytałam sprzedawcę i zamówiłam ten, który jest w sprzedaży.",
}


def test_new_concepts_are_in_every_file_and_named_in_english():
    words = yaml.safe_load((CONCEPTS / "words.yaml").read_text(encoding="utf-8"))["situation"]
    for language in ("en", "pl", "ru", "uk"):
        ids = set(yaml.safe_load((CONCEPTS / f"{language}.yaml").read_text(encoding="utf-8")))
        assert set(NEW) <= ids, (language, set(NEW) - ids)
    for concept in NEW:
        assert {"who", "adj", "when", "so"} <= set(words[concept]), concept


@pytest.mark.parametrize("concept", sorted(SAYS))
def test_a_sentence_finds_the_concept_in_every_language(concept):
    for language, text in SAYS[concept].items():
        assert situation_counts(text, language)[concept] >= 1, (concept, language)


def test_buying_talk_finds_none_of_the_new_concepts():
    for language, text in NEUTRAL.items():
        found = {c for c, n in situation_counts(text, language).items() if n and c in NEW}
        assert not found, (language, found)


WEDDINGS = [
    ("en", "We got married last June and our wedding photos were all on my phone.", True),
    ("en", "I shoot weddings most weekends, the bride always wants the raw files.", False),
    ("ru", "Мы поженились прошлым летом, и все фото с нашей свадьбы были в телефоне.", True),
    ("uk", "Мій наречений хотів альбом з нашого весілля.", True),
    ("pl", "Pobraliśmy się w czerwcu i wszystkie zdjęcia z naszego ślubu były w telefonie.", True),
    ("pl", "Ślub mamy w czerwcu, a wesele liczymy od miesięcy.", True),
]


@pytest.mark.parametrize(("language", "text", "own"), WEDDINGS)
def test_wedding_is_the_speakers_own_not_their_trade(language, text, own):
    """A photographer or florist who works at weddings is not planning one (in English, where the
    plural tells them apart; in ru/uk/pl only the bride and groom as roles are left out)."""
    assert (situation_counts(text, language).get("wedding", 0) > 0) is own
