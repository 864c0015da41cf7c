import "server-only";
import { getDb } from "@/db/client";
import { appendAudit } from "@/server/data/audit";
import { countBook } from "@/server/data/model-book";
import { activeReratingJob, findReratingJob, insertReratingJob, listReratingJobs, lockReratingStart, RERATING_STALE_SECONDS } from "@/server/data/rerating";
import { DomainError } from "@/server/domain/errors";
import { launchInBackground } from "@/server/jobs/launcher";
import { runReratingJob } from "@/server/jobs/rerating";
import { auditBy, type AdminContext } from "../admin-context";
import { requireVersion } from "./queries";

/**
 * Starts a batch re-rating of the published version's book. One at a time: a second start while one is queued or
 * alive is refused, under a transaction lock so two admins clicking at once get one job.
 */
export async function startRerating(ctx: AdminContext, versionId: number) {
  const now = ctx.now ?? new Date();
  const jobId = await getDb().transaction(async (tx) => {
    const v = await requireVersion(versionId, {}, tx);
    if (v.status !== "published") throw new DomainError("CONFLICT", "not published", { fields: [{ path: "versionId", message: "rerating.error.notPublished" }] });
    await lockReratingStart(tx);
    const running = await activeReratingJob(tx, now);
    if (running) throw new DomainError("BUSY", "rerating running", { fields: [{ path: "versionId", message: "rerating.error.running", params: { id: running.id } }] });
    const total = await countBook(tx, v.customerTypes);
    const id = await insertReratingJob(tx, { payload: { versionId: v.id, modelKey: v.modelKey, version: v.version }, total, userId: ctx.actor.id, now });
    await appendAudit(tx, auditBy(ctx, { action: "admin.model.rerate", entityType: "job", entityId: String(id), after: { versionId: v.id, modelKey: v.modelKey, version: v.version, total } }), now);
    return id;
  });
  launchInBackground(() => runReratingJob(jobId));
  return { jobId };
}

/** Resumes an interrupted job (failed, or running with a heartbeat older than the stale limit) from its cursor. */
export async function resumeRerating(ctx: AdminContext, jobId: number) {
  const now = ctx.now ?? new Date();
  const job = await findReratingJob(getDb(), jobId);
  if (!job) throw new DomainError("NOT_FOUND", "job");
  const alive = job.status === "running" && job.heartbeatAt && now.getTime() - new Date(job.heartbeatAt).getTime() < RERATING_STALE_SECONDS * 1000;
  if (job.status === "succeeded" || alive) throw new DomainError("CONFLICT", "not resumable", { fields: [{ path: "jobId", message: "rerating.error.running", params: { id: job.id } }] });
  launchInBackground(() => runReratingJob(jobId));
  return { jobId };
}

export async function getRerating(jobId: number) {
  const job = await findReratingJob(getDb(), jobId);
  if (!job) throw new DomainError("NOT_FOUND", "job");
  return job;
}

export async function listReratings(versionId: number | undefined) {
  const rows = await listReratingJobs(getDb(), 20);
  return versionId ? rows.filter((r) => r.payload.versionId === versionId) : rows;
}

