"""Each reader on realistic input: speakers, merged cues, times, metadata, offsets into one text."""

from __future__ import annotations

import io

import docx
import pytest

from jtbd_kit.errors import UserError
from jtbd_kit.transcript import read_transcript
from jtbd_kit.transcript.docx import parse_docx
from jtbd_kit.transcript.language import detect_language
from jtbd_kit.transcript.model import participant_from_path
from jtbd_kit.transcript.native import parse_native
from jtbd_kit.transcript.srt import parse_srt
from jtbd_kit.transcript.vtt import parse_vtt

from conftest import SAMPLES

ZOOM = """WEBVTT

1
00:00:01.350 --> 00:00:04.120
Priya Raman: Thanks for joining. How did it start?

2
00:00:04.500 --> 00:00:09.000
Tom Lee: Well, I was cooking every night after work

3
00:00:09.100 --> 00:00:12.000
Tom Lee: and it got old fast.

4
00:01:02.000 --> 00:01:05.000
Priya Raman: What did you do then?
"""

TEAMS = """WEBVTT

NOTE participant: P-31
product: Kitchbox
respondent: Marek Zieliński

0f3b-0
00:00:02.350 --> 00:00:05.120
<v Anna Kowalska>Dzień dobry, zaczynamy?</v>

0f3b-1
00:00:05.350 --> 00:00:08.120
<v Marek Zieliński>Tak, jasne. Zamówiłem pierwszą paczkę
w październiku.</v>

0f3b-2
00:00:08.500 --> 00:00:09.000
<v Marek Zieliński>To była łatwa decyzja.</v>
"""

SRT = """respondent: Grace
product: Kitchbox

1
00:00:01,000 --> 00:00:04,000
Priya: Could you tell me about your household?

2
00:00:04,500 --> 00:00:09,000
Grace: It's me and Len, we're retired.

3
00:00:09,100 --> 00:00:12,000
<i>Dinner for two, mostly.</i>
"""


def assert_offsets(t) -> None:
    """The contract every later stage relies on."""
    assert t.turns
    for i, turn in enumerate(t.turns):
        assert turn.index == i
        assert t.text[turn.start:turn.end] == turn.text
        assert turn.text.strip() == turn.text and turn.text


def assert_renders_native(t) -> None:
    """A recorded transcript's text is the project's own format: reading it back gives the same turns."""
    again = parse_native(t.text, "rendered.txt")
    assert [(x.speaker, x.start, x.end, x.role, x.line) for x in again.turns] == \
        [(x.speaker, x.start, x.end, x.role, x.line) for x in t.turns]
    assert (again.participant, again.language, again.respondent) == (t.participant, t.language, t.respondent)


def test_zoom_vtt_merges_consecutive_cues_of_one_speaker():
    t = parse_vtt(ZOOM, "zoom/P-30-zoom.vtt")
    assert [x.speaker for x in t.turns] == ["Priya Raman", "Tom Lee", "Priya Raman"]
    assert t.turns[1].text == "Well, I was cooking every night after work and it got old fast."
    assert [x.seconds for x in t.turns] == [1.35, 4.5, 62.0]  # a turn's time is its first cue's start
    assert t.participant == "P-30" and t.language == "en" and t.format == "vtt"
    assert (t.interviewer, t.respondent) == ("Priya Raman", "Tom Lee")
    assert any("guessed 'Tom Lee'" in w for w in t.warnings)
    assert "[00:01:02] Priya Raman: What did you do then?" in t.text
    assert_offsets(t)
    assert_renders_native(t)


def test_teams_vtt_voice_tags_and_note_metadata():
    t = parse_vtt(TEAMS, "teams.vtt")
    assert t.participant == "P-31" and t.product == "Kitchbox" and t.language == "pl"
    assert [x.speaker for x in t.turns] == ["Anna Kowalska", "Marek Zieliński"]
    assert t.turns[1].text == "Tak, jasne. Zamówiłem pierwszą paczkę w październiku. To była łatwa decyzja."
    assert t.turns[1].role == "respondent" and t.turns[0].role == "interviewer"
    assert "</v>" not in t.text and "<v" not in t.text
    assert not any("respondent" in w for w in t.warnings)
    assert_offsets(t)
    assert_renders_native(t)


def test_srt_header_metadata_tags_stripped_and_unnamed_cue_continues_speaker():
    t = parse_srt(SRT, "calls/P-32-call.srt")
    assert t.participant == "P-32" and t.product == "Kitchbox" and t.respondent == "Grace"
    assert [x.speaker for x in t.turns] == ["Priya", "Grace"]
    assert t.turns[1].text == "It's me and Len, we're retired. Dinner for two, mostly."
    assert t.turns[1].seconds == 4.5
    assert_offsets(t)
    assert_renders_native(t)


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_name_colon_paragraphs_with_optional_timestamps():
    data = docx_bytes("Interview notes", "participant: P-33", "[00:00:03] Priya: How did you find Kitchbox?",
                      "Sam: A friend had it.", "I tried it the next week.", "[01:10] Priya: And then?",
                      "Sam: I kept it.")
    t = parse_docx(data, "P-99.docx")
    assert t.participant == "P-33"  # the document's own line wins over the file name
    assert [(x.speaker, x.seconds) for x in t.turns] == [("Priya", 3.0), ("Sam", None), ("Priya", 70.0),
                                                        ("Sam", None)]
    assert t.turns[1].text == "A friend had it. I tried it the next week."
    assert "Interview notes" not in t.text
    assert_offsets(t)
    assert_renders_native(t)


def test_docx_teams_header_lines():
    data = docx_bytes("Kitchbox interview", "March 3, 2026, 10:00AM", "Priya Raman   0:03",
                      "Thanks for joining. How did it start?", "Sam Lee   1:09\nWell: it started",
                      "with cooking every night.", "Sam Lee   1:30", "And it got old.")
    t = parse_docx(data, "P-34-teams.docx")
    assert [(x.speaker, x.seconds) for x in t.turns] == [("Priya Raman", 3.0), ("Sam Lee", 69.0)]
    # In Teams layout a colon inside the words is not a speaker change.
    assert t.turns[1].text == "Well: it started with cooking every night. And it got old."
    assert_offsets(t)
    assert_renders_native(t)


@pytest.mark.parametrize("name, participant, language, respondent", [
    ("P-21-zoom.vtt", "P-21", "en", "Owen Bell"),
    ("P-22-teams.vtt", "P-22", "pl", "Magdalena Nowak"),
    ("P-23-call.srt", "P-23", "en", "Grace"),
    ("P-24-teams.docx", "P-24", "en", "Tom Eriksen"),
])
def test_bundled_recorded_samples(name, participant, language, respondent):
    t = read_transcript(SAMPLES / name)
    assert (t.participant, t.language, t.respondent) == (participant, language, respondent)
    assert t.product == (None if "zoom" in name else "Kitchbox meal-kit subscription")  # Zoom files carry no metadata
    assert len(t.respondent_turns) >= 8 and t.words > 400
    assert len(t.sha256) == 64 and t.source.endswith(name)
    speakers = [x.speaker for x in t.turns]
    assert all(a != b for a, b in zip(speakers, speakers[1:]))  # consecutive cues were merged
    assert_offsets(t)
    assert_renders_native(t)


def test_sample_docx_is_what_the_script_writes():
    """The bundled .docx says what scripts/make_sample_docx.py (its source) says."""
    import runpy

    script = runpy.run_path(str(SAMPLES.parent / "scripts" / "make_sample_docx.py"))
    built = parse_docx(script["build"](), "P-24-teams.docx")
    assert built.text == read_transcript(SAMPLES / "P-24-teams.docx").text
    assert len(built.turns) == len(script["CONVERSATION"])


@pytest.mark.parametrize("text, expected", [
    ("Я заказал коробку, потому что не хотел думать об ужине. Это был выбор.", "ru"),
    ("Я замовила коробку, бо не хотіла думати про вечерю. Це їхня ідея, і все.", "uk"),
    ("Zamówiłam pudełko, bo nie chciałam myśleć o kolacji. Świetna sprawa, łatwo.", "pl"),
    ("I ordered the box because I did not want to think about dinner.", "en"),
])
def test_language_detection(text, expected):
    assert detect_language(text) == expected


def test_language_flag_wins_and_unknown_language_is_refused():
    assert parse_vtt(ZOOM, "a.vtt", language="pl").language == "pl"
    with pytest.raises(UserError, match="unsupported language 'de'"):
        parse_vtt(ZOOM, "a.vtt", language="de")
    with pytest.raises(UserError) as e:
        parse_vtt(ZOOM.replace("WEBVTT\n", "WEBVTT\n\nNOTE language: xx\n"), "a.vtt")
    assert e.value.line == 3


@pytest.mark.parametrize("name, participant", [
    ("P-13-zoom.vtt", "P-13"), ("P-13.annotated.txt", "P-13"), ("D-EN-01.txt", "D-EN-01"),
    ("p07_teams.docx", "p07"), ("interview-anna.srt", "interview-anna"), ("R12.vtt", "R12"),
])
def test_participant_from_file_name(name, participant):
    assert participant_from_path(f"some/dir/{name}") == participant


def test_respondent_named_but_silent_is_an_error():
    with pytest.raises(UserError, match="respondent 'Nobody' never speaks"):
        parse_vtt(ZOOM.replace("WEBVTT\n", "WEBVTT\n\nNOTE respondent: Nobody\n"), "a.vtt")


def test_front_matter_value_with_a_colon_is_read_as_written():
    """People write `product: Acme: the plan`; YAML refuses it, the reader keeps it as written."""
    text = ("---\nparticipant: P-7\nlanguage: en\nrespondent: Ben\n"
            "product: Acme Care: pendant, fall detection: 24/7\n---\n"
            "[00:00:01] Anna: Why did you buy it?\n[00:00:05] Ben: My mum fell twice last winter.\n")
    t = parse_native(text, "colon.txt")
    assert t.participant == "P-7" and t.respondent == "Ben"
    assert t.product == "Acme Care: pendant, fall detection: 24/7"
    assert [x.speaker for x in t.turns] == ["Anna", "Ben"]
    assert_offsets(t)


@pytest.mark.parametrize("written, code", [("English", "en"), ("en-GB", "en"), ("pl_PL", "pl"), ("Polski", "pl"),
                                           ("UA", "uk"), ("Українська", "uk"), ("Russian", "ru")])
def test_language_named_in_words_or_with_a_region_is_read(written, code):
    text = f"---\nlanguage: {written}\nrespondent: Ben\n---\n[00:01] Anna: Why?\n[00:04] Ben: It broke.\n"
    assert parse_native(text, "named.txt").language == code


@pytest.mark.parametrize("named", ["Ben Okafor", "ben"])
def test_respondent_spelt_differently_from_the_speaker_label_is_found_with_a_warning(named):
    text = f"---\nrespondent: {named}\n---\n[00:01] Anna: Why?\n[00:04] Ben: It broke.\n[00:09] Anna: And?\n"
    t = parse_native(text, "spelt.txt")
    assert t.respondent == "Ben" and [x.role for x in t.turns] == ["interviewer", "respondent", "interviewer"]
    assert t.warnings[0] == f"spelt.txt: respondent {named!r} taken to be the speaker 'Ben'"


def test_respondent_name_that_fits_two_speakers_is_still_refused():
    text = "---\nrespondent: Ben\n---\nAnna: Why?\nBen Okafor: It broke.\nBen Lee: Same here.\n"
    with pytest.raises(UserError, match="respondent 'Ben' never speaks"):
        parse_native(text, "two.txt")


def test_blank_respondent_name_is_a_clear_error_not_a_crash():
    with pytest.raises(UserError, match="respondent ' ' never speaks"):
        parse_native('---\nrespondent: " "\n---\nAnna: Why?\nBen: It broke.\n', "blank.txt")
