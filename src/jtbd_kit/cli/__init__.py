"""The `jtbd` command line: thin click commands over the library.

Only click and the light stages load at start-up: spaCy and scikit-learn are imported inside
the commands that need them, so `jtbd --help` stays fast.
"""

from __future__ import annotations

import sys

import click

from jtbd_kit import __version__
from jtbd_kit.errors import UserError


class JtbdGroup(click.Group):
    """Turns a UserError anywhere below into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as e:
            click.echo(f"Error: {e.one_line()}", err=True)
            sys.exit(2)


@click.group(cls=JtbdGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jtbd")
def main() -> None:
    """jtbd-kit: run JTBD switch interviews, code them, find personas, draw journey maps.

    \b
    Start here:
      jtbd demo                       the whole pipeline on the bundled samples
      jtbd import transcripts/        load your transcripts into ./jtbd.db
      jtbd interviews                 what is in the project

    Every command takes --db PATH (or $JTBD_DB); the default is ./jtbd.db.
    """


def db_option(f):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar="JTBD_DB",
                        default=None, help="Project database (default ./jtbd.db, or $JTBD_DB).")(f)


from jtbd_kit.cli import browse, importing, demo, export, code, learn, journey, personas, guides, interview, review  # noqa: E402  (commands register themselves)

for module in (importing, browse, demo, export, code, learn, journey, personas, guides, interview, review):
    for command in module.COMMANDS:
        main.add_command(command)
