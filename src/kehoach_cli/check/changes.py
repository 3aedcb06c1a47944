"""Who may change what: the rules on a proposed change (a pull request), checked with git.

``kehoach validate --base REV --tai-khoan LOGIN [--tai-khoan LOGIN...]`` examines
everything that differs from REV: committed, staged, unstaged and untracked files (ignored
files excepted). Renames count as a deletion and an addition. Every change must be allowed
for EACH account given (on CI: the pull request's author, the account that pushed, the
account that started the run), so that a unit's push onto the secretariat's branch is
judged as the unit's. Logins are compared without regard to case, as GitHub and GitLab
spell them (letters, digits, '.', '_', '-'); a GitHub App's ``name[bot]`` is only allowed
when written so, ``[bot]`` included, in the plan. The rules:

- a unit's account (listed in that unit's ``tai_khoan`` in plan/units.yaml, compared
  without regard to case) may add and modify files under ``units/<its unit>/`` only, and
  may delete nothing;
- the secretariat's accounts (``quan_tri`` in plan/plan.yaml) may change anything else;
- any other account may change nothing;
- nobody, the secretariat included, may add, modify or delete a result file
  (``units/<unit>/<year>-Q<n>.yaml``) of a quarter whose report is issued, nor modify or
  delete the issued report's own files (``reports/<year>-Q<n>.yaml`` and ``.docx``; adding
  the .docx of an issued report is allowed, it archives the record). A quarter is issued
  when ``reports/<year>-Q<n>.yaml`` has ``so`` set AT REV. The six-month and annual
  reports' own files (``reports/<year>-6T.*``, ``reports/<year>.*``) are frozen the same
  way once their input has ``so`` at REV (the result files they sum up are frozen by
  their quarters' own reports). Adding a result file to an
  issued quarter is refused too: the issued report can no longer show it, so a late
  figure goes to the secretariat another way (or into the next quarter's file).

Without ``--tai-khoan`` only the issued-quarter rule applies (a local check before a
push, or a CI without the author's login).

Permissions are read from the plan files AT REV, not from the change: a change cannot
grant its own author the right to make it. An account added to plan/ in the same change
only counts once that change is merged; the message says so.

The change is taken from the merge base of REV and HEAD (the fork point of the branch),
so that what the target branch gained since the branch was made is not counted as the
author's change. On GitHub's pull-request checkout (a merge commit) the merge base is
REV itself; on a branch checkout it keeps the author from being blamed for others' work.

Git runs as a subprocess with a list argv (no shell), ``cwd`` the plan repo, without
taking optional locks: validate never writes, not even git's index.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..load.git import git_stderr, git_text, run_git, split_z, work_tree_prefix
from ..load.yamlfile import load_bytes
from ..vocab.periods import ReportPeriod
from ..vocab.phrases import report_name
from ..vocab.problems import START, Problem, Rule, error
from .outcome import CheckOutcome

RULE = Rule(
    "thay-doi",
    "Yêu cầu hợp nhất của một đơn vị chỉ thêm, sửa tệp trong thư mục của đơn vị đó; không ai "
    "sửa kết quả của quý đã ban hành báo cáo",
)

_RESULT_RE = re.compile(r"^units/([^/]+)/([0-9]{4})-Q([1-4])\.yaml$")
# an issued report's own files: a quarter's (2026-Q2), the six-month (2026-6T), the year's (2026)
_REPORT_RE = re.compile(r"^reports/([0-9]{4}(?:-Q[1-4]|-6T)?)\.(yaml|docx)$")

ADDED, MODIFIED, DELETED = "A", "M", "D"
_VERB = {ADDED: "thêm", MODIFIED: "sửa", DELETED: "xóa"}


# ---------------------------------------------------------------- running git


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    return run_git(root, *args, check=check)


_stderr, _text, _split_z = git_stderr, git_text, split_z


@dataclass(slots=True)
class GitRepo:
    """The git work tree a plan repo lives in, and the revision a change is compared to."""

    root: Path  # the plan repo
    prefix: str  # the plan repo's folder inside the git work tree: "" or "sub/dir/"
    base: str  # the commit the user named (REV), resolved
    fork: str  # merge base of REV and HEAD (REV itself when there is none)

    def show(self, relpath: str) -> bytes | None:
        """The bytes of a plan-repo file at REV, or None when it did not exist there."""
        done = _git(self.root, "cat-file", "blob", f"{self.base}:{self.prefix}{relpath}",
                    check=False)
        return done.stdout if done.returncode == 0 else None

    def display(self, toplevel_path: str) -> str:
        """A work-tree path as a plan-repo path (``../x`` when outside the plan repo)."""
        if toplevel_path.startswith(self.prefix):
            return toplevel_path[len(self.prefix):]
        depth = self.prefix.count("/")
        return "../" * depth + toplevel_path


def open_repo(root: Path, rev: str) -> GitRepo:
    prefix = work_tree_prefix(root, "--base")
    if rev.startswith("-") or not rev.strip():
        found = None
    else:
        done = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
        found = _text(done.stdout).strip() if done.returncode == 0 else None
    if not found:
        raise UsageError(
            f"--base: không tìm thấy phiên bản '{rev}' trong kho git; cần tên nhánh, thẻ "
            "hoặc mã commit có trong kho, ví dụ origin/main (trên CI cần lấy đủ lịch sử: "
            "actions/checkout với fetch-depth: 0)"
        )
    merge = _git(root, "merge-base", found, "HEAD", check=False)
    fork = _text(merge.stdout).strip() if merge.returncode == 0 else ""
    return GitRepo(root, prefix, found, fork or found)


# ---------------------------------------------------------------- what changed


def changed_paths(repo: GitRepo, staged: bool = False) -> dict[str, str]:
    """Every path that differs from the fork point, plan-repo relative -> A, M or D; with
    ``staged``, only what git's index holds (what the next commit would record)."""
    cached = ("--cached",) if staged else ()
    diff = _git(repo.root, "diff", *cached, "--name-status", "-z", "--no-renames",
                "--no-ext-diff", "--no-color", "--no-relative", repo.fork, "--")
    fields = _split_z(diff.stdout)
    changes: dict[str, str] = {}
    i = 0
    while i < len(fields):
        status = fields[i][:1]
        if status in ("R", "C"):  # only if renames were forced on: old path, new path
            old, new = fields[i + 1], fields[i + 2]
            if status == "R":
                changes[repo.display(old)] = DELETED
            changes[repo.display(new)] = ADDED
            i += 3
            continue
        path = repo.display(fields[i + 1])
        changes[path] = {"A": ADDED, "D": DELETED}.get(status, MODIFIED)
        i += 2
    if staged:
        return dict(sorted(changes.items()))
    others = _git(repo.root, "ls-files", "--others", "--exclude-standard", "--full-name",
                  "-z", "--", ":/")
    for path in map(repo.display, _split_z(others.stdout)):
        # deleted from git's index but still on disk: the file is still there, changed
        changes[path] = MODIFIED if changes.get(path) == DELETED else ADDED
    return dict(sorted(changes.items()))


# ---------------------------------------------------------------- who is who (at REV)


@dataclass(slots=True)
class Accounts:
    admins: set[str] = field(default_factory=set)  # lower-cased
    unit_of: dict[str, str] = field(default_factory=dict)  # lower-cased login -> unit id


def _yaml_data(raw: bytes | None, path: str) -> Any:
    if raw is None:
        return None
    return load_bytes(path, raw).data


def _logins(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def accounts_from(plan_data: Any, units_data: Any) -> Accounts:
    """The accounts declared by plan.yaml and units.yaml values (read leniently)."""
    found = Accounts()
    if isinstance(plan_data, dict):
        found.admins = {login.lower() for login in _logins(plan_data.get("quan_tri"))}
    units = units_data.get("don_vi") if isinstance(units_data, dict) else None
    for unit in units if isinstance(units, list) else []:
        if isinstance(unit, dict) and isinstance(unit.get("ma"), str):
            for login in _logins(unit.get("tai_khoan")):
                found.unit_of.setdefault(login.lower(), unit["ma"])
    return found


def _accounts_at_base(repo: GitRepo) -> Accounts:
    return accounts_from(
        _yaml_data(repo.show("plan/plan.yaml"), "plan/plan.yaml"),
        _yaml_data(repo.show("plan/units.yaml"), "plan/units.yaml"),
    )


def _accounts_now(outcome: CheckOutcome) -> Accounts:
    found = Accounts()
    if outcome.plan is None:
        return found
    found.admins = {login.lower() for login in outcome.plan.plan.quan_tri}
    for unit in outcome.plan.units.values():
        for login in unit.tai_khoan:
            found.unit_of.setdefault(login.lower(), unit.ma)
    return found


# ---------------------------------------------------------------- issued quarters


def _issued_number(repo: GitRepo, stem: str, cache: dict[str, Any]) -> Any:
    """The ``so`` of reports/<stem>.yaml at REV, or None (a draft, or no such file)."""
    if stem not in cache:
        path = f"reports/{stem}.yaml"
        data = _yaml_data(repo.show(path), path)
        cache[stem] = data.get("so") if isinstance(data, dict) else None
    return cache[stem]


def _issued_problem(repo: GitRepo, path: str, status: str, cache: dict[str, Any]) -> Problem | None:
    result = _RESULT_RE.match(path)
    report = _REPORT_RE.match(path)
    if result is not None:
        stem = f"{result[2]}-Q{result[3]}"
    elif report is not None and status != ADDED:
        stem = report[1]
    else:
        return None
    period = ReportPeriod.parse(stem)
    so = _issued_number(repo, stem, cache)
    if so is None or period is None:
        return None
    issued = f"{report_name(period)} đã ban hành (reports/{stem}.yaml có so: {so})"
    if result is not None and status == ADDED:
        rest = "không được thêm tệp kết quả cho quý đã ban hành báo cáo"
    elif result is not None:
        rest = f"không ai được {_VERB[status]} tệp kết quả của quý đã ban hành báo cáo"
    elif path.endswith(".yaml"):
        rest = f"không được {_VERB[status]} tệp đầu vào của báo cáo đã ban hành"
    else:
        rest = f"không được {_VERB[status]} tệp báo cáo đã ban hành"
    return error(path, START, f"{issued}; {rest}", RULE.id)


# ---------------------------------------------------------------- the rules


def _account_problems(
    account: str, changes: dict[str, str], at_base: Accounts, now: Accounts, base: str
) -> list[Problem]:
    login = account.lower()
    if login in at_base.admins:
        return []
    unit = at_base.unit_of.get(login)
    out: list[Problem] = []
    if unit is None:
        message = (
            f"tài khoản '{account}' không được thay đổi kho kế hoạch: tài khoản không thuộc "
            "đơn vị nào (khóa tai_khoan trong plan/units.yaml) và không phải tài khoản của "
            "cơ quan thường trực (khóa quan_tri trong plan/plan.yaml)"
        )
        if login in now.admins or login in now.unit_of:
            message += (f"; tài khoản này mới được thêm vào plan/ trong chính thay đổi này, "
                        f"chưa có ở phiên bản {base}: quyền chỉ có hiệu lực sau khi thay đổi "
                        "plan/ được hợp nhất")
        elif login.endswith("[bot]"):
            message += (f"; tài khoản ứng dụng (bot) chỉ được phép khi ghi đúng tên "
                        f"\"{account}\", cả phần [bot], trong tai_khoan hoặc quan_tri")
        elif not at_base.admins and not at_base.unit_of:
            message += f"; kế hoạch ở phiên bản {base} chưa khai báo tài khoản nào"
        return [error(path, START, message, RULE.id) for path in changes]
    folder = f"units/{unit}/"
    allowed = f"chỉ được thêm hoặc sửa tệp trong {folder}"
    for path, status in changes.items():
        if status == DELETED:
            out.append(error(path, START,
                             f"tài khoản '{account}' (đơn vị {unit}) không được xóa tệp; đơn vị "
                             f"{allowed}, việc xóa tệp do cơ quan thường trực thực hiện", RULE.id))
        elif not path.startswith(folder):
            out.append(error(path, START, f"tài khoản '{account}' (đơn vị {unit}) {allowed}",
                             RULE.id))
    return out


def distinct(accounts: Sequence[str]) -> list[str]:
    """The accounts in the order given, each once (compared without regard to case)."""
    seen: set[str] = set()
    out: list[str] = []
    for account in accounts:
        if account.lower() not in seen:
            seen.add(account.lower())
            out.append(account)
    return out


def check_change(
    root: Path, base: str, accounts: Sequence[str], outcome: CheckOutcome,
    staged: bool = False,
) -> list[Problem]:
    """The problems of the change from ``base`` to the work tree, made by ``accounts``
    together: every change must be allowed for each of them (the pull request's author,
    whoever pushed to it, whoever started the run)."""
    repo = open_repo(root, base)
    changes = changed_paths(repo, staged)
    problems: list[Problem] = []
    cache: dict[str, Any] = {}
    for path, status in changes.items():
        problem = _issued_problem(repo, path, status, cache)
        if problem is not None:
            problems.append(problem)
    if accounts:
        at_base, now = _accounts_at_base(repo), _accounts_now(outcome)
        for account in distinct(accounts):
            problems.extend(_account_problems(account, changes, at_base, now, base))
    return sorted(problems, key=Problem.sort_key)


__all__ = ["RULE", "Accounts", "GitRepo", "accounts_from", "changed_paths", "check_change",
           "distinct", "open_repo"]

