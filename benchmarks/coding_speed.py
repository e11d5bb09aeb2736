"""Coding speed against spaCy's bare tokenizer, measured on the same texts in the same process.

What a researcher waits for is a new interview: words the lemma caches have partly seen (the
other interviews of the study) and partly not. So for each language the project's annotated
training interviews (benchmarks/train, tags stripped) are split: the first few warm the coder and
the tokenizer up, as earlier interviews of a `jtbd code` run do; the rest are joined, without
repeating a turn, into one-hour interviews (~9,000 words each). Each hour is coded once and
tokenized once by `spacy.blank(lang)`'s tokenizer (warmed on the same interviews as the coder),
and the ratio of their words per second is reported, median over the hours (target >= 0.25).

An earlier version repeated a sample interview's turns until it was an hour long; from the second
repetition on, the tokenizer's cache answered every word, which measured a cache lookup (2.1
million words/s for Polish) rather than tokenizing.

    python benchmarks/coding_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import spacy

from jtbd_kit.coding import code_transcript
from jtbd_kit.coding.annotated import strip_tags
from jtbd_kit.transcript.native import parse_native

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO / "benchmarks" / "train"
WORDS = 9000
WARM = 4  # interviews that warm the caches before timing


def hours(lang: str) -> tuple[list, list]:
    """(warm-up transcripts, one-hour transcripts) built from distinct training interviews."""
    files = sorted(TRAIN.glob(f"*-{lang.upper()}-*.annotated.txt"))
    parsed = [parse_native(strip_tags(f.read_text(encoding="utf-8"))[0], f.name) for f in files]
    warm, rest = parsed[:WARM], parsed[WARM:]
    out, lines, words = [], [], 0
    for t in rest:
        for turn in t.turns:
            role = "Respondent" if turn.role == "respondent" else "Interviewer"
            lines.append(f"{role}: {' '.join(turn.text.split())}")
            words += len(turn.text.split())
        if words >= WORDS:
            head = f"---\nlanguage: {lang}\ninterviewer: Interviewer\nrespondent: Respondent\n---\n"
            out.append(parse_native(head + "\n".join(lines) + "\n", f"{lang}-hour-{len(out) + 1}.txt"))
            lines, words = [], 0
    return warm, out


def main() -> int:
    print(f"{'lang':4} {'hours':>5} {'words':>6} {'coder s':>8} {'coder w/s':>10} {'tokenizer w/s':>14} {'ratio':>6}")
    ratios = []
    for lang in ("en", "ru", "uk", "pl"):
        warm, timed = hours(lang)
        tokenizer = spacy.blank(lang).tokenizer
        for t in warm:
            code_transcript(t)
            for turn in t.turns:
                tokenizer(turn.text)
        rows = []
        for t in timed:
            texts = [turn.text for turn in t.turns]
            t0 = time.perf_counter()
            for text in texts:
                tokenizer(text)
            bare = time.perf_counter() - t0
            t0 = time.perf_counter()
            code_transcript(t)
            coder = time.perf_counter() - t0
            rows.append((t.words, coder, bare))
        ratio = statistics.median(bare / coder for _, coder, bare in rows)
        words = statistics.median(w for w, _, _ in rows)
        coder = statistics.median(c for _, c, _ in rows)
        bare_wps = statistics.median(w / b for w, _, b in rows)
        ratios.append(ratio)
        print(f"{lang:4} {len(rows):5d} {words:6.0f} {coder:8.3f} {words / coder:10.0f} {bare_wps:14.0f} {ratio:6.2f}")
    print(f"lowest ratio (median over new one-hour interviews): {min(ratios):.2f} (target >= 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
