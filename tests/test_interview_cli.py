"""`jtbd interview` from the outside: bad input gets one line and exit 2 before any typing starts;
a real terminal session survives SIGKILL; the app never loads spaCy or scikit-learn."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from jtbd_kit.cli import main
from jtbd_kit.guides import bundled_guides
from jtbd_kit.interview.journal import journal_path, read_journal
from jtbd_kit.interview.session import open_session
from jtbd_kit.interview.state import InterviewState

QUICK = str(bundled_guides() / "quick-en.yaml")


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


@pytest.mark.parametrize("participant", ["../P-07", "P/07", "..", "", "P 07", "P-07.jsonl", "-rf"])
def test_participant_ids_with_path_characters_are_refused(runner, db_path, participant):
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "--participant", participant, "-r", "Anna"]))
    assert "is not allowed" in line and "e.g. P-07" in line
    assert not (db_path.parent / "jtbd-data").exists()


def test_broken_guide_names_file_and_line(runner, write):
    guide = write("g.yaml", "title: G\nlanguage: en\nsections:\n  - id: a\n    title: A\n    minutes: 0\n"
                            "    questions:\n      - id: q\n        text: Hi?\n")
    line = one_error_line(runner.invoke(main, ["interview", str(guide), "-p", "P-01", "-r", "Anna"]))
    assert line.startswith(f"Error: {guide}:6: section 'a': minutes must be a positive number")


def test_unwritable_data_folder_is_one_line(runner, db_path):
    (db_path.parent / "jtbd-data").write_text("not a folder")  # works even as root, unlike chmod
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna"]))
    assert "cannot create the data folder" in line and "writable" in line


def test_unfinished_journal_offers_resume_and_resume_needs_a_journal(runner, db_path):
    nothing = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna", "--resume"]))
    assert "no interview with P-01 to resume" in nothing
    session = open_session(QUICK, "P-01", "Anna", db_path)
    session.edit("Some words")
    session.close()
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna"]))
    assert "an unfinished interview with P-01 is in the journal" in line and "1 answer)" in line
    assert "add --resume" in line
    assert read_journal(journal_path(db_path, "P-01")).events[-1]["i"] == "Some words"  # untouched


def test_participant_already_in_the_project_is_refused(runner, db_path, write):
    transcript = write("P-01.txt", "---\nrespondent: Anna\n---\n[00:00:01] Maya: Hi?\n[00:00:02] Anna: Hello.\n")
    assert runner.invoke(main, ["import", str(transcript)]).exit_code == 0
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna"]))
    assert "already in the project" in line


def test_bad_speaker_names_are_refused(runner):
    line = one_error_line(runner.invoke(main, ["interview", QUICK, "-p", "P-01", "-r", "Anna: [x]"]))
    assert "cannot be a transcript speaker" in line


class Terminal:
    """A real pseudo-terminal running `jtbd interview`, its screen output drained in the background."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.proc = subprocess.Popen([sys.executable, "-c", "from jtbd_kit.cli import main; main()", *args],
                                     stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                     start_new_session=True)
        os.close(slave)
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def close(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        os.close(self.master)


def wait_for(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def journal_answer(path: Path) -> str:
    """The first answer as the journal has it right now."""
    if not path.exists():
        return ""
    answer = InterviewState.from_events(read_journal(path).events).answers.get("what")
    return answer.text if answer else ""


def test_sigkill_while_typing_loses_nothing_journalled(tmp_path):
    db = tmp_path / "jtbd.db"
    journal = journal_path(db, "P-09")
    term = Terminal(["interview", QUICK, "-p", "P-09", "-r", "Anna", "--db", str(db)], tmp_path)
    try:
        wait_for(lambda: b"Q1/5" in term.output, "the first frame")
        first = "My back hurt every evening"
        term.type(first)
        wait_for(lambda: journal_answer(journal) == first, "every keystroke in the journal")
        second = " and I could not sleep"
        term.type(second)
        os.kill(term.proc.pid, signal.SIGKILL)          # mid-typing
        assert term.proc.wait(10) == -signal.SIGKILL
    finally:
        term.close()

    kept = journal_answer(journal)
    assert kept.startswith(first) and (first + second).startswith(kept)
    resumed = open_session(QUICK, "P-09", "Anna", db, resume=True)
    assert resumed.state.answers["what"].text == kept
    assert resumed.dropped == [] or all("cut off mid-line" in d for d in resumed.dropped)
    resumed.close()


HEAVY_CHECK = r"""
import asyncio, json, sys
from jtbd_kit.cli import main  # every command module, as `jtbd interview` loads them
from jtbd_kit.interview.app import InterviewApp
from jtbd_kit.interview.run import save_finished
from jtbd_kit.interview.session import open_session

session = open_session(sys.argv[1], "P-01", "Anna", sys.argv[2])

async def go():
    app = InterviewApp(session)
    async with app.run_test() as pilot:
        await pilot.press(*"words", "escape", "1", "f1", "escape", "ctrl+f", "ctrl+f")

asyncio.run(go())
save_finished(session.state, sys.argv[2])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "sklearn", "thinc", "torch"))))
"""


def test_the_interview_never_imports_spacy_or_sklearn(tmp_path):
    out = subprocess.run([sys.executable, "-c", HEAVY_CHECK, QUICK, str(tmp_path / "p.db")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "jtbd-data" / "transcripts" / "P-01.txt").exists()
