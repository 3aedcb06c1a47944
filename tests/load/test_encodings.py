"""Bytes → text: which files are refused, and the legacy encoding named for each.

The samples are real Vietnamese from a commune's reports, encoded with the tables of
tests/corpus/builders.py (written apart from the loader's own tables).
"""

from __future__ import annotations

import pytest
from tests.corpus.builders import cp1258, latin1_ansi, tcvn3, vni

from kehoach_cli.load.encodings import guess_legacy_encoding
from kehoach_cli.load.text import decode
from kehoach_cli.load.yamlfile import load_bytes
from kehoach_cli.vocab.problems import Position

SAMPLES = [
    "Công an xã báo cáo kết quả",
    "Đã kích hoạt 2.287 tài khoản định danh điện tử mức độ 2",
    "Tuyên truyền về an ninh mạng cho học sinh các trường trên địa bàn",
    "Phối hợp Trạm Y tế xã hướng dẫn người dân tích hợp sổ sức khỏe điện tử",
    "nguoi_bao_cao: Nguyễn Văn Ánh",
    "kho_khan: [Thiếu máy tính, đường truyền chậm]",
    "Ủy ban nhân dân xã Vũ Dương",
    "Việt Nam",
]


# ---------------------------------------------------------------- the test's own tables


def test_builders_match_the_published_tables() -> None:
    """The classic strings every Vietnamese office has seen in a wrong font."""
    assert tcvn3("Cộng hoà xã hội chủ nghĩa Việt Nam") == (
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1")
    )
    assert tcvn3("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc".encode("latin-1")
    assert tcvn3("kết quả") == b"k\xd5t qu\xb6"
    assert vni("Việt Nam") == "Vieät Nam".encode("cp1252")
    assert vni("kết quả") == "keát quaû".encode("cp1252")
    assert vni("Độc lập, Tự do") == "Ñoäc laäp, Töï do".encode("cp1252")
    assert vni("ỵ Ỵ ĩ ị ỉ") == "î Î ó ò æ".encode("cp1252")
    assert cp1258("Việt") == b"Vi\xea\xf2t"  # ê, then the combining dot below
    assert cp1258("à") == b"\xe0"  # precomposed where the code page has it
    assert latin1_ansi("kết quả") == b"k?t qu?"


# ---------------------------------------------------------------- the guess


@pytest.mark.parametrize("text", SAMPLES)
def test_tcvn3_is_named(text: str) -> None:
    assert guess_legacy_encoding(tcvn3(text)) == "TCVN3 (ABC)"


@pytest.mark.parametrize("text", SAMPLES)
def test_vni_is_named(text: str) -> None:
    assert guess_legacy_encoding(vni(text)) == "VNI"


@pytest.mark.parametrize("text", SAMPLES)
def test_windows_1258_is_named(text: str) -> None:
    assert guess_legacy_encoding(cp1258(text)) == "Windows-1258"


@pytest.mark.parametrize(
    "text", [t for t in SAMPLES if not latin1_ansi(t).isascii() and t != "Việt Nam"]
)
def test_latin1_is_named(text: str) -> None:
    assert guess_legacy_encoding(latin1_ansi(text)) == "Latin-1"


def test_latin1_without_lost_letters_reads_the_same_as_windows_1258() -> None:
    """'Hoàn thành' is the same bytes in both code pages: either name is right, and the
    advice (save again as UTF-8) is the same; a Vietnamese Windows is the likelier one."""
    raw = latin1_ansi("ket_qua: Hoàn thành")
    assert raw == cp1258("ket_qua: Hoàn thành")
    assert guess_legacy_encoding(raw) == "Windows-1258"


def test_a_whole_result_file_in_tcvn3() -> None:
    text = (
        "don_vi: cong-an-xa\nky: 2026-Q2\nngay_gui: 2026-06-19\n"
        "nguoi_bao_cao: Phạm Văn Long\nnhiem_vu:\n  de-an-06:\n    trang_thai: dang_thuc_hien\n"
        "    ket_qua: Lũy kế kích hoạt 2.287 tài khoản định danh điện tử mức độ 2\n"
    )
    assert guess_legacy_encoding(tcvn3(text)) == "TCVN3 (ABC)"
    assert guess_legacy_encoding(vni(text)) == "VNI"
    assert guess_legacy_encoding(cp1258(text)) == "Windows-1258"


def test_utf16_and_ascii() -> None:
    assert guess_legacy_encoding("ky: 2026-Q2\n".encode("utf-16-le")) == "UTF-16"
    assert guess_legacy_encoding(b"\xff\xfek\x00") == "UTF-16"
    assert guess_legacy_encoding(b"ky: 2026-Q2\n") is None


def test_binary_noise_names_nothing() -> None:
    assert guess_legacy_encoding(bytes([0x80, 0x81, 0x8D, 0x90, 0x9D]) * 3) is None


# ---------------------------------------------------------------- decode


def _only(raw: bytes) -> tuple[Position, str]:
    text, problems = decode("f.yaml", raw)
    assert text is None
    assert len(problems) == 1
    return problems[0].pos, problems[0].message


def test_decode_names_tcvn3_at_the_first_bad_byte() -> None:
    pos, message = _only(b"don_vi: cong-an\nghi_chu: " + tcvn3("Công an xã"))
    assert pos == Position(2, 11)
    assert message == (
        "tệp không phải mã UTF-8 (byte 0xAB không hợp lệ); có vẻ được gõ bằng bảng mã cũ "
        "TCVN3 (ABC, phông .VnTime); cần chuyển sang Unicode (Unikey → Công cụ chuyển mã: "
        "nguồn TCVN3 (ABC), đích Unicode) rồi lưu bằng mã UTF-8"
    )


def test_decode_names_vni() -> None:
    pos, message = _only(b"ghi_chu: " + vni("báo cáo kết quả"))
    assert pos == Position(1, 12)
    assert "bảng mã cũ VNI (phông VNI-Times)" in message
    assert "nguồn VNI Windows, đích Unicode" in message


def test_the_column_of_a_bad_byte_counts_characters_before_it() -> None:
    pos, _ = _only("ghi_chu: Đã gửi ".encode() + tcvn3("kết quả"))
    assert pos == Position(1, 18)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("a: 1\n".encode("utf-16-le"), "UTF-16 LE (không có BOM)"),
        ("a: 1\n".encode("utf-16-be"), "UTF-16 BE (không có BOM)"),
        (b"\xff\xfe" + "a: 1\n".encode("utf-16-le"), "UTF-16 LE (có BOM)"),
        (b"\xfe\xff" + "a: 1\n".encode("utf-16-be"), "UTF-16 BE (có BOM)"),
        (b"\xff\xfe\x00\x00" + "a: 1\n".encode("utf-32-le"), "UTF-32 LE (có BOM)"),
        ("ghi_chu: Việt Nam\n".encode("utf-16-le"), "UTF-16 LE (không có BOM)"),
    ],
)
def test_utf16_is_refused_by_name(raw: bytes, name: str) -> None:
    pos, message = _only(raw)
    assert pos == Position(1, 1)
    assert message == (
        f"tệp được lưu bằng mã {name}; cần lưu lại bằng mã UTF-8 "
        "(trong Notepad: Lưu thành… → Mã hóa: UTF-8)"
    )


def test_utf8_bom_is_accepted_and_columns_ignore_it() -> None:
    doc = load_bytes("f.yaml", b'\xef\xbb\xbfa: "x\\x01"\n')
    assert doc.data == {"a": "x\x01"}
    assert [p.pos for p in doc.problems] == [Position(1, 6)]


def test_nfd_is_read_as_nfc_with_a_warning_at_the_letter() -> None:
    doc = load_bytes("f.yaml", "a: Vie\u0323\u0302t Nam\nb: Hà\n".encode())
    assert doc.data == {"a": "Việt Nam", "b": "Hà"}
    [warning] = doc.problems
    assert not warning.is_error
    assert warning.pos == Position(1, 6)


def test_two_utf16_byte_pairs_are_not_enough_to_guess() -> None:
    text, problems = decode("f.yaml", b"a\x00")
    assert text is None
    assert problems[0].message.startswith("tệp chứa byte NUL")
