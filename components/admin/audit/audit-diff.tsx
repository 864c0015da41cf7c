"use client";
import { useT } from "@/components/i18n/provider";
import { diffValues, formatValue } from "@/server/domain/audit/diff";

/** Before/after of an audit row as a table of changed fields. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const lines = diffValues(before ?? null, after ?? null);
  if (!lines.length) return <p className="text-sm text-slate-500">{t("admin.audit.noChanges")}</p>;
  return (
    <table className="w-full text-xs" data-testid="audit-diff">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">{t("admin.audit.field")}</th>
          <th className="py-1 pr-3 font-medium">{t("admin.audit.col.before")}</th>
          <th className="py-1 pr-3 font-medium">{t("admin.audit.col.after")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.path} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono">{l.path}</td>
            <td className="break-all py-1 pr-3 font-mono text-red-700">{l.kind === "added" ? "" : <del>{formatValue(l.before)}</del>}</td>
            <td className="break-all py-1 pr-3 font-mono text-green-800">{l.kind === "removed" ? "" : <ins className="no-underline">{formatValue(l.after)}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
