"""`jtbd review` for scripts (--segment, --accept-all, --list), bad input, re-coding, and `jtbd agreement`."""

from __future__ import annotations

import json

import pytest

from jtbd_kit.cli import main
from jtbd_kit.review.agreement import cohen_kappa
from jtbd_kit.store import open_db
from tests.test_review_app import TRANSCRIPT, rows, seed


def ids(db_path) -> list[int]:
    return [r["id"] for r in rows(db_path)]


def test_segment_sets_codes_and_keeps_the_draft(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    first = ids(db_path)[0]
    result = runner.invoke(main, ["review", "R-01", "--segment", str(first), "--stage", "deciding",
                                  "--forces", "push,anxiety", "--emotion", "-1", "--reviewer", "maya"])
    assert result.exit_code == 0, result.output
    assert f"R-01 #{first}: deciding  push,anxiety  -" in result.output
    row = rows(db_path)[0]
    assert (row["stage"], row["forces"], row["emotion"], row["origin"], row["coder"]) == (
        "deciding", ["push", "anxiety"], -1, "human", "maya")
    assert json.loads(row["machine_codes"])["stage"] == "first_thought"

    again = runner.invoke(main, ["review", "R-01", "--segment", str(first), "--forces", "none", "--reviewer", "ann"])
    assert again.exit_code == 0, again.output
    row = rows(db_path)[0]
    assert (row["stage"], row["forces"], row["coder"]) == ("deciding", [], "ann")
    assert json.loads(row["machine_codes"])["stage"] == "first_thought"   # the first draft, not the first review


def test_accept_all_and_list(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    listed = runner.invoke(main, ["review", "R-01", "--list"], env={"COLUMNS": "160"})
    assert listed.exit_code == 0, listed.output
    assert "0 of 3 segments reviewed" in listed.output
    assert all(str(i) in listed.output for i in ids(db_path)) and "active_looking" in listed.output

    done = runner.invoke(main, ["review", "R-01", "--accept-all", "--reviewer", "maya"])
    assert done.exit_code == 0 and "accepted 3 machine segments" in done.output
    assert {(r["origin"], r["coder"], r["stage"]) for r in rows(db_path)} == {
        ("human", "maya", "first_thought"), ("human", "maya", "active_looking")}
    assert "accepted 0" in runner.invoke(main, ["review", "R-01", "--accept-all"]).output
    assert "3 of 3 segments reviewed" in runner.invoke(main, ["review", "R-01", "--list"]).output


@pytest.mark.parametrize("args, message", [
    (["review", "P-77", "--list"], "no interview for participant 'P-77'"),
    (["review", "R-01", "--segment", "{id}", "--stage", "decided"], "unknown stage 'decided'"),
    (["review", "R-01", "--segment", "{id}", "--forces", "push,greed"], "unknown force 'greed'"),
    (["review", "R-01", "--segment", "{id}", "--emotion", "2"], "emotion must be -1, 0 or 1"),
    (["review", "R-01", "--segment", "99999"], "no segment 99999 of R-01"),
    (["review", "R-01", "--stage", "deciding"], "--stage needs --segment ID"),
    (["review", "R-01", "--list", "--accept-all"], "do not go together"),
    (["agreement"], "no reviewed segments"),
    (["agreement", "P-77"], "no interview for participant 'P-77'"),
])
def test_bad_input_is_one_line_and_exit_2(runner, db_path, tmp_path, args, message):
    seed(db_path, tmp_path)
    before = rows(db_path)
    result = runner.invoke(main, [a.replace("{id}", str(before[0]["id"])) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output and rows(db_path) == before


def test_an_interview_not_coded_yet_says_run_jtbd_code(runner, write):
    assert runner.invoke(main, ["import", str(write("R-01.txt", TRANSCRIPT))]).exit_code == 0
    result = runner.invoke(main, ["review", "R-01"])
    assert result.exit_code == 2 and "run `jtbd code R-01` first" in result.output


def test_a_reviewed_segment_survives_the_real_coder_running_again(runner, db_path, write):
    assert runner.invoke(main, ["import", str(write("R-01.txt", TRANSCRIPT))]).exit_code == 0
    assert runner.invoke(main, ["code", "R-01"]).exit_code == 0
    segments = list(open_db(db_path).query("select id, start, end, stage from segments order by start"))
    assert segments
    target = segments[0]
    new_stage = "buying" if target["stage"] != "buying" else "deciding"
    assert runner.invoke(main, ["review", "R-01", "--segment", str(target["id"]), "--stage", new_stage,
                                "--forces", "habit", "--reviewer", "maya"]).exit_code == 0
    again = runner.invoke(main, ["code", "R-01"])
    assert again.exit_code == 0 and "1 reviewed kept" in again.output
    kept = open_db(db_path).execute("select start, end, stage, forces, origin, coder, machine_codes from segments "
                                    "where id = ?", [target["id"]]).fetchone()
    assert kept[:6] == (target["start"], target["end"], new_stage, '["habit"]', "human", "maya")
    assert json.loads(kept[6])["stage"] == target["stage"]
    report = runner.invoke(main, ["agreement", "R-01", "--format", "json"])
    assert json.loads(report.output)["stage_accuracy"] == 0.0


def test_agreement_on_known_answers(runner, db_path, tmp_path):
    seed(db_path, tmp_path)   # draft: first_thought [push] -1 | first_thought [] -1 | active_looking [pull] 0
    a, b, c = ids(db_path)
    for args in (["--segment", str(a), "--stage", "deciding", "--forces", "push,anxiety"],
                 ["--segment", str(b)],
                 ["--segment", str(c), "--forces", "none", "--emotion", "1"]):
        assert runner.invoke(main, ["review", "R-01", *args]).exit_code == 0
    result = runner.invoke(main, ["agreement", "--format", "json"])
    assert result.exit_code == 0, result.output
    r = json.loads(result.output)
    assert (r["reviewed"], r["compared"], r["changed"]) == (3, 3, 2)
    assert r["stage_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["stage_kappa"] == pytest.approx(0.5)          # p_o = 2/3, p_e = (2*1 + 1*1) / 9
    assert r["forces_f1"] == pytest.approx(0.5)            # tp push, fn anxiety, fp pull
    assert r["force_f1"] == {"push": 1.0, "pull": 0.0, "anxiety": 0.0, "habit": None}
    assert r["emotion_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["corrections"] == [{"machine": "first_thought", "human": "deciding", "count": 1}]

    table = runner.invoke(main, ["agreement", "R-01"], env={"COLUMNS": "120"})
    assert table.exit_code == 0
    assert "67%" in table.output and "0.50" in table.output and "first_thought → deciding 1" in table.output


def test_cohen_kappa_textbook_value():
    # 50 items: both yes 20, yes/no 5, no/yes 10, both no 15 -> kappa 0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(["x", "x"], ["x", "x"]) == 1.0 and cohen_kappa([], []) is None


def test_segment_echoes_the_touchpoints_and_pains_it_set(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    first = ids(db_path)[0]
    result = runner.invoke(main, ["review", "R-01", "--segment", str(first), "--touchpoints", "web_search,ads",
                                  "--pains", "none", "--reviewer", "maya"])
    assert result.exit_code == 0, result.output
    assert "touchpoints: web_search, ads  pains: - (reviewed by maya)" in result.output


def test_agreement_hint_names_the_participant_asked_about(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    result = runner.invoke(main, ["agreement", "R-01"])
    assert result.exit_code == 2 and result.output.strip().endswith("(review some first: jtbd review R-01)")

