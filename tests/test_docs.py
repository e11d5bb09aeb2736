"""Every command is documented and explains itself; the docs only name commands that exist."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import click
import pytest

from jtbd_kit.cli import main

REPO = Path(__file__).resolve().parents[1]


def walk(command: click.Command, path: tuple[str, ...] = ()):
    """(path, command) for every command and group below `main`, however deep."""
    if path:
        yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, path + (name,))


COMMANDS = [(" ".join(path), command) for path, command in walk(main) if not command.hidden]


@functools.cache
def docs_text() -> str:
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.exists())


def test_walk_finds_the_spine_commands():
    names = {name for name, _ in COMMANDS}
    assert {"import", "interviews", "show", "search", "demo"} <= names


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_documented(name, command):
    documented = re.search(rf"\bjtbd {re.escape(name)}\b", docs_text()) is not None
    assert documented, f"`jtbd {name}` appears in neither README.md nor docs/*.md: document it with an example"


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_with_an_example(name, command):
    text = (command.help or "").strip()
    assert text, f"jtbd {name} has no help text"
    assert command.get_short_help_str(), f"jtbd {name} has no one-line summary"
    assert "Example:" in text, f"jtbd {name}: help should end with an `Example:` block"
    example = text.split("Example:", 1)[1]
    assert f"jtbd {name}" in example, f"jtbd {name}: its example does not run `jtbd {name}`"


def documented_invocations() -> list[tuple[str, str]]:
    """(file, command line) for every `$ jtbd ...` line in the docs."""
    out = []
    for f in sorted((REPO / "docs").glob("*.md")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("$ jtbd "):
                out.append((f.name, line[2:]))
    return out


@pytest.mark.parametrize("where, line", documented_invocations())
def test_documented_invocations_name_real_commands(where, line):
    """`$ jtbd x y ...` in a doc must resolve to a command, so docs do not outlive a rename."""
    words = line.split()[1:]
    command: click.Command = main
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        sub = command.commands.get(words[0])
        if sub is None:
            break
        command, words = sub, words[1:]
    assert command is not main, f"{where}: `{line}` names no jtbd command"
    stops_at_group = isinstance(command, click.Group) and not words and not command.invoke_without_command
    assert not stops_at_group, f"{where}: `{line}` stops at a group"
