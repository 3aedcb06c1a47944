"""check/rules.py: the rules across files, each with its exact message, line and column;
one mistake gives one message."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from tests.helpers import PLAN, RESULTS, TARGETS, TASKS, UNITS, copy_good, make_repo, today

from kehoach_cli.check.engine import check_repo
from kehoach_cli.check.outcome import CheckOutcome
from kehoach_cli.load.repo import read_source
from kehoach_cli.vocab.periods import Period
from kehoach_cli.vocab.problems import Problem

VP1 = RESULTS["van-phong/2026-Q1"]
CA1 = RESULTS["cong-an/2026-Q1"]


def run(root: Path, day: dt.date | None = None, fast: bool = True) -> CheckOutcome:
    return check_repo(root, day or today(), fast=fast)


def shown(outcome: CheckOutcome) -> list[str]:
    return [f"{p.path}:{p.pos.line}:{p.pos.col}: {p.severity.value}: {p.message}"
            for p in outcome.problems]


def problems_of(tmp_path: Path, **overrides: object) -> list[str]:
    return shown(run(make_repo(tmp_path, **overrides)))  # type: ignore[arg-type]


# ---------------------------------------------------------------- a sound repo


def test_the_minimal_repo_is_clean_and_gives_a_plan(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path))
    assert outcome.problems == []
    assert outcome.plan is not None
    assert sorted(outcome.plan.units) == ["cong-an", "dia-chinh", "van-phong"]
    assert sorted(outcome.plan.targets) == ["ho-so-truc-tuyen", "lop-tap-huan", "phu-song"]
    assert sorted(outcome.plan.results[Period(2026, 1)]) == ["cong-an", "van-phong"]
    assert outcome.files_checked == 6
    assert outcome.files == [
        "plan/plan.yaml", "plan/units.yaml", "plan/targets.yaml", "plan/tasks.yaml",
        "units/cong-an/2026-Q1.yaml", "units/van-phong/2026-Q1.yaml",
    ]


@pytest.mark.parametrize("fast", [False, True])
def test_the_good_example_is_clean_with_both_parsers(tmp_path: Path, fast: bool) -> None:
    outcome = run(copy_good(tmp_path), fast=fast)
    assert outcome.problems == []
    assert outcome.plan is not None
    assert len(outcome.plan.results[Period(2026, 2)]) == 4
    assert set(outcome.plan.reports) == {Period(2026, 1), Period(2026, 2)}


# ---------------------------------------------------------------- references to units


def test_unknown_units_in_a_target_with_suggestions(tmp_path: Path) -> None:
    targets = TARGETS.replace("don_vi_bao_cao: [van-phong, cong-an]",
                              "don_vi_bao_cao: [van-phong, cong-ann]")
    targets = targets.replace("chu_tri: cong-an\n", "chu_tri: congan\n")
    targets = targets.replace("phoi_hop: [van-phong]", "phoi_hop: [van-phongg, ubnd]")
    assert problems_of(tmp_path, targets=targets) == [
        "plan/targets.yaml:9:33: lỗi: don_vi_bao_cao: không có đơn vị mã 'cong-ann' trong "
        "plan/units.yaml; có phải ý bạn là 'cong-an'?",
        "plan/targets.yaml:26:14: lỗi: chu_tri: không có đơn vị mã 'congan' trong plan/units.yaml; "
        "có phải ý bạn là 'cong-an'?",
        "plan/targets.yaml:27:16: lỗi: phoi_hop: không có đơn vị mã 'van-phongg' trong "
        "plan/units.yaml; có phải ý bạn là 'van-phong'?",
        "plan/targets.yaml:27:28: lỗi: phoi_hop: không có đơn vị mã 'ubnd' trong plan/units.yaml",
        # No cascade: cong-an's results for these targets are not reported again.
    ]


def test_unknown_units_in_a_task(tmp_path: Path) -> None:
    tasks = TASKS.replace("chu_tri: cong-an", "chu_tri: cong_an").replace(
        "phoi_hop: [van-phong]", "phoi_hop: [Van-Phong]")
    assert problems_of(tmp_path, tasks=tasks) == [
        "plan/tasks.yaml:4:14: lỗi: chu_tri: cần mã gồm chữ thường không dấu, chữ số và dấu '-', "
        'ví dụ cong-an-xa, nhận được chuỗi "cong_an"',
        "plan/tasks.yaml:5:16: lỗi: phần tử thứ 1 của phoi_hop: cần mã gồm chữ thường không dấu, "
        "chữ số và dấu '-', ví dụ cong-an-xa, nhận được chuỗi \"Van-Phong\"",
    ]
    tasks = TASKS.replace("chu_tri: cong-an", "chu_tri: cong-an-xa")
    assert problems_of(tmp_path / "2", tasks=tasks) == [
        "plan/tasks.yaml:4:14: lỗi: chu_tri: không có đơn vị mã 'cong-an-xa' trong "
        "plan/units.yaml; có phải ý bạn là 'cong-an'?",
    ]


def test_the_report_s_comments_name_targets_of_the_plan(tmp_path: Path) -> None:
    report = ("ngay: 2026-06-29\nchi_tieu:\n  ho-so-truc-tuyen: Đạt khá.\n"
              "  phu-songg: Còn thôn lõm sóng.\n"
              "  Tỷ lệ hồ sơ được giải quyết trực tuyến: Tăng nhanh.\n")
    assert problems_of(tmp_path, files={"reports/2026-Q2.yaml": report}) == [
        "reports/2026-Q2.yaml:4:3: lỗi: chi_tieu: không có chỉ tiêu mã 'phu-songg' trong "
        "plan/targets.yaml; có phải ý bạn là 'phu-song'?",
        "reports/2026-Q2.yaml:5:3: lỗi: chi_tieu: không có chỉ tiêu mã 'Tỷ lệ hồ sơ được giải "
        "quyết trực tuyến' trong plan/targets.yaml; đây là tên của chỉ tiêu, hãy viết mã của "
        "nó: 'ho-so-truc-tuyen'",
    ]


def test_an_unknown_secretariat(tmp_path: Path) -> None:
    plan = PLAN.replace("co_quan_thuong_truc: van-phong", "co_quan_thuong_truc: vanphong")
    assert problems_of(tmp_path, plan=plan) == [
        "plan/plan.yaml:11:22: lỗi: co_quan_thuong_truc: không có đơn vị mã 'vanphong' trong "
        "plan/units.yaml; có phải ý bạn là 'van-phong'?",
    ]


def test_a_unit_with_a_broken_item_is_still_known(tmp_path: Path) -> None:
    units = UNITS.replace("    ten: Công an xã\n", "    tne: Công an xã\n")
    outcome = run(make_repo(tmp_path, units=units))
    assert shown(outcome) == [
        "plan/units.yaml:5:5: lỗi: khóa 'tne' không có trong định dạng tệp đơn vị "
        "plan/units.yaml; có phải ý bạn là 'ten'?",
    ]
    assert outcome.plan is None


def test_a_malformed_unit_id_is_reported_once(tmp_path: Path) -> None:
    units = UNITS.replace("ma: cong-an", "ma: Cong_An")
    assert problems_of(tmp_path, units=units) == [
        "plan/units.yaml:4:9: lỗi: ma: cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ "
        'cong-an-xa, nhận được chuỗi "Cong_An"',
    ]


def test_an_empty_unit_list_leaves_every_reference_unknown(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, units="don_vi: []\n", default_results=False)
    assert problems[0] == ("plan/plan.yaml:11:22: lỗi: co_quan_thuong_truc: không có đơn vị mã "
                           "'van-phong' trong plan/units.yaml")
    assert len(problems) == 10


def test_don_vi_bao_cao_empty_is_one_error(tmp_path: Path) -> None:
    targets = TARGETS.replace("don_vi_bao_cao: [van-phong, cong-an]", "don_vi_bao_cao: []")
    assert problems_of(tmp_path, targets=targets) == [
        "plan/targets.yaml:9:21: lỗi: don_vi_bao_cao: cần ít nhất một đơn vị báo cáo, hoặc bỏ "
        "khóa này để đơn vị chủ trì báo cáo",
    ]


def test_unit_lists_left_empty_mean_none(tmp_path: Path) -> None:
    targets = TARGETS.replace("phoi_hop: [van-phong]", "phoi_hop:")
    assert problems_of(tmp_path, targets=targets) == []


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("units", UNITS + "  - ma: cong-an\n    ten: Công an\n",
         "plan/units.yaml:9:9: lỗi: mã đơn vị 'cong-an' bị trùng (đã dùng ở dòng 4); mỗi mã chỉ "
         "được dùng một lần"),
        ("tasks", TASKS + "  - ma: cong-thong-tin\n    ten: X\n    chu_tri: van-phong\n",
         "plan/tasks.yaml:10:9: lỗi: mã nhiệm vụ 'cong-thong-tin' bị trùng (đã dùng ở dòng 7); "
         "mỗi mã chỉ được dùng một lần"),
        ("targets", TARGETS + TARGETS.split("chi_tieu:\n")[1].split("  - ma: phu-song")[0],
         "plan/targets.yaml:28:9: lỗi: mã chỉ tiêu 'ho-so-truc-tuyen' bị trùng (đã dùng ở dòng "
         "2); mỗi mã chỉ được dùng một lần"),
    ],
)
def test_ids_are_unique(tmp_path: Path, kind: str, text: str, message: str) -> None:
    outcome = run(make_repo(tmp_path, **{kind: text}))  # type: ignore[arg-type]
    assert shown(outcome) == [message]
    assert outcome.plan is None


def test_a_duplicate_of_a_broken_item(tmp_path: Path) -> None:
    units = UNITS + "  - ma: cong-an\n"
    assert problems_of(tmp_path, units=units) == [
        "plan/units.yaml:9:5: lỗi: thiếu khóa bắt buộc 'ten' (tên đơn vị, ví dụ Công an xã)",
        "plan/units.yaml:9:9: lỗi: mã đơn vị 'cong-an' bị trùng (đã dùng ở dòng 4); mỗi mã chỉ "
        "được dùng một lần",
    ]


# ---------------------------------------------------------------- targets


def _target(extra: str, **replace: str) -> str:
    text = TARGETS
    for old, new in replace.items():
        text = text.replace(old.replace("_", " ").replace("  ", "_"), new)
    return text + extra


NEW_TARGET = """\
  - ma: moi
    ten: Chỉ tiêu mới
    don_vi_tinh: {unit}
    muc_tieu: {goal}
    so_sanh: "{cmp}"
    cach_tinh: {method}
    chu_tri: van-phong
{extra}"""


@pytest.mark.parametrize(
    ("unit", "goal", "cmp", "method", "extra", "message"),
    [
        ('"%"', 120, ">=", "gia_tri", "",
         "31:15: lỗi: muc_tieu: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được 120"),
        ('"% dân số"', -5, "<=", "gia_tri", "",
         "31:15: lỗi: muc_tieu: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được -5"),
        ("hộ", 0, ">=", "tong", "",
         '31:15: lỗi: muc_tieu: với so_sanh ">=" mục tiêu cần lớn hơn 0 (để tính được tỷ lệ đạt), '
         "nhận được 0"),
        ("vụ", -1, "<=", "gia_tri", "",
         '31:15: lỗi: muc_tieu: với so_sanh "<=" mục tiêu cần lớn hơn hoặc bằng 0, nhận được -1'),
        ("hồ sơ", 80, ">=", "ty_le", "",
         '30:18: lỗi: don_vi_tinh: chỉ tiêu ty_le được tính ra phần trăm, cần "%", nhận được '
         '"hồ sơ"'),
        ("hộ", 10, ">=", "tong", "    mau_so: tổng số hộ\n",
         "35:5: lỗi: mau_so: chỉ dùng cho chỉ tiêu có cach_tinh: ty_le; chỉ tiêu này có "
         "cach_tinh: tong"),
        ('"%"', 90, ">=", "gia_tri", "    luy_ke: true\n",
         "35:5: lỗi: luy_ke: chỉ dùng cho chỉ tiêu có cach_tinh: tong; chỉ tiêu này có "
         "cach_tinh: gia_tri"),
        ('"%"', 90, ">=", "gia_tri", "    lo_trinh: {Q1: 50, Q2: 150}\n",
         "35:28: lỗi: lo_trinh.Q2: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được 150"),
    ],
)
def test_target_rules(tmp_path: Path, unit: str, goal: int, cmp: str, method: str, extra: str,
                      message: str) -> None:
    targets = TARGETS + NEW_TARGET.format(unit=unit, goal=goal, cmp=cmp, method=method,
                                          extra=extra)
    outcome = run(make_repo(tmp_path, targets=targets))
    assert shown(outcome)[-1:] == [f"plan/targets.yaml:{message}"]
    assert len(outcome.problems) == 1
    assert outcome.plan is None


@pytest.mark.parametrize(
    ("unit", "goal", "cmp", "method"),
    [('"%"', 0, "<=", "gia_tri"), ('"%"', 100, ">=", "ty_le"), ("vụ", 0, "<=", "tong"),
     ("ngày", 3.5, "<=", "gia_tri"), ("triệu đồng", 1500000, ">=", "tong")],
)
def test_sound_targets(tmp_path: Path, unit: str, goal: float, cmp: str, method: str) -> None:
    targets = TARGETS + NEW_TARGET.format(unit=unit, goal=goal, cmp=cmp, method=method, extra="")
    assert problems_of(tmp_path, targets=targets) == []


def test_a_task_deadline_before_the_plan_year_is_a_warning(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, tasks=TASKS.replace("han: 2026-09-30", "han: 2025-09-30")))
    assert shown(outcome) == [
        "plan/tasks.yaml:6:10: cảnh báo: han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)",
    ]
    assert outcome.plan is not None  # a warning does not stop the reports


# ---------------------------------------------------------------- result files and their place


def test_don_vi_must_equal_the_folder(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, results={
        "van-phong/2026-Q1": VP1.replace("don_vi: van-phong", "don_vi: cong-an")}))
    assert shown(outcome) == [
        "units/van-phong/2026-Q1.yaml:1:9: lỗi: don_vi: cần 'van-phong' cho khớp với thư mục "
        "units/van-phong/, nhận được 'cong-an'",
    ]
    assert outcome.plan is not None
    assert "van-phong" not in outcome.plan.results[Period(2026, 1)]  # never counted


def test_ky_must_equal_the_file_name(tmp_path: Path) -> None:
    assert problems_of(tmp_path, results={
        "van-phong/2026-Q1": VP1.replace("ky: 2026-Q1", "ky: 2026-Q2")}) == [
        "units/van-phong/2026-Q1.yaml:2:5: lỗi: ky: cần '2026-Q1' cho khớp với tên tệp "
        "2026-Q1.yaml, nhận được '2026-Q2'",
    ]


def test_the_year_must_be_the_plan_year(tmp_path: Path) -> None:
    text = VP1.replace("ky: 2026-Q1", "ky: 2025-Q4").replace("2026-03-18", "2025-12-18")
    assert problems_of(tmp_path, results={"van-phong/2025-Q4": text}) == [
        "units/van-phong/2025-Q4.yaml:2:5: lỗi: ky: năm 2025 khác năm của kế hoạch (2026); tệp "
        "kết quả cần có dạng 2026-Q<quý>.yaml",
    ]


def test_a_wrong_year_in_the_file_name_only(tmp_path: Path) -> None:
    text = VP1.replace("ky: 2026-Q1", "ky: 2026-Q4").replace("2026-03-18", "2026-10-18")
    assert problems_of(tmp_path, results={"van-phong/2027-Q4": text}) == [
        "units/van-phong/2027-Q4.yaml:1:1: lỗi: tên tệp 2027-Q4.yaml: năm 2027 khác năm của kế "
        "hoạch (2026); tệp kết quả cần có dạng 2026-Q<quý>.yaml",
        "units/van-phong/2027-Q4.yaml:2:5: lỗi: ky: cần '2027-Q4' cho khớp với tên tệp "
        "2027-Q4.yaml, nhận được '2026-Q4'",
    ]


@pytest.mark.parametrize(
    ("sent", "problem"),
    [
        ("2026-11-27", "lỗi: ngay_gui: ngày 2026-11-27 chưa tới (hôm nay là 2026-11-26); cần ghi "
                       "ngày thực tế gửi báo cáo"),
        ("2027-01-05", "lỗi: ngay_gui: ngày 2027-01-05 chưa tới (hôm nay là 2026-11-26); cần ghi "
                       "ngày thực tế gửi báo cáo"),
        ("2025-12-31", "cảnh báo: ngay_gui: ngày gửi 2025-12-31 trước khi quý I bắt đầu "
                       "(2026-01-01)"),
    ],
)
def test_ngay_gui_is_not_in_the_future(tmp_path: Path, sent: str, problem: str) -> None:
    text = VP1.replace("2026-03-18", sent)
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == [
        f"units/van-phong/2026-Q1.yaml:3:11: {problem}"
    ]


@pytest.mark.parametrize("sent", ["2026-11-26", "2026-01-01", "2026-04-02"])
def test_ngay_gui_today_or_any_day_of_the_quarter_or_later(tmp_path: Path, sent: str) -> None:
    text = VP1.replace("2026-03-18", sent)
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == []


def test_a_folder_that_names_no_unit_is_reported_once_on_its_file(tmp_path: Path) -> None:
    text = CA1.replace("don_vi: cong-an", "don_vi: cong-ann")
    outcome = run(make_repo(tmp_path, results={"cong-ann/2026-Q1": text}))
    assert shown(outcome) == [
        "units/cong-ann/2026-Q1.yaml:1:1: lỗi: thư mục units/cong-ann/ không ứng với đơn vị nào "
        "trong plan/units.yaml; có phải ý bạn là 'cong-an'?",
    ]
    assert outcome.plan is not None
    assert "cong-ann" not in outcome.plan.results[Period(2026, 1)]


# ---------------------------------------------------------------- who reports what


def test_a_unit_reports_only_targets_it_is_a_reporter_of(tmp_path: Path) -> None:
    text = VP1.replace("  phu-song: {gia_tri: 87.5}\n",
                       "  phu-song: {gia_tri: 87.5}\n  lop-tap-huan: {gia_tri: 2}\n")
    ca = CA1.replace("  lop-tap-huan: {gia_tri: 1}\n",
                     "  lop-tap-huan: {gia_tri: 1}\n  phu-song: {gia_tri: 50}\n")
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text, "cong-an/2026-Q1": ca}) == [
        "units/cong-an/2026-Q1.yaml:8:3: lỗi: chi_tieu: đơn vị 'cong-an' không phải đơn vị báo cáo "
        "của chỉ tiêu 'phu-song' (đơn vị báo cáo: van-phong); hãy bỏ mục này",
        "units/van-phong/2026-Q1.yaml:7:3: lỗi: chi_tieu: đơn vị 'van-phong' không phải đơn vị báo "
        "cáo của chỉ tiêu 'lop-tap-huan' (đơn vị báo cáo: cong-an); hãy bỏ mục này",
    ]


def test_a_unit_reports_only_tasks_it_leads_or_supports(tmp_path: Path) -> None:
    text = ("don_vi: dia-chinh\nky: 2026-Q1\nngay_gui: 2026-03-20\nnhiem_vu:\n"
            "  lam-sach-du-lieu: {trang_thai: hoan_thanh}\n  cong-thong-tin: {trang_thai: "
            "hoan_thanh}\n")
    assert problems_of(tmp_path, results={"dia-chinh/2026-Q1": text}) == [
        "units/dia-chinh/2026-Q1.yaml:5:3: lỗi: nhiem_vu: đơn vị 'dia-chinh' không chủ trì, không "
        "phối hợp thực hiện nhiệm vụ 'lam-sach-du-lieu' (chủ trì: cong-an; phối hợp: van-phong); "
        "hãy bỏ mục này",
        "units/dia-chinh/2026-Q1.yaml:6:3: lỗi: nhiem_vu: đơn vị 'dia-chinh' không chủ trì, không "
        "phối hợp thực hiện nhiệm vụ 'cong-thong-tin' (chủ trì: van-phong); hãy bỏ mục này",
    ]


def test_unknown_target_and_task_ids_with_suggestions(tmp_path: Path) -> None:
    text = VP1.replace("phu-song:", "phu_song:").replace("cong-thong-tin:", "cong-thongtin:")
    text = text.replace("  lam-sach-du-lieu:", "  khong-co-gi-giong:")
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == [
        "units/van-phong/2026-Q1.yaml:6:3: lỗi: chi_tieu: không có chỉ tiêu mã 'phu_song' trong "
        "plan/targets.yaml; có phải ý bạn là 'phu-song'?",
        "units/van-phong/2026-Q1.yaml:8:3: lỗi: nhiem_vu: không có nhiệm vụ mã 'cong-thongtin' "
        "trong plan/tasks.yaml; có phải ý bạn là 'cong-thong-tin'?",
        "units/van-phong/2026-Q1.yaml:9:3: lỗi: nhiem_vu: không có nhiệm vụ mã "
        "'khong-co-gi-giong' trong plan/tasks.yaml",
    ]


def test_entries_for_a_broken_target_are_not_reported_again(tmp_path: Path) -> None:
    targets = TARGETS.replace('so_sanh: ">="', 'so_sanh: "=>"', 1)
    assert problems_of(tmp_path, targets=targets) == [
        "plan/targets.yaml:6:14: lỗi: so_sanh: cần '>=' hoặc '<=', nhận được chuỗi \"=>\"; có "
        "phải ý bạn là '>='?",
    ]


@pytest.mark.parametrize("targets", ["", "chi_tieu: {}\n", "- a\n"])
def test_results_are_not_checked_against_a_targets_file_that_cannot_be_read(
    tmp_path: Path, targets: str
) -> None:
    problems = problems_of(tmp_path, targets=targets)
    assert len(problems) == 1
    assert problems[0].startswith("plan/targets.yaml:1:")


def test_results_are_not_checked_against_a_missing_tasks_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path, tasks=None) == [
        "plan/tasks.yaml:1:1: lỗi: thiếu tệp bắt buộc plan/tasks.yaml của kho kế hoạch",
    ]


# ---------------------------------------------------------------- values


def _vp(entry: str, target: str = "ho-so-truc-tuyen") -> str:
    line = next(x for x in VP1.splitlines() if x.startswith(f"  {target}:"))
    return VP1.replace(line, f"  {target}: {entry}")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{tu_so: 51, mau_so: 50}", "5:29: lỗi: tu_so: tử số (51) không được lớn hơn mẫu số (50)"),
        ("{tu_so: 0, mau_so: 0}", "5:40: lỗi: mau_so: cần số nguyên lớn hơn 0, nhận được 0"),
        ("{tu_so: 1, mau_so: -2}", "5:40: lỗi: mau_so: cần số nguyên lớn hơn 0, nhận được -2"),
        ("{tu_so: -1, mau_so: 5}", "5:29: lỗi: tu_so: cần số nguyên từ 0 trở lên, nhận được -1"),
        ("{gia_tri: 80}", "5:22: lỗi: gia_tri: chỉ tiêu 'ho-so-truc-tuyen' có cach_tinh: ty_le, "
                          "cần tu_so và mau_so (số nguyên) thay cho gia_tri"),
        ("{tu_so: 1, mau_so: 2, gia_tri: 50}",
         "5:43: lỗi: gia_tri: chỉ tiêu 'ho-so-truc-tuyen' có cach_tinh: ty_le, cần tu_so và mau_so "
         "(số nguyên) thay cho gia_tri"),
        ("{tu_so: 1}", "5:3: lỗi: thiếu khóa bắt buộc 'mau_so' của chỉ tiêu tỷ lệ "
                       "'ho-so-truc-tuyen' (tổng số hồ sơ)"),
        ("{mau_so: 1}", "5:3: lỗi: thiếu khóa bắt buộc 'tu_so' của chỉ tiêu tỷ lệ "
                        "'ho-so-truc-tuyen' (số hồ sơ trực tuyến)"),
        ("{ghi_chu: chưa có}", "5:3: lỗi: thiếu khóa bắt buộc 'tu_so' và 'mau_so' của chỉ tiêu "
                               "tỷ lệ 'ho-so-truc-tuyen' (tu_so: số hồ sơ trực tuyến; mau_so: "
                               "tổng số hồ sơ)"),
        ("{tu_so: 1.5, mau_so: 2}", "5:29: lỗi: tu_so: cần một số nguyên, ví dụ 12, nhận được "
                                    "số 1.5"),
    ],
)
def test_ty_le_entries(tmp_path: Path, entry: str, problem: str) -> None:
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": _vp(entry)}) == [
        f"units/van-phong/2026-Q1.yaml:{problem}"
    ]


@pytest.mark.parametrize("entry", ["{tu_so: 0, mau_so: 5}", "{tu_so: 5, mau_so: 5}",
                                   "{tu_so: 3, mau_so: 7, ghi_chu: 'Số liệu: tạm tính'}"])
def test_sound_ty_le_entries(tmp_path: Path, entry: str) -> None:
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": _vp(entry)}) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{gia_tri: 100.5}", "6:23: lỗi: gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                             "nhận được 100.5"),
        ("{gia_tri: -0.5}", "6:23: lỗi: gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                            "nhận được -0.5"),
        ("{tu_so: 3, mau_so: 4}", "6:14: lỗi: tu_so: chỉ tiêu 'phu-song' có cach_tinh: gia_tri, "
                                  "cần gia_tri (một số) thay cho tu_so và mau_so"),
        ("{mau_so: 4, gia_tri: 5}", "6:14: lỗi: mau_so: chỉ tiêu 'phu-song' có cach_tinh: "
                                    "gia_tri, cần gia_tri (một số) thay cho mau_so"),
        ("{ghi_chu: chưa đo}", "6:3: lỗi: thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu 'phu-song' "
                               "(một số, đơn vị tính: %)"),
    ],
)
def test_gia_tri_entries(tmp_path: Path, entry: str, problem: str) -> None:
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": _vp(entry, "phu-song")}) == [
        f"units/van-phong/2026-Q1.yaml:{problem}"
    ]


@pytest.mark.parametrize("value", ["0", "100", "99.95", "12"])
def test_sound_percent_values(tmp_path: Path, value: str) -> None:
    text = _vp(f"{{gia_tri: {value}}}", "phu-song")
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == []


def test_tong_values_are_not_negative(tmp_path: Path) -> None:
    text = CA1.replace("lop-tap-huan: {gia_tri: 1}", "lop-tap-huan: {gia_tri: -1}")
    assert problems_of(tmp_path, results={"cong-an/2026-Q1": text}) == [
        "units/cong-an/2026-Q1.yaml:7:27: lỗi: gia_tri: chỉ tiêu có cach_tinh: tong cần giá trị từ "
        "0 trở lên, nhận được -1",
    ]


def test_empty_sections_are_accepted(tmp_path: Path) -> None:
    text = "don_vi: cong-an\nky: 2026-Q2\nngay_gui: 2026-06-10\nchi_tieu:\nnhiem_vu:\nkho_khan:\n"
    outcome = run(make_repo(tmp_path, results={"cong-an/2026-Q2": text}))
    assert outcome.problems == []
    assert outcome.plan is not None
    result = outcome.plan.results[Period(2026, 2)]["cong-an"]
    assert (result.chi_tieu, result.nhiem_vu, result.kho_khan) == (None, None, [])


# ---------------------------------------------------------------- a file failing its schema


def test_a_broken_result_file_still_gets_its_other_mistakes_once(tmp_path: Path) -> None:
    text = (VP1.replace("tu_so: 40", 'tu_so: "40"').replace("2026-03-18", "2026-12-18")
            .replace("phu-song: {gia_tri: 87.5}", "phu-song: {gia_tri: 187.5}")
            .replace("cong-thong-tin:", "cong-thong-tinn:"))
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == [
        "units/van-phong/2026-Q1.yaml:3:11: lỗi: ngay_gui: ngày 2026-12-18 chưa tới (hôm nay là "
        "2026-11-26); cần ghi ngày thực tế gửi báo cáo",
        "units/van-phong/2026-Q1.yaml:5:29: lỗi: tu_so: cần một số nguyên, ví dụ 12, nhận được "
        "chuỗi \"40\"; hãy bỏ dấu nháy để giá trị là một số",
        "units/van-phong/2026-Q1.yaml:6:23: lỗi: gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 "
        "đến 100, nhận được 187.5",
        "units/van-phong/2026-Q1.yaml:8:3: lỗi: nhiem_vu: không có nhiệm vụ mã 'cong-thong-tinn' "
        "trong plan/tasks.yaml; có phải ý bạn là 'cong-thong-tin'?",
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("ky: 2026-Q1", "ky: Q1", "2:5: lỗi: ky: cần dạng <năm>-Q<quý>, ví dụ 2026-Q2, nhận được "
                                  'chuỗi "Q1"'),
        ("don_vi: van-phong", "don_vi: Van Phong",
         "1:9: lỗi: don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa, "
         'nhận được chuỗi "Van Phong"'),
        ("ngay_gui: 2026-03-18", "ngay_gui: 2026-03-32",
         "3:11: lỗi: ngay_gui: '2026-03-32' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, ví "
         "dụ 2026-06-18"),
        ("ngay_gui: 2026-03-18\n", "",
         "1:1: lỗi: thiếu khóa bắt buộc 'ngay_gui' (ngày gửi dạng YYYY-MM-DD, ví dụ 2026-06-18)"),
    ],
)
def test_a_broken_required_field_is_not_reported_twice(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = VP1.replace(old, new)
    assert problems_of(tmp_path, results={"van-phong/2026-Q1": text}) == [
        f"units/van-phong/2026-Q1.yaml:{problem}"
    ]


def test_salvage_does_not_change_the_loaded_document(tmp_path: Path) -> None:
    text = VP1.replace("{gia_tri: 87.5}", "{gia_tri: x}")
    root = make_repo(tmp_path, results={"van-phong/2026-Q1": text})
    path = root / "units" / "van-phong" / "2026-Q1.yaml"
    src = read_source(root, path, fast=True)
    before = copy.deepcopy(src.doc.data)
    outcome = check_repo(root, today(), fast=True, sources={src.path: src})
    assert src.doc.data == before
    assert [p.message for p in outcome.problems] == [
        'gia_tri: cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân), nhận được chuỗi "x"'
    ]


# ---------------------------------------------------------------- report inputs, plan soundness


def test_report_inputs(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, files={
        "reports/2026-Q1.yaml": "so: 4\nngay: 2026-03-28\n",
        "reports/2025-Q4.yaml": "so: 9\n",
        "reports/2026-Q2.yaml": "so: 0\n",
    }))
    assert shown(outcome) == [
        "reports/2025-Q4.yaml:1:1: lỗi: tên tệp 2025-Q4.yaml: năm 2025 khác năm của kế hoạch "
        "(2026)",
        "reports/2026-Q2.yaml:1:5: lỗi: so: cần số lớn hơn hoặc bằng 1, nhận được số 0",
    ]
    assert outcome.plan is not None
    assert list(outcome.plan.reports) == [Period(2026, 1)]


def test_six_month_and_annual_report_inputs(tmp_path: Path) -> None:
    """reports/<year>-6T.yaml and reports/<year>.yaml are report inputs; their numbers share
    the year's one series with the quarters', and their dates are judged against the
    deadline of the last quarter they cover."""
    outcome = run(make_repo(tmp_path, files={
        "reports/2026-Q1.yaml": "so: 4\n",
        "reports/2026-6T.yaml": "so: 4\nngay: 2026-06-10\n",
        "reports/2026.yaml": "so: 9\nngay: 2026-12-01\nchi_tieu:\n  phu-songg: Tốt.\n",
        "reports/2025.yaml": "so: 1\n",
    }))
    assert shown(outcome) == [
        "reports/2025.yaml:1:1: lỗi: tên tệp 2025.yaml: năm 2025 khác năm của kế hoạch (2026)",
        "reports/2026-6T.yaml:1:5: lỗi: so: số 4 đã dùng cho báo cáo quý I năm 2026 "
        "(reports/2026-Q1.yaml); mỗi báo cáo trong năm cần một số riêng",
        "reports/2026-6T.yaml:2:7: cảnh báo: ngay: báo cáo đề ngày 10/6/2026, trước hạn các "
        "đơn vị gửi kết quả quý II (20/6/2026); đơn vị chưa gửi vẫn còn hạn, báo cáo chưa đủ "
        "số liệu",
        "reports/2026.yaml:2:7: cảnh báo: ngay: báo cáo đề ngày 1/12/2026, trước hạn các đơn "
        "vị gửi kết quả quý IV (20/12/2026); đơn vị chưa gửi vẫn còn hạn, báo cáo chưa đủ số "
        "liệu",
        "reports/2026.yaml:4:3: lỗi: chi_tieu: không có chỉ tiêu mã 'phu-songg' trong "
        "plan/targets.yaml; có phải ý bạn là 'phu-song'?",
    ]
    assert outcome.plan is not None
    assert list(outcome.plan.reports) == [Period(2026, 1)]
    assert [str(k) for k in outcome.plan.summaries] == ["2026-6T", "2026"]


def test_an_annual_number_may_not_repeat_the_six_month_one(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, files={
        "reports/2026-6T.yaml": "so: 5\n", "reports/2026.yaml": "so: 5\n",
    }))
    assert shown(outcome) == [
        "reports/2026.yaml:1:5: lỗi: so: số 5 đã dùng cho báo cáo sơ kết 6 tháng đầu năm 2026 "
        "(reports/2026-6T.yaml); mỗi báo cáo trong năm cần một số riêng",
    ]


def test_result_errors_do_not_make_the_plan_unsound(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, results={"cong-an/2026-Q1": "- x\n"}))
    assert len(outcome.errors) == 1
    assert outcome.plan is not None
    assert list(outcome.plan.results[Period(2026, 1)]) == ["van-phong"]


def test_problems_are_sorted_by_path_line_and_column(tmp_path: Path) -> None:
    outcome = run(make_repo(tmp_path, plan=PLAN.replace("nam: 2026", "nam: '2026'"),
                            results={"van-phong/2026-Q1": "[]\n", "cong-an/2026-Q1": ""}))
    assert [p.path for p in outcome.problems] == [
        "plan/plan.yaml", "units/cong-an/2026-Q1.yaml", "units/van-phong/2026-Q1.yaml"]
    assert outcome.problems == sorted(outcome.problems, key=Problem.sort_key)


# ---------------------------------------------------------------- accounts (extension)


def test_an_account_belongs_to_one_unit(tmp_path: Path) -> None:
    units = UNITS.replace("    ten: Công an xã\n", "    ten: Công an xã\n    tai_khoan: [ca-xa]\n")
    units = units.replace("    ten: Văn phòng HĐND và UBND xã\n",
                          "    ten: Văn phòng HĐND và UBND xã\n    tai_khoan: [CA-XA]\n")
    plan = PLAN + "quan_tri: [ca-xa]\n"
    assert problems_of(tmp_path, units=units, plan=plan) == [
        "plan/plan.yaml:22:12: cảnh báo: quan_tri: tài khoản 'ca-xa' cũng là tài khoản của đơn vị "
        "'van-phong'",
        "plan/units.yaml:7:17: lỗi: tai_khoan: tài khoản 'ca-xa' đã thuộc đơn vị 'van-phong'; mỗi "
        "tài khoản chỉ gửi cho một đơn vị",
    ]
