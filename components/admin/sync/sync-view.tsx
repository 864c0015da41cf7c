"use client";
import { useEffect, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager } from "@/components/ui/pager";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";

/** Customer-system sync: start a run, watch its progress (polled each second while running), browse the history. */
export function SyncView() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [msg, setMsg] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const status = useQuery({ ...trpc.admin.sync.status.queryOptions(), refetchInterval: (q) => (q.state.data?.latest?.status === "running" ? 1000 : 5000) });
  const running = status.data?.latest?.status === "running";
  const list = useQuery({ ...trpc.admin.sync.list.queryOptions({ page, pageSize: 20 }), placeholderData: keepPreviousData, refetchInterval: running ? 2000 : false });
  // the history follows the latest run's state: when a run ends between two list polls (a small run ends within a
  // second), the list would otherwise keep showing it as running, since polling stops as soon as nothing runs
  const latestKey = status.data?.latest ? `${status.data.latest.id}:${status.data.latest.status}` : "";
  useEffect(() => {
    if (latestKey) void qc.invalidateQueries({ queryKey: trpc.admin.sync.list.queryKey() });
  }, [latestKey, qc, trpc]);
  const start = useMutation(
    trpc.admin.sync.start.mutationOptions({
      onSuccess: (r) => {
        setMsg({ kind: "success", text: t("admin.sync.started", { id: r.runId }) });
        void qc.invalidateQueries({ queryKey: trpc.admin.sync.status.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.admin.sync.list.queryKey() });
      },
      onError: (e) => {
        const code = (e.data as { domainCode?: string } | undefined)?.domainCode;
        setMsg({ kind: "error", text: code === "BUSY" ? t("admin.sync.busy") : code === "VALIDATION" ? t("admin.sync.noSource") : e.message });
      },
    }),
  );
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  const num = (n: number) => n.toLocaleString(locale === "zh" ? "zh-CN" : "en-US");
  const latest = status.data?.latest;
  const pct = latest && latest.customersTotal ? Math.min(100, Math.round((latest.customersDone / latest.customersTotal) * 100)) : null;

  return (
    <div className="space-y-6">
      <Card title={t("admin.sync.now")}>
        <p className="mb-3 text-sm text-slate-600">{t("admin.sync.help")}</p>
        <div className="flex flex-wrap gap-3">
          <Button type="button" disabled={running || start.isPending} onClick={() => start.mutate({ mode: "incremental" })} data-testid="sync-now">
            {t("admin.sync.startIncremental")}
          </Button>
          <Button type="button" variant="secondary" disabled={running || start.isPending} onClick={() => start.mutate({ mode: "full" })} data-testid="sync-full">
            {t("admin.sync.startFull")}
          </Button>
        </div>
        {msg && <div className="mt-3"><Alert kind={msg.kind}>{msg.text}</Alert></div>}
        {latest && running && (
          <div className="mt-4" data-testid="sync-progress">
            <div className="mb-1 text-sm">{t("admin.sync.progress", { id: latest.id, done: num(latest.customersDone), total: latest.customersTotal === null ? "?" : num(latest.customersTotal) })}</div>
            <div className="h-2 w-full rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? 0}>
              <div className="h-2 rounded bg-blue-600 transition-all" style={{ width: `${pct ?? 5}%` }} />
            </div>
          </div>
        )}
      </Card>
      <Card title={t("admin.sync.history")}>
        {list.error && <Alert>{list.error.message}</Alert>}
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="sync-history">
            <thead className="border-b text-left text-slate-600">
              <tr>
                {["id", "started", "finished", "mode", "trigger", "status", "read", "inserted", "updated", "unchanged", "rejected", "deleted", "report"].map((c) => (
                  <th key={c} className="py-2 pr-3 font-medium">{t(`admin.sync.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(list.data?.rows ?? []).map((r) => (
                <tr key={r.id} className="border-b last:border-0">
                  <td className="py-2 pr-3">{r.id}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{fmt.format(new Date(r.startedAt))}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{r.finishedAt ? fmt.format(new Date(r.finishedAt)) : "—"}</td>
                  <td className="py-2 pr-3">{t(`admin.sync.mode.${r.mode}`)}</td>
                  <td className="py-2 pr-3">{t(`admin.sync.trigger.${r.trigger}`)}{r.startedBy ? ` (${r.startedBy})` : ""}</td>
                  <td className="py-2 pr-3">
                    {t(`admin.sync.status.${r.status}`)}
                    {r.error ? <span className="block text-xs text-red-700">{t(r.error)}</span> : null}
                  </td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsRead)}</td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsInserted)}</td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsUpdated)}</td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsUnchanged)}</td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsRejected)}</td>
                  <td className="py-2 pr-3 text-right">{num(r.rowsDeleted)}</td>
                  <td className="py-2 pr-3">
                    <a className="text-blue-700 underline" href={`/api/admin/sync/${r.id}/report`} download>{t("admin.sync.download", { n: num(r.reportSize) })}</a>
                  </td>
                </tr>
              ))}
              {list.data && !list.data.rows.length && (
                <tr><td colSpan={13} className="py-4 text-center text-slate-500">{t("admin.sync.empty")}</td></tr>
              )}
            </tbody>
          </table>
        </div>
        {list.data && <Pager page={page} pageSize={20} total={list.data.total} onPage={setPage} />}
      </Card>
    </div>
  );
}
