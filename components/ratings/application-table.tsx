"use client";
import Link from "next/link";
import { useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager, SortHeader } from "@/components/ui/pager";
import { SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

type Sort = "reference" | "customer" | "status" | "grade" | "created" | "decided";
const STATUSES = ["draft", "system_rated", "submitted", "in_review", "returned", "approved", "rejected", "withdrawn"] as const;
const TYPES = ["corporate", "sme", "public_institution", "individual"] as const;
const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];

/** 评级查询: in-progress and finished ratings; filters, sort and page in the URL, applied by the server. */
export function ApplicationTable() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const pick = <T extends string>(k: string, allowed: readonly T[]) => ((allowed as readonly string[]).includes(sp.get(k) ?? "") ? (sp.get(k) as T) : undefined);
  const state = {
    q: sp.get("q") || undefined,
    status: pick("status", STATUSES),
    type: pick("type", TYPES),
    grade: sp.get("grade") || undefined,
    industryCode: sp.get("industry") || undefined,
    from: /^\d{4}-\d{2}-\d{2}$/.test(sp.get("from") ?? "") ? sp.get("from")! : undefined,
    to: /^\d{4}-\d{2}-\d{2}$/.test(sp.get("to") ?? "") ? sp.get("to")! : undefined,
    sort: (sp.get("sort") as Sort) || "created",
    dir: sp.get("dir") === "asc" ? ("asc" as const) : ("desc" as const),
    page: Math.max(1, Number(sp.get("page")) || 1),
    pageSize: 20,
  };
  const [q, setQ] = useState(state.q ?? "");
  const query = useQuery({ ...trpc.applications.list.queryOptions(state), placeholderData: keepPreviousData });
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    router.replace(`${pathname}?${next.toString()}`);
  };
  const onSort = (c: Sort) => update({ sort: c, dir: state.sort === c && state.dir === "desc" ? "asc" : "desc", page: 1 });
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <form className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search" onSubmit={(e) => { e.preventDefault(); update({ q, page: 1 }); }}>
        <TextInput id="app-q" aria-label={t("customers.searchPlaceholder")} placeholder={t("customers.searchPlaceholder")} value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectInput id="app-status" aria-label={t("workflow.status")} value={state.status ?? ""} onChange={(e) => update({ status: e.target.value, page: 1 })}>
          <option value="">{t("workflow.status")}: {t("common.all")}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </SelectInput>
        <SelectInput id="app-type" aria-label={t("customers.type")} value={state.type ?? ""} onChange={(e) => update({ type: e.target.value, page: 1 })}>
          <option value="">{t("customers.type")}: {t("common.all")}</option>
          {TYPES.map((s) => <option key={s} value={s}>{t(`customerType.${s}`)}</option>)}
        </SelectInput>
        <SelectInput id="app-grade" aria-label={t("customers.grade")} value={state.grade ?? ""} onChange={(e) => update({ grade: e.target.value, page: 1 })}>
          <option value="">{t("customers.grade")}: {t("common.all")}</option>
          {GRADES.map((g) => <option key={g}>{g}</option>)}
        </SelectInput>
        <TextInput id="app-from" type="date" aria-label={t("workflow.filters.from")} value={state.from ?? ""} onChange={(e) => update({ from: e.target.value, page: 1 })} />
        <TextInput id="app-to" type="date" aria-label={t("workflow.filters.to")} value={state.to ?? ""} onChange={(e) => update({ to: e.target.value, page: 1 })} />
        <div className="flex gap-2"><Button type="submit">{t("common.search")}</Button><Button type="button" variant="secondary" onClick={() => { setQ(""); router.replace(pathname); }}>{t("common.reset")}</Button></div>
      </form>
      {query.error ? <Alert>{query.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="application-table">
          <thead className="text-slate-500">
            <tr>
              <SortHeader label={t("workflow.reference")} column="reference" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.name")} column="customer" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("workflow.status")} column="status" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("customers.grade")} column="grade" sort={state.sort} dir={state.dir} onSort={onSort} />
              <th className="py-2 pr-3 text-left font-medium">{t("customers.institution")}</th>
              <SortHeader label={t("workflow.created")} column="created" sort={state.sort} dir={state.dir} onSort={onSort} />
            </tr>
          </thead>
          <tbody>
            {query.data?.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="py-2 pr-3 font-mono"><Link className="text-brand-700 underline" href={`/ratings/${r.id}`}>{r.reference}</Link></td>
                <td className="py-2 pr-3">{r.customerName} <span className="text-slate-400">{r.customerCode}</span></td>
                <td className="py-2 pr-3">{t(`status.${r.status}`)}</td>
                <td className="py-2 pr-3 font-medium">{r.grade ?? "—"}</td>
                <td className="py-2 pr-3">{locale === "zh" ? r.institutionNameZh : r.institutionNameEn}</td>
                <td className="py-2 pr-3 tabular-nums">{new Date(r.createdAt).toLocaleDateString(locale === "zh" ? "zh-CN" : "en-GB")}</td>
              </tr>
            ))}
            {query.data && !query.data.rows.length ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("ratings.empty")}</td></tr> : null}
          </tbody>
        </table>
      </div>
      {query.data ? <Pager page={state.page} pageSize={state.pageSize} total={query.data.total} onPage={(p) => update({ page: p })} /> : null}
    </div>
  );
}
