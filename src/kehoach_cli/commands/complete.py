"""Values offered by shell completion (Tab in bash, zsh, fish, PowerShell): the plan's
unit ids with their names, the quarters, the output formats, the plan's year.

They are read from the plan repo of the current folder while the user types, so they
must be quick and must never fail: a folder that is not a plan repo, or a plan with
errors, offers nothing rather than an error in the middle of a command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

QUARTERS = [("1", "quý I"), ("2", "quý II"), ("3", "quý III"), ("4", "quý IV")]
FORMATS = [("text", "văn bản, mỗi lỗi một dòng"), ("github", "chú thích GitHub Actions"),
           ("json", "danh sách JSON"), ("sarif", "SARIF 2.1.0 (GitHub code scanning)"),
           ("gitlab", "báo cáo Code Quality của GitLab")]


def _plan_file(name: str) -> Any:
    import yaml

    here = Path.cwd()
    for folder in (here, *here.parents):
        path = folder / "plan" / name
        if path.is_file():
            with path.open("rb") as fh:
                return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return None


def _starting(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(value, text) for value, text in pairs if value.startswith(incomplete)]


def unit_ids(incomplete: str) -> list[tuple[str, str]]:
    try:
        data = _plan_file("units.yaml")
        units = data.get("don_vi") if isinstance(data, dict) else None
        pairs = [(str(u["ma"]), str(u.get("ten", ""))) for u in units or []
                 if isinstance(u, dict) and isinstance(u.get("ma"), str)]
    except Exception:  # completion never fails the user's command line
        return []
    return _starting(pairs, incomplete)


def years(incomplete: str) -> list[tuple[str, str]]:
    try:
        data = _plan_file("plan.yaml")
        year = data.get("nam") if isinstance(data, dict) else None
    except Exception:  # completion never fails the user's command line
        return []
    return _starting([(str(year), "năm kế hoạch")], incomplete) if isinstance(year, int) else []


def quarters(incomplete: str) -> list[tuple[str, str]]:
    return _starting(QUARTERS, incomplete)


def formats(incomplete: str) -> list[tuple[str, str]]:
    return _starting(FORMATS, incomplete)


__all__ = ["formats", "quarters", "unit_ids", "years"]
