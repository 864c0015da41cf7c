"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

/** Re-scores the book under the draft on request (read-only) and shows the grade moves as a chart and tables. */
export function ImpactPreview({ draftId }: { draftId: number }) {
  const t = useT();
  const trpc = useTRPC();
  const [asked, setAsked] = useState(false);
  const q = useQuery({ ...trpc.admin.models.impact.queryOptions({ id: draftId }), enabled: asked, staleTime: 0 });
  const d = q.data;
  return (
    <Card title={t("models.impact")}>
      <Button variant="secondary" data-testid="run-impact" disabled={q.isFetching} onClick={() => (asked ? q.refetch() : setAsked(true))}>
        {q.isFetching ? t("models.impact.running") : t("models.impact.run")}
      </Button>
      {q.error ? <div className="mt-3"><Alert>{q.error.message}</Alert></div> : null}
      {d && !q.isFetching ? (
        <div className="mt-4 space-y-4" data-testid="impact-result">
          <p className="text-sm" data-testid="impact-summary">
            {t("models.impact.summary", { total: d.total, version: d.comparedWith.version, unchanged: d.unchanged, upgraded: d.upgraded, downgraded: d.downgraded })}
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="h-64" role="img" aria-label={t("models.impact.notches")}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={d.notchHistogram}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="notches" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="count" name={t("models.impact.customers")} isAnimationActive={false}>
                    {d.notchHistogram.map((h) => <Cell key={h.notches} fill={h.notches > 0 ? "#15803d" : h.notches < 0 ? "#b91c1c" : "#64748b"} />)}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="text-sm" data-testid="impact-notches">
              <thead className="text-left text-xs text-slate-500"><tr><th scope="col" className="pr-4">{t("models.impact.notches")}</th><th scope="col">{t("models.impact.customers")}</th></tr></thead>
              <tbody>
                {d.notchHistogram.map((h) => (
                  <tr key={h.notches} className="border-t border-slate-100"><td className="py-1 pr-4 tabular-nums">{h.notches > 0 ? `+${h.notches}` : h.notches}</td><td className="py-1 tabular-nums">{h.count}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="overflow-x-auto">
            <table className="text-xs" data-testid="impact-matrix">
              <caption className="mb-1 text-left text-sm text-slate-600">{t("models.impact.matrix")}</caption>
              <thead><tr><th scope="col" /> {d.grades.map((g) => <th key={g} scope="col" className="px-2 font-mono">{g}</th>)}</tr></thead>
              <tbody>
                {d.matrix.map((row, i) => (
                  <tr key={d.grades[i]}>
                    <th scope="row" className="px-2 text-left font-mono">{d.grades[i]}</th>
                    {row.map((n, j) => (
                      <td key={j} className={`px-2 text-right tabular-nums ${n === 0 ? "text-slate-300" : i === j ? "" : j < i ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>{n}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
