"""plan/CAN-KIEM-TRA.md: everything of the drafted plan a person must look at.

Each guess (with the item it is in), each value the document did not give, each
paragraph that held a figure but gave no target, each table row not placed and each
paragraph addressed to no unit, with its text: nothing of the document is dropped
without being named here.
"""

from __future__ import annotations

import unicodedata

from ..load.plan_document.draft import Draft, Note


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.split("\n")]


def _missing(draft: Draft) -> list[str]:
    h, r = draft.header, draft.report
    out: list[str] = []
    pairs: list[tuple[object, str]] = [
        (h.nam, "`nam` (năm của kế hoạch)"), (h.ten, "`ten` (trích yếu)"),
        (h.dia_danh, "`dia_danh` (địa danh ở dòng ngày tháng)"),
        (h.chu_quan, "`co_quan.chu_quan`"), (h.ban_hanh, "`co_quan.ban_hanh`"),
        (h.ky_hieu, "`van_ban.ky_hieu` (ký hiệu, như KH-BCĐ)"),
        (draft.standing, "`co_quan_thuong_truc` (mã đơn vị thường trực)"),
        (draft.deadline, "`han_bao_cao.ngay` (hạn báo cáo hằng quý)"),
        (r.ky_hieu, "`bao_cao.ky_hieu`"), (r.luu, "`bao_cao.luu` (dòng Lưu)"),
        (r.ho_ten, "`bao_cao.ky.ho_ten` (người ký)"),
    ]
    out.extend(f"- plan/plan.yaml: {what} — bản kế hoạch không ghi; cần điền."
               for value, what in pairs if value is None)
    if not r.noi_nhan:
        out.append("- plan/plan.yaml: `bao_cao.noi_nhan` — không tìm thấy phần Nơi nhận.")
    if not r.quyen_han and not r.chuc_vu:
        out.append("- plan/plan.yaml: `bao_cao.ky` — không tìm thấy khối chữ ký.")
    if h.so is None:
        out.append("- plan/plan.yaml: `van_ban.so` để null: kế hoạch chưa có số (ghi số khi "
                   "ban hành).")
    if h.ngay is None:
        out.append("- plan/plan.yaml: `van_ban.ngay` để null: kế hoạch chưa ghi đủ ngày, tháng.")
    if not draft.units:
        out.append("- plan/units.yaml: không tìm thấy đơn vị nào (mục tổ chức thực hiện).")
    if not draft.targets:
        out.append("- plan/targets.yaml: không tìm thấy câu nào có mục tiêu bằng số.")
    for t in draft.targets:
        if t.chu_tri is None:
            out.append(f"- plan/targets.yaml: chỉ tiêu `{t.ma}` chưa có đơn vị chủ trì.")
    for k in draft.tasks:
        if k.chu_tri is None:
            out.append(f"- plan/tasks.yaml: nhiệm vụ `{k.ma}` chưa có đơn vị chủ trì.")
    return out


def _guesses(draft: Draft) -> list[str]:
    out: list[str] = []
    for label, items in (("plan/units.yaml", draft.units), ("plan/targets.yaml", draft.targets),
                         ("plan/tasks.yaml", draft.tasks)):
        for item in items:
            if item.checks:
                joined = "; ".join(item.checks)
                out.append(f"- {label}: `{item.ma}` — {joined}.")
    for src in draft.header.can_cu:
        for check in src.checks:
            out.append(f"- plan/plan.yaml: một căn cứ — {check}.")
    out.extend(f"- plan/plan.yaml: {check}." for check in draft.header.header_checks)
    return out


def _notes(notes: list[Note]) -> list[str]:
    out: list[str] = []
    for n, note in enumerate(notes, start=1):
        where = f" ({note.where})" if note.where else ""
        out.append(f"{n}. {note.reason[:1].upper()}{note.reason[1:]}{where}:")
        out.append("")
        out.extend("   " + line for line in _quote(note.text))
        out.append("")
    return out


def notes_md(draft: Draft, source: str) -> str:
    missing, guesses = _missing(draft), _guesses(draft)
    figures = [n for n in draft.notes if "con số" in n.reason]
    others = [n for n in draft.notes if n not in figures]
    lines = [
        "# Những chỗ cần kiểm tra",
        "",
        f"Bản nháp kế hoạch do `kehoach khoi-tao` soạn từ {source}: "
        f"{len(draft.units)} đơn vị, {len(draft.targets)} chỉ tiêu, {len(draft.tasks)} nhiệm vụ.",
        "Đọc lần lượt từng mục dưới đây, đối chiếu với văn bản gốc, sửa các tệp trong plan/,",
        "rồi chạy `kehoach validate` cho đến khi không còn lỗi. Trong các tệp, dòng chú thích",
        "`# cần kiểm tra: …` đánh dấu đúng chỗ phải xem. Xóa tệp này khi đã xem xong.",
        "",
        "## 1. Giá trị văn bản không ghi, cần điền",
        "",
        *(missing or ["Không có."]),
        "",
        "## 2. Chỗ phải đoán",
        "",
        *(guesses or ["Không có."]),
        "",
        "## 3. Đoạn có con số nhưng chưa thành chỉ tiêu",
        "",
        *(_notes(figures) or ["Không có.", ""]),
        "## 4. Nội dung chưa xếp vào đâu (đoạn văn, dòng của bảng)",
        "",
        *(_notes(others) or ["Không có.", ""]),
        "## 5. Trước khi đưa lên GitHub hoặc GitLab",
        "",
        "- Thay tài khoản mẫu `quan_tri` (plan/plan.yaml) bằng tài khoản thật của cơ quan "
        "thường trực, thêm `tai_khoan` cho từng đơn vị (plan/units.yaml), rồi chạy "
        "`kehoach codeowners --write`.",
        "- Trong .github/workflows/kehoach.yml và .pre-commit-config.yaml, thay `<tổ-chức>` "
        "bằng nơi lưu mã nguồn kehoach mà xã dùng.",
        "- Chạy `kehoach schema` sau khi sửa plan/ để trình soạn thảo gợi ý đúng mã mới.",
        "",
    ]
    return unicodedata.normalize("NFC", "\n".join(lines))
