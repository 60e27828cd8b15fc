"""Word files of the national 项目支出绩效自评表 family and Hunan's 基础数据表, built with python-docx.

Used by the tests (clean forms with the default figures) and by the generator (`gen_families`).

The labels and layouts follow public examples (Anhui 附件 项目支出绩效自评表（2022年度）, Yunnan 公开14表
with 指标性质 | 指标值 | 度量单位 and money in 元, Sichuan 部门预算项目支出绩效自评表 510000_0013zp, Hunan
附件3 基础数据表 + 评价指标表). Figures are ours and add up; `FORM_FIGURES` states what must come out.
A grid is a list of rows; `None` continues the cell to the left (a horizontal merge) and `"^"` the
cell above (a vertical merge), as a reader of the printed form would see it.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from corpus.render_docx import AUTHOR, FIXED_TIME, _stable_zip

UP, LEFT = "^", None


def merged_regions(rows: list[list[str | None]]):
    """(r0, c0, r1, c1, text) of each cell of the grid: a cell spans the LEFT marks to its right and
    the UP marks below it."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in (UP, LEFT):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] is LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < len(rows) and c < len(rows[r1 + 1]) and rows[r1 + 1][c] == UP:
                r1 += 1
            yield r, c, r1, c1, text


def add_grid(container, rows: list[list[str | None]]):
    """A table with the grid's merges applied; returns the python-docx table."""
    n_cols = max(len(r) for r in rows)
    table = container.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text not in (UP, LEFT):
                table.cell(r, c).text = text
    for r, c, r1, c1, text in merged_regions(rows):
        if (r1, c1) != (r, c):
            merged = table.cell(r, c).merge(table.cell(r1, c1))
            merged.text = text
    return table


# --------------------------------------------------------------------------------- national form

NATIONAL_BUDGET = [  # item, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 (万元)
    ("年度资金总额：", "100", "120", "114", "10", "95%", "9.5"),
    ("其中：本年财政拨款", "100", "100", "96", "—", "96%", "—"),
    ("上年结转资金", "0", "20", "18", "—", "90%", "—"),
    ("其他资金", "", "", "", "—", "", "—"),
]
NATIONAL_INDICATORS = [  # level1, level2, name, nature, value, unit, actual, 分值, 得分, 偏差
    ("产出指标（50分）", "数量指标", "培训人次", "≥", "500", "人次", "520", "20", "20", ""),
    ("^", "质量指标", "培训合格率", "≥", "95", "%", "96", "15", "15", ""),
    ("^", "时效指标", "按时完成率", "=", "100", "%", "100", "15", "15", ""),
    (
        "效益指标（30分）",
        "社会效益指标",
        "群众知晓度",
        "定性",
        "显著提高",
        "",
        "达成预期指标",
        "30",
        "27",
        "",
    ),
    ("满意度指标（10分）", "服务对象满意度指标", "培训对象满意度", "≥", "90", "%", "92", "10", "10", ""),
]
NATIONAL_TOTAL = ("100", "96.5", "优")
GOALS = ("举办培训班10期，培训500人次，合格率不低于95%。", "举办培训班11期，培训520人次，合格率96%。")


def national_target(nature: str, value: str, unit: str) -> str:
    """年度指标值 as the one-column national form prints it: ≥500人次, 显著提高."""
    return value if nature == "定性" else f"{nature}{value}{unit}"


def money(text: str, unit: str) -> str:
    """A 万元 figure as the form prints it in `unit` (元: ×10000)."""
    if unit == "万元" or not text or text[0] not in "0123456789":
        return text
    from decimal import Decimal

    return f"{Decimal(text) * 10000:.2f}"


NATIONAL_NAMES = ("农民工技能培训项目", "某县人力资源和社会保障局", "某县就业服务中心")
SICHUAN_NAMES = ("农村公路养护项目", "某县交通运输局", "某县农村公路养护中心")


def national_rows(
    unit: str = "万元",
    yunnan: bool = False,
    budget=None,
    indicators=None,
    total=None,
    names=None,
    goals=GOALS,
):
    project, supervisor, department = names or NATIONAL_NAMES
    budget = budget or NATIONAL_BUDGET
    indicators = indicators or NATIONAL_INDICATORS
    total = total or NATIONAL_TOTAL
    width = 11 if yunnan else 9
    pad = [LEFT] * (width - 9)

    def wide(label: str, value: str) -> list:
        return [label, value] + [LEFT] * (width - 2)

    rows: list[list] = [wide("项目名称", project)]
    rows.append(["主管部门", supervisor, LEFT, LEFT, "实施单位", department, *[LEFT] * (width - 6)])
    rows.append(
        [
            f"项目资金（{unit}）",
            "",
            LEFT,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            *pad,
        ]
    )
    for item, a, b, c, pts, rate, score in budget:
        rows.append(["^", item, LEFT, money(a, unit), money(b, unit), money(c, unit), pts, rate, score, *pad])
    half = (width - 1) // 2
    rows.append(
        ["年度总体目标", "预期目标", *[LEFT] * (half - 1), "实际完成情况", *[LEFT] * (width - 2 - half)]
    )
    rows.append(["^", goals[0], *[LEFT] * (half - 1), goals[1], *[LEFT] * (width - 2 - half)])
    if yunnan:
        rows.append(
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                LEFT,
                LEFT,
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ]
        )
        rows.append(["^", "^", "^", "^", "指标性质", "指标值", "度量单位", "^", "^", "^", "^"])
    else:
        rows.append(
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ]
        )
    for l1, l2, name, nature, value, unit_, actual, pts, score, dev in indicators:
        target = [nature, value, unit_] if yunnan else [national_target(nature, value, unit_)]
        rows.append(["^", l1, l2, name, *target, actual, pts, score, dev])
    rows.append(["总分", LEFT, LEFT, LEFT, LEFT, *[LEFT] * (width - 9), total[0], LEFT, total[1], total[2]])
    return rows


def national_docx(
    path: Path, unit: str = "万元", yunnan: bool = False, layout_table: bool = False, year: int = 2022, **kw
) -> Path:
    doc = Document()
    if yunnan:
        doc.add_paragraph(f"{year}年度项目支出绩效自评表")
        doc.add_paragraph(f"部门：{(kw.get('names') or NATIONAL_NAMES)[1]}")
    else:
        doc.add_paragraph("附件")
        doc.add_paragraph("项目支出绩效自评表")
        doc.add_paragraph(f"（{year}年度）")
    container = doc
    if layout_table:  # a county's one-cell layout table around the whole form
        container = doc.add_table(rows=1, cols=1).cell(0, 0)
    add_grid(container, national_rows(unit, yunnan, **kw))
    return save(doc, path)


def save(doc, path: Path) -> Path:
    """Deterministic bytes: fixed core properties and zip timestamps (same input, same file)."""
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    path.write_bytes(_stable_zip(buf.getvalue()))
    return path


# --------------------------------------------------------------------------------- Sichuan

SICHUAN_BUDGET = [  # item, 年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分, 原因
    ("总额", "50", "60", "57", "95%", "10", "9.5", ""),
    ("其中:财政资金", "50", "60", "57", "95%", "—", "—", ""),
    ("财政专户管理资金", "", "", "", "", "—", "—", ""),
    ("单位资金", "", "", "", "", "—", "—", ""),
    ("其他资金", "", "", "", "", "—", "—", ""),
]
SICHUAN_INDICATORS = [
    ("产出指标", "数量指标", "维修道路里程", "≥", "12", "公里", "12.5", "30", "30", ""),
    ("^", "质量指标", "验收合格率", "=", "100", "%", "100", "20", "20", ""),
    ("^", "成本指标", "每公里维修成本", "≤", "5", "万元", "4.56", "10", "10", ""),
    ("效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "明显改善", "20", "18", ""),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%", "95", "10", "10", ""),
]


# The Sichuan form's closing blocks, read as the report's narrative.
SICHUAN_CONCLUSIONS = (("评价结论", "项目完成较好。"), ("存在问题", "无"), ("改进措施", "无"))


def sichuan_rows(budget=None, indicators=None, total=("100", "97.5"), names=None, goals=GOALS):
    project, supervisor, department = names or SICHUAN_NAMES
    budget = budget or SICHUAN_BUDGET
    indicators = indicators or SICHUAN_INDICATORS
    w = 11
    rows: list[list] = [
        ["项目名称", project, *[LEFT] * (w - 2)],
        ["主管部门", supervisor, LEFT, LEFT, "实施单位（盖章）", department, *[LEFT] * (w - 6)],
        ["项目基本情况", "1.项目年度目标完成情况", *[LEFT] * (w - 2)],
        ["^", "项目年度目标", LEFT, LEFT, LEFT, "年度目标完成情况", *[LEFT] * (w - 6)],
        ["^", goals[0], LEFT, LEFT, LEFT, goals[1], *[LEFT] * (w - 6)],
        [
            "预算执行情况（10分）",
            "年度预算数（万元）",
            LEFT,
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
            LEFT,
        ],
    ]
    for item, a, b, c, rate, wt, pts, why in budget:
        rows.append(["^", item, LEFT, a, b, c, rate, wt, pts, why, LEFT])
    rows.append(
        [
            "绩效指标（90分）",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ]
    )
    for l1, l2, name, nature, value, unit, actual, pts, score, dev in indicators:
        rows.append(["^", l1, l2, name, nature, value, unit, actual, pts, score, dev])
    rows.append(["合计", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, total[0], total[1], ""])
    for heading, text in SICHUAN_CONCLUSIONS:
        rows.append([heading, text, *[LEFT] * (w - 2)])
    return rows


def sichuan_docx(path: Path, year: int = 2022, manager: str = "张三", **kw) -> Path:
    doc = Document()
    doc.add_paragraph("部门预算项目支出绩效自评表")
    doc.add_paragraph(f"（{year}年度）")
    doc.add_paragraph("报表编号：510000_0013zp")
    add_grid(doc, sichuan_rows(**kw))
    doc.add_paragraph(f"项目负责人：{manager}        财务负责人：李四")
    return save(doc, path)


# --------------------------------------------------------------------------------- Hunan 基础数据表

BASIC_STAFF = ("143", "136", "95.10%")
BASIC_COSTS = [  # item, 上年决算数, 本年预算数, 本年决算数 (万元)
    ("三公经费", "29.08", "63.46", "44.29"),
    ("1、公务用车购置和维护经费", "11.86", "41.46", "39.30"),
    ("其中：公车购置", "", "29.46", "29.46"),
    ("公车运行维护", "11.86", "12.00", "9.84"),
    ("2、出国经费", "", "", ""),
    ("3、公务接待", "17.22", "22.00", "4.99"),
    ("项目支出：", "", "", ""),
    ("1、业务工作专项", "938.80", "320.00", "689.16"),
    ("2、运行维护专项", "", "", ""),
    ("公用经费", "", "", ""),
    ("其中：办公经费", "14.44", "10.00", "0.68"),
    ("水费、电费、差旅费", "17.92", "7.50", "25.36"),
    ("会议费、培训费", "", "0.80", ""),
    ("政府采购金额", "16.14", "30.66", "30.66"),
    ("部门整体支出预算调整", "", "1922.76", "2690.62"),
]
BASIC_RUBRIC = [  # 一级指标, 分值, 二级指标, 分值, 三级指标, 分值, 评价标准, 指标说明, 得分
    ("投入", "16", "预算配置", "16", "在职人员控制率", "8", "以100%为标准，每超过一个百分点扣0.5分",
     "在职人员136人，编制数143人，控制率95.10%", "8"),
    ("^", "^", "^", "^", "三公经费变动率", "8", "变动率≤0，计8分",
     "本年三公经费44.29万元，上年29.08万元，变动率52.30%", "0"),
]  # fmt: skip


def hunan_basic_data_rows(staff=BASIC_STAFF, costs=None, year: int = 2018) -> list[list]:
    """基础数据表: 财政供养人员情况 and 经费控制情况 (万元)."""
    rows: list[list] = [
        ["财政供养人员情况", "编制数", f"{year}年实际在职人数", "控制率"],
        ["^", *staff],
        ["经费控制情况", f"{year - 1}年决算数", f"{year}年预算数", f"{year}年决算数"],
    ]
    return rows + [list(row) for row in costs or BASIC_COSTS]


def hunan_basic_rubric_rows(rubric_rows=None) -> list[list]:
    """评价指标表: the rubric rows (BASIC_RUBRIC's layout) and their 合计."""
    rubric = [["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]]
    rubric += [list(r) for r in rubric_rows or BASIC_RUBRIC]
    rubric.append(["合计", LEFT, LEFT, LEFT, LEFT, "16", "", "", "8"])
    return rubric


def hunan_basic_titles(department: str, year: int) -> tuple[list[str], list[str]]:
    """The lines above the 基础数据表 and above the 评价指标表."""
    data = [
        "附件3：",
        "部门整体支出绩效评价基础数据表",
        f"填报单位：{department}                              单位：万元",
    ]
    return data, [f"{department}{year}年度部门整体支出绩效评价指标表"]


def hunan_basic_docx(
    path: Path,
    with_rubric: bool = True,
    staff=BASIC_STAFF,
    costs=None,
    year: int = 2018,
    department: str = "某县城市管理局",
    with_data: bool = True,
    rubric=None,
) -> Path:
    doc = Document()
    data_titles, rubric_titles = hunan_basic_titles(department, year)
    if with_data:
        for line in data_titles:
            doc.add_paragraph(line)
        add_grid(doc, hunan_basic_data_rows(staff, costs, year))
    if with_rubric:
        for line in rubric_titles:
            doc.add_paragraph(line)
        add_grid(doc, hunan_basic_rubric_rows(rubric))
    return save(doc, path)


# --------------------------------------------------------------------------------- Hubei and Chongqing

HUBEI_INDICATORS = [  # level1, level2, name, 年初目标值(A), 实际完成值(B), 分值, 得分, 偏差
    ("产出指标（40分）", "数量指标", "培训人次", "≥500人次", "520", "20", "20", ""),
    ("^", "质量指标", "培训合格率", "≥95%", "96", "20", "20", ""),
    ("效益指标（30分）", "社会效益指标", "群众知晓度", "显著提高", "达成预期指标", "30", "27", ""),
    ("满意度指标（10分）", "服务对象满意度指标", "培训对象满意度", "≥90%", "92", "10", "10", ""),
]


def hubei_docx(path: Path, budget=("100", "95", "95%", "19"), total=("100", "96")) -> Path:
    """Hubei: 预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率), 年初目标值(A)."""
    w = 8
    rows: list[list] = [
        ["项目名称", "农民工技能培训项目", *[LEFT] * (w - 2)],
        ["主管部门", "某县人力资源和社会保障局", LEFT, LEFT, "实施单位", "某县就业服务中心", LEFT, LEFT],
        [
            "预算执行情况（万元）（20分）",
            "预算数（A）",
            LEFT,
            "执行数（B）",
            LEFT,
            "执行率（B/A）",
            "得分（20分*执行率）",
            LEFT,
        ],
        ["^", budget[0], LEFT, budget[1], LEFT, budget[2], budget[3], LEFT],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值（A）",
            "实际完成值（B）",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    ]
    rows += [list(r) for r in HUBEI_INDICATORS]
    rows.append(["总分", LEFT, LEFT, LEFT, LEFT, total[0], total[1], ""])
    doc = Document()
    doc.add_paragraph("项目支出绩效自评表")
    doc.add_paragraph("（2021年度）")
    add_grid(doc, rows)
    return save(doc, path)


CHONGQING_INDICATORS = [  # level1, level2, name, 计量单位, 指标性质, 年初指标值, 调整指标值, 全年完成值, 得分系数, 权重, 得分
    ("产出指标", "数量指标", "办理案件数", "件", "≥", "300", "320", "330", "100", "30", "30"),
    ("^", "时效指标", "按时办结率", "%", "≥", "95", "", "97", "100", "30", "30"),
    ("效益指标", "社会效益指标", "群众满意度", "%", "≥", "90", "", "93", "100", "30", "30"),
]


def chongqing_docx(path: Path) -> Path:
    """Chongqing 部门整体: 全年(调整)预算数, 执行率权重, 执行率得分(分); 计量单位 | 指标性质 | 年初指标值 |
    调整指标值 | 全年完成值 | 得分系数(%) | 指标权重(分) | 指标得分(分)."""
    w = 11
    rows: list[list] = [
        ["单位名称", "某区司法局", *[LEFT] * (w - 2)],
        [
            "资金情况（万元）",
            "",
            LEFT,
            "年初预算数",
            "全年（调整）预算数",
            "全年执行数",
            "执行率",
            "执行率权重",
            "执行率得分（分）",
            LEFT,
            LEFT,
        ],
        ["^", "年度资金总额", LEFT, "800.00", "850.00", "833.00", "98.00%", "10", "9.8", LEFT, LEFT],
        ["^", "其中：财政拨款", LEFT, "800.00", "850.00", "833.00", "98.00%", "—", "—", LEFT, LEFT],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "计量单位",
            "指标性质",
            "年初指标值",
            "调整指标值",
            "全年完成值",
            "得分系数（%）",
            "指标权重（分）",
            "指标得分（分）",
        ],
    ]
    rows += [list(r) for r in CHONGQING_INDICATORS]
    rows.append(["合计", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", "99.8"])
    doc = Document()
    doc.add_paragraph("2022年度部门整体支出绩效自评表")
    add_grid(doc, rows)
    return save(doc, path)
