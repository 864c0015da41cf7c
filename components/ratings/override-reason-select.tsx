"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale } from "@/components/i18n/provider";

/** The active override reasons from the admin code list, shown with their names in the user's language. */
export function OverrideReasonSelect({ id, value, onChange, disabled, className }: { id: string; value: string; onChange: (code: string) => void; disabled?: boolean; className?: string }) {
  const trpc = useTRPC();
  const locale = useLocale();
  const reasons = useQuery(trpc.workspace.overrideReasons.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  return (
    <select id={id} className={className} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {(reasons.data ?? []).map((r) => (
        <option key={r.code} value={r.code}>
          {r.code} {locale === "zh" ? r.nameZh : r.nameEn}
        </option>
      ))}
      {/* a stored code that was deactivated since stays visible on the record it belongs to */}
      {value && reasons.data && !reasons.data.some((r) => r.code === value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}
