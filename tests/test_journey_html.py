"""The HTML journey map: escaped, self-contained, and really rendered by a headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from jtbd_kit.cli import main
from jtbd_kit.journey.build import build_maps
from jtbd_kit.journey.html import render_html
from jtbd_kit.store import open_db
from test_journey import make_study

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


def chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium as root: no sandbox, no GPU, nothing fetched, a fresh profile each time."""
    profile = tmp_path / f"profile-{page.stem}-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *args, page.as_uri()],
        capture_output=True, text=True, timeout=120)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def png_pixels(data: bytes, rows: int) -> tuple[int, set[tuple[int, ...]]]:
    """Decode the first `rows` rows of an 8-bit RGB/RGBA PNG (zlib and PNG filters): (width, colours)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type = header[:4]
    assert depth == 8 and colour_type in (2, 6)
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours = bytearray(stride), set()
    for r in range(min(rows, height)):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, {tuple(c) for c in colours}


@pytest.fixture
def page(db_path: Path, tmp_path: Path) -> Path:
    make_study(db_path)
    out = tmp_path / "map.html"
    out.write_text(render_html(build_maps(open_db(db_path))), encoding="utf-8")
    return out


def test_transcript_strings_are_escaped_and_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Busy Parents | who switch" in html  # text, not markup, but not mangled either
    assert not re.search(r"<link|<img|\bsrc=|@import|url\((?!#)", html)
    assert set(re.findall(r"https?://[^\s\"')]+", html)) == {"http://www.w3.org/2000/svg"}
    assert html.count("<svg") == 4  # emotion curve and forces, for each of the two personas
    assert "@media print" in html and "Reduce the worry about price while deciding" in html


def test_cli_writes_the_html_page(db_path, runner, tmp_path):
    make_study(db_path)
    out = tmp_path / "fixers.html"
    result = runner.invoke(main, ["journey", "fixers", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<title>Journey map: Fixers</title>" in html
    assert "· title x y" not in html and "title: journey; #1 %% x" in html  # HTML shows quotes as spoken


@needs_chromium
def test_chromium_renders_the_page_without_console_errors(page, tmp_path):
    dom = chromium(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<script" not in dom.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    assert "Journey map: Busy Parents" in dom.stdout
    assert console_lines(dom.stderr) == []

    shot = tmp_path / "shot.png"
    run = chromium(page, tmp_path, "--window-size=900,700", f"--screenshot={shot}")
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    assert console_lines(run.stderr) == []
    width, colours = png_pixels(shot.read_bytes(), rows=300)
    assert width == 900
    assert len(colours) > 20  # text, the persona card and the charts, not a blank page
    assert (0x0B, 0x5C, 0xAD) in colours  # the persona card's accent border: the inline CSS applied


@needs_chromium
def test_the_console_check_catches_a_broken_page(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><p>x</p><script>throw new Error('boom')</script>")
    run = chromium(bad, tmp_path, "--dump-dom")
    assert any("Uncaught Error: boom" in line for line in console_lines(run.stderr))
