import { customers } from "../schema";
import type { Tx } from "../client";
import { encryptIdNumber, idNumberLookupHash } from "../../server/auth/id-number-crypto";
import { idNumberCheckChar, maskIdNumber, usccCheckChar } from "../../server/domain/validation/identity";
import { citiesOf, provinceOf, regionName, REGIONS } from "./code-lists";
import type { SeededInstitution } from "./institutions";
import {
  BRAND_WORDS,
  COMPANY_SUFFIX_JOINT_STOCK,
  COMPANY_SUFFIX_LIMITED,
  INDUSTRY_WORDS,
  OCCUPATIONS,
  ORDINALS,
  PUBLIC_EMPLOYERS,
  PUBLIC_INSTITUTION_KINDS,
  ROADS,
  personName,
  uniqueName,
} from "./names";
import { ANCHOR_DATE, addDays, centsToString, clamp, rngFor, toCents, type Rng } from "./prng";
import { APPLICANTS, type SeededUser } from "./users";

export type CustomerType = "corporate" | "sme" | "public_institution" | "individual";

/** How many customers of each type the seed generates (applicant-owned records come on top). */
export const CUSTOMER_COUNTS: Record<CustomerType, number> = { corporate: 120, sme: 100, public_institution: 40, individual: 60 };

export interface SeededCustomer {
  id: string;
  code: string;
  name: string;
  type: CustomerType;
  industryCode: string | null;
  institutionCode: string;
  /** Latent credit quality in [0, 1), 1 best: drives statements and credit history. */
  quality: number;
  /** Organisations: latest annual revenue in yuan, the size the statements are built around. */
  revenue: number | null;
  /** Owned by an applicant account (portal record). */
  applicant: boolean;
  /** Individuals: total debt in cents. */
  totalDebtCents: number | null;
}

type Insert = typeof customers.$inferInsert;

const CORPORATE_INDUSTRIES: [string, number][] = [
  ["13", 6], ["26", 6], ["27", 4], ["36", 5], ["39", 7], ["44", 4], ["47", 5], ["48", 4], ["49", 2], ["50", 2], ["51", 7],
  ["52", 4], ["54", 3], ["55", 2], ["59", 2], ["63", 2], ["64", 3], ["65", 5], ["70", 6], ["A", 2], ["B", 2], ["H", 2],
  ["L", 3], ["M", 3], ["R", 1],
];
const SME_INDUSTRIES: [string, number][] = [
  ["13", 5], ["26", 2], ["36", 3], ["39", 5], ["49", 3], ["50", 5], ["51", 10], ["52", 8], ["54", 5], ["59", 3], ["64", 5],
  ["65", 8], ["A", 4], ["H", 6], ["L", 4], ["M", 5], ["O", 5], ["R", 3],
];
const CORPORATE_NATURES: [string, number][] = [
  ["state_owned", 25], ["private", 35], ["joint_stock", 20], ["foreign", 8], ["hmt", 5], ["collective", 3], ["other", 4],
];
const SME_NATURES: [string, number][] = [
  ["private", 75], ["collective", 5], ["foreign", 5], ["hmt", 5], ["joint_stock", 5], ["other", 5],
];

/** Annual revenue per employee (yuan) by industry: traders and developers turn over far more per head. */
const REVENUE_PER_EMPLOYEE: Record<string, [number, number]> = {
  "51": [3e6, 8e6], "70": [3e6, 6e6], "44": [2e6, 5e6], "26": [1.5e6, 3e6], B: [1e6, 2.5e6], "36": [1.2e6, 2.5e6],
};

/** Latest annual revenue in yuan: SMEs 5-80 M, corporates 100 M - 20 B, public institutions 20 M - 2 B. */
export function drawRevenue(rng: Rng, type: Exclude<CustomerType, "individual">): number {
  return type === "sme" ? rng.logBetween(5e6, 8e7) : type === "corporate" ? rng.logBetween(1e8, 2e10) : rng.logBetween(2e7, 2e9);
}

/** Word for a region in a company name: the city, or the municipality for its districts. */
function placeWord(regionCode: string): string {
  const province = provinceOf(regionCode);
  if (province === "110000") return "北京";
  if (province === "310000") return "上海";
  return regionName(regionCode).nameZh.replace(/[省市]$/, "");
}

/** A city-level code for ID numbers and addresses (a province code is replaced by one of its cities). */
function cityLevel(rng: Rng, regionCode: string): string {
  return regionCode.endsWith("0000") ? rng.pick(citiesOf(regionCode)).code : regionCode;
}

function address(rng: Rng, regionCode: string): string {
  const r = regionName(regionCode);
  const province = provinceOf(regionCode);
  const prefix = r.code === province ? r.nameZh : `${regionName(province).nameZh}${r.nameZh}`;
  return `${prefix}${rng.pick(ROADS)}${rng.int(1, 999)}号`;
}

function mobile(rng: Rng): string {
  return `1${rng.pick(["39", "38", "37", "36", "35", "50", "58", "86", "88", "77"])}${rng.digits(8)}`;
}

/** GB 11714 organisation code (8 body characters + check) as used in positions 9-17 of the USCC. */
function organisationCode(rng: Rng): string {
  const body = rng.digits(8);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  const c = 11 - (sum % 11);
  return body + (c === 10 ? "X" : c === 11 ? "0" : String(c));
}

/** Unified social credit code: registration authority + kind, region, organisation code, check character. */
function uscc(rng: Rng, kind: "enterprise" | "public", regionCode: string, taken: Set<string>): string {
  for (;;) {
    const first17 = `${kind === "enterprise" ? "91" : "12"}${regionCode}${organisationCode(rng)}`;
    const code = first17 + usccCheckChar(first17)!;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function dateBetween(rng: Rng, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return isoDate(y, m, rng.int(1, days));
}

/** Rounds a yuan amount to `step` yuan and renders it as a numeric string. */
function money(yuan: number, step = 1): string {
  return centsToString(toCents(Math.round(yuan / step) * step));
}

interface Ctx {
  tx: Tx;
  institutions: Map<string, SeededInstitution>;
  users: Map<string, SeededUser>;
  codes: Set<string>;
  names: Set<string>;
  usccs: Set<string>;
  idNumbers: Set<string>;
  codeRng: Rng;
}

function newCode(ctx: Ctx): string {
  for (;;) {
    const code = `C${ctx.codeRng.int(10_000_000, 99_999_999)}`;
    if (!ctx.codes.has(code)) {
      ctx.codes.add(code);
      return code;
    }
  }
}

/** Customers sit at branches and sub-branches; the manager is that institution's rater. */
function pickInstitution(rng: Rng, ctx: Ctx, branchWeight: number, subWeight: number): SeededInstitution {
  const pairs = [...ctx.institutions.values()].filter((i) => i.level > 0).map((i) => [i, i.level === 1 ? branchWeight : subWeight] as const);
  return rng.weighted(pairs);
}

function raterOf(ctx: Ctx, inst: SeededInstitution): string {
  const own = ctx.users.get(`${inst.code.toLowerCase()}.rater`);
  return (own ?? ctx.users.get(`${inst.parentCode!.toLowerCase()}.rater`)!).id;
}

/** Mostly the institution's own region, sometimes another city of the same province. */
function pickRegion(rng: Rng, inst: SeededInstitution): string {
  if (rng.chance(0.7)) return inst.regionCode;
  const province = provinceOf(inst.regionCode);
  return rng.pick([province, ...citiesOf(province).map((c) => c.code)]);
}

function companyName(rng: Rng, ctx: Ctx, regionCode: string, industryCode: string, suffix: string): string {
  return uniqueName(ctx.names, () => `${placeWord(regionCode)}${rng.pick(BRAND_WORDS)}${rng.pick(INDUSTRY_WORDS[industryCode])}${suffix}`);
}

function organisation(rng: Rng, ctx: Ctx, type: "corporate" | "sme", fixed?: Partial<Insert> & { institutionCode?: string }): { row: Insert; quality: number; inst: SeededInstitution; revenue: number } {
  const inst = fixed?.institutionCode ? ctx.institutions.get(fixed.institutionCode)! : type === "corporate" ? pickInstitution(rng, ctx, 2, 1) : pickInstitution(rng, ctx, 1, 1.5);
  const industryCode = fixed?.industryCode ?? rng.weighted(type === "corporate" ? CORPORATE_INDUSTRIES : SME_INDUSTRIES);
  const natureCode = fixed?.natureCode ?? rng.weighted(type === "corporate" ? CORPORATE_NATURES : SME_NATURES);
  const regionCode = fixed?.regionCode ?? pickRegion(rng, inst);
  const groupFlag = fixed?.groupFlag ?? (type === "corporate" && rng.chance(0.15));
  const suffix =
    groupFlag && rng.chance(0.5) ? `集团${COMPANY_SUFFIX_LIMITED}` : natureCode === "joint_stock" ? COMPANY_SUFFIX_JOINT_STOCK : COMPANY_SUFFIX_LIMITED;
  const name = fixed?.name ?? companyName(rng, ctx, regionCode, industryCode, suffix);
  if (fixed?.name) ctx.names.add(fixed.name);
  const gender = rng.chance(0.6) ? 1 : 2;
  const code = newCode(ctx);
  const revenue = drawRevenue(rng, type);
  const perHead = REVENUE_PER_EMPLOYEE[industryCode] ?? (type === "sme" ? [3e5, 1e6] : [6e5, 2e6]);
  const row: Insert = {
    code,
    name,
    type,
    industryCode,
    regionCode,
    natureCode,
    institutionId: inst.id,
    managerUserId: raterOf(ctx, inst),
    groupFlag,
    registeredCapital: money(Math.max(type === "corporate" ? 5e7 : 1e6, revenue * rng.between(0.05, 0.4)), 10_000),
    establishedOn: type === "corporate" ? dateBetween(rng, 1985, 2020) : dateBetween(rng, 2005, 2022),
    creditCode: uscc(rng, "enterprise", regionCode, ctx.usccs),
    contactName: personName(rng, gender),
    contactPhone: mobile(rng),
    contactEmail: `finance@${code.toLowerCase()}.example.com`,
    address: address(rng, cityLevel(rng, regionCode)),
    employees: Math.round(clamp(revenue / rng.between(perHead[0], perHead[1]), type === "sme" ? 8 : 100, type === "sme" ? 300 : 80_000)),
    source: "seed",
    ...fixed,
  };
  delete (row as { institutionCode?: string }).institutionCode;
  return { row, quality: rng.float(), inst, revenue };
}

function publicInstitution(rng: Rng, ctx: Ctx): { row: Insert; quality: number; inst: SeededInstitution; revenue: number } {
  const inst = pickInstitution(rng, ctx, 1, 1);
  const regionCode = pickRegion(rng, inst);
  let industryCode = "";
  const name = uniqueName(ctx.names, () => {
    const kind = rng.pick(PUBLIC_INSTITUTION_KINDS);
    industryCode = kind.industry;
    return `${regionName(regionCode).nameZh}${kind.pattern.replace("{n}", rng.pick(ORDINALS))}`;
  });
  const code = newCode(ctx);
  const revenue = drawRevenue(rng, "public_institution");
  const row: Insert = {
    code,
    name,
    type: "public_institution",
    industryCode,
    regionCode,
    natureCode: "public",
    institutionId: inst.id,
    managerUserId: raterOf(ctx, inst),
    groupFlag: false,
    // 开办资金 (founding capital) of the public-institution legal person certificate
    registeredCapital: money(Math.max(1e6, revenue * rng.between(0.02, 0.15)), 10_000),
    establishedOn: dateBetween(rng, 1950, 2010),
    creditCode: uscc(rng, "public", regionCode, ctx.usccs),
    contactName: personName(rng, rng.chance(0.5) ? 1 : 2),
    contactPhone: mobile(rng),
    contactEmail: `office@${code.toLowerCase()}.example.com`,
    address: address(rng, cityLevel(rng, regionCode)),
    employees: Math.round(clamp(revenue / rng.between(2e5, 5e5), 30, 8_000)),
    source: "seed",
  };
  return { row, quality: rng.float(), inst, revenue };
}

/** A valid resident ID number: city code + birth date + sequence (odd = male) + MOD 11-2 check. */
function idNumber(rng: Rng, ctx: Ctx, cityCode: string, birthDate: string, gender: 1 | 2): string {
  for (;;) {
    const seq = rng.int(0, 49) * 10 + rng.int(0, 4) * 2 + (gender === 1 ? 1 : 0);
    const first17 = `${cityCode}${birthDate.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
    const id = first17 + idNumberCheckChar(first17)!;
    if (!ctx.idNumbers.has(id)) {
      ctx.idNumbers.add(id);
      return id;
    }
  }
}

function individual(
  rng: Rng,
  ctx: Ctx,
  fixed?: { institutionCode: string; name: string; gender: 1 | 2; applicantUserId: string; contactPhone?: string | null; contactEmail: string },
): { row: Insert; quality: number; inst: SeededInstitution; totalDebtCents: number } {
  const inst = fixed ? ctx.institutions.get(fixed.institutionCode)! : pickInstitution(rng, ctx, 1, 1.5);
  const regionCode = pickRegion(rng, inst);
  const gender: 1 | 2 = fixed?.gender ?? (rng.chance(0.55) ? 1 : 2);
  const name = fixed?.name ?? uniqueName(ctx.names, () => personName(rng, gender));
  // aged 23..62 at the anchor date
  const birthDate = addDays(ANCHOR_DATE, -Math.round(rng.between(23, 62) * 365.25));
  const birthCity = rng.chance(0.75) ? cityLevel(rng, regionCode) : rng.pick(REGIONS.filter((r) => r.parentCode)).code;
  const id = idNumber(rng, ctx, birthCity, birthDate, gender);
  const quality = rng.float();
  const occ = rng.pick(OCCUPATIONS);
  const place = placeWord(regionCode);
  const employer =
    occ.title === "自由职业者"
      ? null
      : ["公务员", "教师", "医生", "护士"].includes(occ.title)
        ? `${regionName(cityLevel(rng, regionCode)).nameZh}${rng.pick(PUBLIC_EMPLOYERS)}`
        : `${place}${rng.pick(BRAND_WORDS)}${rng.pick(INDUSTRY_WORDS[rng.pick(["51", "52", "65", "13", "47", "54", "L"])])}${COMPANY_SUFFIX_LIMITED}`;
  const income = clamp(occ.income[0] + (occ.income[1] - occ.income[0]) * clamp(0.15 + 0.7 * quality + 0.15 * rng.normal(), 0, 1), occ.income[0], occ.income[1]);
  const assets = income * rng.between(2, 15) * (0.5 + quality);
  const debtRatio = clamp(0.05 + 0.85 * (1 - quality) + 0.1 * rng.normal(), 0, 1.3);
  const totalDebtCents = toCents(Math.round(assets * debtRatio / 100) * 100);
  const code = newCode(ctx);
  const row: Insert = {
    code,
    name,
    type: "individual",
    industryCode: null,
    regionCode,
    natureCode: "individual",
    institutionId: inst.id,
    managerUserId: raterOf(ctx, inst),
    applicantUserId: fixed?.applicantUserId ?? null,
    contactName: name,
    contactPhone: fixed?.contactPhone ?? mobile(rng),
    contactEmail: fixed?.contactEmail ?? null,
    address: address(rng, cityLevel(rng, regionCode)),
    idNumberEnc: encryptIdNumber(id),
    idNumberHash: idNumberLookupHash(id),
    idNumberMasked: maskIdNumber(id),
    birthDate,
    gender,
    occupation: occ.title,
    employer,
    annualIncome: money(income, 100),
    totalAssets: money(assets, 100),
    totalDebt: centsToString(totalDebtCents),
    source: fixed ? "portal" : "seed",
  };
  return { row, quality, inst, totalDebtCents };
}

/** The organisation records owned by the enterprise applicants (fixed names, so the portal demo reads well). */
const APPLICANT_COMPANIES: Record<string, Partial<Insert>> = {
  "ent.applicant1": { name: "北京云启智算软件有限公司", industryCode: "65", natureCode: "private", regionCode: "110108", groupFlag: false },
  "ent.applicant2": { name: "广州华粤精密电子股份有限公司", industryCode: "39", natureCode: "joint_stock", regionCode: "440100", groupFlag: false },
};

export async function seedCustomers(tx: Tx, institutions: Map<string, SeededInstitution>, users: Map<string, SeededUser>): Promise<SeededCustomer[]> {
  const ctx: Ctx = {
    tx,
    institutions,
    users,
    codes: new Set(),
    names: new Set(),
    usccs: new Set(),
    idNumbers: new Set(),
    codeRng: rngFor("customer-codes"),
  };
  const byId = new Map<number, SeededInstitution>([...institutions.values()].map((i) => [i.id, i]));
  const pending: { row: Insert; quality: number; revenue?: number; totalDebtCents: number | null }[] = [];

  // applicant-owned records first: they are the ones a portal demo opens
  const applicantRng = rngFor("customers:applicants");
  for (const a of APPLICANTS) {
    const user = users.get(a.username)!;
    if (a.customerType === "individual") {
      const r = individual(applicantRng, ctx, {
        institutionCode: a.institutionCode,
        name: user.displayName,
        gender: user.gender,
        applicantUserId: user.id,
        contactEmail: `${a.username}@demo-bank.cn`,
      });
      ctx.names.add(user.displayName);
      pending.push(r);
    } else {
      const r = organisation(applicantRng, ctx, a.customerType, {
        ...APPLICANT_COMPANIES[a.username],
        institutionCode: a.institutionCode,
        applicantUserId: user.id,
        contactName: user.displayName,
        contactEmail: `${a.username}@demo-bank.cn`,
        source: "portal",
      });
      pending.push({ ...r, totalDebtCents: null });
    }
  }

  const corpRng = rngFor("customers:corporate");
  for (let i = 0; i < CUSTOMER_COUNTS.corporate; i++) pending.push({ ...organisation(corpRng, ctx, "corporate"), totalDebtCents: null });
  const smeRng = rngFor("customers:sme");
  for (let i = 0; i < CUSTOMER_COUNTS.sme; i++) pending.push({ ...organisation(smeRng, ctx, "sme"), totalDebtCents: null });
  const pubRng = rngFor("customers:public_institution");
  for (let i = 0; i < CUSTOMER_COUNTS.public_institution; i++) pending.push({ ...publicInstitution(pubRng, ctx), totalDebtCents: null });
  const indRng = rngFor("customers:individual");
  for (let i = 0; i < CUSTOMER_COUNTS.individual; i++) pending.push(individual(indRng, ctx));

  const out: SeededCustomer[] = [];
  for (let i = 0; i < pending.length; i += 500) {
    const batch = pending.slice(i, i + 500);
    const inserted = await tx
      .insert(customers)
      .values(batch.map((p) => p.row))
      .returning({ id: customers.id, code: customers.code });
    const ids = new Map(inserted.map((r) => [r.code, r.id]));
    for (const p of batch) {
      out.push({
        id: ids.get(p.row.code)!,
        code: p.row.code,
        name: p.row.name,
        type: p.row.type as CustomerType,
        industryCode: p.row.industryCode ?? null,
        institutionCode: byId.get(p.row.institutionId)!.code,
        quality: p.quality,
        revenue: p.revenue ?? null,
        applicant: p.row.applicantUserId != null,
        totalDebtCents: p.totalDebtCents,
      });
    }
  }
  return out;
}
