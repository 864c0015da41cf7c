import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq, inArray, sql } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { auditLog, jobs, modelVersions, ratingResults } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { compactExplanation, expandCompactExplanation, rate, type CompactExplanation, type ModelDefinition, type RatingInput } from "@/server/domain/scoring";
import { modelVersionById } from "@/server/data/models";
import { setLauncher } from "@/server/jobs/launcher";
import { runReratingJob } from "@/server/jobs/rerating";
import { resumeInterruptedJobs } from "@/server/jobs/resume-on-start";
import { and, count, countDistinct } from "drizzle-orm";
import { createTestDb } from "../setup/test-db";
import { callerFor } from "../fixtures/actors";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => h?.close());

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: { path: string; message: string }[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as TRPCError & { cause?: { fields?: { path: string; message: string }[] } };
    return { code: err.code, fields: err.cause?.fields ?? [] };
  }
  return { code: "OK", fields: [] };
}

const admin = () => callerFor(h.db, "admin");
async function versionOf(key: string, status: "draft" | "published" | "retired") {
  const models = await (await admin()).admin.models.list();
  return models.find((m) => m.key === key)!.versions.find((v) => v.status === status);
}

describe("model governance", () => {
  it("is for admins only", async () => {
    const rater = await callerFor(h.db, "bj.rater");
    expect((await failure(rater.admin.models.list())).code).toBe("FORBIDDEN");
  });

  it("drafts, refuses a broken bin at its field with nothing saved, diffs, previews, publishes and keeps the published version immutable", async () => {
    const a = await admin();
    const v1 = (await versionOf("sme-scorecard", "published"))!;
    const before = await a.admin.models.get({ id: v1.id });
    const rowsBefore = await h.db.select({ id: ratingResults.id }).from(ratingResults);

    const draft = await a.admin.models.createDraft({ fromVersionId: v1.id });
    expect(draft.version).toBe(v1.version + 1);
    // one draft per model at a time
    expect((await failure(a.admin.models.createDraft({ fromVersionId: v1.id }))).code).toBe("CONFLICT");

    // a bin whose upper bound is below the previous one: overlap -> refused at its field, nothing written
    const broken = structuredClone(before.definition) as ModelDefinition;
    broken.indicators[0].bins![1].lt = (broken.indicators[0].bins![0].lt as number) - 0.1;
    const refused = await failure(a.admin.models.saveDraft({ id: draft.id, definition: broken }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fields.map((f) => f.path)).toContain("indicators.0.bins.1.lt");
    const [stored] = await h.db.select().from(modelVersions).where(eq(modelVersions.id, draft.id));
    expect(stored.definition).toEqual({ ...before.definition, version: draft.version });

    // cut-offs out of order are named too
    const badBands = structuredClone(before.definition) as ModelDefinition;
    badBands.gradeBands![1].minScore = badBands.gradeBands![0].minScore + 5;
    expect((await failure(a.admin.models.saveDraft({ id: draft.id, definition: badBands }))).fields.map((f) => f.path)).toContain("gradeBands.1.minScore");

    // a valid change: the first indicator's best bin earns more points
    const better = structuredClone(before.definition) as ModelDefinition;
    better.indicators[0].bins![0].value += 10;
    expect(await a.admin.models.saveDraft({ id: draft.id, definition: better, notes: "more weight on leverage" })).toEqual({ changed: true });

    const diff = await a.admin.models.diff({ beforeId: v1.id, afterId: draft.id });
    const paths = diff.changes.map((c) => c.path);
    expect(paths.some((p) => p.includes("bins.0"))).toBe(true);

    const impact = await a.admin.models.impact({ id: draft.id });
    expect(impact.total).toBeGreaterThan(50);
    expect(impact.unchanged + impact.upgraded + impact.downgraded).toBe(impact.total);
    expect(impact.downgraded).toBe(0); // more points never lower a grade
    expect(impact.matrix.flat().reduce((s, n) => s + n, 0)).toBe(impact.total);
    // the preview changed nothing
    expect((await h.db.select({ id: ratingResults.id }).from(ratingResults)).length).toBe(rowsBefore.length);

    const published = await a.admin.models.publish({ id: draft.id });
    expect(published.retired).toEqual([v1.id]);
    expect((await versionOf("sme-scorecard", "published"))!.id).toBe(draft.id);
    expect((await versionOf("sme-scorecard", "retired"))!.id).toBe(v1.id);
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, "admin.model.publish")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit.entityId).toBe(String(draft.id));

    // published is immutable: the service refuses, and so does the database
    expect((await failure(a.admin.models.saveDraft({ id: draft.id, definition: before.definition }))).code).toBe("CONFLICT");
    await expect(h.db.update(modelVersions).set({ definition: before.definition }).where(eq(modelVersions.id, draft.id))).rejects.toThrow();
    // the only active version for its type cannot be retired by hand
    const last = await failure(a.admin.models.retire({ id: draft.id }));
    expect(last.code).toBe("CONFLICT");
    expect(last.fields[0].path).toBe("id");
  });

  it("lets a draft be discarded, but never a published version", async () => {
    const a = await admin();
    const v = (await versionOf("public-institution-scorecard", "published")) ?? (await a.admin.models.list())[0].versions[0];
    const draft = await a.admin.models.createDraft({ fromVersionId: v.id });
    expect(await a.admin.models.discardDraft({ id: draft.id })).toEqual({ discarded: true });
    expect((await failure(a.admin.models.discardDraft({ id: v.id }))).code).toBe("CONFLICT");
    expect((await failure(a.admin.models.get({ id: draft.id }))).code).toBe("NOT_FOUND");
  });
});

describe("batch re-rating", () => {
  it("runs one job at a time, survives a crash between pages, resumes from its cursor and writes every customer once, re-derivably", async () => {
    const launched: (() => Promise<unknown>)[] = [];
    setLauncher((task) => launched.push(task));
    const a = await admin();
    const v = (await versionOf("corporate-pd", "published"))!;
    const { jobId } = await a.admin.models.startRerating({ versionId: v.id });
    expect(launched).toHaveLength(1);
    expect((await failure(a.admin.models.startRerating({ versionId: v.id }))).code).toBe("CONFLICT"); // BUSY: one at a time
    const queued = await a.admin.models.rerating({ jobId });
    expect(queued.status).toBe("queued");
    expect(queued.total).toBeGreaterThan(100);

    // crash after the second committed page
    await expect(runReratingJob(jobId, { db: h.db, pageSize: 40, afterPage: (p) => { if (p === 2) throw new Error("killed"); } })).rejects.toThrow("killed");
    const crashed = await a.admin.models.rerating({ jobId });
    expect(crashed.status).toBe("failed");
    // two pages of 40 customers (a customer with no engine run yet has nothing to re-score)
    expect(crashed.done).toBeGreaterThan(60);
    expect(crashed.done).toBeLessThanOrEqual(80);
    const written = async () => (await h.db.select({ n: count(), c: countDistinct(ratingResults.customerId) }).from(ratingResults).where(and(eq(ratingResults.batchJobId, jobId), eq(ratingResults.kind, "batch"))))[0];
    expect(await written()).toEqual({ n: crashed.done, c: crashed.done });

    // a live heartbeat keeps a second process away; a dead one lets it take over
    await h.db.update(jobs).set({ status: "running", heartbeatAt: new Date() }).where(eq(jobs.id, jobId));
    expect((await runReratingJob(jobId, { db: h.db })).claimed).toBe(false);
    await h.db.update(jobs).set({ heartbeatAt: new Date(Date.now() - 120_000) }).where(eq(jobs.id, jobId));
    const resumed = await runReratingJob(jobId, { db: h.db, pageSize: 40 });
    expect(resumed).toEqual({ claimed: true, done: queued.total });
    const finished = await a.admin.models.rerating({ jobId });
    expect(finished.status).toBe("succeeded");
    expect(finished.result!.upgraded + finished.result!.downgraded + finished.result!.unchanged).toBe(queued.total);
    expect(await written()).toEqual({ n: queued.total, c: queued.total });

    // each batch row names the run whose inputs it re-scored (a row holding a snapshot) and re-derives exactly
    const model = (await modelVersionById(h.db, v.id))!;
    const rederive = async (id: number) => {
      const rows = await h.db.select().from(ratingResults).where(eq(ratingResults.batchJobId, id));
      expect(rows.length).toBe(queued.total);
      const sources = new Map((await h.db.select().from(ratingResults).where(inArray(ratingResults.id, rows.map((r) => r.inputsResultId!)))).map((r) => [r.id, r]));
      for (const row of rows) {
        expect(row.inputsSnapshot).toBeNull();
        const source = sources.get(row.inputsResultId!)!;
        expect(source.customerId).toBe(row.customerId);
        expect(source.inputsSnapshot).not.toBeNull();
        const again = rate(model.definition, model.scale, source.inputsSnapshot as RatingInput);
        expect(row.explanation).toEqual(compactExplanation(again));
        expect(Number(row.score)).toBe(again.score);
        expect(row.grade).toBe(again.grade);
        expect(row.modelGrade).toBe(again.modelGrade);
        expect(Number(row.debtCapacity)).toBe(again.limit.debtCapacity);
        expect(Number(row.riskLimit)).toBe(again.limit.riskLimit);
        expect(Number(row.pd)).toBeCloseTo(again.pd, 8);
        expect(expandCompactExplanation(model.definition, model.scale, row.explanation as CompactExplanation).map((f) => f.contribution)).toEqual(again.indicators.map((i) => i.contribution));
      }
      return rows;
    };
    const first = await rederive(jobId);
    // once finished, a new run may start again; it reads the book through the first run's references, and its
    // rows name the same snapshots (never a reference to a reference)
    const next = await a.admin.models.startRerating({ versionId: v.id });
    expect(next.jobId).toBeGreaterThan(jobId);
    await runReratingJob(next.jobId, { db: h.db });
    const second = await rederive(next.jobId);
    const sourceOf = new Map(first.map((r) => [r.customerId, r.inputsResultId]));
    for (const r of second) expect(r.inputsResultId).toBe(sourceOf.get(r.customerId));
    // engine runs are evidence: the database refuses to change or delete them
    await expect(h.db.execute(sql`update rating_results set grade = 'AAA' where id = ${first[0].id}`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from rating_results where id = ${first[0].id}`)).rejects.toThrow();
  });

  it("resumes at server start a job that a killed process left running, and leaves a live one alone", async () => {
    const launched: (() => Promise<unknown>)[] = [];
    setLauncher((task) => launched.push(task));
    const a = await admin();
    const v = (await versionOf("corporate-pd", "published"))!;
    const { jobId } = await a.admin.models.startRerating({ versionId: v.id });
    launched.length = 0;
    await expect(runReratingJob(jobId, { db: h.db, pageSize: 40, afterPage: (p) => { if (p === 1) throw new Error("killed"); } })).rejects.toThrow("killed");
    // a kill -9 leaves the row running; while its heartbeat is fresh nothing is taken over
    await h.db.update(jobs).set({ status: "running", heartbeatAt: new Date() }).where(eq(jobs.id, jobId));
    expect(await resumeInterruptedJobs(h.db)).toEqual([]);
    await h.db.update(jobs).set({ heartbeatAt: new Date(Date.now() - 120_000) }).where(eq(jobs.id, jobId));
    expect(await resumeInterruptedJobs(h.db)).toEqual([jobId]);
    expect(launched).toHaveLength(1);
    await launched[0]();
    const done = await a.admin.models.rerating({ jobId });
    expect(done.status).toBe("succeeded");
    expect(done.done).toBe(done.total);
    expect(await resumeInterruptedJobs(h.db)).toEqual([]);
  });
});
