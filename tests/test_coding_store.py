"""`jtbd code` over stored interviews: the segments table, reviewed segments, parallel jobs, the demo."""

from __future__ import annotations

import json
from pathlib import Path

from jtbd_kit.cli import main
from jtbd_kit.store import open_db

DATA = Path(__file__).parent / "data" / "coding"


def import_plain(runner, tmp_path: Path, names=("R-EN-01", "R-PL-01")) -> None:
    from tests.test_coding import strip

    for name in names:
        text, _ = strip(DATA / "annotated" / f"{name}.annotated.txt")
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        result = runner.invoke(main, ["import", str(tmp_path / f"{name}.txt")])
        assert result.exit_code == 0, result.output


def test_code_stored_writes_segments_and_keeps_reviewed_ones(runner, db_path, tmp_path):
    import_plain(runner, tmp_path)
    first = runner.invoke(main, ["code", "R-EN-01"])
    assert first.exit_code == 0, first.output
    db = open_db(db_path)
    rows = list(db.query("select * from segments order by start"))
    assert rows and {r["origin"] for r in rows} == {"machine"}
    assert all(json.loads(r["cues"]) is not None and r["coder"] for r in rows)
    # the learned model's force probabilities go with each segment, and agree with its yes/no forces
    for r in rows:
        chances = json.loads(r["force_scores"])
        assert set(chances) == {"push", "pull", "anxiety", "habit"} and sum(chances.values()) <= 1.001
        for force in json.loads(r["forces"]):
            assert chances[force] == max(chances.values()) or chances[force] > 0.2
    text = db.execute("select text from interviews where participant = 'R-EN-01'").fetchone()[0]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert db.execute("select count(*) from segments s join interviews i on i.id = s.interview_id "
                      "where i.participant = 'R-PL-01'").fetchone()[0] == 0

    reviewed = rows[2]
    db.execute("update segments set origin = 'human', stage = 'other', forces = '[\"habit\"]' where id = ?",
               [reviewed["id"]])
    db.conn.commit()
    again = runner.invoke(main, ["code", "R-EN-01"])
    assert again.exit_code == 0 and "1 reviewed kept" in again.output
    db = open_db(db_path)
    kept = db.execute("select start, end, stage, forces, origin from segments where id = ?",
                      [reviewed["id"]]).fetchone()
    assert kept == (reviewed["start"], reviewed["end"], "other", '["habit"]', "human")
    overlapping = db.execute("select count(*) from segments where origin = 'machine' and start < ? and end > ?",
                             [reviewed["end"], reviewed["start"]]).fetchone()[0]
    assert overlapping == 0
    assert db.execute("select count(*) from segments where origin = 'machine'").fetchone()[0] == len(rows) - 1


def test_code_all_with_jobs_matches_one_process(runner, db_path, tmp_path):
    import_plain(runner, tmp_path)
    assert runner.invoke(main, ["code", "--jobs", "2"]).exit_code == 0
    db = open_db(db_path)
    parallel = list(db.query("select interview_id, start, end, stage, forces from segments order by 1, 2"))
    assert runner.invoke(main, ["code"]).exit_code == 0
    serial = list(open_db(db_path).query("select interview_id, start, end, stage, forces from segments order by 1, 2"))
    assert parallel == serial and len({r["interview_id"] for r in serial}) == 2


def test_unknown_participant_is_one_line(runner, tmp_path):
    import_plain(runner, tmp_path, names=("R-EN-01",))
    result = runner.invoke(main, ["code", "NOPE-9"])
    assert result.exit_code == 2 and "no interview for participant 'NOPE-9'" in result.output


def test_demo_stage_codes_every_imported_interview(tmp_path):
    from rich.console import Console

    from jtbd_kit.coding.stored import code_with_progress
    from jtbd_kit.importer import import_many
    from tests.test_coding import strip

    for name in ("R-RU-01", "R-UK-01"):
        text, _ = strip(DATA / "annotated" / f"{name}.annotated.txt")
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "demo.db")
    list(import_many(db, sorted(tmp_path.glob("*.txt"))))
    console = Console(record=True, width=100)
    done = code_with_progress(db, console)
    assert [d.participant for d in done] == ["R-RU-01", "R-UK-01"] and all(d.segments for d in done)
    assert "Coded 2 interviews" in console.export_text()
    from jtbd_kit.store.segments import segments_for

    labels = [s["label"] for s in segments_for(db, "R-UK-01")]
    assert labels[0].startswith("other|") and any(label.startswith("satisfaction|") for label in labels)


def test_coding_an_empty_project_says_import_first(runner, db_path):
    open_db(db_path).close()  # an empty project (a failed import no longer leaves one)
    result = runner.invoke(main, ["code"])
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: no interviews in the project to code "
                                     "(import transcripts first: jtbd import PATH)")


def test_one_interview_without_respondent_turns_codes_nothing(runner, db_path, tmp_path):
    import_plain(runner, tmp_path)
    # `jtbd import` now refuses a file where only the interviewer speaks; a project from an older
    # jtbd-kit may still hold one
    from jtbd_kit.store.interviews import save_transcript
    from jtbd_kit.transcript.model import Transcript, Turn

    turn = Turn(0, "Maya", "Why did you switch?", 6, 25, role="interviewer", line=1)
    save_transcript(open_db(db_path), Transcript("Q-EN-09", "en", [turn], "Maya: Why did you switch?\n",
                                                 interviewer="Maya"))
    result = runner.invoke(main, ["code"])
    assert result.exit_code == 2
    assert "Q-EN-09 has no respondent turns" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # checked before anything was written: the other interviews are not half coded
    assert open_db(db_path)["segments"].count == 0
