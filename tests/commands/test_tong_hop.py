"""kehoach tong-hop: the roll-up of many commune repos (and of lower roll-ups)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import RESULTS, TARGETS, make_repo, pos_of, run_cli, write

TARGETS_BLOCK = """\
chi_tieu:
  - ma: ho-so-truc-tuyen
    ten: Tỷ lệ hồ sơ được giải quyết trực tuyến
    don_vi_tinh: "%"
    muc_tieu: 80
    so_sanh: ">="
    cach_tinh: ty_le
  - ma: phu-song
    ten: Tỷ lệ thôn được phủ sóng 4G
    don_vi_tinh: "%"
    muc_tieu: 100
    so_sanh: ">="
    cach_tinh: gia_tri
    cach_tong_hop: trung_binh
  - ma: lop-tap-huan
    ten: Số lớp tập huấn kỹ năng số
    don_vi_tinh: lớp
    muc_tieu: 4
    so_sanh: ">="
    cach_tinh: tong
"""


def rollup_text(members: list[tuple[str, str]], *, ten: str = "Huyện Mẫu Sơn",
                targets: str = TARGETS_BLOCK, extra: str = "") -> str:
    lines = [f"ten: {ten}", "nam: 2026", targets.rstrip("\n"), "xa:"]
    for ma, kho in members:
        lines.append(f"  - {{ma: {ma}, ten: Xã {ma.title()}, kho: {kho}}}")
    return "\n".join(lines) + "\n" + extra


def make_rollup(tmp_path: Path, members: list[tuple[str, str]], name: str = "tinh",
                **kwargs: Any) -> Path:
    root = tmp_path / name
    write(root / "tong-hop.yaml", rollup_text(members, **kwargs))
    return root


def commune(tmp_path: Path, name: str, **results: str | None) -> Path:
    return make_repo(tmp_path, name=name, results={k.replace("__", "/"): v
                                                   for k, v in results.items()})


def rollup_json(root: Path, quarter: int = 1) -> dict[str, Any]:
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", str(quarter), "--json"])
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def by_ma(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["ma"]: item for item in items}


FIGURES = ("gia_tri", "ty_le_dat", "trang_thai", "tu", "mau", "so_xa_bao_cao", "so_xa_dat",
           "so_xa_thieu", "so_xa_loai")


def figures(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {t["ma"]: tuple(t[k] for k in FIGURES) for t in data["chi_tieu"]}


OTHER_Q1 = {
    "van-phong__2026-Q1": """\
don_vi: van-phong
ky: 2026-Q1
ngay_gui: 2026-03-25
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 1, mau_so: 100}
  phu-song: {gia_tri: 50}
""",
    "cong-an__2026-Q1": None,
}


# ---------------------------------------------------------------- invariants


def test_one_commune_equals_its_status(tmp_path: Path) -> None:
    make_repo(tmp_path, name="mau-son")
    root = make_rollup(tmp_path, [("mau-son", "../mau-son")])
    code, out, _ = run_cli(["-C", str(tmp_path / "mau-son"), "status", "--quy", "1", "--json"])
    assert code == 0
    status = json.loads(out)
    data = rollup_json(root)
    combined = by_ma(data["chi_tieu"])
    for t in status["chi_tieu"]:
        mine = combined[t["ma"]]
        assert (mine["gia_tri"], mine["ty_le_dat"], mine["trang_thai"]) == (
            t["gia_tri"], t["ty_le_dat"], t["trang_thai"])
        if t["cach_tinh"] == "ty_le":
            assert (mine["tu_so"], mine["mau_so"]) == (t["tu_so"], t["mau_so"])
    required = [u for u in status["don_vi"] if u["bao_cao_dinh_ky"]]
    (xa,) = data["xa"]
    assert xa["bao_cao_phai_nop"] == len(required) == 2
    assert xa["bao_cao_da_nop"] == sum(u["nop"] != "chua_nop" for u in required)
    assert xa["bao_cao_dung_han"] == sum(u["nop"] == "dung_han" for u in required)
    assert (xa["trang_thai"], xa["so_loi"], xa["ty_le_nop"]) == ("hop_le", 0, 100)


def test_ratio_is_sum_over_sum_never_the_mean_of_percentages(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    commune(tmp_path, "b", **OTHER_Q1)
    data = rollup_json(make_rollup(tmp_path, [("a", "../a"), ("b", "../b")]))
    t = by_ma(data["chi_tieu"])
    # a: (40 + 9) / (50 + 10); b: 1 / 100 → 50 / 160, not the mean of 81.7% and 1%
    assert (t["ho-so-truc-tuyen"]["tu_so"], t["ho-so-truc-tuyen"]["mau_so"]) == (50, 160)
    assert t["ho-so-truc-tuyen"]["gia_tri"] == 100 * 50 / 160
    assert t["phu-song"]["gia_tri"] == (87.5 + 50) / 2
    assert t["lop-tap-huan"]["gia_tri"] == 1
    assert t["lop-tap-huan"]["xa_thieu"] == ["b"]
    assert [s["ma"] for s in t["ho-so-truc-tuyen"]["xa_xa_muc_tieu_nhat"]] == ["b"]
    assert data["bao_cao_phai_nop"] == 4 and data["bao_cao_da_nop"] == 3
    assert data["bao_cao_dung_han"] == 2  # b's van-phong sent after day 20


def test_member_order_does_not_matter(tmp_path: Path) -> None:
    for name in ("a", "c"):
        make_repo(tmp_path, name=name)
    commune(tmp_path, "b", **OTHER_Q1)
    members = [("a", "../a"), ("b", "../b"), ("c", "../c")]
    one = rollup_json(make_rollup(tmp_path, members, name="t1"))
    two = rollup_json(make_rollup(tmp_path, members[::-1], name="t2"))
    assert one["chi_tieu"] == two["chi_tieu"]
    assert by_ma(one["xa"]) == by_ma(two["xa"])


def test_a_commune_with_errors_changes_no_sum(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    broken = dict(RESULTS)
    broken["cong-an/2026-Q1"] = broken["cong-an/2026-Q1"].replace("tu_so: 9", "tu_so: chín")
    make_repo(tmp_path, name="loi", results=broken)
    alone = rollup_json(make_rollup(tmp_path, [("a", "../a")], name="t1"))
    root = make_rollup(tmp_path, [("a", "../a"), ("loi", "../loi")], name="t2")
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 0
    data = json.loads(out)
    for ma, before in figures(alone).items():
        after = figures(data)[ma]
        assert after[:-1] == before[:-1] and after[-1] == 1  # listed as left out
    xa = by_ma(data["xa"])["loi"]
    assert (xa["trang_thai"], xa["so_loi"]) == ("co_loi", 1)
    assert (data["so_xa"], data["so_xa_co_loi"], data["bao_cao_phai_nop"]) == (2, 1, 2)
    line, col = pos_of(broken["cong-an/2026-Q1"], "chín")
    assert err.startswith(f"../loi/units/cong-an/2026-Q1.yaml:{line}:{col}: lỗi: ")


def test_parallel_reading_gives_the_same_roll_up(tmp_path: Path) -> None:
    from kehoach_cli.compute.rollup_read import roll_up
    from kehoach_cli.load.tong_hop import load_rollup
    from kehoach_cli.present.rollup_out import rollup_json as as_json
    from kehoach_cli.vocab.periods import Period

    members = []
    for i in range(6):
        if i % 2:
            commune(tmp_path, f"x{i}", **OTHER_Q1)
        else:
            make_repo(tmp_path, name=f"x{i}")
        members.append((f"x{i}", f"../x{i}"))
    loaded = load_rollup(make_rollup(tmp_path, members))
    import datetime as dt

    day = dt.date(2026, 11, 26)
    serial = as_json(roll_up(loaded, Period(2026, 1), day, jobs=1))
    parallel = as_json(roll_up(loaded, Period(2026, 1), day, jobs=3))
    assert serial == parallel
    assert serial["chi_tieu"][0]["tu_so"] == 3 * 49 + 3 * 1


def test_weighted_mean(tmp_path: Path) -> None:
    weighted = TARGETS_BLOCK.replace(
        "    cach_tong_hop: trung_binh\n",
        "    cach_tong_hop: trung_binh_co_trong_so\n    trong_so: ho-so-truc-tuyen-mau\n",
    ) + """\
  - ma: ho-so-truc-tuyen-mau
    ten: Tổng số hồ sơ
    don_vi_tinh: hồ sơ
    muc_tieu: 1
    so_sanh: ">="
    cach_tinh: tong
"""
    extra_target = """\
  - ma: tong-ho-so
    ma_cap_tren: ho-so-truc-tuyen-mau
    ten: Tổng số hồ sơ
    don_vi_tinh: hồ sơ
    muc_tieu: 1
    so_sanh: ">="
    cach_tinh: tong
    chu_tri: van-phong
"""
    a_q1 = RESULTS["van-phong/2026-Q1"].replace("  phu-song:", "  tong-ho-so: {gia_tri: 300}\n"
                                                 "  phu-song:")
    make_repo(tmp_path, name="a", targets=TARGETS + extra_target,
              results={"van-phong/2026-Q1": a_q1})
    b_q1 = OTHER_Q1["van-phong__2026-Q1"] or ""
    b_q1 = b_q1.replace("  phu-song:", "  tong-ho-so: {gia_tri: 100}\n  phu-song:")
    make_repo(tmp_path, name="b", targets=TARGETS + extra_target,
              results={"van-phong/2026-Q1": b_q1, "cong-an/2026-Q1": None})
    data = rollup_json(make_rollup(tmp_path, [("a", "../a"), ("b", "../b")],
                                   targets=weighted))
    t = by_ma(data["chi_tieu"])
    assert t["phu-song"]["gia_tri"] == (87.5 * 300 + 50 * 100) / 400
    assert (t["phu-song"]["tu"], t["phu-song"]["mau"]) == (87.5 * 300 + 50 * 100, 400)
    assert t["ho-so-truc-tuyen-mau"]["gia_tri"] == 400


# ---------------------------------------------------------------- definitions


def test_mismatched_unit_is_an_error_naming_both_files(tmp_path: Path) -> None:
    targets = TARGETS.replace('don_vi_tinh: "%"\n    muc_tieu: 100',
                              'don_vi_tinh: "% số thôn"\n    muc_tieu: 100')
    make_repo(tmp_path, name="a")
    make_repo(tmp_path, name="b", targets=targets)
    root = make_rollup(tmp_path, [("a", "../a"), ("b", "../b")])
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 1
    here = pos_of(rollup_text([("a", "../a"), ("b", "../b")]), '"%"', 2)
    there = pos_of(targets, '"% số thôn"')
    assert err == (
        f"tong-hop.yaml:{here[0]}:{here[1]}: lỗi: chỉ tiêu 'phu-song': don_vi_tinh ở "
        f"tong-hop.yaml là '%' nhưng chỉ tiêu 'phu-song' ở ../b/plan/targets.yaml:"
        f"{there[0]}:{there[1]} ghi '% số thôn'; số liệu của xã này không được tính vào "
        "chỉ tiêu đó\n"
    )
    t = by_ma(json.loads(out)["chi_tieu"])
    assert t["phu-song"]["gia_tri"] == 87.5 and t["phu-song"]["xa_loai"] == ["b"]
    assert t["ho-so-truc-tuyen"]["so_xa_bao_cao"] == 2  # the other targets still count


def test_ma_cap_tren_maps_a_commune_target(tmp_path: Path) -> None:
    targets = TARGETS.replace("  - ma: phu-song\n", "  - ma: phu-song-4g\n"
                              "    ma_cap_tren: phu-song\n")
    results = {k: v.replace("phu-song:", "phu-song-4g:") for k, v in RESULTS.items()}
    make_repo(tmp_path, name="a", targets=targets, results=results)
    data = rollup_json(make_rollup(tmp_path, [("a", "../a")]))
    assert by_ma(data["chi_tieu"])["phu-song"]["gia_tri"] == 87.5


def test_mismatched_method_names_the_commune_target(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    targets = TARGETS_BLOCK.replace("    cach_tinh: tong\n", "    cach_tinh: gia_tri\n"
                                    "    cach_tong_hop: trung_binh\n")
    text = rollup_text([("a", "../a")], targets=targets)
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", text)
    code, _, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 1
    here = pos_of(text, "gia_tri", 2)
    there = pos_of(TARGETS, "tong")
    assert err == (
        f"tong-hop.yaml:{here[0]}:{here[1]}: lỗi: chỉ tiêu 'lop-tap-huan': cach_tinh ở "
        f"tong-hop.yaml là 'gia_tri' nhưng chỉ tiêu 'lop-tap-huan' ở ../a/plan/targets.yaml:"
        f"{there[0]}:{there[1]} ghi 'tong'; số liệu của xã này không được tính vào chỉ "
        "tiêu đó\n"
    )


def test_gia_tri_without_a_way_to_combine_is_refused(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    targets = TARGETS_BLOCK.replace("    cach_tong_hop: trung_binh\n", "")
    text = rollup_text([("a", "../a")], targets=targets)
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", text)
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1"])
    line, col = pos_of(text, "ma: phu-song")
    assert (code, out) == (1, "")
    assert err == (
        f"tong-hop.yaml:{line}:{col}: lỗi: chỉ tiêu 'phu-song' tính theo gia_tri: cần khóa "
        "cach_tong_hop (trung_binh hoặc trung_binh_co_trong_so với trong_so là mã chỉ tiêu "
        "trọng số); giá trị của các xã không được cộng lại\n"
        "kehoach: lỗi: tong-hop.yaml có lỗi nên chưa tổng hợp được; sửa các lỗi trên rồi "
        "chạy lại\n"
    )


def test_no_rollup_repo_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_cli(["-C", str(tmp_path), "tong-hop", "--quy", "1"])
    assert code == 2
    assert err.startswith("kehoach: lỗi: không tìm thấy kho tổng hợp: không có tệp "
                          "tong-hop.yaml")


def test_missing_member_folder_is_listed(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    root = make_rollup(tmp_path, [("a", "../a"), ("khong-co", "../khong-co")])
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 0
    assert err == "../khong-co: lỗi: không có thư mục ../khong-co\n"
    assert by_ma(json.loads(out)["xa"])["khong-co"]["trang_thai"] == "khong_doc_duoc"


# ---------------------------------------------------------------- git members


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
                               "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(root)})
    return done.stdout.decode().strip()


def test_git_member_read_at_a_pinned_commit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, name="a")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "quý I")
    git(repo, "tag", "v1")
    first = git(repo, "rev-parse", "HEAD")
    write(repo / "units/cong-an/2026-Q1.yaml",
          RESULTS["cong-an/2026-Q1"].replace("tu_so: 9, mau_so: 10", "tu_so: 0, mau_so: 40"))
    git(repo, "commit", "-q", "-am", "sửa")
    second = git(repo, "rev-parse", "HEAD")
    url = repo.as_uri()
    text = rollup_text([("a", url)]) .replace(f"kho: {url}}}", f"kho: {url}, phien_ban: v1}}")
    pinned = tmp_path / "pinned"
    write(pinned / "tong-hop.yaml", text)
    data = rollup_json(pinned)
    assert data["xa"][0]["commit"] == first
    assert by_ma(data["chi_tieu"])["ho-so-truc-tuyen"]["tu_so"] == 49
    head = rollup_json(make_rollup(tmp_path, [("a", url)], name="head"))
    assert head["xa"][0]["commit"] == second
    assert by_ma(head["chi_tieu"])["ho-so-truc-tuyen"]["mau_so"] == 90
    cache = list((pinned / ".kehoach-cache" / "git").iterdir())
    assert len(cache) == 1 and (cache[0] / "HEAD").is_file()
    assert not (cache[0] / "plan").exists()  # bare: no work tree


def test_git_member_at_an_unknown_version(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, name="a")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "quý I")
    url = repo.as_uri()
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", rollup_text([("a", url)]).replace(
        f"kho: {url}}}", f"kho: {url}, phien_ban: v9}}"))
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 0
    assert err == (f"{url}@v9: lỗi: kho không có phiên bản 'v9' (cần một commit hoặc "
                   "một thẻ)\n")
    assert json.loads(out)["xa"][0]["trang_thai"] == "khong_doc_duoc"


# ---------------------------------------------------------------- nested levels


def test_nested_levels_add_up_like_one_level(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    commune(tmp_path, "b", **OTHER_Q1)
    make_repo(tmp_path, name="c")
    make_rollup(tmp_path, [("a", "../a"), ("b", "../b")], name="huyen")
    nested = rollup_json(make_rollup(tmp_path, [("huyen", "../huyen"), ("c", "../c")],
                                     name="tinh"))
    flat = rollup_json(make_rollup(tmp_path, [("a", "../a"), ("b", "../b"), ("c", "../c")],
                                   name="phang"))
    for ma in ("ho-so-truc-tuyen", "phu-song", "lop-tap-huan"):
        assert by_ma(nested["chi_tieu"])[ma]["gia_tri"] == by_ma(flat["chi_tieu"])[ma]["gia_tri"]
    for key in ("bao_cao_phai_nop", "bao_cao_da_nop", "bao_cao_dung_han"):
        assert nested[key] == flat[key]
    assert by_ma(nested["xa"])["huyen"]["loai"] == "tong_hop"


# ---------------------------------------------------------------- output


def test_terminal_lines(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    commune(tmp_path, "b", **OTHER_Q1)
    root = make_rollup(tmp_path, [("a", "../a"), ("b", "../b")])
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1"])
    assert (code, err) == (0, "")
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[:3] == [
        "Tổng hợp quý I năm 2026: Huyện Mẫu Sơn",
        "2 xã: 2 hợp lệ.",
        "Báo cáo của các đơn vị: đã nộp 3/4 (75%), đúng hạn 2 (50%).",
    ]
    assert lines[5:10] == [
        "  Chỉ tiêu                       Mục tiêu   Giá trị   Tỷ lệ đạt   Đánh giá   Xã báo cáo"
        "   Xã đạt   Xã thiếu",
        " " + "─" * 107,
        "  Tỷ lệ hồ sơ được giải quyết…      ≥ 80%     31,3%       39,1%   Chưa đạt            2"
        "        1          0",
        "  Tỷ lệ thôn được phủ sóng 4G      ≥ 100%     68,8%       68,8%   Chưa đạt            2"
        "        0          0",
        "  Số lớp tập huấn kỹ năng số      ≥ 4 lớp     1 lớp         25%   Chưa đạt            1"
        "        0          1",
    ]
    assert lines[11:15] == [
        "Các xã xa mục tiêu nhất:",
        "- ho-so-truc-tuyen: b (1%)",
        "- phu-song: b (50%), a (87,5%)",
        "- lop-tap-huan: a (1 lớp)",
    ]
    assert lines[-3:-1] == [
        "  Xã A   —           Hợp lệ            2        2          2        100%             100%",
        "  Xã B   —           Hợp lệ            2        1          0         50%               0%",
    ]


def test_csv_long_form(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    commune(tmp_path, "b", **OTHER_Q1)
    root = make_rollup(tmp_path, [("a", "../a"), ("b", "../b")])
    target = tmp_path / "dai.csv"
    code, out, _ = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--csv", str(target)])
    assert code == 0 and out.endswith(f"Đã ghi {target}\n")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["cap", "thanh_vien", "chi_tieu", "ky", "tu", "mau", "gia_tri"]
    assert rows[1:4] == [
        ["tong_hop", "", "ho-so-truc-tuyen", "2026-Q1", "50", "160", "31.25"],
        ["xa", "a", "ho-so-truc-tuyen", "2026-Q1", "49", "60", repr(4900 / 60)],
        ["xa", "b", "ho-so-truc-tuyen", "2026-Q1", "1", "100", "1"],
    ]
    assert ["tong_hop", "", "lop-tap-huan", "2026-Q1", "1", "", "1"] in rows


@pytest.mark.parametrize("quarter", ["0", "5"])
def test_quarter_out_of_range(tmp_path: Path, quarter: str) -> None:
    code, _, err = run_cli(["-C", str(tmp_path), "tong-hop", "--quy", quarter])
    assert code == 2 and f"--quy: cần số từ 1 đến 4, nhận được {quarter}" in err


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        ("    cach_tong_hop: trung_binh\n", "cach_tong_hop: trung_binh_co_trong_so\n",
         "cach_tong_hop: trung_binh_co_trong_so"),
        ("    cach_tong_hop: trung_binh\n",
         "    cach_tong_hop: trung_binh_co_trong_so\n    trong_so: khong-co\n", "khong-co"),
    ],
)
def test_weighted_mean_needs_a_weight_target(tmp_path: Path, change: str, needle: str,
                                             message: str) -> None:
    targets = TARGETS_BLOCK.replace(change, needle if needle.startswith("    ")
                                    else "    " + needle)
    text = rollup_text([("a", "../a")], targets=targets)
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", text)
    code, _, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1"])
    assert code == 1
    first = err.splitlines()[0]
    if message == "khong-co":
        line, col = pos_of(text, "khong-co")
        assert first == (f"tong-hop.yaml:{line}:{col}: lỗi: trong_so: 'khong-co' không phải "
                         "mã của một chỉ tiêu khác trong tong-hop.yaml")
    else:
        line, col = pos_of(text, "trung_binh_co_trong_so")
        assert first == (f"tong-hop.yaml:{line}:{col}: lỗi: chỉ tiêu 'phu-song': "
                         "trung_binh_co_trong_so cần khóa trong_so (mã chỉ tiêu dùng làm "
                         "trọng số)")


def test_cach_tong_hop_only_for_gia_tri(tmp_path: Path) -> None:
    targets = TARGETS_BLOCK.replace("    cach_tinh: ty_le\n",
                                    "    cach_tinh: ty_le\n    cach_tong_hop: trung_binh\n")
    text = rollup_text([("a", "../a")], targets=targets)
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", text)
    code, _, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1"])
    line, col = pos_of(text, "trung_binh")
    assert code == 1
    assert err.splitlines()[0] == (
        f"tong-hop.yaml:{line}:{col}: lỗi: cach_tong_hop: chỉ dùng cho chỉ tiêu gia_tri; chỉ "
        "tiêu 'ho-so-truc-tuyen' tính theo ty_le được tổng hợp theo cách tính của nó")


def test_nested_level_reports_its_communes_with_errors(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    broken = dict(RESULTS)
    broken["cong-an/2026-Q1"] = broken["cong-an/2026-Q1"].replace("tu_so: 9", "tu_so: chín")
    make_repo(tmp_path, name="loi", results=broken)
    make_rollup(tmp_path, [("a", "../a"), ("loi", "../loi")], name="huyen")
    root = make_rollup(tmp_path, [("huyen", "../huyen")], name="tinh")
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 0
    (huyen,) = json.loads(out)["xa"]
    assert (huyen["loai"], huyen["trang_thai"], huyen["xa_co_loi"]) == ("tong_hop", "hop_le", 1)
    assert err.startswith("../huyen/../loi/units/cong-an/2026-Q1.yaml:")
    alone = rollup_json(make_rollup(tmp_path, [("a", "../a")], name="mot"))
    assert by_ma(json.loads(out)["chi_tieu"])["ho-so-truc-tuyen"]["gia_tri"] == (
        by_ma(alone["chi_tieu"])["ho-so-truc-tuyen"]["gia_tri"])


def test_nested_mismatch_names_the_lower_roll_up(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    lower = TARGETS_BLOCK.replace("don_vi_tinh: lớp", "don_vi_tinh: lớp học")
    make_rollup(tmp_path, [("a", "../a")], name="huyen", targets=lower)
    text = rollup_text([("huyen", "../huyen")])
    root = tmp_path / "tinh"
    write(root / "tong-hop.yaml", text)
    code, _, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    here = pos_of(text, "don_vi_tinh: lớp")
    there = pos_of(rollup_text([("a", "../a")], targets=lower), "lớp học")
    assert code == 1
    lines = err.splitlines()
    assert lines[-1] == (
        f"tong-hop.yaml:{here[0]}:{here[1] + 13}: lỗi: chỉ tiêu 'lop-tap-huan': don_vi_tinh ở "
        f"tong-hop.yaml là 'lớp' nhưng chỉ tiêu 'lop-tap-huan' ở ../huyen/tong-hop.yaml:"
        f"{there[0]}:{there[1]} ghi 'lớp học'; số liệu của cấp dưới này không được tính vào "
        "chỉ tiêu đó")
    assert lines[0].startswith(f"../huyen/tong-hop.yaml:{there[0]}:{there[1]}: lỗi: chỉ tiêu "
                               "'lop-tap-huan': don_vi_tinh ở tong-hop.yaml là 'lớp học' nhưng "
                               "chỉ tiêu 'lop-tap-huan' ở ../huyen/../a/plan/targets.yaml:")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_communes_on_a_terminal_only(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from kehoach_cli.commands.tong_hop import tong_hop

    make_repo(tmp_path, name="a")
    make_repo(tmp_path, name="b")
    root = make_rollup(tmp_path, [("a", "../a"), ("b", "../b")])
    monkeypatch.setenv("KEHOACH_TODAY", "2026-11-26")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    err, out = _Terminal(), io.StringIO()
    assert tong_hop(root, 1, as_json=True, out=out, err=err) == 0
    assert "Đã đọc các xã" in err.getvalue() and "2/2" in err.getvalue()
    json.loads(out.getvalue())
    piped = io.StringIO()
    assert tong_hop(root, 1, as_json=True, out=io.StringIO(), err=piped) == 0
    assert piped.getvalue() == ""


def test_git_member_that_cannot_be_fetched(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    url = (tmp_path / "khong-co.git").as_uri()
    root = make_rollup(tmp_path, [("a", "../a"), ("b", url)])
    code, out, err = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json"])
    assert code == 0
    assert err.startswith(f"{url}@HEAD: lỗi: không lấy được kho {url} (git báo: ")
    members = by_ma(json.loads(out)["xa"])
    assert (members["b"]["trang_thai"], members["a"]["trang_thai"]) == (
        "khong_doc_duoc", "hop_le")
