"""QA session 5: every --help fits 80 columns; output paths that cannot be written fail in one line.

Output paths are checked with the real commands (journey, report, export, demo): a folder in the
path that is a file, a missing folder, a folder that cannot be written in, a folder where a file
is expected, the project database itself. Each gives one `Error:` line, exit code 2, and writes
nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jtbd_kit.cli import main
from test_exports import coded_project
from test_journey import make_study


def walk(command: click.Command, path: tuple[str, ...] = ()):
    """(path, command) for `main` and every command and group below it, however deep."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, path + (name,))


COMMANDS = [path for path, _ in walk(main)]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "jtbd" for p in COMMANDS])
def test_help_fits_80_columns_and_shows_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.output.splitlines() if len(line) > 80]
    assert not wide, f"jtbd {' '.join(path)} --help has lines over 80 columns: {wide}"
    if "Commands:" in result.output:  # each command's summary whole, not cut off with "..."
        cut = [line for line in result.output.split("Commands:", 1)[1].splitlines() if line.endswith("...")]
        assert not cut, f"summaries cut short (give the command a short_help): {cut}"
    name = " ".join(("jtbd", *path))
    if path:  # the convention: every command's help ends with an Example: block that runs it
        assert "Example:" in result.output
        assert any(line.strip().startswith(name) for line in result.output.split("Example:", 1)[1].splitlines())
    else:  # `jtbd --help` shows where to start, as commands to type
        assert any(line.strip().startswith("jtbd demo") for line in result.output.splitlines())


# --- output paths ---------------------------------------------------------------------------


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return lines[0]


def files_under(folder: Path) -> set[str]:
    """Every path below `folder`, less SQLite's -wal/-shm files (they come and go with connections)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm"))}


@pytest.fixture
def study(tmp_path, monkeypatch) -> Path:
    """A small coded study with personas; commands run in tmp_path/work (kept apart from the db)."""
    db = make_study(tmp_path / "study.db")
    work = tmp_path / "work"
    work.mkdir()
    (work / "a_file").write_text("not a folder\n")
    monkeypatch.chdir(work)
    monkeypatch.setenv("JTBD_DB", str(db))
    return work


def journey(*out: str):
    return CliRunner().invoke(main, ["journey", "1", *(["--out", *out] if out else [])])


def test_journey_out_under_a_file_says_the_parent_is_a_file(study):
    before = files_under(study)
    line = one_error_line(journey("a_file/map.md"))
    assert line == "Error: a_file/map.md: a_file is a file, not a folder (pick another --out)"
    assert "does not exist" not in line
    assert files_under(study) == before and (study / "a_file").read_text() == "not a folder\n"
    line = one_error_line(journey("a_file/deeper/map.md"))
    assert "a_file is a file, not a folder" in line


def test_journey_out_in_a_missing_folder(study):
    line = one_error_line(journey("nowhere/map.md"))
    assert line == "Error: nowhere: folder does not exist (create it first or pick another --out)"
    assert not (study / "nowhere").exists()


def test_journey_out_with_a_slash_is_a_folder_never_a_file(study):
    line = one_error_line(journey("maps/"))
    assert "maps/: folder does not exist" in line
    assert not (study / "maps").exists()
    (study / "maps").mkdir()
    result = journey("maps/")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (study / "maps").iterdir()] == ["journey-persona-1-busy-parents.md"]


def test_journey_out_must_not_replace_the_project_database(study, tmp_path):
    db = tmp_path / "study.db"
    size = db.stat().st_size
    line = one_error_line(journey(str(db)))
    assert "is the project database" in line
    assert db.stat().st_size == size
    line = one_error_line(CliRunner().invoke(main, ["journey", "--out", "../study.db"]))
    assert "is the project database" in line


def test_journey_out_in_a_folder_that_cannot_be_written(study, monkeypatch):
    monkeypatch.setattr("jtbd_kit.cli.writable", lambda folder: folder.resolve() != (study / "locked").resolve())
    (study / "locked").mkdir()
    line = one_error_line(journey("locked/map.md"))
    assert line == "Error: locked/map.md: cannot write in folder locked (permission denied) (pick another --out)"
    line = one_error_line(journey("locked"))  # an existing folder: one file per persona goes in it
    assert "cannot write in folder locked" in line
    assert not list((study / "locked").iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_journey_out_in_a_read_only_folder_for_real(study):
    locked = study / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        line = one_error_line(journey("locked/map.md"))
        assert "cannot write in folder locked" in line
    finally:
        locked.chmod(0o755)


def test_journey_out_still_writes_a_file_and_a_folder(study):
    result = journey("map.md")
    assert result.exit_code == 0, result.output
    assert (study / "map.md").read_text(encoding="utf-8").startswith("# Journey map")
    (study / "maps").mkdir()
    assert journey("maps").exit_code == 0
    assert (study / "maps" / "journey-persona-1-busy-parents.md").exists()


def test_journey_format_follows_the_out_suffix_unless_given(study):
    for name, start in (("map.html", "<!DOCTYPE html>"), ("map.mmd", "journey"), ("map.json", "{"),
                        ("map.txt", "# Journey map")):
        assert journey(name).exit_code == 0
        assert (study / name).read_text(encoding="utf-8").lstrip().lower().startswith(start.lower()), name
    result = CliRunner().invoke(main, ["journey", "1", "--format", "md", "--out", "given.html"])
    assert result.exit_code == 0, result.output
    assert (study / "given.html").read_text(encoding="utf-8").startswith("# Journey map")


def test_report_out_problems(study, monkeypatch):
    line = one_error_line(CliRunner().invoke(main, ["report", "--out", "a_file"]))
    assert line == "Error: a_file: is a file, not a folder (pick another --out: a folder)"
    line = one_error_line(CliRunner().invoke(main, ["report", "--out", "a_file/report"]))
    assert line == "Error: a_file/report: a_file is a file, not a folder (pick another --out)"
    monkeypatch.setattr("jtbd_kit.cli.writable", lambda folder: False)
    line = one_error_line(CliRunner().invoke(main, ["report", "--out", "new/report"]))
    assert line == "Error: new/report: cannot write in folder . (permission denied) (pick another --out)"
    assert files_under(study) == {"a_file"}


@pytest.fixture
def coded(tmp_path, monkeypatch):
    """A coded one-interview project (the export tests' fixture); commands run in tmp_path."""
    db_path = tmp_path / "project.db"
    monkeypatch.setenv("JTBD_DB", str(db_path))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def write(name: str, text: str) -> Path:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path / name

    coded_project(runner, write, db_path)
    (tmp_path / "a_file").write_text("x")
    return tmp_path


@pytest.mark.parametrize("suffix", [".qdpx", ".xlsx"])
def test_export_out_problems(coded, monkeypatch, suffix):
    before = files_under(coded)

    def export(out: str) -> str:
        return one_error_line(CliRunner().invoke(main, ["export", out]))

    name = f"study{suffix}"
    assert export(f"a_file/{name}") == f"Error: a_file/{name}: a_file is a file, not a folder (pick another path)"
    assert export(f"nowhere/{name}") == "Error: nowhere: folder does not exist (create it first or pick another path)"
    (coded / f"folder{suffix}").mkdir()
    assert "is a directory" in export(f"folder{suffix}")
    (coded / f"folder{suffix}").rmdir()
    monkeypatch.setattr("jtbd_kit.cli.writable", lambda folder: False)
    assert export(name) == f"Error: {name}: cannot write in folder . (permission denied) (pick another path)"
    assert files_under(coded) == before


def test_export_still_writes(coded):
    result = CliRunner().invoke(main, ["export", "study.xlsx"])
    assert result.exit_code == 0, result.output
    assert (coded / "study.xlsx").stat().st_size > 0


# --- jtbd demo --out: it replaces an earlier demo, and nothing else ----------------------------


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A researcher's own project folder: a transcript, notes and a database."""
    from conftest import SAMPLES

    folder = tmp_path / "my-study"
    folder.mkdir()
    (folder / "P-01-en.txt").write_bytes((SAMPLES / "P-01-en.txt").read_bytes())
    (folder / "notes.txt").write_text("my notes\n")
    monkeypatch.delenv("JTBD_DB", raising=False)
    monkeypatch.chdir(folder)
    assert CliRunner().invoke(main, ["import", "P-01-en.txt"]).exit_code == 0
    return folder


def demo(out: str):
    return CliRunner().invoke(main, ["demo", "--out", out])


def test_demo_never_replaces_the_folder_you_are_in(project):
    before = files_under(project)
    for out in (".", str(project), ".."):
        line = one_error_line(demo(out))
        assert "is the folder you are in (or holds it)" in line
    assert files_under(project) == before


def test_demo_never_replaces_a_project_of_your_own(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = one_error_line(demo("my-study"))
    assert line.startswith("Error: my-study: folder holds files that are not an earlier demo (P-01-en.txt, notes.txt")
    only_db = tmp_path / "only-db"
    only_db.mkdir()
    (only_db / "jtbd.db").write_bytes((project / "jtbd.db").read_bytes())
    line = one_error_line(demo("only-db"))
    assert "not a finished earlier demo" in line
    assert (project / "notes.txt").exists() and (only_db / "jtbd.db").exists()


def test_demo_out_under_a_file_or_unwritable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("x")
    line = one_error_line(demo("a_file/demo"))
    assert line == "Error: a_file/demo: a_file is a file, not a folder (pick another --out)"
    assert "is a file" in one_error_line(demo("a_file"))
    monkeypatch.setattr("jtbd_kit.cli.writable", lambda folder: False)
    assert "cannot write in folder ." in one_error_line(demo("demo"))
    assert files_under(tmp_path) == {"a_file"}


def test_demo_replaces_an_earlier_demo(tmp_path, monkeypatch):
    """The check lets an earlier demo through (the demo itself is run in test_report)."""
    from jtbd_kit.demo import check_demo_folder

    monkeypatch.chdir(tmp_path)
    earlier = tmp_path / "jtbd-demo"
    (earlier / "report").mkdir(parents=True)
    (earlier / "jtbd.db").write_bytes(b"")
    (earlier / "study.qdpx").write_bytes(b"")
    check_demo_folder(Path("jtbd-demo"))
    check_demo_folder(Path("new-demo"))
    (tmp_path / "empty").mkdir()
    check_demo_folder(Path("empty"))
