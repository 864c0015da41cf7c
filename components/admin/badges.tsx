"use client";
import { useT } from "@/components/i18n/provider";

export function StatusBadge({ active, locked, testId }: { active: boolean; locked?: boolean; testId?: string }) {
  const t = useT();
  if (locked) return <span data-testid={testId} className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{t("admin.status.locked")}</span>;
  return active ? (
    <span data-testid={testId} className="rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">{t("admin.status.active")}</span>
  ) : (
    <span data-testid={testId} className="rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-700">{t("admin.status.inactive")}</span>
  );
}
