"""`kehoach status` through the real CLI: output, JSON, exit codes, usage and plan errors."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from tests.scenarios.attainment import result, target, task, write_repo

from kehoach_cli.__main__ import main

D = dt.date


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_TODAY", "2026-12-31")
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(
        tmp_path / "repo",
        targets=[
            target("cks", "ty_le", 90, reporters=["vp", "ca"], ten="Cán bộ có chữ ký số"),
            target("vu-viec", "tong", 5, so_sanh="<=", don_vi_tinh="vụ", reporters=["ca"],
                   ten="Số vụ lộ lọt thông tin"),
        ],
        tasks=[task("lam-sach", "ca", han=D(2026, 9, 30))],
        results=[
            result("vp", 2, D(2026, 6, 20), chi_tieu={"cks": {"tu_so": 10, "mau_so": 12}}),
            result("ca", 2, D(2026, 6, 21),
                   chi_tieu={"cks": {"tu_so": 18, "mau_so": 18}, "vu-viec": {"gia_tri": 2}},
                   nhiem_vu={"lam-sach": "dang_thuc_hien"}),
        ],
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


RULE = "─" * 80


def test_status_prints_the_quarter(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2")
    assert (code, err) == (0, "")
    assert out.split("\n") == [
        "Tình hình thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn —",
        "quý II năm 2026",
        "",
        "CHỈ TIÊU (2)   2 đạt",
        RULE,
        "",
        "Khác",
        "",
        "1. Cán bộ có chữ ký số",
        "   Kế hoạch: ≥ 90%   Quý II: 93,3% (28/30)",
        "   Tỷ lệ đạt: 103,7% ██████████  Đạt",
        "   Dự báo cuối năm: đã đạt",
        "",
        "2. Số vụ lộ lọt thông tin",
        "   Kế hoạch: ≤ 5 vụ   Quý II: 2 vụ",
        "   Tỷ lệ đạt:   250% ██████████  Đạt",
        "   Dự báo cuối năm: đã đạt",
        "",
        "NHIỆM VỤ (1)",
        RULE,
        "  Hoàn thành      0",
        "  Đang thực hiện  1",
        "  Chưa thực hiện  0",
        "  Quá hạn         0",
        "  Chưa báo cáo    0",
        "",
        "  Sắp đến hạn (trong quý III):",
        "    • Nhiệm vụ lam-sach",
        "      Chủ trì: Công an xã   Hạn: 30/9/2026   Báo cáo: đang thực hiện",
        "",
        "GỬI BÁO CÁO — hạn 20/6/2026",
        RULE,
        "  2/3 đơn vị phải báo cáo đã gửi (1 đúng hạn, 1 trễ hạn), 1 chưa nộp.",
        "",
        "  Đơn vị                     Ngày gửi   Tình trạng",
        "  Văn phòng HĐND và UBND xã  20/6/2026  Đúng hạn",
        "  Công an xã                 21/6/2026  Trễ hạn 1 ngày",
        "  Phòng Kinh tế              —          Chưa nộp",
        "",
    ]


def test_status_runs_from_a_subfolder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "units" / "vp")
    code, out, _ = run(capsys, "status", "--quy", "2")
    assert code == 0
    assert out.startswith("Tình hình thực hiện Kế hoạch")


def test_status_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2", "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert found["ky"] == "2026-Q2"
    assert [(t["ma"], t["gia_tri"], t["ty_le_dat"], t["trang_thai"], t["don_vi_thieu"])
            for t in found["chi_tieu"]] == [
        ("cks", 280 / 3, 2800 / 27, "dat", []),
        ("vu-viec", 2, 250, "dat", []),
    ]
    assert found["nhiem_vu"][0]["trang_thai"] == "dang_thuc_hien"
    assert [(u["ma"], u["nop"], u["ngay_gui"]) for u in found["don_vi"]] == [
        ("vp", "dung_han", "2026-06-20"),
        ("ca", "tre_han", "2026-06-21"),
        ("kt", "chua_nop", None),
    ]


def test_status_canh_bao_lists_only_what_needs_attention(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2", "--canh-bao")
    assert (code, err) == (0, "")
    assert out.split("\n") == [
        "Những nội dung cần chú ý — Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn —",
        "quý II năm 2026",
        "",
        "CHỈ TIÊU CẦN CHÚ Ý (0/2)",
        RULE,
        "Không có chỉ tiêu nào có nguy cơ không đạt hoặc cần tăng tốc.",
        "",
        "NHIỆM VỤ CẦN CHÚ Ý (1/1)",
        RULE,
        "",
        "  Sắp đến hạn (trong quý III):",
        "    • Nhiệm vụ lam-sach",
        "      Chủ trì: Công an xã   Hạn: 30/9/2026   Báo cáo: đang thực hiện",
        "",
        "GỬI BÁO CÁO — hạn 20/6/2026",
        RULE,
        "  2/3 đơn vị phải báo cáo đã gửi (1 đúng hạn, 1 trễ hạn), 1 chưa nộp.",
        "",
        "  Đơn vị         Ngày gửi   Tình trạng",
        "  Công an xã     21/6/2026  Trễ hạn 1 ngày",
        "  Phòng Kinh tế  —          Chưa nộp",
        "",
    ]
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2", "--canh-bao",
                         "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert found["chi_tieu"] == []
    assert [(t["ma"], t["sap_den_han"]) for t in found["nhiem_vu"]] == [("lam-sach", True)]
    assert [(u["ma"], u["nop"]) for u in found["don_vi"]] == [("ca", "tre_han"),
                                                              ("kt", "chua_nop")]


def test_status_of_a_quarter_without_data(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "3")
    assert (code, err) == (0, "")
    assert out.split("\n")[-3:] == [
        "",
        "Quý III năm 2026 chưa có đơn vị nào gửi báo cáo (hạn gửi: 20/9/2026).",
        "",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quy", "5"], "kehoach: lỗi: --quy: cần số từ 1 đến 4, nhận được 5"),
        (["--quy", "0"], "kehoach: lỗi: --quy: cần số từ 1 đến 4, nhận được 0"),
        (["--quy", "2", "--nam", "2025"],
         "kehoach: lỗi: --nam: kế hoạch này là của năm 2026, không có số liệu năm 2025"),
    ],
)
def test_usage_errors_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == message
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["--quy", "hai"], [], ["--quy", "2", "--nam", "x"]])
def test_malformed_options_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(capsys, "-C", str(repo), "status", *args)
    assert (code, out) == (2, "")
    assert err.startswith("kehoach: lỗi: ")
    assert "Traceback" not in err


def test_a_wrong_quarter_is_told_before_the_plan_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "plan" / "targets.yaml").write_text("chi_tieu: [\n", encoding="utf-8")
    code, _, err = run(capsys, "-C", str(repo), "status", "--quy", "5")
    assert code == 2
    assert err == "kehoach: lỗi: --quy: cần số từ 1 đến 4, nhận được 5\n"


def test_a_folder_without_a_plan_repo_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "-C", str(tmp_path), "status", "--quy", "2")
    assert (code, out) == (2, "")
    assert err.startswith("kehoach: lỗi: không tìm thấy kho kế hoạch")


LOCATED = re.compile(r"^(plan/[a-z]+\.yaml):(\d+):(\d+): lỗi: .+$")


def test_a_broken_plan_exits_1_with_located_problems(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = (repo / "plan" / "targets.yaml").read_text(encoding="utf-8")
    (repo / "plan" / "targets.yaml").write_text(
        targets.replace("chu_tri: ca", "chu_tri: cong-an-xa"), encoding="utf-8"
    )
    lines = targets.split("\n")
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "chu_tri: ca")
    col = lines[line - 1].index("ca") + 1
    for args in (["--quy", "2"], ["--quy", "2", "--json"]):
        code, out, err = run(capsys, "-C", str(repo), "status", *args)
        assert (code, out) == (1, "")
        *problems, last = err.splitlines()
        assert problems
        assert all(LOCATED.match(p) for p in problems), problems
        assert f"plan/targets.yaml:{line}:{col}: lỗi: " in err
        assert "cong-an-xa" in problems[0]
        assert last == ("kehoach: lỗi: kế hoạch (thư mục plan/) có lỗi nên chưa tính được; "
                        "sửa các lỗi trên rồi chạy lại")


def test_an_invalid_result_file_is_left_out_and_told(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "units" / "ca" / "2026-Q2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tu_so: 18", "tu_so: 19"),
                    encoding="utf-8")
    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2")
    assert (code, err) == (0, "")
    assert out.split("\n")[:3] == [
        "Có 1 lỗi trong kho kế hoạch; các tệp lỗi không được tính — chạy kehoach validate",
        "để xem.",
        "",
    ]
    assert "   Kế hoạch: ≥ 90%   Quý II: 83,3% (10/12)" in out.split("\n")
    assert "  Công an xã                 —          Chưa nộp" in out.split("\n")

    code, out, err = run(capsys, "-C", str(repo), "status", "--quy", "2", "--json")
    assert code == 0
    assert err == ("kehoach: cảnh báo: có 1 lỗi trong kho kế hoạch; các tệp lỗi không được "
                   "tính — chạy kehoach validate để xem.\n")
    assert json.loads(out)["chi_tieu"][0]["don_vi_thieu"] == ["ca"]
