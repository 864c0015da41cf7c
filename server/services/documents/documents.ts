import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import type { CurrentUser } from "@/server/auth/session";
import { appendAudit } from "@/server/data/audit";
import { findDocument, insertDocument, listApplicationDocuments } from "@/server/data/documents";
import { getParameter } from "@/server/data/parameters";
import { customerForApplication, findApplication } from "@/server/data/workflow";
import { canReadApplication } from "@/server/domain/authz/applications";
import { can } from "@/server/domain/authz/permissions";
import { checkUpload, type UploadProblem } from "@/server/domain/documents/file-checks";
import { DomainError } from "@/server/domain/errors";
import { recordDenied } from "@/server/services/auth/record-denied";
import { readDocument, removeDocument, writeDocument } from "./storage";

/** Applications that are finished take no more documents; the file set is part of what was decided on. */
const CLOSED = new Set(["approved", "rejected", "withdrawn"]);

export class UploadRefused extends Error {
  constructor(public readonly problem: UploadProblem) {
    super(problem.reason);
  }
}

async function applicationInScope(actor: CurrentUser, applicationId: string) {
  const db = getDb();
  const app = await findApplication(db, applicationId);
  if (!app) throw new DomainError("NOT_FOUND");
  const customer = await customerForApplication(db, app.customerId);
  if (!canReadApplication({ userId: actor.id, isApplicant: actor.isApplicant, institutionPath: actor.institutionPath }, { initiatorUserId: app.initiatorUserId, institutionPath: customer.institutionPath })) {
    await recordDenied(actor, "application.scope", `application:${applicationId}`);
    throw new DomainError("OUT_OF_SCOPE");
  }
  return app;
}

export async function uploadLimits() {
  const db = getDb();
  const [maxBytes, allowedTypes] = await Promise.all([
    getParameter<number>(db, "upload.maxBytes", 10_485_760),
    getParameter<string[]>(db, "upload.allowedTypes", ["application/pdf", "image/jpeg", "image/png"]),
  ]);
  return { maxBytes, allowedTypes };
}

export async function listDocuments(actor: CurrentUser, applicationId: string) {
  await applicationInScope(actor, applicationId);
  const rows = await listApplicationDocuments(getDb(), applicationId);
  return { documents: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), limits: await uploadLimits(), canUpload: can(actor.role, "document.upload") };
}

/**
 * Stores one supporting document of an application: scope and permission first, then the content checks
 * (name, size, type by magic bytes, extension), then the bytes on disk and the row + audit in one transaction.
 * If the transaction fails the file is removed again, so no orphan stays behind.
 */
export async function uploadDocument(actor: CurrentUser, v: { applicationId: string; fileName: string; bytes: Uint8Array; ip: string | null }) {
  if (!can(actor.role, "document.upload")) throw new DomainError("FORBIDDEN");
  const app = await applicationInScope(actor, v.applicationId);
  if (CLOSED.has(app.status)) throw new DomainError("ILLEGAL_TRANSITION");
  const checked = checkUpload(v.fileName, v.bytes, await uploadLimits());
  if (!checked.ok) throw new UploadRefused(checked.problem);
  const storageKey = crypto.randomUUID();
  const sha256 = crypto.createHash("sha256").update(v.bytes).digest("hex");
  await writeDocument(storageKey, v.bytes);
  try {
    return await getDb().transaction(async (tx) => {
      const doc = await insertDocument(tx, {
        applicationId: app.id, customerId: app.customerId, uploadedBy: actor.id, fileName: v.fileName.normalize("NFC").trim(),
        mimeType: checked.type, sizeBytes: v.bytes.length, sha256, storageKey,
      });
      await appendAudit(tx, {
        userId: actor.id, username: actor.username, role: actor.role, institutionId: actor.institutionId, ip: v.ip,
        action: "document.upload", entityType: "document", entityId: doc.id,
        after: { applicationId: app.id, fileName: doc.fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes, sha256 },
      });
      return { id: doc.id, fileName: doc.fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes, sha256 };
    });
  } catch (e) {
    await removeDocument(storageKey);
    throw e;
  }
}

/** The bytes of a document, for whoever may read its application (staff in scope, the applicant who owns it). */
export async function openDocument(actor: CurrentUser, id: string) {
  const doc = await findDocument(getDb(), id);
  if (!doc || !doc.applicationId) throw new DomainError("NOT_FOUND");
  await applicationInScope(actor, doc.applicationId);
  const bytes = await readDocument(doc.storageKey);
  if (crypto.createHash("sha256").update(bytes).digest("hex") !== doc.sha256) throw new Error(`document ${id} does not match its recorded SHA-256`);
  return { bytes, fileName: doc.fileName, mimeType: doc.mimeType };
}
