"""Name the legacy encoding a file that is not UTF-8 was most likely typed in."""

from __future__ import annotations

import re
import unicodedata

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
    if utf16_kind(raw) is not None:
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


LEGACY_ADVICE = {
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


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


def utf16_kind(raw: bytes) -> str | None:
    """'UTF-16 LE (có BOM)', 'UTF-16 BE (không có BOM)'... or None."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"{name} (có BOM)"
    head = raw[:512]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    head = head[: 2 * pairs]
    even_zero, odd_zero = head[0::2].count(0), head[1::2].count(0)
    if odd_zero * 2 > pairs and even_zero * 10 < pairs:
        return "UTF-16 LE (không có BOM)"
    if even_zero * 2 > pairs and odd_zero * 10 < pairs:
        return "UTF-16 BE (không có BOM)"
    return None
