"""Shared fixtures: a fresh project database and a CLI runner that points at it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "transcripts"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def runner(db_path: Path, monkeypatch) -> CliRunner:
    """CliRunner whose commands use a fresh database via $JTBD_DB."""
    monkeypatch.setenv("JTBD_DB", str(db_path))
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path."""
    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding=encoding)
        return p
    return _write
