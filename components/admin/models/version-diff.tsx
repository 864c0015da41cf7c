"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Side-by-side differences between this version and another one of the same model. */
export function VersionDiff({ versionId, others, defaultOther }: { versionId: number; others: { id: number; version: number; status: string }[]; defaultOther?: number }) {
  const t = useT();
  const trpc = useTRPC();
  const [other, setOther] = useState<number | undefined>(defaultOther ?? others[0]?.id);
  const otherVersion = others.find((o) => o.id === other);
  // the older version goes on the left
  const [beforeId, afterId] = otherVersion && otherVersion.id < versionId ? [otherVersion.id, versionId] : [versionId, other ?? versionId];
  const q = useQuery({ ...trpc.admin.models.diff.queryOptions({ beforeId, afterId }), enabled: other !== undefined });
  return (
    <Card title={t("models.diff")}>
      <label className="mb-3 flex items-center gap-2 text-sm" htmlFor="diff-with">
        {t("models.diff.with")}
        <select id="diff-with" className="rounded border border-slate-300 px-2 py-1 text-sm" value={other ?? ""} onChange={(e) => setOther(Number(e.target.value))} data-testid="diff-with">
          {others.map((o) => <option key={o.id} value={o.id}>v{o.version} · {t(`models.status.${o.status}`)}</option>)}
        </select>
      </label>
      {q.error ? <Alert>{q.error.message}</Alert> : null}
      {q.data ? (
        q.data.changes.length === 0 ? (
          <p className="text-sm text-slate-500">{t("models.diff.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <p className="mb-2 text-sm text-slate-600">{t("models.diff.count", { n: q.data.changes.length, before: `v${q.data.before.version}`, after: `v${q.data.after.version}` })}</p>
            <table className="min-w-full text-sm" data-testid="diff-table">
              <thead className="text-left text-xs text-slate-500">
                <tr><th scope="col" className="pr-4">{t("models.diff.path")}</th><th scope="col" className="pr-4">{t("models.diff.section")}</th><th scope="col" className="pr-4">v{q.data.before.version}</th><th scope="col">v{q.data.after.version}</th></tr>
              </thead>
              <tbody>
                {q.data.changes.map((c, i) => (
                  <tr key={i} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-4 font-mono text-xs">{c.path}</td>
                    <td className="py-1 pr-4 text-xs">{c.section} · {t(`models.diff.kind.${c.kind}`)}</td>
                    <td className="bg-red-50 py-1 pr-4 font-mono text-xs">{show(c.before)}</td>
                    <td className="bg-green-50 py-1 font-mono text-xs">{show(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </Card>
  );
}
