"""Checks on the metadata every format carries (participant, date, roles), made once for all readers."""

from __future__ import annotations

import re
from datetime import date

from jtbd_kit.errors import UserError

DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")  # a time may follow
# An imported interview's id: letters of any script, digits, spaces and - _ . ' ( ), up to 64. Recorded
# files are often named "Interview with Anna (2).vtt" or "Інтерв'ю Ольга.docx", and their names are the
# default ids; what never gets in is a path separator, markup brackets, <tags> or a control character.
# (`jtbd interview -p` is stricter, ASCII only: its id names the journal file.)
ID = re.compile(r"[^\W_][\w .'()-]{0,63}")
NOT_ID = re.compile(r"[^\w .'()-]+")


def date_or_warning(value: str | None, path: str, line: int | None) -> tuple[str | None, list[str]]:
    """check_date, with a bad date left out and said in a warning: it only orders the saturation curve,
    and the interview is worth importing (a recording's header may say "Date: March 5, 2026")."""
    try:
        return check_date(value, path, line), []
    except UserError as e:
        return None, [f"{e.one_line()}; the date is left out"]


def check_date(value: str | None, path: str, line: int | None) -> str | None:
    """A date as YYYY-MM-DD that exists (a time after it is dropped): the dates order interviews, so
    `2026-02-30` or `12 May` would misplace one."""
    if value is None:
        return None
    m = DATE.match(value)
    try:
        if m:
            return date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        pass
    raise UserError(f"bad date {value!r}", path, line, "write it as YYYY-MM-DD, e.g. 2026-03-14")


def check_participant(participant: str, path: str, line: int | None, from_name: bool, where: str) -> str:
    """The interview's id (see ID). One taken from the file name has its other characters made `-`
    (`a [b]` -> `a -b`); one the file states must be right as written."""
    if from_name:
        participant = NOT_ID.sub("-", participant).strip(" -.'")[:64].rstrip(" -.'")
    if ID.fullmatch(participant or ""):
        return participant
    hint = (f"rename the file, or set `participant: P-07` {where}" if from_name else
            "use up to 64 letters, digits, spaces and - _ . ' ( ), e.g. P-07")
    raise UserError(f"participant id {participant!r} is not allowed", path, None if from_name else line, hint)


def check_people(interviewer: str | None, respondent: str | None, path: str, line: int | None) -> None:
    """One name for both roles would code the interviewer's questions as the respondent's answers.

    Names compare as `jtbd interview` compares them (case counts), so a transcript it saved always reads back.
    """
    name = " ".join((respondent or "").split())
    if name and name == " ".join((interviewer or "").split()):
        raise UserError(f"the respondent and interviewer must be different people, not both {name!r}",
                        path, line, "fix the `interviewer:` or `respondent:` name")
