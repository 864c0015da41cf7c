import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { documents, users } from "@/db/schema";

export async function insertDocument(tx: Queryable, v: typeof documents.$inferInsert) {
  const [row] = await tx.insert(documents).values(v).returning();
  return row;
}

export async function listApplicationDocuments(db: Queryable, applicationId: string) {
  return db
    .select({ id: documents.id, fileName: documents.fileName, mimeType: documents.mimeType, sizeBytes: documents.sizeBytes, sha256: documents.sha256, createdAt: documents.createdAt, uploadedBy: users.displayName })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(and(eq(documents.applicationId, applicationId), isNull(documents.deletedAt)))
    .orderBy(asc(documents.createdAt));
}

export async function findDocument(db: Queryable, id: string) {
  const [row] = await db.select().from(documents).where(and(eq(documents.id, id), isNull(documents.deletedAt))).limit(1);
  return row;
}
