"""`jtbd report`: one folder with index.html linking every persona's maps and the saturation curve."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema

from jtbd_kit.cli import main
from jtbd_kit.journey.json_out import schema
from jtbd_kit.store import open_db
from test_journey import make_study

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def test_report_writes_every_file_and_links_them_from_the_index(db_path, runner, tmp_path):
    make_study(db_path)
    out = tmp_path / "report"
    result = runner.invoke(main, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    index = out / "index.html"
    assert result.output.strip() == str(index)
    names = {p.name for p in out.iterdir()}
    for slug in ("persona-1-busy-parents", "persona-2-fixers"):
        assert {f"journey-{slug}{ext}" for ext in (".html", ".md", ".mmd", ".json")} <= names
    assert {"journey-maps.json", "journey-maps.schema.json", "saturation.svg"} <= names
    html = index.read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+)"', html))
    assert links == names - {"index.html"}
    assert "Busy Parents" in html and "Fixers" in html and "Interviews: 3" in html
    assert "<script" not in html
    for name in names - {"index.html"}:
        if name.endswith(".json") and not name.endswith("schema.json"):
            jsonschema.Draft202012Validator(schema()).validate(json.loads((out / name).read_text(encoding="utf-8")))
    assert json.loads((out / "journey-maps.schema.json").read_text()) == schema()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_saturation_curve_and_charts_are_well_formed_svg(db_path, runner, tmp_path):
    make_study(db_path)
    out = tmp_path / "report"
    assert runner.invoke(main, ["report", "--out", str(out)]).exit_code == 0
    saturation = ET.parse(out / "saturation.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in saturation.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert [b.find(f"{ns}title").text.split(":")[0] for b in bars] == ["P-01", "P-02", "P-03"]
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] > 0 and all(h >= 0 for h in heights)
    html = (out / "index.html").read_text(encoding="utf-8")
    charts = SVG.findall(html)
    assert len(charts) == 5  # emotion curve and forces per persona, then saturation
    for chart in charts:
        ET.fromstring(chart)  # every inline SVG parses as XML
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))  # two personas' force arrows once had the same marker ids
    for target in re.findall(r"url\(#([^)]+)\)", html):
        assert target in ids


def test_report_can_be_rewritten_in_place(db_path, runner, tmp_path):
    make_study(db_path)
    out = tmp_path / "report"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "journey-persona-9-gone.html").write_text("a persona an earlier run found")
    for _ in range(2):
        assert runner.invoke(main, ["report", "--out", str(out), "--stages", "cjm", "--lang", "uk"]).exit_code == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Звіт про дослідження" in html and "Шлях клієнта" in html
    assert (out / "notes.txt").read_text() == "mine" and 'href="notes.txt"' in html
    assert not (out / "journey-persona-9-gone.html").exists() and "persona-9" not in html


def test_report_bad_input_is_one_line_and_exit_2(db_path, runner, tmp_path):
    open_db(db_path)
    result = runner.invoke(main, ["report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2 and "nothing coded yet" in result.output
    make_study(tmp_path / "study.db")
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    for out in (blocker, blocker / "r"):
        result = runner.invoke(main, ["report", "--db", str(tmp_path / "study.db"), "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1


def test_demo_ends_with_the_report_index(runner, tmp_path):
    from conftest import SAMPLES

    samples = tmp_path / "samples"
    samples.mkdir()
    for name in ("P-01-en.txt", "P-05-en.txt", "P-09-en.txt"):
        (samples / name).write_bytes((SAMPLES / name).read_bytes())
    out = tmp_path / "demo"
    result = runner.invoke(main, ["demo", "--out", str(out), "--transcripts", str(samples)])
    assert result.exit_code == 0, result.output
    index = out / "report" / "index.html"
    assert "4. Journey maps and report" in result.output
    assert result.output.strip().splitlines()[-1] == f"Open the report: {index}"
    html = index.read_text(encoding="utf-8")
    assert "saturation.svg" in html and html.count('class="persona"') >= 1
