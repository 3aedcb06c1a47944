"""load/repo.py: finding the plan repo like git finds .git, and listing its files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from tests.helpers import make_repo, write

from kehoach_cli.errors import UsageError
from kehoach_cli.load import repo as repo_module
from kehoach_cli.load.repo import (
    RepoNotFound,
    discover,
    find_root,
    read_source,
    rel,
)
from kehoach_cli.vocab.periods import Period
from kehoach_cli.vocab.problems import Problem, Rename

no_symlinks = pytest.mark.skipif(
    sys.platform == "win32", reason="symbolic links need privileges on Windows"
)


def shown(problems: list[Problem]) -> list[str]:
    return [f"{p.path}:{p.pos.line}:{p.pos.col}: {p.severity.value}: {p.message}"
            for p in sorted(problems, key=Problem.sort_key)]


# ---------------------------------------------------------------- find_root


@pytest.mark.parametrize("sub", [".", "plan", "units", "units/cong-an", "reports/x/y"])
def test_find_root_from_the_root_or_any_subfolder(tmp_path: Path, sub: str) -> None:
    root = make_repo(tmp_path)
    start = root / sub
    start.mkdir(parents=True, exist_ok=True)
    assert find_root(start) == root.resolve()


def test_find_root_takes_the_nearest_plan_repo(tmp_path: Path) -> None:
    outer = make_repo(tmp_path, name="ngoai")
    inner = make_repo(outer / "tai-lieu", name="trong")
    assert find_root(inner / "units") == inner.resolve()
    assert find_root(outer / "tai-lieu") == outer.resolve()


def test_a_plan_folder_without_plan_yaml_still_counts(tmp_path: Path) -> None:
    root = make_repo(tmp_path, plan=None)
    assert find_root(root / "units" / "cong-an") == root.resolve()


def test_no_plan_repo_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "trong").mkdir()
    with pytest.raises(RepoNotFound) as info:
        find_root(tmp_path / "trong")
    assert isinstance(info.value, UsageError)
    assert info.value.exit_code == 2
    assert info.value.message == (
        f"không tìm thấy kho kế hoạch (thư mục chứa plan/plan.yaml) tại {tmp_path / 'trong'} "
        "hoặc các thư mục cha; hãy chạy lệnh trong kho kế hoạch hoặc dùng -C ĐƯỜNG_DẪN"
    )


def test_a_missing_start_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(RepoNotFound) as info:
        find_root(tmp_path / "khong-co")
    assert info.value.message == f"-C: thư mục không tồn tại: {tmp_path / 'khong-co'}"


# ---------------------------------------------------------------- discover


def test_discover_lists_plan_result_and_report_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={"reports/2026-Q1.yaml": "so: 1\n",
                                      "reports/2026-Q1.docx": b"PK\x03\x04"})
    found = discover(root)
    assert found.problems == []
    assert {k: rel(root, p) for k, p in found.plan.items()} == {
        "plan": "plan/plan.yaml", "units": "plan/units.yaml",
        "targets": "plan/targets.yaml", "tasks": "plan/tasks.yaml",
    }
    assert [(rel(root, p), u, str(q)) for p, u, q in found.results] == [
        ("units/cong-an/2026-Q1.yaml", "cong-an", "2026-Q1"),
        ("units/van-phong/2026-Q1.yaml", "van-phong", "2026-Q1"),
    ]
    reports = [(rel(root, p), str(q)) for p, q in found.reports]
    assert reports == [("reports/2026-Q1.yaml", "2026-Q1")]
    assert found.unit_dirs == ["cong-an", "van-phong"]


@pytest.mark.parametrize("kind", ["plan", "units", "targets", "tasks"])
def test_each_missing_plan_file_is_named(tmp_path: Path, kind: str) -> None:
    root = make_repo(tmp_path, **{kind: None})  # type: ignore[arg-type]
    assert shown(discover(root).problems) == [
        f"plan/{kind}.yaml:1:1: lỗi: thiếu tệp bắt buộc plan/{kind}.yaml của kho kế hoạch"
    ]


def test_a_near_miss_of_a_plan_file_is_named(tmp_path: Path) -> None:
    root = make_repo(tmp_path, tasks=None, files={"plan/tasks.yml": "nhiem_vu: []\n"})
    assert shown(discover(root).problems) == [
        "plan/tasks.yaml:1:1: lỗi: thiếu tệp bắt buộc plan/tasks.yaml của kho kế hoạch "
        "(đang có tệp plan/tasks.yml: hãy đổi tên thành tasks.yaml)",
        "plan/tasks.yml:1:1: cảnh báo: tệp không thuộc định dạng kho kế hoạch; thư mục plan/ "
        "chỉ gồm plan.yaml, units.yaml, targets.yaml, tasks.yaml — kehoach bỏ qua tệp này",
    ]


def test_a_plan_file_that_is_a_folder_is_missing(tmp_path: Path) -> None:
    root = make_repo(tmp_path, units=None)
    (root / "plan" / "units.yaml").mkdir()
    assert shown(discover(root).problems) == [
        "plan/units.yaml:1:1: lỗi: thiếu tệp bắt buộc plan/units.yaml của kho kế hoạch"
    ]


MISNAMED = "tên tệp kết quả phải có dạng <năm>-Q<quý>.yaml"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2026-Q2.yml", "dùng đuôi .yml thay cho .yaml; hãy đổi tên thành 2026-Q2.yaml"),
        ("2026-q2.yaml", "viết chữ q thường thay cho Q hoa; hãy đổi tên thành 2026-Q2.yaml"),
        ("2026-Q02.yaml", "viết quý '02' thay cho '2'; hãy đổi tên thành 2026-Q2.yaml"),
        ("2026-Q2.YAML", "viết hoa đuôi tệp; hãy đổi tên thành 2026-Q2.yaml"),
        ("Q2-2026.yaml", "đặt quý trước năm; hãy đổi tên thành 2026-Q2.yaml"),
        ("2026-Q2.yaml.yaml", "có đuôi .yaml hai lần; hãy đổi tên thành 2026-Q2.yaml"),
        ("2026-Q3.yaml.txt",
         "có thêm đuôi .txt mà Notepad tự thêm khi lưu; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026-Q3.txt", "dùng đuôi .txt thay cho .yaml; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026-Q3 (1).yaml",
         "có thêm '(1)' mà máy tự thêm khi sao chép hoặc tải về; hãy đổi tên thành 2026-Q3.yaml"),
        ("2025-Q4 - Copy.yaml",
         "có thêm '- Copy' mà máy tự thêm khi sao chép hoặc tải về; hãy đổi tên thành "
         "2025-Q4.yaml"),
        ("2026-Q3 - Bản sao.yml",
         "có thêm '- Bản sao' mà máy tự thêm khi sao chép hoặc tải về, dùng đuôi .yml thay cho "
         ".yaml; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026 - Q3.yaml", "có dấu cách; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026-Q3 .yaml", "có dấu cách; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026_Q3.yaml", "nối năm và quý bằng '_' thay cho '-'; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026Q3.yaml", "thiếu dấu '-' giữa năm và quý; hãy đổi tên thành 2026-Q3.yaml"),
        ("2026-Q3", "thiếu đuôi .yaml; hãy đổi tên thành 2026-Q3.yaml"),
        ("q03_2027.YML",
         "đặt quý trước năm, nối năm và quý bằng '_' thay cho '-', viết quý '03' thay cho '3', "
         "viết chữ q thường thay cho Q hoa, dùng đuôi .yml thay cho .yaml, viết hoa đuôi tệp; "
         "hãy đổi tên thành 2027-Q3.yaml"),
    ],
)
def test_a_near_miss_of_a_result_file_names_the_file_it_should_be(
    tmp_path: Path, name: str, message: str
) -> None:
    root = make_repo(tmp_path, files={f"units/cong-an/{name}": "don_vi: cong-an\n"})
    found = discover(root)
    [problem] = found.problems
    assert shown([problem]) == [f"units/cong-an/{name}:1:1: lỗi: {MISNAMED}; tên này {message}"]
    assert problem.fix == Rename("units/cong-an/" + message.rsplit(" ", 1)[-1])
    assert all(p.name != name for p, _, _ in found.results)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2026-Q5.yaml", MISNAMED + ", ví dụ 2026-Q2.yaml (quý 5 không tồn tại; quý từ 1 đến 4)"),
        ("2026-Q0.yaml", MISNAMED + ", ví dụ 2026-Q2.yaml (quý 0 không tồn tại; quý từ 1 đến 4)"),
        ("2027-q7.yml", MISNAMED + ", ví dụ 2027-Q2.yaml (quý 7 không tồn tại; quý từ 1 đến 4)"),
        ("2026-2.yaml", MISNAMED + ", ví dụ 2026-Q2.yaml"),
        ("bao-cao.yaml", MISNAMED + ", ví dụ 2026-Q2.yaml"),
    ],
)
def test_misnamed_result_files_are_errors(tmp_path: Path, name: str, message: str) -> None:
    root = make_repo(tmp_path, results={f"cong-an/{name}": "don_vi: cong-an\n"})
    found = discover(root)
    assert shown(found.problems) == [f"units/cong-an/{name}:1:1: lỗi: {message}"]
    assert found.problems[0].fix is None
    assert all(p.name != name for p, _, _ in found.results)


def test_no_rename_when_the_right_name_is_taken(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={
        "cong-an/2026-Q1.yaml": "don_vi: cong-an\n",
        "cong-an/2026-Q1 (1).yaml": "don_vi: cong-an\n",
        "cong-an/2026-Q3.yml": "don_vi: cong-an\n",
        "cong-an/2026-q3.yaml": "don_vi: cong-an\n",
    })
    problems = sorted(discover(root).problems, key=Problem.sort_key)
    assert shown(problems) == [
        f"units/cong-an/2026-Q1 (1).yaml:1:1: lỗi: {MISNAMED}; tên này có thêm '(1)' mà máy tự "
        "thêm khi sao chép hoặc tải về; đã có tệp 2026-Q1.yaml trong thư mục này: nếu tệp này là "
        "bản trùng thì xóa nó, nếu không thì chép phần cần giữ vào 2026-Q1.yaml",
        f"units/cong-an/2026-Q3.yml:1:1: lỗi: {MISNAMED}; tên này dùng đuôi .yml thay cho .yaml; "
        "hãy đổi tên thành 2026-Q3.yaml (tệp 2026-q3.yaml cũng là kết quả quý 3/2026: chỉ giữ "
        "một tệp)",
        f"units/cong-an/2026-q3.yaml:1:1: lỗi: {MISNAMED}; tên này viết chữ q thường thay cho Q "
        "hoa; hãy đổi tên thành 2026-Q3.yaml (tệp 2026-Q3.yml cũng là kết quả quý 3/2026: chỉ giữ "
        "một tệp)",
    ]
    assert [p.fix for p in problems] == [None, None, None]


def test_misplaced_result_files_and_folders_are_errors(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={
        "units/2026-Q1.yaml": "a: 1\n",
        "units/ghi-chu.yml": "a: 1\n",
        "units/cong-an/cu/2026-Q1.yaml": "a: 1\n",
        "units/cong-an/2026-Q3.yaml/x.md": "thư mục đặt tên như tệp\n",
        "units/cong-an/2026-Q4/x.md": "thư mục đặt tên như quý\n",
    })
    assert shown(discover(root).problems) == [
        "units/2026-Q1.yaml:1:1: lỗi: tệp kết quả đặt sai chỗ; cần đặt trong thư mục của đơn vị: "
        "units/<mã-đơn-vị>/<năm>-Q<quý>.yaml",
        "units/cong-an/2026-Q3.yaml:1:1: lỗi: đây là một thư mục đặt tên như tệp kết quả; cần một "
        "tệp <năm>-Q<quý>.yaml",
        "units/cong-an/2026-Q4:1:1: lỗi: đây là một thư mục đặt tên như tệp kết quả; cần một tệp "
        "<năm>-Q<quý>.yaml",
        "units/cong-an/cu:1:1: lỗi: thư mục con không được phép trong thư mục đơn vị; tệp kết quả "
        "cần đặt trực tiếp trong units/cong-an/",
        "units/ghi-chu.yml:1:1: lỗi: tệp kết quả đặt sai chỗ; cần đặt trong thư mục của đơn vị: "
        "units/<mã-đơn-vị>/<năm>-Q<quý>.yaml",
    ]


def test_listed_attachments_are_allowed_and_other_files_are_errors(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={
        "units/cong-an/ghi-chu.md": "ghi chú\n",
        "units/cong-an/README.md": "ghi chú\n",
        "units/cong-an/bien-ban.pdf": b"%PDF-1.4",
        "units/cong-an/Bien-Ban.PDF": b"%PDF-1.4",
        "units/cong-an/so-lieu.xlsx": b"PK",
        "units/cong-an/2026-Q2.xlsx": b"PK",
        "units/cong-an/2026-Q2.docx": b"PK",
        "units/cong-an/anh.jpg": b"\xff\xd8\xff",
        "units/cong-an/ghi-chu.txt": "ghi chú\n",
        "units/cong-an/Thumbs.db": b"x",
        "units/cong-an/desktop.ini": b"x",
        "units/cong-an/so-lieu.csv": "a,b\n",
        "units/cong-an/2026-Q2.json": "{}\n",
        "units/README.md": "hướng dẫn\n",
    })
    assert shown(discover(root).problems) == [
        f"units/cong-an/{name}:1:1: lỗi: tệp lạ trong thư mục đơn vị; thư mục này chỉ chứa tệp "
        "kết quả <năm>-Q<quý>.yaml và tệp đính kèm (.pdf, .doc, .docx, .xls, .xlsx, .jpg, .jpeg, "
        ".png, .md, .txt); nếu đây là tệp kết quả, hãy đặt tên dạng <năm>-Q<quý>.yaml, nếu "
        "không thì chuyển nó ra khỏi units/cong-an/"
        for name in ("2026-Q2.json", "so-lieu.csv")
    ]


def test_a_near_miss_directly_in_units_is_misplaced(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={"units/2026-Q3.yaml.txt": "don_vi: cong-an\n"})
    assert shown(discover(root).problems) == [
        "units/2026-Q3.yaml.txt:1:1: lỗi: tệp kết quả đặt sai chỗ; cần đặt trong thư mục của đơn "
        "vị: units/<mã-đơn-vị>/<năm>-Q<quý>.yaml",
    ]


def test_hidden_files_and_folders_are_ignored(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={
        "units/.gitkeep": "",
        "units/.an/2026-Q1.yaml": "a: 1\n",
        "units/cong-an/.2026-Q2.yaml.swp": "x",
        "units/cong-an/.~lock.2026-Q2.yaml#": "x",
        "plan/.sao-luu.yaml": "a: 1\n",
        "reports/.nhap.yaml": "a: 1\n",
    })
    found = discover(root)
    assert found.problems == []
    assert found.unit_dirs == ["cong-an", "van-phong"]


def test_yaml_files_outside_plan_units_reports_are_not_read(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={
        ".github/workflows/kiem-tra.yml": "on: [push]\n",
        "templates/mau.yaml": "a: [\n",
        "tai-lieu/2026-Q1.yaml": "- x\n",
    })
    found = discover(root)
    assert found.problems == []
    assert len(found.results) == 2


def test_misnamed_report_inputs_are_errors(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={
        "reports/2026-q2.yaml": "so: 1\n",
        "reports/2026-Q2.yml": "so: 1\n",
        "reports/bao-cao.yaml": "so: 1\n",
        "reports/2026-Q2.docx": b"PK",
        "reports/2026-Q3.yaml/x.md": "?",
        "reports/2026-6t.yaml": "so: 2\n",
        "reports/2026-6T.yaml": "so: 3\n",
        "reports/2026.yaml": "so: 4\n",
    })
    expected = ("lỗi: tên tệp đầu vào báo cáo phải có dạng reports/<năm>-Q<quý>.yaml, ví dụ "
                "reports/2026-Q2.yaml (báo cáo 6 tháng: reports/<năm>-6T.yaml; báo cáo năm: "
                "reports/<năm>.yaml)")
    assert shown(discover(root).problems) == [
        f"reports/2026-6t.yaml:1:1: {expected}",
        f"reports/2026-Q2.yml:1:1: {expected}",
        "reports/2026-Q3.yaml:1:1: lỗi: đây là một thư mục, không phải tệp",
        f"reports/2026-q2.yaml:1:1: {expected}",
        f"reports/bao-cao.yaml:1:1: {expected}",
    ]
    assert [(rel(root, p), str(k)) for p, k in discover(root).reports] == [
        ("reports/2026-6T.yaml", "2026-6T"), ("reports/2026.yaml", "2026"),
    ]


# ---------------------------------------------------------------- symbolic links


@no_symlinks
def test_a_linked_result_file_is_refused_not_followed(tmp_path: Path) -> None:
    secret = write(tmp_path / "ngoai-kho" / "bi-mat.yaml", "mat_khau: 123\n")
    root = make_repo(tmp_path)
    os.symlink(secret, root / "units" / "cong-an" / "2026-Q2.yaml")
    found = discover(root)
    assert shown(found.problems) == [
        "units/cong-an/2026-Q2.yaml:1:1: lỗi: liên kết tượng trưng (symlink) không được phép "
        "trong units/; cần một tệp thật",
    ]
    assert all(p.name != "2026-Q2.yaml" for p, _, _ in found.results)


@no_symlinks
def test_linked_folders_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai-kho"
    write(outside / "2026-Q1.yaml", "don_vi: x\n")
    root = make_repo(tmp_path)
    os.symlink(outside, root / "units" / "lien-ket", target_is_directory=True)
    assert shown(discover(root).problems) == [
        "units/lien-ket:1:1: lỗi: liên kết tượng trưng (symlink) không được phép trong units/; "
        "cần thư mục và tệp thật",
    ]


@no_symlinks
def test_a_linked_plan_file_or_folder_is_refused(tmp_path: Path) -> None:
    other = make_repo(tmp_path, name="kho-khac")
    root = make_repo(tmp_path, tasks=None)
    os.symlink(other / "plan" / "tasks.yaml", root / "plan" / "tasks.yaml")
    assert shown(discover(root).problems) == [
        "plan/tasks.yaml:1:1: lỗi: tệp là liên kết tượng trưng (symlink); cần một tệp thật nằm "
        "trong kho kế hoạch",
    ]
    root2 = tmp_path / "kho-lien-ket"
    root2.mkdir()
    os.symlink(other / "plan", root2 / "plan", target_is_directory=True)
    found = discover(root2)
    assert found.plan == {}
    assert shown(found.problems) == [
        "plan:1:1: lỗi: thư mục plan là liên kết tượng trưng (symlink); cần một thư mục thật "
        "trong kho kế hoạch",
    ]


@no_symlinks
def test_linked_units_and_reports_folders_are_refused(tmp_path: Path) -> None:
    other = make_repo(tmp_path, name="kho-khac", files={"reports/2026-Q1.yaml": "so: 1\n"})
    root = make_repo(tmp_path, default_results=False)
    os.symlink(other / "units", root / "units", target_is_directory=True)
    os.symlink(other / "reports", root / "reports", target_is_directory=True)
    found = discover(root)
    assert (found.results, found.reports) == ([], [])
    assert shown(found.problems) == [
        "reports:1:1: lỗi: thư mục reports là liên kết tượng trưng; cần một thư mục thật trong "
        "kho kế hoạch",
        "units:1:1: lỗi: thư mục units là liên kết tượng trưng; cần một thư mục thật trong kho "
        "kế hoạch",
    ]


# ---------------------------------------------------------------- reading, periods, paths


def test_read_source_gives_repo_relative_posix_paths(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    src = read_source(root, root / "units" / "cong-an" / "2026-Q1.yaml")
    assert src.path == "units/cong-an/2026-Q1.yaml"
    assert src.doc.data["don_vi"] == "cong-an"


def test_read_source_refuses_a_large_file_without_reading_it_all(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q2": b"a: 1\n" + b"#" * (3 * 1024 * 1024)})
    src = read_source(root, root / "units" / "cong-an" / "2026-Q2.yaml")
    assert src.doc.data is None
    assert [p.message for p in src.doc.problems] == [
        "tệp quá lớn: hơn 1.048.576 byte (1 MiB); tệp kế hoạch và tệp kết quả tối đa 1 MiB — "
        "có thể đã dán nhầm nội dung khác vào tệp"
    ]


@pytest.mark.parametrize("told", [0, 3, 1024 * 1024 * 2])
def test_read_source_reads_the_whole_file_whatever_size_the_system_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: int
) -> None:
    # The size is asked for first (a file that grew after it, or a system that tells 0,
    # is still read whole), and never more than one byte past the limit.
    root = make_repo(tmp_path)
    path = root / "units" / "cong-an" / "2026-Q1.yaml"
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((*st[:6], told, *st[7:]))

    monkeypatch.setattr(os, "fstat", fstat)
    src = read_source(root, path)
    assert src.doc.data is not None and src.doc.data["don_vi"] == "cong-an"
    assert src.doc.problems == read_source(root, path).doc.problems


def test_read_source_stops_one_byte_past_the_limit(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q2": b"a: 1\n" + b"#" * (3 * 1024 * 1024)})
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat",
                        lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    with open(root / "units" / "cong-an" / "2026-Q2.yaml", "rb") as fh:
        assert len(repo_module._read_capped(fh)) == repo_module.MAX_READ


@pytest.mark.parametrize(
    ("text", "period"),
    [("2026-Q1", Period(2026, 1)), ("2026-Q4", Period(2026, 4)), ("2026-Q5", None),
     ("2026-q1", None), ("26-Q1", None), ("2026-Q1 ", None), ("2026-Q01", None)],
)
def test_period_parse(text: str, period: Period | None) -> None:
    assert Period.parse(text) == period
    if period is not None:
        assert str(period) == text
