"""Who may change what: `kehoach validate --base REV --tai-khoan LOGIN` on real git repos
(the repos and helpers: tests/check/gitrepos.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.check.gitrepos import (
    ADMIN,
    CAX,
    CHECKED_9,
    CHECKED_10,
    CLEAN,
    ISSUED_Q1,
    PKT,
    SOURCE,
    STRANGER,
    Run,
    as_unit,
    commit,
    copy_result,
    edit,
    git,
    line,
    make_plan_repo,
    no_delete,
    only_in,
    strip_accounts,
    touch_up,
)

# ---------------------------------------------------------------- a unit's account


@pytest.mark.parametrize("how", ["untracked", "staged", "committed"])
def test_unit_may_add_its_own_result_file(repo: Path, run: Run, how: str) -> None:
    copy_result(repo, "cong-an-xa", "2026-Q2")
    if how == "staged":
        git(repo, "add", "-A")
    elif how == "committed":
        git(repo, "checkout", "-q", "-b", "cong-an-xa-quy-2")
        commit(repo, "Công an xã: báo cáo quý II")
        assert run(repo, "--base", "main", "--tai-khoan", CAX) == (0, CHECKED_10 + CLEAN, "")
        return
    assert run(repo, *as_unit(CAX)) == (0, CHECKED_10 + CLEAN, "")


@pytest.mark.parametrize("committed", [False, True])
def test_unit_may_modify_its_own_file_of_an_open_quarter(
    repo: Path, run: Run, committed: bool
) -> None:
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    (repo / "units/phong-kinh-te/bien-ban.pdf").write_bytes(b"%PDF-1.4\n")
    base = git(repo, "rev-parse", "HEAD").strip()
    if committed:
        commit(repo)
    assert run(repo, "--base", base, "--tai-khoan", PKT) == (0, CHECKED_9 + CLEAN, "")


def test_account_is_matched_without_regard_to_case(repo: Path, run: Run) -> None:
    copy_result(repo, "cong-an-xa", "2026-Q2")
    assert run(repo, *as_unit("Nguyen-Van-A")) == (0, CHECKED_10 + CLEAN, "")
    (repo / "plan" / "ghi-chu.md").write_text("x\n", encoding="utf-8")
    assert run(repo, *as_unit("NGUYEN-VAN-A")) == (
        1,
        line("plan/ghi-chu.md", only_in("NGUYEN-VAN-A", "cong-an-xa"))
        + CHECKED_10 + "1 lỗi.\n",
        "",
    )


@pytest.mark.parametrize("committed", [False, True])
def test_unit_may_not_modify_another_units_file(repo: Path, run: Run, committed: bool) -> None:
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    base = git(repo, "rev-parse", "HEAD").strip()
    if committed:
        commit(repo)
    assert run(repo, "--base", base, "--tai-khoan", CAX) == (
        1,
        line("units/phong-kinh-te/2026-Q2.yaml", only_in(CAX, "cong-an-xa"))
        + CHECKED_9 + "1 lỗi.\n",
        "",
    )


def test_unit_may_not_add_a_file_to_another_units_folder(repo: Path, run: Run) -> None:
    (repo / "units/mttq/ghi-chu.md").write_text("Ghi chú\n", encoding="utf-8")
    assert run(repo, *as_unit(CAX)) == (
        1, line("units/mttq/ghi-chu.md", only_in(CAX, "cong-an-xa")) + CHECKED_9 + "1 lỗi.\n", ""
    )


def test_unit_may_not_change_the_plan_or_anything_outside_units(repo: Path, run: Run) -> None:
    touch_up(repo / "plan/targets.yaml")
    (repo / "README.md").write_text("Kho kế hoạch\n", encoding="utf-8")
    (repo / "units" / "cong-an-xa-2026-Q2.md").write_text("x\n", encoding="utf-8")
    assert run(repo, *as_unit(CAX)) == (
        1,
        line("README.md", only_in(CAX, "cong-an-xa"))
        + line("plan/targets.yaml", only_in(CAX, "cong-an-xa"))
        + line("units/cong-an-xa-2026-Q2.md", only_in(CAX, "cong-an-xa"))
        + CHECKED_9 + "3 lỗi.\n",
        "",
    )


@pytest.mark.parametrize("how", ["deleted", "git-rm", "committed"])
def test_unit_may_not_delete_files(repo: Path, run: Run, how: str) -> None:
    path = repo / "units/phong-kinh-te/2026-Q2.yaml"
    base = git(repo, "rev-parse", "HEAD").strip()
    if how == "deleted":
        path.unlink()
    else:
        git(repo, "rm", "-q", "units/phong-kinh-te/2026-Q2.yaml")
        if how == "committed":
            commit(repo)
    assert run(repo, "--base", base, "--tai-khoan", PKT) == (
        1,
        line("units/phong-kinh-te/2026-Q2.yaml", no_delete(PKT, "phong-kinh-te"))
        + "Đã kiểm tra 8 tệp: 1 lỗi.\n",
        "",
    )


def test_a_rename_is_a_deletion_and_an_addition(repo: Path, run: Run) -> None:
    git(repo, "mv", "units/phong-kinh-te/2026-Q2.yaml", "units/phong-kinh-te/ban-nhap-q2.md")
    base = git(repo, "rev-parse", "HEAD").strip()
    commit(repo, "đổi tên")
    assert run(repo, "--base", base, "--tai-khoan", PKT) == (
        1,
        line("units/phong-kinh-te/2026-Q2.yaml", no_delete(PKT, "phong-kinh-te"))
        + "Đã kiểm tra 8 tệp: 1 lỗi.\n",
        "",
    )
    # renamed into another unit's folder: both halves refused
    git(repo, "mv", "units/phong-kinh-te/ban-nhap-q2.md", "units/mttq/ban-nhap-q2.md")
    assert run(repo, "--base", base, "--tai-khoan", PKT) == (
        1,
        line("units/mttq/ban-nhap-q2.md", only_in(PKT, "phong-kinh-te"))
        + line("units/phong-kinh-te/2026-Q2.yaml", no_delete(PKT, "phong-kinh-te"))
        + "Đã kiểm tra 8 tệp: 2 lỗi.\n",
        "",
    )


def test_ignored_files_do_not_count(repo: Path, run: Run) -> None:
    (repo / ".gitignore").write_text("nhap/\n", encoding="utf-8")
    base = commit(repo, "bỏ qua nhap/")
    (repo / "nhap").mkdir()
    (repo / "nhap" / "so-lieu.md").write_text("x\n", encoding="utf-8")
    assert run(repo, "--base", base, "--tai-khoan", CAX) == (0, CHECKED_9 + CLEAN, "")


# ---------------------------------------------------------------- issued quarters


@pytest.mark.parametrize("account", [PKT, ADMIN, None])
def test_nobody_may_modify_a_result_file_of_an_issued_quarter(
    repo: Path, run: Run, account: str | None
) -> None:
    touch_up(repo / "units/phong-kinh-te/2026-Q1.yaml")
    args = ["--base", "HEAD"] + (["--tai-khoan", account] if account else [])
    assert run(repo, *args) == (
        1,
        line("units/phong-kinh-te/2026-Q1.yaml",
             ISSUED_Q1 + "không ai được sửa tệp kết quả của quý đã ban hành báo cáo")
        + CHECKED_9 + "1 lỗi.\n",
        "",
    )


def test_nobody_may_delete_a_result_file_of_an_issued_quarter(repo: Path, run: Run) -> None:
    (repo / "units/phong-kinh-te/2026-Q1.yaml").unlink()
    assert run(repo, *as_unit(ADMIN)) == (
        1,
        line("units/phong-kinh-te/2026-Q1.yaml",
             ISSUED_Q1 + "không ai được xóa tệp kết quả của quý đã ban hành báo cáo")
        + "Đã kiểm tra 8 tệp: 1 lỗi.\n",
        "",
    )
    # a unit deleting its own file of an issued quarter breaks both rules
    assert run(repo, *as_unit(PKT)) == (
        1,
        line("units/phong-kinh-te/2026-Q1.yaml",
             ISSUED_Q1 + "không ai được xóa tệp kết quả của quý đã ban hành báo cáo")
        + line("units/phong-kinh-te/2026-Q1.yaml", no_delete(PKT, "phong-kinh-te"))
        + "Đã kiểm tra 8 tệp: 2 lỗi.\n",
        "",
    )


@pytest.mark.parametrize("account", [CAX, ADMIN])
def test_no_result_file_may_be_added_to_an_issued_quarter(
    repo: Path, run: Run, account: str
) -> None:
    copy_result(repo, "cong-an-xa", "2026-Q1")
    assert run(repo, *as_unit(account)) == (
        1,
        line("units/cong-an-xa/2026-Q1.yaml",
             ISSUED_Q1 + "không được thêm tệp kết quả cho quý đã ban hành báo cáo")
        + CHECKED_10 + "1 lỗi.\n",
        "",
    )


def test_the_issued_reports_own_files_are_frozen(repo: Path, run: Run) -> None:
    docx = repo / "reports/2026-Q1.docx"
    docx.write_bytes(b"PK\x03\x04 ban chinh thuc")
    # archiving the issued .docx is allowed ...
    assert run(repo, *as_unit(ADMIN)) == (0, CHECKED_9 + CLEAN, "")
    base = commit(repo, "lưu báo cáo quý I")
    # ... changing it, or the issued report's input, is not
    docx.write_bytes(b"PK\x03\x04 ban khac")
    edit(repo / "reports/2026-Q1.yaml", "so: 3", "so: 4")
    assert run(repo, "--base", base, "--tai-khoan", ADMIN) == (
        1,
        line("reports/2026-Q1.docx",
             ISSUED_Q1 + "không được sửa tệp báo cáo đã ban hành")
        + line("reports/2026-Q1.yaml",
               ISSUED_Q1 + "không được sửa tệp đầu vào của báo cáo đã ban hành")
        + CHECKED_9 + "2 lỗi.\n",
        "",
    )


ISSUED_6T = "báo cáo sơ kết 6 tháng đầu năm 2026 đã ban hành (reports/2026-6T.yaml có so: 5); "
ISSUED_YEAR = "báo cáo tổng kết năm 2026 đã ban hành (reports/2026.yaml có so: 9); "


def test_the_six_month_and_annual_reports_files_are_frozen_once_issued(
    repo: Path, run: Run
) -> None:
    (repo / "reports/2026-6T.yaml").write_text("so: 5\nngay: 2026-06-29\n", encoding="utf-8")
    (repo / "reports/2026.yaml").write_text("ngay: 2026-12-28\n", encoding="utf-8")
    base = commit(repo, "ban hành báo cáo 6 tháng, dự thảo báo cáo năm")
    # archiving the issued .docx is allowed, and so is editing a draft's input or issuing it
    (repo / "reports/2026-6T.docx").write_bytes(b"PK\x03\x04 ban chinh thuc")
    edit(repo / "reports/2026.yaml", "ngay: 2026-12-28", "so: 9\nngay: 2026-12-28")
    assert run(repo, "--base", base, "--tai-khoan", ADMIN) == (
        0, "Đã kiểm tra 11 tệp: " + CLEAN, "")
    base = commit(repo, "lưu báo cáo 6 tháng, ban hành báo cáo năm")
    # once issued (at the base), neither the input nor the .docx may change or go
    edit(repo / "reports/2026-6T.yaml", "so: 5", "so: 6")
    (repo / "reports/2026-6T.docx").write_bytes(b"PK\x03\x04 ban khac")
    (repo / "reports/2026.yaml").unlink()
    (repo / "reports/2026.docx").write_bytes(b"PK\x03\x04 ban nam")  # added: an archive
    assert run(repo, "--base", base, "--tai-khoan", ADMIN) == (
        1,
        line("reports/2026-6T.docx", ISSUED_6T + "không được sửa tệp báo cáo đã ban hành")
        + line("reports/2026-6T.yaml",
               ISSUED_6T + "không được sửa tệp đầu vào của báo cáo đã ban hành")
        + line("reports/2026.yaml",
               ISSUED_YEAR + "không được xóa tệp đầu vào của báo cáo đã ban hành")
        + "Đã kiểm tra 10 tệp: 3 lỗi.\n",
        "",
    )
    # the same without an account (a local check before a push)
    assert run(repo, "--base", base)[0] == 1


def test_an_issued_six_month_report_leaves_its_quarters_to_their_own_reports(
    repo: Path, run: Run
) -> None:
    """Quarter II's result files are frozen by quarter II's own report, not by the
    six-month one: a draft quarter II stays open to its units."""
    (repo / "reports/2026-6T.yaml").write_text("so: 5\nngay: 2026-06-29\n", encoding="utf-8")
    commit(repo, "ban hành báo cáo 6 tháng")
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    assert run(repo, *as_unit(PKT)) == (0, "Đã kiểm tra 10 tệp: " + CLEAN, "")


def test_a_quarter_is_issued_as_of_the_base(repo: Path, run: Run) -> None:
    # issuing quarter II and correcting one of its files in the same change is allowed
    edit(repo / "reports/2026-Q2.yaml", "ngay: 2026-06-26", "so: 7\nngay: 2026-06-26")
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    assert run(repo, *as_unit(ADMIN)) == (0, CHECKED_9 + CLEAN, "")
    commit(repo, "ban hành báo cáo quý II")
    # once merged, quarter II is frozen too
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    assert run(repo, *as_unit(PKT)) == (
        1,
        line("units/phong-kinh-te/2026-Q2.yaml",
             "báo cáo quý II năm 2026 đã ban hành (reports/2026-Q2.yaml có so: 7); "
             "không ai được sửa tệp kết quả của quý đã ban hành báo cáo")
        + CHECKED_9 + "1 lỗi.\n",
        "",
    )


# ---------------------------------------------------------------- the secretariat


def test_secretariat_may_change_anything_else(repo: Path, run: Run) -> None:
    with (repo / "plan/targets.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# ghi chú của cơ quan thường trực\n")
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    edit(repo / "reports/2026-Q2.yaml", "ngay: 2026-06-26", "ngay: 2026-06-27")
    (repo / "units/mttq/2026-Q2.yaml").unlink()
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text(f"* @{ADMIN}\n", encoding="utf-8")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    assert run(repo, *as_unit(ADMIN)) == (0, CHECKED_9 + CLEAN, "")
    assert run(repo, *as_unit(ADMIN.upper())) == (0, CHECKED_9 + CLEAN, "")


# ---------------------------------------------------------------- other accounts


def test_an_unknown_account_may_change_nothing(repo: Path, run: Run) -> None:
    assert run(repo, *as_unit("nguoi-la")) == (0, CHECKED_9 + CLEAN, "")
    touch_up(repo / "units/mttq/2026-Q2.yaml")
    (repo / "units/cong-an-xa").mkdir()
    (repo / "units/cong-an-xa/ghi-chu.md").write_text("x\n", encoding="utf-8")
    stranger = STRANGER.format("nguoi-la")
    assert run(repo, *as_unit("nguoi-la")) == (
        1,
        line("units/cong-an-xa/ghi-chu.md", stranger)
        + line("units/mttq/2026-Q2.yaml", stranger)
        + CHECKED_9 + "2 lỗi.\n",
        "",
    )


def test_permissions_come_from_the_base_not_from_the_change(repo: Path, run: Run) -> None:
    edit(repo / "plan/units.yaml", "    ten: Ủy ban Mặt trận Tổ quốc Việt Nam xã\n",
         "    ten: Ủy ban Mặt trận Tổ quốc Việt Nam xã\n    tai_khoan: [moi-them]\n")
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    message = STRANGER.format("moi-them") + (
        "; tài khoản này mới được thêm vào plan/ trong chính thay đổi này, chưa có ở phiên bản "
        "HEAD: quyền chỉ có hiệu lực sau khi thay đổi plan/ được hợp nhất"
    )
    assert run(repo, *as_unit("moi-them")) == (
        1,
        line("plan/units.yaml", message) + line("units/mttq/ghi-chu.md", message)
        + CHECKED_9 + "2 lỗi.\n",
        "",
    )
    commit(repo, "thêm tài khoản của MTTQ")
    (repo / "units/mttq/ghi-chu.md").write_text("y\n", encoding="utf-8")
    assert run(repo, *as_unit("moi-them")) == (0, CHECKED_9 + CLEAN, "")


def test_a_plan_without_accounts_is_named(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "kho"
    shutil.copytree(SOURCE / "plan", root / "plan")
    strip_accounts(root)
    git(root, "init", "-q", "-b", "main")
    commit(root)
    (root / "units").mkdir()
    (root / "units" / "ghi-chu.md").write_text("x\n", encoding="utf-8")
    assert run(root, *as_unit(ADMIN)) == (
        1,
        line("units/ghi-chu.md", STRANGER.format(ADMIN)
             + "; kế hoạch ở phiên bản HEAD chưa khai báo tài khoản nào")
        + "Đã kiểm tra 4 tệp: 1 lỗi.\n",
        "",
    )


# ---------------------------------------------------------------- --base alone, formats


def test_base_without_account_checks_only_issued_quarters(repo: Path, run: Run) -> None:
    touch_up(repo / "plan/targets.yaml")
    (repo / "units/phong-kinh-te/2026-Q2.yaml").unlink()
    assert run(repo, "--base", "HEAD") == (0, "Đã kiểm tra 8 tệp: " + CLEAN, "")
    touch_up(repo / "units/phong-kinh-te/2026-Q1.yaml")
    code, out, _ = run(repo, "--base", "HEAD")
    assert (code, out.splitlines()[0]) == (
        1,
        "units/phong-kinh-te/2026-Q1.yaml:1:1: lỗi: " + ISSUED_Q1
        + "không ai được sửa tệp kết quả của quý đã ban hành báo cáo",
    )


def test_github_and_json_formats(repo: Path, run: Run) -> None:
    (repo / "units/mttq/ghi-chu.md").write_text("x\n", encoding="utf-8")
    assert run(repo, *as_unit(CAX, "--format", "github")) == (
        1,
        "::error file=units/mttq/ghi-chu.md,line=1,col=1,title=kehoach lỗi::"
        f"{only_in(CAX, 'cong-an-xa')}\n" + CHECKED_9 + "1 lỗi.\n",
        "",
    )
    code, out, _ = run(repo, *as_unit(CAX, "--format", "json"))
    assert code == 1
    assert '"rule": "thay-doi"' in out
    assert '"path": "units/mttq/ghi-chu.md"' in out


def test_changes_already_on_the_target_branch_are_not_the_authors(repo: Path, run: Run) -> None:
    git(repo, "branch", "cong-an-xa-quy-2")
    # the target branch moves on after the unit's branch was made
    with (repo / "plan/targets.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# cập nhật của cơ quan thường trực\n")
    (repo / "units/mttq/2026-Q2.yaml").unlink()
    commit(repo, "cập nhật kế hoạch")
    git(repo, "checkout", "-q", "cong-an-xa-quy-2")
    copy_result(repo, "cong-an-xa", "2026-Q2")
    commit(repo, "Công an xã: báo cáo quý II")
    assert run(repo, "--base", "main", "--tai-khoan", CAX) == (0, CHECKED_10 + CLEAN, "")


def test_the_users_git_configuration_does_not_matter(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[color]\n\tui = always\n[diff]\n\trelative = true\n\trenames = copies\n"
        "[core]\n\tquotePath = true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    git(repo, "mv", "units/mttq/2026-Q2.yaml", "units/mttq/bản-nháp.md")
    (repo / "units" / "cong-an-xa").mkdir()
    (repo / "units" / "cong-an-xa" / "ghi chú.md").write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(repo / "units")
    assert run(repo, *as_unit(CAX)) == (
        1,
        line("units/mttq/2026-Q2.yaml", no_delete(CAX, "cong-an-xa"))
        + line("units/mttq/bản-nháp.md", only_in(CAX, "cong-an-xa"))
        + "Đã kiểm tra 8 tệp: 2 lỗi.\n",
        "",
    )


def test_validate_never_writes_to_git(repo: Path, run: Run) -> None:
    index = repo / ".git" / "index"
    touch_up(repo / "units/phong-kinh-te/2026-Q2.yaml")
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    assert run(repo, *as_unit(PKT))[0] == 0
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before


def test_plan_repo_in_a_subfolder_of_the_git_repo(tmp_path: Path, run: Run) -> None:
    top = tmp_path / "kho"
    make_plan_repo(top / "ke-hoach")
    git(top, "init", "-q", "-b", "main")
    commit(top)
    (top / "README.md").write_text("x\n", encoding="utf-8")
    copy_result(top / "ke-hoach", "cong-an-xa", "2026-Q2")
    assert run(top / "ke-hoach", *as_unit(CAX)) == (
        1, line("../README.md", only_in(CAX, "cong-an-xa")) + CHECKED_10 + "1 lỗi.\n", ""
    )


# ---------------------------------------------------------------- usage errors (exit 2)


def test_not_a_git_repo(tmp_path: Path, run: Run) -> None:
    root = make_plan_repo(tmp_path / "kho")
    code, out, err = run(root, *as_unit(CAX))
    assert (code, out) == (2, "")
    assert re.fullmatch(
        r"kehoach: lỗi: --base: thư mục " + re.escape(str(root.resolve()))
        + r" không nằm trong một kho git \(git báo: fatal: [^\n]*\); --base chỉ dùng được "
        r"trong bản sao git của kho kế hoạch \(git clone\)\n",
        err,
    ), err


@pytest.mark.parametrize("rev", ["khong-co", "-x", "HEAD~5"])
def test_unknown_revision(repo: Path, run: Run, rev: str) -> None:
    assert run(repo, f"--base={rev}", "--tai-khoan", CAX) == (
        2,
        "",
        f"kehoach: lỗi: --base: không tìm thấy phiên bản '{rev}' trong kho git; cần tên "
        "nhánh, thẻ hoặc mã commit có trong kho, ví dụ origin/main (trên CI cần lấy đủ lịch "
        "sử: actions/checkout với fetch-depth: 0)\n",
    )


def test_account_without_base(repo: Path, run: Run) -> None:
    assert run(repo, "--tai-khoan", CAX) == (
        2, "", "kehoach: lỗi: --tai-khoan cần dùng cùng --base REV\n"
    )


def test_git_missing(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                     tmp_path: Path) -> None:
    empty = tmp_path / "khong-co-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert run(repo, *as_unit(CAX)) == (
        2,
        "",
        "kehoach: lỗi: --base: không tìm thấy chương trình git; cần cài đặt git "
        "(https://git-scm.com) để kiểm tra thay đổi so với một phiên bản\n",
    )
