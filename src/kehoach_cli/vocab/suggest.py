"""'Có phải ý bạn là …?': the id, key or value a mistyped word was meant to be."""

from __future__ import annotations

import re
import typing
import unicodedata


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """'; có phải ý bạn là 'x'?' for the closest choice, or ''."""
    close = closest(word, choices)
    return f"; có phải ý bạn là '{close}'?" if close else ""


def plain(text: str) -> str:
    """Lower case, without diacritics, with '-', '_' and spaces alike: 'Tỷ lệ' → 'ty_le'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[-_\s]+", "_", bare.strip())


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The choice ``word`` was most likely meant to be (typed without diacritics, with '-'
    for '_', or with a letter wrong), or None."""
    options = [c for c in choices if c != word]
    by_plain: dict[str, str] = {}
    for choice in options:
        by_plain.setdefault(plain(choice), choice)
    written = plain(word)
    if written in by_plain:
        return by_plain[written]
    swapped = [c for p, c in by_plain.items() if sorted(p) == sorted(written)]
    if len(swapped) == 1:  # letters in another order: '=>' for '>='
        return swapped[0]
    import difflib  # only when a mistake is to be explained

    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    found = difflib.get_close_matches(written, list(by_plain), n=1, cutoff=0.6)
    return by_plain[found[0]] if found else None
