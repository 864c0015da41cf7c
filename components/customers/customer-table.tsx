"use client";
import Link from "next/link";
import { useRouter, useSearchParams, usePathname } from "next/navigation";
import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager, SortHeader } from "@/components/ui/pager";
import { SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

type Sort = "code" | "name" | "type" | "grade" | "institution" | "expires";
const TYPES = ["corporate", "sme", "public_institution", "individual"] as const;
const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];

/** Customer list: filters, sort and page live in the URL and are applied by the server. */
export function CustomerTable() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const state = {
    q: sp.get("q") ?? undefined,
    type: (TYPES as readonly string[]).includes(sp.get("type") ?? "") ? (sp.get("type") as (typeof TYPES)[number]) : undefined,
    grade: sp.get("grade") || undefined,
    sort: (sp.get("sort") as Sort) || "code",
    dir: sp.get("dir") === "desc" ? ("desc" as const) : ("asc" as const),
    page: Math.max(1, Number(sp.get("page")) || 1),
    pageSize: 20,
  };
  const [q, setQ] = useState(state.q ?? "");
  const query = useQuery({ ...trpc.customers.list.queryOptions(state), placeholderData: keepPreviousData });

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    router.replace(`${pathname}?${next.toString()}`);
  };
  const onSort = (c: Sort) => update({ sort: c, dir: state.sort === c && state.dir === "asc" ? "desc" : "asc", page: 1 });

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <form
        className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-4"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q, page: 1 });
        }}
      >
        <label className="sr-only" htmlFor="customer-q">{t("customers.searchPlaceholder")}</label>
        <TextInput id="customer-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("customers.searchPlaceholder")} />
        <SelectInput id="customer-type" aria-label={t("customers.type")} value={state.type ?? ""} onChange={(e) => update({ type: e.target.value, page: 1 })}>
          <option value="">{t("customers.type")}: {t("common.all")}</option>
          {TYPES.map((ty) => <option key={ty} value={ty}>{t(`customerType.${ty}`)}</option>)}
        </SelectInput>
        <SelectInput id="customer-grade" aria-label={t("customers.grade")} value={state.grade ?? ""} onChange={(e) => update({ grade: e.target.value, page: 1 })}>
          <option value="">{t("customers.grade")}: {t("common.all")}</option>
          {GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
        </SelectInput>
        <div className="flex gap-2">
          <Button type="submit">{t("common.search")}</Button>
          <Button type="button" variant="secondary" onClick={() => { setQ(""); router.replace(pathname); }}>{t("common.reset")}</Button>
        </div>
      </form>
      {query.error ? <Alert>{query.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="customer-table">
          <thead className="text-slate-500">
            <tr>
              <SortHeader label={t("customers.code")} column="code" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.name")} column="name" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.type")} column="type" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.institution")} column="institution" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.grade")} column="grade" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.expires")} column="expires" sort={state.sort} dir={state.dir} onSort={onSort} />
            </tr>
          </thead>
          <tbody aria-busy={query.isFetching}>
            {query.data?.rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="py-2 pr-3 font-mono"><Link className="text-brand-700 underline" href={`/customers/${c.id}`}>{c.code}</Link></td>
                <td className="py-2 pr-3">{c.name}</td>
                <td className="py-2 pr-3">{t(`customerType.${c.type}`)}</td>
                <td className="py-2 pr-3">{locale === "zh" ? c.institutionNameZh : c.institutionNameEn}</td>
                <td className="py-2 pr-3 font-medium">{c.grade ?? "—"}</td>
                <td className="py-2 pr-3 tabular-nums">{c.expiresOn ?? "—"}</td>
              </tr>
            ))}
            {query.data && query.data.rows.length === 0 ? (
              <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.noData")}</td></tr>
            ) : null}
            {query.isLoading ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.loading")}</td></tr> : null}
          </tbody>
        </table>
      </div>
      {query.data ? <Pager page={state.page} pageSize={state.pageSize} total={query.data.total} onPage={(p) => update({ page: p })} /> : null}
    </div>
  );
}
