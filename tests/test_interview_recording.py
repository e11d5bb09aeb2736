"""Live tags meet the recording: a Zoom-style VTT of the same interview replaces the typed turns,
and each tag made live moves to the words spoken at that moment."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from jtbd_kit.cli import main
from jtbd_kit.guides import bundled_guides, load_guide
from jtbd_kit.interview.journal import journal_path
from jtbd_kit.store import open_db

DATA = Path(__file__).parent / "data" / "interview"
QUICK = bundled_guides() / "quick-en.yaml"
START = datetime(2026, 3, 14, 10, 0, 0).astimezone()
RECORDING_STARTED = 12.0  # the recording began 12 s after the interview clock


def event(name: str, seconds: float, **data) -> dict:
    at = (START + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
    return {"e": name, "t": seconds, "at": at, **data}


def journal_of_a_finished_interview() -> list[dict]:
    """What the app journals for P-07: questions shown, answers typed, tags made, at known moments."""
    guide = load_guide(QUICK)
    return [
        {**event("start", 0), "participant": "P-07", "respondent": "Anna", "interviewer": "Maya", "product": "desk",
         "guide_path": str(QUICK), "guide_sha": guide.sha256, "guide": guide.to_dict()},
        event("edit", 16, q="what", p=0, d=0, i="Standing desk, March."),
        event("show", 37, s=0, q=1),
        event("edit", 43, q="first-thought", p=0, d=0, i="Back hurt every evening. Awful, could not sit."),
        event("tag", 60, kind="push", note=None, q="first-thought"),
        event("show", 70, s=0, q=2),
        event("edit", 75, q="decide", p=0, d=0, i="Price almost stopped me, 600 euros. Partner: try it."),
        event("tag", 80, kind="anxiety", note=None, q="decide"),
        event("tag", 110, kind="quote", note="send it back", q="decide"),
        event("show", 142, s=1, q=0),
        event("edit", 148, q="now", p=0, d=0, i="Stands most afternoons, back fine."),
        event("tag", 170, kind="tag", note="health", q="now"),
        event("finish", 200),
    ]


def tag_turns(db_path: Path) -> dict[str, tuple[str, str]]:
    db = open_db(db_path)
    rows = db.query("""select g.kind, t.speaker, t.text from tags g
        join turns t on t.interview_id = g.interview_id and t.idx = g.turn_idx order by g.id""")
    return {r["kind"]: (r["speaker"], r["text"]) for r in rows}


def test_live_tags_attach_to_the_recorded_words(runner, db_path, tmp_path):
    journal = journal_path(db_path, "P-07")
    journal.parent.mkdir(parents=True)
    journal.write_text("".join(json.dumps(e) + "\n" for e in journal_of_a_finished_interview()))

    # The interview was finished in the app but never saved: --resume saves it without the app.
    saved = runner.invoke(main, ["interview", str(QUICK), "-p", "P-07", "-r", "Anna", "--resume"])
    assert saved.exit_code == 0, saved.output
    assert "Saved P-07: 8 turns, 4 live tags" in saved.output
    assert tag_turns(db_path)["push"] == ("Anna", "Back hurt every evening. Awful, could not sit.")

    vtt = shutil.copy(DATA / "P-07.vtt", tmp_path / "P-07.vtt")
    refused = runner.invoke(main, ["import", str(vtt)])
    assert refused.exit_code == 2 and "--replace" in refused.output

    replaced = runner.invoke(main, ["import", str(vtt), "--replace", "--offset", str(RECORDING_STARTED)])
    assert replaced.exit_code == 0, replaced.output
    assert "P-07 replaced" in replaced.output
    marked = tag_turns(db_path)
    assert marked == {
        "push": ("Anna", "My back hurt every evening after work. Honestly it was awful, I could not sit through a movie."),
        "anxiety": ("Anna", "The price almost stopped me. Six hundred euros for a desk! My partner said just try it, "
                            "we can send it back."),
        "quote": marked["anxiety"],
        "tag": ("Anna", "I stand most afternoons now and my back is fine."),
    }
    db = open_db(db_path)
    assert db.execute("select format, count(*) from interviews").fetchone() == ("vtt", 1)
    assert db.execute("select count(*) from tags where note = 'health'").fetchone()[0] == 1


def test_without_the_offset_the_tags_land_seconds_later(runner, db_path, tmp_path):
    journal = journal_path(db_path, "P-07")
    journal.parent.mkdir(parents=True)
    journal.write_text("".join(json.dumps(e) + "\n" for e in journal_of_a_finished_interview()))
    assert runner.invoke(main, ["interview", str(QUICK), "-p", "P-07", "-r", "Anna", "--resume"]).exit_code == 0
    vtt = shutil.copy(DATA / "P-07.vtt", tmp_path / "P-07.vtt")
    assert runner.invoke(main, ["import", str(vtt), "--replace"]).exit_code == 0
    # 60 s on the interview clock is 60 s into the recording: Maya's next question, not Anna's back pain.
    assert tag_turns(db_path)["push"] == ("Maya", "What made you choose this one?")
