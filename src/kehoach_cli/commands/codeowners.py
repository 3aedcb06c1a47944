"""`kehoach codeowners`: the CODEOWNERS file that matches who may change what.

The secretariat's accounts (``quan_tri`` in plan/plan.yaml) own everything; each unit's
folder is owned by the unit's accounts (``tai_khoan`` in plan/units.yaml) together with
the secretariat, so that a unit's pull request can be approved by a colleague of the
unit or by the secretariat (nobody can approve their own pull request). A unit without
accounts is left to the secretariat. In CODEOWNERS the last matching line wins, so the
catch-all ``*`` line comes first.

This complements ``kehoach validate --base ... --tai-khoan ...`` in CI, which refuses a
unit's change outside its folder: CODEOWNERS decides who must review, the check decides
what may be merged at all.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TextIO

from ..check.changes import distinct
from ..errors import EXIT_OK, KehoachError
from ..load.plan import Plan
from ..store import write_atomic
from .common import load_checked, require_plan

TARGET = Path(".github") / "CODEOWNERS"


def _owners(logins: list[str]) -> str:
    return " ".join(f"@{login}" for login in logins)


def render(plan: Plan) -> str:
    """The text of the CODEOWNERS file for ``plan``."""
    admins = distinct(list(plan.plan.quan_tri))
    if not admins:
        raise KehoachError(
            "plan/plan.yaml chưa có khóa quan_tri (các tài khoản của cơ quan thường trực), "
            "nên chưa biết ai duyệt các thay đổi; thêm vào plan/plan.yaml một dòng như\n"
            "  quan_tri: [tai-khoan-1, tai-khoan-2]\n"
            "rồi chạy lại lệnh"
        )
    lines = [
        "# Tệp này được tạo tự động bằng lệnh `kehoach codeowners --write`",
        "# từ khóa quan_tri (plan/plan.yaml) và tai_khoan (plan/units.yaml).",
        "# Đừng sửa trực tiếp: sửa hai tệp đó rồi chạy lại lệnh.",
        "#",
        "# Cơ quan thường trực duyệt mọi thay đổi; thư mục của mỗi đơn vị do tài khoản của",
        "# đơn vị đó và cơ quan thường trực duyệt (dòng khớp sau cùng được áp dụng).",
        "",
        f"* {_owners(admins)}",
        "",
    ]
    without: list[str] = []
    owned = 0
    for unit in plan.units.values():
        accounts = distinct(list(unit.tai_khoan))
        if not accounts:
            without.append(unit.ma)
            continue
        owners = distinct([*accounts, *admins])
        lines.append(f"/units/{unit.ma}/ {_owners(owners)}")
        owned += 1
    if without:
        if owned:
            lines.append("")
        lines.append("# Các đơn vị chưa khai báo tai_khoan: thư mục của đơn vị do cơ quan "
                     "thường trực duyệt")
        lines.extend(f"#   units/{ma}/" for ma in without)
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def codeowners(start: Path, *, write: bool = False, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    root, outcome = load_checked(start)
    plan = require_plan(outcome)
    text = render(plan)
    if not write:
        out.write(text)
        return EXIT_OK
    path = root / TARGET
    write_atomic(path, text.encode("utf-8"))
    out.write(f"Đã ghi {_shown(path)}\n")
    return EXIT_OK


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
