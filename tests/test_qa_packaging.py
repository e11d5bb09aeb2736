"""The samples a wheel carries: `jtbd demo` and `jtbd guides` find them through importlib.resources
when installed, and the repository's own folders in an editable checkout."""

from __future__ import annotations

from pathlib import Path

from jtbd_kit import guides
from jtbd_kit.demo import bundled_transcripts

REPO = Path(__file__).resolve().parents[1]


def test_an_editable_checkout_reads_the_top_level_folders():
    assert guides.bundled_guides() == REPO / "guides"
    assert bundled_transcripts() == REPO / "transcripts"


def test_an_installed_package_reads_its_bundled_copies(tmp_path, monkeypatch):
    package = tmp_path / "jtbd_kit"
    for name in ("guides", "transcripts"):
        (package / "bundled" / name).mkdir(parents=True)
    monkeypatch.setattr(guides.resources, "files", lambda name: package if name == "jtbd_kit" else None)
    assert guides.bundled_guides() == package / "bundled" / "guides"
    assert bundled_transcripts() == package / "bundled" / "transcripts"

