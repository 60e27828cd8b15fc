"""Font facts both PDF engines' glyph boxes rest on: each font's /Descent, taken as pdfminer
takes it, unless it cannot be a descent.

pdfminer (under pdfplumber) sets a glyph's box from its baseline plus the font descriptor's
/Descent up one font size. Some writers put the font's bounding box there instead (cairo writes
−1048 for a CJK font whose descent is about −120): every glyph's box then hangs a whole line
below its baseline, and a table's text lands in the row beneath. A descent deeper than
`PLAUSIBLE_DESCENT` of the size is therefore taken as none (pdfminer's default, 0) by both
engines: the pdfium reader builds its boxes with it, and the pdfplumber reader moves the boxes
pdfminer made (`boxes_on_usable_descents`).
"""

from __future__ import annotations

import re

DEFAULT_DESCENT = 0.0  # a font without a /Descent in its descriptor (pdfminer's default)
PLAUSIBLE_DESCENT = 0.5  # of the font size: real fonts' descents are 0.1–0.3 (CJK ≈ 0.12–0.29)
MAX_FORM_DEPTH = 3  # form XObjects inside form XObjects searched for fonts
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")  # ABCDEF+SimSun: a subset's name (PDF 32000 9.6.4)


def usable_descent(descent: float) -> float:
    """The descent (a fraction of the size, ≤ 0) a box is built on: the font's own unless it
    cannot be one."""
    return descent if -PLAUSIBLE_DESCENT <= descent <= 0 else DEFAULT_DESCENT


def collect_descents(resources: dict, found: dict[str, float], depth: int = 0) -> None:
    """Descents of a resource dictionary's fonts and of those of the form XObjects it holds, by
    base font name, as pdfminer reads them: the descriptor's /Descent (of a descendant font for
    Type0), pdfminer's built-in metrics for the standard 14 fonts, a positive value negated."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    for spec in (resolve1(resources.get("Font")) or {}).values():
        font = resolve1(spec) or {}
        name = pdf_name(resolve1(font.get("BaseFont")))
        if not name or name in found:
            continue
        descriptor = resolve1(font.get("FontDescriptor"))
        if descriptor is None and name in FONT_METRICS:  # a standard 14 font: pdfminer's built-in metrics
            descriptor = FONT_METRICS[name][0]
        if descriptor is None and font.get("DescendantFonts") is not None:
            descendants = resolve1(font["DescendantFonts"]) or [None]
            descriptor = resolve1((resolve1(descendants[0]) or {}).get("FontDescriptor"))
        descent = float(resolve1((descriptor or {}).get("Descent", 0)) or 0)
        found[name] = (-descent if descent > 0 else descent) / 1000
    if depth >= MAX_FORM_DEPTH:
        return
    for spec in (resolve1(resources.get("XObject")) or {}).values():
        xobject = resolve1(spec)
        attrs = getattr(xobject, "attrs", None)
        if attrs and pdf_name(attrs.get("Subtype")) == "Form" and attrs.get("Resources") is not None:
            collect_descents(resolve1(attrs["Resources"]) or {}, found, depth + 1)


def pdf_name(value) -> str:
    name = getattr(value, "name", value)
    return name.decode("latin-1") if isinstance(name, bytes) else str(name or "")


def fonts_by_pdfium_name(descents: dict[str, float]) -> dict[str, tuple[str, float] | None]:
    """pdfium's name for a font → pdfminer's name for it and its usable descent.

    pdfium names an embedded font by its font program's own name, which lacks the subset tag
    (ABCDEF+SimSun is "SimSun"), so such a font is found by its name without the tag.
    Several subsets of one font share that name: it stands for them when they agree on the
    descent (the name pdfium gives is kept then: it cannot tell them apart), and maps to None when
    they do not (the page is read by pdfplumber)."""
    usable = {name: usable_descent(d) for name, d in descents.items()}
    fonts: dict[str, tuple[str, float] | None] = {name: (name, d) for name, d in usable.items()}
    sharing: dict[str, list[tuple[str, float]]] = {}
    for name, descent in usable.items():
        base = SUBSET_TAG.sub("", name)
        if base != name:
            first = [(base, usable[base])] if base in usable else []
            sharing.setdefault(base, first).append((name, descent))
    for base, candidates in sharing.items():
        if len(candidates) == 1:
            fonts[base] = candidates[0]
        elif len({d for _, d in candidates}) == 1:
            fonts[base] = (base, candidates[0][1])
        else:
            fonts[base] = None
    return fonts


def boxes_on_usable_descents(chars: list[dict], descents: dict[str, float]) -> list[dict]:
    """pdfplumber's chars with the boxes pdfminer built on an implausible descent moved to where
    the usable one puts them (upright glyphs: the box moves along the page's y by the difference
    times the glyph's size); every other char as it is."""
    shifts = {name: d - usable_descent(d) for name, d in descents.items() if usable_descent(d) != d}
    if not shifts:
        return chars
    moved = []
    for ch in chars:
        shift = shifts.get(ch.get("fontname"))
        if shift and ch.get("upright"):
            lift = shift * ch["size"]  # negative: the box goes up the page
            ch = {**ch, "top": ch["top"] + lift, "bottom": ch["bottom"] + lift, "doctop": ch["doctop"] + lift}
        moved.append(ch)
    return moved
