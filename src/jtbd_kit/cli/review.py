"""`jtbd review` (the researcher confirms or corrects the machine's codes) and `jtbd agreement`."""

from __future__ import annotations

import click

from jtbd_kit.cli import db_option

EMOTION_WORDS = {"-1": -1, "-": -1, "negative": -1, "0": 0, "neutral": 0, "1": 1, "+1": 1, "+": 1, "positive": 1}


def default_reviewer() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still a name on the record
        return "researcher"


def parse_emotion(value: str | None) -> int | None:
    from jtbd_kit.errors import UserError

    if value is None:
        return None
    if value.strip().lower() not in EMOTION_WORDS:
        raise UserError(f"emotion must be -1, 0 or 1, not {value!r}", None, None, "e.g. --emotion -1")
    return EMOTION_WORDS[value.strip().lower()]


def parse_list(value: str | None) -> list[str] | None:
    """"push,anxiety" -> ["push", "anxiety"]; "none" or "" clears the list."""
    if value is None:
        return None
    if value.strip().lower() in ("", "none", "-"):
        return []
    return [v.strip() for v in value.split(",") if v.strip()]


@click.command(short_help="Confirm or correct the machine's codes of one interview.")
@click.argument("participant")
@click.option("--reviewer", default=None, help="Your name on the reviewed segments (default: your login).")
@click.option("--list", "show_list", is_flag=True, help="Print the segments with ids and codes, and exit.")
@click.option("--accept-all", is_flag=True, help="Mark every machine segment reviewed as it is.")
@click.option("--segment", "segment_id", type=int, default=None, help="Review one segment by id (see --list).")
@click.option("--stage", default=None, help="With --segment: the stage (first_thought ... satisfaction, other).")
@click.option("--forces", default=None, help='With --segment: forces, comma-separated (push,pull,anxiety,habit; "none" clears).')
@click.option("--emotion", default=None, help="With --segment: -1, 0 or 1.")
@click.option("--touchpoints", default=None, help="With --segment: touchpoints, comma-separated.")
@click.option("--pains", default=None, help="With --segment: pains, comma-separated.")
@db_option
def review(participant: str, reviewer: str | None, show_list: bool, accept_all: bool, segment_id: int | None,
           stage: str | None, forces: str | None, emotion: str | None, touchpoints: str | None,
           pains: str | None, db_path: str | None) -> None:
    """Review the machine's codes of one interview: confirm or correct each segment.

    With no options, opens the review screen: each respondent segment with the question asked
    before it, the machine's codes and the cues that fired. Keys: 1-8 stage, p/u/a/h toggle
    push/pull/anxiety/habit, - 0 + emotion, enter or space accepts, j/k move, n jumps to the
    next unreviewed, backspace undoes a review, ? shows every key. Each change is saved at once.

    For scripts: --list prints the segments; --segment ID sets one segment's codes (only the
    codes given change; none given accepts it as is); --accept-all accepts the whole draft.
    Reviewed segments are kept when `jtbd code` runs again.

    \b
    Example:
      jtbd review P-01 --db jtbd-demo/jtbd.db
      jtbd review P-01 --list
      jtbd review P-01 --segment 12 --stage deciding --forces push,anxiety
      jtbd review P-01 --segment 12 --emotion -1
      jtbd review P-01 --accept-all --reviewer maya
    """
    from jtbd_kit.errors import UserError
    from jtbd_kit.store import open_db
    from jtbd_kit.store.segments import segments_to_review

    codes = {"stage": stage, "forces": forces, "emotion": emotion, "touchpoints": touchpoints, "pains": pains}
    given = [f"--{k}" for k, v in codes.items() if v is not None]
    if given and segment_id is None:
        raise UserError(f"{given[0]} needs --segment ID", None, None, f"find the id with: jtbd review {participant} --list")
    modes = [m for m, on in (("--list", show_list), ("--accept-all", accept_all), ("--segment", segment_id is not None)) if on]
    if len(modes) > 1:
        raise UserError(f"{modes[0]} and {modes[1]} do not go together", None, None, "run jtbd review twice")
    reviewer = reviewer or default_reviewer()
    db = open_db(db_path, create=False)
    segments = segments_to_review(db, participant)  # unknown participant, or nothing coded yet: one line, exit 2

    if show_list:
        _print_list(participant, segments)
    elif accept_all:
        from jtbd_kit.store.segments import accept_all as accept

        n = accept(db, participant, reviewer)
        click.echo(f"{participant}: accepted {n} machine segment{'s' if n != 1 else ''} as reviewed by {reviewer} "
                   f"({len(segments)} in all).")
    elif segment_id is not None:
        from jtbd_kit.review.widgets import codes_line
        from jtbd_kit.store.segments import review_segment

        saved = review_segment(db, segment_id, stage=stage, forces=parse_list(forces), emotion=parse_emotion(emotion),
                               touchpoints=parse_list(touchpoints), pains=parse_list(pains), reviewer=reviewer,
                               participant=participant)
        extra = "".join(f"  {key}: {', '.join(saved.get(key) or []) or '-'}" for key in ("touchpoints", "pains")
                        if codes[key] is not None)
        click.echo(f"{participant} #{segment_id}: {codes_line(saved)}{extra} (reviewed by {reviewer})")
    else:
        from jtbd_kit.interview.run import has_terminal
        from jtbd_kit.review.app import ReviewApp

        if not has_terminal():
            raise UserError("the review is a full-screen app and needs a terminal", None, None,
                            f"run it in a terminal window, or use jtbd review {participant} --list / --segment ID")

        app = ReviewApp(db, participant, reviewer)
        done = app.run()
        if app.gone is not None:
            raise app.gone
        if done is not None:
            click.echo(f"{participant}: {done} of {len(segments)} segments reviewed.")


def _print_list(participant: str, segments: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    reviewed = sum(s["origin"] == "human" for s in segments)
    table = Table(title=f"{participant}: {reviewed} of {len(segments)} segments reviewed")
    for col in ("id", "stage", "forces", "emo", "conf", "✓", "text"):
        table.add_column(col, justify="right" if col in ("id", "conf") else "left",
                         no_wrap=col in ("id", "stage", "emo", "conf"), ratio=1 if col == "text" else None,
                         max_width=8 if col == "forces" else None)
    for s in segments:
        emo = {1: "+", -1: "-"}.get(s["emotion"] or 0, "0")
        text = " ".join((s["text"] or "").split())
        table.add_row(str(s["id"]), s["stage"] or "?", " ".join(s["forces"]) or "-", emo,
                      f"{s['confidence'] or 0:.2f}", "✓" if s["origin"] == "human" else "",
                      Text(text[:56] + ("…" if len(text) > 56 else "")))
    Console().print(table)


@click.command(short_help="How far to trust the machine's codes, against your reviews.")
@click.argument("participants", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people or JSON for scripts.")
@db_option
def agreement(participants: tuple[str, ...], fmt: str, db_path: str | None) -> None:
    """How far to trust the machine's draft: its codes against the researcher's reviews.

    Over reviewed segments (all interviews, or the PARTICIPANTS given): stage accuracy and
    Cohen's kappa, forces F1 (all forces and each one), emotion accuracy, and the stage
    corrections made most often. The draft is the one kept when a segment was first reviewed.

    \b
    Example:
      jtbd agreement --db jtbd-demo/jtbd.db
      jtbd agreement P-01 P-02 --format json
    """
    import json

    from jtbd_kit.errors import UserError
    from jtbd_kit.review.agreement import agreement as measure
    from jtbd_kit.store import open_db
    from jtbd_kit.store.segments import reviewed_segments

    db = open_db(db_path, create=False)
    segments = reviewed_segments(db, list(participants) or None)
    result = measure(segments)
    if result.compared == 0:
        scope = " of " + ", ".join(participants) if participants else ""
        raise UserError(f"no reviewed segments{scope} to compare with the machine's draft", None, None,
                        f"review some first: jtbd review {participants[0] if participants else 'P-01'}")
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=1))
        return
    _print_agreement(result, participants)


def _print_agreement(r, participants: tuple[str, ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.0%}"

    console = Console(highlight=False)
    scope = ", ".join(participants) if participants else "all interviews"
    console.print(f"Machine draft vs review: {r.compared} segments ({scope})")
    table = Table()
    table.add_column("field")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("stage", "accuracy", pct(r.stage_accuracy))
    table.add_row("stage", "Cohen's kappa", "n/a" if r.stage_kappa is None else f"{r.stage_kappa:.2f}")
    table.add_row("forces", "F1 (all forces)", pct(r.forces_f1))
    for force, value in r.force_f1.items():
        table.add_row("", f"F1 {force}", pct(value))
    table.add_row("emotion", "accuracy", pct(r.emotion_accuracy))
    console.print(table)
    console.print(f"The researcher changed {r.changed} of {r.compared} segments.")
    if r.corrections:
        console.print("Stage corrections: " + ", ".join(f"{m} → {h} {n}" for m, h, n in r.corrections[:6]))
    if r.reviewed > r.compared:
        console.print(f"[dim]{r.reviewed - r.compared} reviewed segments have no kept draft and are left out.[/]")


COMMANDS = [review, agreement]
