"""What a new user hits: a failed command leaves no project behind, a bad --db is one line and is
left untouched, and a transcript with one speaker says what was assumed."""

from __future__ import annotations

import sqlite3

import pytest

from jtbd_kit.cli import main
from jtbd_kit.guides import bundled_guides

QUICK = str(bundled_guides() / "quick-en.yaml")
GOOD = "---\nrespondent: Anna\n---\n[00:00:01] Maya: Why?\n[00:00:02] Anna: The price.\n"


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def leftovers(db_path) -> list[str]:
    return sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name) or p.name == "jtbd-data")


def test_import_where_every_file_fails_creates_no_database(runner, write, db_path):
    bad = write("P-01.vtt", "not a caption file\n")
    binary = write("P-02.txt", "")
    binary.write_bytes(b"\x00\x01garbage")
    result = runner.invoke(main, ["import", str(bad), str(binary)])
    assert result.exit_code == 2 and "2 failed" in result.stdout
    assert leftovers(db_path) == []


def test_import_of_one_bad_file_is_one_line_and_no_database(runner, write, db_path):
    latin = write("P-01.txt", "[00:00:01] Anna: caf\u00e9\n", encoding="latin-1")
    assert "not UTF-8 text" in one_error_line(runner.invoke(main, ["import", str(latin)]))
    assert leftovers(db_path) == []


def test_import_of_a_folder_without_transcripts_creates_no_database(runner, tmp_path, db_path):
    (tmp_path / "empty").mkdir()
    assert "no transcript files" in one_error_line(runner.invoke(main, ["import", str(tmp_path / "empty")]))
    assert leftovers(db_path) == []


def test_a_batch_with_one_good_file_keeps_the_database(runner, write, db_path):
    good, bad = write("P-01.txt", GOOD), write("P-02.vtt", "nope\n")
    result = runner.invoke(main, ["import", str(good), str(bad)])
    assert result.exit_code == 2 and "1 imported, 1 failed" in result.stdout
    assert db_path.exists()


def test_resume_without_a_journal_leaves_nothing(runner, db_path):
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna", "--resume"]))
    assert "no interview with P-01 to resume" in line
    assert leftovers(db_path) == []


def test_interview_with_a_broken_guide_leaves_no_database(runner, write, db_path):
    guide = write("g.yaml", "title: G\n")
    assert "has no 'language'" in one_error_line(runner.invoke(main, ["interview", str(guide), "-p", "P-01",
                                                                      "-r", "Anna"]))
    assert leftovers(db_path) == []


def test_a_bundled_guide_is_found_by_its_name_from_any_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["guides", "check", "quick-en.yaml"])
    assert result.exit_code == 0 and "quick-en.yaml: ok" in result.output


@pytest.mark.parametrize("args", [["interviews"], ["import", "{good}"], ["code"], ["export", "out.xlsx"]])
def test_db_that_is_not_sqlite_is_one_line_and_untouched(runner, write, tmp_path, args):
    notes = write("notes.db", "my notes, not a database\n")
    args = [a.replace("{good}", str(write("P-01.txt", GOOD))) for a in args]
    line = one_error_line(runner.invoke(main, [*args, "--db", str(notes)]))
    assert "not a jtbd project database: the file is not SQLite" in line
    assert notes.read_text() == "my notes, not a database\n"
    assert not (tmp_path / "notes.db-wal").exists()


def test_another_programs_sqlite_database_gets_no_tables_added(runner, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (text)")
    line = one_error_line(runner.invoke(main, ["interviews", "--db", str(other)]))
    assert "a SQLite database of another program" in line
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("select name from sqlite_master")] == ["notes"]


def test_one_speaker_is_taken_as_the_respondent_with_a_warning(runner, write):
    path = write("P-01.txt", "[00:00:01] Anna: My old one broke.\n[00:00:09] Anna: So I looked around.\n")
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert (f"Warning: {path}: only one speaker, 'Anna', taken as the respondent; "
            "set `respondent:` in the front matter to be sure") in result.stderr
    assert "Anna (respondent)" in runner.invoke(main, ["show", "P-01"]).stdout


def test_a_file_where_only_the_interviewer_speaks_is_refused(runner, write, db_path):
    path = write("P-01.txt", "---\ninterviewer: Maya\n---\n[00:00:01] Maya: Why?\n[00:00:05] Maya: And then?\n")
    line = one_error_line(runner.invoke(main, ["import", str(path)]))
    assert "the only speaker, 'Maya', is the interviewer: no answers to code" in line
    assert leftovers(db_path) == []


def test_a_recording_without_speaker_names_is_one_warning(runner, write):
    path = write("P-01.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nI bought it and that was it.\n")
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: {path}: no speaker names found; all text is taken as the respondent's answers"]


def test_a_demo_that_fails_leaves_no_half_built_folder(runner, write, tmp_path):
    write("samples/A-00.txt", "no turns in here\n")
    out = tmp_path / "demo"
    line = one_error_line(runner.invoke(main, ["demo", "--transcripts", str(tmp_path / "samples"), "--out", str(out)]))
    assert "a transcript failed to import" in line and "no turns found" in line
    assert not out.exists()
