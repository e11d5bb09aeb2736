"""The interview app driven for real with Pilot: answers, tags, jumps, pause, finish, resume."""

from __future__ import annotations

import asyncio
import copy
import json

import pytest

from jtbd_kit.cli import main
from jtbd_kit.errors import UserError
from jtbd_kit.guides import bundled_guides, load_guide
from jtbd_kit.interview.app import InterviewApp
from jtbd_kit.interview.journal import Journal, journal_path, read_journal
from jtbd_kit.interview.run import save_finished
from jtbd_kit.interview.session import Clock, open_session, start_session
from jtbd_kit.interview.widgets import AnswerArea, BudgetClock, QuestionView, TagLog
from jtbd_kit.store import open_db
from jtbd_kit.transcript import read_transcript

QUICK = bundled_guides() / "quick-en.yaml"
SIZE = (100, 30)


def run(coro):
    return asyncio.run(coro)


def test_an_interview_run_through_the_app_lands_in_the_store(db_path, runner):
    session = open_session(QUICK, "P-01", "Sam", db_path, interviewer="Maya", product="standing desk")

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"A desk")
            await pilot.press("escape", "1")                      # tag mode, push; back to typing
            assert app.focused is app.query_one(AnswerArea)
            await pilot.press(*" in May", "alt+q")             # quote without leaving the answer
            await pilot.press("ctrl+n", *"Back pain")
            await pilot.press("escape", "g", *"health", "enter")  # free-text tag
            await pilot.press("escape", "n", *"winces", "enter")  # note
            assert "health" in str(app.query_one(TagLog).render())
            await pilot.press("ctrl+g", "down", "enter")          # jump to section 2
            assert app.session.state.section == 1
            await pilot.press(*"Fine now")
            await pilot.press("ctrl+f", "ctrl+f")
        return app.return_value

    assert run(interview()) == "finished"
    saved = save_finished(session.state, db_path)
    assert (saved.participant, saved.turns, saved.tags, saved.status) == ("P-01", 6, 4, "imported")

    db = open_db(db_path)
    row = db.execute("select id, format, product, respondent, interviewer from interviews").fetchone()
    assert row[1:] == ("native", "standing desk", "Sam", "Maya")
    turns = list(db.query("select idx, speaker, role, seconds, text from turns order by idx"))
    assert [(t["speaker"], t["role"]) for t in turns] == [("Maya", "interviewer"), ("Sam", "respondent")] * 3
    assert turns[0]["text"].startswith("What did you buy recently")
    assert [t["text"] for t in turns[1::2]] == ["A desk in May", "Back pain", "Fine now"]
    assert all(t["seconds"] is not None for t in turns)
    assert [t["seconds"] for t in turns] == sorted(t["seconds"] for t in turns)
    tags = list(db.query("select kind, note, turn_idx, source from tags order by id"))
    assert [(t["kind"], t["note"], t["turn_idx"], t["source"]) for t in tags] == [
        ("push", None, 1, "live"), ("quote", None, 1, "live"), ("tag", "health", 3, "live"),
        ("note", "winces", 3, "live")]

    # The transcript is in the project's own format, with the guide's stages per turn.
    transcript = read_transcript(saved.transcript)
    assert [t.text for t in transcript.turns] == [t["text"] for t in turns]
    assert transcript.meta["stages"] == {0: "buying", 1: "buying", 2: "first_thought", 3: "first_thought",
                                         4: "satisfaction", 5: "satisfaction"}
    assert set(transcript.meta["wall_clock"]) == set(range(6))

    listed = runner.invoke(main, ["interviews", "--db", str(db_path)])
    assert listed.exit_code == 0 and "P-01" in listed.output
    shown = runner.invoke(main, ["show", "P-01", "--db", str(db_path)])
    assert shown.exit_code == 0 and "Back pain" in shown.output
    assert "# tag tag: health" in shown.output and "# tag push" in shown.output
    # ... and it imports like any other transcript into another project.
    other = db_path.parent / "other.db"
    imported = runner.invoke(main, ["import", str(saved.transcript), "--db", str(other)])
    assert imported.exit_code == 0 and "P-01 imported" in imported.output


def test_stop_then_resume_rebuilds_the_exact_state(db_path):
    guide = bundled_guides() / "switch-uk.yaml"
    session = open_session(guide, "P-02", "Оксана", db_path)

    async def first_part():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"Стіл", "ctrl+n", *"Спина болить")
            await pilot.press("backspace", "backspace", "backspace", *"іла", "escape", "3")
            await pilot.press("f2", "ctrl+q")
        return app.return_value

    assert run(first_part()) == "stopped"
    session.close()
    before = copy.deepcopy(session.state)
    assert before.answers["the-purchase"].text == "Спина боліла" and before.paused

    with pytest.raises(UserError, match="unfinished interview with P-02") as e:
        open_session(guide, "P-02", "Оксана", db_path)
    assert "--resume" in e.value.hint
    resumed = open_session(guide, "P-02", "Оксана", db_path, resume=True)
    assert resumed.state == before
    assert resumed.clock.elapsed() == pytest.approx(before.t)  # paused: the clock stands where it stopped

    async def second_part():
        app = InterviewApp(resumed)
        async with app.run_test(size=SIZE) as pilot:
            assert app.query_one(AnswerArea).text == "Спина боліла"
            assert "Що ви купили" in str(app.query_one(QuestionView).render())
            assert app.query_one("#section-clock", BudgetClock).has_class("paused")
            await pilot.press("f2", *" знову", "ctrl+f", "ctrl+f")
        return app.return_value

    assert run(second_part()) == "finished"
    assert resumed.state.answers["the-purchase"].text == "Спина боліла знову"
    events = read_journal(journal_path(db_path, "P-02")).events
    assert [e["e"] for e in events].count("reopen") == 1 and events[-1]["e"] == "finish"
    saved = save_finished(resumed.state, db_path)
    assert saved.turns == 4 and saved.tags == 1


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_over_budget_section_shows_it_and_pause_stops_the_clocks(tmp_path):
    time = FakeTime()
    guide = load_guide(QUICK)  # section 1: 3 minutes, total 5 minutes
    session = start_session(Journal(tmp_path / "P-03.jsonl"), guide, "P-03", "Sam", "Maya", clock=Clock(now=time))

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            section, total = app.query_one("#section-clock", BudgetClock), app.query_one("#total-clock", BudgetClock)
            time.now += 150                                  # 2:30 of 3:00: near the budget
            await pilot.press("ctrl+n")
            assert section.has_class("near") and not section.has_class("over")
            time.now += 60                                   # 3:30: over
            await pilot.press(*"words")
            await pilot.press("ctrl+n")
            assert section.has_class("over") and "over" in str(section.render())
            assert not total.has_class("over")
            await pilot.press("f2")
            time.now += 600                                  # paused time does not count
            await pilot.press("f2", "ctrl+n")                # next section: its own clock starts at zero
            assert not section.has_class("over") and not total.has_class("over")
            time.now += 120                                  # 5:30 in all
            await pilot.press("ctrl+n")
            assert total.has_class("over")
        return app

    run(interview())
    assert session.state.section_seconds[0] == pytest.approx(210.0)
    assert session.state.t == pytest.approx(330.0)


def test_journal_cut_off_mid_line_keeps_every_complete_event(db_path):
    session = open_session(QUICK, "P-04", "Sam", db_path)
    for text in ("I", "I bought", "I bought a desk"):
        session.edit(text)
    session.tag("pain")
    session.close()
    path = journal_path(db_path, "P-04")
    with path.open("ab") as f:
        f.write(b'{"e":"edit","t":9.1,"at":"2026-')   # the crash hit mid-write

    resumed = open_session(QUICK, "P-04", "Sam", db_path, resume=True)
    assert resumed.state.answers["what"].text == "I bought a desk"
    assert len(resumed.state.tags) == 1
    assert len(resumed.dropped) == 1 and "cut off mid-line" in resumed.dropped[0]
    assert resumed.dropped[0].startswith(f"{path}:6:")
    resumed.edit("I bought a desk.")
    resumed.close()
    again = read_journal(path)
    assert InterviewStateText(again.events) == "I bought a desk."
    assert "damaged line" in again.dropped[0]           # still reported, never overwritten
    assert b'"t":9.1' in path.read_bytes()


def InterviewStateText(events: list[dict]) -> str:
    from jtbd_kit.interview.state import InterviewState

    return InterviewState.from_events(events).answers["what"].text


def test_every_keystroke_is_journalled_before_it_is_shown(db_path):
    session = open_session(QUICK, "P-05", "Sam", db_path)
    path = journal_path(db_path, "P-05")
    seen: list[tuple[str, str]] = []

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            area = app.query_one(AnswerArea)
            for key in "desk":
                await pilot.press(key)
                edits = [json.loads(line) for line in path.read_text().splitlines() if '"e":"edit"' in line]
                seen.append((area.text, edits[-1]["i"]))
            await pilot.press("ctrl+z")                        # undo is journalled too
            seen.append((area.text, path.read_text().splitlines()[-1]))
            await pilot.press("ctrl+q")

    run(interview())
    assert seen[:4] == [("d", "d"), ("de", "e"), ("des", "s"), ("desk", "k")]
    assert seen[4][0] == "" and '"d":4' in seen[4][1]
    assert session.state.answers["what"].text == ""
