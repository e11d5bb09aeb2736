"""Exports: REFI-QDA selections land on the coded words; Excel has one row per segment."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile

import sqlite_utils

from jtbd_kit.cli import main

TRANSCRIPT = """---
participant: X-01
language: en
interviewer: Ann
respondent: Bob
---
[00:00:01] Ann: When did you first think about it?
[00:00:05] Bob: Last winter, my back hurt. I searched Google for desks.
"""
NS = {"q": "urn:QDA-XML:project:1.0"}


def coded_project(runner, write, db_path):
    path = write("X-01.txt", TRANSCRIPT)
    assert runner.invoke(main, ["import", str(path)]).exit_code == 0
    text = path.read_text()
    start = text.index("Last winter")
    end = text.index("hurt.") + len("hurt.")
    db = sqlite_utils.Database(db_path)
    db["segments"].insert({"interview_id": 1, "start": start, "end": end, "text": text[start:end],
                           "stage": "first_thought", "forces": json.dumps(["push"]), "emotion": -1,
                           "touchpoints": json.dumps(["web_search"]), "pains": json.dumps(["health"]),
                           "cues": "[]", "origin": "human"})
    return text, start, end


def test_qdpx_selection_points_at_the_coded_words(runner, write, db_path, tmp_path):
    text, start, end = coded_project(runner, write, db_path)
    out = tmp_path / "study.qdpx"
    result = runner.invoke(main, ["export", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("project.qde"))
        source = root.find("q:Sources/q:TextSource", NS)
        assert source.get("name") == "X-01"
        body = z.read(f"sources/{source.get('plainTextPath').removeprefix('internal://')}").decode()
    assert body == text
    selection = source.find("q:PlainTextSelection", NS)
    s, e = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert body[s:e] == "Last winter, my back hurt."
    names = {c.get("guid"): c.get("name") for c in root.iter(f"{{{NS['q']}}}Code")}
    coded = {names[ref.get("targetGUID")] for ref in selection.iter(f"{{{NS['q']}}}CodeRef")}
    assert coded == {"first_thought", "push", "negative", "web_search", "health"}


def test_xlsx_has_a_row_per_segment(runner, write, db_path, tmp_path):
    from openpyxl import load_workbook

    coded_project(runner, write, db_path)
    out = tmp_path / "study.xlsx"
    assert runner.invoke(main, ["export", str(out)]).exit_code == 0
    wb = load_workbook(out)
    rows = list(wb["Segments"].iter_rows(values_only=True))
    assert rows[0][:5] == ("participant", "language", "start", "end", "stage")
    assert rows[1][0] == "X-01" and rows[1][4] == "first_thought" and rows[1][-1] == "Last winter, my back hurt."
    assert len(rows) == 2


def test_unknown_format_is_one_line_and_exit_2(runner, write, db_path, tmp_path):
    coded_project(runner, write, db_path)
    result = runner.invoke(main, ["export", str(tmp_path / "study.pdf")])
    assert result.exit_code == 2
    assert "unknown export format '.pdf'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "study.pdf").exists()


def test_an_empty_project_is_refused_and_an_uncoded_one_warned(runner, write, db_path, tmp_path):
    from jtbd_kit.store import open_db

    open_db(db_path).close()  # an empty project (a failed import no longer leaves one)
    empty = runner.invoke(main, ["export", str(tmp_path / "empty.xlsx")])
    assert empty.exit_code == 2 and "nothing to export: no interviews in the project" in empty.output
    assert not (tmp_path / "empty.xlsx").exists()
    runner.invoke(main, ["import", str(write("X-01.txt", TRANSCRIPT))])
    uncoded = runner.invoke(main, ["export", str(tmp_path / "uncoded.xlsx")])
    assert uncoded.exit_code == 0 and (tmp_path / "uncoded.xlsx").exists()
    assert "Warning: nothing is coded yet" in uncoded.stderr
