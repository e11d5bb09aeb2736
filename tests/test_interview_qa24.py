"""QA pass 24 on the interview app, driven with Pilot: focus after tag mode, a safe finish, literal
guide text, esc-first tagging, and the stop event that keeps the clocks right after --resume."""

from __future__ import annotations

import asyncio
import html
import re

import pytest
from textual import events
from textual.widgets import OptionList

from jtbd_kit.guides import bundled_guides
from jtbd_kit.interview.app import InterviewApp
from jtbd_kit.interview.journal import journal_path, read_journal
from jtbd_kit.interview.screens import ConfirmFinish, SectionPicker
from jtbd_kit.interview.session import Clock, open_session
from jtbd_kit.interview.state import InterviewState
from jtbd_kit.interview.widgets import AnswerArea, Headline, QuestionView
from jtbd_kit.keyhelp import HelpScreen
from tests.test_interview_app import FakeTime

QUICK = bundled_guides() / "quick-en.yaml"
SIZE = (100, 30)

MARKUP_GUIDE = """\
title: "[bold]Markup[/] guide"
language: en
sections:
  - id: money
    title: "Money [/] talk [red]"
    minutes: 1
    questions:
      - id: q1
        text: "What [b]did[/b] you [/] buy?"
        probes: ["Price [link=http://example.com]click[/link]?"]
  - id: wrap
    title: "Wrap-up [optional]"
    minutes: 1
    questions:
      - id: q2
        text: "Anything else?"
"""


def run(coro):
    return asyncio.run(coro)


def screen_text(app) -> str:
    """The screen as plain rows of text, from the SVG screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', app.export_screenshot()):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    return "\n".join("".join(t for _, t in sorted(parts)).replace("\xa0", " ") for _, parts in sorted(rows.items()))


def test_leaving_tag_mode_always_returns_to_the_answer(db_path):
    session = open_session(QUICK, "P-01", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            area, question = app.query_one(AnswerArea), app.query_one(QuestionView)
            await pilot.press(*"A ", "escape")
            assert app.focused is question and "TAG KEYS" in str(question.border_title)  # the mode is on screen
            await pilot.press("space", *"desk")                 # pause, then straight back to typing
            assert area.text.endswith("desk") and session.state.paused
            assert app.focused is area and not isinstance(app.screen, SectionPicker)
            assert not question.border_title
            await pilot.press("escape", "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape", *" top")                # help closed: typing again
            assert area.text.endswith("desk top") and app.focused is area
            await pilot.press("escape", *"dusk")                # no tag key: leaves tag mode, typed as is
            assert area.text.endswith("desk topdusk") and app.focused is area
            await pilot.press("escape")
            question.post_message(events.Paste(" pasted"))      # a paste in tag mode lands in the answer too
            await pilot.pause()
            assert area.text.endswith("dusk pasted") and app.focused is area
            assert session.state.tags == [] and not isinstance(app.screen, SectionPicker)
            await pilot.press("ctrl+q")

    run(interview())
    assert session.state.answers["what"].text == "A desk topdusk pasted"


def test_typing_after_a_stray_ctrl_f_goes_into_the_answer(db_path):
    session = open_session(QUICK, "P-02", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            area = app.query_one(AnswerArea)
            await pilot.press(*"She said: ", "ctrl+f")
            assert isinstance(app.screen, ConfirmFinish)
            assert "ctrl+f again finishes" in screen_text(app)
            await pilot.press(*"yes, I bought it yesterday")
            assert not isinstance(app.screen, ConfirmFinish) and app.focused is area
            assert area.text == "She said: yes, I bought it yesterday"
            await pilot.press("ctrl+f", "escape")               # esc just goes back
            assert app.focused is area and app.return_value is None
            await pilot.press("ctrl+f", "ctrl+n")               # a key that is no character still does its job
            assert session.state.question == 1 and app.focused is area
            await pilot.press("ctrl+f", "ctrl+f")               # only ctrl+f again finishes
        return app.return_value

    assert run(interview()) == "finished"
    assert session.state.answers["what"].text == "She said: yes, I bought it yesterday"
    assert session.state.finished


def test_enter_after_a_stray_ctrl_f_is_a_new_line_and_a_click_finishes(db_path):
    """Enter is the likeliest key after a stray ctrl+f: it must type, not finish (also in one burst)."""
    session = open_session(QUICK, "P-03", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            area = app.query_one(AnswerArea)
            await pilot.press(*"words", "ctrl+f", "enter")
            assert not isinstance(app.screen, ConfirmFinish) and area.text == "words\n"
            for key, character in (("ctrl+f", None), ("a", "a")):  # keys that arrive together: "a" is typed
                app.post_message(events.Key(key, character))      # before the question opens...
            await pilot.pause()
            await pilot.pause()
            await pilot.press("enter")                              # ...and enter then types, not finishes
            assert app.is_running and not isinstance(app.screen, ConfirmFinish)
            assert area.text == "words\na\n"
            await pilot.press("ctrl+f")
            await pilot.click("#finish")
        return app.return_value

    assert run(interview()) == "finished"
    assert session.state.answers["what"].text == "words\na\n"


def test_guide_text_is_shown_literally_never_as_markup(db_path, tmp_path):
    guide = tmp_path / "markup.yaml"
    guide.write_text(MARKUP_GUIDE, encoding="utf-8")
    session = open_session(guide, "P-04", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            shown = str(app.query_one(QuestionView).render())
            assert "What [b]did[/b] you [/] buy?" in shown and "[link=http://example.com]click[/link]" in shown
            assert "Money [/] talk [red]" in str(app.query_one(Headline).render())
            await pilot.press("ctrl+g")
            assert isinstance(app.screen, SectionPicker)
            prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
            assert prompts[0].startswith("1. Money [/] talk [red]") and prompts[1].startswith("2. Wrap-up [optional]")
            text = screen_text(app)
            assert "Money [/] talk [red]" in text and "Wrap-up [optional]" in text
            await pilot.press("down", "enter")
            assert session.state.section == 1 and "Wrap-up [optional]" in str(app.query_one(Headline).render())
            await pilot.press("ctrl+q")

    run(interview())


def test_esc_first_is_the_documented_way_to_tag_and_alt_keys_still_work(db_path):
    session = open_session(QUICK, "P-05", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(screen_text(app).split())
            assert "Tag keys: esc first" in text and "press esc, then the key" in text
            assert "Use Option as Meta key" in text
            await pilot.press("escape", *"abc")
            # A terminal sending Alt as an esc prefix: alt+q arrives with the character "q".
            app.post_message(events.Key("alt+q", "q"))
            await pilot.pause()
            await pilot.press("alt+1", "escape", "3")
            await pilot.press("ctrl+q")

    run(interview())
    assert [t.kind for t in session.state.tags] == ["quote", "push", "anxiety"]
    assert session.state.answers["what"].text == "abc"


def test_stop_is_journalled_so_idle_time_counts_after_resume(db_path):
    time = FakeTime()
    session = open_session(QUICK, "P-06", "Sam", db_path)
    session.clock = Clock(now=time)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"desk")
            time.now += 40                                      # the respondent talks; nothing typed
            await pilot.press("ctrl+q")
        return app.return_value

    assert run(interview()) == "stopped"
    session.close()
    events_ = read_journal(journal_path(db_path, "P-06")).events
    assert events_[-1]["e"] == "stop" and events_[-1]["t"] == pytest.approx(40.0)
    resumed = open_session(QUICK, "P-06", "Sam", db_path, resume=True)
    assert resumed.clock.elapsed() == pytest.approx(40.0, abs=1.0)
    assert resumed.state.section_elapsed(resumed.clock.elapsed()) == pytest.approx(40.0, abs=1.0)
    resumed.close()
    # A stop changes nothing but the clock: the state is the same as without it.
    without = InterviewState.from_events([e for e in events_ if e["e"] != "stop"])
    with_stop = InterviewState.from_events(events_)
    assert (with_stop.answers, with_stop.tags, with_stop.paused) == (without.answers, without.tags, without.paused)


def test_a_journal_is_held_by_one_app_at_a_time(tmp_path):
    """Two apps resuming one interview would interleave their keystrokes in the journal."""
    from jtbd_kit.errors import UserError
    from jtbd_kit.interview.journal import Journal

    path = tmp_path / "jtbd-data" / "journals" / "P-01.jsonl"
    first = Journal(path)
    first.append({"kind": "edit", "t": 0.0, "text": "Hello"})
    try:
        Journal(path)
    except UserError as e:
        assert "another jtbd interview has this journal open" in e.one_line()
    else:
        raise AssertionError("a second app got the journal")
    first.close()
    Journal(path).close()  # free again once the first app has let go


def test_a_small_terminal_keeps_a_row_to_type_in(db_path):
    """At 40x12 the question used to take every row and typing was invisible."""
    session = open_session(bundled_guides() / "switch-ru.yaml", "P-01", "Sam", db_path)

    async def interview():
        app = InterviewApp(session)
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.press(*"abc")
            await pilot.pause()
            assert app.query_one(AnswerArea).content_region.height >= 1
            assert app.query_one(QuestionView).region.height <= 12 * 0.4 + 1
            await pilot.press("ctrl+q")

    run(interview())
    session.close()


def test_a_question_answered_after_the_next_one_comes_later_and_times_never_go_back():
    """Q1 skipped at 1 s, Q2 answered at 2 s, Q1 answered at 4 s: the transcript reads in that order,
    with times 1, 2, 2, 4 (Q1 asked again no earlier than the turn before it), as a recording would."""
    from jtbd_kit.guides import load_guide
    from jtbd_kit.interview.save import render_transcript
    from jtbd_kit.transcript.native import parse_native

    guide = load_guide(QUICK)
    q1, q2 = guide.sections[0].questions[:2]
    at = lambda s: f"2026-03-01T10:00:{s:02d}"  # noqa: E731
    state = InterviewState.from_events([
        {"e": "start", "t": 0.0, "at": at(0), "participant": "P-01", "respondent": "Sam", "interviewer": "Maya",
         "product": None, "guide": guide.to_dict()},
        {"e": "show", "t": 1.0, "at": at(1), "s": 0, "q": 1},
        {"e": "edit", "t": 2.0, "at": at(2), "q": q2.id, "p": 0, "d": 0, "i": "Back pain"},
        {"e": "show", "t": 3.0, "at": at(3), "s": 0, "q": 0},
        {"e": "edit", "t": 4.0, "at": at(4), "q": q1.id, "p": 0, "d": 0, "i": "A desk, in May"},
        {"e": "finish", "t": 5.0, "at": at(5)},
    ])
    turns = parse_native(render_transcript(state)[0]).turns
    assert [t.text for t in turns] == [q2.text, "Back pain", q1.text, "A desk, in May"]
    assert [t.seconds for t in turns] == [1.0, 2.0, 2.0, 4.0]
