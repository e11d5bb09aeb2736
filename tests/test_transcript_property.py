"""Property: any conversation rendered in the project's format parses back with exact offsets."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from jtbd_kit.transcript.model import ASIDE, render_native, without_asides
from jtbd_kit.transcript.native import parse_native
from jtbd_kit.transcript.recorded import clean_speaker

NAME_CHARS = st.characters(codec="utf-8")
speakers = st.text(NAME_CHARS, min_size=1, max_size=50).map(clean_speaker)
# Words may hold any character, line breaks of every kind included: rendering puts a turn on one line.
words = st.text(st.characters(codec="utf-8"), max_size=120).filter(lambda w: w.split())
seconds = st.one_of(st.none(), st.integers(min_value=0, max_value=99 * 3600 + 3599).map(float))
turns = st.lists(st.tuples(speakers, seconds, words), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(turns, st.sampled_from(["en", "ru", "uk", "pl"]))
def test_rendered_turns_parse_back_with_exact_offsets(conversation, language):
    text, spans = render_native({"participant": "P-1", "language": language}, conversation)
    t = parse_native(text, "prop.txt")
    assert t.language == language and t.participant == "P-1"
    assert len(t.turns) == len(conversation)
    for turn, (speaker, secs, said), (start, end, line) in zip(t.turns, conversation, spans):
        assert (turn.start, turn.end, turn.line) == (start, end, line)
        assert turn.text == text[start:end] == " ".join(said.split())
        assert turn.speaker == speaker.strip()
        assert turn.seconds == secs
        assert text.splitlines()[line - 1].endswith(turn.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(words, st.sampled_from(["(laughs)", "[inaudible]", "(сміється)", "( sighs )", "(long pause)"])),
                max_size=12).map(" ".join))
def test_blanking_asides_keeps_every_offset(said):
    blanked = without_asides(said)
    assert len(blanked) == len(said) and not ASIDE.search(blanked)
    assert all(a == b or b == " " for a, b in zip(said, blanked))
