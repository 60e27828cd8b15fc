"""The template's labels and the wordings counties use for them, as data.

Keys are compared after `label_key` (halfwidth, no whitespace, （） brackets). Each
mapping is a list of (needles, field): the first entry any needle of which occurs in a
column's header wins, so more specific wordings come first.
"""

from __future__ import annotations

# Title lines (a whole short line, after label_key) that start a report or a rubric.
# A title may name the place, the department and the year in any order around these cores:
# 华容县2020年度部门整体支出绩效评价自评报告 / 华容县住建局2020年度部门整体支出绩效自评报告.
# Prose reports word them freely: …绩效评价报告, …绩效单位自评报告, …绩效自评情况说明.
DEPARTMENT_TITLE = (
    r"(?:(?:部门|单位)(?:（单位）)?整体支出(?:绩效)?(?:评价)?(?:单位)?(?:自评)?(?:报告|情况说明)?"
    r"|整体支出绩效(?:评价)?(?:自评)?(?:报告|情况说明))$"
)
PROJECT_TITLE = (
    r"(?:财政|项目|专项资金?|项目支出)(?:支出)?绩效(?:评价)?(?:单位)?(?:自评(?:价)?)?(?:报告|情况说明)$"
)
DEPARTMENT_RUBRIC_TITLE = r"(?:部门|单位)(?:（单位）)?整体支出绩效(?:评价)?(?:评分表|指标体系|评分标准|自评表)"
PROJECT_RUBRIC_TITLE = r"项目(?:支出)?绩效(?:评价)?(?:评分表|指标体系|评分标准)"
# Narrative lines are never titles: numbered headings and sentences about the 情况.
NOT_A_TITLE = r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[、.])|情况(?!说明$)|如下|[，。；]"
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
DEPARTMENT_FIELDS = [
    (("部门（单位）名称", "部门名称", "单位名称", "填报单位", "部门（单位）"), "department"),
    (("预算编码", "预算代码", "单位编码"), "budget_code"),
    (("联系人",), "contact"),
    (("联络电话", "联系电话"), "contact_phone"),
    (("人员编制", "编制人数", "编制数", "人员编制数", "核定编制", "核定编制数"), "staffing.authorized"),
    (("实有人数", "在职人数", "实有在职人数", "年末实有人数", "实有人员"), "staffing.actual"),
    (("职能职责概述", "主要职能", "职能职责"), "duties"),
]
PROJECT_FIELDS = [
    (("项目名称",), "project_name"),
    (("项目单位", "实施单位", "项目实施单位"), "department"),
    (("主管部门",), "supervisor"),
    (("项目负责人",), "manager"),
    (("联系电话", "联络电话"), "manager_phone"),
    (("项目地址", "项目实施地点"), "address"),
    (("项目起止时间", "项目实施期", "项目期限"), "period"),
]
COMMON_FIELDS = [
    (("绩效自评综合得分", "自评综合得分", "综合得分", "自评总得分", "自评总分", "绩效自评得分", "自评得分"), "self_score"),
    (("评价等次", "评价等级", "评价结果等级", "绩效评价等次", "自评等次", "自评等级"), "grade"),
    (("评价方式",), "evaluation_method"),
    (("评价机构",), "evaluation_body"),
    (("报告日期", "填报日期"), "report_date"),
    (("评价类型",), "evaluation_type"),
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

EVALUATOR_COLUMNS = [
    (("姓名",), "name"),
    (("职务", "职称"), "title"),
    (("单位",), "unit"),
    (("签字", "签名"), "signature"),
]
SIGNOFF_ROLES = ("评价组组长", "部门（单位）意见", "项目单位意见", "主管部门意见", "财政部门归口业务科室意见", "财政部门意见", "单位负责人")
NARRATIVE_START = ("评价报告综述", "绩效自评报告综述", "自评报告（文字部分）", "文字部分")
