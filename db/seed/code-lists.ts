import { codeLists } from "../schema";
import type { Tx } from "../client";

export interface CodeItem {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode?: string;
}

/** GB/T 4754-2017 sections (门类) A..T. */
export const INDUSTRY_SECTIONS: CodeItem[] = [
  { code: "A", nameZh: "农、林、牧、渔业", nameEn: "Agriculture, forestry, animal husbandry and fishery" },
  { code: "B", nameZh: "采矿业", nameEn: "Mining" },
  { code: "C", nameZh: "制造业", nameEn: "Manufacturing" },
  { code: "D", nameZh: "电力、热力、燃气及水生产和供应业", nameEn: "Production and supply of electricity, heat, gas and water" },
  { code: "E", nameZh: "建筑业", nameEn: "Construction" },
  { code: "F", nameZh: "批发和零售业", nameEn: "Wholesale and retail trade" },
  { code: "G", nameZh: "交通运输、仓储和邮政业", nameEn: "Transport, storage and postal services" },
  { code: "H", nameZh: "住宿和餐饮业", nameEn: "Accommodation and catering" },
  { code: "I", nameZh: "信息传输、软件和信息技术服务业", nameEn: "Information transmission, software and information technology services" },
  { code: "J", nameZh: "金融业", nameEn: "Finance" },
  { code: "K", nameZh: "房地产业", nameEn: "Real estate" },
  { code: "L", nameZh: "租赁和商务服务业", nameEn: "Leasing and business services" },
  { code: "M", nameZh: "科学研究和技术服务业", nameEn: "Scientific research and technical services" },
  { code: "N", nameZh: "水利、环境和公共设施管理业", nameEn: "Water conservancy, environment and public facilities management" },
  { code: "O", nameZh: "居民服务、修理和其他服务业", nameEn: "Resident services, repair and other services" },
  { code: "P", nameZh: "教育", nameEn: "Education" },
  { code: "Q", nameZh: "卫生和社会工作", nameEn: "Health and social work" },
  { code: "R", nameZh: "文化、体育和娱乐业", nameEn: "Culture, sports and entertainment" },
  { code: "S", nameZh: "公共管理、社会保障和社会组织", nameEn: "Public administration, social security and social organizations" },
  { code: "T", nameZh: "国际组织", nameEn: "International organizations" },
];

/** GB/T 4754-2017 divisions (大类) under the sections most of the book sits in. F and K have only these. */
export const INDUSTRY_DIVISIONS: CodeItem[] = [
  { code: "13", parentCode: "C", nameZh: "农副食品加工业", nameEn: "Processing of food from agricultural products" },
  { code: "26", parentCode: "C", nameZh: "化学原料和化学制品制造业", nameEn: "Manufacture of raw chemical materials and chemical products" },
  { code: "27", parentCode: "C", nameZh: "医药制造业", nameEn: "Manufacture of medicines" },
  { code: "36", parentCode: "C", nameZh: "汽车制造业", nameEn: "Manufacture of automobiles" },
  { code: "39", parentCode: "C", nameZh: "计算机、通信和其他电子设备制造业", nameEn: "Manufacture of computers, communication and other electronic equipment" },
  { code: "44", parentCode: "D", nameZh: "电力、热力生产和供应业", nameEn: "Production and supply of electricity and heat" },
  { code: "47", parentCode: "E", nameZh: "房屋建筑业", nameEn: "Building construction" },
  { code: "48", parentCode: "E", nameZh: "土木工程建筑业", nameEn: "Civil engineering construction" },
  { code: "49", parentCode: "E", nameZh: "建筑安装业", nameEn: "Construction installation" },
  { code: "50", parentCode: "E", nameZh: "建筑装饰、装修和其他建筑业", nameEn: "Building decoration, renovation and other construction" },
  { code: "51", parentCode: "F", nameZh: "批发业", nameEn: "Wholesale trade" },
  { code: "52", parentCode: "F", nameZh: "零售业", nameEn: "Retail trade" },
  { code: "54", parentCode: "G", nameZh: "道路运输业", nameEn: "Road transport" },
  { code: "55", parentCode: "G", nameZh: "水上运输业", nameEn: "Water transport" },
  { code: "59", parentCode: "G", nameZh: "装卸搬运和仓储业", nameEn: "Loading, unloading, handling and warehousing" },
  { code: "63", parentCode: "I", nameZh: "电信、广播电视和卫星传输服务", nameEn: "Telecommunications, broadcasting and satellite transmission services" },
  { code: "64", parentCode: "I", nameZh: "互联网和相关服务", nameEn: "Internet and related services" },
  { code: "65", parentCode: "I", nameZh: "软件和信息技术服务业", nameEn: "Software and information technology services" },
  { code: "70", parentCode: "K", nameZh: "房地产业", nameEn: "Real estate" },
];

/** GB/T 2260 provinces / municipalities where the bank has branches, and their main cities (districts for municipalities). */
export const REGIONS: CodeItem[] = [
  { code: "110000", nameZh: "北京市", nameEn: "Beijing" },
  { code: "110101", parentCode: "110000", nameZh: "东城区", nameEn: "Dongcheng District" },
  { code: "110102", parentCode: "110000", nameZh: "西城区", nameEn: "Xicheng District" },
  { code: "110105", parentCode: "110000", nameZh: "朝阳区", nameEn: "Chaoyang District" },
  { code: "110108", parentCode: "110000", nameZh: "海淀区", nameEn: "Haidian District" },
  { code: "310000", nameZh: "上海市", nameEn: "Shanghai" },
  { code: "310101", parentCode: "310000", nameZh: "黄浦区", nameEn: "Huangpu District" },
  { code: "310104", parentCode: "310000", nameZh: "徐汇区", nameEn: "Xuhui District" },
  { code: "310106", parentCode: "310000", nameZh: "静安区", nameEn: "Jing'an District" },
  { code: "310115", parentCode: "310000", nameZh: "浦东新区", nameEn: "Pudong New Area" },
  { code: "440000", nameZh: "广东省", nameEn: "Guangdong" },
  { code: "440100", parentCode: "440000", nameZh: "广州市", nameEn: "Guangzhou" },
  { code: "440300", parentCode: "440000", nameZh: "深圳市", nameEn: "Shenzhen" },
  { code: "440400", parentCode: "440000", nameZh: "珠海市", nameEn: "Zhuhai" },
  { code: "440600", parentCode: "440000", nameZh: "佛山市", nameEn: "Foshan" },
  { code: "441900", parentCode: "440000", nameZh: "东莞市", nameEn: "Dongguan" },
  { code: "510000", nameZh: "四川省", nameEn: "Sichuan" },
  { code: "510100", parentCode: "510000", nameZh: "成都市", nameEn: "Chengdu" },
  { code: "510600", parentCode: "510000", nameZh: "德阳市", nameEn: "Deyang" },
  { code: "510700", parentCode: "510000", nameZh: "绵阳市", nameEn: "Mianyang" },
  { code: "511500", parentCode: "510000", nameZh: "宜宾市", nameEn: "Yibin" },
];

export const CUSTOMER_NATURES: CodeItem[] = [
  { code: "state_owned", nameZh: "国有", nameEn: "State-owned" },
  { code: "collective", nameZh: "集体", nameEn: "Collective" },
  { code: "private", nameZh: "民营", nameEn: "Private" },
  { code: "foreign", nameZh: "外商投资", nameEn: "Foreign-invested" },
  { code: "hmt", nameZh: "港澳台投资", nameEn: "Hong Kong, Macao and Taiwan-invested" },
  { code: "joint_stock", nameZh: "股份制", nameEn: "Joint-stock" },
  { code: "public", nameZh: "事业单位", nameEn: "Public institution" },
  { code: "individual", nameZh: "个人", nameEn: "Individual" },
  { code: "other", nameZh: "其他", nameEn: "Other" },
];

export const OVERRIDE_REASONS: CodeItem[] = [
  { code: "OR01", nameZh: "模型未能反映的行业前景", nameEn: "Industry outlook not captured by the model" },
  { code: "OR02", nameZh: "集团或股东支持", nameEn: "Group or shareholder support" },
  { code: "OR03", nameZh: "担保或抵质押增信", nameEn: "Guarantee or collateral" },
  { code: "OR04", nameZh: "不利信息（涉诉、舆情、监管处罚等）", nameEn: "Adverse information (litigation, media, regulatory penalties)" },
  { code: "OR05", nameZh: "财务数据质量问题", nameEn: "Financial data quality" },
  { code: "OR99", nameZh: "其他原因", nameEn: "Other" },
];

export const RETURN_REASONS: CodeItem[] = [
  { code: "RR01", nameZh: "资料不完整", nameEn: "Incomplete data" },
  { code: "RR02", nameZh: "缺少证明文件", nameEn: "Supporting documents missing" },
  { code: "RR03", nameZh: "财务报表不一致", nameEn: "Inconsistent financial statements" },
  { code: "RR04", nameZh: "评级意见不充分", nameEn: "Rating opinion insufficient" },
  { code: "RR99", nameZh: "其他原因", nameEn: "Other" },
];

export const CODE_LISTS: Record<string, CodeItem[]> = {
  industry: [...INDUSTRY_SECTIONS, ...INDUSTRY_DIVISIONS],
  region: REGIONS,
  customer_nature: CUSTOMER_NATURES,
  override_reason: OVERRIDE_REASONS,
  return_reason: RETURN_REASONS,
};

export function regionName(code: string): CodeItem {
  const r = REGIONS.find((x) => x.code === code);
  if (!r) throw new Error(`seed: unknown region ${code}`);
  return r;
}

/** The province of a region code (a province is its own province). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Cities (or municipal districts) of a province. */
export function citiesOf(province: string): CodeItem[] {
  return REGIONS.filter((r) => r.parentCode === province);
}

/** Returns the number of rows written. Existing codes (e.g. maintained by an admin) are left alone. */
export async function seedCodeLists(tx: Tx): Promise<number> {
  const rows = Object.entries(CODE_LISTS).flatMap(([listType, items]) =>
    items.map((item, i) => ({
      listType,
      code: item.code,
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      parentCode: item.parentCode ?? null,
      sortOrder: (i + 1) * 10,
    })),
  );
  const written = await tx.insert(codeLists).values(rows).onConflictDoNothing().returning({ code: codeLists.code });
  return written.length;
}
