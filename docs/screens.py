"""Regenerate the text captures of the `jtbd review` screen shown in docs/review.md.

The captures show what the real app draws with the shipped coder model, so they go stale
whenever the model (or the screen) changes. This script builds the demo project, drives the
review app with Textual's Pilot at the size of the captures (100 x 34), presses the keys a
researcher would, and prints each screen as plain text (trailing spaces stripped), ready to
paste into docs/review.md.

    python docs/screens.py            # demo in a temporary folder, removed afterwards
    python docs/screens.py /tmp/jd    # keep the demo there (replaced if it holds an earlier one),
                                      # e.g. to run the later examples of docs/review.md on it

The keys, as reviewer maya on P-01: segment 8 gets anxiety added (`a`), segment 10 is set to
stage other (`8`), segment 12 is accepted (`enter`); the first screen is then taken on segment
9, the second on segment 10 (a reviewed segment whose stage the researcher changed, cut after
the code bar as in the doc). Runs in about 20 s (the demo pipeline is most of it).
"""

from __future__ import annotations

import asyncio
import io
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from jtbd_kit.demo import run_demo
from jtbd_kit.review.app import ReviewApp
from jtbd_kit.store import open_db

SIZE = (100, 34)
PARTICIPANT, REVIEWER = "P-01", "maya"


def screen_text(app: ReviewApp) -> str:
    """What App.export_screenshot() renders, as plain text instead of SVG."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return "\n".join(line.rstrip() for line in console.export_text().rstrip("\n").split("\n"))


async def capture(db_path: Path) -> list[str]:
    app = ReviewApp(open_db(db_path), PARTICIPANT, REVIEWER)
    screens = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["j"] * 7)          # from segment 1 down to 8
        assert app.current["id"] == 8, app.current["id"]
        await pilot.press("a")                 # 8: anxiety added to the machine's push (reviewed)
        await pilot.press("j", "j", "8")       # 10: stage other
        await pilot.press("j", "j", "enter")   # 12: accepted as it is; on to 13
        await pilot.press(*["k"] * 4)          # back to 9
        await pilot.pause()
        assert (app.current["id"], app.reviewed) == (9, 3), (app.current["id"], app.reviewed)
        screens.append(screen_text(app))
        await pilot.press("j")                 # 10: reviewed, stage changed
        await pilot.pause()
        lines = screen_text(app).split("\n")
        rule = next(i for i, line in enumerate(lines) if line and set(line) == {"─"})
        screens.append("\n".join(lines[:rule + 1]))   # up to the rule above the segment list
        await pilot.press("q")
    return screens


def build_demo(out: Path) -> Path:
    """The demo project (what `jtbd demo --out` builds), its progress kept off the captures."""
    return run_demo(out, console=Console(file=io.StringIO()))


def main() -> None:
    if len(sys.argv) > 2:
        sys.exit(__doc__)
    if len(sys.argv) == 2:
        screens = asyncio.run(capture(build_demo(Path(sys.argv[1]))))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            screens = asyncio.run(capture(build_demo(Path(tmp) / "jd")))
    for screen in screens:
        print(f"```text\n{screen}\n```\n")


if __name__ == "__main__":
    main()
