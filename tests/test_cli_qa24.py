"""Defects a QA pass found in session 24: each one is one clear line and exit 2 now, or plain output."""

from __future__ import annotations

import shutil

from jtbd_kit.cli import main
from jtbd_kit.coding.annotated import strip_tags
from jtbd_kit.errors import UserError
from jtbd_kit.interview.journal import journal_path
from jtbd_kit.store import open_db
from tests.conftest import SAMPLES
from tests.test_interview_cli import QUICK
from tests.test_review_app import seed

MARKUP = """---
participant: M-01
language: en
interviewer: Nadia
respondent: Sam
---
Nadia: When did you first think about it?
Sam: The old one showed [/red] and [bold]broken[/bold] codes on screen, I was fed up.
"""


def test_code_table_prints_brackets_as_text_not_markup(runner, write):
    path = write("weird [name].txt", MARKUP)
    result = runner.invoke(main, ["code", str(path), "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[/red]" in result.output and "[bold]broken[/bold]" in result.output
    assert "weird [name].txt" in result.output


def test_a_damaged_database_is_one_line(runner, db_path, tmp_path):
    assert runner.invoke(main, ["import", str(SAMPLES)]).exit_code == 0
    open_db(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db_path, tmp_path / "bad.db")
    with open(tmp_path / "bad.db", "r+b") as f:  # keep the header, wipe the pages after the first two
        f.seek(8192)
        f.write(b"\0" * 32768)
    result = runner.invoke(main, ["interviews", "--db", str(tmp_path / "bad.db")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ") and "damaged" in result.output


def test_a_malformed_annotation_tag_is_refused_with_its_line():
    for bad in ("{first_thought|push|7} I was fed up.", "{first_thought|push I was fed up."):
        try:
            strip_tags(f"Nadia: Why?\nSam: {bad}\n", "a.annotated.txt")
        except UserError as e:
            assert e.one_line().startswith("a.annotated.txt:2: malformed tag {first_thought|push")
        else:
            raise AssertionError(f"accepted {bad!r}")
    text, spans = strip_tags("Sam: {deciding|pull|+} ok {other||0} bye\n")
    assert text == "Sam: ok bye\n" and [s["stage"] for s in spans] == ["deciding", "other"]


def test_learn_refuses_a_folder_with_a_malformed_tag(runner, write):
    write("ann/A-01.annotated.txt", "---\nparticipant: A-01\nlanguage: en\ninterviewer: N\nrespondent: S\n---\n"
          "N: When did it start?\nS: {first_thought|push|-} It was slow. {deciding|pull|7} Then I chose.\n")
    result = runner.invoke(main, ["learn", "--annotated", str(write("ann/x.txt", "").parent)])
    assert result.exit_code == 2 and "malformed tag {deciding|pull|7}" in result.output


def test_guide_minutes_must_be_a_finite_number(runner, write):
    for value in (".nan", ".inf"):
        guide = write(f"g{value}.yaml", f"""title: t
language: en
sections:
  - id: s
    title: S
    minutes: {value}
    questions:
      - id: q
        text: Why?
""")
        result = runner.invoke(main, ["guides", "check", str(guide)])
        assert result.exit_code == 2 and "minutes must be a positive number" in result.output, result.output


def test_one_persona_claims_no_contrast_with_others(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    assert runner.invoke(main, ["personas"]).exit_code == 0
    shown = runner.invoke(main, ["personas", "show", "--format", "md"])
    assert shown.exit_code == 0 and "R-01" in shown.output
    assert "the others" not in shown.output


def test_review_app_without_a_terminal_says_so(runner, db_path, tmp_path):
    seed(db_path, tmp_path)
    result = runner.invoke(main, ["review", "R-01"])  # CliRunner's input is no terminal
    assert result.exit_code == 2 and "needs a terminal" in result.output
    assert "jtbd review R-01 --list" in result.output


def test_interview_without_a_terminal_leaves_no_journal(runner, db_path):
    result = runner.invoke(main, ["interview", QUICK, "-p", "P-98", "-r", "Sam"])
    assert result.exit_code == 2 and "needs a terminal" in result.output
    assert not journal_path(db_path, "P-98").exists()
    again = runner.invoke(main, ["interview", QUICK, "-p", "P-98", "-r", "Sam"])
    assert "unfinished interview" not in again.output and "needs a terminal" in again.output


def test_review_card_shows_typed_touchpoints_literally(db_path, tmp_path):
    import asyncio

    from jtbd_kit.review.app import ReviewApp
    from jtbd_kit.store.segments import review_segment

    seed(db_path, tmp_path)
    db = open_db(db_path)
    first = next(db.query("select id from segments order by start"))["id"]
    review_segment(db, first, touchpoints=["[/]", "[bold]x"], reviewer="maya", participant="R-01")

    async def review():
        app = ReviewApp(open_db(db_path), "R-01", "maya")
        async with app.run_test(size=(110, 36)) as pilot:
            app.index = 0
            app._show()  # the markup-like codes used to raise MarkupError here
            await pilot.pause()
            assert app.is_running
            await pilot.press("q")

    asyncio.run(review())


def test_review_of_an_interview_imported_again_under_the_app_ends_with_one_line(runner, db_path, tmp_path):
    import asyncio

    from jtbd_kit.importer import import_file
    from jtbd_kit.review.app import ReviewApp

    seed(db_path, tmp_path)

    async def review():
        app = ReviewApp(open_db(db_path), "R-01", "maya")
        async with app.run_test(size=(110, 36)) as pilot:
            src = tmp_path / "R-01.txt"
            src.write_text(src.read_text(encoding="utf-8") + "[00:00:40] Sam: And that was it.\n", encoding="utf-8")
            import_file(open_db(db_path), src, replace=True)  # a changed file: the interview's segments go
            await pilot.press("4")
            await pilot.pause()
        return app

    app = asyncio.run(review())
    assert app.gone is not None and "no coded segments" in app.gone.one_line()


def test_a_long_segment_card_scrolls_to_its_codes(db_path, tmp_path):
    import asyncio

    from jtbd_kit.review.app import ReviewApp
    from jtbd_kit.review.widgets import SegmentCard

    seed(db_path, tmp_path)
    db = open_db(db_path)
    first = next(db.query("select id from segments order by start"))["id"]
    db["segments"].update(first, {"text": "My back hurt every evening. " * 60})  # a very long answer

    async def review():
        app = ReviewApp(open_db(db_path), "R-01", "maya")
        async with app.run_test(size=(100, 30)) as pilot:
            app.index = 0
            app._show()
            await pilot.pause()
            card = app.query_one(SegmentCard)
            assert card.max_scroll_y > 10 and card.scroll_y == 0  # the whole text scrolls, not a few rows of it
            for _ in range(card.max_scroll_y // 5 + 1):
                await pilot.press("pagedown")
            await pilot.pause()
            assert card.scroll_y == card.max_scroll_y  # the codes and cues at the bottom are in view
            app.action_move(1)  # the next segment starts at its top
            await pilot.pause()
            assert card.scroll_y == 0
            await pilot.press("q")

    asyncio.run(review())


def test_a_database_another_program_is_writing_to_is_busy_not_foreign(runner, db_path, tmp_path):
    import sqlite3

    seed(db_path, tmp_path)
    holder = sqlite3.connect(db_path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = runner.invoke(main, ["personas"])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is busy" in result.output and "not a jtbd project" not in result.output


def test_show_and_search_never_send_stored_control_characters_to_the_terminal(runner, db_path, tmp_path):
    """Interviews imported before control characters were refused may hold an escape code."""
    seed(db_path, tmp_path)
    db = open_db(db_path)
    turn = next(db.query("select id, text from turns where text like '%hated%'"))
    db["turns"].update(turn["id"], {"text": turn["text"] + " \x1b[2J gone"})  # the FTS triggers index it too
    shown = runner.invoke(main, ["show", "R-01"])
    assert shown.exit_code == 0 and "\x1b[2J" not in shown.output and "\ufffd[2J gone" in shown.output
    found = runner.invoke(main, ["search", "gone"])
    assert "1 hit" in found.output and "\x1b" not in found.output
