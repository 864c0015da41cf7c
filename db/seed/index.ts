import { refreshDirty } from "@/server/data/stats-rollup";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { customers, financialStatements, institutions, parameters, users } from "../schema";
import { seedCodeLists } from "./code-lists";
import { seedCreditHistory } from "./credit-history";
import { seedCustomers, type CustomerType } from "./customers";
import { seedInstitutions } from "./institutions";
import { SEED_MARKER_KEY, seedParameters, writeSeedMarker } from "./parameters";
import { rngFor } from "./prng";
import { generateStatements, LATEST_PERIOD, seedStatements, type StatementSubject } from "./statements";
import { seedUsers } from "./users";
import { seedModels } from "./models";
import { seedQualitativeAnswers } from "./qualitative";
import { seedRatingHistory } from "./rating-history";

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from "./users";
export { SEED_MARKER_KEY, SEED_VERSION } from "./parameters";

export interface SeedSummary {
  institutions: number;
  users: number;
  customers: Record<CustomerType, number>;
  statements: number;
  /** True when the marker was found and nothing was written; the counts are then what the database holds. */
  skipped: boolean;
}

export interface SeedOptions {
  log?: (s: string) => void;
}

// Serialises concurrent seeders on PostgreSQL (two app instances starting at once): the second waits, then
// sees the marker. Released at commit or rollback.
const SEED_LOCK = 4_207_002;

/** How many organisations get a deliberately unbalanced latest balance sheet (one of each type). */
const UNBALANCED_TYPES = ["corporate", "sme", "public_institution"] as const;

async function currentCounts(tx: Tx): Promise<Omit<SeedSummary, "skipped">> {
  const [inst] = await tx.select({ n: count() }).from(institutions);
  const [usr] = await tx.select({ n: count() }).from(users);
  const [st] = await tx.select({ n: count() }).from(financialStatements);
  const byType = await tx.select({ type: customers.type, n: count() }).from(customers).groupBy(customers.type);
  const c: Record<CustomerType, number> = { corporate: 0, sme: 0, public_institution: 0, individual: 0 };
  for (const r of byType) c[r.type] = r.n;
  return { institutions: inst.n, users: usr.n, customers: c, statements: st.n };
}

/**
 * Writes the demo bank (code lists, institutions, users, customers, statements, credit history, parameters)
 * in one transaction. Deterministic: the same rows on every database (except generated ids, timestamps and
 * the ID-number ciphertexts, whose IVs are random). Idempotent: the marker parameter `seed.demo.version` is
 * written last, and a database that has it is left untouched.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const log = opts.log ?? (() => {});
  const summary = await db.transaction(async (tx): Promise<SeedSummary> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const marker = await tx
      .select({ value: parameters.value })
      .from(parameters)
      .where(and(eq(parameters.key, SEED_MARKER_KEY), isNull(parameters.institutionId)));
    if (marker.length > 0) {
      log(`demo seed: already applied (version ${JSON.stringify(marker[0].value)}), nothing written`);
      return { ...(await currentCounts(tx)), skipped: true };
    }

    const started = performance.now();
    const step = (what: string) => log(`demo seed: ${what} (${Math.round(performance.now() - started)} ms)`);

    const codeRows = await seedCodeLists(tx);
    step(`${codeRows} code-list entries`);
    const insts = await seedInstitutions(tx);
    step(`${insts.size} institutions`);
    const usrs = await seedUsers(tx, insts);
    step(`${usrs.size} users`);
    const custs = await seedCustomers(tx, insts, usrs);
    step(`${custs.length} customers`);

    // one unbalanced latest balance sheet per organisation type (never an applicant's own record)
    const failRng = rngFor("statement-failures");
    const unbalanced = new Set(
      UNBALANCED_TYPES.map((t) => failRng.pick(custs.filter((c) => c.type === t && !c.applicant && c.quality > 0.2)).code),
    );
    const orgs = custs.filter((c) => c.type !== "individual");
    const generated = orgs.map((c) => {
      const subject: StatementSubject = {
        code: c.code,
        type: c.type as StatementSubject["type"],
        industryCode: c.industryCode!,
        revenue: c.revenue!,
        quality: c.quality,
        unbalanced: unbalanced.has(c.code),
      };
      return { customer: c, statements: generateStatements(subject) };
    });
    const st = await seedStatements(
      tx,
      generated.flatMap((g) => g.statements.map((s) => ({ customerId: g.customer.id, statement: s }))),
    );
    step(`${st.rows} financial statements (${st.failed} failing the balance check)`);

    const debts = new Map(
      generated.map((g) => {
        const bs = g.statements.find((s) => s.period === LATEST_PERIOD && s.formCode === "BS")!.cents;
        return [g.customer.id, bs.BS008 + bs.BS011 + bs.BS012];
      }),
    );
    const ch = await seedCreditHistory(
      tx,
      custs.map((c) => ({ customer: c, existingDebtCents: c.type === "individual" ? c.totalDebtCents! : debts.get(c.id)! })),
    );
    step(`${ch} credit-history snapshots`);

    const models = await seedModels(tx);
    step(`${new Set([...models.values()].map((m) => m.versionId)).size} rating models (published v1) and the master scale`);
    const answers = await seedQualitativeAnswers(tx, custs, (c) => models.get(c.type)!.definition);
    step(`${answers} qualitative answers`);
    const history = await seedRatingHistory(tx, custs, models);
    step(`${history} historical ratings with snapshots`);

    const params = await seedParameters(tx, new Map([...insts.values()].map((i) => [i.code, i.id])));
    await writeSeedMarker(tx);
    step(`${params} parameters and the seed marker`);

    const byType: Record<CustomerType, number> = { corporate: 0, sme: 0, public_institution: 0, individual: 0 };
    for (const c of custs) byType[c.type]++;
    return { institutions: insts.size, users: usrs.size, customers: byType, statements: st.rows, skipped: false };
  });
  if (!summary.skipped) {
    // the statistics pre-aggregates of the seeded history, so the first page view reads them
    const built = await refreshDirty(db, new Date().toISOString().slice(0, 10));
    log(`demo seed: statistics pre-aggregated (${built.periods.length} periods, ${built.migrationPairs} migration pairs)`);
  }
  return summary;
}
