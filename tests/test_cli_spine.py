"""The spine through the real commands: import, interviews, show, search; a real `jtbd` process too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jtbd_kit.cli import main

from conftest import SAMPLES

NATIVE = """---
participant: P-07
language: en
interviewer: Maya
respondent: Tom
product: Kitchbox meal-kit subscription
---
[00:00:04] Maya: Thanks for joining. Tell me about the box you ordered.
[00:00:09] Tom: I ordered it in March, after my third takeaway that week. The price worried me.
[00:01:15] Maya: What happened next?
"""


def jtbd_command() -> list[str]:
    """The installed `jtbd` script, or the same entry point through this Python."""
    found = shutil.which("jtbd")
    return [found] if found else [sys.executable, "-c", "from jtbd_kit.cli import main; main()"]


def test_import_show_interviews_search(runner, write):
    path = write("P-07.txt", NATIVE)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: P-07 imported" in result.stdout and "1 file: 1 imported" in result.stdout

    again = runner.invoke(main, ["import", str(path)])
    assert again.exit_code == 0 and "P-07 unchanged, skipped" in again.stdout

    shown = runner.invoke(main, ["show", "P-07"])
    assert shown.exit_code == 0
    assert "interviewer: Maya  respondent: Tom" in shown.stdout
    assert "00:00:09 Tom (respondent): I ordered it in March" in shown.stdout

    listed = runner.invoke(main, ["interviews"])
    assert listed.exit_code == 0 and "P-07" in listed.stdout and "1 interview" in listed.stdout

    found = runner.invoke(main, ["search", "price"])
    assert found.exit_code == 0
    assert "P-07 00:00:09 Tom:" in found.stdout and "price" in found.stdout and "[[" not in found.stdout
    assert "1 hit" in found.stdout


def test_replace_from_the_command_line(runner, write, db_path):
    path = write("P-07.txt", NATIVE)
    runner.invoke(main, ["import", str(path)])
    path.write_text(NATIVE + "Tom: The kids ate everything.\n", encoding="utf-8")
    refused = runner.invoke(main, ["import", str(path)])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (f"Error: {path}: participant 'P-07' is already in the project from {path} "
                                      "(pass --replace to replace it with this file)")
    replaced = runner.invoke(main, ["import", str(path), "--replace"])
    assert replaced.exit_code == 0 and "P-07 replaced" in replaced.stdout
    assert "The kids ate everything." in runner.invoke(main, ["show", "P-07"]).stdout


def test_import_all_bundled_samples_and_show_a_recorded_one(runner):
    result = runner.invoke(main, ["import", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "failed" not in result.stdout
    shown = runner.invoke(main, ["show", "P-22"])
    assert "Magdalena Nowak (respondent)" in shown.stdout and "<v" not in shown.stdout


def test_show_missing_participant_is_one_line(runner, write):
    runner.invoke(main, ["import", str(write("P-07.txt", NATIVE))])
    result = runner.invoke(main, ["show", "P-99"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["Error: no interview for participant 'P-99' (known: P-07)"]


@pytest.mark.parametrize("args", [["interviews"], ["show", "P-01"], ["search", "price"]])
def test_commands_on_a_missing_database(runner, db_path, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Error: {db_path}: no project database here "
                     "(import transcripts first: jtbd import transcripts/, or pass --db PATH)"]
    assert not db_path.exists()


@pytest.mark.parametrize("query", ['"', "half-price", '"meal kit', "«цена»", "x:y", "NEAR(", "AND"])
def test_search_odd_queries_do_not_fail(runner, write, query):
    runner.invoke(main, ["import", str(write("P-07.txt", NATIVE))])
    result = runner.invoke(main, ["search", query])
    assert "Traceback" not in result.output
    if any(c.isalnum() for c in query):
        assert result.exit_code == 0 and "hit" in result.stdout
    else:
        assert result.exit_code == 2 and "nothing to search for" in result.stderr


def test_real_jtbd_process(tmp_path, write):
    """The console script end to end: bad file reported on one line, good one imported, exit 2."""
    good = write("in/P-07.txt", NATIVE)
    write("in/P-08.vtt", "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nAnna: hi\n")
    env = {**os.environ, "JTBD_DB": str(tmp_path / "real.db")}
    run = subprocess.run([*jtbd_command(), "import", str(good.parent)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"Error: {good.parent / 'P-08.vtt'}:4: broken cue timing '00:00:01.000 -> 00:00:02.000' "
        "(write cue timings as `00:01:02.500 --> 00:01:05.000`)"]
    assert "2 files: 1 imported, 1 failed" in run.stdout
    show = subprocess.run([*jtbd_command(), "show", "P-07", "--no-codes"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert show.returncode == 0 and "Tom (respondent): I ordered it in March" in show.stdout


HEAVY_CHECK = """
import json, sys
from jtbd_kit.cli import main
try:
    main(sys.argv[1:], prog_name="jtbd")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"spacy", "sklearn", "thinc"})
print(json.dumps(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["import", "{samples}"], ["interviews"], ["search", "price"]])
def test_fast_start_never_loads_heavy_modules(tmp_path, args):
    """`jtbd --help` and `jtbd import` run without importing spaCy or scikit-learn (fresh process)."""
    env = {**os.environ, "JTBD_DB": str(tmp_path / "fast.db")}
    if args[0] != "import":
        subprocess.run([sys.executable, "-c", HEAVY_CHECK, "import", str(SAMPLES)], env=env, capture_output=True,
                       timeout=120)
    argv = [a.format(samples=SAMPLES) for a in args]
    run = subprocess.run([sys.executable, "-c", HEAVY_CHECK, *argv], env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.stderr.strip(), "the check script did not run"
    heavy = json.loads(run.stderr.strip().splitlines()[-1])
    assert heavy == [], f"jtbd {' '.join(args)} imported {heavy}"
    assert Path(env["JTBD_DB"]).exists() or args == ["--help"]


def test_show_prints_markup_like_text_verbatim(runner, write, db_path):
    """Transcript words such as `[bold]` or `[/]` are text, not Rich markup (no crash, nothing eaten)."""
    from jtbd_kit.store import open_db

    path = write("P-40.txt", "---\nproduct: '[red]box'\n---\nAnna: What [bold]happened[/]?\n"
                             "Ben: I typed [/] and [link=x]this[/link], then cancelled.\n")
    runner.invoke(main, ["import", str(path)])
    db = open_db(db_path)
    turn = db["turns"].get(2)
    db["segments"].insert({"interview_id": 1, "turn_idx": 1, "start": turn["start"], "end": turn["end"],
                           "text": turn["text"], "stage": "[bold]x", "origin": "machine"})
    result = runner.invoke(main, ["show", "P-40"])
    assert result.exit_code == 0, result.output
    assert "Anna (interviewer): What [bold]happened[/]?" in result.stdout
    assert "I typed [/] and [link=x]this[/link], then cancelled." in result.stdout
    assert "[red]box" in result.stdout and "▸ [bold]x" in result.stdout
    assert "[red]box" in runner.invoke(main, ["interviews"]).stdout


@pytest.mark.parametrize("args, words", [
    (["import", "no-such-file.txt"], "Path 'no-such-file.txt' does not exist. (see: "),
    (["import"], "Missing argument 'PATHS...'"),
    (["intervews"], "No such command 'intervews'"),
    (["personas", "merge", "1"], "Missing argument 'OTHERS...'"),
    (["search", "price", "--limit", "0"], "0 is not in the range x>=1"),
])
def test_usage_errors_are_one_line_and_exit_2(runner, args, words):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0], result.stderr
    assert lines[0].endswith("--help)")


def test_interviews_on_an_empty_project_says_how_to_fill_it(runner, write, db_path):
    from jtbd_kit.store import open_db

    open_db(db_path).close()
    result = runner.invoke(main, ["interviews"])
    assert result.exit_code == 0 and result.stdout.startswith("0 interviews: import some with jtbd import PATH")


def test_show_says_when_no_respondent_is_named(runner, db_path):
    """Imports now refuse such a file, but a project from an older jtbd-kit may hold one."""
    from jtbd_kit.store import open_db
    from jtbd_kit.store.interviews import save_transcript
    from jtbd_kit.transcript.model import Transcript, Turn

    text = "Maya: Why did you switch?\n"
    turn = Turn(0, "Maya", "Why did you switch?", 6, 25, role="interviewer", line=1)
    save_transcript(open_db(db_path), Transcript("P-50", "en", [turn], text, interviewer="Maya"))
    shown = runner.invoke(main, ["show", "P-50"])
    assert "respondent: (not named)" in shown.stdout and "None" not in shown.stdout


def test_an_unsupported_language_option_is_one_line_for_the_whole_batch(runner, db_path):
    result = runner.invoke(main, ["import", str(SAMPLES), "--language", "de"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: --language: unsupported language 'de' (use one of en, ru, uk, pl, or add a language data folder lang/de/)"]
    assert not db_path.exists()
