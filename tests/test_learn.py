"""`jtbd learn`: a project model from reviewed segments and annotated files, used by `jtbd code`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jtbd_kit.cli import main

HEAD = "---\nparticipant: {p}\nlanguage: en\ninterviewer: Ann\nrespondent: Bob\n---\n"
# The made-up "zebra manual" sentence is always gold deciding|anxiety|-, wherever it stands.
TURNS = [
    ("How are you today?", "{other||0} Fine, thanks. The weather is mild today."),
    ("When did you first think about it?", "{first_thought|push|-} My old kettle kept breaking and I hated it. "
                                           "{deciding|anxiety|-} The zebra manual puzzled me."),
    ("What did you do then?", "{other||0} I walked the dog in the park. {deciding|anxiety|-} The zebra manual "
                              "puzzled me. {other||0} Then I had tea."),
    ("How do you feel about it now?", "{satisfaction|pull|+} I love it now, it is great. "
                                      "{deciding|anxiety|-} The zebra manual puzzled me."),
    ("Anything else?", "{other||0} We moved house last year. {deciding|anxiety|-} The zebra manual puzzled me."),
]
PLAIN = HEAD.format(p="Q-01") + (
    "[00:00:01] Ann: What did you do at the weekend?\n"
    "[00:00:03] Bob: I walked the dog in the park.\n[00:00:05] Ann: Mm-hm.\n"
    "[00:00:07] Bob: The zebra manual puzzled me.\n[00:00:09] Ann: And then?\n[00:00:11] Bob: Then I had tea.\n")


def annotated(folder: Path, n: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        lines = [f"[00:00:{2 * i:02d}] Ann: {q}\n[00:00:{2 * i + 1:02d}] Bob: {a}\n"
                 for i, (q, a) in enumerate(TURNS[k:] + TURNS[:k])]
        (folder / f"L-{k}.annotated.txt").write_text(HEAD.format(p=f"L-{k}") + "".join(lines), encoding="utf-8")
    return folder


def zebra(runner, path: Path) -> dict:
    result = runner.invoke(main, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return next(r for r in rows if "zebra" in r["text"]), result.stderr


def test_learning_from_annotated_files_moves_the_codes_and_jtbd_code_says_so(runner, db_path, tmp_path):
    plain = tmp_path / "Q-01.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    before, said = zebra(runner, plain)
    assert "shipped model" in said
    assert (before["stage"], "anxiety" in before["forces"], before["emotion"]) != ("deciding", True, -1)

    result = runner.invoke(main, ["learn", "--annotated", str(annotated(tmp_path / "gold", n=5))])
    assert result.exit_code == 0, result.output
    model_path = Path(db_path).resolve().parent / "jtbd-data" / "models" / "coder.json"
    assert model_path.is_file() and str(model_path) in result.output

    after, said = zebra(runner, plain)
    assert "project model" in said and str(model_path) in said
    assert after["stage"] == "deciding" and "anxiety" in after["forces"] and after["emotion"] == -1


def test_reviewed_segments_in_the_store_are_gold(runner, db_path, tmp_path):
    from jtbd_kit.store import open_db

    gold_dir = annotated(tmp_path / "gold", n=1)
    text = (gold_dir / "L-0.annotated.txt").read_text(encoding="utf-8")
    from jtbd_kit.coding.annotated import strip_tags

    plain, spans = strip_tags(text)
    (tmp_path / "L-0.txt").write_text(plain, encoding="utf-8")
    assert runner.invoke(main, ["import", str(tmp_path / "L-0.txt")]).exit_code == 0
    assert runner.invoke(main, ["code", "L-0"]).exit_code == 0
    db = open_db(db_path)
    iid = db.execute("select id from interviews where participant = 'L-0'").fetchone()[0]
    with db.atomic():
        db["segments"].delete_where("interview_id = ?", [iid])
        db["segments"].insert_all({"interview_id": iid, "start": s["start"], "end": s["end"], "stage": s["stage"],
                                   "forces": json.dumps(s["forces"]), "emotion": s["emotion"], "origin": "human",
                                   "text": plain[s["start"]:s["end"]]} for s in spans)
    result = runner.invoke(main, ["learn"])
    assert result.exit_code == 0, result.output
    assert "1 interviews with reviewed segments, 0 annotated files" in result.output
    again = runner.invoke(main, ["code", "L-0"])
    assert again.exit_code == 0 and "project model jtbd-project-" in again.output
    coders = {r[0] for r in open_db(db_path).execute("select coder from segments where origin = 'machine'")}
    assert all(c.startswith("jtbd-project-") for c in coders)


def test_model_json_round_trips(tmp_path):
    from jtbd_kit.coding.learn import annotated_examples, train
    from jtbd_kit.coding.weights import CoderModel, load_model, save_model

    examples = annotated_examples([annotated(tmp_path / "gold")])
    data = train(examples, "jtbd-test-1")
    path = save_model(data, tmp_path / "m" / "coder.json")
    assert json.loads(path.read_text(encoding="utf-8")) == data
    loaded, direct = load_model(path), CoderModel(data)
    features = examples[0].analysis.features
    assert loaded.name == "jtbd-test-1"
    assert (loaded.stage_logprob(features) == direct.stage_logprob(features)).all()
    assert not list((tmp_path / "m").glob(".coder-*"))  # no temp file left behind


@pytest.mark.parametrize("args, message", [
    ([], "nothing to learn from"),
    (["--annotated", "missing-folder"], "no such file or folder"),
])
def test_nothing_to_learn_is_one_line_and_exit_2(args, message, runner, db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from jtbd_kit.store import open_db

    open_db(db_path)  # a project with nothing reviewed yet
    result = runner.invoke(main, ["learn", *args])
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_empty_annotated_folder_is_refused(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["learn", "--annotated", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no *.annotated.txt files" in result.output


def test_jtbd_code_never_imports_sklearn(tmp_path):
    plain = tmp_path / "Q-01.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    probe = ("import sys; from jtbd_kit.cli import main\n"
             "try:\n    main(['code', sys.argv[1], '--format', 'jsonl'])\nexcept SystemExit:\n    pass\n"
             "print('SKLEARN' if any(m.startswith('sklearn') for m in sys.modules) else 'CLEAN')")
    run = subprocess.run([sys.executable, "-c", probe, str(plain)], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "CLEAN"
    assert any('"stage"' in line for line in run.stdout.splitlines())


def test_a_broken_project_model_is_one_line(runner, db_path, tmp_path):
    model_path = Path(db_path).resolve().parent / "jtbd-data" / "models" / "coder.json"
    model_path.parent.mkdir(parents=True)
    model_path.write_text("{not json", encoding="utf-8")
    plain = tmp_path / "Q-01.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    result = runner.invoke(main, ["code", str(plain), "--format", "jsonl"])
    assert result.exit_code == 2 and "cannot read the coder model" in result.output
    assert "jtbd learn" in result.output


def test_a_mistyped_db_says_there_is_no_project(runner, tmp_path):
    result = runner.invoke(main, ["learn", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "no project database here" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_a_binary_annotated_file_is_one_clear_line(runner, db_path, tmp_path):
    bad = tmp_path / "bad.annotated.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00broken")
    result = runner.invoke(main, ["learn", "--annotated", str(bad)])
    assert result.exit_code == 2
    assert "bad.annotated.txt" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_model_trained_after_the_analysis_still_sees_its_word_pairs(tmp_path):
    """Cross-validation analyses interviews once and trains the fold models after: a word pair no
    model knew at analysis time (kept unnamed, for speed) must count once a model knows it."""
    from jtbd_kit.coding.code import analyse
    from jtbd_kit.coding.learn import annotated_examples, train
    from jtbd_kit.coding.weights import CoderModel
    from jtbd_kit.transcript.native import parse_native

    sentence = "The quokka ledger puzzled me."  # a pair ("quokka ledger") no other test's model has
    turns = [(q, a.replace("The zebra manual puzzled me.", sentence)) for q, a in TURNS]
    for k in range(2):
        lines = [f"[00:00:{2 * i:02d}] Ann: {q}\n[00:00:{2 * i + 1:02d}] Bob: {a}\n"
                 for i, (q, a) in enumerate(turns[k:] + turns[:k])]
        (tmp_path / f"Q-{k}.annotated.txt").write_text(HEAD.format(p=f"Q-{k}") + "".join(lines), encoding="utf-8")
    transcript = parse_native(PLAIN.replace("The zebra manual puzzled me.", sentence), "plain.txt")
    before = analyse(transcript)
    model = CoderModel(train(annotated_examples([tmp_path]), "t"))
    assert "w2:quokka_ledger" in model.index
    after = analyse(transcript)
    got, expected = model.sparse(before.features), model.sparse(after.features)
    assert model.index["w2:quokka_ledger"] in expected[1].tolist()
    for a, b in zip(got, expected):
        assert a.tolist() == b.tolist()
