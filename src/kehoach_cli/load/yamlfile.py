"""Read one YAML file into plain Python values and the position of every key and value.

The bytes are checked before any parsing: they must be UTF-8 text (a file typed in a
legacy Vietnamese encoding — TCVN3, VNI, Windows-1258 — or saved as UTF-16 is refused,
naming the encoding it was most likely typed in), and hold no character that YAML, XML
or an editor would treat differently from kehoach (control characters, a lone CR,
Unicode line separators). The text is then parsed into YAML events (ruamel.yaml's
parser, or libyaml's through PyYAML where speed matters: both emit the same events with
the same marks), and this module builds the values itself. Doing the construction here
keeps the rules the same whichever parser ran, and lets us refuse what an official
record must never contain: unknown tags are never constructed, aliases are bounded,
nesting is bounded, duplicate keys are errors, and no string that would make the .docx
invalid XML (or hide characters from the reader) gets through.

Scalars follow the YAML 1.2 core schema (``yes`` is a string, not a boolean), plus
dates written as ``YYYY-MM-DD``. Strings are normalised to Unicode NFC.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..vocab.numbers import format_number
from ..vocab.problems import START, Position, Problem, error, warning

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000  # nodes after expanding aliases; an alias bomb stops here
MAX_DEPTH = 64

PathKey = str | int
Path = tuple[PathKey, ...]


@dataclass(slots=True)
class Positions:
    """Where each key and value of a file stands, addressed by its path of keys and indexes."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def value(self, path: Path) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that exists."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), START)

    def key(self, path: Path) -> Position:
        """The position of the key naming ``path`` (falls back to the value, then ancestors)."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)


@dataclass(frozen=True, slots=True)
class InvalidDate:
    """A scalar shaped like a date that names no real day (2026-02-30)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(slots=True)
class YamlDocument:
    path: str
    data: Any
    positions: Positions
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class _Fatal(Exception):
    def __init__(self, pos: Position, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def shown_text(text: str, limit: int = 40) -> str:
    """A value as a message shows it: on one line (a line break as \\n, other invisible
    characters as \\xNN or \\uNNNN) and cut at ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 3] + "…"
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1] if ch != "\\" else ch)
    return "".join(out)


# ---------------------------------------------------------------- legacy encodings
#
# A file that is not UTF-8 was most often typed with an old Vietnamese font: TCVN3
# (ABC, the .VnTime fonts), where each precomposed lowercase letter is one byte in
# 0xA1-0xFE; VNI (VNI-Times), where a letter is an ASCII vowel followed by a byte that
# adds the mark; or Windows-1258, with combining tone marks. A Vietnamese file saved as
# Latin-1 ("ANSI" on a Western Windows) keeps a few accented letters and loses the rest.
# To name the encoding, the bytes are decoded each way, and the reading whose words are
# Vietnamese syllables (and common ones) wins.

_TCVN3 = dict(
    zip(
        bytes.fromhex(
            "a1a2a3a4a5a6a7 a8a9aaabacadae"
            "b5b6b7b8b9 bbbcbdbec6 c7c8c9cacb cccecfd0d1 d2d3d4d5d6 d7d8dcdddedf"
            "e1e2e3e4 e5e6e7e8e9 eaebecedee eff1f2f3f4 f5f6f7f8f9 fafbfcfdfe"
        ),
        "ĂÂÊÔƠƯĐăâêôơưđ"
        "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịò"
        "ỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
        strict=True,
    )
)

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = _GRAVE + _ACUTE + _HOOK + _TILDE + _DOT

# VNI: the byte after a vowel (read as Windows-1252) and the marks it adds.
_VNI_TONE = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
               "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, text: str) -> None:
        table[seq] = unicodedata.normalize("NFC", text)
        table[seq.upper()] = unicodedata.normalize("NFC", text.upper())
        table[seq[0].upper() + seq[1:]] = table[seq.upper()]  # "Aù": capital, small mark byte

    for base in "aeiouy":
        for mark, tone in _VNI_TONE.items():
            add(base + mark, base + tone)
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            add(base + mark, base + _CIRCUMFLEX + tone)
    for mark, tone in _VNI_BREVE.items():
        add("a" + mark, "a" + _BREVE + tone)
    for base, letter in (("ô", "o" + _HORN), ("ö", "u" + _HORN)):
        for mark, tone in _VNI_TONE.items():
            add(base + mark, letter + tone)
    for single, letter in _VNI_SINGLE.items():
        table[single] = letter
        table[single.upper()] = letter.upper()
    return table


_VNI = _vni_table()
_VNI_SEQ = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))


def _decode_tcvn3(raw: bytes) -> str:
    return "".join(chr(b) if b < 0x80 else _TCVN3.get(b, "\ufffd") for b in raw)


def _decode_vni(raw: bytes) -> str:
    text = raw.decode("cp1252", errors="replace")
    return _VNI_SEQ.sub(lambda m: _VNI[m[0]], text)


def _decode_cp1258(raw: bytes) -> str:
    return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))


def _decode_latin1(raw: bytes) -> str:
    return raw.decode("latin-1")


def _words(text: str) -> list[str]:
    return text.split()


_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]"
_RHYMES = _words(
    """
    a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa
    ưi ưu iêu yêu oai oay oeo uây uôi ươi ươu uya uyu ac ach am an ang anh ap at ăc ăm
    ăn ăng ăp ăt âc âm ân âng âp ât ec em en eng ep et êch êm ên ênh êp êt ich im in inh
    ip it oc om on ong op ot ôc ôm ôn ông ôp ôt ơm ơn ơp ơt uc um un ung up ut ưc ưm ưn
    ưng ưt iêc iêm iên iêng iêp iêt yêm yên yêt oac oach oam oan oang oanh oap oat oăc
    oăm oăn oăng oăt oem oen oet uân uâng uât uôc uôm uôn uông uôt ươc ươm ươn ương ươp
    ươt uych uynh uyp uyt uyên uyêt uêch uênh oong ooc
    """
)
_SYLLABLE = re.compile(f"(?:{_INITIAL})?(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})")
# Frequent syllables of a commune's reports: a reading that produces them is the right one.
_COMMON = frozenset(
    _words(
        """
        an anh ba bàn bản báo bảo bị biên bộ các cải cán cáo cao cấp cầu chỉ chế chính
        chủ chuyển chức chương có công của cực cường dân danh dịch dụng dựng duy dư đã
        đại đang đạo đạt đầu đến để đề điện định đình đồng đối đơn được gia giá giải
        giáo hạn hành hiện hiệu học hóa hoá hoạch hoàn hoạt hội hồ hộ hợp hướng huyện
        khai khăn khẩu khoản khó kế kết kiến kiểm kinh lãnh lập lệ lên liên liệu lượng
        lý mạng một mới mức năm nâng nghị nghiệp ngày ngoài người nhà nhân nhận nhất
        nhiệm nhiều những nông nội nước phát phần phí phòng phối phục quan quả quản
        quốc quý quy sách sau số sở sinh sử sự tác tại tài tăng tầng thành thao thêm
        theo thiết thể thị thông thôn thời thủ thực thuận tiêu tiến tin tỉnh tình toàn
        tổ tổng trên triển trình trong trung trưởng trường trực từ tục tuyên tuyến tử
        tư tỷ ủy uỷ văn việc viên vụ vực xã xây xóm xử y ý tế điều đảm đăng đầy địa
        """
    )
)


def _syllable_score(word: str) -> int:
    """How Vietnamese a word with accented letters looks: 2 common, 1 valid, -2 not a word."""
    lower = word.lower()
    parts = unicodedata.normalize("NFD", lower)
    tones = sum(1 for ch in parts if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    shapes_ok = all(("a" <= ch <= "z") or ch in "ăâđêôơư" for ch in base)
    if tones > 1 or not shapes_ok or not _SYLLABLE.fullmatch(base):
        return -2
    return 2 if unicodedata.normalize("NFC", lower) in _COMMON else 1


_WORD = re.compile(r"[^\s\x00-\x40\x5b-\x60\x7b-\x7f]+")


def _reading_score(text: str) -> int:
    return sum(_syllable_score(word) for word in _WORD.findall(text) if not word.isascii())


# In order of preference when two readings score the same: a Latin-1 file read as VNI
# is mostly the same text (VNI only differs after a vowel), so VNI must do better to win;
# a file whose bytes mean the same in Windows-1258 and Latin-1 is more likely from a
# Vietnamese Windows, whose "ANSI" code page is 1258.
_LEGACY_READINGS = (
    ("TCVN3 (ABC)", _decode_tcvn3),
    ("Windows-1258", _decode_cp1258),
    ("Latin-1", _decode_latin1),
    ("VNI", _decode_vni),
)
# Notepad saving Vietnamese as Latin-1 writes "?" for each letter it lacks: "k?t qu?".
_LOST_LETTER = re.compile(rb"[A-Za-z\xc0-\xff]\?(?=[A-Za-z\xc0-\xff\s,.;:])")


def guess_legacy_encoding(raw: bytes) -> str | None:
    """Name the encoding a non-UTF-8 file was most likely typed in, or None.

    Returns one of "UTF-16", "TCVN3 (ABC)", "VNI", "Windows-1258", "Latin-1".
    """
    if _utf16_kind(raw) is not None:
        return "UTF-16"
    if all(b < 0x80 for b in raw):
        return None
    # Score only the lines that hold non-ASCII bytes: that is where the readings differ.
    sample = b"\n".join(line for line in raw.split(b"\n") if not line.isascii())[:65536]
    scores = []
    for name, reading in _LEGACY_READINGS:
        score = _reading_score(reading(sample))
        if name == "Latin-1":
            score += 2 * len(_LOST_LETTER.findall(sample))
        scores.append((score, name))
    best_score, best = max(scores, key=lambda s: s[0])  # the first of equal scores wins
    if best_score > 0:
        return best
    letters = [ch for ch in sample.decode("latin-1") if ord(ch) >= 0xC0]
    if letters and all(ch.isalpha() for ch in letters):
        return "Latin-1"
    return None


_LEGACY_ADVICE = {
    "TCVN3 (ABC)": (
        "có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime); cần chuyển sang Unicode "
        "(Unikey → Công cụ chuyển mã: nguồn TCVN3 (ABC), đích Unicode) rồi lưu bằng mã UTF-8"
    ),
    "VNI": (
        "có vẻ được gõ bằng bảng mã cũ VNI (phông VNI-Times); cần chuyển sang Unicode "
        "(Unikey → Công cụ chuyển mã: nguồn VNI Windows, đích Unicode) rồi lưu bằng mã UTF-8"
    ),
    "Windows-1258": (
        "có vẻ được lưu bằng bảng mã Windows-1258 (tiếng Việt của Windows); cần lưu lại bằng "
        "mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)"
    ),
    "Latin-1": (
        "có vẻ được lưu bằng bảng mã Latin-1 (Windows-1252, \"ANSI\"), bảng mã không có đủ chữ "
        "tiếng Việt: các chữ có dấu khác có thể đã mất (thành dấu ?); cần gõ lại các chữ đó "
        "và lưu bằng mã UTF-8"
    ),
}


# ---------------------------------------------------------------- bytes -> text

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "tệp nén ZIP hoặc tệp Word/Excel (.docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "tệp Word/Excel cũ (.doc, .xls)"),
    (b"%PDF", "tệp PDF"),
    (b"\x89PNG", "tệp ảnh PNG"),
    (b"\xff\xd8\xff", "tệp ảnh JPEG"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


def _utf16_kind(raw: bytes) -> str | None:
    """'UTF-16 LE (có BOM)', 'UTF-16 BE (không có BOM)'... or None."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"{name} (có BOM)"
    head = raw[:512]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zero = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd_zero = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd_zero * 2 > pairs and even_zero * 10 < pairs:
        return "UTF-16 LE (không có BOM)"
    if even_zero * 2 > pairs and odd_zero * 10 < pairs:
        return "UTF-16 BE (không có BOM)"
    return None


def _bad_byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(line, col)


_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL, tiếng chuông", 0x08: "BACKSPACE, xóa lùi", 0x0B: "tab dọc",
    0x0C: "ngắt trang", 0x1B: "ESC", 0x7F: "DEL",
}


def describe_char(ch: str) -> str:
    """'U+0001', 'U+000C (ngắt trang)', 'U+200B (zero width space)'."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code)
    if name is None and 0xD800 <= code <= 0xDFFF:
        name = "nửa cặp UTF-16 đứng riêng"
    if name is None and code in (0xFFFE, 0xFFFF):
        name = "không phải ký tự"
    if name is None:
        name = unicodedata.name(ch, "").lower() or None
    return f"U+{code:04X}" + (f" ({name})" if name else "")


# Characters refused anywhere in the file. YAML itself forbids the C0 and C1 controls
# (but tab, LF and CR) and U+FFFE/U+FFFF; a CR not followed by LF and the Unicode line
# separators are line breaks for the YAML parsers but not for git, GitHub or most
# editors, so every line number reported after one would be wrong. A BOM inside the
# text (two files pasted together) is skipped by libyaml at the start of a line, and
# refused by ruamel: it is refused here, wherever it stands.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)"
)


def _forbidden_message(ch: str) -> str:
    if ch == "\x00":
        return ("tệp chứa byte NUL (0x00); tệp kết quả phải là văn bản YAML, không phải tệp "
                "nhị phân")
    if ch == "\r":
        return ("ký tự xuống dòng CR (U+000D) đứng riêng, không có LF theo sau; hãy lưu tệp với "
                "kiểu xuống dòng LF hoặc CRLF (Windows)")
    if ch in "\x85\u2028\u2029":
        return (f"ký tự ngắt dòng đặc biệt {describe_char(ch)}; hãy thay bằng xuống dòng thường "
                "(Enter) hoặc dấu cách")
    if ch in "\ufffe\uffff":
        return f"tệp chứa {describe_char(ch)}; hãy xóa ký tự đó"
    if ch == "\ufeff":
        return ("tệp chứa thêm một ký tự vô hình U+FEFF (BOM), thường do sao chép hoặc ghép "
                "tệp; hãy xóa ký tự đó")
    return (f"tệp chứa ký tự điều khiển {describe_char(ch)}, không được phép trong tệp YAML; "
            "hãy xóa ký tự đó")


def _text_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes to text; a BOM is accepted; anything else is named and refused.

    The text is returned as found (not normalised), so that the parsers' positions are
    the file's; ``parse_text`` normalises every string to NFC, and a warning here says
    where the first decomposed (NFD) letter stands.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(path, START,
                  f"tệp quá lớn: hơn {format_number(MAX_FILE_BYTES)} byte (1 MiB); tệp kế hoạch và "
                  "tệp kết quả tối đa 1 MiB — có thể đã dán nhầm nội dung khác vào tệp", "tep")
        ]
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return None, [
                error(path, START, f"đây là {kind}, không phải tệp văn bản YAML; hãy nhập "
                      "kết quả vào tệp .yaml theo mẫu (kehoach new)", "tep")
            ]
    utf16 = _utf16_kind(raw)
    if utf16 is not None:
        return None, [
            error(path, START,
                  f"tệp được lưu bằng mã {utf16}; cần lưu lại bằng mã UTF-8 "
                  "(trong Notepad: Lưu thành… → Mã hóa: UTF-8)", "ma-hoa")
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = guess_legacy_encoding(raw)
        advice = _LEGACY_ADVICE.get(legacy or "", "cần chuyển sang Unicode và lưu bằng mã UTF-8")
        return None, [
            error(path, _bad_byte_position(raw, exc.start),
                  f"tệp không phải mã UTF-8 (byte 0x{raw[exc.start]:02X} không hợp lệ); "
                  f"{advice}", "ma-hoa")
        ]
    bad = _FORBIDDEN.search(text)
    if bad:
        return None, [
            error(path, _text_position(text, bad.start()), _forbidden_message(text[bad.start()]),
                  "ky-tu")
        ]
    problems: list[Problem] = []
    if not unicodedata.is_normalized("NFC", text):
        index = _first_unnormalized(text)
        problems.append(
            warning(path, _text_position(text, index),
                    "chữ có dấu được gõ ở dạng tổ hợp (NFD); kehoach đã chuẩn hóa về Unicode "
                    "dựng sẵn (NFC) khi đọc — nên lưu lại tệp ở dạng dựng sẵn", "ma-hoa")
        )
    return text, problems


def _first_unnormalized(text: str) -> int:
    """The index of the first letter that NFC would change (the base of a decomposed one)."""
    for i, ch in enumerate(text):
        if unicodedata.combining(ch) and i:
            pair = text[i - 1 : i + 1]
            if unicodedata.normalize("NFC", pair) != pair:
                return i - 1
        elif not unicodedata.is_normalized("NFC", ch):
            return i
    return 0  # pragma: no cover - only called on text that is not NFC


# ---------------------------------------------------------------- scalars

_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
MAX_DIGITS = 100  # a longer integer is no figure (and Python refuses above 4300 digits)


class _TooLarge(Exception):
    """A number written in the file that no figure can be: 1e309, or 5 000 digits."""

STANDARD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}

# Characters XML 1.0 forbids: they would corrupt the .docx, so they never pass loading.
# (Literal ones are refused with the file; these come from "\x01"-style escapes.)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Invisible characters that make two ids look equal or reorder text on screen.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# A word with "?" for a letter ("k?t qu?"): what saving as "ANSI" leaves of Vietnamese.
_QUESTION_IN_WORD = re.compile(r"[^\W\d_]\?+[^\W\d_]|\A[\"'(\[]?\?+[^\W\d_]")


def _without_comment(line: str) -> str:
    """A line without its trailing ``# comment`` (a '#' at the start or after a space)."""
    m = re.search(r"(?:^|\s)#", line)
    return line[: m.start()] if m else line


def _lost_word(text: str) -> re.Match[str] | None:
    """The first word with "?" among its letters ("k?t", "??t"), URLs aside."""
    for word in re.finditer(r"\S+", text):
        if _QUESTION_IN_WORD.search(word[0]) and not re.search(r"[/=&]", word[0]):
            return word
    return None


def _resolve_plain(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text):
        if len(text) > MAX_DIGITS:
            raise _TooLarge
        return int(text[2:], 8 if text[1] == "o" else 16) if text[:2] in ("0o", "0x") else int(
            text
        )
    if _FLOAT.match(text):
        number = float(text)
        if math.isinf(number):
            raise _TooLarge
        return number
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    m = _DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return InvalidDate(text)
    return text


def _describe_tag(tag: str) -> str:
    if tag.startswith(STANDARD_TAG):
        return "!!" + tag[len(STANDARD_TAG) :]
    return tag


def _tag_name(tag: str | None) -> str | None:
    """The short name of a standard tag ('str', 'map'...); None when implicit or '!'."""
    if tag is None or tag == "!":
        return None
    if tag.startswith(STANDARD_TAG):
        return tag[len(STANDARD_TAG) :]
    return tag  # non-standard: returned as is, refused by the caller


def _refused_tag(tag: str) -> str:
    return (f"thẻ YAML {_describe_tag(tag)} không được phép; tệp chỉ được dùng giá trị thông "
            "thường (chuỗi, số, ngày, true/false), bảng khóa và danh sách")


def _scalar(tag: str | None, text: str, plain: bool, pos: Position) -> Any:
    try:
        return _typed_scalar(tag, text, plain, pos)
    except _TooLarge:
        shown = text if len(text) <= 24 else f"{text[:20]}… ({format_number(len(text))} ký tự)"
        raise _Fatal(pos, f"số {shown} quá lớn, vượt giới hạn tính toán; hãy kiểm tra lại "
                     "giá trị này") from None


def _typed_scalar(tag: str | None, text: str, plain: bool, pos: Position) -> Any:
    name = _tag_name(tag)
    if name is None:
        return _resolve_plain(text) if plain else text
    if name not in _SCALAR_TAGS:
        raise _Fatal(pos, _refused_tag(tag or ""))
    if name == "str":
        return text
    value = _resolve_plain(text)
    expected: dict[str, tuple[type, ...]] = {
        "int": (int,),
        "float": (float, int),
        "bool": (bool,),
        "null": (type(None),),
        "timestamp": (dt.date, InvalidDate),
    }
    if isinstance(value, bool) and name in ("int", "float"):
        value = text
    if not isinstance(value, expected[name]):
        raise _Fatal(pos, f"giá trị '{shown_text(text)}' không khớp với thẻ "
                     f"{_describe_tag(tag or '')}")
    if name == "float" and isinstance(value, int | float):
        return float(value)
    return value


# ---------------------------------------------------------------- events -> values

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(slots=True)
class _Anchor:
    value: Any
    size: int


class _Builder:
    def __init__(self, path: str, events: Iterator[Any], text: str) -> None:
        self.path = path
        self.events = events
        self.lines = text.split("\n")
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.nodes = 0

    def _pos(self, event: Any) -> Position:
        mark = event.start_mark
        return Position(mark.line + 1, mark.column + 1)

    def _next(self) -> Any:
        return next(self.events)

    def document(self) -> Any:
        self._next()  # StreamStart
        event = self._next()
        if type(event).__name__ == "StreamEndEvent":
            return None
        if type(event).__name__ != "DocumentStartEvent":  # pragma: no cover - parser contract
            raise _Fatal(self._pos(event), "cấu trúc YAML không hợp lệ")
        data, _ = self.node(self._next(), (), 0)
        self._next()  # DocumentEnd
        event = self._next()
        if type(event).__name__ != "StreamEndEvent":
            raise _Fatal(
                self._pos(event),
                "tệp chỉ được chứa một tài liệu YAML; hãy bỏ dấu '---' thứ hai và phần sau nó",
            )
        return data

    def _count(self, n: int, pos: Position) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise _Fatal(
                pos,
                f"tệp có quá nhiều phần tử (hơn {format_number(MAX_NODES)} sau khi mở các bí danh "
                "'*'); có thể là một 'quả bom bí danh' — hãy viết dữ liệu trực tiếp, "
                "không dùng '&' và '*'",
            )

    def node(
        self, event: Any, path: Path, depth: int, key: Any = None
    ) -> tuple[Any, int]:
        """Build the value of the node that starts with ``event``; return it and its size.

        ``key`` is the key event when the node is a mapping's value."""
        kind = type(event).__name__
        pos = self._pos(event)
        if kind == "ScalarEvent":
            pos = self._empty_position(event, key) or pos
        if depth > MAX_DEPTH:
            raise _Fatal(pos, f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng); tệp kết quả "
                         "chỉ cần vài tầng khóa")
        self.positions.values[path] = pos
        if kind == "AliasEvent":
            anchor = self.anchors.get(event.anchor)
            if anchor is None:  # the parsers let it through: their composers refuse it
                raise _Fatal(pos, f"bí danh '*{event.anchor}' trỏ tới neo '&{event.anchor}' "
                             "chưa có ở phía trên; hãy viết thẳng giá trị")
            self._count(anchor.size, pos)
            return copy.deepcopy(anchor.value), anchor.size
        self._count(1, pos)
        if kind == "ScalarEvent":
            value = _scalar(event.tag, event.value, not event.style, pos)
            if isinstance(value, str):
                value = self._text(value, event, "giá trị")
            size = 1
        elif kind == "SequenceStartEvent":
            self._check_collection_tag(event.tag, "seq", pos)
            items: list[Any] = []
            size = 1
            while True:
                child = self._next()
                if type(child).__name__ == "SequenceEndEvent":
                    break
                item, n = self.node(child, (*path, len(items)), depth + 1)
                items.append(item)
                size += n
            value = items
        elif kind == "MappingStartEvent":
            self._check_collection_tag(event.tag, "map", pos)
            value, size = self._mapping(path, depth, bool(event.flow_style))
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise _Fatal(pos, f"cấu trúc YAML không được hỗ trợ ({kind})")
        anchor_name = getattr(event, "anchor", None)
        if anchor_name is not None:
            self.anchors[anchor_name] = _Anchor(value, size)
        return value, size

    def _mapping(self, path: Path, depth: int, flow: bool) -> tuple[dict[str, Any], int]:
        mapping: dict[str, Any] = {}
        size = 1
        last_integer: Any = None  # the value event of the previous entry, if a plain integer
        while True:
            key_event = self._next()
            kind = type(key_event).__name__
            if kind == "MappingEndEvent":
                return mapping, size
            key_pos = self._pos(key_event)
            if kind == "ScalarEvent":
                key_pos = self._empty_position(key_event) or key_pos
            if kind == "AliasEvent":
                raise _Fatal(key_pos, f"khóa không được là bí danh '*{key_event.anchor}'; "
                             "hãy viết thẳng tên khóa")
            if kind != "ScalarEvent":
                raise _Fatal(key_pos, "khóa phải là một chữ đơn (ví dụ ten:), không phải danh "
                             "sách hay bảng khóa")
            if _tag_name(key_event.tag) not in (None, "str"):
                raise _Fatal(key_pos, f"thẻ YAML {_describe_tag(key_event.tag)} không được "
                             "phép ở khóa")
            if key_event.value == "<<" and not key_event.style:
                raise _Fatal(key_pos, "khóa gộp '<<' (merge key) không được dùng; hãy viết "
                             "đầy đủ từng khóa ở đây")
            if any(ch in key_event.value for ch in "\n\r\t"):
                raise _Fatal(key_pos, "khóa không được chứa ký tự xuống dòng hay Tab")
            key = self._text(key_event.value, key_event, "khóa")
            value_event = self._next()
            if flow and last_integer is not None:
                self._check_decimal_comma(last_integer, key_event, value_event)
            last_integer = value_event if (
                type(value_event).__name__ == "ScalarEvent" and not value_event.style
                and value_event.tag is None and _INT.match(value_event.value)
            ) else None
            self._count(1, key_pos)
            if key_event.anchor is not None:
                self.anchors[key_event.anchor] = _Anchor(key, 1)
            child_path = (*path, key)
            if key in mapping:
                first = self.positions.keys[child_path]
                self.problems.append(
                    error(
                        self.path,
                        key_pos,
                        f"khóa '{shown_text(key)}' bị lặp lại (đã có ở dòng {first.line}); "
                        "mỗi khóa chỉ được viết một lần trong cùng một bảng",
                        "khoa-lap",
                    )
                )
                # Build and drop the duplicate's value; keep the first one's positions.
                saved = self.positions
                self.positions = Positions()
                self.node(value_event, child_path, depth + 1)
                self.positions = saved
                continue
            self.positions.keys[child_path] = key_pos
            item, n = self.node(value_event, child_path, depth + 1, key_event)
            mapping[key] = item
            size += n

    def _empty_position(self, event: Any, key: Any = None) -> Position | None:
        """Where an empty value (``key:`` with nothing after it) stands: just after the
        ':' (or the '-' or '?') it follows.

        The parsers disagree on the mark of an implicit empty value (the next token,
        perhaps lines below, or the end of the indicator), so it is worked out from the
        text: the ':' right after the key; failing that, back from the mark, over blank
        and comment-only lines, to the indicator."""
        if (
            event.value != "" or event.style or event.tag is not None
            or getattr(event, "anchor", None) is not None
        ):
            return None
        if key is not None and key.end_mark.line < len(self.lines):
            text = self.lines[key.end_mark.line]
            col = key.end_mark.column
            while col < len(text) and text[col] == " ":
                col += 1
            if text[col : col + 1] == ":":
                return Position(key.end_mark.line + 1, col + 2)
        line, col = event.start_mark.line, event.start_mark.column
        if line >= len(self.lines):  # a mark past the end of a file without a final newline
            line, col = len(self.lines) - 1, len(self.lines[-1])
        first = True
        while 0 <= line < len(self.lines):
            text = self.lines[line]
            head = text[:col] if first else _without_comment(text)
            stripped = head.rstrip()
            if stripped:
                if stripped[-1] in ":-?":
                    return Position(line + 1, len(stripped) + 1)
                return None
            line, first = line - 1, False
        return None

    def _check_decimal_comma(self, number: Any, key: Any, value: Any) -> None:
        """``{gia_tri: 2,5}``: a Vietnamese decimal comma splits the entry in two."""
        if (
            not key.style and key.value.isdigit() and key.value.isascii()
            and type(value).__name__ == "ScalarEvent" and value.value == ""
            and not value.style and value.tag is None
            and key.start_mark.line == number.end_mark.line
        ):
            raise _Fatal(
                self._pos(number),
                f"số thập phân viết bằng dấu phẩy ({number.value},{key.value}); trong YAML dấu "
                f"phẩy ngăn cách các mục — hãy dùng dấu chấm: {number.value}.{key.value}",
            )

    def _check_collection_tag(self, tag: str | None, expected: str, pos: Position) -> None:
        name = _tag_name(tag)
        if name is not None and name != expected:
            raise _Fatal(pos, _refused_tag(tag or ""))

    def _text(self, text: str, event: Any, what: str) -> str:
        """Check a string for characters that must not reach a record; return it as NFC."""
        bad = XML_ILLEGAL.search(text)
        if bad:
            self.problems.append(
                error(
                    self.path,
                    self._char_position(event, text, bad.start()),
                    f"{what} chứa ký tự điều khiển {describe_char(bad[0])}, không được phép "
                    "trong văn bản (tệp .docx sẽ hỏng); hãy xóa ký tự đó",
                    "ky-tu",
                )
            )
        hidden = _INVISIBLE.search(text)
        if hidden:
            self.problems.append(
                error(
                    self.path,
                    self._char_position(event, text, hidden.start()),
                    f"{what} chứa ký tự vô hình {describe_char(hidden[0])}; hãy xóa ký tự đó "
                    "(thường do sao chép từ web hoặc Word)",
                    "ky-tu",
                )
            )
        lost = _lost_word(text) if what == "giá trị" and "?" in text else None
        if lost:
            self.problems.append(
                warning(
                    self.path,
                    self._char_position(event, text, lost.start() + lost[0].index("?")),
                    f"chữ \"{shown_text(lost[0])}\" có dấu '?' thay cho chữ cái: có thể chữ có "
                    "dấu đã mất khi tệp được lưu bằng mã ANSI (Latin-1); hãy kiểm tra và gõ lại",
                    "ma-hoa",
                )
            )
        if text.isascii():
            return text
        return unicodedata.normalize("NFC", text)

    def _char_position(self, event: Any, value: str, offset: int) -> Position:
        """Where the ``offset``-th character of a scalar's value is written in the file.

        The source between the event's marks is walked: literal characters stand for
        themselves, and in a double-quoted scalar an escape such as ``\\x01`` stands for
        the character it makes. The k-th source unit making the same character as the
        k-th occurrence in the value is the one; failing that, the scalar's start."""
        wanted = value[offset]
        skip = value.count(wanted, 0, offset)
        double = event.style == '"'
        for char, line, col in self._source_units(event.start_mark, event.end_mark, double):
            if char == wanted:
                if skip == 0:
                    return Position(line + 1, col + 1)
                skip -= 1
        return self._pos(event)

    def _source_units(
        self, start: Any, end: Any, double: bool
    ) -> Iterator[tuple[str, int, int]]:
        line, col = start.line, start.column
        while (line, col) < (end.line, end.column) and line < len(self.lines):
            text = self.lines[line]
            if col >= len(text):
                line, col = line + 1, 0
                continue
            ch = text[col]
            if double and ch == "\\" and col + 1 < len(text):
                code = text[col + 1]
                width = _HEX_ESCAPES.get(code)
                if width is not None:
                    digits = text[col + 2 : col + 2 + width]
                    try:
                        made: str | None = chr(int(digits, 16))
                    except ValueError:  # the parsers refuse it before we look
                        made = None
                    if made is not None:
                        yield made, line, col
                    col += 2 + width
                    continue
                yield _ESCAPES.get(code, code), line, col
                col += 2
                continue
            yield ch, line, col
            col += 1


# ---------------------------------------------------------------- parse errors

_INDENT = "thụt lề không khớp với các dòng phía trên (mỗi tầng thụt vào cùng một số dấu cách)"
_COLON = ("dấu ':' không đúng chỗ; có thể thụt lề sai, hoặc giá trị chứa ': ' cần đặt trong "
          "dấu nháy")
_DIRECTIVE = "chỉ thị '%' hoặc thẻ '!' không hợp lệ; tệp không cần dùng chỉ thị hay thẻ YAML"
# ruamel.yaml's problems (the reference parser for syntax errors), in Vietnamese; the
# first needle found in the problem wins, so the specific ones come first.
_PARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("found character '\\t'",
     "ký tự Tab không được dùng ở đây (YAML chỉ dùng dấu cách để thụt lề và ngăn cách); "
     "hãy thay bằng dấu cách"),
    ("mapping values are not allowed here", _COLON),
    ("found unexpected ':'", _COLON),
    ("could not find expected ':'",
     "thiếu dấu ':' sau khóa, hoặc thụt lề sai; mỗi dòng cần dạng 'khoa: gia_tri'"),
    ("mapping keys are not allowed here",
     "dấu '?' không đúng chỗ; nếu giá trị bắt đầu bằng '?', hãy đặt nó trong dấu nháy"),
    ("sequence entries are not allowed here",
     "dấu '- ' (phần tử danh sách) không đúng chỗ; kiểm tra thụt lề"),
    ("block sequence entries are not allowed",
     "dấu '- ' (phần tử danh sách) không đúng chỗ; kiểm tra thụt lề"),
    ("expected <block end>", _INDENT),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator",
     "danh sách thụt lề sai: mỗi phần tử cần bắt đầu bằng '- '"),
    ("expected ',' or ']'", "danh sách trong ngoặc [ ] thiếu dấu ',' hoặc dấu đóng ']'"),
    ("expected ',' or '}'", "bảng trong ngoặc { } thiếu dấu ',' hoặc dấu đóng '}'"),
    ("found unexpected end of stream", "tệp kết thúc khi dấu nháy hoặc ngoặc chưa được đóng"),
    ("found unexpected document separator",
     "dòng '---' hoặc '...' nằm giữa một chuỗi trong dấu nháy; hãy đóng dấu nháy trước dòng đó"),
    ("found non-comment content after document end marker",
     "có nội dung sau dòng kết thúc tài liệu '...'; hãy xóa dòng '...'"),
    ("expected '<document start>'",
     "có nội dung sau dòng kết thúc tài liệu '...' hoặc sau chỉ thị '%'; hãy xóa các dòng đó"),
    ("found unknown escape character",
     "chuỗi trong nháy kép có ký tự thoát '\\' không hợp lệ; muốn viết dấu '\\' thì viết "
     "'\\\\', hoặc dùng nháy đơn"),
    ("expected escape sequence",
     "mã thoát '\\x', '\\u' hoặc '\\U' cần đủ chữ số hệ mười sáu; hoặc dùng nháy đơn"),
    ("found duplicate anchor", "tên neo '&' bị dùng hai lần"),
    ("found undefined alias", "bí danh '*' trỏ tới một neo '&' chưa được định nghĩa"),
    ("expected alphabetic or numeric character",
     "tên neo '&' hay bí danh '*' chỉ gồm chữ cái và chữ số; nếu giá trị bắt đầu bằng "
     "'&' hoặc '*', hãy đặt nó trong dấu nháy"),
    ("found incompatible YAML document",
     "chỉ thị %YAML chỉ nhận phiên bản 1.x; hãy xóa dòng %YAML"),
    ("found undefined tag handle", _DIRECTIVE),
    ("found duplicate YAML directive", _DIRECTIVE),
    ("expected chomping or indentation indicators",
     "sau '|' hoặc '>' chỉ được có '+', '-' hoặc một chữ số từ 1 đến 9"),
    ("expected indentation indicator",
     "sau '|' hoặc '>' chỉ được có '+', '-' hoặc một chữ số từ 1 đến 9"),
    ("expected a comment or a line break",
     "sau phần này chỉ được có chú thích '#' hoặc xuống dòng"),
    ("expected the node content", "thiếu giá trị ở đây"),
    ("expected ' '", _DIRECTIVE),
    ("expected a digit", _DIRECTIVE),
    ("expected '!'", _DIRECTIVE),
    ("expected '>'", _DIRECTIVE),
    ("expected URI", _DIRECTIVE),
    ("special characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("found unacceptable character", "tệp chứa ký tự điều khiển không được phép"),
    ("found character that cannot start any token",
     "ký tự không thể đứng đầu một giá trị (như @ hoặc `); hãy đặt giá trị trong dấu nháy"),
    ("that cannot start any token",
     "ký tự không thể đứng đầu một giá trị (như @ hoặc `); hãy đặt giá trị trong dấu nháy"),
    ("could not find expected", "cú pháp YAML không hoàn chỉnh ở đây"),
)


def _parse_error(path: str, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = Position(mark.line + 1, mark.column + 1) if mark is not None else START
    problem = str(getattr(exc, "problem", "") or exc)
    for needle, message in _PARSE_MESSAGES:
        if needle in problem:
            return error(path, pos, f"lỗi cú pháp YAML: {message}", "cu-phap")
    first = problem.strip().splitlines()[0] if problem.strip() else "không rõ"
    return error(path, pos, f"lỗi cú pháp YAML ({first})", "cu-phap")


# ---------------------------------------------------------------- entry points


def _ruamel_events(text: str) -> Iterable[Any]:
    from ruamel.yaml import YAML

    # The "safe" parser, not the round-trip one: the round-trip scanner marks the line
    # breaks it folds in '>' scalars with a BEL character ('\a') inside the value.
    yaml = YAML(typ="safe", pure=True)
    events: Iterable[Any] = yaml.parse(text)
    return events


def _libyaml_events(text: str) -> Iterable[Any] | None:
    try:
        import yaml
        from yaml import CSafeLoader
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    events: Iterable[Any] = yaml.parse(text, Loader=CSafeLoader)
    return events


def parse_text(path: str, text: str, *, fast: bool = False) -> YamlDocument:
    """Build values and positions from YAML text.

    ``fast`` uses libyaml's C parser when present. A file the fast parser rejects is
    parsed again with ruamel.yaml, so the messages about broken syntax are always
    the same.
    """
    # Tabs are where the two parsers part ways (ruamel refuses a tab after a value that
    # libyaml accepts): a text holding one is always parsed by ruamel, the reference.
    events = _libyaml_events(text) if fast and "\t" not in text else None
    if events is None:
        events = _ruamel_events(text)
    builder = _Builder(path, iter(events), text)
    try:
        data = builder.document()
    except _Fatal as fatal:
        return YamlDocument(path, None, builder.positions, [error(path, fatal.pos, fatal.message)])
    except Exception as exc:  # both parsers signal syntax errors with their own classes
        if fast:
            return parse_text(path, text, fast=False)
        if type(exc).__module__.startswith(("ruamel", "yaml")):
            return YamlDocument(path, None, builder.positions, [_parse_error(path, exc)])
        raise
    return YamlDocument(path, data, builder.positions, builder.problems)


def load_bytes(path: str, raw: bytes, *, fast: bool = False) -> YamlDocument:
    text, problems = decode(path, raw)
    if text is None:
        return YamlDocument(path, None, Positions(), problems)
    doc = parse_text(path, text, fast=fast)
    doc.problems[:0] = problems
    return doc
