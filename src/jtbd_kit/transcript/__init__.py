"""Transcripts: one model, one reader per format. `read_transcript(path)` picks the reader."""

from jtbd_kit.transcript.model import Transcript, Turn
from jtbd_kit.transcript.read import read_transcript, SUFFIXES

__all__ = ["Transcript", "Turn", "read_transcript", "SUFFIXES"]
