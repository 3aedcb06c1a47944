"""`kehoach --help` and `--version` start instantly: the heavy libraries are imported
only by the commands that need them (issue: speed at scale)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "ruamel", "jinja2", "docx", "PIL", "yaml", "rich", "openpyxl")

PROBE = """
import contextlib, io, sys
from kehoach_cli.__main__ import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({args!r})
print(code)
print("\\n".join(sorted(m.split(".")[0] for m in sys.modules)))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], ["--version"], [], ["validate", "--help"], ["report", "--help"],
     ["excel", "--help"], ["nhap", "--help"]],
)
def test_help_and_version_import_no_heavy_library(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        text=True,
        check=True,
    )
    code, *modules = result.stdout.split()
    assert code == "0"
    loaded = set(modules)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
