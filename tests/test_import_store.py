"""Import into the store: offsets survive the round trip, re-import is a no-op, --replace is explicit."""

from __future__ import annotations

import sqlite3

import pytest

from jtbd_kit.errors import UserError
from jtbd_kit.importer import find_transcripts, import_file, import_many
from jtbd_kit.store import open_db
from jtbd_kit.store.interviews import load_transcript, search_turns

NATIVE = """---
participant: P-07
language: en
interviewer: Maya
respondent: Tom
product: Kitchbox meal-kit subscription
date: 2026-03-14
recruited_via: newsletter
---
[00:00:04] Maya: Thanks for joining. Tell me about the box you ordered.
[00:00:09] Tom: Sure. I ordered it in March,
after my third takeaway that week.
[01:15] Maya: What worried you?
Tom: The price — and being locked in.
"""


def test_native_file_round_trips_through_the_store_with_offsets(db_path, write):
    path = write("P-07.txt", NATIVE)
    db = open_db(db_path)
    result, warnings = import_file(db, path)
    assert result.status == "imported" and warnings == []
    t = load_transcript(db, "P-07")
    assert t.text == path.read_text(encoding="utf-8")  # offsets point into the file itself
    assert [x.speaker for x in t.turns] == ["Maya", "Tom", "Maya", "Tom"]
    assert t.turns[1].text == "Sure. I ordered it in March,\nafter my third takeaway that week."
    assert [x.seconds for x in t.turns] == [4.0, 9.0, 75.0, None]
    assert [x.line for x in t.turns] == [10, 11, 13, 14]
    for turn in t.turns:
        assert t.text[turn.start:turn.end] == turn.text
    assert t.meta == {"recruited_via": "newsletter"} and t.date == "2026-03-14"
    assert (t.interviewer, t.respondent, t.format) == ("Maya", "Tom", "native")


def test_recorded_file_stores_its_rendered_text(db_path, tmp_path):
    from conftest import SAMPLES

    db = open_db(db_path)
    result, _ = import_file(db, SAMPLES / "P-22-teams.vtt")
    t = load_transcript(db, result.participant)
    assert t.format == "vtt" and t.text.startswith("---\nparticipant: P-22\n")
    for turn in t.turns:
        assert t.text[turn.start:turn.end] == turn.text
        assert t.text.splitlines()[turn.line - 1].endswith(turn.text)


def test_reimport_unchanged_is_a_no_op(db_path, write):
    path = write("P-07.txt", NATIVE)
    db = open_db(db_path)
    first, _ = import_file(db, path)
    stamp = db["interviews"].get(first.interview_id)["imported_at"]
    again, _ = import_file(db, path)
    assert again.status == "unchanged" and again.interview_id == first.interview_id
    assert db["interviews"].count == 1 and db["turns"].count == 4
    assert db["interviews"].get(first.interview_id)["imported_at"] == stamp


def test_changed_file_needs_replace_and_is_never_duplicated(db_path, write):
    path = write("P-07.txt", NATIVE)
    db = open_db(db_path)
    first, _ = import_file(db, path)
    db["segments"].insert({"interview_id": first.interview_id, "start": 0, "end": 5, "origin": "machine"})
    path.write_text(NATIVE + "Maya: Thank you!\n", encoding="utf-8")
    with pytest.raises(UserError, match="already in the project") as e:
        import_file(db, path)
    assert "--replace" in e.value.hint
    assert db["turns"].count == 4 and db["segments"].count == 1
    replaced, _ = import_file(db, path, replace=True)
    assert replaced.status == "replaced" and replaced.interview_id == first.interview_id
    assert db["interviews"].count == 1 and db["turns"].count == 5
    assert db["segments"].count == 0  # codes of the old text no longer fit the new offsets


def test_two_files_claiming_one_participant(db_path, write):
    write("in/P-07.txt", NATIVE)
    write("in/P-07-zoom.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMaya: Hi?\n\n"
                              "00:00:03.000 --> 00:00:05.000\nTom: Hello there.\n")
    db = open_db(db_path)
    results = list(import_many(db, find_transcripts([db_path.parent / "in"])))
    assert [r[1] is not None for r in results] == [True, False]
    assert "'P-07' is already in the project" in results[1][3]
    assert db["interviews"].count == 1


def test_failed_save_leaves_no_half_interview(db_path, write, monkeypatch):
    """One transaction per file: a failure while writing turns rolls the interview row back."""
    import sqlite_utils

    db = open_db(db_path)
    path = write("P-07.txt", NATIVE)

    def boom(self, rows, *args, **kwargs):
        raise sqlite3.IntegrityError("disk trouble")

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", boom)
    with pytest.raises(sqlite3.IntegrityError):
        import_file(db, path)
    monkeypatch.undo()
    assert db["interviews"].count == 0 and db["turns"].count == 0


def test_language_option_overrides_detection(db_path, write):
    path = write("P-08.txt", "Anna: Why did you switch?\nBen: Prices went up and the box was too big.\n")
    db = open_db(db_path)
    import_file(db, path, language="pl")
    assert load_transcript(db, "P-08").language == "pl"


@pytest.mark.parametrize("query", ['"meal kit', "half-price", "«цена»", "NEAR(", "a:b", "price*", "'"])
def test_search_survives_odd_queries(db_path, write, query):
    write("P-07.txt", NATIVE)
    db = open_db(db_path)
    import_file(db, db_path.parent / "P-07.txt")
    try:
        hits = search_turns(db, query)
    except UserError as e:
        assert "nothing to search for" in e.message and not any(c.isalnum() for c in query)
    else:
        assert isinstance(hits, list)


def test_search_finds_cyrillic_and_marks_hits(db_path, write):
    write("P-09.txt", "---\nlanguage: ru\n---\nАнна: Почему вы ушли?\nБорис: Цена выросла, и коробка была велика.\n")
    db = open_db(db_path)
    import_file(db, db_path.parent / "P-09.txt")
    hits = search_turns(db, "цена")
    assert len(hits) == 1 and "[[Цена]]" in hits[0]["snippet"] and hits[0]["participant"] == "P-09"


def test_unchanged_file_is_skipped_before_parsing(db_path, write, monkeypatch):
    import jtbd_kit.importer as importer

    path = write("P-07.txt", NATIVE)
    db = open_db(db_path)
    import_file(db, path)
    monkeypatch.setattr(importer, "read_transcript", lambda *a, **k: pytest.fail("parsed an unchanged file"))
    result, warnings = import_file(db, path)
    assert result.status == "unchanged" and warnings == []
    copy = write("copy/P-07.txt", NATIVE)  # same bytes from another path: parsed, then found unchanged
    monkeypatch.undo()
    assert import_file(db, copy)[0].status == "unchanged"


def test_folder_walk_skips_readme_hidden_and_other_files(write, tmp_path):
    for name in ("study/P-01.txt", "study/README.txt", "study/.P-02.txt", "study/notes.pdf", "study/sub/P-03.SRT"):
        write(name, "x")
    found = find_transcripts([tmp_path / "study"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["study/P-01.txt", "study/sub/P-03.SRT"]
