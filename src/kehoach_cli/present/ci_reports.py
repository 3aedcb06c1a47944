"""Problems for code-review tools: SARIF 2.1.0 (GitHub code scanning, ``--format
sarif``), GitLab's Code Quality report (``--format gitlab``, shown in the merge-request
widget), and the Vietnamese table of a GitHub Actions step summary
(``$GITHUB_STEP_SUMMARY``), where every problem shows — GitHub shows only ten error
annotations of a step — with the permission problems first.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from .. import __version__
from ..check.changes import RULE as CHANGE_RULE
from ..check.registry import RULES
from ..vocab.problems import Problem

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# A step summary is cut by GitHub at 1 MiB; the table stops well before.
SUMMARY_LIMIT = 900_000


def permission_first(problems: Sequence[Problem]) -> list[Problem]:
    """The problems of who may change what first (a unit's edit of another unit's file),
    then the others, each group in the order given."""
    return sorted(problems, key=lambda p: p.rule != CHANGE_RULE.id)


def to_sarif(problems: Sequence[Problem]) -> str:
    used = sorted({p.rule for p in problems})
    rules = [
        {
            "id": rule,
            "shortDescription": {"text": RULES[rule].rule.description if rule in RULES
                                 else rule},
        }
        for rule in used
    ]
    results = [
        {
            "ruleId": p.rule,
            "ruleIndex": used.index(p.rule),
            "level": "error" if p.is_error else "warning",
            "message": {"text": p.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": p.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": p.pos.line, "startColumn": p.pos.col},
                },
            }],
            "partialFingerprints": {"kehoach/v1": _fingerprint(p, 0)},
        }
        for p in problems
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kehoach", "version": __version__, "rules": rules}},
            # kehoach counts columns in characters, as an editor shows them
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _fingerprint(problem: Problem, occurrence: int) -> str:
    """Stable across runs and across lines moving up or down: the file, the rule, the
    message and which occurrence of the same it is."""
    key = f"{problem.path}\0{problem.rule}\0{problem.message}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def to_gitlab(problems: Sequence[Problem]) -> str:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for p in problems:
        key = (p.path, p.rule, p.message)
        issues.append({
            "description": p.message,
            "check_name": p.rule,
            "fingerprint": _fingerprint(p, seen[key]),
            "severity": "major" if p.is_error else "minor",
            "location": {"path": p.path, "lines": {"begin": p.pos.line}},
        })
        seen[key] += 1
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
            .replace("\n", "<br>").replace("<", "&lt;").replace(">", "&gt;")
            .replace("&lt;br&gt;", "<br>"))


def step_summary(problems: Sequence[Problem], summary_line: str) -> str:
    """The Markdown of a GitHub step summary: a heading, the summary line, then one table
    row per problem (permission problems first)."""
    out = ["## Kết quả kiểm tra của kehoach", "", summary_line, ""]
    if not problems:
        return "\n".join(out)
    out += ["| Tệp | Dòng | Cột | Mức | Nội dung | Quy tắc |",
            "| --- | ---: | ---: | --- | --- | --- |"]
    size = sum(len(x) + 1 for x in out)
    ordered = permission_first(problems)
    for shown, p in enumerate(ordered):
        row = (f"| `{p.path.replace('`', '')}` | {p.pos.line} | {p.pos.col} | "
               f"{p.severity.value} | {_cell(p.message)} | `{p.rule}` |")
        size += len(row.encode("utf-8")) + 1
        if size > SUMMARY_LIMIT:
            out += ["", f"… và {len(ordered) - shown} vấn đề nữa: xem nhật ký của bước này "
                        "hoặc chạy kehoach validate trên máy."]
            break
        out.append(row)
    return "\n".join(out) + "\n"


__all__ = ["permission_first", "step_summary", "to_gitlab", "to_sarif"]
