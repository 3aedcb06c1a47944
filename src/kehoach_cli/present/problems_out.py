"""Print problems for people (text), for GitHub Actions (annotations) and for tools (JSON;
SARIF and GitLab Code Quality in ci_reports.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from ..vocab.problems import Problem, Severity

FORMATS = ("text", "github", "json", "sarif", "gitlab")


def text_line(problem: Problem) -> str:
    return (
        f"{problem.path}:{problem.pos.line}:{problem.pos.col}: "
        f"{problem.severity.value}: {problem.message}"
    )


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} lỗi")
    if warnings:
        parts.append(f"{warnings} cảnh báo")
    found = ", ".join(parts) if parts else "không có lỗi"
    return f"Đã kiểm tra {files_checked} tệp: {found}."


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    kind = "error" if problem.severity is Severity.ERROR else "warning"
    props = ",".join(
        [
            f"file={_escape_property(problem.path)}",
            f"line={problem.pos.line}",
            f"col={problem.pos.col}",
            f"title={_escape_property('kehoach ' + problem.severity.value)}",
        ]
    )
    return f"::{kind} {props}::{_escape_data(problem.message)}"


def to_json(problems: Sequence[Problem]) -> str:
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.pos.line,
                "col": p.pos.col,
                "severity": "error" if p.is_error else "warning",
                "muc_do": p.severity.value,
                "message": p.message,
                "rule": p.rule,
            }
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def fixable_note(problems: Sequence[Problem]) -> str | None:
    """'2 lỗi có thể sửa tự động: chạy kehoach sua.', or None when no problem has a fix."""
    errors = sum(1 for p in problems if p.fix is not None and p.is_error)
    warnings = sum(1 for p in problems if p.fix is not None and not p.is_error)
    if not errors and not warnings:
        return None
    parts = []
    if errors:
        parts.append(f"{errors} lỗi")
    if warnings:
        parts.append(f"{warnings} cảnh báo")
    return f"{' và '.join(parts)} có thể sửa tự động: chạy kehoach sua."


def write(
    problems: Sequence[Problem], files_checked: int, fmt: str, out: TextIO,
    *, note_fixes: bool = False,
) -> None:
    """The problems in ``fmt``. With ``note_fixes`` (validate), the text summary line
    ends by saying how many of them ``kehoach sua`` can fix (the GitHub and JSON outputs
    are left as they are)."""
    if fmt in ("json", "sarif", "gitlab"):
        from . import ci_reports

        made = {"json": to_json, "sarif": ci_reports.to_sarif, "gitlab": ci_reports.to_gitlab}
        out.write(made[fmt](problems) + "\n")
        return
    line = github_line if fmt == "github" else text_line
    if fmt == "github":  # GitHub shows ten error annotations: who may change what first
        from .ci_reports import permission_first

        problems = permission_first(problems)
    for problem in problems:
        out.write(line(problem) + "\n")
    last = summary(problems, files_checked)
    note = fixable_note(problems) if note_fixes and fmt == "text" else None
    out.write(f"{last} {note}\n" if note else f"{last}\n")
