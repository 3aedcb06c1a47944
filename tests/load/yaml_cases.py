"""What the tests of load/ share: both parsers, a loader for test texts, the problems in
a comparable form, and two texts several test files use.

Every test marked ``@PARSERS`` runs with both parsers (``fast=False``: ruamel.yaml;
``fast=True``: libyaml), which must give the same values, positions and problems.
"""

from __future__ import annotations

import pytest

from kehoach_cli.load.yamlfile import YamlDocument, load_bytes

PARSERS = pytest.mark.parametrize("fast", [False, True], ids=["ruamel", "libyaml"])


def load(text: str | bytes, fast: bool) -> YamlDocument:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes("f.yaml", raw, fast=fast)


def problems(doc: YamlDocument) -> list[tuple[int, int, str, str]]:
    return [(p.pos.line, p.pos.col, p.severity.value, p.message) for p in doc.problems]


def one_error(doc: YamlDocument) -> tuple[int, int, str]:
    assert doc.data is None
    [(line, col, severity, message)] = problems(doc)
    assert severity == "lỗi"
    return line, col, message


BLOCK = """\
don_vi: cong-an
chi_tieu:
  a: {tu_so: 1, mau_so: 2}
  b:
    gia_tri: 3
kho_khan:
  - x
  - - long
    - nhau
"""

BILLION_LAUGHS = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
BILLION_LAUGHS += "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)
