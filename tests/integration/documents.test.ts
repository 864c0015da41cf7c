import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLog, customers, documents, institutions, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { listDocuments, openDocument, uploadDocument, UploadRefused } from "@/server/services/documents/documents";
import { createTestDb } from "../setup/test-db";
import { actor, callerFor } from "../fixtures/actors";

let h: DbHandle;
let bjApp: string;
let applicantApp: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crp-docs-"));

const PDF = Buffer.from("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const HTML = Buffer.from("<!doctype html><html><script>fetch('/api/trpc')</script></html>");
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

beforeAll(async () => {
  process.env.DOCUMENT_DIR = dir;
  h = await createTestDb();
  await seedDemo(h.db);
  const [c] = await h.db.select({ id: customers.id }).from(customers).innerJoin(institutions, eq(institutions.id, customers.institutionId))
    .where(and(eq(institutions.code, "BJ"), eq(customers.type, "corporate"), sql`${customers.applicantUserId} is null`)).limit(1);
  bjApp = (await (await callerFor(h.db, "bj.rater")).applications.create({ customerId: c.id })).id;
  const [own] = await h.db.select({ id: customers.id }).from(customers).innerJoin(users, eq(users.id, customers.applicantUserId)).where(eq(users.username, "ent.applicant1"));
  applicantApp = (await (await callerFor(h.db, "ent.applicant1")).applications.create({ customerId: own.id })).id;
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refused(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e instanceof UploadRefused ? e.problem.reason : (e as { code?: string }).code;
  }
  return "ALLOWED";
}

describe("supporting documents", () => {
  it("stores a PDF outside the web root with its SHA-256, audited, and gives the same bytes back", async () => {
    const rater = await actor(h.db, "bj.rater");
    const doc = await uploadDocument(rater, { applicationId: bjApp, fileName: "2025 审计报告.pdf", bytes: PDF, ip: null });
    expect(doc).toMatchObject({ mimeType: "application/pdf", sizeBytes: PDF.length });
    const [row] = await h.db.select().from(documents).where(eq(documents.id, doc.id));
    const stored = path.join(dir, row.storageKey.slice(0, 2), row.storageKey);
    expect(fs.readFileSync(stored)).toEqual(PDF);
    expect(stored.includes("审计")).toBe(false);
    expect((await h.db.select().from(auditLog).where(and(eq(auditLog.action, "document.upload"), eq(auditLog.entityId, doc.id)))).length).toBe(1);
    const back = await openDocument(await actor(h.db, "bj.reviewer"), doc.id);
    expect(back.bytes).toEqual(PDF);
    const listed = await listDocuments(rater, bjApp);
    expect(listed.documents.map((d) => d.fileName)).toEqual(["2025 审计报告.pdf"]);
  });

  it("refuses a renamed HTML, a renamed SVG, an oversize file and a path in the name, writing nothing", async () => {
    const rater = await actor(h.db, "bj.rater");
    const before = (await h.db.select({ n: sql<number>`count(*)::int` }).from(documents))[0].n;
    expect(await refused(uploadDocument(rater, { applicationId: bjApp, fileName: "statement.pdf", bytes: HTML, ip: null }))).toBe("document.err.type");
    expect(await refused(uploadDocument(rater, { applicationId: bjApp, fileName: "logo.png", bytes: SVG, ip: null }))).toBe("document.err.type");
    const big = Buffer.alloc(10_485_761);
    PDF.copy(big);
    expect(await refused(uploadDocument(rater, { applicationId: bjApp, fileName: "big.pdf", bytes: big, ip: null }))).toBe("document.err.tooLarge");
    expect(await refused(uploadDocument(rater, { applicationId: bjApp, fileName: "../../etc/passwd.pdf", bytes: PDF, ip: null }))).toBe("document.err.namePath");
    expect(await refused(uploadDocument(rater, { applicationId: bjApp, fileName: "..\\x.pdf", bytes: PDF, ip: null }))).toBe("document.err.namePath");
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(documents))[0].n).toBe(before);
    const files = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes("-"));
    expect(files.length).toBe(before); // no orphan bytes from the refusals
  });

  it("lets a branch user neither upload to nor download from another branch's application", async () => {
    const doc = await uploadDocument(await actor(h.db, "bj.rater"), { applicationId: bjApp, fileName: "scan.png", bytes: PNG, ip: null });
    const sh = await actor(h.db, "sh.rater");
    expect(await refused(openDocument(sh, doc.id))).toBe("OUT_OF_SCOPE");
    expect(await refused(uploadDocument(sh, { applicationId: bjApp, fileName: "x.pdf", bytes: PDF, ip: null }))).toBe("OUT_OF_SCOPE");
    expect(await refused(listDocuments(sh, bjApp))).toBe("OUT_OF_SCOPE");
    // head office sees everything below it
    expect((await openDocument(await actor(h.db, "ho.reviewer"), doc.id)).bytes).toEqual(PNG);
  });

  it("lets an applicant upload to their own application only, and never read another's files", async () => {
    const mine = await uploadDocument(await actor(h.db, "ent.applicant1"), { applicationId: applicantApp, fileName: "营业执照.png", bytes: PNG, ip: null });
    expect((await openDocument(await actor(h.db, "ent.applicant1"), mine.id)).bytes).toEqual(PNG);
    const other = await actor(h.db, "ent.applicant2");
    expect(await refused(openDocument(other, mine.id))).toBe("OUT_OF_SCOPE");
    expect(await refused(uploadDocument(other, { applicationId: applicantApp, fileName: "x.pdf", bytes: PDF, ip: null }))).toBe("OUT_OF_SCOPE");
    const bankFile = (await h.db.select({ id: documents.id }).from(documents).where(eq(documents.applicationId, bjApp)).limit(1))[0].id;
    expect(await refused(openDocument(await actor(h.db, "ent.applicant1"), bankFile))).toBe("OUT_OF_SCOPE");
  });

  it("refuses an analyst (no upload permission)", async () => {
    expect(await refused(uploadDocument(await actor(h.db, "bj.analyst"), { applicationId: bjApp, fileName: "x.pdf", bytes: PDF, ip: null }))).toBe("FORBIDDEN");
  });

  it("detects bytes changed on disk instead of serving them", async () => {
    const doc = await uploadDocument(await actor(h.db, "bj.rater"), { applicationId: bjApp, fileName: "t.pdf", bytes: PDF, ip: null });
    const [row] = await h.db.select().from(documents).where(eq(documents.id, doc.id));
    fs.writeFileSync(path.join(dir, row.storageKey.slice(0, 2), row.storageKey), Buffer.concat([PDF, Buffer.from("x")]));
    await expect(openDocument(await actor(h.db, "bj.rater"), doc.id)).rejects.toThrow(/SHA-256/);
  });

});
