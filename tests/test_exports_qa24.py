"""QA round 24: exports keep transcript text as text, folders of outputs land whole, --out suffixes are checked."""

from __future__ import annotations

import errno
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import sqlite_utils

from jtbd_kit.cli import main
from test_exports import NS, coded_project
from test_journey import make_study
from test_qa_bad_input import one_error_line

HYPERLINK = '=HYPERLINK("http://evil.example","click me")'
FORMULA_TURN = "=1+2 and the price"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def hidden(folder: Path) -> list[str]:
    """Staging or backup folders a write might leave behind (they all start with a dot)."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


# --- 1. Excel: text that starts with = is text, never a formula ------------------------------------


def test_xlsx_writes_formula_like_text_as_unchanged_text(runner, write, db_path, tmp_path):
    from openpyxl import load_workbook

    coded_project(runner, write, db_path)
    db = sqlite_utils.Database(db_path)
    db.execute("update interviews set product = ?", [HYPERLINK])
    db.execute("update segments set text = ?", [FORMULA_TURN])
    db.conn.commit()
    out = tmp_path / "study.xlsx"
    assert runner.invoke(main, ["export", str(out)]).exit_code == 0
    wb = load_workbook(out)
    product = wb["Interviews"]["C2"]
    turn = wb["Segments"].cell(row=2, column=wb["Segments"].max_column)
    assert (product.value, product.data_type) == (HYPERLINK, "s")
    assert (turn.value, turn.data_type) == (FORMULA_TURN, "s")
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere


# --- 2. characters XML cannot hold become U+FFFD in both exports --------------------------------------


def test_control_characters_become_replacement_characters_and_offsets_hold(runner, write, db_path, tmp_path):
    from openpyxl import load_workbook

    text, start, end = coded_project(runner, write, db_path)
    dirty = text[:start] + "\x1b" + text[start + 1:]  # one character for one: offsets unchanged
    db = sqlite_utils.Database(db_path)
    db.execute("update interviews set text = ?, product = ?", [dirty, "Desk\x01Pro"])
    db.execute("update segments set text = ?", [dirty[start:end]])
    db.conn.commit()
    xlsx, qdpx = tmp_path / "study.xlsx", tmp_path / "study.qdpx"
    for out in (xlsx, qdpx):
        result = runner.invoke(main, ["export", str(out)])
        assert result.exit_code == 0, result.output
    wb = load_workbook(xlsx)
    assert wb["Interviews"]["C2"].value == "Desk\ufffdPro"
    assert wb["Segments"].cell(row=2, column=wb["Segments"].max_column).value == "\ufffdast winter, my back hurt."
    with zipfile.ZipFile(qdpx) as z:
        root = ET.fromstring(z.read("project.qde"))  # parses: no control character in the XML
        source = root.find("q:Sources/q:TextSource", NS)
        body = z.read(f"sources/{source.get('plainTextPath').removeprefix('internal://')}").decode()
    selection = source.find("q:PlainTextSelection", NS)
    s, e = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert len(body) == len(text) and "\x1b" not in body
    assert body[s:e] == "\ufffdast winter, my back hurt." and selection.get("name") == body[s:e]


# --- 3. a folder of outputs lands whole, or not at all ---------------------------------------------


def failing_after(calls: int, real):
    """`real`, but from call number `calls` on it fails as a full disk does."""
    count = {"n": 0}

    def wrapper(*args, **kwargs):
        count["n"] += 1
        if count["n"] >= calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)
    return wrapper


def test_a_report_that_fails_midway_leaves_the_earlier_report_untouched(runner, db_path, tmp_path, monkeypatch):
    import jtbd_kit.journey.report as report

    make_study(db_path)
    out = tmp_path / "report"
    assert runner.invoke(main, ["report", "--out", str(out)]).exit_code == 0
    real = report.write_text_atomic
    for mine in (None, "notes.txt"):  # a report alone is swapped whole; one with the user's files, file by file
        if mine:
            (out / mine).write_text("mine")
        before = snapshot(out)
        monkeypatch.setattr(report, "write_text_atomic", failing_after(3, real))
        line = one_error_line(runner.invoke(main, ["report", "--out", str(out), "--lang", "uk"]))
        assert "no space left on device" in line and line.startswith(f"Error: {out}:") and ".tmp" not in line
        assert snapshot(out) == before
        assert hidden(out) == [] and hidden(tmp_path) == []
    fresh = tmp_path / "new-report"
    one_error_line(runner.invoke(main, ["report", "--out", str(fresh)]))
    assert not fresh.exists() and hidden(tmp_path) == []


def test_a_report_over_an_earlier_one_is_swapped_in_whole(runner, db_path, tmp_path):
    make_study(db_path)
    out = tmp_path / "report"
    assert runner.invoke(main, ["report", "--out", str(out)]).exit_code == 0
    (out / "journey-persona-9-gone.md").write_text("a persona an earlier run found")
    inode = out.stat().st_ino
    assert runner.invoke(main, ["report", "--out", str(out), "--lang", "uk"]).exit_code == 0
    assert out.stat().st_ino != inode  # a new folder renamed into place, not files rewritten one by one
    assert not (out / "journey-persona-9-gone.md").exists()
    assert "Звіт про дослідження" in (out / "index.html").read_text(encoding="utf-8")
    assert hidden(out) == [] and hidden(tmp_path) == []


def test_journey_into_a_folder_that_fails_midway_writes_nothing(runner, db_path, tmp_path, monkeypatch):
    import jtbd_kit.journey.output as output

    make_study(db_path)
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "mine.txt").write_text("mine")
    real = output.render
    monkeypatch.setattr(output, "render", failing_after(2, real))
    line = one_error_line(runner.invoke(main, ["journey", "--out", str(folder)]))
    assert "no space left on device" in line
    assert snapshot(folder) == {"mine.txt": b"mine"} and hidden(tmp_path) == []
    monkeypatch.setattr(output, "render", real)
    assert runner.invoke(main, ["journey", "--out", str(folder)]).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["journey-persona-1-busy-parents.md",
                                                       "journey-persona-2-fixers.md", "mine.txt"]


# --- 4. journey --out with a suffix it does not write ----------------------------------------------


@pytest.mark.parametrize("args", [["--out", "x.pdf"], ["--out", "x.pdf", "--format", "html"], ["--out", "x"]])
def test_journey_out_with_an_unsupported_suffix_is_refused(runner, db_path, tmp_path, monkeypatch, args):
    make_study(db_path)
    monkeypatch.chdir(tmp_path)
    line = one_error_line(runner.invoke(main, ["journey", "1", *args]))
    assert all(suffix in line for suffix in (".md", ".html", ".mmd", ".json"))
    assert not Path(args[1]).exists()


def test_journey_out_without_a_suffix_is_written_when_the_format_is_given(runner, db_path, tmp_path, monkeypatch):
    make_study(db_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["journey", "1", "--format", "html", "--out", "map"])
    assert result.exit_code == 0, result.output
    assert Path("map").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
