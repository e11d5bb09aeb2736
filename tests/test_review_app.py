"""The review app driven for real with Pilot: each key writes the store at once, progress shows."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from jtbd_kit.importer import import_file
from jtbd_kit.review.app import ReviewApp
from jtbd_kit.keyhelp import HelpScreen
from jtbd_kit.review.widgets import ReviewProgress, SegmentCard, SegmentList
from jtbd_kit.store import open_db
from jtbd_kit.store.segments import replace_machine_segments

TRANSCRIPT = """---
participant: R-01
language: en
interviewer: Nadia
respondent: Sam
product: standing desk
---
[00:00:01] Nadia: When did you first think about a new desk?
[00:00:05] Sam: My back hurt every evening. I hated it.
[00:00:20] Nadia: What did you look at?
[00:00:25] Sam: I compared three desks online for a week.
"""

DRAFT = [("My back hurt every evening.", "first_thought", ["push"], -1, ["stage first_thought: hurt"]),
         ("I hated it.", "first_thought", [], -1, []),
         ("I compared three desks online for a week.", "active_looking", ["pull"], 0, ["stage active_looking: compared"])]


def seed(db_path: Path, tmp_path: Path) -> int:
    """An imported interview with a known machine draft (no spaCy needed)."""
    src = tmp_path / "R-01.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    db = open_db(db_path)
    interview_id = import_file(db, src)[0].interview_id
    text = db["interviews"].get(interview_id)["text"]
    segments = []
    for words, stage, forces, emotion, cues in DRAFT:
        start = text.index(words)
        segments.append({"start": start, "end": start + len(words), "text": words, "stage": stage, "forces": forces,
                         "emotion": emotion, "emotion_score": float(emotion), "confidence": 0.8, "cues": cues,
                         "turn_idx": 1 if "desks" not in words else 3})
    replace_machine_segments(db, interview_id, segments, "test-coder")
    return interview_id


def shown(widget) -> str:
    """The plain text a widget shows."""
    console = Console(width=200, record=True, file=io.StringIO())
    if isinstance(widget, SegmentCard):  # a scrolling card: its words are in the body inside
        widget = widget.query_one("#card-body")
    console.print(widget.render() if isinstance(widget, SegmentList) else widget.content)
    return console.export_text()


def rows(db_path: Path) -> list[dict]:
    return [dict(r, forces=json.loads(r["forces"])) for r in open_db(db_path).query(
        "select id, stage, forces, emotion, origin, coder, machine_codes from segments order by start")]


def test_keys_code_segments_and_every_change_is_in_the_store_at_once(db_path, tmp_path):
    seed(db_path, tmp_path)

    async def review():
        app = ReviewApp(open_db(db_path), "R-01", "maya")
        async with app.run_test(size=(110, 36)) as pilot:
            card = shown(app.query_one(SegmentCard))
            assert "When did you first think about a new desk?" in card       # the question before it
            assert "stage first_thought: hurt" in card                        # why the machine coded it
            assert "0 / 3 reviewed" in shown(app.query_one(ReviewProgress))

            await pilot.press("4")                                            # stage: deciding
            first = rows(db_path)[0]
            assert (first["stage"], first["origin"], first["coder"]) == ("deciding", "human", "maya")
            assert "1 / 3 reviewed" in shown(app.query_one(ReviewProgress))

            await pilot.press("p", "a", "h", "h")                             # push off, anxiety on, habit on and off
            assert rows(db_path)[0]["forces"] == ["anxiety"]
            await pilot.press("plus")
            assert rows(db_path)[0]["emotion"] == 1
            assert "deciding  anxiety  +" in shown(app.query_one(SegmentCard))

            await pilot.press("enter")                                        # accept, on to the next
            assert app.index == 1
            await pilot.press("j", "k", "down")
            assert app.index == 2
            await pilot.press("n")                                            # back to the one not reviewed
            assert app.index == 1
            await pilot.press("space")
            assert [r["origin"] for r in rows(db_path)] == ["human", "human", "machine"]
            assert "✓" in shown(app.query_one(SegmentList))

            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.press("k", "backspace")                               # undo the review of segment 2
            assert "1 / 3 reviewed" in shown(app.query_one(ReviewProgress))
            await pilot.press("q")
        return app.return_value

    assert asyncio.run(review()) == 1
    first, second, third = rows(db_path)
    assert (first["stage"], first["forces"], first["emotion"], first["origin"]) == ("deciding", ["anxiety"], 1, "human")
    draft = json.loads(first["machine_codes"])
    assert (draft["stage"], draft["forces"], draft["emotion"], draft["coder"]) == ("first_thought", ["push"], -1,
                                                                                  "test-coder")
    assert (second["origin"], second["coder"], second["machine_codes"]) == ("machine", "test-coder", None)
    assert third["origin"] == "machine"


def test_the_app_opens_at_the_first_unreviewed_segment(db_path, tmp_path):
    seed(db_path, tmp_path)
    db = open_db(db_path)
    first_id = rows(db_path)[0]["id"]
    from jtbd_kit.store.segments import review_segment

    review_segment(db, first_id, reviewer="maya")
    app = ReviewApp(db, "R-01", "maya")
    assert app.index == 1 and app.reviewed == 1


def test_review_never_imports_spacy_or_sklearn(db_path, tmp_path):
    seed(db_path, tmp_path)
    code = f"""
import sys
from click.testing import CliRunner
from jtbd_kit.cli import main
import jtbd_kit.review.app
result = CliRunner().invoke(main, ["review", "R-01", "--list", "--db", {str(db_path)!r}])
assert result.exit_code == 0, result.output
result = CliRunner().invoke(main, ["review", "R-01", "--accept-all", "--db", {str(db_path)!r}])
assert result.exit_code == 0, result.output
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "sklearn"))
print(heavy)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_segment_recoded_under_the_app_is_reported_and_the_review_lands_on_the_right_one(db_path, tmp_path):
    interview_id = seed(db_path, tmp_path)

    async def review():
        app = ReviewApp(open_db(db_path), "R-01", "maya")
        async with app.run_test(size=(110, 36)) as pilot:
            other = open_db(db_path)                         # `jtbd code` in another terminal re-codes them
            old = [dict(r, forces=json.loads(r["forces"]), cues=[])
                   for r in other.query("select * from segments order by start desc")]
            replace_machine_segments(other, interview_id, old, "again")
            await pilot.press("4")
            assert app.is_running and len(app.segments) == 3
            notices = " ".join(str(n.message) for n in app._notifications)
            assert "no segment 1 of R-01" in notices                 # ids are never reused, so it is gone
            assert {r["origin"] for r in rows(db_path)} == {"machine"}
            await pilot.press("4")                           # the reloaded segment takes the code
            await pilot.press("q")

    asyncio.run(review())
    first, _, third = rows(db_path)
    assert (first["stage"], first["origin"]) == ("deciding", "human")
    assert (third["stage"], third["origin"]) == ("active_looking", "machine")
