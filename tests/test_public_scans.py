"""Scans of real public layouts read as their Word files (issue 12: layouts the OCR was not built on).

The OCR reader was measured on scans of the generator's reports and of the 华容 seed. Here the
public layouts of the shape tests (each built by its own fixture's builder, citing its source) are
printed by LibreOffice, put through `corpus.build_scans`' scanner (seal, tilt, blur, noise, JPEG;
each layout scanned differently) and read back by OCR. They are compared as `audit eval --scans`
compares a scan with its original (`corpus.eval_scans`): every value equal as print shows it, free
text within OCR's error rate, or flagged low-confidence; nothing silently wrong. The clean copy gives
the Word file's `error` findings (none), and a mistake planted in a figure still fires.

Chosen for what each shows, one page where the layout allows (OCR costs seconds a page):

- 贵州 太白镇 (3 pages): columns two characters wide, figures wrapped inside a cell ("1172." / "55"),
  a quote mark over 三 ("“三" / "公”经…"), one 分值 | 得分 merged down beside the source rows, a
  table running over two page breaks;
- 四川 大英县 (2 pages): "<code>-<name>" cells, "/" in the 权重 | 得分 cells of the source rows, ≤ and
  = alone in the 指标性质 column;
- 河北 廊坊 (2 pages): header cells broken over two lines, the template's spare 指标2 / …… slots;
- 上海 普陀 (1 page): figures in 元 with thousands separators, — in blank 分值 cells, 绩效指标 set one
  character a line;
- 云南 丽江 (1 page): the title as the table's first row, the small equals sign ﹦ and ≥ as 指标性质;
- 2017 得分表 (1 page): points only in the labels (相关性（5分）), sentences before the table;
- 重庆 大足 goal form (1 page): no 得分 column, 年度目标 texts spanning the width;
- 广东 遂溪 (1 page, a .jpg): a prose-only project report with its cover lines.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("cv2")

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from corpus.build_scans import ScanStyle, print_pdf, save_scan, scan_name, scanned_pages
from corpus.eval_scans import ScanFields, judge_scan_leaves
from corpus.evaluate import compare_report
from corpus.render_families import LEFT
from tests import prose_factory
from tests import test_public_shapes_s5 as s5
from tests import test_public_shapes_s5b as s5b
from tests import test_public_shapes_s5c as s5c

pytestmark = [pytest.mark.slow, pytest.mark.soffice]

SEED = 1212  # the scanner's noise; each layout adds its index


@contextlib.contextmanager
def prose_saved_in(tmp_path: Path, name: str, *modules):
    """A prose fixture (built through `prose_reports`) written to tmp_path/name instead of a
    temporary file, so its Word file can be printed and scanned."""
    saved = tmp_path / name

    def prose_reports(*lines: str):
        return to_reports(read_document(prose_factory.write_docx(saved, list(lines))))

    with pytest.MonkeyPatch.context() as mp:
        for module in (prose_factory, *modules):
            mp.setattr(module, "prose_reports", prose_reports)
        yield saved


def built(builder: Callable, tmp_path: Path, name: str, *args) -> Path:
    """The Word file a shape fixture's builder saves as tmp_path/name."""
    builder(tmp_path, *args)
    return tmp_path / name


def suixi(tmp_path: Path, rate: str = "90") -> Path:
    with prose_saved_in(tmp_path, "suixi.docx") as saved:
        s5._suixi(rate)
    return saved


def edited(grid: list[list[str]], row: int, cells: list[str]) -> list[list[str]]:
    """A copy of a fixture's grid with one row replaced (a planted mistake)."""
    out = [r[:] for r in grid]
    out[row] = cells
    return out


@dataclass(frozen=True)
class Layout:
    build: Callable[[Path], Path]  # tmp_path → the Word file
    style: ScanStyle


LAYOUTS: dict[str, Layout] = {
    "guizhou_taibai": Layout(
        lambda tmp: built(s5b._taibai, tmp, "taibai.docx", s5b.TAIBAI),
        ScanStyle(skew=(0.7, -0.5, 0.4), seal=True, quality=35),
    ),
    "sichuan_daying": Layout(
        lambda tmp: built(s5b._daying, tmp, "daying.docx"),
        ScanStyle(skew=(-0.6, 0.3), blur=1.0, seal=True, quality=40),
    ),
    "hebei_langfang": Layout(
        lambda tmp: built(s5._langfang, tmp, "langfang.docx", s5.LANGFANG),
        ScanStyle(skew=(0.4, -0.8), noise=6.0, seal=False, quality=30),
    ),
    "shanghai_putuo": Layout(
        lambda tmp: built(s5._putuo, tmp, "putuo.docx", s5.PUTUO),
        ScanStyle(skew=(1.0,), seal=True, quality=35),
    ),
    "yunnan_lijiang": Layout(
        lambda tmp: built(s5._lijiang, tmp, "lijiang.docx", s5.LIJIANG),
        ScanStyle(skew=(-0.3,), blur=1.1, seal=True, quality=40),
    ),
    "score_sheet_2017": Layout(
        lambda tmp: built(s5._score_sheet, tmp, "score_sheet.docx", s5.SCORE_SHEET_2017),
        ScanStyle(skew=(0.5,), noise=7.0, seal=False, quality=30),
    ),
    "chongqing_dazu": Layout(
        lambda tmp: built(s5c._dazu, tmp, "dazu.docx", s5c.DAZU),
        ScanStyle(skew=(-0.9,), seal=True, quality=45),
    ),
    "guangdong_suixi": Layout(suixi, ScanStyle(skew=(0.2,), blur=0.9, seal=False, output="jpg")),
}

# A mistake planted in a figure of a layout (its Word file), and the error rule that must still fire
# on its scan.
MISTAKES: dict[str, tuple[Callable[[Path], Path], str]] = {
    # 10 budget points for 86.18 % execution (the shape test's R321)
    "shanghai_putuo": (
        lambda tmp: built(
            s5._putuo,
            tmp,
            "putuo.docx",
            edited(
                edited(s5.PUTUO, 3, [*s5.PUTUO[3][:7], "10", LEFT]),
                -1,
                ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", LEFT],
            ),
        ),
        "R321",
    ),
    # 科目调整次数 ≤ 10 次, 2 次 done, scored 25 of 22.5: read only if ≤ and the figures are
    "sichuan_daying": (
        lambda tmp: built(
            s5b._daying,
            tmp,
            "daying.docx",
            s5b.DAYING_BUDGET,
            [
                s5b.DAYING_INDICATORS[0],
                (*s5b.DAYING_INDICATORS[1][:8], "25", ""),
                *s5b.DAYING_INDICATORS[2:],
            ],
            ("100", "102.5"),
        ),
        "R322",
    ),
    # 测算依据 6 of its label's 5 points (the shape test's R303)
    "score_sheet_2017": (
        lambda tmp: built(
            s5._score_sheet,
            tmp,
            "score_sheet.docx",
            edited(
                edited(
                    s5.SCORE_SHEET_2017,
                    4,
                    [s5.SCORE_SHEET_2017[4][0], "预算编制（10分）", "测算依据（5分）", "6"],
                ),
                -1,
                ["总分（100分）", LEFT, LEFT, "97"],
            ),
        ),
        "R303",
    ),
    # 执行率 95 % stated for 1215 / 1350 = 90 % (the shape test's N209)
    "guangdong_suixi": (lambda tmp: suixi(tmp, rate="95"), "N209"),
}


def scan_of(docx: Path, style: ScanStyle, seed: int) -> Path:
    """The Word file printed by LibreOffice (with its timeout) and put through the scanner."""
    work = docx.parent / f"print_{docx.stem}"
    work.mkdir()
    pages, _ = scanned_pages(print_pdf(docx, work), seed, style)
    scan = docx.parent / scan_name(docx.name, style)
    save_scan(pages, scan, style)
    return scan


def silently_wrong(word_reports: list, scan_reports: list) -> list:
    """Leaves of the scan's model that differ from the Word file's with nothing flagging them
    (the scan evaluation's judge: print-equal, free text within OCR's rate, or flagged is fine)."""
    fields = ScanFields()
    judge = judge_scan_leaves(fields)
    for i, word in enumerate(word_reports):
        got = scan_reports[i].values() if i < len(scan_reports) else None
        _, misses = compare_report("scan", i, word.values(), got)
        judge(scan_reports, i, misses)
    return fields.silently_wrong


def errors(reports: list) -> list[str]:
    return sorted(f.rule for f in run_audit(reports).findings if f.severity == "error")


def read_both(tmp_path: Path, build: Callable[[Path], Path], style: ScanStyle, seed: int):
    docx = build(tmp_path)
    word = to_reports(read_document(docx))
    raw = read_document(scan_of(docx, style, seed))
    assert raw.ocr_pages >= 1
    return word, to_reports(raw)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_scan_of_a_public_layout_reads_as_its_word_file(tmp_path, name):
    layout = LAYOUTS[name]
    word, scan = read_both(tmp_path, layout.build, layout.style, SEED + list(LAYOUTS).index(name))
    assert len(scan) == len(word) == 1
    assert silently_wrong(word, scan) == []
    assert errors(scan) == errors(word) == []


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_mistake_planted_in_a_public_layout_is_found_on_its_scan(tmp_path, name):
    build, rule = MISTAKES[name]
    word, scan = read_both(tmp_path, build, LAYOUTS[name].style, SEED + 100 + list(MISTAKES).index(name))
    assert rule in errors(word)
    assert silently_wrong(word, scan) == []
    assert errors(scan) == errors(word)
