"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { actionErrorText } from "../form-errors";

/** Starts a batch re-rating of this published version's book and follows its progress (polled each second). */
export function BatchRerating({ versionId }: { versionId: number }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    ...trpc.admin.models.reratings.queryOptions({ versionId }),
    refetchInterval: (query) => ((query.state.data ?? []).some((j) => j.status === "running" || j.status === "queued") ? 1000 : false),
  });
  const start = useMutation(trpc.admin.models.startRerating.mutationOptions());
  const resume = useMutation(trpc.admin.models.resumeRerating.mutationOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.models.reratings.queryKey({ versionId }) });
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  const jobs = q.data ?? [];
  const busy = jobs.some((j) => j.status === "running" || j.status === "queued");
  return (
    <Card title={t("rerating.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("rerating.intro")}</p>
      {error ? <div className="mb-3"><Alert>{error}</Alert></div> : null}
      <Button
        data-testid="start-rerating"
        disabled={busy || start.isPending}
        onClick={async () => {
          setError(null);
          try {
            await start.mutateAsync({ versionId });
            await refresh();
          } catch (e) {
            setError(actionErrorText(e));
          }
        }}
      >
        {t("rerating.start")}
      </Button>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">{t("rerating.history")}</h3>
      {jobs.length === 0 ? <p className="text-sm text-slate-500">{t("rerating.none")}</p> : null}
      <ul className="mt-2 space-y-3" data-testid="rerating-jobs">
        {jobs.map((j) => {
          const pct = j.total ? Math.round((j.done / j.total) * 100) : 100;
          return (
            <li key={j.id} className="rounded border border-slate-200 p-3 text-sm" data-testid={`rerating-job-${j.id}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>#{j.id} · <span data-testid="rerating-status">{t(`rerating.status.${j.status}`)}</span> · {t("rerating.started")} {j.startedAt ? fmt.format(new Date(j.startedAt)) : "—"}{j.finishedAt ? ` · ${t("rerating.finished")} ${fmt.format(new Date(j.finishedAt))}` : ""}</span>
                {j.status === "failed" ? (
                  <Button variant="secondary" onClick={async () => { setError(null); try { await resume.mutateAsync({ jobId: j.id }); await refresh(); } catch (e) { setError(actionErrorText(e)); } }}>
                    {t("rerating.resume")}
                  </Button>
                ) : null}
              </div>
              <div className="mt-2 h-2 w-full rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={j.total} aria-valuenow={j.done} aria-label={t("rerating.progress", { done: j.done, total: j.total })}>
                <div className="h-2 rounded bg-brand-600" style={{ width: `${pct}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-600" data-testid="rerating-progress">{t("rerating.progress", { done: j.done.toLocaleString(), total: j.total.toLocaleString() })}</p>
              {j.result ? <p className="text-xs text-slate-600">{t("rerating.changed")}: ↑{j.result.upgraded} ↓{j.result.downgraded} = {j.result.unchanged}</p> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
