"""The coding pass: JTBD stage, forces, emotion, touchpoints and pains for respondent speech.

    from jtbd_kit.coding import code_transcript
    segments = code_transcript(read_transcript("P-01.txt"))

spaCy is imported only when a transcript is actually coded; the learned model (coding/learned/
coder.json, or a project's own from `jtbd learn`) is plain JSON scored with numpy, and
scikit-learn is imported only to train one (learn.py).
"""

from jtbd_kit.coding.code import CODER, code_transcript
from jtbd_kit.coding.model import FORCES, STAGES, Segment
from jtbd_kit.coding.stored import code_stored

__all__ = ["CODER", "FORCES", "STAGES", "Segment", "code_stored", "code_transcript"]
