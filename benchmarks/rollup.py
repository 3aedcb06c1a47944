"""Generate a province (or a nation) for `kehoach tong-hop`: N commune repos copied from this
repo's plan with perturbed figures, and roll-up repos listing the first n of them.

    python benchmarks/rollup.py --communes 3300 --rollups 129,3300 /tmp/quoc-gia

writes ``/tmp/quoc-gia/xa/xa-0001/`` … (plan/ and units/ of this repo, each result file's
figures scaled by a seeded random factor: ``tu_so <= mau_so`` and ``0 <= %`` ``<= 100`` kept,
about 3 % of result files left out, about 10 % sent after the deadline) and
``/tmp/quoc-gia/tong-hop-129/tong-hop.yaml`` … (every target of this plan, ``gia_tri`` ones
combined by ``trung_binh``). Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
_PAIR = re.compile(r"tu_so: (\d+), mau_so: (\d+)")
_VALUE = re.compile(r"gia_tri: ([0-9.]+)")
_SENT = re.compile(r"^ngay_gui: (\d{4})-(\d{2})-(\d{2})$", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    plan: dict[str, bytes]  # plan/<name> -> bytes
    results: dict[str, str]  # units/<unit>/<file> -> text
    targets: list[dict[str, object]]
    nam: int


def read_source(root: Path = REPO_ROOT) -> Source:
    plan = {f"plan/{p.name}": p.read_bytes() for p in sorted((root / "plan").glob("*.yaml"))}
    results = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((root / "units").glob("*/*.yaml"))
    }
    targets = yaml.safe_load(plan["plan/targets.yaml"])["chi_tieu"]
    nam = yaml.safe_load(plan["plan/plan.yaml"])["nam"]
    return Source(plan, results, targets, nam)


def perturb(text: str, rng: random.Random) -> str:
    def pair(m: re.Match[str]) -> str:
        tu, mau = int(m.group(1)), int(m.group(2))
        new_mau = max(1, round(mau * rng.uniform(0.6, 1.6)))
        share = tu / mau if mau else 0
        new_tu = min(new_mau, max(0, round(new_mau * share * rng.uniform(0.85, 1.1))))
        return f"tu_so: {new_tu}, mau_so: {new_mau}"

    def value(m: re.Match[str]) -> str:
        v = float(m.group(1)) * rng.uniform(0.7, 1.3)
        return f"gia_tri: {min(100.0, round(v, 1))}"

    def sent(m: re.Match[str]) -> str:
        year, month, day = m.group(1), m.group(2), int(m.group(3))
        if rng.random() < 0.10:
            day = min(28, 21 + rng.randrange(7))
        return f"ngay_gui: {year}-{month}-{day:02d}"

    return _SENT.sub(sent, _VALUE.sub(value, _PAIR.sub(pair, text)))


def write_commune(dest: Path, source: Source, seed: int) -> int:
    """One commune repo; returns the number of YAML files written."""
    rng = random.Random(seed)
    (dest / "plan").mkdir(parents=True)
    for name, raw in source.plan.items():
        (dest / name).write_bytes(raw)
    written = len(source.plan)
    for name, text in source.results.items():
        if rng.random() < 0.03:
            continue
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(perturb(text, rng).encode("utf-8"))
        written += 1
    return written


def commune_name(i: int) -> str:
    return f"xa-{i + 1:04d}"


def rollup_text(source: Source, count: int, members: str = "../xa") -> str:
    lines = [f"ten: Tổng hợp {count} xã", f"nam: {source.nam}", "chi_tieu:"]
    for t in source.targets:
        lines += [
            f"  - ma: {t['ma']}",
            f"    ten: {t['ten']}",
            f"    don_vi_tinh: \"{t['don_vi_tinh']}\"",
            f"    muc_tieu: {t['muc_tieu']}",
            f"    so_sanh: \"{t['so_sanh']}\"",
            f"    cach_tinh: {t['cach_tinh']}",
        ]
        if t["cach_tinh"] == "gia_tri":
            lines.append("    cach_tong_hop: trung_binh")
    lines.append("xa:")
    for i in range(count):
        name = commune_name(i)
        lines.append(f"  - {{ma: {name}, ten: Xã số {i + 1}, kho: {members}/{name}}}")
    return "\n".join(lines) + "\n"


def generate(out: Path, communes: int, rollups: list[int], seed: int = 20260) -> int:
    """Write the communes and the roll-ups; returns the number of commune YAML files."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    source = read_source()
    files = 0
    for i in range(communes):
        files += write_commune(out / "xa" / commune_name(i), source, seed * 100_000 + i)
    for count in rollups:
        folder = out / f"tong-hop-{count}"
        folder.mkdir(parents=True)
        (folder / "tong-hop.yaml").write_text(rollup_text(source, min(count, communes)),
                                              encoding="utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--communes", type=int, default=129)
    parser.add_argument("--rollups", default="129", help="comma-separated member counts")
    parser.add_argument("--seed", type=int, default=20260)
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.rollups.split(",")]
    files = generate(args.out, args.communes, counts, args.seed)
    print(f"{args.communes} communes, {files} YAML files; roll-ups of {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
