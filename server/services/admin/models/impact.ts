import "server-only";
import { getDb } from "@/db/client";
import { listModelVersions } from "@/server/data/admin-models";
import { readBookPage } from "@/server/data/model-book";
import { DomainError } from "@/server/domain/errors";
import { compileModel, summarizeImpact, type CompiledModel, type GradePair } from "@/server/domain/scoring";
import { requireVersion } from "./queries";

const PAGE = 5_000;

/** Grades of one page of inputs under a compiled model, through the same packed path as batch re-rating. */
function gradesOf(model: CompiledModel, inputs: readonly Parameters<CompiledModel["packInput"]>[0][]): string[] {
  const rows = model.createRows(inputs.length);
  const out = model.createScores(inputs.length);
  inputs.forEach((input, i) => model.packInput(input, rows, i));
  model.scoreRows(rows, inputs.length, out);
  return Array.from(out.gradeIndex, (g) => model.grades[g]);
}

/**
 * Impact preview of a draft: every customer of the draft's types is scored from the inputs of their latest
 * engine run under the version in force and under the draft, and the grade moves are summarised. Read-only:
 * nothing is written, not even a job row.
 */
export async function previewModelImpact(draftId: number) {
  const db = getDb();
  const draft = await requireVersion(draftId);
  if (draft.status !== "draft") throw new DomainError("CONFLICT", "not a draft", { fields: [{ path: "id", message: "models.error.notDraft" }] });
  const versions = await listModelVersions(db);
  const current =
    versions.find((v) => v.modelId === draft.modelId && v.status === "published") ??
    versions.find((v) => v.id === draft.basedOnVersionId);
  if (!current) throw new DomainError("NOT_FOUND", "no version to compare with");
  const base = await requireVersion(current.id);
  const before = compileModel(base.definition, base.scale);
  const after = compileModel(draft.definition, draft.scale);

  const pairs: GradePair[] = [];
  let cursor: string | null = null;
  for (;;) {
    const { entries, lastCustomerId } = await readBookPage(db, draft.customerTypes, cursor, PAGE);
    if (lastCustomerId === null) break;
    const inputs = entries.map((e) => e.inputs);
    const a = gradesOf(before, inputs);
    const b = gradesOf(after, inputs);
    for (let i = 0; i < entries.length; i++) pairs.push({ before: a[i], after: b[i] });
    cursor = lastCustomerId;
  }
  return {
    draft: { id: draft.id, version: draft.version },
    comparedWith: { id: base.id, version: base.version, status: base.status },
    ...summarizeImpact(pairs, draft.scale),
  };
}
