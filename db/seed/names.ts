import type { Rng } from "./prng";

// Common surnames, weighted roughly by frequency (王, 李, 张, 刘, 陈 are about a third of the population).
const SURNAMES: [string, number][] = [
  ["王", 7.1], ["李", 7.0], ["张", 6.8], ["刘", 5.4], ["陈", 4.6], ["杨", 3.1], ["黄", 2.5], ["赵", 2.3],
  ["吴", 2.0], ["周", 1.9], ["徐", 1.5], ["孙", 1.5], ["马", 1.3], ["朱", 1.3], ["胡", 1.2], ["郭", 1.2],
  ["何", 1.1], ["林", 1.1], ["高", 1.1], ["罗", 1.0], ["郑", 0.9], ["梁", 0.9], ["谢", 0.8], ["宋", 0.8],
  ["唐", 0.8], ["许", 0.7], ["韩", 0.7], ["冯", 0.7], ["邓", 0.7], ["曹", 0.7], ["彭", 0.6], ["曾", 0.6],
  ["肖", 0.6], ["田", 0.6], ["董", 0.6], ["袁", 0.5], ["潘", 0.5], ["蒋", 0.5], ["蔡", 0.5], ["余", 0.5],
  ["杜", 0.5], ["叶", 0.5], ["程", 0.5], ["魏", 0.4], ["苏", 0.4], ["吕", 0.4], ["丁", 0.4], ["任", 0.4],
  ["沈", 0.4], ["姚", 0.4], ["卢", 0.4], ["钟", 0.3], ["姜", 0.3], ["崔", 0.3], ["谭", 0.3], ["陆", 0.3],
  ["范", 0.3], ["汪", 0.3], ["廖", 0.3], ["石", 0.3], ["金", 0.3], ["欧阳", 0.1], ["司马", 0.03],
];

const GIVEN_MALE = [
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩",
  "建国", "建华", "志强", "志明", "国平", "海涛", "晓东", "文博", "俊杰", "子轩", "浩然", "宇航", "振华", "立新", "永刚",
  "德明", "嘉诚", "思远", "天佑", "博文", "学军", "春生", "家豪", "晨阳", "一鸣",
];
const GIVEN_FEMALE = [
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "倩", "颖", "琳", "洁", "慧", "莉", "萍", "红",
  "秀英", "桂英", "丽华", "晓燕", "雅琴", "淑珍", "美玲", "欣怡", "梓涵", "诗雨", "佳怡", "思琪", "雨桐", "婉清", "晓雯",
  "海燕", "文静", "丹丹", "春梅", "玉兰", "若曦", "梦瑶", "嘉欣", "紫萱", "语嫣",
];

/** A Chinese personal name; gender 1 = male, 2 = female (GB/T 2261.1). */
export function personName(rng: Rng, gender: 1 | 2): string {
  return rng.weighted(SURNAMES) + rng.pick(gender === 1 ? GIVEN_MALE : GIVEN_FEMALE);
}

/** Draws names until one is not in `taken`, then records it. */
export function uniqueName(taken: Set<string>, draw: () => string): string {
  for (let i = 0; i < 10_000; i++) {
    const name = draw();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error("seed: name space exhausted");
}

/** Brand words (字号) of company names. */
export const BRAND_WORDS = [
  "华信", "恒泰", "瑞丰", "宏达", "鼎盛", "金桥", "博远", "中科", "新元", "嘉禾", "永安", "天成", "聚源", "卓越", "正邦",
  "东方", "长城", "汇通", "华润", "宏图", "信达", "富源", "盛世", "海纳", "乾元", "凯达", "佳美", "远航", "立信", "鸿运",
  "万通", "华夏", "兴业", "泰和", "同创", "明辉", "德胜", "安泰", "联创", "锦程", "鑫源", "创维", "金鼎", "润泽", "天合",
  "华威", "益民", "腾达", "振兴", "国信", "光明", "北辰", "南翔", "星河", "银河", "精工", "蓝海", "绿源", "誉诚", "方圆",
];

/** Industry words (行业表述) of company names per industry code. */
export const INDUSTRY_WORDS: Record<string, string[]> = {
  A: ["农业科技", "生态农业", "畜牧", "水产养殖", "林业"],
  B: ["矿业", "煤业", "石材开采"],
  "13": ["食品", "粮油", "农产品加工", "肉类食品"],
  "26": ["化工", "新材料", "精细化工", "涂料"],
  "27": ["制药", "生物医药", "药业"],
  "36": ["汽车零部件", "汽车", "汽车电子"],
  "39": ["电子科技", "通信设备", "光电", "半导体"],
  "44": ["能源", "电力", "热电"],
  "47": ["建设工程", "建筑", "建工"],
  "48": ["路桥", "市政工程", "土木工程"],
  "49": ["安装工程", "机电安装"],
  "50": ["装饰工程", "建筑装饰"],
  "51": ["商贸", "贸易", "供应链管理", "进出口"],
  "52": ["百货", "超市", "商业连锁", "医药连锁"],
  "54": ["物流", "运输", "客运"],
  "55": ["航运", "海运"],
  "59": ["仓储", "冷链物流"],
  "63": ["通信", "信息网络"],
  "64": ["网络科技", "互联网科技", "数字科技"],
  "65": ["软件", "信息技术", "数据科技", "智能科技"],
  "70": ["置业", "房地产开发", "地产"],
  H: ["酒店管理", "餐饮管理", "酒店"],
  L: ["租赁", "商务咨询", "企业管理"],
  M: ["技术服务", "检测技术", "工程设计"],
  O: ["家政服务", "汽车维修"],
  R: ["文化传媒", "影视", "体育发展"],
};

export const COMPANY_SUFFIX_LIMITED = "有限公司";
export const COMPANY_SUFFIX_JOINT_STOCK = "股份有限公司";

/** Public institutions: a kind word and its industry section. `{n}` takes an ordinal 一..十. */
export const PUBLIC_INSTITUTION_KINDS: { pattern: string; industry: string }[] = [
  { pattern: "第{n}人民医院", industry: "Q" },
  { pattern: "中医医院", industry: "Q" },
  { pattern: "妇幼保健院", industry: "Q" },
  { pattern: "疾病预防控制中心", industry: "Q" },
  { pattern: "第{n}中学", industry: "P" },
  { pattern: "实验小学", industry: "P" },
  { pattern: "职业技术学院", industry: "P" },
  { pattern: "第{n}幼儿园", industry: "P" },
  { pattern: "农业科学研究院", industry: "M" },
  { pattern: "工业技术研究院", industry: "M" },
  { pattern: "环境监测中心站", industry: "N" },
  { pattern: "水务管理中心", industry: "N" },
  { pattern: "图书馆", industry: "R" },
  { pattern: "体育中心", industry: "R" },
  { pattern: "社会福利院", industry: "Q" },
];

export const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export const OCCUPATIONS: { title: string; income: [number, number] }[] = [
  { title: "教师", income: [80_000, 250_000] },
  { title: "医生", income: [150_000, 600_000] },
  { title: "护士", income: [70_000, 200_000] },
  { title: "工程师", income: [150_000, 500_000] },
  { title: "软件开发工程师", income: [200_000, 800_000] },
  { title: "公务员", income: [100_000, 300_000] },
  { title: "会计", income: [80_000, 250_000] },
  { title: "销售经理", income: [120_000, 600_000] },
  { title: "律师", income: [200_000, 1_500_000] },
  { title: "个体工商户", income: [60_000, 1_200_000] },
  { title: "企业主", income: [300_000, 3_000_000] },
  { title: "司机", income: [60_000, 150_000] },
  { title: "厨师", income: [60_000, 180_000] },
  { title: "设计师", income: [100_000, 400_000] },
  { title: "自由职业者", income: [50_000, 400_000] },
];

/** Public employers, after a city or district name ("佛山市", "海淀区"). */
export const PUBLIC_EMPLOYERS = ["人民医院", "教育局", "税务局", "实验中学", "人民法院", "自来水公司", "第一中学", "中医医院"];

export const ROADS = [
  "人民路", "建设路", "解放路", "中山路", "长江路", "和平路", "新华路", "胜利路", "文化路", "科技路", "工业大道", "滨江路",
  "学府路", "花园路", "朝阳路", "东风路", "青年路", "金融街", "创业大道", "高新路",
];
