"""Builders of `Report` objects for the audit tests.

* `seed_department()` / `seed_project()`: the figures, score items and narrative text of the real
  seed report (/work/shared/seed/000_f6087966408e3380.txt: 附件2-1 with 附件3-1, 附件2-2 with 附件3-2),
  with `sources` at plausible locations, as the Word→Report normaliser is expected to produce them.
* `clean_department()` / `clean_project()`: a consistent department with two units and one of its
  projects, every figure adding up; the audit must find no error in them.

Money is in 万元 as Decimal; figures the form gives in 元 are converted with `yuan()`, which keeps
their precision to the 元 (1100000.00 元 → Decimal("110.0000")).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao_audit.normalize.model import (
    Evaluator,
    ExpenditureRow,
    Expense,
    FixedAssetRow,
    Funds,
    FundsBySource,
    IncomeRow,
    Indicator,
    NarrativeSection,
    Report,
    ScoreItem,
    SignOff,
    Source,
    Staffing,
    ThreePublicRow,
)

SEED_FILE = "000_f6087966408e3380.docx"
CLEAN_DEPARTMENT_FILE = "clean_department.docx"
CLEAN_PROJECT_FILE = "clean_project.docx"

HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])")
MAX_HEADING_LEN = 40  # a numbered line longer than this is a paragraph, not a heading


def D(text: str | int | None) -> Decimal | None:
    return None if text is None or text == "" else Decimal(str(text))


YUAN_PLACES = Decimal("0.0001")  # 1 元 in 万元; cents are dropped as the normaliser does


def yuan(text: str | None) -> Decimal | None:
    """A figure printed in 元, in 万元 exact to the 元: "846200" → Decimal("84.6200"),
    "203537100.00" → Decimal("20353.7100")."""
    value = D(text)
    if value is None:
        return None
    wan = value.scaleb(-4)
    exponent = wan.as_tuple().exponent
    return wan.quantize(YUAN_PLACES) if isinstance(exponent, int) and exponent < -4 else wan


# (level1, level2, level3, 评分标准, 分值, 自评得分, 具体指标/说明) as in the seed's 附件3-1, whitespace removed
# from the labels; the three 效益 rows sharing one 分值 cell are one item.
SEED_DEPARTMENT_SCORE_ITEMS: list[tuple[str, str, str, str | None, str, str, str | None]] = [
    (
        "投入（15分）",
        "预算配置（15分）",
        "财政供养人员控制率",
        "以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    (
        "投入（15分）",
        "预算配置（15分）",
        "“三公经费”变动率",
        "“三公经费”变动率≦0,计5分；\n“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    (
        "投入（15分）",
        "预算配置（15分）",
        "重点支出安排率",
        "重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。",
        "5",
        "5",
        None,
    ),
    (
        "过程（40分）",
        "预算执行（15分）",
        "预算调整率",
        "预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算执行（15分）",
        "支付进度",
        "每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算执行（15分）",
        "资金结余",
        "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算执行（15分）",
        "“三公经费”控制率",
        "以100%为标准。三公经费控制率≦100%，计6分；\n每超过一个百分点扣1分，扣完为止。",
        "6",
        "6",
        None,
    ),
    (
        "过程（40分）",
        "预算管理（15分）",
        "管理制度健全性",
        "①已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，1分；\n②相关管理制度合法、合规、完整，1分；\n③相关管理制度得到有效执行，1分。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算管理（15分）",
        "资金使用合规性",
        "①支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定；\n②资金拨付有完整的审批程序和手续；\n③项目支出按规定经过评估论证；\n④支出符合部门预算批复的用途；\n⑤资金使用无截留、挤占、挪用、虚列支出等情况。\n以上情况每出现一例不符合要求的扣1分，扣完为止。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算管理（15分）",
        "预决算信息公开性和完善性",
        "①按规定内容公开预决算信息，1分；\n②按规定时限公开预决算信息，0.5分；\n③基础数据信息和会计信息资料真实，0.5分；\n④基础数据信息和会计信息资料完整，0.5分；\n⑤基础数据信息和汇集信息资料准确，0.5分。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算管理（15分）",
        "政府采购执行率",
        "政府采购执行率等于100%的，得3分；\n每减少一个百分点，扣0.2分，扣完为止。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "预算管理（15分）",
        "公务卡刷卡率",
        "公务卡刷卡率达70％以上的，得3分。\n每减少一个百分点，扣0.2分，扣完为止。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "资产管理（10分）",
        "管理制度健全性",
        "①已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整，2分；\n②相关资产管理制度得到有效执行，1分。",
        "3",
        "3",
        None,
    ),
    (
        "过程（40分）",
        "资产管理（10分）",
        "资产管理安全性",
        "①资产保存完整；\n②资产配置合理；\n③资产处置规范； \n④资产账务管理合规，帐实相符；\n⑤资产有偿使用及处置收入及时足额上缴；\n以上情况每出现一例不符合有关要求的扣1分，扣完为止。",
        "4",
        "4",
        None,
    ),
    (
        "过程（40分）",
        "资产管理（10分）",
        "固定资产利用率",
        "每低于100%一个百分点扣0.1分，扣完为止。",
        "3",
        "3",
        None,
    ),
    (
        "产出（25分",
        "职责履行（25分）",
        "实施“三高四新”战略目标任务完成情况",
        "围绕部门和单位职责、年度重点工作任务，衡量评价部门和单位整体及核心业务实施效果\n\n部门单位应根据部门实际进行调整，并将其细化成相应的个性化指标。。",
        "8",
        "8",
        None,
    ),
    ("产出（25分", "职责履行（25分）", "《政府工作报告》目标任务完成情况", None, "5", "5", None),
    ("产出（25分", "职责履行（25分）", "省市重点民生实事完成情况", None, "4", "4", None),
    ("产出（25分", "职责履行（25分）", "省市重点工程和重大项目建设完成情况", None, "4", "4", None),
    ("产出（25分", "职责履行（25分）", "其他工作实绩指标完成情况", None, "4", "4", None),
    (
        "效果（20分）",
        "履职效益（20分）",
        "经济效益、社会效益、生态效益",
        "此三项指标为设置部门整体支出绩效评价指标时必须考虑的共性要素。\n部门单位应根据部门实际并结合部门整体支出绩效目标设立情况有选择的进行设置，并将其细化为相应的个性化指标。",
        "15",
        "13",
        None,
    ),
    (
        "效果（20分）",
        "履职效益（20分）",
        "社会公众或服务对象满意度",
        "95%（含）以上计5分；\n85%（含）-95%，计3分；\n75%（含）-85%，计1分；\n低于75%计0分。",
        "5",
        "5",
        None,
    ),
]

# The same for 附件3-2 (level3 分值 is the item's 分值).
SEED_PROJECT_SCORE_ITEMS: list[tuple[str, str, str, str | None, str, str, str | None]] = [
    (
        "项目决策",
        "项目目标",
        "目标内容",
        "①设有目标（1分）\n②目标明确（1分）\n③目标细化（1分）\n④目标量化（1分）",
        "4",
        "4",
        "设立了项目绩效目标；目标明确；目标细化；目标量化",
    ),
    (
        "项目决策",
        "决策过程",
        "决策依据",
        "①符合法律法规（1分）\n②符合经济社会发展规划（1分）\n③部门年度工作计划（1分）\n④针对某一实际问题和需求（1分）\n以上③需提供佐证资料。",
        "4",
        "4",
        "有关法律法规的明确规定；某一经济社会发展规划；某部门年度工作计划；某一实际问题和需求",
    ),
    (
        "项目决策",
        "决策过程",
        "决策程序",
        "①符合申报条件（2分）\n②项目申报、批复程序符合管理办法（1分）\n③项目调整履行了相应手续（1分）",
        "4",
        "4",
        "项目符合申报条件；申报、批复程序符合相关管理办法；项目调整履行了相应手续",
    ),
    (
        "项目决策",
        "资金分配",
        "分配办法",
        "①有相应的资金管理办法（1分）\n②办法健全、规范（1分）\n③因素全面合理（1分）\n以上①需提供佐证资料。",
        "3",
        "3",
        "根据需要制定的相关资金管理办法；管理办法中有明确资金分配办法；资金分配因素全面、合理",
    ),
    (
        "项目决策",
        "资金分配",
        "分配结果",
        "①符合分配办法（2分）\n②分配公平合理（3分）\n此项需提供相应的资金分配方案。",
        "5",
        "5",
        "资金分配符合相关管理办法；分配结果公平合理",
    ),
    (
        "项目管理",
        "资金到位",
        "到位率",
        "根据项目资金的实际到位率计算得分（3分）",
        "3",
        "3",
        "实际到位/计划到位*100%",
    ),
    (
        "项目管理",
        "资金到位",
        "到位时效",
        "①到位及时（2分）\n②不及时但未影响项目进度 （1分）\n③不及时并影响项目进度（0.5分）",
        "2",
        "2",
        "资金及时到位；若未及时到位，是否影响项目进度",
    ),
    (
        "项目管理",
        "资金管理",
        "资金使用",
        "①虚列套取扣4-7分 \n②依据不合规扣2分\n③截留、挤占、挪用扣3-6分\n④超标准开支扣2-5分\n⑤超预算扣2-5分",
        "7",
        "7",
        "支出依据合规，无虚列项目支出情况；无截留挤占挪用情况；无超标准开支情况；无超预算情况",
    ),
    (
        "项目管理",
        "资金管理",
        "财务管理",
        "①财务制度健全（1分）\n②严格执行制度（1分）\n③会计核算规范（1分）\n以上①需提供佐证资料。",
        "3",
        "3",
        "资金管理、费用支出等制度健全；制度执行严格；会计核算规范",
    ),
    ("项目管理", "组织实施", "组织机构", "①机构健全、分工明确  （1分）", "1", "1", "机构健全、分工明确"),
    (
        "项目管理",
        "组织实施",
        "支撑条件",
        "具备人员、场地、设备条件（1分）",
        "1",
        "1",
        "项目实施单位是否提供或具备了必备的人员、场地和设备等条件",
    ),
    (
        "项目管理",
        "组织实施",
        "项目实施",
        "①按计划开工（1分）\n②按计划开展（1分）\n③按计划完工（1分）",
        "3",
        "3",
        "项目按计划开工；按计划进度开展；按计划完工",
    ),
    (
        "项目管理",
        "组织实施",
        "管理制度",
        "①管理制度健全（2分）\n②制度执行严格（3分）\n以上①需提供佐证资料。",
        "5",
        "5",
        "项目管理制度健全；严格执行相关管理制度",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出数量",
        "完成绩效目标100%得5分，未完成100%的同比例扣减。",
        "5",
        "5",
        "目标完成率=目标完成数/预定目标数×100%",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出质量",
        "项目产出质量达到绩效目标100%得4分，未完成100%的同比例扣减。",
        "4",
        "4",
        "目标完成质量=实际达到的效果/预定目标×100%",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出时效",
        "项目产出时效达到绩效目标得3分，未如期完成且无充分理由的扣3分。",
        "3",
        "3",
        "项目资金使用的预定目标是否如期完成，未完成的理由是否充分",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出成本",
        "项目产出成本按绩效目标控制得3分，未完成的，按超支比例扣减。",
        "3",
        "3",
        "项目产出成本是否按绩效目标控制",
    ),
    (
        "项目绩效",
        "项目效果",
        "经济效益",
        "完成绩效目标设定的经济效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "指项目对国民经济和区域经济发展所带来的直接或间接效益等",
    ),
    (
        "项目绩效",
        "项目效果",
        "社会效益",
        "完成绩效目标设定的社会效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "项目实施是否产生社会综合效益",
    ),
    (
        "项目绩效",
        "项目效果",
        "环境效益",
        "完成绩效目标设定的积极的环境效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "项目实施是否对环境产生积极或消极影响",
    ),
    (
        "项目绩效",
        "项目效果",
        "可持续影响",
        "完成绩效设定目标的得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "7",
        "项目实施对人、自然、资源是否带来可持续影响",
    ),
    (
        "项目绩效",
        "项目效果",
        "服务对象满意度",
        "满意率达90%（含）以上的得8分，80%（含）-90%得6分，70%（含）-80%得4分，60%（含）-70%得2分，60%以下不得分。",
        "8",
        "8",
        "服务对象满意率=项目区被调查人数中表示满意的人数(户数)/ 被调查人数(户数)×100%",
    ),
]

# The 评价报告综述（文字部分） of 附件2-1, verbatim.
SEED_DEPARTMENT_NARRATIVE = (
    "一、部门（单位）概况\n"
    "（一）部门（单位）基本情况\n"
    "华容县住建局现设有办公室、财务室、人事股、行政审批股、信访室、法制股、消防股、住保股、建筑业股、党风廉政室、房地产市政管理股、人民防空股十二个股室。主要职能是贯彻执行有关建设法规；组织实施城市公用事业，建筑业，建设市场等方面的行政执法；负责全县建设行业的资质审核和管理；承办县委县政府交办的其他事项。\n"
    "直属单位：住建局下属有八个二级事业单位：市政办、建工办、质监站、墙改办、村建办、污管办、征拆办、执法大队。\n"
    "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等\n"
    " 2020年度财政拨款收入29201万元，其中：一般公共预算财政拨款收入20353.71万元，占本年收入合计的69.7%，政府性基金本年收入8847.29万元,占本年收入合计的30.3%。\n"
    "2020年支出合计29201万元，其中：人员支出1242.09万元，占本年支出合计的4.25%，公用经费支出525.34万元，占本年支出合计的1.8%，项目支出27433.57万元，占本年支出合计的93.95%\n"
    "二、部门（单位）整体支出管理及使用情况\n"
    "（一）基本支出\n"
    "基本支出1767.43万元，占6.05%，2020年度财政拨款基本支出1767.43万元，其中:人员经费1242.09万元，主要包括基本工资、津贴补贴、奖金、伙食补助费、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、公务员医疗补助缴费、其他社会保障缴费、住房公积金、医疗费、其他工资福利支出、离休费、退休费、抚恤金、生活补助、医疗费补助、奖励金、其他对个人和家庭的补助；公用经费525.34万元，主要包括办公费、印刷费、咨询费、手续费、水费、电费、邮电费、取暖费、物业管理费、差旅费、因公出国（境）费用、维修（护）费、租赁费、会议费、培训费、公务接待费、专用材料费、劳务费、委托业务费、工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出、办公设备购置、专用设备购置、信息网络及软件购置更新、公务用车购置、无形资产购置、其他资本性支出。\n"
    "（二）专项支出\n"
    "1、专项资金安排落实、总投入等情况分析\n"
    "2020年度老旧小区改造年度计划投资13742万元，现已到位资金5075万元。\n"
    "2、专项资金实际使用情况分析\n"
    "资金使用：用于城老旧小区改造资金1560.87万元\n"
    "3、专项资金管理情况分析\n"
    "老旧小区改造资金实行国库集中支付，实行专款专用，独立核算，专人管理，项目资金使用计划周密。同时严格按照项目批复、合同约定、工程进度等有关规定及时拨付专项资金。\n"
    "三、部门（单位）专项组织实施情况\n"
    "（一）专项组织情况分析\n"
    "     为了使老旧小区改造项目顺利实施，华容县成立了老旧小区改造项目领导小组，该小组是项目的决策机构，负责按照统一要求编制了老旧小区改造中长期规划。领导小组下设办公室，办公室设在县住建局，负责制定和实施老旧小区改造项目年度计划，负责搞好城镇老旧小区改造管理相关政策，资金管理（分配）办法、绩效评价方法、年度计划、中长期规划、开工及基本建设情况。项目建设过程中，为确保工程质量、进度和安全文明施工，严格按照基本建设程序对工程的投资、质量、进度、安全和文明施工实现全过程、全方位的监督管理，努力化解工程风险，积极组织隐蔽性工程验收，项目从前期准备、施工，完成一系列过程都进展顺利，项目完成质量为优。\n"
    "（二）专项管理情况分析\n"
    "1、项目预期目标完成程度。\n"
    "2020年度，我局完成20个老旧小区改造，受益居民3458户，达到了预期目标。\n"
    "2、项目实施对经济和社会的影响。\n"
    "社会：老旧小区改造是落实中央提出的“六稳六保”重大举措。城镇老旧小区改造是对仍然居住在水电气供应管道老旧、公共服务缺位的老旧小区进行全面改造，变成水电气供应管道通畅、出行方便、公共服务设施完善、服务到位的新型社区。通过老旧小区改造，小区环境实现了由“脏、乱、差”到“亮、洁、美”的转变，基础设施显著改善、小区功能明显增强、居住环境全面提升。\n"
    "经济：城镇老旧小区改造，是扩大内需、建立内循环的重要举措。改造投资具有投资周期短、边际效益高、资金周转快、消费潜力大等特点。同时，项目主要由本地建筑企业承建，保证了这些企业的持续经营，为其发展创造了有利条件，效益十分显著。老旧小区改造还能带动建材、适老适残设备、电梯、水电管线、社区服务等产业的发展，对经济增长的贡献重大。对构建经济循环具有重要的作用。\n"
    "四、部门（单位）整体支出绩效情况\n"
    "2020年，根据我局年初工作规划和重点工作，围绕县委、县政府的工作部署，积极履行职责，强化管理，较好地完成了年度工作目标，同时加强预算收支的管理，建立健全内部管理制度，严格内部管理流程，部门整体支出管理得到了提升。2020年度部门整体支出绩效情况如下：\n"
    "1、本年预算配置控制较好，财政供养人员控制在预算编制以内， “三公”经费支出总额较上年有减少。\n"
    "2、预算执行方面，支出总额控制在预算总额以内，基本支出中财政政策性工资和对家属遗属的补助有所追加，本年部门预算未进行预算相关事项的调整；该单位预算资金按规定管理使用，其他专项工程建设资金按进度拨付资金，较好的完成了当年任务目标，财政拨款支出总体控制较好。\n"
    "3、预算管理方面，制定了切实有效的内部财务、车辆、资产内部管理制度，执行总体较为有效。\n"
    "五、存在的主要问题\n"
    "1、“三公经费”有待更严格控制。\n"
    "2、预算编制有待更严格执行。预算编制与实际支出项目有的存在差异。\n"
    "3、有的项目经费未及时足额拨付到位\n"
    "六、改进措施和有关建议\n"
    "1、按照预算规定的项目和用途严格财务审核，经费支出严格按预算规定项目的财务支出内容进行财务核算，在预算金额内严格控制费用的支出。\n"
    "2、严格控制“三公经费”支出，杜绝挪用和挤占其他预算资金；进一步细化“三公经费”管理，压缩“三公经费”支出。\n"
    "3、预算财务分析常态化，定期做好预算支出财务分析，做好部门整体支出预算评价工作。\n"
)

# The 评价报告综述（文字部分） of 附件2-2, verbatim.
SEED_PROJECT_NARRATIVE = (
    "一、基本情况 \n"
    "（一）项目概况\xa0 \n"
    "我县2020年度城镇老旧小区改造任务为：改造老旧小区20个，建筑面积34.87万平方米，受益居民3458户,计划投资13742万元。在县委、县政府的正确领导下，全县老旧小区改造工作强力推进，完成了省下达我县的年度目标任务。截至12月31日，我县2020年度实际改造完成老旧小区20个，建筑面积34.87万平方米，受益居民3458户,完成投资13742余万元。 \n"
    "（二）项目计划批复与完成情况 \n"
    "2020年省下达我县老旧小区改造任务为：改造老旧小区20个，总建筑面积34.87万平方米，涉及居民3458户,计划投资13742万元。截至2020年12月31日，我县2020年度实际改造完成老旧小区20个，建筑面积34.87万平方米，受益居民3458户,完成投资13742余万元，完成省下达的目标任务。 \n"
    "（三）项目资金计划、到位情况 \n"
    "1、资金计划批复情况。 \n"
    "（1）中央补助资金。根据《湖南省财政厅\xa0湖南省住房和城乡建设厅关于下达2020年中央财政城镇保障性安居工程专项资金的通知》（湘财预〔2020〕152号），中央补助资金1649万元，已于2020年12月拨付。根据《 湖南省财政厅关于下达2020年提前批保障性安居工程专项老旧小区改造配套基础设施建设中央预算内基建资金的通知》（湘财建指（2020)40号）中央补助资金1983万和《湖南省发展和改革委员会、住房和城乡建设厅关于分解下达保障性安居工程专项2020年第二批（城镇老旧小区改造配套基础设施建设）中央预算内投资计划的通知》（湘发改投资（2020)391号）1425万元已于2020年12月完成拨付。\n"
    "（2）地方财政安排资金。2020年度老旧小区改造项目总投资为13742余万元，其中：中央补助资金5057万元，剩余8685万元资金由县财政、管线单位及居民共同出资。 \n"
    "2、资金到位情况。 \n"
    "华容县2020年度老旧小区改造项目资金到位率为100%，其中中央补助资金5057万元，剩余8685万元资金由县财政、管线单位及居民共同出资。已全部到位，并根据施工合同约定时间节点完成支付。 \n"
    "二、主要绩效情况分析\n"
    "（一）资金管理\n"
    "1、项目申报及资金申请\n"
    "2020年1月，我局及时组织各社区认真摸排，制定2020年度城市老旧小区改造计划，经县政府盖章确认后，我局汇总全县2020年度改造计划并加盖县政府公章后上报省住建厅。 最终确定我县2020年老旧小区改造为20个小区，涉及3458户，建筑面积34.87万平方米。2020年中央资金5057万元已全部申请拨付到位。\n"
    "2、资金使用\n"
    "严格按照财务管理要求，设置专账核算，资金使用管理手续规范，建设项目拨款申请表、发票、财政直接支付凭证等资金使用手续完整规范。 \xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0 \n"
    "项目资金使用符合相关的财务管理制度规定，项目资金规范运行。资金使用符合国家财经法规和财务管理制度以及有关专项资金管理办法的规定，符合项目预算批复或合同规定的用途，资金的拨付有完整的审批程序和手续。 \n"
    "（二）项目管理\n"
    "1、中长期工作规划制定\n"
    "县住房和城乡建设局组织各社区对辖区内老旧小区进行细致的调查摸底，确定2020年改造计划，准确完整填报了计划改造小区的个数、总户数、占地面积、建筑面积、投资估算等具体内容。各社区在经过多次摸排，在制订2020年改造计划的同时，谋划制订了2021-2035年长期规划及2021-2025年十四五规划，已由我局统一汇总上报省厅。\n"
    "\xa0\xa0\xa0\xa02、年度计划与实施方案制定 \n"
    "2020年1月，县住建局对我县老旧小区改造的总体目标、实施内容、资金安排、申请审批程序、建设标准、项目实施、建后管养、政策宣传、保障措施9个方面进行宣传，同时明确了2020年度改造计划为：改造老旧小区20个，其中，总建筑面积34.87万平方米，受益居民3458户,计划投资13742万元。 \n"
    "3改造项目符合招标设计规范\n"
    "改造项目实施过程中严格执行建设项目一般程序，经政府采购确定可研、招标代理机构、设计、施工、监理等，所有改造项目按要求实行政府采购方式确定施工单位，项目立项、可研批复及设计、施工、监理合同等手续齐全，委托具有专业资质的设计公司按规定进行图纸审查，改造中及时公示改造实施方案，充分征求民意，并根据居民反馈意见及时对改造内容作出科学调整。 \n"
    "（三）项目产出效益\n"
    "1、目标任务完成情况\n"
    "2020年，省政府下达我县老旧小区改造目标任务20个，建筑面积34.87万平方米，受益居民3458户,计划投资13742万元。我县积极推进老旧小区改造工作，加大老旧小区改造力度。截至2020年12月31日，我县2020年度实际改造完成老旧小区20个，建筑面积34.87万平方米，受益居民3458户,完成投资13742余万元，完成省下达的目标任务。 \n"
    "2、项目时限达标情况 \n"
    "2020年，省下达我县老旧小区改造目标任务20个。截至2020年12月31日，我县20个老旧小区整治改造项目已全部完工，提前完成年度目标任务。 \n"
    "3、社会效益\n"
    "（1）人居环境改善 \n"
    "重点对房屋公共部位进行了修缮，包括整修屋面，对屋面渗漏的房屋进行防渗漏处理，整修、更换破损落水管道；添置单元防盗门，在小区出入口等位置设置视频安防监控系统；拆除私搭乱建、清理乱堆乱放、清除毁绿种菜，拆除了占绿、毁绿的违章建筑，恢复绿化功能，提升绿化档次；维修改造原有休闲场地，配置健身器材等文体设施，有条件的小区积极新建休闲设施；维修小区道路，修缮疏通地下管网，更换破损井盖，保证排水通畅；新建或改建老旧小区场外基础设施，维修杆管线设施，规范整治强弱线缆，消除空中“蜘蛛网”；积极改建、补建公共停车位。 \n"
    "通过整治改造，小区环境实现了由“脏、乱、差”到“亮、洁、美”的转变，基础设施显著改善、小区功能明显增强、居住环境全面提升。 \n"
    "（2）小区公共设施完善，满足群众生活需要\n"
    "维修小区道路，做到路面平整无坑洼，路牙整齐无缺损；修缮疏通地下管网，更换破损井盖，保证排水通畅；维修杆管线设施，规范整治强弱线缆，消除空中“蜘蛛网”；积极改建、补建公共停车位，因地制宜新建、整修非机动车库（车棚），解决小区居民非机动车停放及充电需求；完善环卫设施，增设标准化垃圾桶，保障小区居民生活垃圾倾倒和堆放，小区基础设施配套得到显著完善。维修改造原有休闲场地，配置健身器材等文体设施，有条件的小区积极新建休闲设施；合理配置宣传栏、公示牌等，展示小区改造成效。经过改造，小区公共设施更加完善，小区生活环境和居住条件得到全面提升。 \n"
    "（四）居民满意度\n"
    "（1）改造过程征求群众意见，改造计划及时公示\n"
    "充分尊重群众意愿，通过召开座谈会、发放《老旧小区整治改造居民需求调查表》、《致广大居民的一封信》等形式，多次征求群众意见，结合小区实际确定改造具体内容。聘请业主代表作为义务监督员、发放聘书、请代表全程参与工程的设计、施工、验收，确保居民的知情权、建议权、监督权。及时公示改造实施方案，充分征求民意，并根据居民反馈意见及时作出科学调整。\n"
    "（2）积极回应群众诉求，及时处理群众反映事项\n"
    "积极回应群众诉求，针对群众反映的问题，第一时间组织人员调查核实，立行立改。2020年11月份，金谷花园小区某顶楼居民反映屋顶出现漏雨渗水现象，县住建局高度重视，核实情况后，要求施工单位立即对漏水部位进行修复，并及时与该户居民沟通解释，妥善解决群众反映问题，群众较为满意。 \n"
    "\n"
    "三、主要做法 \n"
    "（一）加强组织领导，科学谋划。 \n"
    "住建局作为全县老旧小区整治改造项目牵头部门，强化组织领导，统筹安排部署，坚持“超前谋划、科学筹划、层层细化”的工作思路，早谋划早开工，提前做好各项准备工作，指导全力推进老旧小区整治工作。为老旧小区整治工作有序开展，2020年我局先后制定印发了《华容县2020年度城市老旧小区改造实施办法》等指导性文件。 \n"
    "每年8、9月份开始对辖区老旧小区情况进行系统全面的调查摸排，核实确定下一年度老旧小区改造计划，并提前做好民意调查、项目立项、可研等前期工作，有条件的社区提前开展施工图设计及审查、施工单位招投标等相关准备工作。在完成相关前期工作的有力保障下，正常在每年3月份便可组织施工单位进场，实施小区改造。 \n"
    "（二）坚持因地制宜，不断优化方案。 \n"
    "为确保整治改造方案科学合理，县住建局多次组织技术人员对改造小区配套设施、内部环境等进行现场勘查，全面了解情况。同时认真听取小区居民的意见和需求，对整治方案进行反复修订和完善。改造按照基础型和提升型两类组织实施，突出把墙面脱落、小区道路、雨污水管道、小区绿化、停车设施等基础设施、公共设施作为整治工作重点内容，同时在小区内配建休闲健身设施、视频监控、门禁系统等，确保老旧小区实现“水通、路平、灯亮、景美”的预期效果。 \n"
    "（三）规范建设程序，确保工程质量。 \n"
    "为确保工程进度与质量，严格规范项目审批和招标程序，选择经验丰富、实力雄厚的勘测、设计、施工、监理等单位参与工程实施，委托质监部门建立全程跟踪制度，严格按照计划，紧抓时间节点，加快推进工程进度。在改造过程中，各小区严把“质量关”、“进度关”，完善质量安全监管机制，落实施工主体责任，强化施工过程的动态质量安全监管，确保老旧小区整治改造工程质量和安全处于可控状态，确保工程质量，让老旧小区整治改造切切实实成为利民惠民的精品工程。 \n"
    "（四）建立长效机制，落实后期管护。 \n"
    "“三分建，七分管”，老旧小区改造整治只是措施，建立后期长效管理机制，确保老旧小区整治改造效果持续发挥才是根本。要求各社区对老旧小区改造项目竣工后，必须做好改造完成项目的后期管护工作，遵循小区业主意愿，采取自行聘请物业公司或者委托社区进行管理，建立老旧小区长效管理机制。 \n"
    "（五）秉持为民理念，做到“三问于民”。 \n"
    "一是改造前“问需于民”。通过入户走访、召开业主代表座谈会、发放《致广大居民的一封信》、《老旧小区环境综合整治居民需求调查表》等多种形式，多方征求意见，了解群众需求。二是改造中“问计于民”。及时公示改造实施方案，充分征求民意，并根据居民反馈意见作出科学调整，保障群众的充分参与权。三是改造后“问效于民”。通过电话回访、入户走访、第三方绩效评价等形式，掌握小区改造真实成效，真正把住户群众的需求和满意作为我们工作的首要目标。 \n"
    "（六）加大宣传力度，营造浓厚氛围。 \n"
    "通过悬挂宣传横幅、网络、媒体、政府网站、墙体标语等，大力宣传老旧小区整治相关政策，努力营造浓厚宣传氛围，调动广大群众参与老旧小区改造工作的积极性。 \n"
    "1.充分发挥住建局网站的宣传主阵地作用，加强老旧小区整治政策宣传工作。及时将上级有关城市老旧小区整治相关政策文件以及县里出台的相关方案、办法等发布于民生专栏。 \n"
    "2.充分利用老旧小区出入口、小区广场、围墙等载体，悬挂宣传条幅，制作信息宣传栏、文化墙等，宣传相关政策，展示小区改造效果。 \n"
    "\xa0四、取得成效 \n"
    "（一）住房安全得到保障。老旧小区改造整治主要目标就是实现老旧小区住房安全，小区环境有序、整洁、美观。其中，安全更是重中之重，老旧小区改造以来我们重点对房屋公共部位进行了修缮，包括整修屋面，对屋面渗漏的房屋进行防渗漏处理，整修、更换破损落水管道；对破损、陈旧、风化严重的房屋外墙进行防渗、粉刷处理；清理楼道乱堆乱放、乱搭乱建，刷白楼道内墙，修缮破损台阶，修缮、添置公共照明；适当修缮、添置单元防盗门，在小区出入口等位置设置视频安防监控系统。通过改造，切实解决老旧小区房屋存在的各种安全隐患，提高了房屋安全水平。 \n"
    "（二）居住环境全面提升。环境质量提升是老旧小区改造整治工作的迫切需求，是广大居民住户的共同心愿。改造过程中，通过开展集中整治活动，拆除私搭乱建、清理乱堆乱放、清除毁绿种菜等一系列举措，拆除了占绿、毁绿的违章建筑，恢复绿化功能，提升绿化档次；维修改造原有休闲场地，配置健身器材等文体设施，有条件的小区积极新建休闲设施；合理配置宣传栏、公示牌等，展示小区改造成效，小区居住环境得到全面提升。 \n"
    "(三)基础设施显著改善。老旧小区改造整治的主要内容之一就是完善配套基础设施。维修小区道路，做到路面平整无坑洼，路牙整齐无缺损；修缮疏通地下管网，更换破损井盖，保证排水通畅；维修杆管线设施，规范整治强弱线缆，消除空中“蜘蛛网”；积极改建、补建公共停车位，增设交通标志，因地制宜新建、整修非机动车库（车棚），解决小区居民非机动车停放及充电需求；完善环卫设施，增设标准化垃圾桶，保障小区居民生活垃圾倾倒和堆放，对小区场外基础设施进行升级改造，小区基础设施配套得到显著完善。 \n"
    "（四）小区功能明显增强。结合改造小区场地实际，采取新建、改建等方式积极配置物业服务用房；根据小区规模，适度完善社区服务、居民文化活动等公共服务设施，配置健身器材等文体设施；积极开展建筑节能和适老化改造，增加单元门楼梯坡道。   \n"
    "五、存在的主要问题 \n"
    "\xa0宣传工作难度较大，民调范围与受益群体不一致。虽然我们积极采取了多种形式大力宣传老旧小区改造民生工程相关政策，但因此项民生工程受益群体相对狭窄，大部分未享受到这一政策的居民不愿意主动了解相关政策规定，容易造成此项民生工程民调的知晓率不高。 \n"
    "六、工作建议\n"
    "一是进一步加大宣传力度，提高居民住户的知情度和满意度。积极采取多种形式，加强老旧小区整治民生工程的政策宣传，使广大群众充分了解民生工程的相关政策内容。督促社区在小区整治实施过程中，做到改造前有民意征求、施工中有居民代表全程监督、竣工时有居民代表参与验收。制作老旧小区整治改造项目公开宣传栏，及时公布小区整治改造项目基本信息，让居民住户清楚了解小区整治改造方案的实施内容和具体改造项目。 \n"
    "二是建立改造项目管理信息系统，及时更新系统数据，完善基础资料。同时加强与省住建厅的沟通协调，多请示多汇报，争取省直主管部门更多的支持和帮助。"
)

SEED_STAFFING_CLAIM = (
    "1.本年预算配置控制较好，财政供养人员控制在预算编制以内， “三公”经费支出总额较上年有减少。\n"
    "2.预算管理方面，制定了切实有效的内部财务、车辆、资产内部管理制度，执行总体较为有效。"
)
SEED_DATE_BLANK = "年    月    日"


# ---------------------------------------------------------------- generic helpers


def split_sections(text: str) -> list[NarrativeSection]:
    """Narrative sections split at headings like 一、 （一） 1、 (long numbered lines stay text)."""
    sections: list[NarrativeSection] = []
    heading, lines = "", []
    for line in text.split("\n"):
        if HEADING.match(line) and len(line.strip()) <= MAX_HEADING_LEN:
            if heading or any(x.strip() for x in lines):
                sections.append(NarrativeSection(heading=heading, text="\n".join(lines).strip()))
            heading, lines = line.strip(), []
        else:
            lines.append(line)
    if heading or any(x.strip() for x in lines):
        sections.append(NarrativeSection(heading=heading, text="\n".join(lines).strip()))
    return sections


def score_items(rows) -> list[ScoreItem]:
    return [
        ScoreItem(
            level1=l1, level2=l2, level3=l3, criteria=crit, max_points=D(mx), self_points=D(pts), note=note
        )
        for l1, l2, l3, crit, mx, pts, note in rows
    ]


def _cell(file: str, table: int, row: int, col: int, raw: object) -> Source:
    return Source(file=file, table=table, row=row, col=col, raw="" if raw is None else str(raw))


def _raw(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


DEPT_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "income": ("total", "carryover", "general_budget", "government_fund", "special_account", "other"),
    "expenditure": (
        "total",
        "basic",
        "personnel",
        "public",
        "project",
        "balance_current",
        "balance_cumulative",
    ),
    "three_public": ("total", "reception", "vehicle_operation", "vehicle_purchase", "overseas"),
    "fixed_assets": ("total", "in_use", "leased", "other"),
}
DEPT_TABLE_FIRST_ROW = {"income": 10, "expenditure": 17, "three_public": 22, "fixed_assets": 27}


def add_sources(report: Report) -> Report:
    """Fill `report.sources` with plausible locations for every value the audit reads.

    Layout (as in the seed): the department's form body is table 0 (cover-page fields are body
    paragraphs), its 评价报告综述 the single cell of table 1, its rubric table 2; a project report's
    tables and paragraphs follow (tables 3–5, paragraphs from 120), as in a combined file.
    """
    f = report.file
    t0, p0 = (0, 0) if report.kind == "department" else (3, 120)

    def cell(table: int, row: int, col: int, raw: object) -> Source:
        return _cell(f, t0 + table, row, col, raw)

    def paragraph(n: int, raw: str) -> Source:
        return Source(file=f, paragraph=p0 + n, raw=raw)

    def in_cell(n: int, raw: str) -> Source:
        return Source(file=f, table=t0 + 1, row=0, col=0, paragraph=n, raw=raw)

    src: dict[str, Source] = {}
    src["report_date"] = paragraph(
        9, "报告日期：   年   月   日" if report.report_date is None else f"报告日期：{report.report_date}"
    )
    if report.kind == "project":
        src["evaluation_type"] = paragraph(
            3,
            "评价类型：项目实施过程评价□   项目完成结果评价□"
            if report.evaluation_type is None
            else f"评价类型：{report.evaluation_type}☑",
        )
    src["self_score"] = cell(0, 50, 1, _raw(report.self_score))
    src["grade"] = cell(0, 51, 1, report.grade)
    src["staffing.authorized"] = cell(0, 2, 1, report.staffing.authorized)
    src["staffing.actual"] = cell(0, 2, 3, report.staffing.actual)
    for table, cols in DEPT_TABLE_COLUMNS.items():
        for i, row in enumerate(getattr(report, table)):
            r = DEPT_TABLE_FIRST_ROW[table] + i
            src[f"{table}[{i}]"] = cell(0, r, 0, row.unit)
            for c, name in enumerate(cols, start=1):
                src[f"{table}[{i}].{name}"] = cell(0, r, c, _raw(getattr(row, name)))
    for b, block in enumerate(("planned", "arrived", "spent", "balance")):
        by_source: FundsBySource = getattr(report.funds, block)
        for r, name in enumerate(("total", "central", "provincial", "municipal", "county", "other")):
            src[f"funds.{block}.{name}"] = cell(0, 3 + r, 1 + 2 * b, _raw(getattr(by_source, name)))
    for i, e in enumerate(report.expenses):
        src[f"expenses[{i}].amount"] = cell(
            0, 11 + i, 1, _raw(e.amount.scaleb(4)) if e.amount is not None else ""
        )
    if report.expenses_total is not None:
        src["expenses_total"] = cell(0, 11 + len(report.expenses), 1, _raw(report.expenses_total.scaleb(4)))
    for i, ind in enumerate(report.indicators):
        src[f"indicators[{i}].target"] = cell(0, 30 + i, 4, ind.target)
    for i, s in enumerate(report.signoffs):
        src[f"signoffs[{i}].date"] = cell(0, 58 + i, 0, s.date or SEED_DATE_BLANK)
    n = 0
    for i, s in enumerate(report.narrative):
        src[f"narrative[{i}].heading"] = in_cell(n, s.heading)
        src[f"narrative[{i}].text"] = in_cell(n + 1, s.text)
        n += 1 + s.text.count("\n") + 1
    for i, item in enumerate(report.score_items):
        src[f"score_items[{i}]"] = cell(2, 1 + i, 2, item.level3)
        src[f"score_items[{i}].max_points"] = cell(2, 1 + i, 4, _raw(item.max_points))
        src[f"score_items[{i}].self_points"] = cell(2, 1 + i, 5, _raw(item.self_points))
    k = len(report.score_items)
    src["score_total_max"] = cell(2, 1 + k, 4, _raw(report.score_total_max))
    src["score_total_self"] = cell(2, 1 + k, 5, _raw(report.score_total_self))
    report.sources = src | report.sources
    return report


# ---------------------------------------------------------------- the seed


def seed_department() -> Report:
    """附件2-1 of the seed: 华容县住房和城乡建设局, 2020, with its rubric 附件3-1."""
    report = Report(
        file=SEED_FILE,
        kind="department",
        part="附件2-1",
        title="华容县2020年度部门整体支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department="华容县住房和城乡建设局",
        budget_code="303001",
        self_score=D("98"),
        grade="优秀",
        report_date=None,
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[
            Evaluator(name="黄可夫", unit="住建局"),
            Evaluator(name="蔡鹏", title="财务股股长", unit="住建局"),
            Evaluator(name="周明山", title="副局长", unit="住建局"),
        ],
        signoffs=[
            SignOff(role="评价组组长"),
            SignOff(role="部门（单位）意见"),
            SignOff(role="财政部门归口业务科室意见"),
        ],
        score_items=score_items(SEED_DEPARTMENT_SCORE_ITEMS),
        score_total_max=D("100"),
        score_total_self=D("98"),
        rubric_title="部门整体支出绩效评价评分表（参考样表）",
        indicators=[
            Indicator(
                level1="定性目标",
                name="整体支出绩效定性目标",
                target="目标1、打赢环保整治攻坚战……",
                actual="已按质按量完成并落实到位",
            ),
            Indicator(
                level1="产出目标",
                level2="质量指标",
                name="指标1：严格监管质量安全",
                actual="受理质量监督工程24个，建筑面积159万平方米；工程竣工备案7项，竣工面积44万平方米，竣工工程一次性验收合格率100%",
            ),
            Indicator(
                level1="产出目标",
                level2="数量指标",
                name="指标1：省定年度危改任务",
                actual="完成危改1350户，农村危改全面完工。",
            ),
            Indicator(
                level1="效益目标",
                level2="社会效益",
                name="指标1：老旧小区改造\n指标2：农村危改",
                actual="1、改造老旧小区20个，受益居民3458户。人居环境改善、小区公共设施完善，满足群众生活需要.\n"
                "2、农村危改全面完工。高标准完成了省定年度危改任务1350户，解决了农村住房安全问题",
            ),
        ],
        narrative=[
            NarrativeSection(heading="年度部门（单位）总体运行情况及取得的成绩", text=SEED_STAFFING_CLAIM)
        ]
        + split_sections(SEED_DEPARTMENT_NARRATIVE),
        contact="黄可夫",
        contact_phone="4231757",
        staffing=Staffing(authorized=143, actual=162),
        duties="1、 贯彻执行中央和省、市有关住房和城乡建设、人民防空方面的法律、法规、规章和方针政策……",
        income=[
            IncomeRow(
                unit="局机关及二级机构汇总",
                total=D("29201"),
                carryover=D("0"),
                general_budget=D("20353.71"),
                government_fund=D("8847.29"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="1、局机关",
                total=D("28988.34"),
                carryover=D("0"),
                general_budget=D("20141.05"),
                government_fund=D("8847.29"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="2、市政公用设施建设中心",
                total=D("212.66"),
                carryover=D("0"),
                general_budget=D("212.66"),
                government_fund=D("0"),
                special_account=D("0"),
                other=D("0"),
            ),
        ],
        expenditure=[
            ExpenditureRow(
                unit="局机关及二级机构汇总",
                total=D("29201"),
                basic=D("1767.43"),
                personnel=D("1242.09"),
                public=D("525.34"),
                project=D("27433.57"),
                balance_current=D("0"),
                balance_cumulative=D("0"),
            ),
            ExpenditureRow(
                unit="1、局机关",
                total=D("28988.34"),
                basic=D("1604.77"),
                personnel=D("1100.42"),
                public=D("504.35"),
                project=D("27383.57"),
                balance_current=D("0"),
                balance_cumulative=D("0"),
            ),
            ExpenditureRow(
                unit="2、市政公用设施建设中心",
                total=D("212.66"),
                basic=D("162.66"),
                personnel=D("141.67"),
                public=D("20.99"),
                project=D("50"),
                balance_current=D("0"),
                balance_cumulative=D("0"),
            ),
        ],
        three_public=[
            ThreePublicRow(
                unit="局机关及二级机构汇总",
                total=D("3.49"),
                reception=D("1.21"),
                vehicle_operation=D("2.28"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="1、局机关",
                total=D("3.49"),
                reception=D("1.21"),
                vehicle_operation=D("2.28"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="2、市政公用设施建设中心",
                total=D("0"),
                reception=D("0"),
                vehicle_operation=D("0"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
        ],
        fixed_assets=[
            FixedAssetRow(
                unit="局机关及二级机构汇总",
                total=D("174.31"),
                in_use=D("174.31"),
                leased=D("0"),
                other=D("0"),
            ),
            FixedAssetRow(
                unit="1、局机关", total=D("137.53"), in_use=D("137.53"), leased=D("0"), other=D("0")
            ),
            FixedAssetRow(
                unit="2、市政公用设施建设中心",
                total=D("36.78"),
                in_use=D("36.78"),
                leased=D("0"),
                other=D("0"),
            ),
        ],
    )
    return add_sources(report)


SEED_EXPENSES: list[tuple[str, str]] = [
    ("1100000.00", "2020年10月75号"),
    ("1049920.00", "2020年10月77号"),
    ("846200", "2020年10月79号"),
    ("808054", "2020年11月109号"),
    ("1443640", "2020年11月110号"),
    ("756000", "2020年11月111号"),
    ("761580", "2020年11月112号"),
    ("990000", "2020年11月114号"),
    ("1261500", "2020年12月214号"),
    ("607000", "2020年12月215号"),
    ("1970000", "2020年12月216号"),
    ("1400000", "2020年12月218号"),
    ("1120000", "2020年12月219号"),
    ("1009200", "2020年12月220号"),
    ("485600", "2020年12月221号"),
]
SEED_PROJECT_INDICATORS: list[tuple[str, str, str, str]] = [
    ("项目产出指标", "数量指标", "完成20个老旧小区改造", "完成20个"),
    ("项目产出指标", "质量指标", "工程质量符合标准", "符合质量标准"),
    ("项目产出指标", "时效指标", "按期完成改造任务", "已按期完成"),
    ("项目产出指标", "成本指标", "项目产出成本是否按绩效目标控制", "已按绩效目标控制"),
    (
        "项目效益指标",
        "经济效益指标",
        "项目实施对经济发展所带来的直接或间接影响情况",
        "带动建材市场发展及居民就业",
    ),
    (
        "项目效益指标",
        "社会效益指标",
        "配套基础设施和公共服务设施等得到明显改善",
        "小区及周边配套设施得到完善",
    ),
    ("项目效益指标", "生态效益指标", "项目实施对生态环境所带来的直接或间接影响情况", "小区生态环境得到改善"),
    (
        "项目效益指标",
        "服务对象满意度指标",
        "社会公众或服务对象对项目实施效策的满意程度",
        "群众对老旧小区改造十分满意",
    ),
]


def seed_project() -> Report:
    """附件2-2 of the seed: 老旧小区改造, 华容县住房和城乡建设局, 2020, with its rubric 附件3-2."""
    report = Report(
        file=SEED_FILE,
        kind="project",
        part="附件2-2",
        title="华容县财政支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department="华容县住房和城乡建设局",
        supervisor="华容县住房和城乡建设局",
        project_name="老旧小区改造",
        manager="王明伟",
        manager_phone="13974066776",
        address="华容县章华镇",
        period="2020年1月起至2020年12月止",
        evaluation_type=None,
        self_score=D("99"),
        grade="优秀",
        report_date=None,
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[
            Evaluator(name="黄可夫", unit="住建局"),
            Evaluator(name="高敏", unit="住建局"),
            Evaluator(name="王明伟", title="住保股股长", unit="住建局"),
        ],
        signoffs=[
            SignOff(role="评价组组长"),
            SignOff(role="项目单位意见"),
            SignOff(role="主管部门意见"),
            SignOff(role="财政部门归口业务科室意见"),
        ],
        score_items=score_items(SEED_PROJECT_SCORE_ITEMS),
        score_total_max=D("100"),
        score_total_self=D("99"),
        rubric_title="项目支出绩效评价指标体系（参考样表）",
        indicators=[
            Indicator(
                level1="定性目标",
                name="项目绩效定性目标",
                target="完成老建委家属楼、物价小区、客运管理所、公路局家属院等20个老旧小区改造",
                actual="已完成老建委家属楼、物价小区、客运管理所、公路局家属院等20个老旧小区改造",
            ),
        ]
        + [
            Indicator(level1=l1, level2=l2, name=name, target=None, actual=act)
            for l1, l2, name, act in SEED_PROJECT_INDICATORS
        ],
        narrative=split_sections(SEED_PROJECT_NARRATIVE),
        funds=Funds(
            planned=FundsBySource(total=D("13742"), central=D("5057"), county=D("8685")),
            arrived=FundsBySource(total=D("5057"), central=D("5057")),
            spent=FundsBySource(total=D("1560.87"), central=D("1560.87")),
            balance=FundsBySource(total=D("3496.13"), central=D("3496.13")),
        ),
        expenses=[Expense(item="项目工程款", amount=yuan(a), voucher=v, note=None) for a, v in SEED_EXPENSES],
        expenses_total=yuan("15608694"),
    )
    return add_sources(report)


# ---------------------------------------------------------------- clean, consistent reports

CLEAN_DEPARTMENT_NAME = "华容县水利局"
CLEAN_PROJECT_NAME = "农村饮水安全巩固提升"

CLEAN_DEPARTMENT_NARRATIVE = (
    "一、部门（单位）概况\n"
    "（一）部门（单位）基本情况\n"
    "华容县水利局内设办公室、财务股等股室，下属水利站。\n"
    "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等\n"
    "2020年度收入合计1000万元，其中：上年结转60万元，一般公共预算财政拨款收入740万元，占本年收入合计的74%，"
    "政府性基金收入200万元，占本年收入合计的20%。\n"
    "2020年支出合计950万元，其中：人员支出250万元，占本年支出合计的26.32%，公用经费支出100万元，占本年支出合计的10.53%，"
    "项目支出600万元，占本年支出合计的63.16%。当年结余50万元。\n"
    "二、部门（单位）整体支出管理及使用情况\n"
    "（一）基本支出\n"
    "基本支出350万元，占36.84%，其中:人员经费250万元，公用经费100万元。“三公”经费支出5万元。\n"
    "（二）专项支出\n"
    "1、专项资金安排落实、总投入等情况分析\n"
    "2020年度农村饮水安全巩固提升年度计划投资500万元，现已到位资金400万元。\n"
    "2、专项资金实际使用情况分析\n"
    "资金使用：用于农村饮水安全巩固提升资金350万元，结余50万元。\n"
    "三、部门（单位）整体支出绩效情况\n"
    "1、本年预算配置控制较好，财政供养人员控制在预算编制以内，“三公”经费支出总额较上年有减少。\n"
)

CLEAN_PROJECT_NARRATIVE = (
    "一、基本情况\n"
    "（一）项目概况\n"
    "2020年度农村饮水安全巩固提升任务为：新建改造供水工程10处，受益农户1200户，计划投资500万元。\n"
    "（二）项目资金计划、到位情况\n"
    "项目总投资500万元，其中中央补助资金300万元，县级配套资金200万元。资金到位率为80%，已到位资金400万元。\n"
    "截至12月31日，实际支出350万元，资金使用率为87.5%，结余50万元，完成投资350万元。\n"
    "二、主要绩效情况分析\n"
    "全年新建改造供水工程10处，受益农户1200户，工程质量全部合格。\n"
)

CLEAN_DEPARTMENT_SCORE_ITEMS = [
    (
        "投入（15分）",
        "预算配置（15分）",
        "财政供养人员控制率",
        "以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    (
        "投入（15分）",
        "预算配置（15分）",
        "“三公经费”变动率",
        "“三公经费”变动率≦0,计5分；“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    ("投入（15分）", "预算配置（15分）", "重点支出安排率", "重点支出安排率≥90%，计5分。", "5", "5", None),
    (
        "过程（40分）",
        "预算执行（15分）",
        "资金结余",
        "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。",
        "3",
        "2",
        "结余未超过上年结转",
    ),
    (
        "过程（40分）",
        "资产管理（10分）",
        "固定资产利用率",
        "每低于100%一个百分点扣0.1分，扣完为止。",
        "3",
        "3",
        None,
    ),
    ("产出（25分）", "职责履行（25分）", "重点工作任务完成情况", None, "45", "42", None),
    ("效果（20分）", "履职效益（20分）", "社会效益", None, "34", "32", None),
]


def clean_department(file: str = CLEAN_DEPARTMENT_FILE) -> Report:
    """A consistent department with two units (局机关, 水利站): every row, column and ratio adds up."""
    report = Report(
        file=file,
        kind="department",
        part="附件2-1",
        title="华容县2020年度部门整体支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department=CLEAN_DEPARTMENT_NAME,
        budget_code="312001",
        self_score=D("94"),
        grade="优秀",
        report_date="2021年3月10日",
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[Evaluator(name="李明", title="局长", unit="水利局")],
        signoffs=[
            SignOff(role="评价组组长", date="2021年3月10日"),
            SignOff(role="部门（单位）意见", date="2021年3月10日"),
        ],
        score_items=score_items(CLEAN_DEPARTMENT_SCORE_ITEMS),
        score_total_max=D("100"),
        score_total_self=D("94"),
        rubric_title="部门整体支出绩效评价评分表",
        narrative=split_sections(CLEAN_DEPARTMENT_NARRATIVE),
        staffing=Staffing(authorized=50, actual=48),
        income=[
            IncomeRow(
                unit="局机关及二级机构汇总",
                total=D("1000.00"),
                carryover=D("60.00"),
                general_budget=D("740.00"),
                government_fund=D("200.00"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="1、局机关",
                total=D("600.00"),
                carryover=D("40.00"),
                general_budget=D("410.00"),
                government_fund=D("150.00"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="2、水利站",
                total=D("400.00"),
                carryover=D("20.00"),
                general_budget=D("330.00"),
                government_fund=D("50.00"),
                special_account=D("0"),
                other=D("0"),
            ),
        ],
        expenditure=[
            ExpenditureRow(
                unit="局机关及二级机构汇总",
                total=D("950.00"),
                basic=D("350.00"),
                personnel=D("250.00"),
                public=D("100.00"),
                project=D("600.00"),
                balance_current=D("50.00"),
                balance_cumulative=D("50.00"),
            ),
            ExpenditureRow(
                unit="1、局机关",
                total=D("570.00"),
                basic=D("200.00"),
                personnel=D("150.00"),
                public=D("50.00"),
                project=D("370.00"),
                balance_current=D("30.00"),
                balance_cumulative=D("30.00"),
            ),
            ExpenditureRow(
                unit="2、水利站",
                total=D("380.00"),
                basic=D("150.00"),
                personnel=D("100.00"),
                public=D("50.00"),
                project=D("230.00"),
                balance_current=D("20.00"),
                balance_cumulative=D("20.00"),
            ),
        ],
        three_public=[
            ThreePublicRow(
                unit="局机关及二级机构汇总",
                total=D("5.00"),
                reception=D("2.00"),
                vehicle_operation=D("3.00"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="1、局机关",
                total=D("4.00"),
                reception=D("1.50"),
                vehicle_operation=D("2.50"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="2、水利站",
                total=D("1.00"),
                reception=D("0.50"),
                vehicle_operation=D("0.50"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
        ],
        fixed_assets=[
            FixedAssetRow(
                unit="局机关及二级机构汇总",
                total=D("300.00"),
                in_use=D("300.00"),
                leased=D("0"),
                other=D("0"),
            ),
            FixedAssetRow(
                unit="1、局机关", total=D("200.00"), in_use=D("200.00"), leased=D("0"), other=D("0")
            ),
            FixedAssetRow(
                unit="2、水利站", total=D("100.00"), in_use=D("100.00"), leased=D("0"), other=D("0")
            ),
        ],
    )
    return add_sources(report)


def clean_project(file: str = CLEAN_PROJECT_FILE) -> Report:
    """A consistent project of `clean_department()`: funds by source, balance, expense lines all agree."""
    items = [list(row) for row in SEED_PROJECT_SCORE_ITEMS]
    for row in items:
        if row[2] == "到位率":
            row[5] = "2.4"  # 3 × 400 / 500
    report = Report(
        file=file,
        kind="project",
        part="附件2-2",
        title="华容县财政支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department=CLEAN_DEPARTMENT_NAME,
        supervisor=CLEAN_DEPARTMENT_NAME,
        project_name=CLEAN_PROJECT_NAME,
        manager="张伟",
        period="2020年1月起至2020年12月止",
        evaluation_type="项目完成结果评价",
        self_score=D("98.4"),
        grade="优秀",
        report_date="2021年3月12日",
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[Evaluator(name="张伟", title="股长", unit="水利局")],
        signoffs=[
            SignOff(role="评价组组长", date="2021年3月12日"),
            SignOff(role="主管部门意见", date="2021年3月12日"),
        ],
        score_items=score_items(items),
        score_total_max=D("100"),
        score_total_self=D("98.4"),
        rubric_title="项目支出绩效评价指标体系",
        indicators=[
            Indicator(
                level1="项目产出指标",
                level2="数量指标",
                name="新建改造供水工程",
                target="10处",
                actual="10处",
            ),
            Indicator(
                level1="项目效益指标",
                level2="社会效益指标",
                name="受益农户",
                target="1200户",
                actual="1200户",
            ),
        ],
        narrative=split_sections(CLEAN_PROJECT_NARRATIVE),
        funds=Funds(
            planned=FundsBySource(total=D("500"), central=D("300"), county=D("200")),
            arrived=FundsBySource(total=D("400"), central=D("300"), county=D("100")),
            spent=FundsBySource(total=D("350"), central=D("300"), county=D("50")),
            balance=FundsBySource(total=D("50"), central=D("0"), county=D("50")),
        ),
        expenses=[
            Expense(item="工程款", amount=yuan("1500000.00"), voucher="2020年10月12号"),
            Expense(item="工程款", amount=yuan("1200000"), voucher="2020年11月30号"),
            Expense(item="监理费", amount=yuan("800000"), voucher="2020年12月41号"),
        ],
        expenses_total=yuan("3500000"),
    )
    return add_sources(report)


def clean_pair() -> list[Report]:
    return [clean_department(), clean_project()]


def seed_reports() -> list[Report]:
    """Both reports of the seed, as one combined file yields them."""
    return [seed_department(), seed_project()]
