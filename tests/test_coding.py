"""The coding pass on short transcripts written for the tests, one per language and a toy language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jtbd_kit.cli import main
from jtbd_kit.coding.annotated import strip_tags

DATA = Path(__file__).parent / "data" / "coding"
def strip(annotated: Path) -> tuple[str, list[dict]]:
    """Plain transcript text and gold spans from a `{stage|forces|emotion}` annotated file."""
    return strip_tags(annotated.read_text(encoding="utf-8"), str(annotated))


def code_file(runner, path: Path) -> list[dict]:
    result = runner.invoke(main, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def covering(segments: list[dict], span: dict) -> dict:
    """The segment that overlaps the gold span most."""
    return max(segments, key=lambda s: min(s["end"], span["end"]) - max(s["start"], span["start"]))


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "pl"])
def test_rewind_interview_is_coded_by_its_questions(lang, runner, tmp_path):
    """Purchase first, then back to the first thought: every span gets its gold stage."""
    text, gold = strip(DATA / "annotated" / f"R-{lang.upper()}-01.annotated.txt")
    path = tmp_path / f"R-{lang}.txt"
    path.write_text(text, encoding="utf-8")
    segments = code_file(runner, path)
    for span in gold:
        assert covering(segments, span)["stage"] == span["stage"], text[span["start"]:span["end"]]
    first = covering(segments, next(s for s in gold if s["stage"] == "first_thought"))
    assert "push" in first["forces"] and first["emotion"] == -1
    assert covering(segments, next(s for s in gold if s["stage"] == "satisfaction"))["emotion"] == 1
    worry = covering(segments, next(s for s in gold if s["stage"] == "buying" and s["forces"]))
    assert "anxiety" in worry["forces"]


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "pl"])
def test_offsets_point_into_the_file_text(lang, runner, tmp_path):
    text, _ = strip(DATA / "annotated" / f"R-{lang.upper()}-01.annotated.txt")
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    for s in code_file(runner, path):
        assert isinstance(s["start"], int) and isinstance(s["end"], int)
        assert text[s["start"]:s["end"]] == s["text"] and s["text"] == s["text"].strip()
        assert s["cues"] is not None and 0 <= s["confidence"] <= 1


def test_a_transcribers_asides_are_not_read_but_stay_in_the_text(runner, tmp_path):
    """"(laughs)" says how one transcriber marks speech, not what the respondent says: no feature of
    the coder comes from it, and the segments still quote the file as it is, asides and all."""
    from jtbd_kit.coding.code import analyse
    from jtbd_kit.transcript.native import parse_native

    text, _ = strip(DATA / "annotated" / "R-EN-01.annotated.txt")
    marked = text.replace("? ", "? (laughs) ").replace(". ", ". [inaudible] (sighs) ", 3)
    assert marked != text
    names = {name for row in analyse(parse_native(marked, "asides.txt")).features for name in row}
    assert not {n for n in names if "laugh" in n or "inaudible" in n or "sigh" in n or "(" in n}
    path = tmp_path / "asides.txt"
    path.write_text(marked, encoding="utf-8")
    segments = code_file(runner, path)
    assert all(marked[s["start"]:s["end"]] == s["text"] for s in segments)
    assert any("(laughs)" in s["text"] or "[inaudible]" in s["text"] for s in segments)


def test_codes_split_where_the_stage_changes_inside_a_turn(runner):
    segments = code_file(runner, DATA / "mixed.txt")
    assert [s["stage"] for s in segments] == ["first_thought", "satisfaction"]
    assert segments[0]["emotion"] == -1 and segments[1]["emotion"] == 1
    # the push is the likeliest force by far; its probability (0.48-0.63 across retrains) and whether
    # it clears the model's threshold (0.6) are the model's call on a one-sentence answer
    scores = segments[0]["force_scores"]
    assert max(scores, key=scores.get) == "push" and scores["push"] > 10 * sorted(scores.values())[-2]
    assert segments[0]["forces"] in ([], ["push"]) and segments[1]["forces"] == []
    assert any("fed up" in c for c in segments[0]["cues"])


def test_touchpoints_and_pains_use_shared_ids(runner, tmp_path):
    for lang, expect in (("en", {"ads", "social_media"}), ("ru", {"ads", "web_search"})):
        text, gold = strip(DATA / "annotated" / f"R-{lang.upper()}-01.annotated.txt")
        path = tmp_path / f"{lang}.txt"
        path.write_text(text, encoding="utf-8")
        segments = code_file(runner, path)
        passive = covering(segments, next(s for s in gold if s["stage"] == "passive_looking"))
        assert expect <= set(passive["touchpoints"])


PAIN_SENTENCES = {
    "en": ["The old one was so loud the neighbours complained.", "The old one was too small for our orders.",
           "There was dust and grease on everything.", "Honestly it felt dangerous.", "The part was out of stock."],
    "ru": ["Старый был такой шумный, соседи жаловались.", "Старый был маловат, мы работали на пределе.",
           "Везде была пыль и грязь.", "Честно, это было опасно.", "Нужной детали не было в наличии."],
    "uk": ["Старий був такий гучний, сусіди скаржилися.", "Старий був замалий, ми працювали на межі.",
           "Скрізь був пил і бруд.", "Чесно, це було небезпечно.", "Потрібної деталі немає в наявності."],
    "pl": ["Stary był tak głośny, że sąsiedzi narzekali.", "Stary był za mały na nasze zamówienia.",
           "Wszędzie był kurz i brud.", "Szczerze, to było niebezpieczne.", "Części nie było, brak na stanie."],
}


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "pl"])
def test_pain_kinds_beyond_price_and_time(lang, runner, tmp_path):
    """Noise, capacity, dirt, safety and availability are named in every language's data."""
    path = tmp_path / "pains.txt"
    answers = "".join(f"[00:00:{10 * i + 5:02d}] R: {s}\n[00:00:{10 * i + 9:02d}] I: And?\n"
                      for i, s in enumerate(PAIN_SENTENCES[lang]))
    path.write_text(f"---\nparticipant: X\nlanguage: {lang}\ninterviewer: I\nrespondent: R\n---\n"
                    f"[00:00:01] I: What went wrong?\n{answers}", encoding="utf-8")
    found = set().union(*(s["pains"] for s in code_file(runner, path)))
    assert {"noise", "capacity", "dirt", "safety", "availability"} <= found


def test_stage_hint_in_the_meta_steers_the_answer(runner):
    segments = code_file(runner, DATA / "hints.txt")
    assert segments[0]["stage"] == "deciding"


def test_toy_language_from_data_files_alone(runner, monkeypatch):
    monkeypatch.setenv("JTBD_LANG_PATH", str(DATA / "toy"))
    from jtbd_kit.lang import language_codes

    assert "tq" in language_codes()
    segments = code_file(runner, DATA / "toy.txt")
    assert [s["stage"] for s in segments] == ["first_thought", "buying", "satisfaction"]
    assert segments[0]["forces"] == ["push"] and segments[0]["emotion"] == -1 and segments[0]["pains"] == ["price"]
    assert segments[1]["touchpoints"] == ["web_search"]
    assert segments[2]["emotion"] == 1


def test_table_and_json_formats(runner):
    table = runner.invoke(main, ["code", str(DATA / "mixed.txt"), "--format", "table"])
    assert table.exit_code == 0 and "first_thought" in table.output and "satisfaction" in table.output
    as_json = runner.invoke(main, ["code", str(DATA / "mixed.txt"), "--format", "json"])
    assert [s["stage"] for s in json.loads(as_json.stdout)] == ["first_thought", "satisfaction"]


@pytest.mark.parametrize("text, message", [
    ("---\nlanguage: xx-nope\n---\n[00:00:01] A: Hi?\n[00:00:02] B: Hello.\n", "unsupported language"),
    ("", "file is empty"),
    ("---\nlanguage: en\ninterviewer: A\nrespondent: B\n---\n[00:00:01] A: Hi?\n[00:00:02] C: Hello.\n", "never speaks"),
])
def test_bad_input_is_one_line_and_exit_2(text, message, runner, write):
    path = write("bad.txt", text)
    result = runner.invoke(main, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_no_respondent_turns_is_refused(write):
    from jtbd_kit.coding import code_transcript
    from jtbd_kit.errors import UserError
    from jtbd_kit.transcript.native import parse_native

    t = parse_native("---\nlanguage: en\n---\n[00:00:01] A: Hi?\n", "one.txt")
    for turn in t.turns:
        turn.role = "interviewer"
    with pytest.raises(UserError, match="no respondent turns"):
        code_transcript(t)


def test_real_subprocess_prints_json_lines_and_cli_import_stays_light(tmp_path):
    text, _ = strip(DATA / "annotated" / "R-EN-01.annotated.txt")
    path = tmp_path / "R.txt"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "jtbd_kit.cli", "code", str(path), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=120)
    if "No module named jtbd_kit.cli.__main__" in run.stderr:
        run = subprocess.run(["jtbd", "code", str(path), "--format", "jsonl"], capture_output=True, text=True,
                             timeout=120)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    light = subprocess.run([sys.executable, "-c", "import sys, jtbd_kit.cli, jtbd_kit.coding; "
                            "print('spacy' in sys.modules)"], capture_output=True, text=True)
    assert light.stdout.strip() == "False", light.stderr


def test_a_missing_file_is_named_as_a_file(runner, tmp_path):
    result = runner.invoke(main, ["code", str(tmp_path / "P-01.txt")])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: {tmp_path / 'P-01.txt'}: no such file "
                                     "(check the path, or give a participant id such as P-01)")


def test_a_folder_codes_the_transcripts_in_it(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / "folder" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "folder" / name).write_text((DATA / "mixed.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(main, ["code", str(tmp_path / "folder"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {Path(s["file"]).name for s in json.loads(result.stdout)} == {"a.txt", "b.txt"}
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(main, ["code", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "no transcript files" in empty.output


def test_an_unsupported_language_option_is_one_line(runner):
    result = runner.invoke(main, ["code", str(DATA / "mixed.txt"), "--language", "de"])
    assert result.exit_code == 2 and result.output.startswith("Error: --language: unsupported language 'de'")


def test_a_negation_stops_at_a_comma():
    from jtbd_kit.coding.cues import Hit
    from jtbd_kit.coding.emotion import polarity

    # "No worries , love it": `no` at token 0, the comma at 2, `love` at 3
    hits = [Hit(0, 1, "emotion", "negation", 1.0, "No"), Hit(3, 4, "emotion", "positive", 2.0, "love")]
    assert polarity(hits) < 0  # without the punctuation the negation reaches `love`
    assert polarity(hits, breaks=frozenset({2})) == 2.0


def test_a_name_inside_a_sentence_is_no_cue():
    from jtbd_kit.coding import code_transcript
    from jtbd_kit.transcript.native import parse_native

    text = ("---\nlanguage: en\ninterviewer: Maya\nrespondent: Tom\n---\n[00:00:01] Maya: And then?\n"
            "[00:00:05] Tom: We asked Joy about it on Monday. Joy, honestly, was what I felt.\n")
    cues = [c for s in code_transcript(parse_native(text, "x.txt"), False) for c in s.cues]
    positive = [c for c in cues if c.startswith("emotion positive")]
    # "Joy" the colleague is not a feeling; "Joy" opening a sentence still is
    assert positive == ["emotion positive: Joy"]


@pytest.mark.parametrize("lang, sentence", [
    ("uk", "Ніколи не шкодував про це."),
    ("ru", "Ни разу не пожалел об этом."),
    ("pl", "Nigdy nie żałowałem tej decyzji."),
])
def test_negative_concord_is_one_negation(lang, sentence):
    """`never not-regretted` in Slavic negative concord means never regretted: positive, not flipped back."""
    from jtbd_kit.coding.pipeline import pipeline
    from jtbd_kit.coding.segmenter import UNITS

    (unit,) = pipeline(lang)(sentence).user_data[UNITS]
    assert unit.emotion_score > 0


def test_a_cue_carrying_its_own_negation_is_not_flipped_again():
    from jtbd_kit.coding.cues import Hit
    from jtbd_kit.coding.emotion import polarity

    # "ніколи не шкодував": `ніколи` 0, the cue `не шкодував` 1-3 opening with the negation `не` 1
    hits = [Hit(0, 1, "emotion", "negation", 1.0, "ніколи"), Hit(1, 3, "emotion", "positive", 2.0, "не шкодував"),
            Hit(1, 2, "emotion", "negation", 1.0, "не")]
    assert polarity(hits) == 2.0
    assert polarity(hits[:2]) < 0  # a cue without its own negation is flipped by the one before it


def test_an_interviews_features_pickle_by_name_into_another_process(tmp_path):
    """Feature ids are numbered per process: a pickled analysis must mean the same in a fresh one."""
    import pickle

    from jtbd_kit.coding.code import analyse
    from jtbd_kit.transcript.native import parse_native

    path = Path(__file__).parent / "data" / "coding" / "mixed.txt"
    features = analyse(parse_native(path.read_text(encoding="utf-8"), str(path))).features
    (tmp_path / "f.pkl").write_bytes(pickle.dumps(features))
    (tmp_path / "want.json").write_text(json.dumps(list(features)), encoding="utf-8")
    check = ("import json, pickle, sys; d = sys.argv[1]; "
             "got = list(pickle.load(open(d + '/f.pkl', 'rb'))); "
             "assert got == json.load(open(d + '/want.json')), 'features changed meaning'")
    done = subprocess.run([sys.executable, "-c", check, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
