"""present/report/rollup_report.py: Bảng 1 and Bảng 2 of the roll-up report at national
size, where the sums run to millions and the counts to thousands."""

from __future__ import annotations

from fractions import Fraction

from kehoach_cli.compute.rollup import MemberSummary, Part, combine
from kehoach_cli.load.tong_hop import RollupTarget
from kehoach_cli.present.report.rollup_report import submissions_table, targets_table

COMMUNES = 3300


def _nation() -> list[MemberSummary]:
    members = []
    for i in range(COMMUNES):
        m = MemberSummary(f"xa-{i:04d}", f"Xã số {i}", f"xa/xa-{i:04d}",
                          expected=1200, received=1150, on_time=1100)
        m.parts["tk"] = Part(Fraction(1000 + i), Fraction(1250 + i))
        members.append(m)
    return members


def test_a_national_sum_and_the_counts_keep_every_figure_whole() -> None:
    target = RollupTarget(ma="tk", ten="Tỷ lệ tài khoản", don_vi_tinh="%", muc_tieu=80,
                          so_sanh=">=", cach_tinh="ty_le")
    members = _nation()
    rollup = combine("Cả nước", "2026-Q2", [target], members)
    num = sum(1000 + i for i in range(COMMUNES))
    den = sum(1250 + i for i in range(COMMUNES))
    assert (num, den) == (8_743_350, 9_568_350)
    row = targets_table(rollup).rows[0].cells
    # Each sum on its own line, with the thousands dot: no figure is broken inside its
    # digits by a narrow column, and every count reads as Vietnamese writes it.
    assert row[4] == "91,4\n(8.743.350/\n9.568.350)"
    assert row[5] == "114,2%"
    assert row[6:] == ("3.300", "3.300", "0")
    first = submissions_table(rollup).rows[0].cells
    assert first[2:5] == ("1.200", "1.150", "1.100")
