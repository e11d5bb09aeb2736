"""Coding transcript files directly, without a project database (what `jtbd code FILE` does).

The project's own model (`jtbd learn`, beside the database `--db` names) is used when it exists,
else the shipped one.
"""

from __future__ import annotations

from pathlib import Path

from jtbd_kit.coding.model import Segment
from jtbd_kit.transcript.model import Transcript


def _code(job: tuple[Transcript, str | None]) -> list[Segment]:
    from jtbd_kit.coding.code import code_transcript
    from jtbd_kit.coding.weights import load_model

    transcript, model_path = job
    return code_transcript(transcript, load_model(Path(model_path)) if model_path else None)


def code_files(paths: list[str], language: str | None = None, jobs: int = 1,
               db_path: str | None = None) -> list[tuple[str, list[Segment], list[str]]]:
    """Read and code each file; all are read (and checked) before any is coded.

    Returns (path, segments, warnings) per file: the warnings say what the reader guessed
    (an unnamed respondent, a name spelt differently from the speaker label).
    """
    from jtbd_kit.coding.code import code_transcript
    from jtbd_kit.coding.weights import active_model
    from jtbd_kit.transcript import read_transcript

    transcripts = [read_transcript(p, language) for p in paths]
    model = active_model(db_path)
    if jobs > 1 and len(transcripts) > 1:
        from concurrent.futures import ProcessPoolExecutor

        where = str(model.path) if model is not None else None
        with ProcessPoolExecutor(max_workers=min(jobs, len(transcripts))) as pool:
            results = list(pool.map(_code, [(t, where) for t in transcripts], chunksize=1))
    else:
        results = [code_transcript(t, model) for t in transcripts]
    return [(p, segments, t.warnings) for p, segments, t in zip(paths, results, transcripts)]
