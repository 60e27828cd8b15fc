"""Test helpers: real .docx files with unaccepted tracked changes, written as Word writes them.

Word marks a replaced figure as a deletion followed by an insertion, each carrying its author
and date; the deleted text sits in w:delText, the inserted in an ordinary w:t:

    <w:del w:id="1" w:author="张三" w:date="2021-03-20T09:30:00Z"><w:r><w:delText>5075</w:delText></w:r></w:del>
    <w:ins w:id="2" w:author="张三" w:date="2021-03-20T09:30:00Z"><w:r><w:t>5057</w:t></w:r></w:ins>
"""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

_IDS = itertools.count(9000)


def _run(text: str, rpr: str, deleted: bool) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{text}</{tag}></w:r>'


def tracked(kind: str, text: str, rpr: str = "", author: str | None = "张三", date: str | None = None) -> str:
    """One w:ins / w:del / w:moveFrom / w:moveTo element holding one run of `text`."""
    attrs = f' w:id="{next(_IDS)}"'
    attrs += f' w:author="{author}"' if author else ""
    attrs += f' w:date="{date}"' if date else ""
    return f"<w:{kind}{attrs}>{_run(text, rpr, kind in ('del', 'moveFrom'))}</w:{kind}>"


def replace_run(
    xml: bytes,
    text: str,
    new: str,
    old: str | None = None,
    occurrence: int = 1,
    author: str | None = "张三",
    date: str | None = None,
) -> bytes:
    """The `occurrence`-th run whose whole text is `text` becomes a tracked deletion of `old`
    (default: `text`) followed by a tracked insertion of `new`."""
    pattern = re.compile(
        r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>" + re.escape(text) + r"</w:t></w:r>"
    )
    source = xml.decode("utf-8")
    matches = list(pattern.finditer(source))
    if len(matches) < occurrence:
        raise ValueError(f"run {text!r} #{occurrence} not found")
    m = matches[occurrence - 1]
    rpr = m.group(1) or ""
    swap = tracked("del", old if old is not None else text, rpr, author, date) + tracked(
        "ins", new, rpr, author, date
    )
    return (source[: m.start()] + swap + source[m.end() :]).encode("utf-8")


def replace_in_sentence(
    xml: bytes, sentence: str, figure: str, old: str, author: str | None = "张三", date: str | None = None
) -> bytes:
    """Inside the run holding `sentence`, its `figure` becomes a tracked deletion of `old` and an
    insertion of `figure` (the run is split around it, as Word does)."""
    source = xml.decode("utf-8")
    at = source.index(sentence)
    swap = sentence.replace(
        figure,
        "</w:t></w:r>"
        + tracked("del", old, "", author, date)
        + tracked("ins", figure, "", author, date)
        + '<w:r><w:t xml:space="preserve">',
        1,
    )
    return (source[:at] + swap + source[at + len(sentence) :]).encode("utf-8")


def replace_text(xml: bytes, old: str, new: str) -> bytes:
    """Plain (untracked) replacement of every occurrence, for making ordinary versions of a file."""
    if old.encode() not in xml:
        raise ValueError(f"{old!r} not in document.xml")
    return xml.replace(old.encode(), new.encode())


def rewrite_docx(src: Path, dst: Path, edit: Callable[[bytes], bytes]) -> Path:
    """Copy `src` to `dst` with word/document.xml passed through `edit`."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.resolve() != dst.resolve():
        shutil.copyfile(src, dst)
    with zipfile.ZipFile(dst) as zin:
        members = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            zout.writestr(info, edit(data) if info.filename == "word/document.xml" else data)
    return dst
