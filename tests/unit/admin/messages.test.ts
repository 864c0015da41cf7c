import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zh } from "@/components/i18n/zh";
import { en } from "@/components/i18n/en";
import { CODE_LIST_TYPES } from "@/server/domain/admin/code-lists";
import { CRON_MESSAGE_KEYS, PARAMETER_KEYS, UPLOAD_TYPES } from "@/server/domain/admin/parameters";

const ROOTS = ["components/admin", "server/domain/admin", "server/domain/audit", "server/services/admin", "app/admin"];
// audit action names look like keys but are data, not texts
const NOT_TEXT = /^admin\.(user|institution|code|parameter|model)\.[a-z_]+$|^admin\.audit\.(export|verify|anchor_export)$|^admin\.(access|users|institutions|codeLists|parameters|models|audit|sync)$/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("admin texts", () => {
  it("exist in both languages for every key the admin code uses", () => {
    const used = new Set<string>();
    for (const file of ROOTS.flatMap(sources)) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/"(admin\.[-A-Za-z0-9_./+]+)"/g)) if (!NOT_TEXT.test(m[1])) used.add(m[1]);
    }
    const dynamic = [
      ...["user", "action", "entityType", "entityId", "from", "to"].map((k) => `admin.audit.filter.${k}`),
      ...["order", "link", "content", "anchor", "anchorMissing"].map((k) => `admin.audit.verify.reason.${k}`),
      ...CODE_LIST_TYPES.flatMap((ty) => [`admin.codeLists.type.${ty}`, `admin.codeLists.format.${ty}`]),
      ...[0, 1, 2, 3].map((l) => `admin.institutions.levelName.${l}`),
      ...CRON_MESSAGE_KEYS,
      ...PARAMETER_KEYS.flatMap((k) => [`admin.params.key.${k}`, `admin.params.help.${k}`]),
      ...["escalation.amount", "rating.validityMonths", "upload.maxBytes"].map((k) => `admin.params.unit.${k}`),
      ...UPLOAD_TYPES.map((m) => `admin.params.mime.${m}`),
      ...["active", "inactive", "locked"].map((s) => `admin.status.${s}`),
    ];
    const missing = [...used, ...dynamic].filter((k) => !(k in zh) || !(k in en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(150);
  });
});
