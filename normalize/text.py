"""Small pure text helpers: label keys, numbers as printed, units, dates and ticks."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Fullwidth ASCII (！ to ～) maps onto ASCII by a fixed offset; the ideographic space onto space.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH.update({ord("。"): ord("."), ord("，"): ord(",")})  # only used on number cells
_HALFWIDTH_LABEL = dict(_FULLWIDTH)
del _HALFWIDTH_LABEL[ord("。")], _HALFWIDTH_LABEL[ord("，")]

_WHITESPACE = re.compile(r"\s+")
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HAS_FULLWIDTH_NUMBER = re.compile("[\uff01-\uff5e\u3000。，]")
# A figure as most cells print it: nothing to translate, strip or cut before Decimal reads it.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
# A figure whose thousands separators are dots ("5.544.800.00": a comma misread by OCR, or typed
# so): more than one dot can only be separators before the last, decimal one.
_DOT_THOUSANDS = re.compile(r"^([-+]?\d{1,3})((?:\.\d{3})+)(\.\d{1,2})$")
# A decimal point OCR read as a middle dot: the fullwidth "．" Word documents use sits low and
# wide, and comes back as "·" ("27650000·00"); between digits no middle dot means anything else.
_MIDDLE_DOT_POINT = re.compile(r"(?<=\d)[·・•∙‧](?=\d)")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$")
# What a blank money cell may hold instead of nothing.
BLANK_MARKS = {"", "-", "—", "——", "/", "／", "无", "空", "\\"}
# Units that may trail a figure typed into a cell.
_TRAILING_UNIT = re.compile(r"(万元|元|%|％|分|人|个|户)$")

DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TICKED = "☑■√✓✔☒▣●"
UNTICKED = "□☐○"


# str.translate looks every character up in its table, raising and clearing a KeyError for each
# one not in it (most of a Chinese text): in a longer text only the fullwidth ones are replaced.
HALFWIDTH_SPLIT_MIN_CHARS = 16  # from here on, splitting at the fullwidth characters is the faster
_FULLWIDTH_LABEL_CHAR = re.compile("([" + "".join(re.escape(chr(c)) for c in sorted(_HALFWIDTH_LABEL)) + "])")
_HALFWIDTH_LABEL_CHARS = {chr(c): chr(h) for c, h in _HALFWIDTH_LABEL.items()}


def halfwidth(text: str) -> str:
    """Fullwidth letters, digits and punctuation as ASCII (Chinese punctuation kept)."""
    if not _HAS_FULLWIDTH.search(text):  # only when it can matter
        return text
    if len(text) < HALFWIDTH_SPLIT_MIN_CHARS:
        return text.translate(_HALFWIDTH_LABEL)
    parts = _FULLWIDTH_LABEL_CHAR.split(text)  # text, fullwidth character, text, …
    parts[1::2] = [_HALFWIDTH_LABEL_CHARS[c] for c in parts[1::2]]
    return "".join(parts)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """A label as a comparison key: halfwidth, no whitespace, parentheses unified."""
    # str.split() drops exactly what `\s` matches, faster than a regex; ASCII needs no halfwidth
    bare = "".join((text if text.isascii() else halfwidth(text)).split())
    return bare.replace("(", "（").replace(")", "）").replace(":", "：")


_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_SPACE_RUN = re.compile(r"[ \t\u3000]+")
_ANY_SPACE = re.compile(r"\s")


# Budget systems (预算管理一体化) print a unit or project as "<code>-<name>": 219001-某镇人民政府,
# 51092324T000010263357-2023年某补助资金项目. The code starts with a digit and runs to the hyphen; a name
# that merely starts with a year ("2023-2025年…") is not split: a code is never a bare year.
_CODED_NAME = re.compile(r"^\s*(?!(?:19|20)[0-9]{2}\s*[-－—–])([0-9][0-9A-Za-z]{2,})\s*[-－—–]\s*(?=\S)")


def split_coded_name(text: str) -> tuple[str | None, str]:
    """(code, name) of a "<code>-<name>" cell; (None, text) when it carries no code."""
    m = _CODED_NAME.match(text)
    return (m.group(1), text[m.end() :]) if m else (None, text)


SPACED_LABEL_CACHE_SIZE = 1024  # spaced labels remembered: a merged cell's is asked for every row it spans
SPACED_LABEL_MAX_CHARS = 200  # a label is short; longer texts are not kept


def clean_label(text: str) -> str:
    """A label for display in the model: whitespace next to Chinese characters removed."""
    if not _ANY_SPACE.search(text):  # the usual label: nothing to remove
        return text
    if len(text) > SPACED_LABEL_MAX_CHARS:
        return _unspaced_label(text)
    return _cached_unspaced_label(text)


def _unspaced_label(text: str) -> str:
    return _SPACE_BY_CJK.sub("", text.replace("\u3000", " ").strip())


_cached_unspaced_label = lru_cache(maxsize=SPACED_LABEL_CACHE_SIZE)(_unspaced_label)


def clean_line(text: str) -> str:
    """One line of free text in canonical form: no spaces next to Chinese, single spaces elsewhere.

    Word keeps the typist's padding and a PDF loses it; the canonical model must not depend on
    which arrived (the raw text stays in `Report.sources`).
    """
    if not _ANY_SPACE.search(text):  # the usual line: nothing to remove
        return text
    return _SPACE_RUN.sub(" ", _SPACE_BY_CJK.sub("", text.replace("\u3000", " "))).strip()


def clean_text(text: str) -> str:
    """Multi-line text with each line in canonical form and empty edges dropped."""
    if "\n" not in text:  # the usual cell: one line
        return clean_line(text).strip()
    return "\n".join([clean_line(line) for line in text.split("\n")]).strip()


NUMBER_CACHE_SIZE = 4096  # figures and labels asked of parse_number; a report repeats most of them
NUMBER_CACHE_MAX_CHARS = 40  # a figure is short; a long text is a sentence, asked once
_ANY_DIGIT = re.compile(r"\d")


def parse_number(text: str) -> Decimal | None:
    """A figure as printed, as an exact Decimal (its exponent says how many digits it shows).

    Blank cells and dash marks give None; text that is not a number raises ValueError.
    Thousands separators, fullwidth digits and a trailing unit are accepted.
    """
    value, ok = number_read(text)
    if not ok:
        raise ValueError(text)
    return value


def number_read(text: str) -> tuple[Decimal | None, bool]:
    """(parse_number's value, True), or (None, False) for text that is not a number: no exception.

    A report asks the same cell (is it a figure? its value?) several times over, and labels
    recur: answers are remembered (Decimals are immutable, so sharing one is safe)."""
    if len(text) > NUMBER_CACHE_MAX_CHARS:
        return _number_read(text)
    return _cached_number_read(text)


def _number_read(text: str) -> tuple[Decimal | None, bool]:
    if _PLAIN_NUMBER.fullmatch(text):  # the usual figure; the steps below would not change it
        return Decimal(text.rstrip(".") if text.endswith(".") else text), True
    if text in BLANK_MARKS:
        return None, True
    s = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH_NUMBER.search(text) else text
    s = _WHITESPACE.sub("", s)
    if s in BLANK_MARKS:
        return None, True
    if _PLAIN_NUMBER.fullmatch(s):  # fullwidth digits or padding only: nothing else to undo
        return Decimal(s.rstrip(".") if s.endswith(".") else s), True
    if not _ANY_DIGIT.search(s):  # a label: none of the steps below can make it a number
        return None, False
    s = _MIDDLE_DOT_POINT.sub(".", s)
    s = _THOUSANDS.sub("", s)
    s = _TRAILING_UNIT.sub("", s)
    s = _DOT_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(".", "") + m.group(3), s)
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    if not _NUMBER.match(s):
        return None, False
    try:
        value = Decimal(s.rstrip(".") if s.endswith(".") else s)
    except InvalidOperation:
        return None, False
    return (-value if negative else value), True


_cached_number_read = lru_cache(maxsize=NUMBER_CACHE_SIZE)(_number_read)


def clear_number_cache() -> None:
    """Forget remembered figures (each file starts afresh: a batch's figures rarely recur)."""
    _cached_number_read.cache_clear()


def maybe_number(text: str) -> Decimal | None:
    """parse_number, or None for text that is not a number."""
    return number_read(text)[0]


GARBLED_DIGIT_SHARE = 2  # a garbled figure has at least twice as many digits as other letters
_FIGURE_PUNCT = re.compile(r"[\s,，.．。·・+\-()（）%％元万]")


def is_garbled_figure(text: str) -> bool:
    """Text that was meant as a figure but does not parse (OCR or typing garbage: "5,5ㄖ4.8").

    Mostly digits with a stray letter or two; a label ("2023年预算数") has as many letters as digits.
    """
    if is_number(text) or text.strip() in BLANK_MARKS:
        return False
    digits = sum(ch.isdigit() for ch in text)
    others = len(_FIGURE_PUNCT.sub("", text)) - digits
    return digits > 0 and digits >= GARBLED_DIGIT_SHARE * max(others, 1)


def is_number(text: str) -> bool:
    value, ok = number_read(text)
    return ok and value is not None


_UNIT_WAN = re.compile(r"[（(单位：]*万元")
_UNIT_YUAN = re.compile(r"（元）|单位：元|\(元\)|（人民币元）")


def money_unit(text: str) -> str | None:
    """元 or 万元 when a label or title states the unit in brackets, else None."""
    if "元" not in text:  # both units end so (asked of every row of a money table)
        return None
    key = label_key(text)
    if _UNIT_WAN.search(key):
        return "万元"
    if _UNIT_YUAN.search(key):
        return "元"
    return None


def to_wan(value: Decimal | None, unit: str) -> Decimal | None:
    """A money figure in 万元; 元 is scaled by 10^-4 keeping every digit it showed."""
    if value is None or unit == "万元":
        return value
    return value.scaleb(-4)


def date_or_none(text: str) -> str | None:
    """An ISO date when the text holds a filled-in date, None for a blank '年 月 日'."""
    # no halfwidth() first: \d and \s already match fullwidth digits and the ideographic space,
    # and int() reads those digits, while translating a whole sign-off cell costs tens of µs
    m = DATE.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


POINTS_IN_LABEL = re.compile(r"[（(]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[）)]")
# 广水: "数量指标15分", "质量指标 10分" — the level's points close its label, straight after its words
POINTS_CLOSING_LABEL = re.compile(r"(?<=[\u4e00-\u9fff])\s*([0-9]+(?:\.[0-9]+)?)\s*分$")


def points_in_label(label: str) -> Decimal | None:
    """The points an item's label carries in brackets: 相关性（5分） → 5, 总分（100分） → 100."""
    m = POINTS_IN_LABEL.search(label)
    return Decimal(m.group(1)) if m else None


def level_points(label: str | None) -> Decimal | None:
    """The weight a LEVEL label states, bracketed (产出指标（50分）) or closing it (数量指标15分). Only for
    level labels: an indicator's own name or target may end in a figure of 分 that is no weight."""
    text = clean_label(label or "")
    m = POINTS_IN_LABEL.search(text) or POINTS_CLOSING_LABEL.search(text)
    return Decimal(m.group(1)) if m else None


def ticked_options(text: str) -> tuple[list[str], list[str]]:
    """(options, ticked options) of a line like '项目实施过程评价□  项目完成结果评价☑'.

    Marks may follow each option (the template) or precede it (☑项目完成结果评价).
    """
    marks = TICKED + UNTICKED
    body = text.split("：", 1)[-1].split(":", 1)[-1].strip()
    if not any(m in body for m in marks):
        return [], []
    if body[0] in marks:
        pairs = [(name, mark) for mark, name in re.findall(rf"([{marks}])\s*([^\s{marks}]+)", body)]
    else:
        pairs = re.findall(rf"([^\s{marks}]+)\s*([{marks}])", body)
    return [name for name, _ in pairs], [name for name, mark in pairs if mark in TICKED]
