"""The learned coder's decision rules: one force per sentence, emotion offsets, and how-it-is-said features."""

from __future__ import annotations

from jtbd_kit.coding.features import marks, with_stage
from jtbd_kit.coding.model import FORCES
from jtbd_kit.coding.weights import CoderModel


def model(force_bias: dict[str, float], emotion_intercept: list[float], **extra) -> CoderModel:
    """A model over one feature `x`: each force head's score is its bias, emotion's its intercept."""
    head = {f: {"labels": [False, True], "coef": {}, "intercept": [b], "threshold": 0.5}
            for f, b in force_bias.items()}
    return CoderModel({"format": "jtbd-coder", "name": "t", "features": ["x"], "blend": {"rules": 0.5, "model": 1.0},
                       "stage": {"labels": ["other", "buying"], "coef": {}, "intercept": [0.0, 0.0]},
                       "forces": head, "emotion": {"labels": [-1, 0, 1], "coef": {}, "intercept": emotion_intercept},
                       **extra})


def test_a_sentence_gets_at_most_the_likeliest_force():
    m = model({"push": 2.0, "pull": 1.0, "anxiety": 3.0, "habit": -2.0}, [0.0, 1.0, 0.0])
    codes = m.codes([{"x": 1.0}] * 3)
    assert codes.forces == [["anxiety"]] * 3
    # the probabilities behind the choice: one softmax over none and the four forces
    chances = dict(zip(codes.names, codes.chances[0]))
    assert round(chances["anxiety"], 3) == 0.641 and round(chances["habit"], 4) == 0.0043
    assert sum(chances.values()) < 1


def test_no_force_when_every_head_says_no():
    m = model({f: -3.0 for f in FORCES}, [0.0, 1.0, 0.0])
    assert m.codes([{"x": 1.0}]).forces == [[]]


def test_emotion_offsets_move_the_label_but_not_the_score():
    plain = model({}, [0.0, 0.5, 0.3])
    leaning = model({}, [0.0, 0.5, 0.3], emotion_bias={"1": 0.4})
    before, after = plain.codes([{"x": 1.0}]), leaning.codes([{"x": 1.0}])
    assert (before.emotion, after.emotion) == ([0], [1])
    assert before.score == after.score


def test_how_a_sentence_is_said():
    assert marks(["wow", "!", "really", "?", "well", ".", ".", ".", "(", "laugh", ")"]) == {
        "mark:!": 1.0, "mark:?": 1.0, "mark:...": 1.0, "mark:(": 1.0}
    assert marks(["it", "be", "fine", "."]) == {}


def test_force_and_emotion_cues_are_crossed_with_the_stage():
    out = with_stage({"f:push": 1.0, "e:polarity": -2.0, "w:kettle": 1.0}, "first_thought")
    assert out["stage:first_thought"] == 1.0
    assert out["first_thought|f:push"] == 1.0 and out["first_thought|e:polarity"] == -2.0
    assert "first_thought|w:kettle" not in out
