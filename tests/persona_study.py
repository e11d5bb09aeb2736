"""A small study written by the tests: transcripts in two languages, imported, with planted codes.

Two planted personas of a password-manager switch, each spoken in English and Polish:
`burned` (hacked, searches and reads reviews, decides fast, relieved) and `family` (a parent keeps
asking for passwords, a long passive phase, advice from relatives, setup worries).
Every respondent turn becomes one coded segment, written straight into the segments table.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from jtbd_kit.importer import import_many
from jtbd_kit.personas.features import Coded
from jtbd_kit.store import open_db
from jtbd_kit.store.segments import replace_machine_segments

# (stage, forces, emotion, touchpoints, pains, English, Polish)
PERSONAS = {
    "burned": [
        ("first_thought", ["push"], -1, [], ["trust"], "My account got hacked and someone spent my money.",
         "Ktoś włamał się na moje konto i wydał moje pieniądze."),
        ("active_looking", ["pull"], 0, ["web_search", "review_site"], [],
         "I searched online and read reviews of password managers that night.",
         "Tej nocy szukałem w internecie i czytałem recenzje menedżerów haseł."),
        ("deciding", ["anxiety"], -1, ["review_site"], ["trust"], "I was worried the vault itself could be hacked.",
         "Bałem się, że sam sejf też ktoś zhakuje."),
        ("buying", ["pull"], 1, ["website"], ["price"], "I paid for a year on the website right away.",
         "Od razu zapłaciłem za rok na stronie."),
        ("satisfaction", ["pull"], 1, [], ["trust"], "Now I finally feel safe with my accounts.",
         "Teraz wreszcie czuję się bezpiecznie z moimi kontami."),
    ],
    "family": [
        ("first_thought", ["push"], 0, ["friends_family"], ["coordination"],
         "My mother kept calling me for the streaming password.", "Mama ciągle dzwoniła do mnie po hasło do telewizji."),
        ("passive_looking", ["habit"], 0, [], ["setup_effort"], "For months we kept the notebook in the kitchen drawer.",
         "Przez miesiące trzymaliśmy zeszyt w szufladzie w kuchni."),
        ("passive_looking", ["anxiety"], -1, ["friends_family"], ["complexity"],
         "I feared my parents would never learn a new app.", "Bałam się, że rodzice nigdy nie nauczą się nowej aplikacji."),
        ("active_looking", ["pull"], 1, ["friends_family", "video"], [],
         "My brother showed me the family plan in a video.", "Brat pokazał mi plan rodzinny na filmiku."),
        ("deciding", ["habit", "anxiety"], 0, [], ["setup_effort"], "Moving all the passwords took a whole weekend.",
         "Przenoszenie haseł zajęło cały weekend."),
        ("satisfaction", ["pull"], 1, ["friends_family"], [], "Now everyone in the family shares one vault.",
         "Teraz cała rodzina dzieli jeden sejf."),
    ],
}


def transcript(participant: str, language: str, date: str, lines: list[str]) -> str:
    out = ["---", f"participant: {participant}", f"language: {language}", "interviewer: Ann",
           "respondent: Bob", "product: password manager", f"date: {date}", "---"]
    for i, line in enumerate(lines):
        out.append(f"[00:{2 * i:02d}:00] Ann: Tell me more.")
        out.append(f"[00:{2 * i + 1:02d}:00] Bob: {line}")
    return "\n".join(out) + "\n"


def make_study(folder: Path, db_path: Path, plan: list[tuple[str, str, str]], skip: bool = True,
               codes: bool = True) -> dict[str, str]:
    """Write, import and code one interview per (participant, language, persona); return participant -> persona.

    With `skip`, interview i leaves out one non-defining segment so no two rows are identical.
    """
    files, planted, chosen = [], {}, {}
    for i, (participant, language, persona) in enumerate(plan):
        rows = list(PERSONAS[persona])
        if skip and len(plan) > 2:
            rows.pop(1 + i % (len(rows) - 2))
        text_at = 5 if language == "en" else 6
        path = folder / f"{participant}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(transcript(participant, language, f"2026-01-{10 + i:02d}", [r[text_at] for r in rows]),
                        encoding="utf-8")
        files.append(path)
        planted[participant] = persona
        chosen[participant] = rows
    db = open_db(db_path)
    for _path, _result, _warnings, error in import_many(db, files):
        assert error is None, error
    if codes:
        for participant, rows in chosen.items():
            code(db, participant, rows)
    return planted


def code(db, participant: str, rows: list[tuple]) -> None:
    interview = next(db["interviews"].rows_where("participant = ?", [participant]))
    turns = list(db.query("select idx, start, end, text from turns where interview_id = ? and role = 'respondent' "
                          "order by idx", [interview["id"]]))
    assert len(turns) == len(rows)
    segments = [{"turn_idx": t["idx"], "start": t["start"], "end": t["end"], "text": t["text"], "stage": r[0],
                 "forces": r[1], "emotion": r[2], "emotion_score": float(r[2]), "touchpoints": r[3], "pains": r[4],
                 "confidence": 0.9} for t, r in zip(turns, rows)]
    replace_machine_segments(db, interview["id"], segments, coder="test")


MIXED = [("EN-1", "en", "burned"), ("EN-2", "en", "family"), ("EN-3", "en", "burned"),
         ("PL-1", "pl", "family"), ("PL-2", "pl", "burned"), ("PL-3", "pl", "family"), ("PL-4", "pl", "family")]


def said_alike(speech: dict[tuple[str, str], str]) -> list[Coded]:
    """One interview per (group, language) of `speech`, all with the same codes (one push segment
    about wasted time): only their words can tell the groups apart."""
    out = []
    for i, ((_group, language), text) in enumerate(speech.items()):
        seg = {"text": text, "start": 0, "end": len(text), "stage": "first_thought", "forces": ["push"],
               "emotion": -1, "emotion_score": -0.5, "touchpoints": [], "pains": ["time_waste"], "confidence": 0.9,
               "seconds": 60.0, "turn_idx": 0}
        out.append(Coded(f"X-{i:02d}", language, "2026-01-01", "a van", [seg], text + "\n"))
    return out


def ids_alike(folder: Path, languages: tuple[str, ...]) -> list[str]:
    """The ids of a cue-list folder (lexicon, dictionary), checked to be the same, in the same order and
    never without cues in every language's file."""
    files = {lang: yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in languages}
    ids = list(files[languages[0]])
    for lang, data in files.items():
        assert list(data) == ids, lang
        assert all(data[i] for i in ids), [i for i in ids if not data[i]][:5]
    return ids
