"""How far a second annotation of the same interviews agrees with the first, scored like the coder.

Two folders of `*.annotated.txt` with the same interviews (the same text once the tags are
stripped): the first is taken as gold, the second is scored against it span by span, exactly as
`coding_quality.py` scores the coder (the second annotation's spans covering a gold span vote by
overlap). It puts the coder's scores next to what a second careful annotator reaches:

    python benchmarks/agreement.py benchmarks/heldout-j benchmarks/agreement/heldout-j
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coding_quality import SpanScores, table

from jtbd_kit.coding.annotated import strip_tags
from jtbd_kit.transcript.native import parse_native


def agreement(first: Path, second: Path) -> dict:
    """Per language (and all): the second folder's annotations scored against the first's."""
    scores = SpanScores()
    pairs = [(first / p.name, p) for p in sorted(second.glob("*.annotated.txt"))]
    if not pairs:
        raise SystemExit(f"no *.annotated.txt in {second}")
    for gold_path, other_path in pairs:
        if not gold_path.is_file():
            raise SystemExit(f"{other_path.name}: no file of that name in {first}")
        text, gold = strip_tags(gold_path.read_text(encoding="utf-8"))
        other_text, other = strip_tags(other_path.read_text(encoding="utf-8"))
        if text != other_text:
            raise SystemExit(f"{other_path.name}: the text differs from {gold_path} once the tags are stripped")
        scores.add(parse_native(text, str(gold_path)).language, gold, other)
    return scores.table()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path, help="the annotation taken as gold")
    ap.add_argument("second", type=Path, help="the second annotation of the same interviews")
    args = ap.parse_args(argv)
    table(f"{args.second} scored against {args.first}:", agreement(args.first, args.second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
