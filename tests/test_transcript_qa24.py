"""QA round 24: impossible dates, control characters, typed front matter, participant ids, UTF-16, roles, times."""

from __future__ import annotations

import io
import sqlite3

import pytest

from jtbd_kit.cli import main
from jtbd_kit.errors import UserError
from jtbd_kit.transcript import read_transcript
from jtbd_kit.transcript.docx import parse_docx

from conftest import SAMPLES

BODY = "Anna: Why did you switch?\nMaya: The price went up twice.\n"
GOOD_VTT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAnna: Why did you switch?\n\n" \
           "2\n00:00:04.000 --> 00:00:09.000\nMaya: The price went up twice.\n"
GOOD_SRT = "1\n00:00:01,000 --> 00:00:03,000\nAnna: Why did you switch?\n\n" \
           "2\n00:00:04,000 --> 00:00:09,000\nMaya: The price went up twice.\n"


def native(front: str, body: str = BODY) -> str:
    return f"---\n{front}\n---\n{body}"


def count_rows(db_path) -> tuple[int, int]:
    with sqlite3.connect(db_path) as conn:
        return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("interviews", "turns"))


def assert_refused(runner, db_path, write, name: str, content: str, line: int | None, words: str,
                   command: str = "import") -> None:
    """`jtbd <command> FILE` prints one `file:line: ...` error, exits 2, and leaves the database as it was."""
    assert runner.invoke(main, ["import", str(write("good/P-01.vtt", GOOD_VTT))]).exit_code == 0
    before = count_rows(db_path)
    bad = write(f"bad/{name}", content)
    result = runner.invoke(main, [command, str(bad)])
    assert result.exit_code == 2, result.output
    errors = [l for l in result.stderr.splitlines() if l.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"Error: {bad}:{line}: " if line else f"Error: {bad}: "), errors[0]
    assert words in errors[0]
    assert "Traceback" not in result.output
    assert count_rows(db_path) == before


# 1. Dates: an impossible or non-ISO date is left out with a warning (file:line), not PyYAML's ValueError;
# the interview still imports and codes (a date only orders the saturation curve).
@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "25:00:00", "not-a-date", "12", "2026-3-4"])
def test_bad_date_in_front_matter_is_left_out_with_a_warning(runner, db_path, write, value):
    path = write("dates/P-02.txt", native(f"participant: P-02\ndate: {value}"))
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:3: bad date '{value}'" in result.stderr and "the date is left out" in result.stderr
    assert "Traceback" not in result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select participant, date from interviews").fetchall() == [("P-02", None)]
    coded = runner.invoke(main, ["code", str(path), "--format", "jsonl"])
    assert coded.exit_code == 0 and "Traceback" not in coded.output


@pytest.mark.parametrize("name, content, line", [
    ("P-02.srt", "date: 2026-02-30\n\n" + GOOD_SRT, 1),
    ("P-02.vtt", GOOD_VTT.replace("WEBVTT\n", "WEBVTT\n\nNOTE date: 2026-13-01\n"), 3),
])
def test_bad_date_in_recorded_metadata_is_left_out_with_a_warning(runner, db_path, write, name, content, line):
    """A recording's header is not the project's to fix: the file imports, without the date, and says so."""
    result = runner.invoke(main, ["import", str(write(f"rec/{name}", content))])
    assert result.exit_code == 0, result.output
    assert f"{name}:{line}: bad date" in result.output and "the date is left out" in result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select participant, date from interviews").fetchall() == [("P-02", None)]


def test_good_date_is_kept(write):
    assert read_transcript(write("P-02.txt", native("date: 2026-02-28"))).date == "2026-02-28"
    assert read_transcript(write("P-03.srt", "date: 2026-02-28\n\n" + GOOD_SRT)).date == "2026-02-28"


# 2. Control characters: refused by every reader, naming the line and the character.
@pytest.mark.parametrize("name, content, line", [
    ("P-02.txt", native("participant: P-02", "Anna: hi\nMaya: the \x1b[31mred\x1b[0m plan\n"), 5),
    ("P-02.vtt", GOOD_VTT.replace("went up", "went \x01up"), 9),
    ("P-02.srt", GOOD_SRT.replace("Why did", "Why\x7f did"), 3),
])
def test_control_characters_refused(runner, db_path, write, name, content, line):
    control = next(c for c in content if c in "\x1b\x01\x7f")
    assert_refused(runner, db_path, write, name, content, line, f"control character U+{ord(control):04X}")


def test_control_characters_refused_in_word(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Anna: Why did you switch?")
    document.add_paragraph("Maya: The price \x9b went up.")  # C1 controls are legal XML, so Word can hold one
    data = io.BytesIO()
    document.save(data)
    with pytest.raises(UserError) as e:
        parse_docx(data.getvalue(), "P-02.docx")
    assert (e.value.line, "U+009B" in e.value.message) == (2, True)


def test_tabs_and_carriage_returns_are_text(write):
    assert read_transcript(write("P-02.txt", "Anna:\tWhy?\r\nMaya: Price.\r\n")).turns[0].text == "Why?"


# 3. Front-matter values are single pieces of text: a list or a mapping is refused; a number or yes/no as written.
@pytest.mark.parametrize("front, words", [
    ("participant: [a, b]", "`participant:` must be one plain value, not a list"),
    ("product: [a]", "`product:` must be one plain value"),
    ("interviewer: {a: 1}", "`interviewer:` must be one plain value, not a set of keys"),
    ("language: [en]", "`language:` must be one plain value"),
])
def test_front_matter_values_are_text(runner, db_path, write, front, words):
    assert_refused(runner, db_path, write, "P-02.txt", native(f"date: 2026-01-02\n{front}"), 3, words)


def test_yaml_numbers_and_yes_no_are_kept_as_written(write):
    t = read_transcript(write("x.txt", native("participant: true\nproduct: 2024")))
    assert (t.participant, t.product) == ("true", "2024")


def test_numeric_participant_is_kept_as_written(write):
    assert read_transcript(write("x.txt", native("participant: 007  # agent"))).participant == "007"


# 4. Participant ids: letters of any script, digits, spaces and - _ . ' ( ); no path separators, markup or tags.
@pytest.mark.parametrize("participant", ["../../evil<script>", "weird [name]", "a/b", "x" * 65])
def test_bad_participant_id_refused(runner, db_path, write, participant):
    assert_refused(runner, db_path, write, "P-02.txt", native(f"participant: '{participant}'"), 2,
                   "letters, digits, spaces and - _ . ' ( )")


def test_participant_id_from_a_file_name_is_made_safe(runner, db_path, write):
    for name, expected in (("weird [name].txt", "weird -name"), ("Інтерв'ю Ольга (2).txt", "Інтерв'ю Ольга (2)")):
        result = runner.invoke(main, ["import", str(write(f"ids/{name}", BODY))])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as conn:
        ids = {row[0] for row in conn.execute("select participant from interviews")}
    assert ids == {"weird -name", "Інтерв'ю Ольга (2)"}


def test_bad_participant_id_in_a_note_is_refused(runner, db_path, write):
    assert_refused(runner, db_path, write, "P-03.vtt", GOOD_VTT.replace("WEBVTT\n", "WEBVTT\n\nNOTE participant: a/b\n"),
                   3, "participant id 'a/b' is not allowed")


def test_bundled_samples_still_import(runner, db_path):
    result = runner.invoke(main, ["import", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert count_rows(db_path)[0] == len([p for p in SAMPLES.iterdir() if p.suffix != ".md"])


# 5. UTF-16 (Teams) and UTF-8 with a byte-order mark are text, not binary.
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_byte_order_marks_decode(runner, db_path, tmp_path, encoding):
    text = native("participant: P-16\nlanguage: uk", "Anna: Чому ви перейшли?\r\nMaya: Ціна зросла.\r\n")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no mark: add the one Teams writes
        data = ("\ufeff" + text).encode(encoding)
    (tmp_path / "P-16.txt").write_bytes(data)
    result = runner.invoke(main, ["import", str(tmp_path / "P-16.txt")])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select participant, language from interviews").fetchall() == [("P-16", "uk")]
    assert read_transcript(tmp_path / "P-16.txt").turns[1].text == "Ціна зросла."


def test_utf16_vtt_reads(tmp_path):
    (tmp_path / "P-21.vtt").write_bytes(GOOD_VTT.encode("utf-16"))
    assert [t.speaker for t in read_transcript(tmp_path / "P-21.vtt").turns] == ["Anna", "Maya"]


# 6. Roles name two people; `[hh:mm:ss]` minutes and seconds stay under 60.
@pytest.mark.parametrize("front, line", [("respondent: Maya\ninterviewer: Maya", 2),
                                         ("interviewer: Maya\nrespondent: ' Maya'", 3)])
def test_same_respondent_and_interviewer_refused(runner, db_path, write, front, line):
    assert_refused(runner, db_path, write, "P-02.txt", native(front), line,
                   "the respondent and interviewer must be different people")


def test_same_people_refused_in_recorded_metadata(write):
    with pytest.raises(UserError, match="must be different people"):
        read_transcript(write("P-02.srt", "respondent: Maya\ninterviewer: Maya\n\n" + GOOD_SRT))


@pytest.mark.parametrize("stamp", ["99:99:99", "00:60:00", "01:00:60", "10:75"])
def test_impossible_timestamp_refused(runner, db_path, write, stamp):
    assert_refused(runner, db_path, write, "P-02.txt", native("participant: P-02", f"[{stamp}] Anna: hi\nMaya: x\n"),
                   4, f"bad timestamp '{stamp}'")


def test_long_minutes_without_hours_still_read(write):
    assert read_transcript(write("P-02.txt", "[75:30] Anna: hi?\nMaya: yes\n")).turns[0].seconds == 75 * 60 + 30


@pytest.mark.parametrize("value", ["2026-03-14 10:00", "2026-03-14T10:00:00", "'2026-03-14T10:00:00+02:00'"])
def test_a_date_with_a_time_keeps_the_date(write, value):
    assert read_transcript(write("P-02.txt", native(f"date: {value}"))).date == "2026-03-14"


def test_old_mac_line_endings_are_lines(tmp_path):
    path = tmp_path / "P-04.txt"
    path.write_bytes(native("participant: P-04\nlanguage: en").replace("\n", "\r").encode("utf-8"))
    t = read_transcript(path)
    assert t.participant == "P-04" and len(t.turns) >= 2


def test_two_files_whose_names_clean_to_one_id_are_told_apart_not_replaced(runner, db_path, write):
    assert runner.invoke(main, ["import", str(write("ids/Anna [1].txt", BODY))]).exit_code == 0
    result = runner.invoke(main, ["import", str(write("ids/Anna {1}.txt", BODY + "Maya: And then?\n"))])
    assert result.exit_code == 2
    assert "if it is another one, give it its own id with `participant:`" in result.output


def test_a_line_separator_inside_a_turn_does_not_start_another(write):
    t = read_transcript(write("P-05.txt", native("participant: P-05", "Anna: Why?\nMaya: It broke.\u2028Then I said: enough.\n")))
    assert [turn.speaker for turn in t.turns] == ["Anna", "Maya"]
    assert t.turns[1].text == "It broke.\u2028Then I said: enough."
    assert t.text[t.turns[1].start:t.turns[1].end] == t.turns[1].text
