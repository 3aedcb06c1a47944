"""Where a centred header or title line may break in Vietnamese, and the breaks chosen.

Vietnamese writes a word as syllables separated by spaces ("phát triển", "đổi mới"), so a
renderer that wraps at any space splits words in two: "PHÁT / TRIỂN", "đổi / mới". A clerk
breaks the issuing body's name and the title at phrase boundaries instead: after a comma,
before a linking word (về, và, của, ...), and never inside a word of the administration's
vocabulary. This module chooses such breaks for a given width, measured with the same
font metrics as the rest of the layout:

1. no break inside a known word or a place name, unless one phrase alone is wider than
   the line;
2. then as few lines as the width allows (the decree's header is short);
3. then the breaks that cost least: a phrase boundary costs nothing, a plain space a
   little;
4. then the most even line lengths, the last line included (no lone last word).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from ...vocab.suggest import plain

# Words that start a new phrase: a break may come before them at no cost.
_LINKING = frozenset({
    "ve", "va", "cua", "voi", "cho", "tai", "trong", "thuoc", "tren", "theo", "nam", "quy",
    "giai_doan", "den", "tu", "nham", "de", "ket_qua",
})

# Administrative units: a break before them is a phrase boundary; the name that follows
# them ("xã Vũ Dương", "huyện Ý Yên") is never broken.
_PLACES = frozenset({"xã", "phường", "huyện", "tỉnh", "quận", "thị"})  # thị trấn, thị xã

# Two-syllable words of plans and reports, never broken if anything else fits.
_WORDS = frozenset(
    plain(w) for w in (
        "ban chỉ", "chỉ đạo", "phát triển", "khoa học", "công nghệ", "đổi mới", "sáng tạo",
        "chuyển đổi", "đề án", "nhân dân", "ủy ban", "hội đồng", "kế hoạch", "thực hiện",
        "hoạt động", "kết quả", "báo cáo", "văn phòng", "trung tâm", "dịch vụ", "hành chính",
        "công cộng", "sự nghiệp", "kinh tế", "văn hóa", "xã hội", "y tế", "công an",
        "mặt trận", "tổ quốc", "việt nam", "thông tin", "truyền thông", "số hóa", "dữ liệu",
        "điện tử", "trực tuyến", "toàn trình", "giáo dục", "đào tạo", "nông nghiệp",
        "môi trường", "tài nguyên", "an ninh", "quốc phòng", "chính quyền", "đảng ủy",
        "thường trực", "thường vụ", "nghị quyết", "quyết định", "hướng dẫn", "tổng kết",
        "sơ kết", "đầu năm", "cuối năm", "nhiệm vụ", "giải pháp", "mục tiêu", "chỉ tiêu",
        "đơn vị", "cơ quan", "phục vụ", "quản lý", "doanh nghiệp", "hợp tác", "liên minh",
        "cựu chiến binh", "phụ nữ", "thanh niên", "nông dân", "công đoàn", "trí tuệ",
        "nhân tạo", "chữ ký", "định danh", "căn cước", "dân cư", "nông thôn", "đô thị",
        "chuyển đổi số", "kinh tế số", "xã hội số", "chính phủ số", "công dân số",
        "xây dựng", "quốc gia", "chương trình", "nông thôn mới", "giảm nghèo", "bền vững",
        "dân tộc", "thiểu số", "miền núi", "an toàn", "giao thông", "phòng chống",
        "thiên tai", "dịch bệnh", "ma túy", "tội phạm", "trật tự", "vệ sinh", "thực phẩm",
        "du lịch", "thể thao", "gia đình", "trẻ em", "bình đẳng", "giới", "học tập",
        "khuyến học", "người cao tuổi", "lao động", "việc làm", "bảo hiểm", "tài chính",
        "ngân sách", "đầu tư", "công trình", "đất đai", "quy hoạch", "cải cách", "thủ tục",
        "pháp luật", "tuyên truyền", "phổ biến", "thi đua", "khen thưởng", "dân vận",
        "dân chủ", "cơ sở", "tôn giáo", "biên giới", "hải đảo", "thanh tra", "kiểm tra",
        "giám sát", "tiếp công dân", "khiếu nại", "tố cáo", "phòng, chống", "tham nhũng",
        "lãng phí", "tiêu cực", "nhà nước", "hành chính công", "một cửa", "liên thông",
        "bưu điện", "viễn thông", "hạ tầng", "nền tảng", "ứng dụng", "kỹ năng", "cộng đồng",
        "tổ công nghệ số", "thương mại", "sản xuất", "tiêu thụ", "nông sản", "hợp tác xã",
        "tổ chức", "triển khai", "thực hiện", "ban hành", "phối hợp", "chủ trì",
    )
)

FREE, PLAIN, INSIDE = 0, 1, 50  # the cost of a break: at a phrase boundary, a space, a word


def break_costs(words: Sequence[str]) -> list[int]:
    """The cost of breaking the line after each word but the last."""
    keys = [plain(w.strip(",;:.")) for w in words]
    lowered = [unicodedata.normalize("NFC", w.strip(",;:.").lower()) for w in words]
    costs: list[int] = []
    place_end = -1  # the last word of a place name being read
    for i in range(len(words) - 1):
        if lowered[i] in _PLACES:
            place_end = _name_end(words, keys, i)
        if i < place_end or _inside_word(keys, i):
            costs.append(INSIDE)
        elif (words[i].endswith((",", ";", ":")) or keys[i + 1] in _LINKING
              or lowered[i + 1] in _PLACES):
            costs.append(FREE)
        else:
            costs.append(PLAIN)
    return costs


def _name_end(words: Sequence[str], keys: Sequence[str], i: int) -> int:
    """The index of the last word of the proper name after the unit word ``words[i]``
    ("xã Vũ Dương", "THỊ TRẤN YÊN THỊNH"): the capitalised words that follow it, up to
    three, and not past a comma or a linking word."""
    end = i
    for j in range(i + 1, min(i + 4, len(words))):
        if (not words[j][:1].isupper() and not words[j][:1].isdigit()) or keys[j] in _LINKING:
            break
        end = j
        if words[j].endswith((",", ";", ":")):
            break
    return end


def _inside_word(keys: Sequence[str], i: int) -> bool:
    """A break after word ``i`` falls inside a known word of two or three syllables."""
    for start in range(max(0, i - 2), i + 1):
        for length in (2, 3):
            end = start + length
            if start <= i < end - 1 and end <= len(keys) and "_".join(keys[start:end]) in _WORDS:
                return True
    return False


def break_lines(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """``text`` as lines no wider than ``width`` (measured by ``measure``), broken where a
    Vietnamese clerk would break it. A word wider than ``width`` stands on its own line."""
    return _broken(text, width, measure)[0]


def splits_a_word(text: str, width: int, measure: Callable[[str], int]) -> bool:
    """Whether ``text`` cannot be set in ``width`` without breaking inside a word (one
    of its phrases is wider than ``width``)."""
    return _broken(text, width, measure)[1] > 0


def _broken(text: str, width: int, measure: Callable[[str], int]) -> tuple[list[str], int]:
    """The lines, and how many breaks fall inside a word."""
    words = text.split()
    if not words:
        return [""], 0
    costs = break_costs(words)
    space = measure(" ")
    widths = [measure(w) for w in words]
    n = len(words)

    @cache
    def best(i: int) -> tuple[int, int, int, int, tuple[int, ...]]:
        """(breaks inside words, lines, break cost, unevenness, line ends) for the words
        from ``i`` on, the smallest first."""
        if i == n:
            return (0, 0, 0, 0, ())
        choices = []
        line = -space
        for j in range(i, n):
            line += space + widths[j]
            if line > width and j > i:
                break
            inside, lines, cost, uneven, ends = best(j + 1)
            here = costs[j] if j < n - 1 else FREE
            slack = max(width - line, 0) // 20  # in points: the squares stay small
            choices.append((inside + (here >= INSIDE), lines + 1, cost + here,
                            uneven + slack * slack, (j + 1, *ends)))
        return min(choices)

    inside, _, _, _, ends = best(0)
    out, start = [], 0
    for end in ends:
        out.append(" ".join(words[start:end]))
        start = end
    return out, inside


__all__ = ["break_costs", "break_lines", "splits_a_word"]
