import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/hash-chain";

/** sha256 over the canonical JSON of a definition: proves which exact definition a rating used. */
export function modelChecksum(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex");
}
