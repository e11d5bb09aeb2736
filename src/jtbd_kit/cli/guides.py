"""`jtbd guides`: list the interview guides and check one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


@click.group(invoke_without_command=True, short_help="List the interview guides, or check one.")
@click.option("--dir", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of your own guides (default: the bundled ones).")
@click.pass_context
def guides(ctx: click.Context, folder: Path | None) -> None:
    """List the interview guides: title, language, sections, questions, minutes.

    A bundled guide is named by its file name anywhere, e.g. `jtbd interview quick-en.yaml
    -p P-01 -r Anna`. To write your own, copy one and check it with `jtbd guides check`.

    \b
    Example:
      jtbd guides
      jtbd guides --dir my-guides/
      jtbd guides check my-guides/onboarding.yaml
    """
    if ctx.invoked_subcommand:
        return
    from rich.console import Console
    from rich.table import Table

    from jtbd_kit.guides import bundled_guides, list_guides

    folder = folder or bundled_guides()
    rows = list_guides(folder)
    if not rows:
        from jtbd_kit.errors import UserError

        raise UserError("no guides (.yaml files) in this folder", folder, None,
                        "pass --dir FOLDER; a guide's format is in docs/interview.md")
    good = [(path, guide) for path, guide, _ in rows if guide is not None]
    table = Table(title=f"{len(good)} guide{'s' if len(good) != 1 else ''} in {folder}")
    for col in ("file", "lang", "sections", "questions", "min", "title"):
        table.add_column(col, justify="right" if col in ("sections", "questions", "min") else "left",
                         no_wrap=col != "title")
    for path, guide in good:
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path.name
        table.add_row(shown, guide.language, str(len(guide.sections)), str(guide.question_count),
                      f"{guide.minutes:g}", guide.title)
    Console(highlight=False).print(table)
    errors = [error for _, _, error in rows if error]
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    if errors:
        sys.exit(2)

@guides.command("check", short_help="Check a guide file; a problem shows as FILE:LINE with a fix.")
@click.argument("file", type=click.Path(dir_okay=False))
def check(file: str) -> None:
    """Check one guide file; a problem is reported as FILE:LINE with how to fix it.

    \b
    Example:
      jtbd guides check my-guides/onboarding.yaml
      jtbd guides check switch-en.yaml
    """
    from jtbd_kit.guides import load_guide

    guide = load_guide(file)
    click.echo(f"{file}: ok: {guide.title} ({guide.language}), {len(guide.sections)} sections, "
               f"{guide.question_count} questions, {guide.minutes:g} minutes")


COMMANDS = [guides]
