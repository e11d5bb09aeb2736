"""Interview guides: YAML files of timed sections and questions, checked with file:line errors.

A guide is plain YAML (read with a SafeLoader subclass that only adds line numbers), so a
researcher can write one in any editor and `jtbd guides check` points at the exact line to fix.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jtbd_kit.errors import UserError
from jtbd_kit.transcript.language import check_language

# The coder's stage set (jtbd_kit.coding.model.STAGES, checked equal by a test). Spelled out here
# because importing the coding package loads spaCy, and the interview app must start fast.
STAGES = ("first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming",
          "satisfaction", "other")
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
GUIDE_KEYS = {"title": True, "language": True, "sections": True, "description": False}
SECTION_KEYS = {"id": True, "title": True, "minutes": True, "questions": True}
QUESTION_KEYS = {"id": True, "text": True, "probes": False, "stage": False}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    probes: tuple[str, ...] = ()
    stage: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    minutes: float
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Guide:
    title: str
    language: str
    sections: tuple[Section, ...]
    description: str | None = None
    path: str | None = None
    sha256: str | None = None

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.sections)

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the interview journal, so a resumed interview never depends on the file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guide:
        sections = tuple(Section(s["id"], s["title"], s["minutes"],
                                 tuple(Question(q["id"], q["text"], tuple(q["probes"]), q["stage"])
                                       for q in s["questions"]))
                         for s in data["sections"])
        return cls(data["title"], data["language"], sections, data.get("description"),
                   data.get("path"), data.get("sha256"))


class _LineDict(dict):
    line: int = 1
    lines: dict[Any, int]


class _LineList(list):
    line: int = 1
    lines: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping, value and list item."""


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    data = _LineDict()
    yield data
    data.update(loader.construct_mapping(node))
    data.line = node.start_mark.line + 1
    data.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in data.lines:
            raise UserError(f"key {key!r} appears twice", loader.name, key_node.start_mark.line + 1,
                            "keep one of them")
        data.lines[key] = value_node.start_mark.line + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode):
    data = _LineList()
    yield data
    data.extend(loader.construct_sequence(node))
    data.line = node.start_mark.line + 1
    data.lines = [item.start_mark.line + 1 for item in node.value]


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse_guide(text: str, path: str = "<guide>") -> Guide:
    """Check a guide's text and build the Guide; the first problem raises a UserError with its line."""
    loader = _Loader(text)
    loader.name = path
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise UserError(f"not valid YAML: {getattr(e, 'problem', None) or e}", path,
                        mark.line + 1 if mark else None,
                        "check indentation, and quote text that contains a colon") from None
    finally:
        loader.dispose()
    if data is None:
        raise UserError("the guide is empty", path, None,
                        "start from a copy of a bundled guide; `jtbd guides` shows where they are")
    top = _mapping(data, path, 1, "the guide", GUIDE_KEYS)
    language = check_language(_text(top, "language", path), path, top.lines["language"])
    sections = _list(top, "sections", path)
    seen: dict[str, int] = {}
    parsed = []
    for sec, sec_line in zip(sections, sections.lines):
        s = _mapping(sec, path, sec_line, "a section", SECTION_KEYS)
        sid = _id(s, path, seen)
        minutes = s["minutes"]
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 < minutes < math.inf:  # .nan, .inf
            raise UserError(f"section {sid!r}: minutes must be a positive number, not {minutes!r}", path,
                            s.lines["minutes"], "the time budget of the section, e.g. minutes: 5")
        questions = _list(s, "questions", path)
        qs = []
        for q, q_line in zip(questions, questions.lines):
            qm = _mapping(q, path, q_line, "a question", QUESTION_KEYS)
            qid = _id(qm, path, seen)
            probes = qm.get("probes") or []
            if not isinstance(probes, list) or not all(isinstance(p, str) and p.strip() for p in probes):
                raise UserError(f"question {qid!r}: probes must be a list of texts", path, qm.lines.get("probes"),
                                "write each probe on its own line starting with `- `")
            stage = qm.get("stage")
            if stage is not None and stage not in STAGES:
                raise UserError(f"question {qid!r}: unknown stage {stage!r}", path, qm.lines["stage"],
                                f"use one of {', '.join(STAGES)}")
            qs.append(Question(qid, _text(qm, "text", path), tuple(p.strip() for p in probes), stage))
        parsed.append(Section(sid, _text(s, "title", path), float(minutes), tuple(qs)))
    description = top.get("description")
    return Guide(_text(top, "title", path), language, tuple(parsed),
                 str(description).strip() if description is not None else None, path,
                 hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_guide(path: str | Path) -> Guide:
    """Read and check a guide file; a bundled guide's name (`quick-en.yaml`) works from any folder."""
    path = Path(path)
    bundled = bundled_guides() / path.name
    if not path.exists() and str(path.parent) in (".", "guides") and bundled.is_file():
        path = bundled
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read the guide: {e.strerror}", path, None,
                        "list the bundled guides with: jtbd guides") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UserError("not UTF-8 text", path, data[:e.start].count(b"\n") + 1, "re-save the guide as UTF-8") from None
    return parse_guide(text, str(path))


def bundled_folder(name: str) -> Path:
    """A sample folder shipped with jtbd-kit: `guides` or `transcripts`.

    An installed wheel carries copies in the package (`jtbd_kit/bundled/`, see setup.py); an
    editable install has none there and reads the repository's top-level folders, the source of truth.
    """
    packaged = resources.files("jtbd_kit") / "bundled" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / name


def bundled_guides() -> Path:
    """The interview guides that come with jtbd-kit."""
    return bundled_folder("guides")


def list_guides(folder: Path) -> list[tuple[Path, Guide | None, str | None]]:
    """(file, guide, error line) for every .yaml/.yml guide in a folder; a bad file does not hide the others."""
    rows = []
    for f in sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
        try:
            rows.append((f, load_guide(f), None))
        except UserError as e:
            rows.append((f, None, e.one_line()))
    return rows


def _mapping(value: Any, path: str, line: int, what: str, keys: dict[str, bool]) -> _LineDict:
    if not isinstance(value, _LineDict):
        raise UserError(f"{what} must be a set of `key: value` lines", path, line,
                        f"give it these keys: {', '.join(keys)}")
    for key in value:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            raise UserError(f"unknown key {key!r} in {what}", path, value.lines[key] if key in value.lines else line,
                            f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(keys)}")
    for key, required in keys.items():
        if required and key not in value:
            raise UserError(f"{what} has no {key!r}", path, value.line, f"add `{key}:`")
    return value


def _text(m: _LineDict, key: str, path: str) -> str:
    value = m[key]
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
        raise UserError(f"{key!r} must be a non-empty text", path, m.lines[key], f"write `{key}: ...` on one line")
    return " ".join(str(value).split())


def _list(m: _LineDict, key: str, path: str) -> _LineList:
    value = m[key]
    if not isinstance(value, _LineList) or not value:
        raise UserError(f"{key!r} must be a non-empty list", path, m.lines[key],
                        f"start each item of `{key}:` with `- ` on its own line")
    return value


def _id(m: _LineDict, path: str, seen: dict[str, int]) -> str:
    value = str(m["id"])
    line = m.lines["id"]
    if not ID.match(value):
        raise UserError(f"bad id {value!r}", path, line, "use lower-case letters, digits, - and _ (up to 40)")
    if value in seen:
        raise UserError(f"id {value!r} is used twice (first on line {seen[value]})", path, line,
                        "give every section and question its own id")
    seen[value] = line
    return value
