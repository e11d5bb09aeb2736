"""Which of the supported languages a transcript is in: front matter, --language, or the letters."""

from __future__ import annotations

import re

from jtbd_kit.errors import UserError

SUPPORTED = ("en", "ru", "uk", "pl")  # shipped with data; more come from lang folders


def available_languages() -> tuple[str, ...]:
    """The shipped languages plus any that a language data folder adds (see jtbd_kit.lang)."""
    try:
        from jtbd_kit.lang import language_codes
    except ImportError:
        return SUPPORTED
    return tuple(dict.fromkeys((*SUPPORTED, *language_codes())))
_UK = re.compile(r"[іїєґІЇЄҐ]")
_RU = re.compile(r"[ыэъёЫЭЪЁ]")
_CYR = re.compile(r"[а-яА-Я]")
_PL = re.compile(r"[ąęłśżźćńĄĘŁŚŻŹĆŃ]")


def detect_language(text: str) -> str:
    """Guess en/ru/uk/pl from letters: Cyrillic splits by і/ї/є/ґ vs ы/э/ъ/ё."""
    cyr = len(_CYR.findall(text))
    if cyr > 20 or cyr > len(text) * 0.1:
        uk, ru = len(_UK.findall(text)), len(_RU.findall(text))
        return "uk" if uk > ru else "ru"
    if len(_PL.findall(text)) >= 3:
        return "pl"
    return "en"


def check_language(code: str, path: str | None = None, line: int | None = None) -> str:
    """The language code a transcript names: a code (`pl`), a regional one (`pl-PL`) or a name (`Polski`)."""
    code = str(code).strip().lower()
    known = available_languages()
    if code not in known:
        code = _resolve(code, known)
    if code not in known:
        raise UserError(f"unsupported language {code!r}", path, line,
                        f"use one of {', '.join(known)}, or add a language data folder lang/{code}/")
    return code


def _resolve(code: str, known: tuple[str, ...]) -> str:
    """A regional code's language (`en-GB` -> `en`) or a language named in words, else the code unchanged."""
    base = re.split(r"[-_]", code, maxsplit=1)[0]
    if base in known:
        return base
    from jtbd_kit.lang import language_aliases

    return language_aliases().get(code.casefold(), code)
