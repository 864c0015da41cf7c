"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale } from "@/components/i18n/provider";

/** <option>s of the active institutions, indented by level. */
export function InstitutionOptions() {
  const trpc = useTRPC();
  const locale = useLocale();
  const q = useQuery(trpc.admin.institutions.options.queryOptions());
  return (
    <>
      {q.data?.map((i) => (
        <option key={i.id} value={i.id}>
          {"　".repeat(i.level)}
          {locale === "zh" ? i.nameZh : i.nameEn} ({i.code})
        </option>
      ))}
    </>
  );
}
