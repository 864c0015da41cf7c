/**
 * Checks on an uploaded supporting document. The type comes from the bytes (magic numbers), never from the
 * file name or the browser's Content-Type: an HTML or SVG page renamed to .pdf or .png is refused, because a
 * browser could otherwise render it as a page of our origin.
 */
export type DocumentType = "application/pdf" | "image/jpeg" | "image/png";

const SIGNATURES: { type: DocumentType; bytes: number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

export const EXTENSION_OF: Record<DocumentType, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};

export function detectType(bytes: Uint8Array): DocumentType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  return null;
}

export type FileNameProblem = "document.err.nameEmpty" | "document.err.namePath" | "document.err.nameLong" | "document.err.nameChars";

/**
 * The display name, checked rather than silently rewritten: a name with a directory part (`../`, `/`, `\`) is
 * refused so nobody is misled about what was stored; the name is never used to build a path either way.
 */
export function checkFileName(name: string): FileNameProblem | null {
  const n = name.normalize("NFC");
  if (n.trim() === "") return "document.err.nameEmpty";
  if (/[/\\]/.test(n) || n.includes("..") || /^[a-zA-Z]:/.test(n)) return "document.err.namePath";
  // control characters and quotes would break Content-Disposition headers or logs
  if (/[\u0000-\u001f\u007f"<>|*?]/.test(n)) return "document.err.nameChars";
  if (n.length > 150) return "document.err.nameLong";
  return null;
}

export interface UploadLimits {
  maxBytes: number;
  allowedTypes: readonly string[];
}

export type UploadProblem =
  | { reason: FileNameProblem }
  | { reason: "document.err.empty" }
  | { reason: "document.err.tooLarge"; params: { mb: string } }
  | { reason: "document.err.type" }
  | { reason: "document.err.extension"; params: { type: string } };

/** All checks of one upload; returns the detected type, or the first problem in the order a user fixes them. */
export function checkUpload(name: string, bytes: Uint8Array, limits: UploadLimits): { ok: true; type: DocumentType } | { ok: false; problem: UploadProblem } {
  const nameProblem = checkFileName(name);
  if (nameProblem) return { ok: false, problem: { reason: nameProblem } };
  if (bytes.length === 0) return { ok: false, problem: { reason: "document.err.empty" } };
  if (bytes.length > limits.maxBytes) return { ok: false, problem: { reason: "document.err.tooLarge", params: { mb: (limits.maxBytes / 1048576).toFixed(1) } } };
  const type = detectType(bytes);
  if (!type || !limits.allowedTypes.includes(type)) return { ok: false, problem: { reason: "document.err.type" } };
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (!EXTENSION_OF[type].includes(ext)) return { ok: false, problem: { reason: "document.err.extension", params: { type: EXTENSION_OF[type][0].toUpperCase() } } };
  return { ok: true, type };
}
