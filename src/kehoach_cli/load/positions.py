"""Where each key and value of a file stands."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab.problems import START, Position

PathKey = str | int
Path = tuple[PathKey, ...]
# A 1-based (line, column) as stored: a file has thousands of keys and values and few of
# them are ever shown, so the Position is made when it is asked for.
Spot = tuple[int, int]


@dataclass(slots=True)
class Positions:
    """Where each key and value of a file stands, addressed by its path of keys and indexes."""

    values: dict[Path, Spot] = field(default_factory=dict)
    keys: dict[Path, Spot] = field(default_factory=dict)
    # The source text of the one-line scalars that may be a figure, a date or a quarter
    # written another way (``1.250``, ``"12,5"``, ``15/06/2026``): what a message quotes
    # and what a fix replaces. Plain integers are left out: they are never misread.
    raw: dict[Path, str] = field(default_factory=dict)

    def value(self, path: Path) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that exists."""
        while path:
            spot = self.values.get(path)
            if spot is not None:
                return Position(*spot)
            path = path[:-1]
        spot = self.values.get(())
        return START if spot is None else Position(*spot)

    def key(self, path: Path) -> Position:
        """The position of the key naming ``path`` (falls back to the value, then ancestors)."""
        spot = self.keys.get(path)
        return self.value(path) if spot is None else Position(*spot)
