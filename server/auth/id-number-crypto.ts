import { createCipheriv, createDecipheriv, createHmac, randomBytes, createHash } from "node:crypto";

/**
 * Resident ID numbers are personal data: stored AES-256-GCM encrypted, with an HMAC for uniqueness
 * look-ups and a masked copy for display. The key comes from ID_NUMBER_KEY (or the app secret).
 */
function key(): Buffer {
  const secret = process.env.ID_NUMBER_KEY ?? process.env.NEXTAUTH_SECRET ?? "development-only-id-number-key";
  return createHash("sha256").update(`id-number:${secret}`).digest();
}

export function encryptIdNumber(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

export function decryptIdNumber(stored: string): string {
  const [, iv, tag, body] = stored.split(".");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}

export function idNumberLookupHash(plain: string): string {
  return createHmac("sha256", key()).update(plain.trim().toUpperCase()).digest("hex");
}
