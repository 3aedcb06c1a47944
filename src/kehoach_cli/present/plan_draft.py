"""The text of the drafted plan files (plan/*.yaml), laid out like a hand-written plan.

Written as text, not dumped, so that every item carries above it a comment quoting the
paragraph of the plan document it came from, and each guess a ``# cần kiểm tra: …``
comment. A value the document does not give is written ``null``: ``kehoach validate``
then names it as something a person must complete.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
import unicodedata

from ..load.plan_document.draft import Draft, DraftTarget, DraftTask, DraftUnit

WIDTH = 98
CHECK = "cần kiểm tra"
PLACEHOLDER_ADMIN = "tai-khoan-thuong-truc"

_PLAIN_FIRST = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s]")
_OTHER_TYPE = re.compile(
    r"^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|"
    r"\d{4}-\d{1,2}-\d{1,2}.*|\.(?:inf|nan))$", re.IGNORECASE)


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = (bool(_PLAIN_FIRST.match(text)) and text == text.strip() and ": " not in text
             and " #" not in text and not text.endswith(":") and "\n" not in text
             and not _OTHER_TYPE.match(text))
    return text if plain else json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def quote(text: str, indent: str = "", label: str = "Kế hoạch ghi") -> list[str]:
    """A comment quoting ``text`` (a paragraph of the plan), wrapped."""
    body = f"{label}: «{text}»"
    out: list[str] = []
    for part in body.split("\n"):
        out.extend(textwrap.wrap(part, WIDTH - len(indent) - 2, break_long_words=False,
                                 break_on_hyphens=False) or [""])
    return [f"{indent}# {line}" for line in out]


def checks(items: list[str], indent: str = "") -> list[str]:
    """One ``# cần kiểm tra: a; b`` comment for all the guesses of an item."""
    if not items:
        return []
    wrapped = textwrap.wrap(f"{CHECK}: " + "; ".join(items), WIDTH - len(indent) - 2,
                            break_on_hyphens=False)
    return [f"{indent}# {line}" for line in wrapped]


def _nfc(lines: list[str]) -> str:
    return unicodedata.normalize("NFC", "\n".join(lines).rstrip("\n") + "\n")


def _head(schema: str, title: str, source: str) -> list[str]:
    return [
        f"# yaml-language-server: $schema=../schemas/{schema}",
        f"# {title}",
        *(f"# {line}" for line in textwrap.wrap(
            f"Bản nháp do `kehoach khoi-tao` soạn từ {source}. Mỗi mục có chú thích trích "
            "đoạn văn bản gốc; chỗ ghi \"cần kiểm tra\" là chỗ phải đoán. Danh sách đầy đủ "
            "những chỗ cần xem lại: plan/CAN-KIEM-TRA.md. Sửa xong thì chạy "
            "`kehoach validate`.", WIDTH - 2, break_on_hyphens=False)),
        "",
    ]


def plan_yaml(draft: Draft, source: str) -> str:
    h, r = draft.header, draft.report
    out = _head("ke-hoach.schema.json", "Kế hoạch (phần đầu, căn cứ, chế độ báo cáo).", source)
    out.append("# Năm và trích yếu: nguyên văn dòng dưới chữ \"KẾ HOẠCH\" của văn bản.")
    out.append(f"nam: {scalar(h.nam)}")
    if h.nam is None:
        out.extend(checks(["bản kế hoạch không ghi năm"]))
    out.append(f"ten: {scalar(h.ten)}")
    out.append(f"dia_danh: {scalar(h.dia_danh)}")
    if h.date_line:
        out.extend(quote(h.date_line))
    out.append("")
    out.extend(checks(h.header_checks))
    out.append("co_quan:")
    out.append(f"  chu_quan: {scalar(h.chu_quan)}")
    out.append(f"  ban_hanh: {scalar(h.ban_hanh)}")
    if h.ten_goi:
        out.append(f"  ten_goi: {scalar(h.ten_goi)}")
    out.append("")
    if h.number_line:
        out.extend(quote(h.number_line))
    else:
        out.extend(checks(["bản kế hoạch không có dòng \"Số: …\""]))
    if h.date_line and h.ngay is None:
        out.append("# Kế hoạch chưa ghi đủ ngày, tháng ban hành: ngay để null.")
    out.append("van_ban:")
    out.append(f"  so: {scalar(h.so)}")
    out.append(f"  ky_hieu: {scalar(h.ky_hieu)}")
    out.append(f"  ngay: {scalar(h.ngay)}")
    out.append("")
    out.append("can_cu:" if h.can_cu_text else "can_cu: []")
    previous = None
    for basis, src in zip(h.can_cu_text, h.can_cu, strict=True):
        if src.source != previous:
            out.extend(quote(src.source, "  "))
            out.extend(checks(src.checks, "  "))
        previous = src.source
        out.append(f"  - {scalar(basis)}")
    out.append("")
    if h.muc_tieu_chung:
        out.append("# Nguyên văn từng đoạn của phần mục tiêu chung (mục đích, yêu cầu).")
    out.append("muc_tieu_chung:" if h.muc_tieu_chung else "muc_tieu_chung: []")
    out.extend(f"  - {scalar(goal)}" for goal in h.muc_tieu_chung)
    out.append("")
    out.append("# Cơ quan thường trực (mã đơn vị trong plan/units.yaml).")
    if draft.standing_source:
        out.extend(quote(draft.standing_source))
    else:
        out.extend(checks(["kế hoạch không ghi rõ cơ quan thường trực; ghi mã đơn vị vào đây"]))
    out.append(f"co_quan_thuong_truc: {scalar(draft.standing)}")
    out.append("")
    out.append("# Các đơn vị báo cáo trước ngày này của tháng cuối mỗi quý (tính cả ngày đó).")
    if draft.deadline_source:
        out.extend(quote(draft.deadline_source))
    else:
        out.extend(checks(["kế hoạch không ghi hạn báo cáo hằng quý; ghi ngày (1–31) vào đây"]))
    out.append("han_bao_cao:")
    out.append(f"  ngay: {scalar(draft.deadline)}")
    out.append("")
    out.append("bao_cao:")
    out.extend(checks(["ký hiệu báo cáo quý soạn theo ký hiệu của kế hoạch"], "  "))
    out.append(f"  ky_hieu: {scalar(r.ky_hieu)}")
    if r.recipients_source:
        out.extend(quote(r.recipients_source, "  ", "Nơi nhận của kế hoạch"))
        out.extend(checks(["nơi nhận của báo cáo quý lấy theo nơi nhận của kế hoạch"], "  "))
    out.append("  noi_nhan:" if r.noi_nhan else "  noi_nhan: []")
    out.extend(f"    - {scalar(item)}" for item in r.noi_nhan)
    out.append(f"  luu: {scalar(r.luu)}")
    if r.signature_source:
        out.extend(quote(r.signature_source, "  ", "Khối chữ ký của kế hoạch"))
    out.append("  ky:")
    out.append(f"    quyen_han: {flow(r.quyen_han)}")
    out.append(f"    chuc_vu: {flow(r.chuc_vu)}")
    out.append(f"    ho_ten: {scalar(r.ho_ten)}")
    if draft.sections:
        out.append("")
        out.append("# Tên các mục của kế hoạch, để nhóm chỉ tiêu và nhiệm vụ trong báo cáo.")
        out.append("cac_muc:")
        for muc, ten in draft.sections:
            out.append(f"  - muc: {json.dumps(muc, ensure_ascii=False)}")
            out.append(f"    ten: {scalar(ten)}")
    out.append("")
    out.append("# TÀI KHOẢN MẪU — thay bằng tài khoản thật của cơ quan thường trực trên GitHub")
    out.append("# hoặc GitLab, rồi chạy `kehoach codeowners --write`.")
    out.extend(checks(["tài khoản quản trị là tài khoản mẫu"]))
    out.append(f"quan_tri: [{PLACEHOLDER_ADMIN}]")
    return _nfc(out)


def _unit(unit: DraftUnit, standing: str | None) -> list[str]:
    out = quote(unit.source, "  ")
    out.extend(checks(unit.checks, "  "))
    extra = "   # cơ quan thường trực" if unit.ma == standing else ""
    out.append(f"  - ma: {unit.ma}{extra}")
    out.append(f"    ten: {scalar(unit.ten)}")
    out.append(f"    bao_cao_dinh_ky: {scalar(unit.bao_cao_dinh_ky)}")
    out.append("")
    return out


def units_yaml(draft: Draft, source: str) -> str:
    out = _head("don-vi.schema.json", "Các đơn vị thực hiện Kế hoạch (mục tổ chức thực hiện).",
                source)
    out.append("# Thêm tai_khoan: [tài-khoản-1, …] cho mỗi đơn vị (tài khoản được gửi kết quả")
    out.append("# thay mặt đơn vị), rồi chạy `kehoach codeowners --write`.")
    out.append("don_vi:" if draft.units else "don_vi: []")
    for unit in draft.units:
        out.extend(_unit(unit, draft.standing))
    return _nfc(out)


def _target(t: DraftTarget) -> list[str]:
    out = quote(t.source, "  ")
    out.extend(checks(t.checks, "  "))
    out.append(f"  - ma: {t.ma}")
    out.append(f"    muc: {json.dumps(t.muc, ensure_ascii=False) if t.muc else 'null'}")
    out.append(f"    ten: {scalar(t.ten)}")
    out.append(f"    don_vi_tinh: {json.dumps(t.don_vi_tinh, ensure_ascii=False)}")
    out.append(f"    muc_tieu: {scalar(t.muc_tieu)}")
    out.append(f"    so_sanh: \"{t.so_sanh}\"")
    out.append(f"    cach_tinh: {t.cach_tinh}")
    out.append(f"    chu_tri: {scalar(t.chu_tri)}")
    if t.phoi_hop:
        out.append(f"    phoi_hop: {flow(t.phoi_hop)}")
    out.append(f"    don_vi_bao_cao: {flow(t.don_vi_bao_cao)}")
    if t.cach_tinh == "ty_le":
        out.append(f"    tu_so: {scalar(t.tu_so)}")
        out.append(f"    mau_so: {scalar(t.mau_so)}")
    if t.luy_ke:
        out.append("    luy_ke: true")
    out.append("")
    return out


def targets_yaml(draft: Draft, source: str) -> str:
    out = _head("chi-tieu.schema.json", "Các chỉ tiêu của Kế hoạch (các câu có mục tiêu bằng số).",
                source)
    out.append("# cach_tinh: ty_le — đơn vị báo cáo tu_so và mau_so; gia_tri — một con số;")
    out.append("#            tong — cộng các con số (luy_ke: true: cộng dồn từ đầu năm).")
    out.append("chi_tieu:" if draft.targets else "chi_tieu: []")
    for target in draft.targets:
        out.extend(_target(target))
    return _nfc(out)


def _task(t: DraftTask) -> list[str]:
    out = quote(t.source, "  ")
    out.extend(checks(t.checks, "  "))
    out.append(f"  - ma: {t.ma}")
    out.append(f"    muc: {json.dumps(t.muc, ensure_ascii=False) if t.muc else 'null'}")
    out.append(f"    ten: {scalar(t.ten)}")
    out.append(f"    chu_tri: {scalar(t.chu_tri)}")
    if t.phoi_hop:
        out.append(f"    phoi_hop: {flow(t.phoi_hop)}")
    if t.han:
        out.append(f"    han: {t.han.isoformat()}")
    out.append("")
    return out


def tasks_yaml(draft: Draft, source: str) -> str:
    out = _head("nhiem-vu.schema.json", "Các nhiệm vụ của Kế hoạch.", source)
    out.append("# han: thời hạn hoàn thành; không ghi thì mặc định là ngày 31/12 của năm kế hoạch.")
    out.append("nhiem_vu:" if draft.tasks else "nhiem_vu: []")
    for task in draft.tasks:
        out.extend(_task(task))
    return _nfc(out)
