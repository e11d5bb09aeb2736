"""Coding speed against spaCy's bare tokenizer, measured on the same texts in the same process.

For each language a one-hour interview (~9,000 words) is built from the bundled sample
interviews in transcripts/ (their turns in order, repeated until long enough; the short test
interviews in tests/data/coding/annotated when a language has no sample); the coder's words
per second are reported next to
`spacy.blank(lang)`'s tokenizer on the same turns, and their ratio (target >= 0.25). The
pipeline is loaded (and its lemma cache warmed) before timing, as it is for every interview
after the first in a `jtbd code` run.

    python benchmarks/coding_speed.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import spacy

from jtbd_kit.coding import code_transcript
from jtbd_kit.transcript.native import parse_native

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "transcripts"
DATA = REPO / "tests" / "data" / "coding" / "annotated"
TAG = re.compile(r"\{[a-z_]+\|[a-z,]*\|[-0+]\}[ \t]?")
WORDS = 9000


def hour_long(lang: str) -> str:
    """A transcript of about WORDS words in one language, with real turn lengths."""
    files = sorted(SAMPLES.glob(f"*-{lang}.txt")) or [DATA / f"R-{lang.upper()}-01.annotated.txt"]
    head, turns = "", []
    for f in files:
        text = TAG.sub("", f.read_text(encoding="utf-8"))
        front, _, body = text.partition("\n---\n")
        head = head or front
        speakers = {k: v for k, v in (line.split(": ", 1) for line in front.splitlines()[1:] if ": " in line)}
        for line in body.strip().splitlines():
            # one interviewer and one respondent name throughout, so roles stay right
            line = line.replace(f"] {speakers.get('interviewer')}:", "] Interviewer:")
            turns.append(line.replace(f"] {speakers.get('respondent')}:", "] Respondent:"))
    head = "\n".join(l for l in head.splitlines() if not l.startswith(("interviewer:", "respondent:")))
    head += "\ninterviewer: Interviewer\nrespondent: Respondent"
    out, words = [], 0
    while words < WORDS:
        for line in turns:
            out.append(line)
            words += len(line.split(": ", 1)[-1].split())
    return head + "\n---\n" + "\n".join(out) + "\n"


def timed(fn, seconds: float = 0.5) -> float:
    """Seconds per call: best of several rounds, each repeating `fn` for at least `seconds`/5."""
    best = float("inf")
    for _ in range(5 if seconds else 1):
        calls, t0 = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            spent = time.perf_counter() - t0
            if spent >= seconds / 5:
                break
        best = min(best, spent / calls)
    return best


def main() -> int:
    print(f"{'lang':4} {'words':>6} {'coder s':>8} {'coder w/s':>10} {'tokenizer w/s':>14} {'ratio':>6}"
          f" {'cold tok w/s':>13} {'ratio':>6}")
    ratios = []
    for lang in ("en", "ru", "uk", "pl"):
        transcript = parse_native(hour_long(lang), f"{lang}.txt")
        words = transcript.words
        texts = [t.text for t in transcript.turns]
        code_transcript(transcript)  # load the pipeline once, as every run after the first finds it
        coder = timed(lambda: code_transcript(transcript))
        tokenizer = spacy.blank(lang).tokenizer
        bare = timed(lambda: [tokenizer(t) for t in texts])
        # the tokenizer meeting the words for the first time (its own cache empty), as in a one-off run
        fresh = [spacy.blank(lang).tokenizer for _ in range(5)]
        cold = min(timed(lambda tok=tok: [tok(t) for t in texts], seconds=0) for tok in fresh)
        ratio = bare / coder
        ratios.append(ratio)
        print(f"{lang:4} {words:6d} {coder:8.3f} {words / coder:10.0f} {words / bare:14.0f} {ratio:6.2f}"
              f" {words / cold:13.0f} {cold / coder:6.2f}")
    print(f"lowest ratio to the warm tokenizer: {min(ratios):.2f} (target >= 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
