"use client";
import { useT } from "@/components/i18n/provider";

const styles = { draft: "bg-amber-100 text-amber-800", published: "bg-green-100 text-green-800", retired: "bg-slate-200 text-slate-700" } as const;

export function ModelStatusBadge({ status, testId }: { status: keyof typeof styles; testId?: string }) {
  const t = useT();
  return <span data-testid={testId} className={`rounded px-2 py-0.5 text-xs ${styles[status]}`}>{t(`models.status.${status}`)}</span>;
}
