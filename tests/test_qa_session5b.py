"""QA session 5b: the demo's safety checks in the library, output-path messages, plain persona
captions and Markdown quotes, saturation wording, journey-map evidence that matches its heading,
and one-line store messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_journey import make_study

from jtbd_kit.cli import main
from jtbd_kit.errors import UserError
from jtbd_kit.store import open_db

REPO = Path(__file__).resolve().parents[1]
HOW_K = ("k=2 by the best cosine silhouette over k=2..3 (2: 0.21, 3: 0.12) times k^0.25 (near-ties go to more "
         "personas: merging is one command), one-person groups joined to their nearest")


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm"))}


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


# --- 1. the demo's safety checks live in the library --------------------------------------------


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JTBD_DB", raising=False)
    return tmp_path


def test_run_demo_from_python_never_deletes_a_folder_that_is_not_an_earlier_demo(in_tmp):
    from jtbd_kit.demo import run_demo

    mine = in_tmp / "my-study"
    mine.mkdir()
    (mine / "jtbd.db").write_bytes(b"my own project")
    (mine / "notes.txt").write_text("months of work\n")
    with pytest.raises(UserError, match="folder holds files that are not an earlier demo"):
        run_demo(mine)
    only_db = in_tmp / "only-db"
    only_db.mkdir()
    (only_db / "jtbd.db").write_bytes(b"a project, no demo results")
    with pytest.raises(UserError, match="not a finished earlier demo"):
        run_demo(only_db)
    for here in (in_tmp, Path("."), Path("..")):
        with pytest.raises(UserError, match="is the folder you are in"):
            run_demo(here)
    (in_tmp / "a_file").write_text("x")
    with pytest.raises(UserError) as e:
        run_demo(Path("a_file/demo"))
    assert str(e.value) == "a_file/demo: a_file is a file, not a folder (pick another --out)"
    assert (mine / "notes.txt").read_text() == "months of work\n"
    assert (mine / "jtbd.db").read_bytes() == b"my own project"
    assert (only_db / "jtbd.db").exists() and (in_tmp / "a_file").read_text() == "x"


def test_the_cli_and_python_share_one_check(in_tmp):
    from jtbd_kit.demo import check_demo_folder

    (in_tmp / "mine").mkdir()
    (in_tmp / "mine" / "notes.txt").write_text("x")
    with pytest.raises(UserError, match="not an earlier demo"):
        check_demo_folder(Path("mine"))
    line = one_error_line(CliRunner().invoke(main, ["demo", "--out", "mine"]))
    assert line == ("Error: mine: folder holds files that are not an earlier demo (notes.txt) "
                    "(pick a new folder for --out)")


def test_demo_output_and_interviews_next_to_it(in_tmp):
    """`jtbd demo` (two samples, to keep it quick), then plain `jtbd interviews` in the same folder."""
    from conftest import SAMPLES

    samples = in_tmp / "samples"
    samples.mkdir()
    for name in ("P-01-en.txt", "P-05-en.txt"):
        (samples / name).write_bytes((SAMPLES / name).read_bytes())
    result = CliRunner().invoke(main, ["demo", "--transcripts", str(samples)])
    assert result.exit_code == 0, result.output
    assert "Look around: jtbd interviews --db jtbd-demo/jtbd.db" in result.output
    assert not any("  jtbd" in line for line in result.output.splitlines())
    line = one_error_line(CliRunner().invoke(main, ["interviews"]))
    assert line == "Error: jtbd.db: no project database here (for the demo's project pass --db jtbd-demo/jtbd.db)"
    listed = CliRunner().invoke(main, ["interviews", "--db", "jtbd-demo/jtbd.db"])
    assert listed.exit_code == 0 and "P-01" in listed.output


# --- 2. library output paths say what is wrong -----------------------------------------------------


def test_atomic_writes_under_a_file_say_the_file_is_not_a_folder(tmp_path, monkeypatch):
    from jtbd_kit.atomic import write_text_atomic

    monkeypatch.chdir(tmp_path)
    Path("a_file").write_text("x")
    for target in ("a_file/map.md", "a_file/deeper/map.md"):
        with pytest.raises(UserError) as e:
            write_text_atomic(target, "text")
        assert str(e.value) == f"{target}: a_file is a file, not a folder (pick another path)"
    with pytest.raises(UserError) as e:
        write_text_atomic("nowhere/map.md", "text")
    assert str(e.value) == "nowhere: folder does not exist (create it first or pick another path)"
    assert Path("a_file").read_text() == "x"


def test_write_report_under_a_file_says_the_file_is_not_a_folder(tmp_path, monkeypatch):
    from jtbd_kit.journey.report import write_report

    db = open_db(make_study(tmp_path / "study.db"))
    monkeypatch.chdir(tmp_path)
    Path("a_file").write_text("x")
    with pytest.raises(UserError) as e:
        write_report(db, Path("a_file/report"))
    assert str(e.value) == "a_file/report: a_file is a file, not a folder (pick another --out)"
    with pytest.raises(UserError) as e:
        write_report(db, Path("a_file"))
    assert str(e.value) == "a_file: is a file, not a folder (pick another --out)"
    assert "Not a directory" not in str(e.value)


# --- 3, 7. personas: a plain caption, separate Markdown quotes, the journey maps' words -------------


@pytest.fixture
def personas_db(tmp_path, monkeypatch) -> Path:
    """make_study's personas with what `jtbd personas` saves: how k was chosen, quotes, touchpoints."""
    path = make_study(tmp_path / "study.db")
    db = open_db(path)
    quotes = [{"text": "My back hurt every day.", "participant": "P-01", "seconds": 65.0},
              {"text": "What if it wobbles?", "participant": "P-02", "seconds": 125.0}]
    for row in list(db["personas"].rows):
        data = json.loads(row["data"])
        data.update(how_k_was_chosen=HOW_K, evidence=quotes, touchpoints=[{"id": "friends_family", "count": 2}],
                    top_forces=[{"force": "push", "share": 0.5, "quotes": quotes}])
        db["personas"].update(row["id"], {"data": json.dumps(data)})
    monkeypatch.setenv("JTBD_DB", str(path))
    return path


def test_personas_table_says_how_k_was_chosen_in_plain_words(personas_db):
    result = CliRunner().invoke(main, ["personas", "show"], terminal_width=80)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "Chosen automatically: the grouping that separates the interviews best." in lines
    assert "Set --k to choose the number yourself." in lines
    assert "silhouette" not in result.output and "k^" not in result.output
    out = json.loads(CliRunner().invoke(main, ["personas", "show", "--format", "json"]).output)
    assert out["how_k_was_chosen"] == HOW_K  # the technical account stays in the JSON


def test_personas_caption_for_k_set_by_hand_and_after_a_merge():
    from jtbd_kit.personas.render import how_k_plain

    def personas(n: int, how: str) -> list[dict]:
        return [{"data": {"how_k_was_chosen": how}}] * n

    assert how_k_plain(personas(3, "k=3 set with --k")) == [
        "The number was set with --k; leave --k out to choose it automatically."]
    assert how_k_plain(personas(1, HOW_K)) == ["The automatic grouping found 2; merged or moved by hand since."]
    assert how_k_plain(personas(1, "k=1: fewer than 3 coded interviews, nothing to compare")) == [
        "One persona: fewer than 3 coded interviews, nothing to compare."]


def test_personas_markdown_keeps_quotes_apart_and_says_friends_and_family(personas_db):
    md = CliRunner().invoke(main, ["personas", "show", "--format", "md"]).output
    lines = md.splitlines()
    assert not any(a.startswith(">") and b.startswith(">") for a, b in zip(lines, lines[1:])), md
    assert "> My back hurt every day. — P-01 at 00:01:05" in lines
    assert "> What if it wobbles? — P-02 at 00:02:05" in lines
    assert "**Touchpoints:** friends and family (2)" in lines
    assert "silhouette" not in md and "_Chosen automatically:" in md


# --- 4. saturation: "the latest interview", and interviews without a date -----------------------------


def test_saturation_summary_wording():
    from jtbd_kit.personas.saturation import saturation_summary

    def rows(*new: int, dates=None) -> list[dict]:
        total, out = 0, []
        for i, n in enumerate(new):
            total += n
            out.append({"participant": f"P-0{i + 1}", "date": (dates or {}).get(i, f"2024-01-0{i + 1}"),
                        "new": n, "cumulative": total, "new_codes": []})
        return out

    assert saturation_summary(rows(5, 0)) == "5 codes in 2 interviews; the latest interview added nothing new."
    assert saturation_summary(rows(5, 0, 0)) == (
        "5 codes in 3 interviews; the last 2 added nothing new: saturation is near.")
    assert saturation_summary(rows(1)) == "1 code in 1 interview; the latest still added 1: keep interviewing."
    assert "the last 1 " not in saturation_summary(rows(4, 2, 0))
    assert saturation_summary(rows(5, 1, dates={1: None})).splitlines()[-1] == "P-02 has no date: placed last."


def test_saturation_names_the_interviews_without_a_date(tmp_path, monkeypatch):
    path = make_study(tmp_path / "study.db")
    open_db(path).execute("update interviews set date = null where participant = 'P-01'")
    monkeypatch.setenv("JTBD_DB", str(path))
    result = CliRunner().invoke(main, ["saturation"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "P-01 has no date: placed last."
    out = json.loads(CliRunner().invoke(main, ["saturation", "--format", "json"]).output)
    assert out["undated"] == ["P-01"] and out["saturation"][-1]["participant"] == "P-01"
    report = tmp_path / "report"
    assert CliRunner().invoke(main, ["report", "--out", str(report)]).exit_code == 0
    assert "No date, so placed last: P-01" in (report / "index.html").read_text(encoding="utf-8")


# --- 5. journey maps: evidence that matches its heading -------------------------------------------

# (participant, turn, stage, forces, emotion, emotion_score, touchpoints, pains, confidence, text)
EVIDENCE = [
    # First thought: P-01's one turn is the most confident; a hedged answer and someone else's question
    # rank high too. Before: three quotes from P-01's turn 2, and both non-questions as "Questions".
    ("P-01", 2, "first_thought", ["push"], -1, -0.8, [], [], 0.95, "It started when my back hurt every day."),
    ("P-01", 2, "first_thought", ["push"], -1, -0.7, [], [], 0.94, "I could not sit for an hour."),
    ("P-01", 2, "first_thought", ["push"], 0, 0.0, [], [], 0.93, "I think it was, um, September?"),
    ("P-01", 3, "first_thought", ["push"], -1, -0.5, [], [], 0.60, "My old chair squeaked all day."),
    ("P-03", 1, "first_thought", ["push"], 0, 0.0, [], [], 0.92, "My wife said: “Why not just buy a new one?”"),
    ("P-02", 1, "first_thought", ["push"], -1, -0.6, [], [], 0.50, "Why do I put up with this chair? It hurts."),
    ("P-03", 2, "first_thought", ["push"], 0, 0.0, [], [], 0.40, "I wasn't sure whether a desk would help."),
    # Deciding: the most confident "anxiety" segments are a pleased one, a two-word one and one the
    # coder finds more likely pull. Before: the first two were the worries to answer.
    ("P-01", 4, "deciding", ["anxiety"], 1, 0.8, [], [], 0.99, "Cheaper than I feared, and I love the colour."),
    ("P-02", 3, "deciding", ["anxiety"], 0, 0.0, [], [], 0.98, "Big time."),
    ("P-02", 4, "deciding", ["anxiety"], 0, -0.1, [], [], 0.97, "The reviews all praised the fast delivery."),
    ("P-03", 3, "deciding", ["anxiety"], -1, -0.7, [], [], 0.50,
     "I was afraid they would keep charging me after I cancelled."),
]


@pytest.fixture
def evidence_map(tmp_path) -> dict:
    from jtbd_kit.journey.build import build_maps

    path = make_study(tmp_path / "study.db", personas=False, segments=EVIDENCE)
    db = open_db(path)
    db.execute("update segments set force_scores = ? where text like 'The reviews%'",
               [json.dumps({"push": 0.0, "pull": 0.8, "anxiety": 0.5, "habit": 0.0})])
    db.conn.commit()
    (m,) = build_maps(db)["maps"]
    return {s["id"]: s for s in m["stages"]}


def test_quotes_come_from_different_participants_then_different_turns(evidence_map):
    quotes = evidence_map["first_thought"]["quotes"]
    assert [q["participant"] for q in quotes[:3]] == ["P-01", "P-03", "P-02"]
    assert quotes[0]["text"] == "It started when my back hurt every day."
    assert quotes[3]["text"] == "My old chair squeaked all day."  # P-01's other turn before a second from turn 2


def test_questions_are_the_respondents_own_not_hedged_answers(evidence_map):
    questions = [q["text"] for q in evidence_map["first_thought"]["thinking"]["questions"]]
    assert questions == ["Why do I put up with this chair?", "I wasn't sure whether a desk would help."]


def test_worries_and_answer_the_worry_come_from_real_worries(evidence_map):
    deciding = evidence_map["deciding"]
    assert [q["text"] for q in deciding["thinking"]["worries"]] == [
        "I was afraid they would keep charging me after I cancelled."]
    answers = [o["text"] for o in deciding["opportunities"] if o["kind"] == "anxiety"]
    assert answers == [
        "Answer the worry “I was afraid they would keep charging me after I cancelled.” while deciding"]


@pytest.mark.parametrize("lang, text, own", [
    ("en", "I think it was, um, September?", False),
    ("en", "What would the kids even eat?", True),
    ("en", "And how much would it cost?", True),
    ("en", "He said “are you sure?” and laughed.", False),
    ("ru", "Зачем мне платить за котлеты?", True),
    ("ru", "Это был октябрь, по-моему?", False),
    ("ru", "Злость, наверное. Я же не толстый человек, понимаете?", False),
    ("uk", "Тоді який сенс?", True),
    ("uk", "Я сумнівався, чи це взагалі смачно.", True),
    ("pl", "Chyba w marcu?", False),
    ("pl", "Czy to się opłaca?", True),
])
def test_question_cues_per_language(lang, text, own):
    from jtbd_kit.journey.evidence import own_question

    assert (own_question(text, lang) is not None) == own


# --- 6. store messages are one clean line ---------------------------------------------------------------


def test_missing_participant_and_persona_messages_have_no_nested_parentheses(tmp_path, monkeypatch):
    path = make_study(tmp_path / "study.db")
    db = open_db(path)
    db["interviews"].insert_all({"participant": f"Q-{n:02d}", "language": "en", "text": "x"} for n in range(8))
    db.conn.commit()
    monkeypatch.setenv("JTBD_DB", str(path))
    show = one_error_line(CliRunner().invoke(main, ["show", "P-99"]))
    assert show == ("Error: no interview for participant 'P-99' (known: P-01, P-02, P-03, Q-00, Q-01, Q-02, Q-03, "
                    "Q-04 and more; jtbd interviews lists all)")
    rename = one_error_line(CliRunner().invoke(main, ["personas", "rename", "99", "X"]))
    assert rename == "Error: no persona '99' (known: 1 'busy-parents', 2 'fixers')"
    journey = one_error_line(CliRunner().invoke(main, ["journey", "nobody"]))
    assert journey == "Error: no persona 'nobody' (known: 1 'Busy Parents', 2 'Fixers')"
    for line in (show, rename, journey):
        assert re.fullmatch(r"[^()]*\([^()]*\)", line), line


# --- 8. docs: --format follows the --out suffix ------------------------------------------------------


def test_journey_format_follows_the_out_suffix_as_documented(tmp_path, monkeypatch):
    docs = (REPO / "docs" / "journey.md").read_text(encoding="utf-8")
    assert "the format follows the `--out` file's suffix" in docs
    monkeypatch.setenv("JTBD_DB", str(make_study(tmp_path / "study.db")))
    for suffix in (".md", ".html", ".mmd", ".json"):
        assert f"`{suffix}`" in docs
        out = tmp_path / f"map{suffix}"
        assert CliRunner().invoke(main, ["journey", "1", "--out", str(out)]).exit_code == 0
        text = out.read_text(encoding="utf-8")
        starts = {".md": "# Journey map", ".html": "<!doctype html", ".mmd": "journey", ".json": "{"}[suffix]
        assert text.lstrip().lower().startswith(starts.lower()), (suffix, text[:80])
