"""The roll-up generator writes valid commune repos and a roll-up; the runner's case runs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.benchmarks.test_generate import BENCH, _load_module, _run
from tests.helpers import run_cli

rollup = _load_module("kehoach_bench_rollup", BENCH / "rollup.py")


def test_generated_communes_are_valid_and_differ(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    files = rollup.generate(out, 3, [2, 3])
    assert files == len(list((out / "xa").rglob("*.yaml")))
    for name in ("xa-0001", "xa-0002", "xa-0003"):
        code, text, err = run_cli(["-C", str(out / "xa" / name), "validate"], today="2026-12-04")
        assert code == 0, text + err
    a, b = (out / "xa" / n / "units/phong-vhxh/2026-Q2.yaml" for n in ("xa-0001", "xa-0002"))
    assert a.read_bytes() != b.read_bytes()
    code, text, err = run_cli(["-C", str(out / "tong-hop-3"), "tong-hop", "--quy", "2",
                               "--json"], today="2026-12-04")
    assert (code, err) == (0, "")
    data = json.loads(text)
    assert data["so_xa"] == 3 and data["so_xa_co_loi"] == 0
    assert all(t["trang_thai"] != "chua_co_so_lieu" for t in data["chi_tieu"])


def test_deterministic(tmp_path: Path) -> None:
    rollup.generate(tmp_path / "a", 2, [2])
    rollup.generate(tmp_path / "b", 2, [2])
    tree = [
        {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
         if p.is_file()}
        for root in (tmp_path / "a", tmp_path / "b")
    ]
    assert tree[0] == tree[1]


def test_runner_tong_hop() -> None:
    proc = _run("--tong-hop", "--communes", "2,4", "--repeat", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["rows"]
    assert [r["communes"] for r in rows] == [2, 4]
    assert all(r["tong_hop_status"] == "ok" and r["ratio"] > 0 for r in rows)
