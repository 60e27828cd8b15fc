"""The template's labels and the wordings counties use for them, as data.

Keys are compared after `label_key` (halfwidth, no whitespace, （） brackets). Each
mapping is a list of (needles, field): the first entry any needle of which occurs in a
column's header wins, so more specific wordings come first.
"""

from __future__ import annotations

# Title lines (a whole short line, after label_key) that start a report or a rubric.
# A title may name the place, the department and the year in any order around these cores:
# 华容县2020年度部门整体支出绩效评价自评报告 / 华容县住建局2020年度部门整体支出绩效自评报告.
# Prose reports word them freely: …绩效评价报告, …绩效单位自评报告, …绩效自评情况说明, and as a letter
# "关于…的报告" (司城街道办事处关于2024年部门整体支出绩效自评的报告, …绩效自评情况的报告).
# 2022年度项目支出绩效自评总报告 (南昌市烈士陵园管理处): one report over all of a unit's projects
OF_REPORT = r"(?:(?:情况)?的报告|总?报告|情况说明)"
DEPARTMENT_TITLE = (
    rf"(?:(?:部门|单位)(?:（单位）)?整体支出(?:绩效)?(?:评价)?(?:单位)?(?:自评)?{OF_REPORT}?"
    rf"|整体支出绩效(?:评价)?(?:自评)?{OF_REPORT}"
    # 开远市第十二中学校2024年度部门整体和项目支出绩效自评报告: the unit's whole budget, its projects with it
    rf"|(?:部门|单位)整体(?:支出)?[和及与、]项目支出绩效(?:评价)?(?:自评)?{OF_REPORT})$"
)
# A village's works are reported by name: 关于2019年度高其坑通组道路工程绩效评价报告, 2021年衔接资金绩效自评报告;
# the year may stand inside the title (以工代赈项目2020年绩效评价报告).
PROJECT_TITLE = (
    r"(?:财政|项目|工程|资金|专项资金?|项目支出)(?:(?:19|20)[0-9]{2}年度?)?(?:支出)?绩效(?:评价)?(?:单位)?(?:自评(?:价)?)?"
    rf"{OF_REPORT}$"
)
# A unit's own year, with no 整体支出 or project named: 下桥镇人民政府2024年度绩效自评报告 reports on the
# unit's whole budget (tried after PROJECT_TITLE, so 以工代赈项目2020年绩效评价报告 stays a project's).
UNIT_YEAR_TITLE = rf"(?:19|20)[0-9]{{2}}\s*年度?绩效(?:评价)?(?:自评(?:价)?)?{OF_REPORT}$"
# 计分表: Hunan counties publish the score sheet alone (南县 2022年项目支出绩效自评指标计分表).
DEPARTMENT_RUBRIC_TITLE = r"(?:部门|单位)(?:（单位）)?整体支出绩效(?:评价)?(?:评分表|指标体系|评分标准|自评表|(?:自评)?(?:指标)?计分表)"
PROJECT_RUBRIC_TITLE = r"项目(?:支出)?绩效(?:评价)?(?:评分表|指标体系|评分标准|(?:自评)?(?:指标)?计分表)"
# Narrative lines are never titles: numbered headings (also one that lost its opening bracket, 三）当年…)
# and sentences about the 情况.
NOT_A_TITLE = r"^(?:[一二三四五六七八九十]+、|[（(]?[一二三四五六七八九十]+[）)]|[0-9]+[、.])|情况(?!说明$|的报告$)|如下|[，。；]"
TITLE_MAX_CHARS = 50
# The first label of each form, for files whose cover is missing.
DEPARTMENT_FORM_START = ("部门（单位）基本概况", "部门基本概况", "单位基本概况")
PROJECT_FORM_START = ("项目基本概况", "项目基本情况")
PART_LABEL = r"^附件\s*[0-9０-９]+(?:[-－—][0-9０-９]+)?"

UNIT_COLUMN = ("机构名称", "单位名称", "单位（机构）名称", "部门名称")
SUMMARY_ROW = ("汇总", "合计", "总计")

INCOME_COLUMNS = [
    (("收入合计", "收入总计", "合计"), "total"),
    (("上年结转", "年初结转"), "carryover"),
    (("一般公共预算", "公共财政", "公共预算"), "general_budget"),
    (("政府性基金", "政府基金"), "government_fund"),
    (("专户", "非税收入"), "special_account"),
    (("其他", "事业收入", "经营收入", "上级补助", "附属单位", "非同级"), "other"),
]
EXPENDITURE_COLUMNS = [
    (("支出合计", "支出总计", "合计"), "total"),
    (("人员",), "personnel"),
    (("公用",), "public"),
    (("基本支出",), "basic"),
    (("项目支出",), "project"),
    (("当年结余", "本年结余", "年末结余"), "balance_current"),
    (("累计结余", "滚存结余"), "balance_cumulative"),
]
THREE_PUBLIC_COLUMNS = [
    (("合计",), "total"),
    (("接待",), "reception"),
    (("运行维护", "运维", "运行费"), "vehicle_operation"),
    (("购置",), "vehicle_purchase"),
    (("出国", "出境"), "overseas"),
]
FIXED_ASSET_COLUMNS = [
    (("合计", "总计"), "total"),
    (("在用",), "in_use"),
    (("出租", "出借"), "leased"),
    (("其他", "闲置", "待处置"), "other"),
]
# A money table is recognised by the header of its total column.
MONEY_TABLE_ANCHORS = [
    (("收入合计", "收入总计"), "income", INCOME_COLUMNS),
    (("支出合计", "支出总计"), "expenditure", EXPENDITURE_COLUMNS),
    (("三公经费合计", "三公经费", "“三公”经费", "三公"), "three_public", THREE_PUBLIC_COLUMNS),
    (("固定资产合计", "固定资产总计", "固定资产"), "fixed_assets", FIXED_ASSET_COLUMNS),
]

# Label → field for "label | value" cells and "label：value" paragraphs.
MONEY_UNIT_WORDS = ("万元", "元", "千元", "亿元")  # 单位：万元 is no unit's name
DEPARTMENT_FIELDS = [
    # 单位 | 某县某局: the one cover row over 寿县's 部门整体支出绩效评价自评表 (a score sheet alone)
    (("部门（单位）名称", "部门名称", "单位名称", "填报单位", "部门（单位）", "单位"), "department"),
    (("预算编码", "预算代码", "单位编码"), "budget_code"),
    (("联系人",), "contact"),
    (("联络电话", "联系电话"), "contact_phone"),
    (("人员编制", "编制人数", "编制数", "人员编制数", "核定编制", "核定编制数"), "staffing.authorized"),
    (("实有人数", "在职人数", "实有在职人数", "年末实有人数", "实有人员"), "staffing.actual"),
    (("职能职责概述", "主要职能", "职能职责"), "duties"),
]
PROJECT_FIELDS = [
    (("项目名称",), "project_name"),
    # 预算部门单位（公章）: Guangdong's 项目支出绩效自评报告 cover names the unit whose budget it is
    (
        (
            "项目单位",
            "实施单位",
            "项目实施单位",
            "项目承担单位",
            "承担单位",
            "项目执行单位",
            "预算部门单位",
            "预算单位",
        ),
        "department",
    ),
    (("主管部门", "项目主管部门"), "supervisor"),
    (("项目负责人",), "manager"),
    (("联系电话", "联络电话"), "manager_phone"),
    (("项目地址", "项目实施地点"), "address"),
    (("项目起止时间", "项目实施期", "项目期限"), "period"),
]
COMMON_FIELDS = [
    (
        (
            "绩效自评综合得分",
            "自评综合得分",
            "综合得分",
            "自评总得分",
            "自评总分",
            "绩效自评得分",
            "自评得分",
        ),
        "self_score",
    ),
    (("评价等次", "评价等级", "评价结果等级", "绩效评价等次", "自评等次", "自评等级"), "grade"),
    (("评价方式",), "evaluation_method"),
    (("评价机构",), "evaluation_body"),
    (("报告日期", "填报日期"), "report_date"),
    (("评价类型",), "evaluation_type"),
    (("评价年度", "自评年度"), "year"),  # 评价年度：2022 (a cover line; the title may name none)
]

# Project funds: the four groups and the sources within each.
FUND_GROUPS = [
    (("计划安排", "预算安排", "计划资金", "计划投资", "年度预算", "全年预算", "预算数"), "planned"),
    (("实际到位", "到位资金", "资金到位"), "arrived"),
    (("实际支出", "支出资金", "资金支出", "执行数", "实际使用"), "spent"),
    (("结余", "结转"), "balance"),
]
FUND_SOURCES = [
    (("中央",), "central"),
    (("省",), "provincial"),
    (("市财政", "州财政", "市级", "地市"), "municipal"),
    (("县市区", "县级", "县财政", "区财政", "县（市、区）", "本级"), "county"),
    (("其它", "其他", "自筹", "社会"), "other"),
    (("合计", "小计", "总计"), "total"),
]

EXPENSE_COLUMNS = [
    (("支出内容", "支出项目", "明细", "内容"), "item"),
    (("实际支出", "支出数", "金额", "支出额"), "amount"),
    (("凭证",), "voucher"),
    (("备注",), "note"),
]
EXPENSE_TOTAL_ROW = ("支出合计", "合计", "总计")

INDICATOR_COLUMNS = [
    (("一级指标",), "level1"),
    (("二级指标",), "level2"),
    (("评价内容",), "level1"),
    (("指标内容", "三级指标", "指标名称"), "name"),
    (("绩效目标",), "name"),
    (("指标（目标）值", "（目标）值", "指标值", "目标值", "预期值"), "target"),
    (("实际完成值", "完成值", "实际值", "完成情况", "实际完成"), "actual"),
]
QUALITATIVE_SECTION = ("定性目标",)
QUANTITATIVE_SECTION = ("定量目标",)

RUBRIC_COLUMNS = [
    (("一级指标",), "level1"),
    (("二级指标",), "level2"),
    (("三级指标",), "level3"),
    (("评分标准", "评价标准", "评分办法", "评分规则"), "criteria"),
    (("具体指标", "指标解释", "指标说明"), "note"),
    (("扣分原因", "说明", "备注"), "note"),
    (("自评得分", "自评分", "得分"), "self_points"),
    (("分值", "权重", "标准分"), "max_points"),
]
RUBRIC_TOTAL_ROW = ("总分", "合计", "总计")
# A rubric item the unit may choose (经济效益（可选项）): left unscored, its 分值 is not part of the total.
OPTIONAL_ITEM_MARKS = ("可选项", "可选指标", "（可选）")

EVALUATOR_COLUMNS = [
    (("姓名",), "name"),
    (("职务", "职称"), "title"),
    (("单位",), "unit"),
    (("签字", "签名"), "signature"),
]
SIGNOFF_ROLES = (
    "评价组组长",
    "部门（单位）意见",
    "项目单位意见",
    "主管部门意见",
    "财政部门归口业务科室意见",
    "财政部门意见",
    "单位负责人",
)
NARRATIVE_START = ("评价报告综述", "绩效自评报告综述", "自评报告（文字部分）", "文字部分")

# ---------------------------------------------------------------- form families (issue 10)
# A family is recognised by the labels it carries; each signature group counts once when any of
# its needles is a (short) cell of the document. `normalize/families` holds the table of families.
NATIONAL_SIGNATURE = (
    ("年初预算数",),
    ("全年预算数", "全年预算数（A）"),
    ("全年执行数", "全年执行数（B）"),
    ("年度资金总额", "年度资金总额："),
    ("年度总体目标",),
    ("年度指标值",),
    ("实际完成值",),
    ("偏差原因分析及改进措施", "偏差原因分析"),
)
SICHUAN_SIGNATURE = (
    ("预算执行情况（10分）", "预算执行情况"),
    ("调整后预算数",),
    ("预算执行数",),
    ("预算执行率",),
    ("项目年度目标",),
    ("年度目标完成情况",),
    ("指标性质",),
    ("未完成原因分析",),
    ("财政专户管理资金",),
    ("单位资金",),
)
HUBEI_SIGNATURE = (
    ("预算数（A）",),
    ("执行数（B）",),
    ("执行率（B/A）",),
    ("年初目标值（A）",),
    ("实际完成值（B）",),
    ("得分（20分*执行率）",),
)
# A Hubei county's 财政预算支出项目绩效目标自评表 (广水 2021): funds by source in columns, a 评价内容 | 分值 |
# 自评分 | 复核分 block for 项目决策/项目管理, then the indicators with 年初指标值 | 年终完成值 | 自评分 | 复核分.
HUBEI_COUNTY_SIGNATURE = (
    ("项目主管单位",),
    ("自评总分",),
    ("评价内容",),
    ("复核分",),
    ("年终完成值",),
    ("年初指标值",),
    ("项目权重",),
)
CHONGQING_SIGNATURE = (
    ("全年（调整）预算数",),
    ("执行率权重",),
    ("执行率得分（分）", "执行率得分"),
    ("年初指标值",),
    ("调整指标值",),
    ("全年完成值",),
    ("得分系数（%）", "得分系数"),
    ("指标权重（分）",),
    ("指标得分（分）",),
    # 大足 2021 部门整体绩效目标自评表: 年初预算资金总额 | 实际投入资金额 | 产生差异的原因
    ("年初预算资金总额（万元）", "年初预算资金总额"),
    ("实际投入资金额（万元）", "实际投入资金额"),
    ("全年实际完成值",),
    ("产生差异的原因及改进措施",),
)
HUNAN_BASIC_SIGNATURE = (
    ("财政供养人员情况",),
    ("经费控制情况",),
    ("部门整体支出预算调整",),
    ("政府采购金额",),
    ("部门整体支出绩效评价基础数据表", "基础数据表"),
    ("部门整体支出绩效评价指标表",),
    ("指标说明",),
    ("评价标准",),
)
FAMILY_MIN_LABELS = 3  # fewer matching labels is not evidence of a family

# Project-table forms: the cover labels (label | value cells, or 部门：… lines).
TABLE_FORM_FIELDS = [
    # 专项资金名称: a county's 县级专项资金绩效目标自评表 (衡山 2020) names its fund where others name a project
    (("项目名称", "专项资金名称"), "project_name"),
    (
        ("主管部门", "主管部门（盖章）", "项目主管部门", "县级主管部门", "市级主管部门", "项目主管单位"),
        "supervisor",
    ),
    # 部门：… over a published form (Yunnan's 公开14表) names who publishes it: the 主管部门 when the form names
    # none, but a school publishing its own forms (永德 2022) is their 实施单位 under a 主管部门 row.
    (("部门",), "publisher"),
    (
        (
            "实施单位",
            "实施单位（盖章）",
            "项目实施单位",
            "项目单位",
            "项目承担单位",
            "承担单位",
            "单位名称",
            "部门（单位）名称",
            "部门名称",
        ),
        "department",
    ),
    (("项目负责人",), "manager"),
    (("自评总分", "自评总分（分）", "自评得分", "自评得分（分）", "绩效自评得分"), "self_score"),
    (("评价等次", "评价等级", "自评等级", "自评等次", "绩效等级", "自评结果"), "grade"),
    (("填报日期", "填表日期", "报告日期"), "report_date"),  # 单位名称：区商务局    填报日期：2021年4月22日
    (
        ("财务负责人", "填表人", "联系电话", "单位", "部门联系人", "联系人", "财政处室"),
        "_ignored",
    ),  # ends the value before it
]
# A new form starts at its 项目名称 row once the current one has content.
TABLE_FORM_START = ("项目名称", "专项资金名称")
FORM_YEAR_SUFFIX = r"(?:（(?:19|20)[0-9]{2}年度?）)?$"  # 部门预算项目支出绩效自评表（2023年度）
TABLE_FORM_TITLE = (
    r"(?:(?:项目支出|项目)绩效(?:目标)?自评表|部门预算项目支出绩效自评表|整体支出绩效自评表)"
    + FORM_YEAR_SUFFIX
)
# The same form filled for a whole department (部门整体支出绩效自评表): its title, or a department
# name on its cover where a project form has its 项目名称.
TABLE_FORM_DEPARTMENT_TITLE = r"整体支出绩效(?:评价)?自评表" + FORM_YEAR_SUFFIX
TABLE_FORM_DEPARTMENT_COVER = ("部门（单位）名称", "部门名称", "单位名称", "部门（单位）")
BUDGET_BLOCK_LABELS = ("项目资金", "预算执行情况", "年度预算数", "资金情况")
# A column stating how points are computed (Beijing 2016: 得分计算方法 | 得分) holds text, never a figure.
SCORING_METHOD_LABELS = ("计算方法", "评分标准", "评分方法", "评分办法", "评分规则", "评价标准")
BUDGET_COLUMNS = [
    (("年度预算数", "资金来源", "项目资金"), "item"),  # the column (or block label) naming each row
    (SCORING_METHOD_LABELS, "method"),
    (("执行率权重", "权重", "分值"), "max_points"),
    (("执行率得分", "得分"), "points"),
    (("执行率",), "rate"),
    (("年初预算",), "initial"),
    (("执行数", "实际投入资金"), "executed"),
    (("全年预算数", "调整后预算", "全年（调整）预算数", "预算数（A）", "预算数"), "adjusted"),
    (("原因", "说明"), "note"),
]
BUDGET_TOTAL_ITEMS = ("年度资金总额", "总额", "合计", "资金总额")
# Funds by source in COLUMNS (广水 2021: 项目资金 | 来源 | 中央 | 省、地 | 本级 | 其他 | 合计 | 执行数 | 执行率): the
# 来源 cell opens them, 合计 is the budget, each source left of it one 其中 part.
FUND_SOURCE_COLUMNS_MARK = ("来源", "资金来源")
FUND_SOURCE_TOTAL = ("合计", "小计")
BUDGET_PART_MARK = "其中"
GOALS_EXPECTED = (
    "预期目标",
    "项目年度目标",
    "年度目标",
    "年初设定目标",
    "年初绩效目标",
    "年度目标（年初）",
    "年度绩效目标",
)
GOALS_EXPECTED_ADJUSTED = ("全年（调整）绩效目标", "调整后绩效目标", "调整绩效目标")  # wins when filled
GOALS_ACTUAL = (
    "实际完成情况",
    "年度目标完成情况",
    "目标完成情况",
    "全年实际完成情况",
    "全年目标实际完成情况",
    "年度总体目标完成情况",
    "年度总体目标完成情况综述",
)
INDICATOR_TABLE_COLUMNS = [
    (SCORING_METHOD_LABELS, "method"),
    # 计算符号: Tianjin's exported 部门整体支出绩效自评表 prints ≥ / ≤ / = in a column of its own
    (("指标性质", "计算符号", "运算符号"), "nature"),
    (("度量单位", "计量单位"), "unit"),
    (("得分系数",), "coefficient"),
    (("调整指标值",), "target_adjusted"),
    # 复核分: the reviewer's column beside the unit's 自评分 (广水 2021), never the unit's own points
    (("复核分", "复核得分"), "review"),
    (("得分", "自评分"), "points"),
    # 项目权重: the column naming each block with its weight (项目决策 2分, 项目绩效 85分), no item's points
    (("项目权重",), "block"),
    (("分值", "权重"), "max_points"),
    (("原因", "改进措施"), "deviation"),
    (("完成值", "实际值", "实际完成"), "actual"),
    (("指标值", "目标值"), "target"),
    (("一级指标",), "level1"),
    (("二级指标",), "level2"),
    (("三级指标", "指标名称", "评价内容"), "name"),
]
INDICATOR_TABLE_HEADER = ("一级指标", "二级指标")
# A flat indicator table (Chongqing 部门整体: 指标名称 | 计量单位 | 指标性质 | 年初指标值 | … | 指标权重 | 指标得分)
# has no levels: its header names the indicator, its target and its points.
FLAT_INDICATOR_HEADER = (("name",), ("target",), ("max_points", "points"))
# …or a block of scored items with no targets (广水 2021: 项目权重 | 评价内容 | 分值 | 自评分 | 复核分 | 评价标准及依据)
SCORED_ITEM_HEADER = (("name",), ("max_points",), ("points",))
# 指标性质 that names no direction (定量指标): the target's own sign, if any, gives it.
NATURE_QUANTITATIVE = ("定量",)
TABLE_TOTAL_ROW = ("总分", "合计", "总计")
# The closing text blocks of a table form, read as its narrative (label | text).
TABLE_FORM_CONCLUSIONS = ("评价结论", "存在问题", "改进措施")
TABLE_FORM_END = (*TABLE_FORM_CONCLUSIONS, "项目负责人", "财务负责人", "填表人", "说明：", "注：")
# A closing row whose whole first cell is one of these (说明 | 无) ends the indicator table too.
TABLE_FORM_END_CELLS = ("说明", "备注")
# A note row between the indicators and the 总分 row (Yunnan 2022: 其他需要说明事项 | 无 | … then 总分): no
# indicator, and the table goes on.
TABLE_FORM_NOTE_CELLS = ("其他需要说明事项", "其他需要说明的事项", "其他说明事项")
# The same signs in the forms Word's symbol pickers and IMEs type: ≧ ≦ (GBK), ⩾ ⩽ (slanted), ﹦ ﹥ ﹤
# (small forms; Yunnan's exported 自评表 print 指标性质 as ﹦, some as the box-drawing ═ U+2550).
NATURE_WORDS = [
    (("≥", "≧", "⩾", ">=", "＞＝", "大于等于", "不低于", "不少于", ">", "＞", "﹥", "大于", "高于"), "≥"),
    (
        (
            "≤",
            "≦",
            "⩽",
            "<=",
            "＜＝",
            "小于等于",
            "不高于",
            "不超过",
            "不多于",
            "<",
            "＜",
            "﹤",
            "小于",
            "低于",
        ),
        "≤",
    ),
    (("=", "＝", "﹦", "═", "等于"), "="),
    (("定性",), "定性"),
]
EQUALS_SIGNS = ("=", "＝", "﹦", "═")
# A target's direction written after its figure: 98%以上, 3天以内, 5%及以下.
NATURE_SUFFIXES = [(("及以上", "以上", "（含）以上"), "≥"), (("及以下", "以下", "以内", "（含）以下"), "≤")]
# 成本指标 (2020 template's 二级, 2021's 一级 with 经济/社会/生态环境成本指标) are ceilings: a bare
# amount as their target (310.2万元) is met by spending less, so it reads as ≤, never as =.
COST_INDICATOR_MARK = "成本"
# What the OCR recogniser reads ≥ and ≤ as (its dictionary lacks them): in a nature/operator
# column of an OCR'd table, or before a target's figure, nothing else fits there.
OCR_OPERATOR_LOOKALIKES = {"V": "≥", "v": "≥", "∨": "≥", "Λ": "≤", "∧": "≤", "^": "≤"}
GRADES = ("优秀", "良好", "合格", "不合格", "优", "良", "中", "差", "及格", "不及格")

# Hunan 附件3 基础数据表
BASIC_STAFF_ANCHOR = ("财政供养人员情况",)
BASIC_STAFF_COLUMNS = [
    (("编制数",), "authorized"),
    (("在职人数", "实有人数"), "actual"),
    (("控制率",), "control_rate"),
]
BASIC_COST_ANCHOR = ("经费控制情况",)
BASIC_COST_COLUMNS = [
    (("上年决算数",), "previous_final"),
    (("本年预算数", "预算数"), "budget"),
    (("本年决算数", "决算数"), "final"),
]
BASIC_TITLES_RE = r"(?:基础数据表|评价指标表)$"  # the data table's title, or its 指标表's when alone
BASIC_FILLER = ("填报单位",)
BASIC_UNIT_LABEL = ("单位",)  # 单位：万元 after the filler's name ends it

# Audit of the form families: labels the rules look for (audit/rules/forms.py).
BASIC_THREE_PUBLIC = "三公经费"
BASIC_THREE_PUBLIC_PARTS = (("公务用车购置和维护", "公务用车"), ("出国",), ("公务接待", "接待"))
BASIC_VEHICLE = ("公务用车购置和维护", "公务用车")
BASIC_VEHICLE_PARTS = (("公车购置", "购置"), ("公车运行维护", "运行维护"))
QUALITATIVE_BANDS = [  # actual wording → share of 分值 allowed (low, high), most specific first
    (("未达成", "未达到", "未完成", "未实现"), ("0", "0.6")),
    (("部分达成", "部分达到", "部分完成", "基本达成", "基本完成", "基本实现"), ("0.6", "0.8")),
    (("达成", "达到", "完成", "实现", "明显", "显著", "良好", "较好", "符合", "满意"), ("0.8", "1")),
]
PLACEHOLDER = r"^(?:指标\s*[0-9一二三四五六七八九十]+\s*[：:]?|…+|\.{3,}|/|／|-|—+|x+|X+)$"
TEMPLATE_INSTRUCTIONS = ("字以内", "结合自评情况", "请填写", "请根据", "填写说明", "（说明", "此处填写")
CHANGE_RATE_ITEM = "变动率"  # 指标表 items computed from the 基础数据表's year columns
