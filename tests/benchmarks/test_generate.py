"""The benchmark generator follows the data contract; the runner runs.

The generator is checked against the contract on its own (with PyYAML), independently of
``kehoach validate``, so a validator bug cannot hide a generator bug or the reverse.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


gen = _load_module("kehoach_bench_generate", BENCH / "generate.py")


def _load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=Loader)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("commune") / "repo"
    gen.generate(out, "commune")
    return out


def test_commune_counts(commune: Path) -> None:
    size = gen.SIZES["commune"]
    assert (size.units, size.targets, size.quarters) == (10, 20, 3)
    assert len(_load(commune / "plan/units.yaml")["don_vi"]) == 10
    assert len(_load(commune / "plan/targets.yaml")["chi_tieu"]) == 20
    assert len(_load(commune / "plan/tasks.yaml")["nhiem_vu"]) == size.tasks
    results = sorted((commune / "units").glob("*/*.yaml"))
    assert len(results) == 30
    assert {p.parent.name for p in results} == {
        u["ma"] for u in _load(commune / "plan/units.yaml")["don_vi"]
    }
    assert sorted({p.name for p in results}) == ["2026-Q1.yaml", "2026-Q2.yaml", "2026-Q3.yaml"]


def test_other_sizes_declared() -> None:
    district, province = gen.SIZES["district"], gen.SIZES["province"]
    assert (district.units, district.targets, district.result_files) == (100, 100, 300)
    assert (province.units, province.targets, province.result_files) == (400, 300, 1200)
    assert gen.size_for_files(600).result_files == 600


def test_deterministic(tmp_path: Path) -> None:
    gen.generate(tmp_path / "a", "commune")
    gen.generate(tmp_path / "b", "commune")
    gen.generate(tmp_path / "c", "commune", seed=7)
    a, b, c = (_tree(tmp_path / n) for n in "abc")
    assert a == b
    assert a != c


def test_follows_the_contract(commune: Path) -> None:
    check_repo(commune, today=dt.date.today())


def test_follows_the_contract_at_district_shape(tmp_path: Path) -> None:
    # A smaller province-shaped repo exercises the generated unit names and numbered targets.
    out = tmp_path / "repo"
    gen.generate(out, gen.size_for_files(120))
    check_repo(out, today=dt.date.today())


def test_injected_errors(tmp_path: Path, commune: Path) -> None:
    out = tmp_path / "repo"
    result = gen.generate(out, "commune", errors=4)
    assert [e.kind for e in result.errors] == ["sai_kieu", "khoa_la", "sai_kieu", "khoa_la"]
    clean, broken = _tree(commune), _tree(out)
    changed = {path for path in clean if clean[path] != broken[path]}
    assert changed == {e.path for e in result.errors}
    for err in result.errors:
        line = (out / err.path).read_text(encoding="utf-8").splitlines()[err.line - 1]
        assert (
            ("ghi_chu_them" in line)
            if err.kind == "khoa_la"
            else ("mười hai" in line or "khoảng" in line)
        )
        _load(out / err.path)  # still valid YAML: the errors are the contract's, not YAML's


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("x")
    with pytest.raises(ValueError):
        gen.generate(tmp_path, "commune")


def test_refuses_future_dates(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        gen.generate(tmp_path / "r", "commune", year=2026, today=dt.date(2026, 8, 1))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / "run.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )


def test_runner_commune_once() -> None:
    proc = _run("--size", "commune", "--repeat", "1")
    assert proc.returncode == 0, proc.stderr
    assert "validate" in proc.stdout


def test_runner_json() -> None:
    proc = _run("--size", "commune", "--repeat", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    keys = {c["key"]: c for c in data["commands"]}
    assert {
        "typer",
        "cparse",
        "bytes",
        "docx",
        "libs",
        "imports",
        "version",
        "help",
        "validate",
        "status",
        "report",
    } <= set(keys)
    for floor in ("typer", "cparse", "bytes", "docx", "libs", "imports"):
        assert keys[floor]["status"] == "ok"
        assert keys[floor]["best_ms"] > 0
    assert {r["key"] for r in data["ratios"]} >= {
        "startup_version",
        "validate_cparse",
        "report_docx",
        "report_libs",
        "report_imports",
    }
    assert data["files"]["result"] == 30


def test_runner_scaling() -> None:
    proc = _run("--scaling", "--counts", "30,60", "--repeat", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["rows"]
    assert [r["files"] for r in rows] == [30, 60]
    assert all(r["cparse_ms"] > 0 for r in rows)


# --------------------------------------------------------------------------- contract check

PLAN_KEYS = {
    "nam",
    "ten",
    "dia_danh",
    "co_quan",
    "van_ban",
    "co_quan_thuong_truc",
    "han_bao_cao",
    "bao_cao",
    "can_cu",
    "muc_tieu_chung",
    "cac_muc",
}
TARGET_KEYS = {
    "ma",
    "muc",
    "ten",
    "don_vi_tinh",
    "muc_tieu",
    "so_sanh",
    "cach_tinh",
    "chu_tri",
    "phoi_hop",
    "don_vi_bao_cao",
    "tu_so",
    "mau_so",
    "luy_ke",
    "lo_trinh",
}
TASK_KEYS = {"ma", "muc", "ten", "chu_tri", "phoi_hop", "han"}
RESULT_KEYS = {
    "don_vi",
    "ky",
    "ngay_gui",
    "nguoi_bao_cao",
    "chi_tieu",
    "nhiem_vu",
    "kho_khan",
    "kien_nghi",
}
STATUSES = {"hoan_thanh", "dang_thuc_hien", "chua_thuc_hien"}


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def check_repo(root: Path, today: dt.date) -> None:
    """Assert every rule of DATA-CONTRACT.md that a generated repo must follow."""
    plan = _load(root / "plan/plan.yaml")
    assert set(plan) <= PLAN_KEYS
    year = plan["nam"]
    assert isinstance(year, int)
    for key in ("ten", "dia_danh"):
        assert isinstance(plan[key], str) and plan[key]
    assert {"chu_quan", "ban_hanh"} == set(plan["co_quan"])
    assert {"so", "ky_hieu", "ngay"} == set(plan["van_ban"])
    assert 1 <= plan["han_bao_cao"]["ngay"] <= 31
    ky = plan["bao_cao"]["ky"]
    assert isinstance(ky["quyen_han"], list) and isinstance(ky["chuc_vu"], list)
    assert isinstance(ky["ho_ten"], str)
    assert all(set(m) == {"muc", "ten"} for m in plan["cac_muc"])

    units = _load(root / "plan/units.yaml")["don_vi"]
    unit_ids = [u["ma"] for u in units]
    assert len(unit_ids) == len(set(unit_ids))
    assert all(ID_RE.match(u) for u in unit_ids)
    assert plan["co_quan_thuong_truc"] in unit_ids
    assert all(set(u) <= {"ma", "ten", "bao_cao_dinh_ky"} for u in units)

    targets = {t["ma"]: t for t in _load(root / "plan/targets.yaml")["chi_tieu"]}
    for ma, t in targets.items():
        assert ID_RE.match(ma), ma
        assert set(t) <= TARGET_KEYS, set(t) - TARGET_KEYS
        assert t["so_sanh"] in (">=", "<=")
        assert t["cach_tinh"] in ("ty_le", "gia_tri", "tong")
        assert _is_number(t["muc_tieu"])
        assert isinstance(t["muc"], str) and isinstance(t["don_vi_tinh"], str)
        for u in [t["chu_tri"], *t.get("phoi_hop", []), *t["don_vi_bao_cao"]]:
            assert u in unit_ids
        assert ("tu_so" in t and "mau_so" in t) == (t["cach_tinh"] == "ty_le")
        if "lo_trinh" in t:
            assert set(t["lo_trinh"]) <= {"Q1", "Q2", "Q3", "Q4"}
            assert all(_is_number(v) for v in t["lo_trinh"].values())
    assert len(targets) == len(_load(root / "plan/targets.yaml")["chi_tieu"])

    tasks = {t["ma"]: t for t in _load(root / "plan/tasks.yaml")["nhiem_vu"]}
    for ma, t in tasks.items():
        assert ID_RE.match(ma), ma
        assert set(t) <= TASK_KEYS
        assert t["chu_tri"] in unit_ids
        assert all(u in unit_ids for u in t.get("phoi_hop", []))
        if "han" in t:
            assert isinstance(t["han"], dt.date)

    for path in sorted((root / "units").glob("*/*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert 40 <= len(lines) <= 80, (path, len(lines))
        assert any(ord(c) > 127 for c in "".join(lines)), "no Vietnamese text"
        doc = _load(path)
        unit = path.parent.name
        assert set(doc) <= RESULT_KEYS
        assert doc["don_vi"] == unit
        assert doc["ky"] == path.stem
        m = re.fullmatch(r"(\d{4})-Q([1-4])", doc["ky"])
        assert m and int(m[1]) == year
        q = int(m[2])
        sent = doc["ngay_gui"]
        assert isinstance(sent, dt.date) and sent <= today
        assert (sent.year, sent.month) == (year, 3 * q)
        for ma, entry in doc.get("chi_tieu", {}).items():
            t = targets[ma]
            assert unit in t["don_vi_bao_cao"], (path, ma)
            if t["cach_tinh"] == "ty_le":
                assert set(entry) <= {"tu_so", "mau_so", "ghi_chu"}
                tu, mau = entry["tu_so"], entry["mau_so"]
                assert type(tu) is int and type(mau) is int, (path, ma)
                assert 0 <= tu <= mau and mau > 0, (path, ma)
            else:
                assert set(entry) <= {"gia_tri", "ghi_chu"}
                v = entry["gia_tri"]
                assert _is_number(v), (path, ma)
                if t["cach_tinh"] == "tong":
                    assert v >= 0
                if t["don_vi_tinh"].startswith("%"):
                    assert 0 <= v <= 100
            if "ghi_chu" in entry:
                assert isinstance(entry["ghi_chu"], str)
        for ma, entry in doc.get("nhiem_vu", {}).items():
            task = tasks[ma]
            assert unit == task["chu_tri"] or unit in task.get("phoi_hop", []), (path, ma)
            assert set(entry) <= {"trang_thai", "ket_qua"}
            assert entry["trang_thai"] in STATUSES
        for key in ("kho_khan", "kien_nghi"):
            assert all(isinstance(s, str) for s in doc.get(key, []))

    for path in sorted((root / "reports").glob("*.yaml")):
        doc = _load(path)
        assert set(doc) <= {"so", "ngay", "danh_gia_chung", "phuong_huong", "kien_nghi"}
        assert re.fullmatch(rf"{year}-Q[1-4]", path.stem)
