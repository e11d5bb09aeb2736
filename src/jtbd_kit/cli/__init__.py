"""The `jtbd` command line: thin click commands over the library.

Only click and the light stages load at start-up: spaCy and scikit-learn are imported inside
the commands that need them, so `jtbd --help` stays fast.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import click

from jtbd_kit import __version__
from jtbd_kit.errors import UserError


class OneLineUsageError(click.ClickException):
    """A usage error (missing file, bad option value) as one `Error:` line, exit code 2, like a UserError."""

    exit_code = 2


def one_line_usage(e: click.UsageError) -> OneLineUsageError:
    where = e.ctx.command_path if e.ctx else "jtbd"
    return OneLineUsageError(f"{e.format_message()} (see: {where} --help)")


class JtbdGroup(click.Group):
    """Turns a UserError or a usage error anywhere below into one line on stderr and exit code 2.

    Click's own usage errors print the usage and a hint over four lines; researchers get the
    same one-line shape as every other error.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            raise one_line_usage(e) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as e:
            click.echo(f"Error: {e.one_line()}", err=True)
            sys.exit(2)
        except sqlite3.DatabaseError as e:  # a damaged file or a full disk found midway, not at open
            from jtbd_kit.store.db import database_error

            click.echo(f"Error: {database_error(e, _db_path(ctx)).one_line()}", err=True)
            sys.exit(2)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            raise one_line_usage(e) from None


def _db_path(ctx: click.Context) -> Path | None:
    """The project database the failing command worked on (kept by db_option), if it takes one."""
    return ctx.meta.get(DB_KEY)


@click.group(cls=JtbdGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jtbd")
def main() -> None:
    """jtbd-kit: run JTBD switch interviews, code them, find personas, draw journey maps.

    \b
    Start here:
      jtbd demo                 the whole pipeline on the bundled samples
      jtbd import transcripts/  load your transcripts into ./jtbd.db
      jtbd interviews           what is in the project

    \b
    Then, step by step:
      jtbd code                 draft codes: stage, forces, emotion, pains
      jtbd review P-01          check and correct one interview's codes
      jtbd personas             group the interviews into personas
      jtbd report               journey maps and the study report

    Commands that use a project take --db PATH (or $JTBD_DB); the default is ./jtbd.db.
    Every command has --help with an example: jtbd import --help.
    """


def writable(folder: Path) -> bool:
    """Whether new files can be made in `folder` (a seam the tests replace: root may write anywhere)."""
    return os.access(folder, os.W_OK | os.X_OK)


def check_output(out: Path, what: str, *, folder: bool = False, db_path: str | None = None) -> None:
    """Refuse an output path that cannot be written, before any work: one UserError line, exit 2.

    `out` is a file to write (its folder must exist) or, with folder=True, a folder that is created
    if missing. Catches: a folder in the path that is a file, a missing folder, a folder that cannot
    be written in, a folder where a file is expected and the reverse, and the project database
    itself (writing over it would lose the project). `what` names the option in the hint.
    """
    hint = f"pick another {what}"
    if folder and out.exists() and not out.is_dir():
        raise UserError("is a file, not a folder", out, None, f"{hint}: a folder")
    if not folder and out.is_dir():
        raise UserError("is a folder, not a file", out, None, f"{hint}: a file name")
    from jtbd_kit.atomic import check_folder_path, nearest_existing

    base = out if folder and out.is_dir() else out.parent
    check_folder_path(base, what, shown=out)  # a folder on the way that is a file
    nearest = nearest_existing(base)
    if not folder and nearest != out.parent:
        raise UserError("folder does not exist", out.parent, None, f"create it first or {hint}")
    if not writable(nearest):
        raise UserError(f"cannot write in folder {nearest} (permission denied)", out, None, hint)
    if not folder and out.exists():
        from jtbd_kit.store.db import resolve_db_path

        if out.resolve() == resolve_db_path(db_path).resolve():
            raise UserError("is the project database: writing here would replace it", out, None, hint)


DB_KEY = "jtbd.db_path"  # where db_option leaves the project database for the group's error line


def _keep_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from jtbd_kit.store.db import resolve_db_path

    ctx.meta[DB_KEY] = resolve_db_path(value)  # meta is shared by the group's context and its commands'
    return value


def db_option(f):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar="JTBD_DB", callback=_keep_db,
                        default=None, help="Project database (default ./jtbd.db, or $JTBD_DB).")(f)


from jtbd_kit.cli import browse, importing, demo, export, code, learn, journey, personas, guides, interview, review  # noqa: E402  (commands register themselves)

for module in (importing, browse, demo, export, code, learn, journey, personas, guides, interview, review):
    for command in module.COMMANDS:
        main.add_command(command)
