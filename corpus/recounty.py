"""A generated corpus again as other counties: each copy a distinct set of departments.

    python -m corpus.recounty SRC_DIR OUT_DIR --copy K

A benchmark past the generated corpus's size needs more reports, and the same files again are not
more reports: every copy of a department-year is the same department and year, so the audit folds
the copies into one version group (重复报送) and one cluster. Copy K (K ≥ 1) instead moves every
county of the corpus to a county of its own: in every XML part of each Word file the county's name
(and so each department's name, the 财政局's, the titles), its county seat, and the county's part
of each 预算编码 (its first two digits) are rewritten the same way. The copy's reports are then the
reports of other departments, with the same figures, layout and labelled discrepancies, so the
audit finds the same things in them. A form that names no county (某县…, the family forms) may be
any county's: the audit would take its copies for versions of one report sent by every county, so
the copies leave it out.

Budget codes open with the county's two digits (`corpus.gen_catalog.County.code`), so the copies
of one corpus are limited by the two-digit prefixes its counties leave free.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus import gen_catalog as cat
from corpus.generate import ANSWER_KEY

CODE_PREFIX_DIGITS = 2  # the county's part of a 预算编码
# Characters of the copies' county names: none is a first character of a catalog county, so a new
# name never equals or overlaps an existing one.
NAME_FIRST = "东西北金银玉翠桂松柏梅竹荷榆杏柳"
NAME_SECOND = "溪浦岭湖塘岗坪洲"
XML_SUFFIXES = (".xml", ".rels")
NOT_A_CODE = '.,"0123456789'  # next to a digit run: part of an amount or an attribute value, not a 预算编码


@dataclass(frozen=True)
class NewCounty:
    name: str
    code: str | None  # two digits; None for a county whose reports carry no 预算编码


def _catalog() -> dict[str, cat.County]:
    return {c.name: c for c in (*cat.COUNTIES, *cat.MORE_COUNTIES)}


def county_names() -> list[str]:
    """Every name a copy's county may take, in a fixed order."""
    taken = set(_catalog())
    return [a + b + "县" for a in NAME_FIRST for b in NAME_SECOND if a + b + "县" not in taken]


def file_county(reports: Iterable[dict]) -> str | None:
    """The county a file's reports belong to (the answer key's `county`); None for a form naming none."""
    return next((r["county"] for r in reports if r.get("county")), None)


def corpus_counties(key: dict) -> tuple[list[str], dict[str, set[str]]]:
    """The corpus's counties in order of first appearance, and each one's 预算编码."""
    order: list[str] = []
    codes: dict[str, set[str]] = {}
    for f in key["files"]:
        county = file_county(f["reports"])
        if county is None:
            continue
        if county not in codes:
            order.append(county)
            codes[county] = set()
        codes[county] |= {r["budget_code"] for r in f["reports"] if r.get("budget_code")}
    return order, codes


def plan(key: dict, copies: int) -> list[dict[str, NewCounty]]:
    """For copy 1 … copies-1, each county of the corpus's new county (copy 0 is the corpus itself).

    Raises ValueError when the free names or budget-code prefixes do not suffice.
    """
    counties, codes = corpus_counties(key)
    used = {code[:CODE_PREFIX_DIGITS] for found in codes.values() for code in found}
    free_codes = [f"{n:02d}" for n in range(10, 100) if f"{n:02d}" not in used]
    names = county_names()
    coded = [c for c in counties if codes[c]]
    needed_codes, needed_names = (copies - 1) * len(coded), (copies - 1) * len(counties)
    if needed_codes > len(free_codes) or needed_names > len(names):
        most = 1 + min(len(free_codes) // max(1, len(coded)), len(names) // max(1, len(counties)))
        raise ValueError(
            f"this corpus has {len(counties)} counties: at most {most} distinct copies, not {copies}"
        )
    out: list[dict[str, NewCounty]] = [{}]
    name_at = code_at = 0
    for _ in range(1, copies):
        mapping = {}
        for county in counties:
            code = None
            if codes[county]:
                code, code_at = free_codes[code_at], code_at + 1
            mapping[county], name_at = NewCounty(names[name_at], code), name_at + 1
        out.append(mapping)
    return out


def replacements(county: str, new: NewCounty, codes: Iterable[str]) -> dict[str, str]:
    """Old text → new text for a file of `county`: its name, its seat's, its departments' codes."""
    out = {county: new.name}
    seat = _catalog().get(county)
    if seat is not None:
        out[seat.town] = new.name[0] + "城镇"
    if new.code is not None:
        out.update({code: new.code + code[CODE_PREFIX_DIGITS:] for code in codes})
    return out


def _replace_codes(text: str, codes: dict[str, str]) -> str:
    """Each code of `codes` replaced where it stands as a whole number (not inside an amount such as
    510312.00 nor an attribute value)."""
    for old, new in codes.items():
        pieces, at = [], 0
        while (found := text.find(old, at)) >= 0:
            end = found + len(old)
            before, after = text[found - 1 : found], text[end : end + 1]
            whole = not (before and before in NOT_A_CODE) and not (after and after in NOT_A_CODE)
            pieces += [text[at:found], new if whole else old]
            at = end
        text = "".join(pieces) + text[at:]
    return text


def rewrite_text(changes: dict[str, str]) -> Callable[[str], str]:
    """A function making `changes` in a text: names anywhere, codes as whole numbers."""
    names = {old: new for old, new in changes.items() if not old.isdigit()}
    codes = {old: new for old, new in changes.items() if old.isdigit()}
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return lambda text: _replace_codes(pattern.sub(lambda m: names[m.group(0)], text), codes)


def rewrite_docx(src: Path, dst: Path, changes: dict[str, str]) -> Path:
    """`src` with `changes` made in every XML part, written to `dst` (entries, order and dates kept)."""
    rewrite = rewrite_text(changes)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(XML_SUFFIXES):
                data = rewrite(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data, compress_type=info.compress_type)
    return dst


def write_copy(src_dir: Path, out_dir: Path, copy: int, key: dict | None = None) -> list[str]:
    """Copy number `copy` of the corpus in `src_dir` into `out_dir`; the names of its files."""
    key = key or json.loads((src_dir / ANSWER_KEY).read_text(encoding="utf-8"))
    mapping = plan(key, copy + 1)[copy]
    _, codes = corpus_counties(key)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = []
    for f in key["files"]:
        county = file_county(f["reports"])
        if county is None:
            continue  # may be any county's: see the module's docstring
        rewrite_docx(
            src_dir / f["file"], out_dir / f["file"], replacements(county, mapping[county], codes[county])
        )
        names.append(f["file"])
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.recounty", description=__doc__.splitlines()[0])
    parser.add_argument("src_dir", type=Path, help="a generated corpus (with its answer_key.json)")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--copy", type=int, default=1, help="which copy (1, 2 …): each has its own counties")
    args = parser.parse_args(argv)
    names = write_copy(args.src_dir, args.out_dir, args.copy)
    print(f"{len(names)} files → {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
