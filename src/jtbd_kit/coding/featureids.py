"""Feature names as ids: one number per name for the whole process, shared by the features and the models.

An interview's features are arrays of these ids (features.Table), and a model keeps the column of
each id (weights.py), so scoring an interview looks no name up. A new name gets the next id,
`IDS.setdefault(name, len(IDS))`: one C call, no Python `__missing__`. Bounded by the names seen,
as the lemma caches are by the words seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

IDS: dict[str, int] = {}  # name -> id, which is its place in the dict's order
_NAMES: list[str] = []


def ids_of(names: Iterable[str]) -> list[int]:
    """The names' ids (a new name gets the next one)."""
    return [IDS.setdefault(name, len(IDS)) for name in names]


def names() -> list[str]:
    """Each id's name (the list, brought up to date)."""
    if len(_NAMES) < len(IDS):
        _NAMES.extend(islice(IDS, len(_NAMES), None))
    return _NAMES
