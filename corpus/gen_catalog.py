"""What the synthetic corpus is made of: counties, department types, their projects, people.

Plain data only. Every Chinese string here is document text a county would print; the
generator picks from these lists with a seeded `random.Random`, so nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class County:
    name: str  # 华容县
    code: str  # two digits that open every budget code of the county
    town: str  # the county seat, for project addresses
    postcode: str


COUNTIES: tuple[County, ...] = (
    County("华容县", "30", "章华镇", "414200"),
    County("南县", "31", "南洲镇", "413200"),
    County("安乡县", "32", "深柳镇", "415600"),
    County("汉寿县", "33", "龙阳街道", "415900"),
    County("临澧县", "34", "安福街道", "415200"),
    County("湘阴县", "35", "文星镇", "414600"),
    County("平江县", "36", "汉昌镇", "414500"),
    County("桃源县", "37", "漳江街道", "415700"),
)

# Fictional counties for corpora larger than the real ones hold (a province: thousands of
# departments). Names are two characters + 县, budget-code prefixes the two-digit codes the real
# counties leave free; used only beyond len(COUNTIES) × len(DEPARTMENT_TYPES) departments.
_NAME_FIRST = "青石云长永新宁清丰泰嘉景兰秀凤龙"
_NAME_SECOND = "阳山江川源溪林丰"
_FREE_CODES = [f"{n:02d}" for n in range(10, 100) if not 30 <= n <= 37]


def _more_counties() -> tuple[County, ...]:
    taken = {c.name for c in COUNTIES}
    names = [a + b + "县" for a in _NAME_FIRST for b in _NAME_SECOND if a != b and a + b + "县" not in taken]
    return tuple(
        County(name, code, name[0] + "城镇", f"4{code}{i % 10}00")
        for i, (name, code) in enumerate(zip(names, _FREE_CODES))
    )


MORE_COUNTIES: tuple[County, ...] = _more_counties()


@dataclass(frozen=True)
class ProjectType:
    name: str  # 老旧小区改造
    things: str  # what a quantity counts: 个老旧小区
    unit_word: str  # 个 / 户 / 公里 …
    count_range: tuple[int, int]
    expense_items: tuple[str, ...]
    quality: str  # 质量指标
    timeliness: str  # 时效指标
    effect: str  # 社会效益
    sources: tuple[str, ...]  # funding sources used: central, provincial, municipal, county, other
    size: tuple[int, int]  # planned funds range, 万元


@dataclass(frozen=True)
class DepartmentType:
    name: str  # full name without the county: 住房和城乡建设局
    short: str  # 住建局
    code: str  # two digits of the budget code
    units: tuple[str, ...]  # second-level units (the 局机关 comes first, implicitly)
    duties: tuple[str, ...]
    tasks: tuple[str, ...]
    projects: tuple[ProjectType, ...]
    scale: int  # rough size of the 局机关's personnel spending, 万元
    fund_income: bool = False  # receives 政府性基金
    fee_income: bool = False  # receives 纳入专户管理的非税收入


_WORKS = ("项目工程款", "工程进度款", "材料采购款", "设计费", "监理费", "工程审计费", "质量检测费")
_SUBSIDY = ("补助资金发放", "补助资金拨付", "补贴发放", "资金拨付")
_SERVICE = ("设备购置", "劳务费", "培训费", "印刷费", "宣传费", "专家咨询费", "办公用品")

OLD_COMMUNITIES = ProjectType(
    "老旧小区改造",
    "个老旧小区",
    "个",
    (8, 30),
    _WORKS,
    "工程质量符合标准",
    "按期完成改造任务",
    "小区及周边配套设施得到完善",
    ("central", "county"),
    (2000, 15000),
)
RURAL_HOUSING = ProjectType(
    "农村危房改造",
    "户农村危房",
    "户",
    (300, 1500),
    _SUBSIDY + ("入户核查费",),
    "改造房屋验收合格率100%",
    "年底前全部竣工",
    "解决农村困难群众住房安全问题",
    ("central", "provincial", "county"),
    (800, 4000),
)
SEWER = ProjectType(
    "乡镇污水处理设施建设",
    "个乡镇污水处理厂",
    "个",
    (3, 13),
    _WORKS,
    "出水水质达到一级B标准",
    "按期通水运行",
    "乡镇生活污水得到有效处理",
    ("provincial", "county", "other"),
    (1500, 9000),
)
SCHOOLS = ProjectType(
    "农村义务教育薄弱学校改造",
    "所学校",
    "所",
    (5, 30),
    _WORKS + ("课桌椅采购款",),
    "校舍建设验收合格",
    "秋季开学前完工",
    "办学条件明显改善",
    ("central", "provincial", "county"),
    (1000, 6000),
)
STUDENT_AID = ProjectType(
    "学生资助",
    "人次学生",
    "人次",
    (3000, 20000),
    _SUBSIDY,
    "资助对象认定准确",
    "按学期及时发放",
    "家庭经济困难学生顺利完成学业",
    ("central", "provincial", "county"),
    (500, 3000),
)
FARMLAND = ProjectType(
    "高标准农田建设",
    "亩高标准农田",
    "亩",
    (10000, 60000),
    _WORKS + ("测绘费",),
    "工程验收合格率100%",
    "当年完成建设任务",
    "粮食综合生产能力提高",
    ("central", "provincial", "county"),
    (2000, 9000),
)
FARM_MACHINES = ProjectType(
    "农机购置补贴",
    "台（套）农机具",
    "台",
    (500, 3000),
    _SUBSIDY,
    "补贴机具核验率100%",
    "补贴资金年内兑付",
    "农业机械化水平提高",
    ("central",),
    (300, 2500),
)
DRINKING_WATER = ProjectType(
    "农村饮水安全巩固提升",
    "处集中供水工程",
    "处",
    (5, 40),
    _WORKS + ("管材采购款",),
    "水质检测合格率达标",
    "汛期前完工",
    "农村群众饮水安全得到保障",
    ("central", "provincial", "county"),
    (800, 5000),
)
RESERVOIRS = ProjectType(
    "小型水库除险加固",
    "座小型水库",
    "座",
    (3, 25),
    _WORKS,
    "工程质量评定合格",
    "主汛期前完成主体工程",
    "水库安全度汛能力提升",
    ("central", "provincial", "county"),
    (600, 4000),
)
PUBLIC_HEALTH = ProjectType(
    "基本公共卫生服务",
    "万人服务人口",
    "万人",
    (20, 80),
    _SUBSIDY + ("体检费", "疫苗冷链运输费"),
    "服务项目考核合格",
    "按季度拨付资金",
    "城乡居民健康水平提高",
    ("central", "provincial", "county"),
    (1500, 6000),
)
CLINICS = ProjectType(
    "乡镇卫生院标准化建设",
    "所乡镇卫生院",
    "所",
    (3, 15),
    _WORKS + ("医疗设备购置",),
    "建设标准达标",
    "年内投入使用",
    "基层医疗服务能力提升",
    ("provincial", "county"),
    (500, 3000),
)
LOW_INCOME = ProjectType(
    "城乡最低生活保障",
    "人保障对象",
    "人",
    (5000, 30000),
    _SUBSIDY,
    "保障对象认定准确率100%",
    "按月足额发放",
    "困难群众基本生活得到保障",
    ("central", "provincial", "county"),
    (3000, 15000),
)
CARE_HOMES = ProjectType(
    "特困人员救助供养",
    "人特困人员",
    "人",
    (800, 4000),
    _SUBSIDY + ("护理费",),
    "供养标准落实到位",
    "按月发放",
    "特困人员基本生活得到保障",
    ("central", "provincial", "county"),
    (800, 4000),
)
RURAL_ROADS = ProjectType(
    "农村公路提质改造",
    "公里农村公路",
    "公里",
    (20, 150),
    _WORKS,
    "交工验收合格率100%",
    "年底前完成建设任务",
    "群众出行条件明显改善",
    ("central", "provincial", "county"),
    (2000, 12000),
)
BRIDGES = ProjectType(
    "危桥改造",
    "座危桥",
    "座",
    (3, 20),
    _WORKS,
    "桥梁荷载检测合格",
    "按合同工期完工",
    "消除交通安全隐患",
    ("provincial", "county"),
    (500, 3000),
)
FOREST_FIRE = ProjectType(
    "森林防火",
    "个防火检查站",
    "个",
    (5, 30),
    _SERVICE,
    "森林火灾受害率控制在0.9‰以内",
    "防火期内全时段值守",
    "森林资源安全得到保障",
    ("provincial", "county"),
    (100, 600),
)
REFORESTATION = ProjectType(
    "退耕还林",
    "亩退耕地",
    "亩",
    (3000, 20000),
    _SUBSIDY + ("苗木采购款",),
    "造林成活率达到85%以上",
    "当年完成造林任务",
    "生态环境持续改善",
    ("central", "county"),
    (500, 3000),
)
LIBRARY = ProjectType(
    "公共文化服务体系建设",
    "个村级综合文化服务中心",
    "个",
    (20, 120),
    _SERVICE + ("图书采购款",),
    "设施设备配备达标",
    "年内全部开放",
    "群众文化生活更加丰富",
    ("central", "provincial", "county"),
    (300, 1500),
)
FITNESS = ProjectType(
    "全民健身工程",
    "套健身路径",
    "套",
    (20, 100),
    _SERVICE + ("器材采购款",),
    "器材安装验收合格",
    "年内安装到位",
    "群众健身条件改善",
    ("provincial", "county", "other"),
    (100, 800),
)
EMPLOYMENT = ProjectType(
    "就业补助资金",
    "人次就业培训",
    "人次",
    (1000, 8000),
    _SUBSIDY + ("培训费",),
    "培训合格率90%以上",
    "按培训进度拨付",
    "城乡劳动者就业能力提升",
    ("central", "provincial"),
    (500, 3000),
)
SANITATION = ProjectType(
    "城乡生活垃圾治理",
    "个垃圾收集点",
    "个",
    (50, 400),
    _SERVICE + ("垃圾清运费", "转运车辆购置"),
    "垃圾无害化处理率100%",
    "全年持续运行",
    "城乡环境卫生明显改善",
    ("county", "other"),
    (500, 3000),
)
LEGAL_AID = ProjectType(
    "法律援助",
    "件法律援助案件",
    "件",
    (200, 1500),
    ("办案补贴", "律师费", "宣传费", "印刷费"),
    "案件办结率100%",
    "案件按期办结",
    "困难群众合法权益得到维护",
    ("central", "provincial", "county"),
    (50, 300),
)
FOOD_SAFETY = ProjectType(
    "食品安全抽检",
    "批次食品样品",
    "批次",
    (800, 4000),
    ("检验检测费", "样品购置费", "宣传费"),
    "抽检任务完成率100%",
    "按季度完成抽检",
    "食品安全形势持续稳定",
    ("provincial", "county"),
    (100, 600),
)

_DUTIES_TAIL = "承办县委、县政府交办的其他事项。"

DEPARTMENT_TYPES: tuple[DepartmentType, ...] = (
    DepartmentType(
        "住房和城乡建设局",
        "住建局",
        "03",
        (
            "市政公用设施建设中心",
            "建设工程质量安全监督站",
            "房产服务中心",
            "住房保障服务中心",
            "建设工程造价管理站",
            "城市建设档案馆",
            "墙体材料改革办公室",
        ),
        (
            "贯彻执行国家和省、市有关住房和城乡建设方面的法律、法规和方针政策。",
            "负责推进住房制度改革和保障城镇低收入家庭住房工作。",
            "负责房地产市场和建筑市场监督管理。",
            "负责建设工程质量、安全生产的监督管理。",
            "负责指导监督村镇建设。",
            _DUTIES_TAIL,
        ),
        (
            "老旧小区改造",
            "农村危房改造",
            "乡镇污水处理设施建设",
            "市政项目建设全面推进",
            "建筑业和房地产业稳定发展",
        ),
        (OLD_COMMUNITIES, RURAL_HOUSING, SEWER),
        1100,
        fund_income=True,
    ),
    DepartmentType(
        "教育局",
        "教育局",
        "05",
        (
            "教育督导室",
            "教师发展中心",
            "招生考试中心",
            "学生资助管理中心",
            "教育装备站",
            "电化教育馆",
            "勤工俭学办公室",
        ),
        (
            "贯彻执行国家教育方针、政策和法规，拟订全县教育事业发展规划。",
            "统筹管理全县各级各类教育。",
            "负责全县教育经费的统筹管理。",
            "负责全县教师队伍建设和管理工作。",
            "负责学生资助和招生考试工作。",
            _DUTIES_TAIL,
        ),
        ("义务教育均衡发展", "薄弱学校改造", "学生资助全覆盖", "教师队伍建设", "校园安全管理"),
        (SCHOOLS, STUDENT_AID),
        2400,
        fee_income=True,
    ),
    DepartmentType(
        "农业农村局",
        "农业农村局",
        "06",
        (
            "农业技术推广中心",
            "畜牧水产事务中心",
            "农村经营服务站",
            "植保植检站",
            "农业综合执法大队",
            "土壤肥料工作站",
        ),
        (
            "贯彻执行党和国家关于“三农”工作的方针政策。",
            "统筹推动发展农村社会事业、农村公共服务。",
            "负责种植业、畜牧业、渔业的行业管理。",
            "负责农田建设项目管理。",
            "负责农业机械化发展。",
            _DUTIES_TAIL,
        ),
        ("高标准农田建设", "粮食生产稳定", "农机购置补贴兑付", "动物疫病防控", "农村人居环境整治"),
        (FARMLAND, FARM_MACHINES),
        900,
    ),
    DepartmentType(
        "水利局",
        "水利局",
        "07",
        ("水利工程建设管理站", "河道管理所", "农村饮水安全管理站", "水土保持站", "水利水电勘测设计室"),
        (
            "贯彻执行国家有关水利工作的法律法规。",
            "负责保障水资源的合理开发利用。",
            "负责水利工程建设与运行管理。",
            "负责农村饮水安全工作。",
            "负责水旱灾害防御工作。",
            _DUTIES_TAIL,
        ),
        ("农村饮水安全巩固提升", "小型水库除险加固", "防汛抗旱", "河长制工作"),
        (DRINKING_WATER, RESERVOIRS),
        700,
        fund_income=True,
    ),
    DepartmentType(
        "卫生健康局",
        "卫健局",
        "08",
        (
            "疾病预防控制中心",
            "卫生健康综合监督执法局",
            "妇幼保健计划生育服务中心",
            "中心血站",
            "爱国卫生运动服务中心",
        ),
        (
            "贯彻执行国民健康政策和卫生健康法律法规。",
            "负责全县疾病预防控制工作。",
            "负责基本公共卫生服务项目的组织实施。",
            "负责医疗机构和医疗服务行业管理。",
            "负责计划生育管理和服务工作。",
            _DUTIES_TAIL,
        ),
        ("基本公共卫生服务", "疫情防控", "基层医疗卫生服务能力提升", "计划生育服务管理"),
        (PUBLIC_HEALTH, CLINICS),
        1300,
        fee_income=True,
    ),
    DepartmentType(
        "民政局",
        "民政局",
        "09",
        ("社会福利院", "救助管理站", "殡葬事务中心", "婚姻登记处", "低收入家庭认定指导中心"),
        (
            "贯彻执行民政工作的法律法规和方针政策。",
            "负责城乡最低生活保障、特困人员救助供养工作。",
            "负责社会福利和养老服务工作。",
            "负责婚姻登记和殡葬管理。",
            _DUTIES_TAIL,
        ),
        ("城乡低保提标扩面", "特困人员集中供养", "养老服务体系建设", "殡葬改革"),
        (LOW_INCOME, CARE_HOMES),
        600,
    ),
    DepartmentType(
        "交通运输局",
        "交通运输局",
        "10",
        ("公路建设养护中心", "交通运输综合行政执法大队", "地方海事处", "农村公路管理站", "道路运输服务中心"),
        (
            "贯彻执行交通运输行业的法律法规。",
            "负责全县公路、水路交通建设和管理。",
            "负责农村公路建设与养护。",
            "负责道路运输市场监管。",
            _DUTIES_TAIL,
        ),
        ("农村公路提质改造", "危桥改造", "安全生产监管", "运输服务保障"),
        (RURAL_ROADS, BRIDGES),
        800,
        fund_income=True,
    ),
    DepartmentType(
        "林业局",
        "林业局",
        "11",
        ("林业技术推广站", "森林病虫害防治检疫站", "国有林场", "自然保护区管理站", "林业综合执法大队"),
        (
            "贯彻执行林业和草原工作的法律法规。",
            "负责林业资源保护和生态修复。",
            "负责森林防火工作。",
            "负责退耕还林工作。",
            _DUTIES_TAIL,
        ),
        ("森林防火", "退耕还林", "国土绿化", "林业有害生物防治"),
        (FOREST_FIRE, REFORESTATION),
        500,
    ),
    DepartmentType(
        "文化旅游广电体育局",
        "文旅广体局",
        "12",
        ("图书馆", "文化馆", "博物馆", "体育中心", "广播电视台", "文物管理所"),
        (
            "贯彻执行文化、旅游、广电、体育工作的法律法规。",
            "负责公共文化服务体系建设。",
            "负责文物保护工作。",
            "负责全民健身和竞技体育工作。",
            _DUTIES_TAIL,
        ),
        ("公共文化服务体系建设", "全民健身", "文物保护", "旅游产业发展"),
        (LIBRARY, FITNESS),
        600,
    ),
    DepartmentType(
        "人力资源和社会保障局",
        "人社局",
        "13",
        ("就业服务中心", "社会保险服务中心", "劳动保障监察大队", "劳动人事争议仲裁院"),
        (
            "贯彻执行人力资源和社会保障法律法规。",
            "负责促进就业工作。",
            "负责社会保险经办工作。",
            "负责劳动保障监察工作。",
            _DUTIES_TAIL,
        ),
        ("就业创业", "职业技能培训", "社会保险扩面", "根治欠薪"),
        (EMPLOYMENT,),
        700,
    ),
    DepartmentType(
        "城市管理和综合执法局",
        "城管局",
        "14",
        ("环境卫生管理所", "园林绿化所", "市政设施维护所", "城管执法大队"),
        (
            "贯彻执行城市管理方面的法律法规。",
            "负责城市市容环境卫生管理。",
            "负责城市园林绿化工作。",
            "负责城市管理综合执法。",
            _DUTIES_TAIL,
        ),
        ("城乡生活垃圾治理", "城区环境卫生整治", "园林绿化提质"),
        (SANITATION,),
        600,
        fee_income=True,
    ),
    DepartmentType(
        "司法局",
        "司法局",
        "15",
        ("公证处", "法律援助中心", "社区矫正管理局"),
        (
            "贯彻执行司法行政法律法规。",
            "负责法治宣传教育工作。",
            "负责法律援助和人民调解工作。",
            _DUTIES_TAIL,
        ),
        ("法律援助", "普法宣传", "人民调解"),
        (LEGAL_AID,),
        300,
    ),
    DepartmentType(
        "市场监督管理局",
        "市场监管局",
        "16",
        ("食品药品检验检测中心", "消费者权益保护中心", "市场监管综合执法大队"),
        ("负责市场综合监督管理。", "负责食品安全监督管理。", "负责特种设备安全监督管理。", _DUTIES_TAIL),
        ("食品安全抽检", "市场秩序整治", "特种设备安全监管"),
        (FOOD_SAFETY,),
        900,
    ),
    DepartmentType(
        "档案馆",
        "档案馆",
        "17",
        (),
        (
            "负责全县档案事业的统筹规划。",
            "负责接收、收集、整理、保管档案资料。",
            "负责档案信息化建设。",
            _DUTIES_TAIL,
        ),
        ("档案数字化", "档案接收进馆", "档案利用服务"),
        (),
        80,
    ),
    DepartmentType(
        "统计局",
        "统计局",
        "18",
        ("普查中心",),
        ("贯彻执行统计法律法规。", "组织实施全县统计调查。", "负责发布统计信息。", _DUTIES_TAIL),
        ("统计调查", "统计执法检查", "统计信息发布"),
        (),
        120,
    ),
)

UNIT_SUMMARY_LABELS = ("局机关及二级机构汇总", "合计", "部门汇总", "本部门合计")
HEAD_OFFICE = "局机关"

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "明伟芳娜敏静丽强磊军洋勇艳杰娟涛超霞平刚桂英华兰红玉建国文斌志宏海波辉鹏飞云峰林凯俊晓燕婷雪琳丹颖亮浩宇鑫龙"

TITLES = (
    "局长",
    "副局长",
    "党组书记",
    "财务股股长",
    "办公室主任",
    "股长",
    "副主任",
    "会计",
    "出纳",
    "主任科员",
    "",
)

PHONE_PREFIXES = (
    "139",
    "138",
    "137",
    "136",
    "135",
    "151",
    "152",
    "158",
    "159",
    "187",
    "188",
    "180",
    "189",
    "133",
)

# 定性目标 and indicator wording of a department report
DEPARTMENT_GOAL_TEMPLATES = (
    "目标1、围绕{task0}，全面完成年度工作任务；\n目标2、加强预算管理，提高财政资金使用效益；\n目标3、强化内部管理，确保资金安全。",
    "目标1、{task0}；\n目标2、{task1}；\n目标3、严格执行预算，压缩一般性支出。",
)
DEPARTMENT_GOAL_DONE = ("已按质按量完成并落实到位", "各项目标任务均已完成", "全面完成年度目标任务")

QUALITY_ACTUALS = ("工作质量符合要求，考核合格", "达到预期质量标准", "通过上级部门考核验收")
TIMELINESS_ACTUALS = ("按时完成", "在规定时限内完成", "全部按期完成")
COST_ACTUALS = ("成本控制在预算范围内", "未超出预算", "严格按预算执行")
EFFECT_ACTUALS = ("社会效益明显", "群众获得感明显增强", "服务水平明显提升")
ECONOMY_ACTUALS = ("带动相关产业发展", "促进县域经济发展", "经济效益明显")
ECOLOGY_ACTUALS = ("生态环境持续改善", "未对环境造成不利影响", "人居环境明显改善")
SATISFACTION_ACTUALS = ("群众满意度达95%以上", "服务对象满意度较高", "社会公众满意")

# what people write in the 扣分原因 column when an item lost points
DEDUCTION_NOTES = ("部分工作未达预期", "个别指标完成不理想", "资料不够完整", "执行进度偏慢")

PROBLEMS = (
    "预算编制的精细化程度有待提高，预算编制与实际支出存在一定差异。",
    "绩效目标设置不够细化、量化，部分指标难以考核。",
    "部分项目资金拨付进度偏慢。",
    "资产管理基础工作有待加强。",
    "“三公”经费管理有待进一步规范。",
)
SUGGESTIONS = (
    "进一步提高预算编制质量，严格按预算规定的项目和用途执行。",
    "细化量化绩效目标，加强绩效运行监控。",
    "加快项目实施和资金拨付进度，提高资金使用效益。",
    "健全资产管理制度，定期开展资产清查。",
    "严格控制“三公”经费支出，厉行节约。",
)
