"""`kehoach validate --staged`: the hook judges exactly what is committed — git's index,
with the other files as at HEAD — on real git repos, by hand and through the real
`pre-commit` client with the hook this repo offers (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.check.gitrepos import (
    CAX,
    CHECKED_9,
    CLEAN,
    SOURCE,
    Run,
    commit,
    copy_result,
    edit,
    git,
    line,
    only_in,
)

RESULT = "units/phong-kinh-te/2026-Q2.yaml"
BROKEN = "units/cong-an-xa/2026-Q3.yaml"
TOO_BIG = "tu_so: tử số (99) không được lớn hơn mẫu số ({0})"


def numerator(root: Path) -> tuple[str, str]:
    """The first 'tu_so: N' of the Phòng Kinh tế Q2 results, and its mau_so."""
    text = (root / RESULT).read_text(encoding="utf-8")
    start = text.index("tu_so: ")
    old = text[start:text.index(",", start)]
    mau = text[text.index("mau_so: ", start) + 8:].split("}")[0].strip()
    return old, mau


def test_an_untracked_draft_neither_blocks_nor_is_checked(repo: Path, run: Run) -> None:
    (repo / BROKEN).parent.mkdir(parents=True, exist_ok=True)
    (repo / BROKEN).write_text("don_vi: cong-an-xa\nky: [\n", encoding="utf-8")
    assert run(repo)[0] == 1
    assert run(repo, "--staged") == (0, CHECKED_9 + CLEAN, "")


def test_a_broken_edit_that_is_staged_is_seen_though_the_work_tree_was_fixed(
    repo: Path, run: Run
) -> None:
    old, mau = numerator(repo)
    edit(repo / RESULT, old, "tu_so: 99")
    git(repo, "add", RESULT)
    edit(repo / RESULT, "tu_so: 99", old)  # fixed, but not staged: the commit is broken
    assert run(repo) == (0, CHECKED_9 + CLEAN, "")
    code, out, _ = run(repo, "--staged", RESULT)
    assert code == 1
    assert out.endswith(f": lỗi: {TOO_BIG.format(mau)}\nĐã kiểm tra 1 tệp: 1 lỗi.\n")
    assert out.startswith(f"{RESULT}:")


def test_an_unstaged_broken_edit_does_not_block_a_commit_of_the_staged_content(
    repo: Path, run: Run
) -> None:
    old, _ = numerator(repo)
    edit(repo / RESULT, old, "tu_so: 99")
    assert run(repo)[0] == 1
    assert run(repo, "--staged", RESULT) == (0, "Đã kiểm tra 1 tệp: " + CLEAN, "")


def test_cross_file_rules_use_the_rest_of_the_repo_as_committed(repo: Path, run: Run) -> None:
    # The plan renames a unit in the work tree only: the results still match the plan as
    # committed, so a commit of a result file is judged against that plan.
    edit(repo / "plan/units.yaml", "- ma: phong-kinh-te", "- ma: phong-kinh-te-moi")
    assert run(repo, RESULT)[0] == 1
    assert run(repo, "--staged", RESULT) == (0, "Đã kiểm tra 1 tệp: " + CLEAN, "")


def test_a_commit_of_the_plan_is_judged_on_every_file(repo: Path, run: Run) -> None:
    edit(repo / "plan/units.yaml", "- ma: phong-kinh-te", "- ma: phong-kinh-te-moi")
    git(repo, "add", "plan/units.yaml")
    code, out, _ = run(repo, "--staged", "plan/units.yaml")
    assert code == 1
    assert any(x.startswith("units/phong-kinh-te/") for x in out.splitlines())


def test_a_deleted_file_that_is_staged_is_gone(repo: Path, run: Run) -> None:
    git(repo, "rm", "-q", "--cached", "plan/targets.yaml")
    code, out, _ = run(repo, "--staged")
    assert code == 1 and "plan/targets.yaml" in out
    assert run(repo)[0] == 0  # still on disk, untracked


def test_staged_with_base_takes_only_the_staged_change(repo: Path, run: Run) -> None:
    copy_result(repo, "cong-an-xa", "2026-Q2")
    git(repo, "add", "units/cong-an-xa/2026-Q2.yaml")
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")  # not staged
    args = ["--base", "HEAD", "--tai-khoan", CAX]
    assert run(repo, *args)[0] == 1
    assert run(repo, "--staged", *args) == (0, "Đã kiểm tra 10 tệp: " + CLEAN, "")
    git(repo, "add", "units/mttq/ghi-chu.md")
    assert run(repo, "--staged", *args) == (
        1, line("units/mttq/ghi-chu.md", only_in(CAX, "cong-an-xa"))
        + "Đã kiểm tra 10 tệp: 1 lỗi.\n", "",
    )


def test_exactly_the_committed_bytes_are_read(repo: Path, run: Run) -> None:
    # A clean/smudge filter or line-ending conversion in the user's config does not apply.
    (repo / ".gitattributes").write_text("*.yaml text eol=crlf\n", encoding="utf-8")
    git(repo, "add", ".gitattributes")
    assert run(repo, "--staged") == (0, CHECKED_9 + CLEAN, "")


def test_staged_outside_git(tmp_path: Path, run: Run) -> None:
    shutil.copytree(SOURCE / "plan", tmp_path / "kho" / "plan")
    code, out, err = run(tmp_path / "kho", "--staged")
    assert (code, out) == (2, "")
    assert err.startswith(f"kehoach: lỗi: --staged: thư mục {tmp_path / 'kho'} không nằm "
                          "trong một kho git (")
    assert err.endswith("--staged chỉ dùng được trong bản sao git của kho kế hoạch "
                        "(git clone)\n")


def test_validate_staged_never_writes_to_git(repo: Path, run: Run) -> None:
    index = repo / ".git" / "index"
    edit(repo / RESULT, "ky:", "ky:")
    before = index.read_bytes(), index.stat().st_mtime_ns
    run(repo, "--staged")
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before


# ---------------------------------------------------------------- the real pre-commit client


def _hook_config(root: Path) -> None:
    """The hook as .pre-commit-hooks.yaml offers it, run from this venv (language: system)
    so that the test needs no download; entry, files and pass_filenames are the offer's."""
    offered = yaml.safe_load((SOURCE / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = dict(offered[0])
    hook["language"] = "system"
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")


@pytest.fixture
def pre_commit(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep
                       + os.environ.get("PATH", ""))
    _hook_config(repo)
    commit(repo, "pre-commit")
    subprocess.run([exe, "install"], cwd=repo, check=True, capture_output=True)
    return repo


def _commit(root: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", *paths], cwd=root, check=True)
    return subprocess.run(["git", "commit", "-q", "--no-gpg-sign", "-m", "kết quả"], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def test_pre_commit_untracked_draft_does_not_block(pre_commit: Path) -> None:
    (pre_commit / BROKEN).parent.mkdir(parents=True, exist_ok=True)
    (pre_commit / BROKEN).write_text("ky: [\n", encoding="utf-8")
    copy_result(pre_commit, "cong-an-xa", "2026-Q2")
    done = _commit(pre_commit, "units/cong-an-xa/2026-Q2.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (pre_commit / BROKEN).exists()  # and the draft is left as it was


def test_pre_commit_blocks_a_broken_staged_file_and_keeps_the_unstaged_fix(
    pre_commit: Path,
) -> None:
    old, mau = numerator(pre_commit)
    edit(pre_commit / RESULT, old, "tu_so: 99")
    subprocess.run(["git", "add", RESULT], cwd=pre_commit, check=True)
    edit(pre_commit / RESULT, "tu_so: 99", old)  # fixed in the work tree only
    done = subprocess.run(["git", "commit", "-q", "--no-gpg-sign", "-m", "x"], cwd=pre_commit,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1
    shown = done.stdout + done.stderr
    assert f"{RESULT}:" in shown and TOO_BIG.format(mau) in shown
    assert old in (pre_commit / RESULT).read_text(encoding="utf-8")  # unstaged fix kept


def test_pre_commit_passes_a_good_file_beside_another_units_unstaged_mess(
    pre_commit: Path,
) -> None:
    touch = pre_commit / "units/mttq/2026-Q2.yaml"
    touch.write_text("ky: [\n", encoding="utf-8")  # tracked, broken, not staged
    copy_result(pre_commit, "cong-an-xa", "2026-Q2")
    done = _commit(pre_commit, "units/cong-an-xa/2026-Q2.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert touch.read_text(encoding="utf-8") == "ky: [\n"
