"""How fast `jtbd import` takes in a study: 1,000 generated transcripts into a fresh database.

Prints files/s and words/s for the full import (read, parse, store with FTS, one transaction
per file), and the same work split into stages, each as a ratio against a baseline measured in
the same process on the same files: reading and hashing every file, which no importer can beat.

    python benchmarks/import_throughput.py [--files 1000] [--turns 40] [--seed 7]

Most files are in the project's own format, with a share of Zoom VTT, SRT and Word files, as a
study that mixes typed-up and recorded interviews would have.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the box came on monday and i was worried about the price because we had tried meal "
         "kits before but this time the recipes looked easy and my partner said we should just try "
         "it for a month so i signed up with a code from a friend and honestly the first dinner "
         "took longer than the card said yet the kids ate everything which never happens").split()
QUESTIONS = ["When did you first think about it?", "What else did you look at?", "What worried you?",
             "What happened next?", "How has it been since?", "Why then, and not earlier?"]


def conversation(rng: random.Random, turns: int) -> list[tuple[str, int, str]]:
    out, t = [], 3
    for i in range(turns):
        if i % 2 == 0:
            out.append(("Priya", t, rng.choice(QUESTIONS)))
        else:
            out.append(("Sam", t, " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 70))) + "."))
        t += rng.randint(5, 40)
    return out


def stamp(seconds: int, sep: str = ".") -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{sep}000"


def write_native(path: Path, pid: str, conv) -> None:
    head = f"---\nparticipant: {pid}\nlanguage: en\ninterviewer: Priya\nrespondent: Sam\nproduct: Kitchbox\n---\n"
    body = "".join(f"[{stamp(s)[:8]}] {who}: {words}\n" for who, s, words in conv)
    path.write_text(head + body, encoding="utf-8")


def write_vtt(path: Path, conv) -> None:
    cues = [f"{n}\n{stamp(s)} --> {stamp(s + 4)}\n{who}: {words}\n" for n, (who, s, words) in enumerate(conv, 1)]
    path.write_text("WEBVTT\n\n" + "\n".join(cues), encoding="utf-8")


def write_srt(path: Path, conv) -> None:
    cues = [f"{n}\n{stamp(s, ',')} --> {stamp(s + 4, ',')}\n{who}: {words}\n" for n, (who, s, words) in enumerate(conv, 1)]
    path.write_text("\n".join(cues), encoding="utf-8")


def write_docx(path: Path, conv) -> None:
    import docx

    document = docx.Document()
    for who, s, words in conv:
        document.add_paragraph(f"[{stamp(s)[:8]}] {who}: {words}")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def generate(folder: Path, files: int, turns: int, seed: int) -> int:
    """Write the study; return its word count."""
    rng = random.Random(seed)
    words = 0
    for i in range(1, files + 1):
        conv = conversation(rng, turns)
        words += sum(len(w.split()) for _, _, w in conv)
        kind = i % 10
        if kind == 7:
            write_vtt(folder / f"B-{i:04d}-zoom.vtt", conv)
        elif kind == 8:
            write_srt(folder / f"B-{i:04d}-call.srt", conv)
        elif kind == 9:
            write_docx(folder / f"B-{i:04d}.docx", conv)
        else:
            write_native(folder / f"B-{i:04d}.txt", f"B-{i:04d}", conv)
    return words


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from jtbd_kit.importer import find_transcripts, import_many
    from jtbd_kit.store import open_db
    from jtbd_kit.transcript import read_transcript

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "study"
        folder.mkdir()
        words = generate(folder, args.files, args.turns, args.seed)
        files = find_transcripts([folder])
        read_transcript(files[0])  # load the readers' libraries before any clock starts

        baseline = timed(lambda: [hashlib.sha256(f.read_bytes()).hexdigest() for f in files])
        parse = timed(lambda: [read_transcript(f) for f in files])
        db = open_db(Path(tmp) / "bench.db")
        failures: list[str] = []
        full = timed(lambda: failures.extend(e for _, _, _, e in import_many(db, files) if e))
        again = timed(lambda: list(import_many(db, files)))
        if failures:
            sys.exit(f"{len(failures)} generated files failed to import, e.g. {failures[0]}")
        assert db["interviews"].count == len(files)

    n = len(files)
    print(f"{n} transcripts, {words:,} words ({args.turns} turns each; 70% own format, 10% each VTT, SRT, DOCX)")
    print(f"{'stage':<34}{'seconds':>9}{'files/s':>10}{'words/s':>12}{'x baseline':>12}")
    for name, secs in (("baseline: read + sha256", baseline), ("read + parse (no database)", parse),
                       ("jtbd import into a fresh db", full), ("re-import, all unchanged", again)):
        print(f"{name:<34}{secs:>9.2f}{n / secs:>10.0f}{words / secs:>12,.0f}{secs / baseline:>12.1f}")


if __name__ == "__main__":
    main()
