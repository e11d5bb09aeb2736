"""`jtbd saturation` and saturation_curve(): new codes per interview, in date order."""

from __future__ import annotations

import json

from persona_study import PERSONAS, make_study

from jtbd_kit.cli import main
from jtbd_kit.personas.saturation import saturation_curve
from jtbd_kit.store import open_db

PLAN = [("A", "en", "burned"), ("C", "en", "family"), ("B", "pl", "burned"), ("D", "pl", "family")]


def _codes(persona: str) -> set[str]:
    out = set()
    for _stage, forces, _emo, tps, pains, *_ in PERSONAS[persona]:
        out |= {f"touchpoint:{t}" for t in tps} | {f"pain:{p}" for p in pains}
        out |= {f"{f}:{x}" for f in forces for x in tps + pains}
    return out


def test_curve_in_date_order_counts_only_new_codes(tmp_path, db_path):
    make_study(tmp_path / "s", db_path, PLAN, skip=False)
    db = open_db(db_path)
    # C was interviewed first and D has no date: the curve follows the dates, undated last.
    db.execute("update interviews set date = '2025-12-01' where participant = 'C'")
    db.execute("update interviews set date = null where participant = 'D'")
    rows = saturation_curve(db)
    assert [r["participant"] for r in rows] == ["C", "A", "B", "D"]
    assert set(rows[0]) == {"participant", "date", "new", "cumulative", "new_codes"}
    assert rows[0]["date"] == "2025-12-01" and rows[-1]["date"] is None
    assert set(rows[0]["new_codes"]) == _codes("family") and rows[0]["new"] == len(_codes("family"))
    assert set(rows[1]["new_codes"]) == _codes("burned") - _codes("family")
    # The same job told in Polish adds nothing: codes are concept ids, not words.
    assert rows[2]["new"] == 0 and rows[3]["new"] == 0 and rows[2]["new_codes"] == []
    assert [r["cumulative"] for r in rows] == [rows[0]["new"], rows[0]["new"] + rows[1]["new"]] + [
        len(_codes("family") | _codes("burned"))] * 2


def test_cli_table_and_json(runner, tmp_path, db_path):
    make_study(tmp_path / "s", db_path, PLAN, skip=False)
    table = runner.invoke(main, ["saturation"])
    assert table.exit_code == 0, table.output
    assert "Saturation" in table.output and "pain:trust" in table.output
    assert "the last 2 added nothing new: saturation is near" in table.output
    out = json.loads(runner.invoke(main, ["saturation", "--format", "json"]).output)["saturation"]
    assert [r["participant"] for r in out] == ["A", "C", "B", "D"] and out[-1]["new"] == 0


def test_uncoded_interviews_are_left_out(runner, tmp_path, db_path):
    make_study(tmp_path / "s", db_path, PLAN, skip=False)
    db = open_db(db_path)
    db.execute("delete from segments where interview_id = (select id from interviews where participant = 'A')")
    assert [r["participant"] for r in saturation_curve(db)] == ["C", "B", "D"]
    assert saturation_curve(db)[0]["new_codes"] == sorted(_codes("family"))
