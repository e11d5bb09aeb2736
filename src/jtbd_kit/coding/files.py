"""Coding transcript files directly, without a project database (what `jtbd code FILE` does)."""

from __future__ import annotations

from jtbd_kit.coding.model import Segment
from jtbd_kit.transcript.model import Transcript


def _code(transcript: Transcript) -> list[Segment]:
    from jtbd_kit.coding.code import code_transcript

    return code_transcript(transcript)


def code_files(paths: list[str], language: str | None = None, jobs: int = 1) -> list[tuple[str, list[Segment]]]:
    """Read and code each file; all are read (and checked) before any is coded."""
    from jtbd_kit.transcript import read_transcript

    transcripts = [read_transcript(p, language) for p in paths]
    if jobs > 1 and len(transcripts) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(transcripts))) as pool:
            results = list(pool.map(_code, transcripts, chunksize=1))
    else:
        results = [_code(t) for t in transcripts]
    return list(zip(paths, results))
