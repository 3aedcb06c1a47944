"""Every account that touched a change must be allowed to make it: `--tai-khoan` given
more than once, logins as GitHub and GitLab spell them, GitHub Apps' `[bot]` accounts
only by name, and an empty login refused (real git repos: tests/check/gitrepos.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.check.gitrepos import (
    ADMIN,
    CAX,
    CHECKED_9,
    CHECKED_10,
    CLEAN,
    STRANGER,
    Run,
    commit,
    copy_result,
    edit,
    git,
    line,
    only_in,
    touch_up,
)


def accounts(*logins: str) -> list[str]:
    args = ["--base", "main"]
    for login in logins:
        args += ["--tai-khoan", login]
    return args


def test_a_units_push_onto_the_secretariats_branch_is_judged_as_the_units(
    repo: Path, run: Run
) -> None:
    # The secretariat opens a branch; the Công an xã account pushes an edit of another
    # unit's results onto it. The pull request's author alone would let it through.
    git(repo, "switch", "-q", "-c", "bcd-sua-ke-hoach")
    touch_up(repo / "plan/targets.yaml")
    commit(repo, "cơ quan thường trực sửa kế hoạch")
    touch_up(repo / "units/mttq/2026-Q2.yaml", "sửa số của MTTQ")
    commit(repo, "đơn vị khác đẩy lên nhánh")
    assert run(repo, *accounts(ADMIN)) == (0, CHECKED_9 + CLEAN, "")
    assert run(repo, *accounts(ADMIN, CAX)) == (
        1,
        line("plan/targets.yaml", only_in(CAX, "cong-an-xa"))
        + line("units/mttq/2026-Q2.yaml", only_in(CAX, "cong-an-xa"))
        + CHECKED_9 + "2 lỗi.\n",
        "",
    )


def test_each_account_is_named_in_its_own_problems(repo: Path, run: Run) -> None:
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    assert run(repo, *accounts(CAX, "nguoi-la")) == (
        1,
        line("units/mttq/ghi-chu.md", STRANGER.format("nguoi-la"))
        + line("units/mttq/ghi-chu.md", only_in(CAX, "cong-an-xa"))
        + CHECKED_9 + "2 lỗi.\n",
        "",
    )


def test_the_same_account_twice_counts_once(repo: Path, run: Run) -> None:
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    assert run(repo, *accounts(CAX, CAX.upper(), CAX)) == (
        1, line("units/mttq/ghi-chu.md", only_in(CAX, "cong-an-xa")) + CHECKED_9 + "1 lỗi.\n",
        "",
    )


def test_two_accounts_of_the_same_unit_may_change_its_folder(repo: Path, run: Run) -> None:
    edit(repo / "plan/units.yaml", f"tai_khoan: [{CAX}]", f"tai_khoan: [{CAX}, ca.xa_2]")
    commit(repo, "thêm tài khoản thứ hai của Công an xã")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    assert run(repo, *accounts(CAX, "Ca.Xa_2")) == (0, CHECKED_10 + CLEAN, "")


@pytest.mark.parametrize("login", ["nguyen.van_a", "_tran-thi.b", "le_c-3"])
def test_gitlab_logins_with_dots_and_underscores(repo: Path, run: Run, login: str) -> None:
    edit(repo / "plan/units.yaml", f"tai_khoan: [{CAX}]", f"tai_khoan: [{login}]")
    commit(repo, "tài khoản GitLab của Công an xã")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    assert run(repo, *accounts(login)) == (0, CHECKED_10 + CLEAN, "")
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    code, out, _ = run(repo, *accounts(login))
    assert (code, out.splitlines()[0]) == (
        1, line("units/mttq/ghi-chu.md", only_in(login, "cong-an-xa")).rstrip("\n")
    )


def test_a_bot_account_is_allowed_only_when_named_with_its_bot_suffix(
    repo: Path, run: Run
) -> None:
    edit(repo / "plan/units.yaml", f"tai_khoan: [{CAX}]", f"tai_khoan: [{CAX}, nhac-viec]")
    commit(repo, "một tài khoản tên nhac-viec")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    refused = STRANGER.format("nhac-viec[bot]") + (
        '; tài khoản ứng dụng (bot) chỉ được phép khi ghi đúng tên "nhac-viec[bot]", cả phần '
        "[bot], trong tai_khoan hoặc quan_tri"
    )
    assert run(repo, *accounts("nhac-viec[bot]")) == (
        1, line("units/cong-an-xa/2026-Q2.yaml", refused) + CHECKED_10 + "1 lỗi.\n", ""
    )
    edit(repo / "plan/units.yaml", "nhac-viec]", '"nhac-viec[bot]"]')
    commit(repo, "cho phép ứng dụng nhac-viec")
    (repo / "units/cong-an-xa/2026-Q2.yaml").unlink()
    commit(repo, "bỏ tệp để thêm lại")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    assert run(repo, *accounts("Nhac-Viec[bot]")) == (0, CHECKED_10 + CLEAN, "")
    # the plain account no longer exists: the bot's name does not stand for it
    assert run(repo, *accounts("nhac-viec"))[0] == 1


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_account_is_refused_rather_than_taken_for_nobody(
    repo: Path, run: Run, empty: str
) -> None:
    assert run(repo, *accounts(CAX, empty)) == (
        2, "", "kehoach: lỗi: --tai-khoan: tên tài khoản trống; trên CI, kiểm tra biến chứa "
        "tên tài khoản có được đặt giá trị không\n",
    )


def test_a_login_written_as_on_a_web_page_gets_the_login_it_means(
    repo: Path, run: Run
) -> None:
    edit(repo / "plan/units.yaml", f"tai_khoan: [{CAX}]",
         'tai_khoan: ["@nguyen-van-a", "https://github.com/tran.b", "Lê Văn Đức"]')
    code, out, _ = run(repo)
    form = ("cần tên tài khoản GitHub hoặc GitLab (không có '@', dấu cách hay địa chỉ trang), "
            "nhận được chuỗi ")
    lines = [x for x in out.splitlines() if "tai_khoan" in x]
    assert code == 1
    assert [x.split(": lỗi: ", 1)[1] for x in lines] == [
        f'phần tử thứ 1 của tai_khoan: {form}"@nguyen-van-a"; có phải là nguyen-van-a?',
        f'phần tử thứ 2 của tai_khoan: {form}"https://github.com/tran.b"; có phải là tran.b?',
        f'phần tử thứ 3 của tai_khoan: {form}"Lê Văn Đức"; có phải là le-van-duc?',
    ]


def test_the_step_summary_holds_every_problem_permission_first(
    repo: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("## bước trước\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    (repo / "units/cong-an-xa").mkdir()
    (repo / "units/cong-an-xa/2026-Q2.yaml").write_text("ky: [\n", encoding="utf-8")
    code, out, _ = run(repo, *accounts(CAX), "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith("::error file=units/mttq/ghi-chu.md,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## bước trước\n## Kết quả kiểm tra của kehoach\n")  # appended
    rows = [x for x in text.splitlines() if x.startswith("| `")]
    assert rows[0] == (f"| `units/mttq/ghi-chu.md` | 1 | 1 | lỗi | "
                       f"{only_in(CAX, 'cong-an-xa')} | `thay-doi` |")
    assert len(rows) == out.count("::error") + out.count("::warning")


def test_a_step_summary_that_cannot_be_written_changes_no_verdict(
    repo: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "khong-co" / "tom-tat.md"))
    code, out, err = run(repo, *accounts(CAX), "--format", "github")
    assert (code, out) == (0, CHECKED_9 + CLEAN)
    assert err.startswith("kehoach: cảnh báo: không ghi được tóm tắt của bước vào ")
