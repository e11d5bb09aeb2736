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


# Renting is the respondent renting their home. A landlord says "tenants", "landlord" and "the rent"
# too, so each language's renting cues are phrases said from the tenant's side, and a landlord's
# sentences are `hosting`. Same number and kind of sentences in every language.
RENTER = {
    "en": ["We rent a small flat and our landlord won't let us drill into the walls.",
           "As a tenant I pay the rent on the first of the month and hope to get my deposit back."],
    "ru": ["Мы снимаем квартиру, и наша хозяйка не разрешает сверлить стены.",
           "Я живу на съёмной, плачу за аренду первого числа и надеюсь, что мне вернут залог."],
    "uk": ["Ми знімаємо квартиру, і наша господиня не дозволяє свердлити стіни.",
           "Я живу на орендованій, плачу за оренду першого числа і чекаю, що мені повернуть заставу."],
    "pl": ["Mieszkamy na wynajmie i nasza właścicielka nie pozwala wiercić w ścianach.",
           "Jako najemca płacę czynsz pierwszego dnia miesiąca i liczę, że właściciel odda mi kaucję."],
}
LANDLORD = {
    "en": ["My tenants moved out in March.", "I let the flat to tenants through an agency.",
           "We rent the flat out to students and the rent comes in on time."],
    "ru": ["Мои квартиранты съехали в марте.", "Я сдаю квартиру квартирантам через агентство.",
           "Мы сдаём квартиру в аренду студентам, арендная плата приходит вовремя."],
    "uk": ["Мої квартиранти з'їхали в березні.", "Я здаю квартиру квартирантам через агенцію.",
           "Ми здаємо квартиру в оренду студентам, орендна плата приходить вчасно."],
    "pl": ["Moi najemcy wyprowadzili się w marcu.", "Wynajmuję swoje mieszkanie najemcom przez agencję.",
           "Wynajmujemy nasze mieszkanie studentom, czynsz wpływa na czas."],
}


def test_a_renter_is_renting_in_every_language():
    assert set(RENTER) == set(LANDLORD) == {"en", "ru", "uk", "pl"}
    assert len({len(rows) for rows in RENTER.values()}) == 1
    for language, rows in RENTER.items():
        for text in rows:
            counts = situation_counts(text, language)
            assert counts["renting"] >= 1 and counts["hosting"] == 0, (language, text, counts)


def test_a_landlord_is_hosting_not_renting_in_every_language():
    assert len({len(rows) for rows in LANDLORD.values()}) == 1
    for language, rows in LANDLORD.items():
        for text in rows:
            counts = situation_counts(text, language)
            assert counts["renting"] == 0 and counts["hosting"] >= 1, (language, text, counts)


def test_a_phrase_can_rule_out_the_words_that_follow_it():
    """`i rent* !out` is a renter; renting it out, or renting a car, is not."""
    assert situation_counts("I rent a flat near the station.", "en")["renting"] == 1
    assert situation_counts("I rented a small studio for years.", "en")["renting"] == 1
    for text in ("I rent it out in the summer.", "We rented the whole flat out.", "I rented a car at the airport."):
        assert situation_counts(text, "en")["renting"] == 0, text
    assert situation_counts("Я сняла квартиру на видео для объявления.", "ru")["renting"] == 0
    assert situation_counts("Ми зняли квартиру в центрі.", "uk")["renting"] == 1
    # «wynajmuję mieszkanie od» is a tenant («od pani Basi»), unless «od» starts a time («od trzech lat»)
    assert situation_counts("Wynajmuję mieszkanie od pani Basi.", "pl")["renting"] == 1
    assert situation_counts("Wynajmuję mieszkanie od trzech lat.", "pl")["renting"] == 0


def test_phrases_prefixes_and_unknown_languages():
    assert situation_counts("Honestly there was no time, never.", "en")["time_pressure"] == 1
    # discounts are deal-hunting, said in any purchase; "money" is a tight budget (see test below)
    assert situation_counts("The discounts and a voucher", "en")["deals"] == 2
    assert situation_counts("The discounts and a voucher", "en")["money"] == 0
    assert situation_counts("kids kids kids", "xx") == {}


# Product talk that any interview about any purchase contains: a device that "works", an account,
# a password, notifications, a price, a friend's tip, a desk client, "the course of", "at home", "in
# the kitchen", "the evening", a schedule, a route, a journey. None of it says who the person is.
EVERYDAY = {
    "en": ("It works well and it worked from day one. I created an account, picked a password and turned on "
           "notifications. The sale price was fine, a friend recommended it, and over the course of a week I learned "
           "how to use it from a tutorial. The desktop client syncs with the office suite, it weighs two kilos, the "
           "remote control is handy, and on a scale of one to ten it gets an eight. I shifted my old project over in "
           "the evening, it fits my schedule, the route planner is good and the journey to the shop was quick."),
    "ru": ("Работает отлично, заработало сразу. Я завела аккаунт, придумала пароль и включила уведомления. Цена "
           "нормальная, подруга посоветовала, за вечер разобралась по обучающему ролику. Десктопный клиент "
           "синхронизируется, весит два килограмма, смена тарифа прошла легко, проект интерфейса удачный. Дома "
           "пользуюсь каждый день, стоит на кухне, с точки зрения удобства лучше, в зависимости от задачи можно "
           "настроить, маршрут строит быстро, расписание удобное."),
    "uk": ("Працює чудово, запрацювало одразу. Я створила акаунт, придумала пароль і ввімкнула сповіщення. Ціна "
           "нормальна, подруга порадила, за вечір розібралася за навчальним відео. Десктопний клієнт "
           "синхронізується, важить два кілограми, зміна тарифу пройшла легко, робота застосунку сподобалася. Вдома "
           "користуюся щодня, стоїть на кухні, залежно від задачі можна налаштувати, маршрут будує швидко, розклад "
           "зручний, один чоловік у магазині порадив, дівчина-консультантка теж."),
    "pl": ("Działa świetnie, od razu wszystko działało. Założyłam konto, ustawiłam hasło i włączyłam powiadomienia. "
           "Cena w porządku, koleżanka poleciła, w jeden wieczór ogarnęłam z samouczka. Klient desktopowy "
           "się synchronizuje, waży dwa kilogramy, zmiana taryfy poszła gładko, grafika ładna, starszy model był "
           "gorszy. W domu używam codziennie, stoi w kuchni, mamy też wersję na telefon, trasa liczy się szybko, "
           "dostarczyli w terminie, ceny poszły w górę."),
}


def test_everyday_product_talk_names_no_situation():
    for language, text in EVERYDAY.items():
        assert situation_counts(text, language) == {}, (language, situation_counts(text, language))


# Life situations that define a persona (employment status, household, life events, money, who the
# purchase is for), said the way people say them in each language: (sentence, must fire, must not).
LIFE = {
    "en": [
        ("My employer pays for it, HR sorted the licence and my boss had to sign it off.", {"employee"}, set()),
        ("I'm self-employed, I work for myself and invoice my clients every month.", {"freelance", "customers"}, set()),
        ("I run my own business, a small cafe, and I manage my staff myself.", {"own_business", "managing_team"},
         set()),
        ("I'm a student at uni, on a student budget, and money is tight.", {"study", "money"}, set()),
        ("I retired last year and live on a state pension.", {"retirement"}, set()),
        ("I was laid off in March and I've been looking for a job ever since.", {"job_search"}, set()),
        ("I'm on maternity leave with our newborn.", {"parental_leave", "baby"}, set()),
        ("Since the divorce I live alone and mostly cook for one.", {"lives_alone", "breakup"}, set()),
        ("I share a flat with two flatmates and we share the kitchen.", {"flatmates"}, {"lives_alone"}),
        ("My mum is in her eighties, she lives alone and had a fall last winter.", {"elder_care", "parents"},
         {"lives_alone"}),
        ("We're getting married in June and saving up for the wedding.", {"wedding", "saving_goal"}, set()),
        ("We're saving for a deposit for a house and put money aside every month.", {"saving_goal"}, set()),
        ("Money isn't an issue for me, I'm happy to pay more for quality.", {"well_off"}, {"money"}),
        ("I have a loan and a maxed out credit card, I can't afford much.", {"debt", "money"}, set()),
        ("I bought it for my daughter as a birthday present.", {"buying_for_others", "children"}, set()),
        ("We bought it for the whole team and the company pays.", {"company_purchase"}, set()),
        ("I commute an hour each way and I'm stuck in traffic.", {"commute"}, set()),
        ("I never have enough time, I'm always running late.", {"time_pressure"}, set()),
    ],
    "ru": [
        ("Работодатель оплачивает, отдел кадров всё оформил, начальник согласовал.", {"employee"}, set()),
        ("Я самозанятая, работаю на себя и выставляю счета моим клиентам.", {"freelance", "customers"}, set()),
        ("У меня свой бизнес, небольшое кафе, и мои сотрудники всё делают сами.", {"own_business", "managing_team"},
         set()),
        ("Я студентка, учусь в университете, денег не хватает.", {"study", "money"}, set()),
        ("В прошлом году я вышла на пенсию.", {"retirement"}, set()),
        ("Меня сократили в марте, с тех пор ищу работу.", {"job_search"}, set()),
        ("Я в декрете с новорождённой дочкой.", {"parental_leave", "baby"}, set()),
        ("После развода живу одна, готовлю на одного человека.", {"lives_alone", "breakup"}, set()),
        ("Я снимаю комнату, у меня две соседки по квартире и общая кухня.", {"flatmates"}, {"lives_alone"}),
        ("Маме за восемьдесят, она живёт одна и недавно упала дома.", {"elder_care", "parents"}, {"lives_alone"}),
        ("В июне выхожу замуж, мы копим на свадьбу.", {"wedding", "saving_goal"}, set()),
        ("Мы копим на первоначальный взнос и откладываем деньги каждый месяц.", {"saving_goal"}, set()),
        ("Деньги для меня не проблема, готова переплатить за качество.", {"well_off"}, {"money"}),
        ("У меня кредит и долги по кредитке, не могу себе позволить лишнего.", {"debt", "money"}, set()),
        ("Купила это для дочки в подарок на день рождения.", {"buying_for_others", "children"}, set()),
        ("Мы взяли это на всю команду, компания оплачивает.", {"company_purchase"}, set()),
        ("Добираюсь до работы час в одну сторону, стою в пробках.", {"commute"}, set()),
        ("Вечно ничего не успеваю, нет времени.", {"time_pressure"}, set()),
    ],
    "uk": [
        ("Роботодавець оплачує, відділ кадрів усе оформив, начальник погодив.", {"employee"}, set()),
        ("Я фоп, працюю на себе і виставляю рахунки моїм клієнтам.", {"freelance", "customers"}, set()),
        ("У мене свій бізнес, невелике кафе, і мої працівники все роблять самі.", {"own_business", "managing_team"},
         set()),
        ("Я студентка, навчаюся в університеті, грошей не вистачає.", {"study", "money"}, set()),
        ("Минулого року я вийшла на пенсію.", {"retirement"}, set()),
        ("Мене скоротили в березні, відтоді шукаю роботу.", {"job_search"}, set()),
        ("Я в декреті з новонародженою донькою.", {"parental_leave", "baby"}, set()),
        ("Після розлучення живу сама, готую на одного.", {"lives_alone", "breakup"}, set()),
        ("Я знімаю кімнату, у мене дві сусідки по квартирі і спільна кухня.", {"flatmates"}, {"lives_alone"}),
        ("Мамі за вісімдесят, вона живе сама і нещодавно впала вдома.", {"elder_care", "parents"}, {"lives_alone"}),
        ("У червні виходжу заміж, ми збираємо на весілля.", {"wedding", "saving_goal"}, set()),
        ("Ми збираємо на перший внесок і щомісяця відкладаємо гроші.", {"saving_goal"}, set()),
        ("Гроші для мене не проблема, я готова переплатити за якість.", {"well_off"}, {"money"}),
        ("У мене кредит і борги по кредитці, не можу собі дозволити зайвого.", {"debt", "money"}, set()),
        ("Купила це для доньки в подарунок на день народження.", {"buying_for_others", "children"}, set()),
        ("Ми взяли це на всю команду, компанія оплачує.", {"company_purchase"}, set()),
        ("Добираюся до роботи годину в один бік, стою в заторах.", {"commute"}, set()),
        ("Вічно нічого не встигаю, немає часу.", {"time_pressure"}, set()),
        ("Ми з чоловіком живемо разом п'ять років.", {"partner"}, set()),
    ],
    "pl": [
        ("Pracodawca płaci, dział kadr wszystko załatwił, a szef to zatwierdził.", {"employee"}, set()),
        ("Prowadzę jednoosobową działalność, pracuję na siebie i wystawiam faktury moim klientom.",
         {"freelance", "own_business", "customers"}, set()),
        ("Mam własną firmę, małą kawiarnię, i moi pracownicy wszystko robią sami.", {"own_business", "managing_team"},
         set()),
        ("Jestem studentką, studiuję na uniwersytecie i brakuje mi pieniędzy.", {"study", "money"}, set()),
        ("W zeszłym roku przeszłam na emeryturę.", {"retirement"}, set()),
        ("Zwolnili mnie w marcu, od tego czasu szukam pracy.", {"job_search"}, set()),
        ("Jestem na urlopie macierzyńskim z noworodkiem.", {"parental_leave", "baby"}, {"travel"}),
        ("Po rozwodzie mieszkam sama, gotuję dla siebie.", {"lives_alone", "breakup"}, set()),
        ("Wynajmuję pokój, mam dwie współlokatorki i wspólną kuchnię.", {"flatmates"}, {"lives_alone"}),
        ("Moja mama jest po osiemdziesiątce, mama mieszka sama i niedawno się przewróciła.", {"elder_care", "parents"},
         {"lives_alone"}),
        ("W czerwcu bierzemy ślub, zbieramy na wesele.", {"wedding", "saving_goal"}, set()),
        ("Odkładamy pieniądze na wkład własny co miesiąc.", {"saving_goal"}, set()),
        ("Pieniądze nie są dla mnie problemem, wolę zapłacić więcej za jakość.", {"well_off"}, {"money"}),
        ("Mam kredyt i długi, nie stać mnie na nic.", {"debt", "money"}, set()),
        ("Kupiłam to dla córki na urodziny.", {"buying_for_others", "children"}, set()),
        ("Kupiliśmy to dla całego zespołu, firma płaci.", {"company_purchase"}, set()),
        ("Dojeżdżam do pracy godzinę w jedną stronę, stoję w korkach.", {"commute"}, set()),
        ("Wiecznie nie wyrabiam, nie mam czasu.", {"time_pressure"}, set()),
        ("Mamy dwa pokoje i mamy mało miejsca.", set(), {"parents"}),
    ],
}


def test_life_situations_fire_in_every_language():
    for language, rows in LIFE.items():
        for text, want, never in rows:
            got = set(situation_counts(text, language))
            assert want <= got and not got & never, (language, text, want - got, got & never)


def test_every_language_covers_the_same_life_situations():
    """Each concept the English sentences test is tested in every language (no language left behind)."""
    tested = {language: set().union(*(want for _text, want, _never in rows)) for language, rows in LIFE.items()}
    assert all(found >= tested["en"] for found in tested.values()), tested


# Who the person is in relation to the category and what has just hit them: an amateur with a race
# to train for, a mother recovering after the birth, a first-timer or a seasoned hand, a surprise
# bill, a long-term condition, menopause, allergies. One sentence each, said as people say it.
NEWER = {
    "en": [
        ("I'm training for a half marathon and want a new personal best on race day.", {"competitive_sport"}),
        ("Since I had the baby my pelvic floor is weak, I had a C-section.", {"postpartum"}),
        ("I'm a complete beginner, I had no idea what to look for.", {"novice"}),
        ("I've got years of experience, I know what I'm doing.", {"experienced"}),
        ("We got a huge vet bill and had to dip into our savings.", {"unexpected_expense"}),
        ("I have type two diabetes and asthma, I'm on an inhaler and tablets for life.", {"chronic_condition"}),
        ("I'm going through the menopause, the hot flushes and night sweats are awful.", {"menopause"}),
        ("My son has a nut allergy and I'm lactose intolerant.", {"allergies"}),
    ],
    "ru": [
        ("Готовлюсь к полумарафону, хочу побить личный рекорд на забеге.", {"competitive_sport"}),
        ("После родов у меня диастаз, рожала через кесарево сечение.", {"postpartum"}),
        ("Я полный новичок, не знала, на что смотреть.", {"novice"}),
        ("У меня многолетний опыт, я знаю, что делаю.", {"experienced"}),
        ("Пришёл огромный счёт от ветеринара, пришлось залезть в сбережения.", {"unexpected_expense"}),
        ("У меня диабет и астма, стою на учёте у эндокринолога.", {"chronic_condition"}),
        ("У меня климакс, мучают приливы жара и ночная потливость.", {"menopause"}),
        ("У сына аллергия на орехи, а у меня непереносимость лактозы.", {"allergies"}),
    ],
    "uk": [
        ("Готуюся до півмарафону, хочу побити особистий рекорд на забігу.", {"competitive_sport"}),
        ("Після пологів у мене діастаз, народжувала через кесарів розтин.", {"postpartum"}),
        ("Я повний новачок, не знала, на що дивитися.", {"novice"}),
        ("У мене багаторічний досвід, я знаю, що роблю.", {"experienced"}),
        ("Прийшов величезний рахунок від ветеринара, довелося залізти в заощадження.", {"unexpected_expense"}),
        ("У мене діабет і астма, стою на обліку в ендокринолога.", {"chronic_condition"}),
        ("У мене клімакс, мучать припливи жару і нічна пітливість.", {"menopause"}),
        ("У сина алергія на горіхи, а в мене непереносимість лактози.", {"allergies"}),
    ],
    "pl": [
        ("Przygotowuję się do półmaratonu, chcę pobić życiówkę na zawodach.", {"competitive_sport"}),
        ("Po porodzie mam rozejście mięśni, rodziłam przez cesarskie cięcie.", {"postpartum"}),
        ("Jestem totalnym nowicjuszem, nie wiedziałam, na co zwracać uwagę.", {"novice"}),
        ("Mam wieloletnie doświadczenie, znam się na rzeczy.", {"experienced"}),
        ("Przyszedł ogromny rachunek od weterynarza, musiałam sięgnąć do oszczędności.", {"unexpected_expense"}),
        ("Mam cukrzycę i astmę, jestem pod opieką endokrynologa.", {"chronic_condition"}),
        ("Mam menopauzę, męczą mnie uderzenia gorąca i nocne poty.", {"menopause"}),
        ("Syn ma alergię na orzechy, a ja mam nietolerancję laktozy.", {"allergies"}),
    ],
}


def test_newer_life_situations_fire_in_every_language():
    for language, rows in NEWER.items():
        for text, want in rows:
            got = set(situation_counts(text, language))
            assert want <= got, (language, text, want - got)
    tested = {language: set().union(*(want for _text, want in rows)) for language, rows in NEWER.items()}
    assert all(found == tested["en"] for found in tested.values()), tested


# Purchase talk that borrows those words: a first look at an app, "never had a problem", rivals'
# prices, a racing game, a prize draw, an unexpected error, a lifetime warranty, borrowing a charger.
LOOKALIKES = {
    "en": "The first time I used it the app crashed out of nowhere, and I've never had a problem since. The "
          "competition is cheaper and their prices are competitive, it's in a different league, the racing game "
          "mode is fun. I put it on my credit card for the points, I won one in a competition, the third one was "
          "the cheapest, reviews say it's beginner-friendly, and the season pass was fine.",
    "ru": "Впервые узнала о приложении от подруги, у меня никогда не было проблем с ним, раньше не было такой "
          "функции. Конкуренты дешевле, пришлось занять очередь, я залезла в настройки, выскочила непредвиденная "
          "ошибка. Пожизненная гарантия, медальон в подарок, розыгрыш призов, финишное покрытие хорошее.",
    "uk": "Вперше дізналася про застосунок від подруги, у мене ніколи не було проблем з ним, раніше не було такої "
          "функції. Конкуренти дешевші, довелося зайняти чергу, я залізла в налаштування, вискочила непередбачена "
          "помилка. Довічна гарантія, розіграш призів, висипала все з коробки, фінішне покриття гарне.",
    "pl": "Pierwszy raz usłyszałam o aplikacji od koleżanki, nigdy nie miałam z nią problemu, wcześniej nie było "
          "tej funkcji. Konkurencja jest tańsza, musiałam pożyczyć ładowarkę, weszłam w ustawienia, wystąpił "
          "nieprzewidziany błąd. Dożywotnia gwarancja, losowanie nagród, okres gwarancji minął.",
}


def test_purchase_talk_with_lookalike_words_names_no_newer_situation():
    newer = set().union(*(want for _text, want in NEWER["en"]))
    for language, text in LOOKALIKES.items():
        got = set(situation_counts(text, language))
        assert not got & newer, (language, got & newer)


def test_a_person_is_kept_apart_from_someone_they_talk_about():
    """'I live alone' is the respondent's household; 'my mother lives alone' is a parent to care for."""
    for language, me, mother in (("en", "I live alone.", "My mother lives alone."),
                                 ("ru", "Я живу одна.", "Мама живёт одна."),
                                 ("uk", "Я живу сама.", "Мама живе сама."),
                                 ("pl", "Mieszkam sama.", "Mama mieszka sama.")):
        assert situation_counts(me, language)["lives_alone"] == 1, language
        assert situation_counts(mother, language)["lives_alone"] == 0, language
        assert situation_counts(mother, language)["elder_care"] == 1, language


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
    assert kids["name"].lower().endswith("parents") and gym["name"].lower().endswith("fitness seekers")
    assert "situation: children" in kids["description"]
    evidence = kids["data"]["evidence"]
    assert {e["participant"] for e in evidence if e["for"] == "situation"} <= set(groups[0]["members"])
    assert any("школ" in e["text"] or "school" in e["text"] or "szkoł" in e["text"] for e in evidence)
    assert kids["data"]["job_parts"] == {"situation": "children", "push": "time_waste", "pull": "price"}


def test_job_draft_without_a_situation_ends_in_relief_from_the_push_never_the_pull_twice():
    from jtbd_kit.personas.describe import job_statement

    health = job_statement([], {"situation": None, "push": "health", "pull": "time_waste"})
    assert health == ("When my health is paying for it, I want to make the switch and save time, "
                      "so I can look after my health.")
    same = job_statement([], {"situation": None, "push": "time_waste", "pull": "time_waste"})
    assert same.endswith("and save time, so I can get on with what matters.")


def test_job_draft_names_the_product_not_its_spec_sheet():
    """A front matter's full product description is cut to its name, the one most members give."""
    from jtbd_kit.personas.describe import job_statement, short_product

    assert short_product("Vaultwell safe deposit box in Leeds (medium box, 24/7 access), annual plan") == (
        "Vaultwell safe deposit box in Leeds")
    assert short_product("банковская ячейка в банке, средний размер") == "банковская ячейка в банке"
    assert short_product("Kitchbox meal kit – weekly plan") == "Kitchbox meal kit"
    assert short_product("one two three four five six seven eight nine in ten") == (
        "one two three four five six seven eight nine")
    members = study()[:3]
    members[0].product, members[1].product = "Kitchbox (family box)", "Kitchbox, weekly"
    members[2].product = "a meal kit subscription with recipes"
    job = job_statement(members, {"situation": None, "push": None, "pull": None})
    assert job == "When the old way stops working, I want to switch to Kitchbox, so I can get on with what matters."


def test_a_quote_is_a_whole_thought_before_it_is_on_topic():
    """A four-word fragment carrying the persona's pain loses to a readable sentence without it."""
    coded = study()
    readable = "The evenings went on shopping lists and queues, and I was tired of planning every meal alone."
    for c in coded[:4]:
        c.segments = [segment("Wait, what? Again?", ["push"], ["time_waste"]), segment(readable, ["push"], []),
                      segment("It was fine, I suppose.", ["pull"], ["price"])]
    groups = [{"members": [c.participant for c in coded[:4]]}, {"members": [c.participant for c in coded[4:]]}]
    kids, _gym = describe(coded, groups, "test")
    push = next(f for f in kids["data"]["top_forces"] if f["force"] == "push")
    assert push["quotes"] and all(q["text"] == readable for q in push["quotes"])
    assert all(e["text"] != "Wait, what? Again?" for e in kids["data"]["evidence"])


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
    assert name.lower().endswith("family helpers")
