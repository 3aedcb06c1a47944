"""The parts of a plan around its body: the header (bodies, number and symbol, place
and date, title), the legal bases, and the closing (recipients, signature)."""

from __future__ import annotations

import datetime as dt
import re

from .draft import DraftHeader, DraftReport, Sourced
from .outline import CLOSING, GENERAL, HEADER, PREAMBLE, Line

_DATE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?"
                   r"\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<so>\d+)?\s*/\s*(?P<sym>[A-ZĐ0-9]+(?:[-/][A-ZĐ0-9]+)*)")
_SKIP = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|[-_=*. ]+$)")
_DOC_REF = re.compile(r"\b(?:Nghị quyết|Kế hoạch|Quyết định|Chỉ thị|Nghị định|Thông tư|Kết luận|"
                      r"Chương trình|Đề án|Luật) số \d+[\w/.-]*\w")
_SIGN_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|TT)\.\s")
_SIGN_SKIP = re.compile(r"^\((?:Đã ký|đã ký|ký|Ký)[^)]*\)$")


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _lines_of(line: Line) -> list[str]:
    if line.block.is_row:
        return [part for cell in line.block.cells for part in cell.split("\n") if part]
    return [line.block.text]


def read_header(lines: list[Line], draft: DraftHeader) -> None:
    bodies: list[str] = []
    title_at = None
    flat: list[str] = []
    for line in lines:
        if line.zone == HEADER:
            flat.extend(_lines_of(line))
    for text in flat:
        if _SKIP.match(text):
            continue
        date = _DATE.match(text)
        number = _NUMBER.match(text)
        if date:
            draft.date_line = text
            draft.dia_danh = date.group("place").strip()
            day, month, year = date.group("d"), date.group("m"), int(date.group("y"))
            draft.nam = year
            if day and month:
                try:
                    draft.ngay = dt.date(year, int(month), int(day))
                except ValueError:
                    draft.header_checks.append(f"ngày ghi trong kế hoạch không có thật: {text}")
        elif number:
            draft.number_line = text
            draft.so = int(number.group("so")) if number.group("so") else None
            draft.ky_hieu = number.group("sym")
        elif re.fullmatch(r"KẾ HOẠCH\.?", text):
            title_at = True
        elif title_at:
            draft.ten = text if draft.ten is None else f"{draft.ten} {text}"
        elif _upper(text):
            bodies.append(text)
    joined: list[str] = []
    for body in bodies:  # "ỦY BAN NHÂN DÂN" / "XÃ AN BÌNH" is one body on two lines
        if joined and re.match(r"^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|TỈNH)\b", body):
            joined[-1] = f"{joined[-1]} {body}"
        else:
            joined.append(body)
    if len(joined) == 1:
        draft.ban_hanh = joined[0]
        draft.header_checks.append("phần đầu chỉ ghi một cơ quan (cơ quan ban hành); cơ quan "
                                   "chủ quản cần điền")
    elif joined:
        draft.chu_quan = joined[0]
        draft.ban_hanh = " ".join(joined[1:])
    title_lines = [ln for ln in lines if ln.zone == PREAMBLE and ln.kind == "text"
                   and not ln.block.is_row]
    if draft.ten is None and title_lines:
        first = title_lines[0].block.text
        if not first.startswith(("Thực hiện", "Căn cứ")):
            draft.ten = first
    if draft.ten:
        in_title = re.search(r"\bnăm (\d{4})\b", draft.ten)
        if in_title:
            draft.nam = int(in_title.group(1))
    _bodies_from_title(draft)
    _bases(lines, draft)


def _bodies_from_title(draft: DraftHeader) -> None:
    """Plans copied without their header table: the bodies named in the title."""
    title = draft.ten or ""
    found = re.search(r"\bcủa (?P<body>(?:Ban|Tổ|Hội đồng)\b.*?) của "
                      r"(?:UBND|Ủy ban nhân dân) (?P<kind>xã|phường|thị trấn) (?P<place>.+?)"
                      r"(?P<about> về .+)?$", title)
    place = draft.dia_danh
    if draft.ban_hanh is not None and draft.chu_quan is None:
        return
    if found and draft.chu_quan is None:
        kind, where = found.group("kind"), found.group("place")
        draft.chu_quan = f"UBND {kind} {where}".upper()
        draft.ban_hanh = (found.group("body") + (found.group("about") or "")).upper()
        draft.header_checks.append("cơ quan chủ quản và cơ quan ban hành lấy từ tên kế hoạch "
                                   "(bản kế hoạch không có phần đầu ghi tên cơ quan)")
    elif draft.chu_quan is None and place:
        draft.chu_quan = f"UBND XÃ {place.upper()}"
        draft.header_checks.append("bản kế hoạch không ghi cơ quan chủ quản; đã đoán "
                                   f"UBND XÃ {place.upper()}")
    if draft.ban_hanh is None and draft.chu_quan:
        symbol = (draft.ky_hieu or "").split("-")[-1]
        if symbol == "BCĐ":
            draft.ban_hanh = "BAN CHỈ ĐẠO"
        else:
            draft.ban_hanh = draft.chu_quan
        draft.header_checks.append("cơ quan ban hành đoán từ ký hiệu của kế hoạch")
    if draft.ban_hanh and draft.ban_hanh.startswith("BAN CHỈ ĐẠO"):
        draft.ten_goi = "Ban Chỉ đạo"


def _basis_of(text: str) -> str:
    body = re.sub(r"^(Thực hiện|Căn cứ)\s+", "", text).rstrip(";,.: ")
    verb = re.search(r"\s(?:xây dựng|ban hành)\s+(?:Kế hoạch|kế hoạch)", body)
    if verb:
        head = body[: verb.start()]
        cuts = [m.start() for m in re.finditer(r",\s+(\w)", head) if m.group(1).isupper()]
        if cuts:
            body = head[: cuts[-1]]
    return body.strip()


def _bases(lines: list[Line], draft: DraftHeader) -> None:
    seen: list[str] = []
    for line in lines:
        text = line.block.text
        if line.zone == PREAMBLE and text.startswith(("Thực hiện", "Căn cứ")):
            basis = _basis_of(text)
            if basis:
                draft.can_cu.append(Sourced(text))
                draft.can_cu_text.append(basis)
                seen.append(basis)
        elif line.zone == GENERAL and line.kind in ("dash", "plus", "text") and not line.heading:
            draft.muc_tieu_chung.append(line.body.rstrip(";"))
            for ref in _DOC_REF.findall(text):
                if not any(ref in s for s in seen):
                    draft.can_cu.append(Sourced(text, ["căn cứ nêu trong mục tiêu chung"]))
                    draft.can_cu_text.append(ref)
                    seen.append(ref)


def read_closing(lines: list[Line], report: DraftReport) -> None:
    flat: list[str] = []
    for line in lines:
        if line.zone == CLOSING:
            flat.extend(_lines_of(line))
    in_recipients = False
    after: list[str] = []
    rec_src: list[str] = []
    for text in flat:
        if text.startswith("Trên đây"):
            continue
        if re.match(r"^Nơi nhận\s*:", text):
            in_recipients = True
            rest = text.split(":", 1)[1].strip()
            rec_src.append(text)
            if rest:
                report.noi_nhan.append(rest.lstrip("-– ").rstrip(";,. "))
            continue
        item = re.sub(r"^[-–•+]\s*", "", text)
        store = re.match(r"^Lưu\s*:?\s*(.*)$", item)
        if in_recipients and store:
            report.luu = store.group(1).rstrip(";,. ")
            rec_src.append(text)
            in_recipients = False
            continue
        if in_recipients and text[:1] in "-–•+":
            report.noi_nhan.append(item.rstrip(";,. "))
            rec_src.append(text)
            continue
        in_recipients = False
        after.append(text)
    report.recipients_source = "\n".join(rec_src)
    sign = [t for t in after if not _SIGN_SKIP.match(t)]
    report.signature_source = "\n".join(sign)
    for text in sign:
        if _SIGN_AUTHORITY.match(text):
            report.quyen_han.append(text)
        elif _upper(text):
            report.chuc_vu.append(text)
        else:
            report.ho_ten = text
