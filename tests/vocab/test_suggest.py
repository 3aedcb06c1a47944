"""vocab/suggest.py: the id or key a mistyped word was meant to be."""

from __future__ import annotations

from kehoach_cli.vocab.suggest import closest, plain, suggest


def test_suggest() -> None:
    assert suggest("cong-ann", ["cong-an", "van-phong"]) == "; có phải ý bạn là 'cong-an'?"
    assert suggest("xyz", ["cong-an", "van-phong"]) == ""
    assert suggest("x", []) == ""


def test_plain_drops_diacritics_case_and_separators() -> None:
    assert plain("Tỷ lệ") == "ty_le"
    assert plain("Công-an xã") == "cong_an_xa"
    assert plain("ĐƠN VỊ") == "don_vi"


def test_closest_finds_letters_in_another_order() -> None:
    assert closest("=>", [">=", "<="]) == ">="
    assert closest("ty-le", ["ty_le", "gia_tri", "tong"]) == "ty_le"
    assert closest("same", ["same"]) is None
