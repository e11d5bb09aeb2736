"""Journey maps as data and as Markdown, Mermaid and JSON, through the library and `jtbd journey`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jtbd_kit.cli import main
from jtbd_kit.journey.build import build_maps, feeling_score
from jtbd_kit.journey.json_out import schema
from jtbd_kit.journey.markdown import render_markdown
from jtbd_kit.journey.mermaid import render_mermaid
from jtbd_kit.store import open_db

XSS = "I googled desks | read reviews <script>alert(1)</script> and: compared"

# (participant, turn, stage, forces, emotion, emotion_score, touchpoints, pains, confidence, text)
# P-01 tells the story out of order: the end first, then the trigger, then the search.
SEGMENTS = [
    ("P-01", 1, "satisfaction", ["pull"], 1, 0.9, ["friends_family"], [], 0.8, "Now I love it, best decision I made."),
    ("P-01", 2, "first_thought", ["push"], -1, -0.8, [], ["health"], 0.9, "It started when my back hurt every day."),
    ("P-01", 3, "deciding", ["anxiety"], -1, -0.6, [], ["price"], 0.7, "I worried it cost too much; would it last?"),
    ("P-01", 4, "active_looking", [], 0, 0.0, ["web_search", "review_site"], [], 0.6, XSS),
    ("P-01", 5, "buying", ["pull"], 1, 0.5, ["website"], [], 0.5, "Ordering took two minutes."),
    ("P-01", 6, "other", [], 0, 0.0, [], [], 0.3, "The weather was nice that year."),
    ("P-02", 1, "deciding", ["anxiety"], -1, -0.9, [], [], 0.4, "What if it wobbles at full height?"),
    ("P-02", 2, "deciding", ["anxiety"], -1, -0.2, [], ["price"], 0.95, "Four hundred pounds felt like a lot."),
    ("P-02", 3, "active_looking", ["pull"], 1, 0.7, ["friends_family"], [], 0.8, "My sister swore by hers."),
    ("P-02", 4, "passive_looking", ["habit"], 0, 0.1, ["ads"], [], 0.5, "I kept using the kitchen table."),
    ("P-03", 1, "consuming", ["push"], -1, -0.7, [], ["reliability"], 0.9, "The motor broke after a week."),
    ("P-03", 2, "first_thought", ["push"], -1, -0.5, ["web_search"], ["time_waste"], 0.6, "title: journey; #1 %% x"),
]
PERSONAS = [(1, "busy-parents", "Busy Parents", ["P-01", "P-02"]), (2, "fixers", "Fixers", ["P-03"])]


def make_study(db_path: Path, personas: bool = True, language: str = "en", segments=SEGMENTS) -> Path:
    """A small coded study written straight into the store's tables (the coder's and personas' contract)."""
    db = open_db(db_path)
    ids = {}
    for n, participant in enumerate(sorted({s[0] for s in SEGMENTS})):
        ids[participant] = db["interviews"].insert(
            {"participant": participant, "language": language, "text": "x", "date": f"2024-01-0{n + 1}"}).last_pk
        db["turns"].insert_all({"interview_id": ids[participant], "idx": i, "speaker": "R", "role": "respondent",
                                "seconds": 60.0 * i + 5, "text": "x", "start": 0, "end": 1} for i in range(8))
    for p, turn, stage, forces, emo, score, tps, pains, conf, text in segments:
        db["segments"].insert({"interview_id": ids[p], "turn_idx": turn, "start": turn * 10, "end": turn * 10 + 9,
                               "text": text, "stage": stage, "forces": json.dumps(forces), "emotion": emo,
                               "emotion_score": score, "touchpoints": json.dumps(tps), "pains": json.dumps(pains),
                               "confidence": conf, "cues": "[]", "origin": "machine"})
    if personas:
        for pid, key, name, members in PERSONAS:
            db["personas"].insert({"id": pid, "key": key, "name": name, "description": f"{name} | who switch",
                                   "job": "Work without back pain", "origin": "machine",
                                   "data": json.dumps({"distinct": ["web_search", "price"]})})
            db["persona_members"].insert_all({"persona_id": pid, "interview_id": ids[m]} for m in members)
    return db_path


def one(doc: dict, key: str) -> dict:
    return next(m for m in doc["maps"] if m["persona"]["key"] == key)


def stage(m: dict, stage_id: str) -> dict:
    return next(s for s in m["stages"] if s["id"] == stage_id)


def test_stages_follow_the_timeline_not_the_telling(db_path):
    doc = build_maps(open_db(make_study(db_path)))
    m = one(doc, "busy-parents")
    assert [s["id"] for s in m["stages"]] == ["first_thought", "passive_looking", "active_looking", "deciding",
                                              "buying", "consuming", "satisfaction"]
    assert stage(m, "first_thought")["quotes"][0]["text"] == "It started when my back hurt every day."
    assert stage(m, "satisfaction")["quotes"][0]["participant"] == "P-01"
    assert stage(m, "consuming")["segments"] == 0  # P-03's breakage belongs to the other persona
    assert m["unplaced"] == 1 and m["segments"] == 10


def test_quotes_rank_by_confidence_then_strength_with_their_source(db_path):
    m = one(build_maps(open_db(make_study(db_path))), "busy-parents")
    quotes = stage(m, "deciding")["quotes"]
    assert [q["text"] for q in quotes] == ["Four hundred pounds felt like a lot.",
                                           "I worried it cost too much; would it last?",
                                           "What if it wobbles at full height?"]
    assert quotes[0]["participant"] == "P-02" and quotes[0]["timestamp"] == "00:02:05"
    assert quotes[0]["seconds"] == 125.0


def test_a_stage_quotes_segments_that_stand_alone_before_surer_scraps(db_path):
    scrap = ("P-02", 5, "deciding", [], 1, 0.9, [], [], 0.99, "Which, fair.")
    m = one(build_maps(open_db(make_study(db_path, segments=[*SEGMENTS, scrap]))), "busy-parents")
    assert [q["text"] for q in stage(m, "deciding")["quotes"]] == ["Four hundred pounds felt like a lot.",
                                                                 "I worried it cost too much; would it last?",
                                                                 "What if it wobbles at full height?", "Which, fair."]


def test_feeling_per_stage_with_named_high_and_low(db_path):
    m = one(build_maps(open_db(make_study(db_path))), "busy-parents")
    assert stage(m, "deciding")["feeling"] == {"mean": -1.0, "score": 1, "coded": 3}
    assert stage(m, "active_looking")["feeling"]["mean"] == 0.5
    assert stage(m, "buying")["feeling"]["score"] == 5
    assert m["feeling"]["high"]["stage"] == "buying"  # first of the +1 stages in timeline order
    assert m["feeling"]["low"]["stage"] == "first_thought"
    assert m["feeling"]["low"]["quote"]["text"] == "It started when my back hurt every day."
    assert [feeling_score(x) for x in (-1, -0.5, 0, 0.26, 1, None)] == [1, 2, 3, 4, 5, None]


def test_a_named_high_or_low_quotes_a_segment_that_stands_alone(db_path):
    scrap = ("P-02", 5, "first_thought", [], -1, -0.99, [], [], 0.99, "(sighs) Yeah.")
    m = one(build_maps(open_db(make_study(db_path, segments=[*SEGMENTS, scrap]))), "busy-parents")
    assert m["feeling"]["low"]["quote"]["text"] == "It started when my back hurt every day."
    alone = [s for s in SEGMENTS if s[2] != "first_thought"] + [scrap]
    m = one(build_maps(open_db(make_study(db_path.with_name("scrap.db"), segments=alone))), "busy-parents")
    assert m["feeling"]["low"]["quote"]["text"] == "(sighs) Yeah."  # the only one there is


def test_thinking_and_opportunities_come_from_questions_anxieties_and_pains(db_path):
    m = one(build_maps(open_db(make_study(db_path))), "busy-parents")
    deciding = stage(m, "deciding")
    assert deciding["pains"][0] == {"id": "price", "label": "price", "count": 2, "feeling": 1,
                                    "participants": ["P-01", "P-02"]}
    texts = [o["text"] for o in deciding["opportunities"]]
    assert texts[0] == "Reduce the worry about price while deciding"
    assert texts[1] == "Answer the worry “What if it wobbles at full height?” while deciding"
    assert [q["text"] for q in deciding["thinking"]["questions"]] == [
        "I worried it cost too much; would it last?", "What if it wobbles at full height?"]
    assert len(deciding["thinking"]["worries"]) == 3
    assert [x["label"] for x in stage(m, "active_looking")["touchpoints"]] == [
        "friends and family", "review sites", "web search"]
    assert [x["label"] for x in stage(m, "buying")["metrics"]][0] == "checkout conversion rate"
    assert m["forces"] == {"push": 1, "pull": 3, "anxiety": 3, "habit": 1}


def test_cjm_stages_gather_the_timeline(db_path):
    m = one(build_maps(open_db(make_study(db_path)), stage_set="cjm"), "busy-parents")
    assert [s["id"] for s in m["stages"]] == ["awareness", "consideration", "decision", "purchase", "retention",
                                              "advocacy"]
    awareness = stage(m, "awareness")
    assert awareness["coded_stages"] == ["first_thought", "passive_looking"] and awareness["segments"] == 2
    assert awareness["label"] == "Awareness"


def test_labels_follow_the_study_language(db_path):
    doc = build_maps(open_db(make_study(db_path, language="ru")))
    m = one(doc, "busy-parents")
    assert doc["language"] == "ru"
    assert stage(m, "active_looking")["label"] == "Активный поиск"
    assert "поиск в интернете" in [x["label"] for x in stage(m, "active_looking")["touchpoints"]]
    assert stage(m, "deciding")["opportunities"][0]["text"] == "Снизить беспокойство: цена — при выборе"
    assert build_maps(open_db(db_path), language="pl")["maps"][0]["stages"][0]["label"] == "Pierwsza myśl"


def test_unknown_language_falls_back_to_english_and_unknown_concepts_to_their_id(db_path):
    segs = [("P-01", 1, "buying", [], 1, 1.0, ["carrier_pigeon"], [], 0.5, "Sent by bird.")]
    doc = build_maps(open_db(make_study(db_path, personas=False, language="xx", segments=segs)))
    m = doc["maps"][0]
    assert doc["language"] == "en"
    assert m["persona"]["key"] == "all" and m["persona"]["members"] == ["P-01"]
    assert stage(m, "buying")["touchpoints"][0]["label"] == "carrier pigeon"


@pytest.mark.parametrize("stage_set", ["jtbd", "cjm"])
def test_json_output_validates_against_the_schema(db_path, runner, stage_set):
    make_study(db_path)
    result = runner.invoke(main, ["journey", "--format", "json", "--stages", stage_set])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    jsonschema.Draft202012Validator(schema()).validate(doc)
    assert [m["persona"]["name"] for m in doc["maps"]] == ["Busy Parents", "Fixers"]
    broken = dict(doc, maps=[dict(doc["maps"][0], stages=[])])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema()).validate(broken)


def test_json_without_personas_validates_too(db_path, runner):
    make_study(db_path, personas=False)
    doc = json.loads(runner.invoke(main, ["journey", "--format", "json"]).output)
    jsonschema.Draft202012Validator(schema()).validate(doc)
    assert doc["maps"][0]["persona"]["id"] is None and len(doc["maps"][0]["persona"]["members"]) == 3


@pytest.mark.parametrize("ref", ["1", "busy-parents", "BUSY PARENTS", "busy parents"])
def test_persona_by_id_key_or_name(db_path, runner, ref):
    make_study(db_path)
    result = runner.invoke(main, ["journey", ref, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [m["persona"]["key"] for m in json.loads(result.output)["maps"]] == ["busy-parents"]


def test_bad_input_is_one_line_and_exit_2(db_path, runner, tmp_path):
    open_db(db_path)
    result = runner.invoke(main, ["journey"])
    assert result.exit_code == 2 and "nothing coded yet" in result.output
    make_study(tmp_path / "study.db")
    runner.env = {"JTBD_DB": str(tmp_path / "study.db")}
    for args, message in ((["journey", "nobody"], "no persona 'nobody'"),
                          (["journey", "--out", str(tmp_path / "missing" / "map.md")], "folder does not exist")):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert message in result.output and len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_unwritable_out_is_exit_2_in_a_real_process(db_path, tmp_path):
    make_study(db_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    proc = subprocess.run([sys.executable, "-c", "from jtbd_kit.cli import main; main()", "journey", "--db",
                           str(db_path), "--out", str(blocker / "map.md")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: ") and len(proc.stderr.strip().splitlines()) == 1


def test_out_writes_atomically_one_file_or_one_per_persona(db_path, runner, tmp_path):
    make_study(db_path)
    target = tmp_path / "map.md"
    target.write_text("old")
    assert runner.invoke(main, ["journey", "--out", str(target)]).exit_code == 0
    assert target.read_text().startswith("# Journey map: Busy Parents")
    folder = tmp_path / "maps"
    folder.mkdir()
    assert runner.invoke(main, ["journey", "--format", "mermaid", "--out", str(folder)]).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["journey-persona-1-busy-parents.mmd",
                                                       "journey-persona-2-fixers.mmd"]
    assert not list(tmp_path.glob(".*.tmp"))
    result = runner.invoke(main, ["journey", "--format", "mermaid", "--out", str(tmp_path / "both.mmd")])
    assert result.exit_code == 2 and "one diagram" in result.output


def _cells(row: str) -> list[str]:
    """Split a GFM table row on pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_has_a_table_per_stage_with_escaped_cells(db_path):
    md = render_markdown(build_maps(open_db(make_study(db_path)), "busy-parents"))
    assert md.count("| --- | --- |") == 7
    assert "<script>" not in md and "&lt;script&gt;" in md
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert all(len(_cells(r)) == 2 for r in rows)
    assert "desks \\| read reviews" in md
    assert "## 1. First thought" in md and md.index("## 1. First thought") < md.index("## 7. Satisfaction")
    assert "**High:** Buying (+1.00)" in md and "— P-02, 00:02:05" in md


def mermaid_tokens(source: str) -> list[tuple[str, str]]:
    """Mermaid's journey lexer (journey.jison), rule for rule and in its order: first match wins."""
    rules = [("NL", r"\n+"), (None, r"[\s\ufeff]+"), (None, r"#[^\n]*"), (None, r"%%[^\n]*"), ("journey", r"journey"),
             ("title", r"title\s[^#\n;]+"), ("section", r"section\s[^#:\n;]+"), ("taskName", r"[^#:\n;]+"),
             ("taskData", r":[^#\n;]+"), (":", r":"), ("INVALID", r".")]
    out, pos = [], 0
    while pos < len(source):
        for kind, rule in rules:
            match = re.compile(rule, re.IGNORECASE).match(source, pos)
            if match:
                if kind:
                    out.append((kind, match.group()))
                pos = match.end()
                break
    return out


def parse_mermaid_journey(source: str) -> dict:
    """Parse as Mermaid would: the grammar is `journey` then title / section / taskName taskData lines."""
    tokens = [t for t in mermaid_tokens(source) if t[0] != "NL"]
    assert tokens[0][0] == "journey", tokens[:2]
    parsed, i = {"title": None, "sections": []}, 1
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "title":
            parsed["title"] = value[6:]
        elif kind == "section":
            parsed["sections"].append((value[8:], []))
        else:
            assert kind == "taskName" and tokens[i + 1][0] == "taskData", tokens[i:i + 2]
            pieces = tokens[i + 1][1].split(":")
            score = int(pieces[1])
            assert 1 <= score <= 5 and len(pieces) <= 3
            people = [p.strip() for p in pieces[2].split(",")] if len(pieces) == 3 else []
            parsed["sections"][-1][1].append((value.strip(), score, people))
            i += 1
        i += 1
    return parsed


def test_mermaid_journey_parses_with_mermaids_grammar(db_path):
    doc = build_maps(open_db(make_study(db_path)))
    fixers = parse_mermaid_journey(render_mermaid(dict(doc, maps=[one(doc, "fixers")])))
    assert fixers["title"] == "Journey map: Fixers"
    assert [name for name, _ in fixers["sections"]] == ["First thought", "Consuming"]
    first = dict((t[0], t) for t in fixers["sections"][0][1])
    assert first["web search"] == ("web search", 1, ["P-03"]) and "wasted time" in first
    parents = parse_mermaid_journey(render_mermaid(dict(doc, maps=[one(doc, "busy-parents")])))
    assert [name for name, _ in parents["sections"]] == ["First thought", "Passive looking", "Active looking",
                                                         "Deciding", "Buying", "Satisfaction"]
    assert ("price", 1, ["P-01", "P-02"]) in parents["sections"][3][1]


def test_mermaid_sanitises_text_that_would_break_the_diagram(db_path):
    segs = [("P-03", 1, "consuming", [], 1, 1.0, ["title: x; #y"], ["journey\nsection z"], 0.9, "ok")]
    doc = build_maps(open_db(make_study(db_path, personas=False, segments=segs)))
    source = render_mermaid(doc)
    parsed = parse_mermaid_journey(source)
    assert len(parsed["sections"]) == 1
    names = [t[0] for t in parsed["sections"][0][1]]
    assert names == ["· title x y", "· journey section z"]
    assert all(line.count(":") <= 2 for line in source.splitlines())


def test_the_most_worrying_pains_come_first_in_opportunities(db_path):
    segs = [("P-01", 1, "buying", ["pull"], 1, 0.9, [], ["price"], 0.9, "Cheap, great."),
            ("P-01", 2, "buying", ["pull"], 1, 0.8, [], ["price"], 0.9, "Such a good price."),
            ("P-01", 3, "buying", ["anxiety"], -1, -0.8, [], ["trust"], 0.9, "Was it a scam?")]
    doc = build_maps(open_db(make_study(db_path, personas=False, segments=segs)))
    buying = stage(doc["maps"][0], "buying")
    assert [(o["concept"], o["count"]) for o in buying["opportunities"]] == [("trust", 1), ("price", 2)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.integers(1, 5))
def test_any_text_keeps_the_diagram_intact(label, score):
    stage = {"id": "buying", "label": label, "segments": 1, "participants": [label], "pains": [],
             "touchpoints": [{"label": label, "feeling": score, "participants": [label, "P-02"]}],
             "feeling": {"score": score}}
    parsed = parse_mermaid_journey(render_mermaid({"maps": [{"title": label, "stages": [stage]}]}))
    assert len(parsed["sections"]) == 1
    (name, got, people), = parsed["sections"][0][1]
    assert got == score and len(people) == 2 and people[1] == "P-02" and name


def test_quotes_are_clipped_between_words():
    from jtbd_kit.journey.evidence import clip

    assert clip("the two were pretty similar in price", 22) == "the two were pretty…"
    assert clip("short enough", 40) == "short enough"
    assert clip("Привіт, як справи у вас сьогодні", 16) == "Привіт, як…"  # the comma goes with the cut
    assert clip("abcdefghijklmnopqrstuvwxyz", 10) == "abcdefghi…"  # one long word: cut it rather than lose it
    assert all(len(clip("word " * 40, n)) <= n for n in (10, 33, 80))


def test_words_a_verb_of_saying_hands_to_someone_else_are_not_the_respondents_question():
    from jtbd_kit.journey.evidence import own_question

    assert own_question("Лёва подошёл и говорит: мам, ты чего?", "ru") is None
    assert own_question("І хтось відповів: о, а це той Kitchbox, він нормальний?", "uk") is None
    assert own_question("My wife said: are you sure?", "en") is None
    assert own_question("I asked myself: will it even fit in the kitchen?", "en")[0] == 0  # a doubt of one's own
    assert own_question("I said to myself: do I really need this?", "en") is not None  # the respondent speaking
    assert own_question("I asked: can I pause the subscription?", "en") is not None
    assert own_question("Я спросила себя: а оно мне надо?", "ru") is not None
    assert own_question("Zastanawiałam się, czy to w ogóle zadziała?", "pl")[0] == 0
