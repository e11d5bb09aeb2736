"""Bad input of every kind: one line naming the file (and line), exit 2, no traceback, DB unchanged."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from jtbd_kit.cli import main
from jtbd_kit.errors import UserError
from jtbd_kit.transcript import read_transcript
from jtbd_kit.transcript.docx import parse_docx
from jtbd_kit.transcript.native import parse_native
from jtbd_kit.transcript.srt import parse_srt
from jtbd_kit.transcript.vtt import parse_vtt

GOOD_VTT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAnna: Why did you switch?\n\n" \
           "2\n00:00:04.000 --> 00:00:09.000\nBen: The price went up twice.\n"
GOOD_SRT = "1\n00:00:01,000 --> 00:00:03,000\nAnna: Why did you switch?\n\n" \
           "2\n00:00:04,000 --> 00:00:09,000\nBen: The price went up twice.\n"

# (file name, content, expected line or None, words the message must contain)
BAD = [
    ("yaml.txt", "---\nparticipant: P-1\nrespondent: [Ben\n---\nAnna: hi\n", 3, "bad front matter"),
    ("unclosed.txt", "---\nparticipant: P-1\nAnna: hi\n", 1, "front matter is not closed"),
    ("noturns.txt", "---\nparticipant: P-1\n---\njust some notes, nobody speaking\n", 4, "no turns found"),
    ("lang.txt", "---\nlanguage: de\n---\nAnna: Wie geht's?\n", 2, "unsupported language 'de'"),
    ("empty.txt", "", None, "file is empty"),
    ("blank.vtt", "  \n\n", None, "file is empty"),
    ("arrow.vtt", GOOD_VTT.replace("00:00:04.000 -->", "00:00:04.000 ->"), 8, "broken cue timing"),
    ("digits.vtt", GOOD_VTT.replace("00:00:09.000", "00:00:9x.000"), 8, "broken cue timing"),
    ("seconds.vtt", GOOD_VTT.replace("00:00:09.000", "00:00:75.000"), 8, "broken cue timing"),
    ("backwards.vtt", GOOD_VTT.replace("00:00:03.000", "00:00:00.500"), 4, "cue ends before it starts"),
    ("notiming.vtt", GOOD_VTT.replace("00:00:04.000 --> 00:00:09.000\n", ""), 8, "cue has no timing line"),
    ("header.vtt", GOOD_VTT.replace("WEBVTT", "WEBVTX"), 1, "not a WebVTT file"),
    ("nocues.vtt", "WEBVTT\n\nNOTE participant: P-1\n", None, "no turns found"),
    ("lang.vtt", GOOD_VTT.replace("WEBVTT\n", "WEBVTT\n\nNOTE language: klingon\n"), 3, "unsupported language"),
    ("arrow.srt", GOOD_SRT.replace("00:00:04,000 -->", "00:00:04,000 =>"), 6, "broken cue timing"),
    ("index.srt", GOOD_SRT.replace("\n2\n", "\ntwo\n"), 5, "is not a number"),
    ("prose.srt", "This is not a subtitle file at all.\n", 1, "not a SubRip cue"),
    ("notword.docx", "this is plain text pretending to be Word", None, "not a Word .docx file"),
    ("format.pdf", "%PDF-1.4", None, "unknown transcript format"),
]


@pytest.mark.parametrize("name, content, line, words", BAD, ids=[b[0] for b in BAD])
def test_reader_errors_name_file_and_line(write, name, content, line, words):
    path = write(name, content)
    with pytest.raises(UserError) as e:
        read_transcript(path)
    assert words in e.value.message
    assert e.value.line == line
    assert e.value.hint  # every error says how to fix it
    assert e.value.one_line().startswith(f"{path}:")
    assert "\n" not in e.value.one_line()


def zip_bytes(members: dict[str, str]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


def test_binary_garbage_non_utf8_and_zip_garbage(tmp_path):
    cases = {
        "garbage.vtt": (bytes(range(256)) * 4, "binary file"),
        "cp1251.txt": ("Анна: Почему вы перешли?\n".encode("cp1251"), "not UTF-8"),
        "broken.docx": (b"PK\x03\x04" + bytes(range(200)), "not a Word .docx file"),
        "zero.docx": (b"", "file is empty"),
        "workbook.docx": (zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
                          "not a Word .docx file"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError, match=words):
            read_transcript(tmp_path / name)
    with pytest.raises(UserError) as e:
        read_transcript(tmp_path / "cp1251.txt")
    assert e.value.line == 1


def count_rows(db_path) -> tuple[int, int]:
    with sqlite3.connect(db_path) as conn:
        return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("interviews", "turns"))


@pytest.mark.parametrize("name, content, line, words", BAD[:6] + BAD[9:10] + BAD[17:18],
                         ids=[b[0] for b in BAD[:6] + BAD[9:10] + BAD[17:18]])
def test_cli_one_line_exit_2_database_unchanged(runner, db_path, write, name, content, line, words):
    good = write("good/P-01.vtt", GOOD_VTT)
    assert runner.invoke(main, ["import", str(good)]).exit_code == 0
    before = count_rows(db_path)
    bad = write(f"bad/{name}", content)
    result = runner.invoke(main, ["import", str(bad)])
    assert result.exit_code == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("Error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"Error: {bad}:{line}: " if line else f"Error: {bad}: ")
    assert words in errors[0]
    assert "Traceback" not in result.output
    assert count_rows(db_path) == before


def test_batch_imports_good_files_reports_each_bad_one(runner, db_path, write):
    write("batch/P-01.vtt", GOOD_VTT)
    write("batch/P-02.srt", GOOD_SRT)
    write("batch/P-03.txt", "---\nlanguage: de\n---\nAnna: hi\n")
    write("batch/P-04.vtt", GOOD_VTT.replace("-->", "->"))
    write("batch/P-05.txt", "")
    result = runner.invoke(main, ["import", str(db_path.parent / "batch")])
    assert result.exit_code == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("Error:")]
    assert len(errors) == 3
    for name in ("P-03.txt:2: unsupported language", "P-04.vtt:4: broken cue timing", "P-05.txt: file is empty"):
        assert any(f"/batch/{name}" in e for e in errors), name
    assert "2 imported, 3 failed" in result.stdout
    assert count_rows(db_path) == (2, 4)


LINES = st.one_of(
    st.sampled_from(["", "WEBVTT", "NOTE participant: P-9", "NOTE language: uk", "1", "2",
                     "00:00:01.000 --> 00:00:02.000", "00:00:03,000 --> 00:00:01,000", "00:01.5 --> 00:02.0",
                     "<v Anna>Чому ви перейшли?</v>", "Ben: Bo ceny wzrosły.", "[00:00:05] Anna: ok?",
                     "---", "respondent: Ben", "language: ru"]),
    st.text(alphabet=st.sampled_from(list(" :->.,0123456789<v>/Anna[]{}ёїąx\t")), max_size=40),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=25).map("\n".join))
def test_text_readers_only_ever_raise_user_errors(text):
    """Whatever the text, a reader returns a transcript or a one-line UserError, never a crash."""
    for parse, prefix in ((parse_vtt, "WEBVTT\n\n"), (parse_srt, ""), (parse_native, "")):
        for candidate in (text, prefix + text):
            try:
                t = parse(candidate, "fuzz")
            except UserError:
                continue
            for turn in t.turns:
                assert t.text[turn.start:turn.end] == turn.text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_docx_reader_only_ever_raises_user_errors(data):
    with pytest.raises(UserError):
        parse_docx(b"PK\x03\x04" + data, "fuzz.docx")
