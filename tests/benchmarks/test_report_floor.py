"""The report's floor imports what the report imports (recorded from a real report run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.test_generate import BENCH, _load_module

run = _load_module("kehoach_bench_run", BENCH / "run.py")


def test_recorded_imports_are_the_reports_own(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _load_module("kehoach_bench_generate", BENCH / "generate.py").generate(repo, "commune")
    listing = tmp_path / "imports.txt"
    args = ["-C", str(repo), "report", "--quy", "2", "--out", str(tmp_path / "x.docx")]
    assert run.record_report_imports(args, dict(os.environ), listing) == [str(listing)]
    assert (tmp_path / "x.docx").is_file()  # the recording ran the whole report
    names = listing.read_text(encoding="utf-8").split()
    # What the libraries import only once used is in; kehoach's own modules are not.
    assert {"typer._adapters", "pydantic.plugin._loader", "jinja2.compiler", "docx",
            "PIL.PngImagePlugin", "yaml"} <= set(names)
    assert not [n for n in names if n.startswith("kehoach_cli")]
    floor = tmp_path / "floor"
    floor.mkdir()
    done = subprocess.run([sys.executable, "-c", run.FLOOR_REPORT, str(floor), str(listing)],
                          capture_output=True, text=True, check=True)
    assert done.stdout == f"{len(names)} modules imported, 0 could not be\n"
    assert {p.name for p in floor.iterdir()} == {"floor.png", "floor.docx"}


def test_a_failed_recording_leaves_the_six_libraries(tmp_path: Path) -> None:
    listing = tmp_path / "imports.txt"
    args = ["-C", str(tmp_path / "missing"), "report", "--quy", "2"]
    assert run.record_report_imports(args, dict(os.environ), listing) == []
