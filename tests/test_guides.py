"""Guides: the bundled ones load, bad ones fail with file:line and a hint, the CLI lists and checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from jtbd_kit.cli import main
from jtbd_kit.errors import UserError
from jtbd_kit.guides import Guide, bundled_guides, load_guide, parse_guide

GOOD = """\
title: Tiny
language: en
sections:
  - id: one
    title: One
    minutes: 2
    questions:
      - id: q1
        text: What did you buy?
        probes: ["When?"]
        stage: buying
"""


def test_bundled_guides_cover_four_languages_with_the_switch_timeline():
    guides = {p.stem: load_guide(p) for p in bundled_guides().glob("*.yaml")}
    assert {"switch-en", "switch-ru", "switch-uk", "switch-pl", "quick-en"} <= set(guides)
    assert {guides[f"switch-{lang}"].language for lang in ("en", "ru", "uk", "pl")} == {"en", "ru", "uk", "pl"}
    en = guides["switch-en"]
    stages = {q.stage for s in en.sections for q in s.questions}
    assert {"first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming",
            "satisfaction"} <= stages
    texts = " ".join(q.text for s in en.sections for q in s.questions)
    assert "if you had not bought it, what would you be doing now?" in texts.lower()
    # The translations ask the same questions in the same order, with the same stages.
    shape = [(s.id, [(q.id, q.stage) for q in s.questions]) for s in en.sections]
    for lang in ("ru", "uk", "pl"):
        other = guides[f"switch-{lang}"]
        assert [(s.id, [(q.id, q.stage) for q in s.questions]) for s in other.sections] == shape
    assert guides["quick-en"].minutes == 5


def test_guide_round_trips_through_plain_data_for_the_journal():
    guide = parse_guide(GOOD, "g.yaml")
    assert Guide.from_dict(guide.to_dict()) == guide
    assert guide.sections[0].questions[0].probes == ("When?",)


@pytest.mark.parametrize("text, line, words", [
    (GOOD.replace("stage: buying", "stgae: buying"), 11, "did you mean 'stage'"),
    (GOOD.replace("stage: buying", "stage: shopping"), 11, "unknown stage 'shopping'"),
    (GOOD.replace("minutes: 2", "minutes: soon"), 6, "minutes must be a positive number"),
    (GOOD.replace("language: en", "language: xx"), 2, "unsupported language 'xx'"),
    (GOOD.replace("id: q1", "id: one"), 8, "used twice (first on line 4)"),
    (GOOD.replace("        text: What did you buy?\n", ""), 8, "a question has no 'text'"),
    (GOOD.replace('probes: ["When?"]', 'probes: 3'), 10, "probes must be a list"),
    (GOOD.replace("title: One", "title: One\n    title: Two"), 6, "key 'title' appears twice"),
    (GOOD.replace("    questions:\n", "    questions:\n  bad: [\n"), 8, "not valid YAML"),
    (GOOD.replace("id: q1", "id: Q 1"), 8, "bad id 'Q 1'"),
    ("", None, "the guide is empty"),
    ("- just\n- a list\n", 1, "the guide must be a set of `key: value` lines"),
])
def test_bad_guides_name_the_file_and_line(text, line, words):
    with pytest.raises(UserError) as e:
        parse_guide(text, "bad.yaml")
    assert e.value.path == "bad.yaml"
    assert e.value.line == line
    assert words in e.value.one_line()
    assert e.value.hint


def test_guides_command_lists_the_bundled_guides(runner):
    result = runner.invoke(main, ["guides"])
    assert result.exit_code == 0, result.output
    for name in ("switch-en.yaml", "switch-ru.yaml", "switch-uk.yaml", "switch-pl.yaml", "quick-en.yaml"):
        assert name in result.output


def test_guides_command_flags_a_broken_guide_in_a_folder(runner, write):
    write("g/good.yaml", GOOD)
    bad = write("g/bad.yaml", GOOD.replace("minutes: 2", "minutes: -1"))
    result = runner.invoke(main, ["guides", "--dir", str(bad.parent)])
    assert result.exit_code == 2
    assert "Tiny" in result.output and "minutes must be" in result.output


def test_guides_check_ok_and_bad(runner, write):
    ok = runner.invoke(main, ["guides", "check", str(write("ok.yaml", GOOD))])
    assert ok.exit_code == 0 and "ok: Tiny (en), 1 sections, 1 questions, 2 minutes" in ok.output
    bad = write("bad.yaml", GOOD.replace("stage: buying", "stage: shopping"))
    result = runner.invoke(main, ["guides", "check", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {bad}:11: question 'q1': unknown stage 'shopping' (use one of first_thought, passive_looking, "
        "active_looking, deciding, buying, consuming, satisfaction, other)"]
    missing = runner.invoke(main, ["guides", "check", str(Path(bad.parent, "nope.yaml"))])
    assert missing.exit_code == 2 and "cannot read the guide" in missing.output


def test_guide_stages_are_the_coders_stages():
    from jtbd_kit.coding.model import STAGES as CODER_STAGES
    from jtbd_kit.guides import STAGES

    assert STAGES == CODER_STAGES


def test_guides_in_a_folder_without_guides_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["guides", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path}: no guides (.yaml files) in this folder (pass --dir FOLDER; a guide's format is in "
        "docs/interview.md)"]
