import { users } from "../schema";
import type { Tx } from "../client";
import type { Role } from "../../server/domain/authz/roles";
import { hashPassword } from "../../server/auth/password";
import { INSTITUTION_TREE } from "./institutions";
import type { SeededInstitution } from "./institutions";
import { personName, uniqueName } from "./names";
import { rngFor } from "./prng";

/** The one password of every demo account (meets the password policy: 11 chars, 4 character classes). */
export const DEMO_PASSWORD = "Rating@2026";
export const DEMO_EMAIL_DOMAIN = "demo-bank.cn";

export interface DemoLogin {
  username: string;
  role: Role;
  /** Code of the user's institution (for applicants: their handling branch). */
  institutionCode: string;
  description: string;
  descriptionZh: string;
  locale: "zh" | "en";
}

/** Staff roles created at head office and at every branch. */
export const BRANCH_STAFF_ROLES = ["rater", "reviewer", "risk_officer", "risk_reviewer", "approver", "analyst"] as const;

const ROLE_TEXT: Record<Role, { en: string; zh: string }> = {
  admin: { en: "system administrator", zh: "系统管理员" },
  rater: { en: "customer manager / rater (initiates ratings)", zh: "客户经理（初评人）" },
  reviewer: { en: "business reviewer", zh: "初评复核人（业务审核）" },
  risk_officer: { en: "risk officer (risk handling review)", zh: "风险经办" },
  risk_reviewer: { en: "risk reviewer", zh: "风险审核" },
  approver: { en: "authorized approver", zh: "有权审批人" },
  analyst: { en: "analyst (dashboards, statistics, read-only)", zh: "统计分析（只读）" },
  applicant_enterprise: { en: "enterprise applicant (self-service portal)", zh: "企业用户（自助门户）" },
  applicant_individual: { en: "individual applicant (self-service portal)", zh: "个人用户（自助门户）" },
};

/** Accounts that read the UI in English (the rest default to Chinese). */
const ENGLISH_USERS = new Set(["ho.analyst", "sh.approver", "gd.risk_officer", "ent.applicant2"]);

interface InstitutionNames {
  code: string;
  nameZh: string;
  nameEn: string;
  level: number;
}

function flattenTree(): InstitutionNames[] {
  const out: InstitutionNames[] = [];
  const visit = (def: typeof INSTITUTION_TREE, level: number) => {
    out.push({ code: def.code, nameZh: def.nameZh, nameEn: def.nameEn, level });
    for (const c of def.children ?? []) visit(c, level + 1);
  };
  visit(INSTITUTION_TREE, 0);
  return out;
}

/** Applicant accounts and the customer each one owns (created in customers.ts). */
export const APPLICANTS = [
  { username: "ent.applicant1", role: "applicant_enterprise", institutionCode: "BJ", customerType: "sme" },
  { username: "ent.applicant2", role: "applicant_enterprise", institutionCode: "GD", customerType: "corporate" },
  { username: "ind.applicant1", role: "applicant_individual", institutionCode: "BJ", customerType: "individual" },
  { username: "ind.applicant2", role: "applicant_individual", institutionCode: "SC", customerType: "individual" },
] as const;

function buildDemoLogins(): DemoLogin[] {
  const insts = flattenTree();
  const byCode = new Map(insts.map((i) => [i.code, i]));
  const login = (username: string, role: Role, institutionCode: string, extraEn = "", extraZh = ""): DemoLogin => {
    const inst = byCode.get(institutionCode)!;
    return {
      username,
      role,
      institutionCode,
      description: `${ROLE_TEXT[role].en}, ${inst.nameEn}${extraEn}`,
      descriptionZh: `${inst.nameZh}${ROLE_TEXT[role].zh}${extraZh}`,
      locale: ENGLISH_USERS.has(username) ? "en" : "zh",
    };
  };
  const out: DemoLogin[] = [login("admin", "admin", "HO")];
  for (const inst of insts.filter((i) => i.level <= 1)) {
    for (const role of BRANCH_STAFF_ROLES) out.push(login(`${inst.code.toLowerCase()}.${role}`, role, inst.code));
  }
  for (const inst of insts.filter((i) => i.level === 2)) out.push(login(`${inst.code.toLowerCase()}.rater`, "rater", inst.code));
  for (const a of APPLICANTS) {
    const kind = { sme: ["an SME", "中小企业"], corporate: ["a corporate", "公司客户"], individual: ["an individual", "个人客户"] }[a.customerType];
    out.push(login(a.username, a.role, a.institutionCode, `; owns ${kind[0]} customer record`, `，名下${kind[1]}档案`));
  }
  return out;
}

/** Every demo account; all use DEMO_PASSWORD. For the README and the end-to-end tests. */
export const DEMO_LOGINS: readonly DemoLogin[] = buildDemoLogins();

export function demoEmail(username: string): string {
  return `${username}@${DEMO_EMAIL_DOMAIN}`;
}

export interface SeededUser {
  id: string;
  username: string;
  role: Role;
  institutionCode: string;
  displayName: string;
  /** 1 male, 2 female: the applicants' own customer records use it. */
  gender: 1 | 2;
}

export async function seedUsers(tx: Tx, institutions: Map<string, SeededInstitution>): Promise<Map<string, SeededUser>> {
  // argon2id takes ~30 ms a hash: hash once, every demo account shares it (each still verifies normally).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rng = rngFor("users");
  const taken = new Set<string>();
  const genders = new Map<string, 1 | 2>();
  const rows = DEMO_LOGINS.map((l) => {
    const gender: 1 | 2 = rng.chance(0.5) ? 1 : 2;
    genders.set(l.username, gender);
    return {
      username: l.username,
      email: demoEmail(l.username),
      displayName: uniqueName(taken, () => personName(rng, gender)),
      phone: `1${rng.pick(["39", "38", "37", "86", "58", "35"])}${rng.digits(8)}`,
      passwordHash,
      role: l.role,
      institutionId: institutions.get(l.institutionCode)!.id,
      locale: l.locale,
    };
  });
  const inserted = await tx.insert(users).values(rows).returning({ id: users.id, username: users.username });
  const ids = new Map(inserted.map((r) => [r.username, r.id]));
  return new Map(
    rows.map((r) => [
      r.username,
      { id: ids.get(r.username)!, username: r.username, role: r.role, institutionCode: DEMO_LOGINS.find((l) => l.username === r.username)!.institutionCode, displayName: r.displayName, gender: genders.get(r.username)! },
    ]),
  );
}
