import "server-only";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Document bytes live outside the web root (`public/` is never used), in DOCUMENT_DIR or `.data/documents`, each
 * file named by its random storage key only: nothing from the user reaches a path.
 */
// The paths are runtime data, not source: `turbopackIgnore` keeps the build from tracing the whole project for them.
export function documentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DOCUMENT_DIR ?? path.join(process.cwd(), ".data", "documents"));
}

function fileFor(storageKey: string): string {
  if (!/^[0-9a-f-]{36}$/.test(storageKey)) throw new Error("invalid storage key");
  return path.join(/*turbopackIgnore: true*/ documentDir(), storageKey.slice(0, 2), storageKey);
}

/** Writes atomically (temp file + rename), so a crash never leaves a half file under the real name. */
export async function writeDocument(storageKey: string, bytes: Uint8Array): Promise<void> {
  const file = fileFor(storageKey);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, bytes, { mode: 0o600 });
  await fs.rename(tmp, file);
}

export async function readDocument(storageKey: string): Promise<Buffer> {
  return fs.readFile(/*turbopackIgnore: true*/ fileFor(storageKey));
}

export async function removeDocument(storageKey: string): Promise<void> {
  await fs.rm(fileFor(storageKey), { force: true });
}
