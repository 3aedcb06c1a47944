"""Render docs/robustness.md from the corpus (tests/corpus/cases.yaml) and the settings
of the property tests (tests/property/profile.py), so that the page stays true.

    python tests/corpus/make_doc.py          # rewrite docs/robustness.md
    python tests/corpus/make_doc.py --check  # exit 1 if it is out of date

tests/corpus/test_corpus.py::test_docs_up_to_date fails when the page differs.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":  # run as a script: make `tests` importable
    sys.path.insert(0, str(ROOT))

from tests.corpus.corpus import Case, load_cases  # noqa: E402
from tests.property import profile  # noqa: E402

DOC = ROOT / "docs" / "robustness.md"

_RUN = re.compile(r"(.)\1{29,}")
_PROBLEM = re.compile(r"^(?P<where>[^:]+:\d+:\d+): (?P<level>lỗi|cảnh báo): (?P<message>.*)$")


def visible(text: str) -> str:
    """Invisible and control characters written as ⟨U+XXXX⟩; long runs shortened."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") or ch in "\ufffe\uffff":
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return _RUN.sub(lambda m: m[1] * 10 + f"…(×{len(m[0])})", "".join(out))


def cell(text: str) -> str:
    return visible(text).replace("|", "\\|").replace("\n", "<br>")


def code(text: str) -> str:
    shown = visible(text).replace("|", "\\|")
    fence = "``" if "`" in shown else "`"
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _messages(case: Case) -> str:
    if not case.output:
        return "—"
    parts = []
    for line in case.output:
        m = _PROBLEM.match(line)
        if m is None:
            parts.append(cell(line))
        else:
            parts.append(f"{code(m['where'])} {m['level']}: {cell(m['message'])}")
    return "<br>".join(parts)


HEADER = """\
<!-- Tệp này được sinh tự động từ tests/corpus/cases.yaml và tests/property/profile.py.
     Đừng sửa tay: sửa các tệp đó rồi chạy  python tests/corpus/make_doc.py  -->

# Độ bền của kehoach trước dữ liệu hỏng và dữ liệu độc hại

Tệp kết quả đến từ yêu cầu hợp nhất (pull request) của nhiều đơn vị, và kho kế hoạch là văn
bản chính thức. kehoach cam kết:

- **không bao giờ đổ vỡ**: với mọi tệp đầu vào, `kehoach validate` kết thúc với mã 0 (không có
  lỗi) hoặc 1 (có lỗi), in mỗi lỗi thành một dòng `ĐƯỜNG_DẪN:DÒNG:CỘT: lỗi: …` bằng tiếng Việt,
  không bao giờ in dấu vết lỗi (traceback) của Python;
- **không chạy mã của ai**: tệp YAML chỉ được đọc thành chuỗi, số, ngày, bảng khóa và danh
  sách; mọi thẻ (`!!python/…`, `!!binary`, `!ten-rieng`…) đều bị từ chối trước khi tạo giá trị;
  mẫu báo cáo trong `templates/` chạy trong hộp cát (sandbox) của jinja2, không đọc được tệp
  nào ngoài thư mục `templates/`, không với tới phần bên trong của Python;
- **không làm mất dữ liệu**: `validate` không ghi tệp nào; tệp bị đọc sai bảng mã (TCVN3,
  VNI, Windows-1258, Latin-1, UTF-16) bị từ chối và gọi đúng tên bảng mã, không bị đọc thành
  chữ sai; mọi tệp kehoach ghi (báo cáo .docx…) được ghi nguyên tử: một tệp tạm trong cùng
  thư mục rồi thay thế một lần — bị ngắt giữa chừng thì tệp cũ còn nguyên, không để lại
  tệp dở dang; hai lần chạy cùng lúc không tạo ra tệp hỏng;
- **tệp .docx luôn hợp lệ**: ký tự không được phép trong XML (ký tự điều khiển, U+FFFE,
  nửa cặp UTF-16) bị `validate` từ chối tại đúng vị trí, nên không bao giờ tới được báo cáo;
  `kehoach report` từ chối lập báo cáo (mã 1, không ghi tệp) khi kho còn lỗi.

Cả hai bộ phân tích YAML (ruamel.yaml thuần Python, và libyaml qua PyYAML khi cần nhanh) cho
kết quả **giống hệt nhau** trên mọi trường hợp dưới đây.

## Các trường hợp đã thử

Mỗi dòng là một trường hợp trong `tests/corpus/cases.yaml`: đầu vào được đặt vào một kho kế
hoạch hợp lệ (thay tệp ở cột "Tệp"), rồi chạy `kehoach validate` với từng bộ phân tích; kiểm
thử so sánh đúng từng dòng thông báo và mã thoát. Ký tự vô hình được viết là ⟨U+XXXX⟩, chuỗi
lặp dài được rút gọn.

| Mã | Trường hợp | Đầu vào | Tệp | Mã thoát | Thông báo |
|---|---|---|---|---|---|
"""


def _safety_section() -> str:
    from tests.property.test_safety import HOSTILE_TEMPLATES, XML_ILLEGAL

    templates = "\n".join(
        f"| {code(template)} | 1 | `templates/bao-cao-quy.md.j2:1:1: lỗi:` {cell(start)} … |"
        for template, start in HOSTILE_TEMPLATES
    )
    escapes = ", ".join(code(escape) for escape, _, _ in XML_ILLEGAL)
    return f"""
## Báo cáo .docx, mẫu báo cáo và việc ghi tệp

`tests/property/test_safety.py` chạy chính lệnh `kehoach report`:

- **Tệp .docx luôn hợp lệ.** Với mỗi ký tự XML cấm viết bằng mã thoát trong chuỗi nháy kép
  — {escapes} — và với ký tự điều khiển viết thẳng: `validate` báo lỗi tại đúng dòng, cột;
  `report` in đúng lỗi đó, kết thúc mã 1 và không ghi tệp nào. Văn bản lạ nhưng hợp lệ (Tab,
  NBSP, `<b>`, `]]>`, emoji, chữ Ả Rập, chữ Hán, dấu tổ hợp, vùng dùng riêng) đi vào báo cáo
  nguyên vẹn và mọi phần XML của tệp .docx đều đọc lại được; kiểm thử thuộc tính thử thêm
  văn bản ngẫu nhiên bất kỳ: hoặc bị `validate` từ chối, hoặc cho tệp .docx hợp lệ.
- **Mẫu báo cáo không thoát được hộp cát.** Mỗi mẫu sau trong `templates/` làm `report`
  dừng với mã 1, không ghi tệp, thông báo tiếng Việt (không lộ tiếng Anh hay traceback):

  | Mẫu | Mã thoát | Thông báo |
  |---|---|---|
  {templates.replace(chr(10), chr(10) + "  ")}

  Mẫu là liên kết tượng trưng, hay `include` một liên kết trỏ ra ngoài, cũng bị từ chối;
  mẫu dựng chuỗi quá lớn (`~`, `+`, `center`, `format`) hay ba vòng lặp lồng nhau bị dừng
  có thông báo, không làm treo máy.
- **Ghi tệp không bao giờ làm hỏng.** Báo cáo bị ngắt khi đang ghi (lỗi ở `write`, `fsync`,
  `os.replace`, ổ đĩa đầy, Ctrl+C, tệp đang mở trong Word) giữ nguyên tệp .docx cũ và không
  để lại tệp tạm; thông báo nói rõ tệp nào và vì sao. Hai lệnh `report` chạy cùng lúc trên
  cùng tệp luôn cho một tệp .docx đọc được (python-docx, `zipfile.testzip`). `tests/test_store.py`
  kiểm tra `store.write_atomic`/`write_new` trực tiếp, kể cả nhiều tiến trình ghi cùng lúc.
"""


def _settings_section() -> str:
    rows = "\n".join(
        f"| `{name}` | {count} |" for name, count in profile.CI_EXAMPLES.items()
    )
    return f"""
## Kiểm thử thuộc tính (fuzzing)

`tests/property/` sinh ngẫu nhiên (thư viện hypothesis) hàng nghìn tệp hỏng: lật byte, xóa
hoặc nhân đôi dòng, đổi tên khóa, đổi kiểu giá trị, chèn ký tự Unicode bất kỳ (kể cả ký tự
điều khiển và ký tự vô hình), cắt cụt tệp; và các tài liệu "gần giống YAML" sinh từ ngữ
pháp. Với mỗi tệp, kiểm thử khẳng định:

- `check_repo` (và đôi khi chính lệnh `kehoach validate`/`status` chạy trong tiến trình)
  kết thúc bình thường, mã thoát 0 hoặc 1, không có ngoại lệ nào lọt ra;
- không treo: mỗi tệp sinh ra tối đa {profile.MAX_FILE_BYTES:,} byte, mỗi ví dụ phải xong
  trong {profile.EXAMPLE_SECONDS:g} giây;
- không ghi: danh sách tệp của kho và thời điểm sửa (mtime) của từng tệp không đổi;
- mọi vị trí lỗi nằm trong tệp (dòng ≥ 1, cột ≥ 1, không quá số dòng của tệp + 1);
- hai bộ phân tích (ruamel.yaml, libyaml) cho cùng giá trị và cùng lỗi.

Thiết lập (trong `tests/property/profile.py`):

| Kiểm thử | `max_examples` khi chạy CI |
|---|---|
{rows}

- `deadline=None` (thời gian mỗi ví dụ được giới hạn riêng như trên), `derandomize=True`
  khi chạy CI: cùng các đầu vào ở mọi lần chạy, lỗi tái hiện được; cả bộ kiểm thử thuộc
  tính chạy dưới khoảng 60 giây trên máy 2 nhân.
- Chạy lâu hơn trên máy mình, với đầu vào ngẫu nhiên mới mỗi lần:

  ```
  {profile.ENV_VAR}=5000 python -m pytest tests/property
  ```

## Sinh lại trang này

```
python tests/corpus/make_doc.py
```

`tests/corpus/test_corpus.py::test_docs_up_to_date` báo lỗi khi trang này khác với bảng
sinh từ `tests/corpus/cases.yaml`.
""".replace(f"{profile.MAX_FILE_BYTES:,}", f"{profile.MAX_FILE_BYTES:,}".replace(",", "."))


def render(cases: list[Case]) -> str:
    rows = []
    for case in cases:
        where = code(case.file) if case.file else "—"
        shown = code(case.input) if case.input else "—"
        note = " *(đang chờ sửa)*" if case.xfail else ""
        rows.append(
            f"| `{case.id}` | {cell(case.description)}{note} | {shown} | {where} | "
            f"{case.exit} | {_messages(case)} |"
        )
    return HEADER + "\n".join(rows) + "\n" + _safety_section() + _settings_section()


def main(argv: list[str]) -> int:
    text = render(load_cases())
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/robustness.md đã cũ; chạy: python tests/corpus/make_doc.py")
            return 1
        return 0
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_bytes(text.encode("utf-8"))
    print(f"đã ghi {DOC.relative_to(ROOT).as_posix()} ({len(load_cases())} trường hợp)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
